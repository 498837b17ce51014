#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The plugin under qgis_process, headless, as a script user runs it:
#   qgis_process_propose.sh <build>/qgis <CLI demo output folder>
# enables the plugin from the build tree, checks `list` shows the provider, runs locality:propose
# with the demo's arguments (data/demo/propose.args) and compares assignment.csv byte for byte with
# the CLI's; the localities layer must load with its categorised renderer; runs locality:frontier on the
# 3x3 grid and loads what it reports (frontier.csv, every point's styled layer). Then a text field as
# population and a missing layer must end in a Processing error with the CLI's message.
# Last, the zip installed as "Install from ZIP" does: listed, and a clear error without an executable.
# Exit 77 when QGIS is not installed (the ctest entry reports a skip).
set -euo pipefail
plugin_parent=$1
cli_out=$2
if ! command -v qgis_process.bin >/dev/null; then
    echo "qgis_process.bin not found (Debian package qgis): skipped"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A throw-away QGIS profile; Debian's qgis_process wrapper script is broken, so the binary itself.
export HOME=$work XDG_RUNTIME_DIR=$work QT_QPA_PLATFORM=offscreen QGIS_PLUGINPATH=$plugin_parent
qp() { qgis_process.bin "$@" 2>&1; }

qp plugins enable locality_processing >/dev/null
qp list > "$work/list.txt"
grep -q '^locality$' "$work/list.txt" || { echo "FAIL: provider 'locality' not listed"; cat "$work/list.txt"; exit 1; }
for algorithm in propose overlay regionalize evaluate compare frontier; do
    grep -q "locality:$algorithm" "$work/list.txt" || { echo "FAIL: locality:$algorithm not listed"; exit 1; }
done

# The demo's arguments (data/demo/propose.args) as Processing parameters.
qp run locality:propose \
    "--AREAS=data/demo/nyc_demo.gpkg|layername=tract" --AREA_ID=geoid --POPULATION=population \
    --CASES=data/demo/nyc311_2018-06.csv --CASES=data/demo/nyc311_2022-05-01.csv --AGENCY_FIELD=Agency \
    --AGENCY_NAMES=data/demo/agency_names.csv \
    "--SERVICE_AREAS=data/demo/nyc_demo.gpkg|layername=police" \
    "--SERVICE_AREAS=data/demo/nyc_demo.gpkg|layername=school" --SERVICE_AREA_NAMES=police,schools \
    --MIN_POPULATION=1000000 --SEED=1 --OUTPUT="$work/out" > "$work/run.txt" || {
    echo "FAIL: qgis_process run locality:propose"; cat "$work/run.txt"; exit 1; }
grep -q 'contiguity' "$work/run.txt" || { echo "FAIL: no progress stage in the log"; cat "$work/run.txt"; exit 1; }
grep -q "WARNING:.*separate landmasses" "$work/run.txt" || { echo "FAIL: the CLI's warning is not in the log"; exit 1; }
cmp "$work/out/assignment.csv" "$cli_out/assignment.csv" || {
    echo "FAIL: assignment.csv differs from the CLI's"; exit 1; }
echo "assignment.csv: the same as the CLI's"

/usr/bin/python3 - "$work/out/localities.gpkg|layername=localities" <<'PYEOF' 2>&1 | grep -v -i deprecat
import os, sys
from qgis.core import QgsApplication, QgsVectorLayer
app = QgsApplication([], False)
app.initQgis()
layer = QgsVectorLayer(sys.argv[1], 'localities', 'ogr')
renderer = layer.renderer().type() if layer.isValid() else None
print('localities layer: valid={} features={} renderer={}'.format(layer.isValid(), layer.featureCount(), renderer))
os._exit(0 if layer.isValid() and renderer == 'categorizedSymbol' and layer.featureCount() > 0 else 1)
PYEOF
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "FAIL: the localities layer did not load with its categorised renderer"; exit 1; }

# locality:frontier on the 3x3 grid (the police's teams: its halves): the results name frontier.csv, the
# shown point's localities and every point's layer of scenarios.gpkg, each loading with its style.
qgis_process.bin run locality:frontier --json --AREAS=data/fixtures/grid3x3.geojson --AREA_ID=cell_id \
    --POPULATION=pop --CASES=data/fixtures/points3x3.csv --AGENCY_FIELD=agency --CASES_CRS=EPSG:32618 \
    --SERVICE_AREAS=data/fixtures/halves3x3.geojson --SERVICE_AREA_NAMES=police --K=2 --SEED=1 \
    --SUPPRESS_BELOW=0 --FRONTIER=police --FRONTIER_WEIGHTS=0,1,100 --OUTPUT="$work/frontier" \
    > "$work/frontier.json" 2> "$work/frontier.err" || {
    echo "FAIL: qgis_process run locality:frontier"; cat "$work/frontier.err"; exit 1; }
