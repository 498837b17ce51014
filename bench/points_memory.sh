#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Case points are streamed, never all held: the peak memory of `locality overlay` on the demo tracts with
# 200,000 and with 2,000,000 generated points (in the NYC bounding box, WGS 84) should be the same, and
# far below the 2,000,000 x (x, y, agency) = 40 MB that holding them would add (more with their text).
#   bash bench/points_memory.sh [BUILD_DIR]      (default build/)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for n in 200000 2000000; do
    /usr/bin/python3 - "$n" "$work/points.csv" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(1)
with open(path, "w") as f:
    f.write("longitude,latitude,agency\n")
    for i in range(n):
        f.write(f"{rng.uniform(-74.25, -73.70):.6f},{rng.uniform(40.50, 40.91):.6f},a{i % 7}\n")
PY
    size=$(du -m "$work/points.csv" | cut -f1)
    /usr/bin/time -f "%M %e" -o "$work/time" "$build/locality" overlay \
        --areas 'data/demo/nyc_demo.gpkg|layername=tract' --area-id geoid --population population \
        --cases "$work/points.csv" --agency-field agency --output "$work/out" --overwrite --quiet
    read -r rss seconds < "$work/time"
    echo "points $n (CSV ${size} MB): peak RSS $((rss / 1024)) MB, ${seconds} s"
done
