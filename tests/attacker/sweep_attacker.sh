#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The attacker's test of a sweep of more than 3 scenarios (issue 18): the 6 x 6 grid fixture swept
# over k = 3..8, every scenario's localities read together with `locality overlay`'s area counts of
# the same cases by locality_attacker_audit, which fails if it narrows any withheld small count beyond
# those the sweep declares in summary.json (disclosure.joint_narrowed). Scenarios protected one at a
# time leak here (27 small counts narrowed, 17 exactly). The sweep's own area_counts.csv is read too.
#   sweep_attacker.sh LOCALITY AUDIT DATA_DIR OUT_DIR
source "$(dirname "$0")/grid_runs.sh"
# With --area-counts (decision 0042): one area_counts.csv for every scenario, audited with them all.
"$locality" propose "${inputs[@]}" --seed 1 --k 3..8 --format geojson --area-counts --output "$out/sweep" \
    --overwrite --quiet
declared=$(/usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["disclosure"]["joint_narrowed"])' \
    "$out/sweep/summary.json")
localities=()
for k in 03 04 05 06 07 08; do
    localities+=(--localities "$out/sweep/assignment_k$k.csv" "$out/sweep/localities_k$k.geojson")
done
"$audit" 5 "$out/truth/area_counts.csv" "$out/sweep/summary.json" --areas "$out/overlay/area_counts.csv" \
    --areas "$out/sweep/area_counts.csv" "${localities[@]}" --declared "$declared"
# The sweep's area counts are overlay's, published and withheld alike (one base pattern).
/usr/bin/python3 - "$out/overlay/area_counts.csv" "$out/sweep/area_counts.csv" <<'PY'
import csv, sys
def counts(path):
    with open(path, newline="") as f:
        return {row["area_id"]: {k: v for k, v in row.items() if k.startswith("cases_")} for row in csv.DictReader(f)}
overlay, sweep = counts(sys.argv[1]), counts(sys.argv[2])
if overlay != sweep:
    sys.exit("the sweep's area_counts.csv differs from overlay's")
PY
