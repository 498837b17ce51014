#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# GDAL stays behind io (reading) and output (writing), decision 0006: no GDAL, OGR or CPL include in
# any other module, and none in a public header (include/), so nothing above them depends on GDAL.
# Run from the project's root.
set -euo pipefail
offenders=$(grep -rlE '#include[[:space:]]*[<"](gdal|ogr|cpl)' src include | grep -vE '^src/(io|output)/' || true)
if [ -n "$offenders" ]; then
    echo "GDAL included outside src/io and src/output (see docs/decisions/0006):" >&2
    echo "$offenders" >&2
    exit 1
fi
echo "GDAL is included only in src/io and src/output"