/usr/bin/python3 - "$work/frontier.json" <<'PYEOF' 2>&1 | grep -v -i deprecat
import json, os, sys
from qgis.core import QgsApplication, QgsVectorLayer, QgsWkbTypes
app = QgsApplication([], False)
app.initQgis()
with open(sys.argv[1], encoding='utf-8') as handle:
    results = json.load(handle)['results']
table = QgsVectorLayer(results['FRONTIER'], 'frontier', 'ogr')
ok = table.isValid() and table.wkbType() == QgsWkbTypes.NoGeometry and table.featureCount() == 3
print('frontier.csv: valid={} rows={}'.format(table.isValid(), table.featureCount()))
ok = ok and len(results['POINTS']) == 3 and results['LOCALITIES'] in results['POINTS']
for source in results['POINTS']:
    layer = QgsVectorLayer(source, 'point', 'ogr')
    renderer = layer.renderer().type() if layer.isValid() else None
    print('{}: valid={} features={} renderer={}'.format(source.split('=')[-1], layer.isValid(),
                                                       layer.featureCount(), renderer))
    ok = ok and renderer == 'categorizedSymbol' and layer.featureCount() == 2
os._exit(0 if ok else 1)
PYEOF
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "FAIL: locality:frontier's outputs did not load styled"; exit 1; }

# A text field as population: the CLI's one-line message becomes the Processing error.
if qp run locality:propose "--AREAS=data/demo/nyc_demo.gpkg|layername=tract" --AREA_ID=geoid \
        --POPULATION=borough_name --CASES=data/demo/nyc311_2018-06.csv --AGENCY_FIELD=Agency --K=10 \
        --OUTPUT="$work/bad" > "$work/bad.txt"; then
    echo "FAIL: a text population field was accepted"; exit 1
fi
grep -E "^ERROR:.*borough_name" "$work/bad.txt" || { echo "FAIL: no Processing error naming the field"; cat "$work/bad.txt"; exit 1; }
[ ! -e "$work/bad/assignment.csv" ] || { echo "FAIL: a failed run wrote assignment.csv"; exit 1; }
# A missing layer: passed to the CLI as it is, whose message names it.
if qp run locality:propose "--AREAS=$work/missing.gpkg" --AREA_ID=geoid \
        --CASES=data/demo/nyc311_2018-06.csv --K=10 --OUTPUT="$work/missing" > "$work/missing.txt"; then
    echo "FAIL: a missing layer was accepted"; exit 1
fi
grep -E "^ERROR:.*missing\.gpkg" "$work/missing.txt" || {
    echo "FAIL: no Processing error naming the missing layer"; cat "$work/missing.txt"; exit 1; }

# The zip as "Install from ZIP" installs it: unpacked into the profile's plugins folder, away from the
# build tree and with no locality on PATH, the run must say it cannot find the executable.
export HOME=$work/zip_home
profile_plugins=$HOME/.local/share/QGIS/QGIS3/profiles/default/python/plugins
mkdir -p "$profile_plugins"
/usr/bin/python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
    "$plugin_parent/locality_processing.zip" "$profile_plugins"
unset QGIS_PLUGINPATH
qp plugins enable locality_processing >/dev/null
qp list | grep -q 'locality:propose' || { echo "FAIL: the plugin installed from the zip is not listed"; exit 1; }
if PATH=/usr/bin:/bin qp run locality:propose "--AREAS=data/demo/nyc_demo.gpkg|layername=tract" \
        --AREA_ID=geoid --CASES=data/demo/nyc311_2018-06.csv --K=10 --OUTPUT="$work/nowhere" > "$work/none.txt"; then
    echo "FAIL: a run without an executable succeeded"; exit 1
fi
grep -E "^ERROR:.*cannot find the locality executable" "$work/none.txt" || {
    echo "FAIL: no clear message when the executable is missing"; cat "$work/none.txt"; exit 1; }
echo "qgis.process_propose: OK"
