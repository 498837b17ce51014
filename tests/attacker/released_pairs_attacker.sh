#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The attacker's test of every ordered pair of separate runs (decision 0042): on the 6 x 6 grid
# fixture, a proposal with --k A and a later one with --k B given the first's folder with --released,
# for every A != B of 3..8, read together with `locality overlay`'s area counts by
# locality_attacker_audit. No withheld small count may be narrowed, and none declared: what
# withholding some of the later run's counts cannot protect (the release read with the reader's
# knowledge that a withheld locality count of the later run is small) is protected by withholding
# all of them. Main before decision 0042 declared 2 to 5 narrowed counts where --k 7 or 8 took part.
#   released_pairs_attacker.sh LOCALITY AUDIT DATA_DIR OUT_DIR
source "$(dirname "$0")/grid_runs.sh"
ks=(3 4 5 6 7 8)
for a in "${ks[@]}"; do
    "$locality" propose "${inputs[@]}" --seed 1 --k "$a" --format geojson --output "$out/k$a" --overwrite --quiet
done
status=0
for a in "${ks[@]}"; do
    for b in "${ks[@]}"; do
        [ "$a" = "$b" ] && continue
        later="$out/k${a}_then_k$b"
        "$locality" propose "${inputs[@]}" --seed 1 --k "$b" --format geojson --released "$out/k$a" \
            --output "$later" --overwrite --quiet
        declared=$(/usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["disclosure"]["joint_narrowed"])' \
            "$later/summary.json")
        if [ "$declared" != 0 ]; then
            echo "--k $a then --k $b: the later run declares $declared small counts narrowed" >&2
            status=1
        fi
        "$audit" 5 "$out/truth/area_counts.csv" "$later/summary.json" --areas "$out/overlay/area_counts.csv" \
            --localities "$out/k$a/assignment.csv" "$out/k$a/localities.geojson" \
            --localities "$later/assignment.csv" "$later/localities.geojson" --declared 0 >"$later/audit.txt" || {
            echo "--k $a then --k $b: the attacker narrows withheld small counts" >&2
            cat "$later/audit.txt" >&2
            status=1
        }
    done
done
exit "$status"
