#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `locality propose` against PostGIS, for real: the demo data loaded into the throw-away cluster of
# cluster.sh (areas and service areas as tables, the cases as a point table read through a view),
# outputs written as tables, checked against a run on the demo files.
#   propose.sh LOCALITY STATE WORKDIR      (run from the project root)
# Exit 77 when the cluster was skipped (no PostgreSQL); 1 with a message on the first failed check.
set -euo pipefail
locality="${1:?locality binary}"
state="${2:?state file of cluster.sh}"
work="${3:?work folder}"
[ -s "$state" ] || { echo "no PostGIS cluster (skipped by cluster.sh)"; exit 77; }
dir="$(cat "$state")"
bindir="${LOCALITY_PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}"
export PGHOST="$dir" PGUSER=locality PGDATABASE=locality
sql() { "$bindir/psql" -X -q -tA -v ON_ERROR_STOP=1 -c "$1"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"

# The demo in the database: tables as ogr2ogr loads them, the cases (two CSV files) in one point
# table with the original column names, read through a view.
demo=data/demo
ogr2ogr -f PostgreSQL PG:dbname=locality "$demo/nyc_demo.gpkg" tract police school -overwrite \
    -lco GEOMETRY_NAME=geom
sql "DROP TABLE IF EXISTS cases, cases_2263, demo_localities, demo_assignment, demo_summary, overlay_area_counts, overlay_summary CASCADE"
for f in "$demo/nyc311_2018-06.csv" "$demo/nyc311_2022-05-01.csv"; do
    ogr2ogr -f PostgreSQL PG:dbname=locality "$f" -nln cases -append -lco LAUNDER=NO -lco GEOMETRY_NAME=geom \
        -oo X_POSSIBLE_NAMES=Longitude -oo Y_POSSIBLE_NAMES=Latitude -oo KEEP_GEOM_COLUMNS=NO \
        -a_srs EPSG:4326 -nlt POINT -dialect OGRSQL -sql "SELECT Agency FROM \"$(basename "$f" .csv)\""
done
sql "CREATE VIEW cases_view AS SELECT * FROM cases"

# Reference: the demo on files.
mapfile -t demo_args < data/demo/propose.args
floor=$(grep -x -A1 -- --min-population data/demo/propose.args | tail -n 1)  # the demo's own floor
"$locality" "${demo_args[@]}" --output "$work/files" --overwrite --quiet

# The same from and to the database; a password typed into the connection string (the cluster
# trusts the socket, so libpq never sends it) must appear nowhere.
secret='s3cr3t-Pa55'
db="PG:dbname=locality password=$secret"
pg_args=(propose --areas "$db|layername=tract" --area-id geoid --population population
         --cases "$db|layername=cases_view" --agency-field Agency
         --service-areas "police=$db|layername=police" --service-areas "schools=$db|layername=school"
         --min-population "$floor" --seed 1)
"$locality" "${pg_args[@]}" --output "$db" --table-prefix demo_ --json > "$work/stdout.json" 2> "$work/stderr.txt" ||
    { cat "$work/stderr.txt"; fail "propose from and to PostGIS"; }

# Tables and their content.
[ "$(sql "SELECT count(*) FROM demo_localities")" = "$(grep -c '"type": "Feature"' "$work/files/localities.geojson")" ] ||
    fail "demo_localities has $(sql "SELECT count(*) FROM demo_localities") rows, localities.geojson another count"
[ "$(sql "SELECT GeometryType(geom) FROM demo_localities LIMIT 1")" = MULTIPOLYGON ] || fail "geometry type"
[ "$(sql "SELECT DISTINCT ST_SRID(geom) FROM demo_localities")" = 4326 ] || fail "localities not in EPSG:4326"
sql "SELECT area_id || ',' || locality FROM demo_assignment ORDER BY area_id" > "$work/assignment_db.csv"
tail -n +2 "$work/files/assignment.csv" | LC_ALL=C sort > "$work/assignment_files.csv"
LC_ALL=C sort -o "$work/assignment_db.csv" "$work/assignment_db.csv"
cmp -s "$work/assignment_db.csv" "$work/assignment_files.csv" ||
    fail "demo_assignment differs from the file run's assignment.csv ($(diff "$work/assignment_db.csv" "$work/assignment_files.csv" | grep -c '^<') lines)"
[ "$(sql "SELECT data_type FROM information_schema.columns WHERE table_name = 'demo_assignment' AND column_name = 'area_id'")" = "character varying" ] ||
    fail "area_id is not text"
[ "$(sql "SELECT count(*) FROM demo_summary")" = 1 ] || fail "demo_summary must have one row"
# The QGIS style, where QGIS looks for a PostGIS layer's default style: the same QML as the file run's.
sql "SELECT styleqml::text FROM layer_styles WHERE f_table_name = 'demo_localities' AND f_geometry_column = 'geom' AND useasdefault" > "$work/style_db.qml"
/usr/bin/python3 -c "import sys, xml.dom.minidom as m; a, b = (m.parse(f).documentElement.toxml() for f in sys.argv[1:]); sys.exit(a != b)" \
    "$work/style_db.qml" "$work/files/localities.qml" || fail "the style in layer_styles differs from localities.qml"
[ "$(sql "SELECT pg_typeof(summary)::text FROM demo_summary")" = jsonb ] || fail "summary is not jsonb"
for keys in "cases total read" "cases total assigned" "cases total outside" "localities count" "areas count"; do
    read -r -a k <<< "$keys"
    expr="summary"
    for ((i = 0; i < ${#k[@]} - 1; i++)); do expr+="->'${k[i]}'"; done
    expr+="->>'${k[-1]}'"
    db_value="$(sql "SELECT $expr FROM demo_summary")"
    file_value="$(/usr/bin/python3 -c "import json,sys; v=json.load(open(sys.argv[1]))
for k in sys.argv[2:]: v=v[k]
print(v)" "$work/files/summary.json" "${k[@]}")"
    [ "$db_value" = "$file_value" ] || fail "summary $keys: $db_value in the database, $file_value in the file"
done
[ "$(sql "SELECT summary->'outputs'->>0 FROM demo_summary")" = demo_localities ] || fail "summary outputs"

# No password anywhere; the connection is recorded with it hidden.
sql "SELECT summary::text FROM demo_summary" > "$work/summary_db.json"
for f in "$work/stdout.json" "$work/stderr.txt" "$work/summary_db.json"; do
    ! grep -q "$secret" "$f" || fail "the password appears in $(basename "$f")"
done
grep -q 'password=\*\*\*' "$work/summary_db.json" || fail "the summary does not record the connection (redacted)"

# Existing tables are refused without --overwrite (exit 1, tables untouched) and replaced with it.
before="$(sql "SELECT md5(summary::text) FROM demo_summary")"
if "$locality" "${pg_args[@]}" --output "$db" --table-prefix demo_ --quiet 2> "$work/refused.txt"; then
    fail "existing tables were overwritten without --overwrite"
fi
grep -q "use --overwrite" "$work/refused.txt" || fail "refusal message: $(cat "$work/refused.txt")"
! grep -q "$secret" "$work/refused.txt" || fail "the password appears in the refusal message"
[ "$(sql "SELECT md5(summary::text) FROM demo_summary")" = "$before" ] || fail "a refused run changed demo_summary"
"$locality" "${pg_args[@]}" --output "$db" --table-prefix demo_ --overwrite --quiet || fail "--overwrite"
[ "$(sql "SELECT count(*) FROM demo_summary")" = 1 ] || fail "--overwrite left more than one summary row"

# A run that fails leaves no table behind.
if "$locality" "${pg_args[@]/population/no_such_field}" --output "$db" --table-prefix failed_ --quiet 2> "$work/failed.txt"; then
    fail "a run with a missing population field succeeded"
fi
[ "$(sql "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'failed\_%'")" = 0 ] || fail "a failed run left tables"

# Overlay to the database: the counts table equals area_counts.csv of a file run.
"$locality" overlay --areas "$db|layername=tract" --area-id geoid --cases "$db|layername=cases_view" \
    --agency-field Agency --suppress-below 0 --output "$db" --table-prefix overlay_ --overwrite --quiet || fail "overlay to PostGIS"
"$locality" overlay --areas "$demo/nyc_demo.gpkg|layername=tract" --area-id geoid --cases "$demo/nyc311_2018-06.csv" \
    --cases "$demo/nyc311_2022-05-01.csv" --agency-field Agency --suppress-below 0 --output "$work/overlay_files" --overwrite --quiet
[ "$(sql "SELECT sum(cases_total) FROM overlay_area_counts")" = \
  "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "cases_total") c = i } NR > 1 { s += $c } END { print s }' \
     "$work/overlay_files/area_counts.csv")" ] || fail "overlay_area_counts total differs from area_counts.csv"

# --overlay-in-database: SQL counts (only the counts leave the database) equal the in-process ones,
# per area and agency, and so does the case accounting; propose gives the same localities.
"$locality" overlay --areas "$db|layername=tract" --area-id geoid --cases "$db|layername=cases_view" \
    --agency-field Agency --suppress-below 0 --overlay-in-database --output "$work/overlay_sql" --overwrite --quiet ||
    fail "overlay --overlay-in-database"
cmp -s "$work/overlay_sql/area_counts.csv" "$work/overlay_files/area_counts.csv" ||
    fail "--overlay-in-database counts differ from the in-process overlay: $(diff "$work/overlay_sql/area_counts.csv" "$work/overlay_files/area_counts.csv" | head -n 4)"
/usr/bin/python3 -c "import json,sys; a,b=(json.load(open(f))['cases'] for f in sys.argv[1:]); sys.exit(a != b)" \
    "$work/overlay_sql/summary.json" "$work/overlay_files/summary.json" || fail "--overlay-in-database case accounting"
"$locality" "${pg_args[@]}" --overlay-in-database --output "$work/propose_sql" --overwrite --quiet ||
    fail "propose --overlay-in-database"
cmp -s "$work/propose_sql/assignment.csv" "$work/files/assignment.csv" || fail "propose --overlay-in-database assignment"
# The same cases stored in the areas' SRID, with a key and a GiST index: the database counts per area
# (another query, see docs/decisions/0007), again equal to the in-process counts of the same table.
sql "CREATE TABLE cases_2263 AS SELECT ogc_fid, \"Agency\", ST_Transform(geom, 2263)::geometry(Point, 2263) AS geom FROM cases"
sql "ALTER TABLE cases_2263 ADD PRIMARY KEY (ogc_fid)"
sql "CREATE INDEX ON cases_2263 USING gist (geom)"
for mode in in_process in_database; do
    flag=(); [ "$mode" = in_database ] && flag=(--overlay-in-database)
    "$locality" overlay --areas "$db|layername=tract" --area-id geoid --cases "$db|layername=cases_2263" \
        --agency-field Agency --suppress-below 0 "${flag[@]}" --output "$work/overlay_2263_$mode" --overwrite --quiet || fail "overlay $mode"
done
cmp -s "$work/overlay_2263_in_database/area_counts.csv" "$work/overlay_2263_in_process/area_counts.csv" ||
    fail "--overlay-in-database (per area) counts differ from the in-process overlay"
/usr/bin/python3 -c "import json,sys; a,b=(json.load(open(f))['cases'] for f in sys.argv[1:]); sys.exit(a != b)" \
    "$work/overlay_2263_in_database/summary.json" "$work/overlay_2263_in_process/summary.json" ||
    fail "--overlay-in-database (per area) case accounting"
echo "PostGIS propose and overlay (in process and in the database): tables and files match the file runs"
