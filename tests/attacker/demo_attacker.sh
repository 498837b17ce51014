#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The attacker's test over the whole demo (issue 18 item 4): everything a demo run publishes
# (data/demo/propose.args with --area-counts) and a small --k sweep, each read together with
# `locality overlay` of the same inputs by locality_attacker_audit, which fails if it narrows any
# withheld small count beyond those the runs declare in summary.json.
#   demo_attacker.sh LOCALITY AUDIT OUT_DIR     (run from the project's root)
set -euo pipefail
locality="$1"
audit="$2"
out="$3"
mapfile -t args < data/demo/propose.args
# Inputs only: the verb and the clustering options left out, for overlay.
inputs=()
skip=0
for a in "${args[@]:1}"; do
    if [ "$skip" = 1 ]; then skip=0; continue; fi
    case "$a" in --min-population|--seed) skip=1; continue ;; esac
    inputs+=("$a")
done
"$locality" overlay "${inputs[@]}" --suppress-below 0 --output "$out/truth" --overwrite --quiet
"$locality" overlay "${inputs[@]}" --output "$out/overlay" --overwrite --quiet
"$locality" "${args[@]}" --area-counts --output "$out/propose" --overwrite --quiet
"$locality" propose "${inputs[@]}" --seed 1 --k 8..9 --format geojson --output "$out/sweep" --overwrite --quiet
# The small counts the runs themselves declare they could not widen (summary.json
# disclosure.joint_narrowed): the audit fails on any other.
declared=$(/usr/bin/python3 -c 'import json, sys; print(sum(json.load(open(f))["disclosure"].get("joint_narrowed", 0) for f in sys.argv[1:]))' \
    "$out/propose/summary.json" "$out/sweep/summary.json")
# What one run guarantees: its tables together with the area counts that overlay and --area-counts
# publish (one base pattern). Two separate runs over other localities are not protected against each
# other (decision 0032): each run is audited with the overlay on its own.
status=0
"$audit" 5 "$out/truth/area_counts.csv" "$out/propose/summary.json" \
    --areas "$out/overlay/area_counts.csv" \
    --areas "$out/propose/area_counts.csv" \
    --localities "$out/propose/assignment.csv" "$out/propose/localities.geojson" \
    --declared "$declared" || status=1
"$audit" 5 "$out/truth/area_counts.csv" "$out/propose/summary.json" \
    --areas "$out/overlay/area_counts.csv" \
    --localities "$out/sweep/assignment_k08.csv" "$out/sweep/localities_k08.geojson" \
    --localities "$out/sweep/assignment_k09.csv" "$out/sweep/localities_k09.geojson" \
    --declared "$declared" || status=1
exit "$status"
