#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The released runs' dominant-case shares in a later run's audit (decision 0042): on the 6 x 6 grid
# fixture with the halves service layer, a proposal publishes `halves_dominant_case_share` for its
# localities of 50 cases or more; a later run given its folder with --released and the same service
# layer takes every one of them into its audit (summary.json disclosure.released[].share_windows,
# counted here from the release's own layer); a later run without that layer says it could not
# (share_layers_not_rebuilt, and the report).
#   released_shares.sh LOCALITY AUDIT DATA_DIR OUT_DIR
source "$(dirname "$0")/grid_runs.sh"
service=(--service-areas "halves=$data/fixtures/halves3x3.geojson")
"$locality" propose "${inputs[@]}" "${service[@]}" --seed 1 --k 3 --format geojson --output "$out/first" \
    --overwrite --quiet
"$locality" propose "${inputs[@]}" "${service[@]}" --seed 1 --k 4 --format geojson --released "$out/first" \
    --output "$out/same" --overwrite --quiet
"$locality" propose "${inputs[@]}" --seed 1 --k 4 --format geojson --released "$out/first" \
    --output "$out/other" --overwrite --quiet
/usr/bin/python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
layer = json.load(open(f"{out}/first/localities.geojson"))
published = sum(1 for f in layer["features"] if f["properties"].get("halves_dominant_case_share") is not None)
if published == 0:
    sys.exit("the release publishes no share: the test would prove nothing")
same = json.load(open(f"{out}/same/summary.json"))["disclosure"]["released"][0]
if same["share_windows"] != published or same["share_layers_not_rebuilt"] != []:
    sys.exit(f"same service layer: {same['share_windows']} share windows for {published} published shares, "
             f"not rebuilt {same['share_layers_not_rebuilt']}")
other = json.load(open(f"{out}/other/summary.json"))["disclosure"]["released"][0]
if other["share_windows"] != 0 or other["share_layers_not_rebuilt"] != ["halves"]:
    sys.exit(f"no service layer: {other['share_windows']} windows, not rebuilt {other['share_layers_not_rebuilt']}")
if "not in the audit" not in open(f"{out}/other/report.html").read():
    sys.exit("the report does not say that the release's shares are not in the audit")
print(f"{published} released shares rebuilt as windows")
PY
