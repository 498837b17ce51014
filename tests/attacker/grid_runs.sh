# SPDX-License-Identifier: MIT
# Sourced by the grid attacker tests (their arguments LOCALITY AUDIT DATA_DIR OUT_DIR): sets
# `locality`, `audit`, `data`, `out`, the 6 x 6 grid fixture's inputs (`inputs`), and runs `locality
# overlay` of them, the truth (--suppress-below 0) and as published, into $out/truth and $out/overlay.
set -euo pipefail
locality="$1"
audit="$2"
data="$3"
out="$4"
inputs=(--areas "$data/fixtures/grid6x6.geojson" --area-id cell_id --population pop
        --cases "$data/fixtures/points6x6.csv" --agency-field agency --cases-crs EPSG:32618)
"$locality" overlay "${inputs[@]}" --suppress-below 0 --output "$out/truth" --overwrite --quiet
"$locality" overlay "${inputs[@]}" --output "$out/overlay" --overwrite --quiet
