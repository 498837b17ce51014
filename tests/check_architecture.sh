#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The module boundaries the compiler does not enforce (ctest architecture.boundaries):
#  1. GDAL stays behind io (reading) and output (writing), decision 0006: no GDAL, OGR or CPL include
#     in any other module, and none in a public header (include/), so nothing above them depends on GDAL.
#  2. regionalize and disclosure are pure: no GEOS or GDAL, directly
#     or through the geom, io or output modules that wrap them.
#  3. No "../" include anywhere: a file names another module's header from an include directory.
#  4. Every random choice goes through the project's generator (src/regionalize/seeded_random.hpp):
#     no <random> engines, distributions or std::shuffle/std::sample in src/, whose results differ
#     between standard libraries (issue 15; the clang/libc++ stage .ci/libcxx proves the outputs).
#     std::random_device is allowed: output_set.cpp draws staging file names with it, not results.
#  5. A module's private headers (src/<module>/) stay in the module: src/ is an include directory of the
#     library only so that output can name io's GDAL glue ("io/gdal_glue.hpp": registration, the error
#     bridge, the result-set handle), and a module's subfolder its own headers ("pipeline/inputs.hpp").
#  6. pipeline makes no GEOS call: geometric work belongs to geom, overlay (coverage) and graph
#     (adjacency, colouring), which pipeline calls with WKB (issue 15).
# Usage: bash tests/check_architecture.sh [ROOT]   (ROOT: the project's root, default the current folder)
set -euo pipefail
cd "${1:-.}"
failed=0
report() {  # report TITLE OFFENDERS
    if [ -n "$2" ]; then
        echo "$1:" >&2
        echo "$2" >&2
        failed=1
    fi
}
existing() { for d in "$@"; do [ -d "$d" ] && echo "$d"; done; return 0; }

offenders=$(grep -rlE '#include[[:space:]]*[<"](gdal|ogr|cpl)' $(existing src include) | grep -vE '^src/(io|output)/' || true)
report "GDAL included outside src/io and src/output (see docs/decisions/0006)" "$offenders"

pure=$(existing src/regionalize include/locality/regionalize src/disclosure include/locality/disclosure)
offenders=$(grep -rnE '#include[[:space:]]*[<"]((gdal|ogr|cpl)[a-z_]*\.h|geos|locality/(geom|io|output)/)' $pure || true)
report "GEOS or GDAL reached from a pure module (regionalize, disclosure)" "$offenders"

code=$(existing src include tests bench fuzz)
offenders=$(grep -rnE '#include[[:space:]]*"\.\./' $code --include='*.cpp' --include='*.hpp' --include='*.h' \
    --include='*.in' || true)
report 'A "../" include (add the include directory and name the header from it)' "$offenders"

offenders=$(grep -rnE '#include[[:space:]]*<random>|std::(shuffle|sample|random_shuffle|mt19937|minstd_rand|ranlux|knuth_b|default_random_engine|[a-z_]+_distribution)\b' \
    $(existing src include) | grep -vE '^src/output/output_set\.cpp:[0-9]+:#include[[:space:]]*<random>' |
    grep -vE '^[^:]+:[0-9]+:[[:space:]]*(//|/?\*)' || true)
report "A random choice outside the project's generator (use SeededRandom, src/regionalize/seeded_random.hpp)" \
    "$offenders"

modules='core|geom|io|overlay|graph|regionalize|dissolve|output|pipeline|report|cli|disclosure'
offenders=$(grep -rnE "#include[[:space:]]*\"($modules)/" $(existing src) |
    grep -vE '^src/output/[^:]+:[0-9]+:#include[[:space:]]*"io/gdal_glue\.hpp"' |
    awk -F: '{ split($1, dir, "/"); match($3, /"[a-z]+\//); inc = substr($3, RSTART + 1, RLENGTH - 2);
               if (inc != dir[2]) print }' || true)
report "A module includes another module's private header (only output may include \"io/gdal_glue.hpp\")" \
    "$offenders"

offenders=$(grep -rnE 'GEOS[A-Za-z_]*_r[[:space:]]*\(|#include[[:space:]]*<geos' $(existing src/pipeline) || true)
report "A GEOS call in pipeline (move the geometric work to geom, overlay or graph)" "$offenders"

# ctest runs each Catch test case by its name as an argument: a name starting with "-" would be read as
# an option, and the test case would fail without running.
offenders=$(grep -rnE '(TEST_CASE|SCENARIO)\([[:space:]]*"-' $(existing tests) || true)
report "A test case named with a leading \"-\" (ctest passes the name as an argument: start with a word)" \
    "$offenders"

[ "$failed" -eq 0 ] || exit 1
echo "module boundaries hold: GDAL only in io and output, regionalize and disclosure pure, no \"../\" includes, one random generator, private headers private, no GEOS in pipeline, test names ctest can pass"
