#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The attacker's test of two separate runs (decision 0041): on the 6 x 6 grid fixture, a proposal
# and a later, separate proposal over other localities of the same cases, read together with
# `locality overlay`'s area counts by locality_attacker_audit. Protected apart (each only with the
# area counts), read together they narrow withheld small counts; the later run given the earlier's
# folder with --released narrows none beyond those the runs declare (summary.json
# disclosure.joint_narrowed).
#   released_attacker.sh LOCALITY AUDIT DATA_DIR OUT_DIR
source "$(dirname "$0")/grid_runs.sh"
"$locality" propose "${inputs[@]}" --seed 1 --k 4 --format geojson --output "$out/first" --overwrite --quiet
"$locality" propose "${inputs[@]}" --seed 1 --k 6 --format geojson --output "$out/apart" --overwrite --quiet
"$locality" propose "${inputs[@]}" --seed 1 --k 6 --format geojson --released "$out/first" \
    --output "$out/second" --overwrite --quiet
declared() {
    /usr/bin/python3 -c 'import json, sys; print(sum(json.load(open(f))["disclosure"]["joint_narrowed"] for f in sys.argv[1:]))' "$@"
}
audit_pair() {  # FIRST SECOND: both runs read with the overlay's area counts
    "$audit" 5 "$out/truth/area_counts.csv" "$out/first/summary.json" --areas "$out/overlay/area_counts.csv" \
        --localities "$out/$1/assignment.csv" "$out/$1/localities.geojson" \
        --localities "$out/$2/assignment.csv" "$out/$2/localities.geojson" \
        --declared "$(declared "$out/$1/summary.json" "$out/$2/summary.json")"
}
# Without --released the pair leaks (the audit's exit code 1: more narrowed than declared); this is
# main's behaviour, and what makes the test able to fail.
set +e
audit_pair first apart
status=$?
set -e
if [ "$status" != 1 ]; then
    echo "expected the separate runs to leak without --released (audit exit code $status)" >&2
    exit 1
fi
audit_pair first second
