#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Times `locality overlay` against QGIS "Count points in polygon" (native:countpointsinpolygon) and a
# PostGIS ST_Contains join on the same points and tracts, checks that the three count the same number
# of points, and prints a Markdown table with the machine and the versions. See bench/README.md.

set -uo pipefail

usage() {
    cat <<'EOF'
Usage: bench/compare_overlay.sh [options] POINTS.csv

POINTS.csv: lon,lat,agency (WGS 84), e.g. written by `locality_bench --write-csv FILE`.

Options (environment variable in brackets):
  --tracts SOURCE      polygons, GDAL source [TRACTS]
                       (default ../shared/data/nyc-nycgeo-boundaries/nyc_boundaries.gpkg, from the project root)
  --layer NAME         polygon layer [TRACTS_LAYER] (default tract)
  --area-id FIELD      polygon id field [AREA_ID] (default geoid)
  --locality BIN       locality binary [LOCALITY] (default build/locality, from the project root)
  --threads N          passed to `locality overlay --threads N` [LOCALITY_THREADS] (default: locality's own)
  --workdir DIR        work folder, kept [WORKDIR] (default: a new mktemp folder, removed at the end)
  --reps N             repetitions of each timing [REPS] (default 3)
  --generate N         first (re)write POINTS.csv with N points inside the polygons, drawn with PostGIS
                       ST_GeneratePoints in each polygon in proportion to --weight-field, seed 1 [GENERATE]
  --weight-field F     polygon field for --generate [WEIGHT_FIELD] (default pop_total_est; '' = area)
  --skip LIST          comma-separated among locality,qgis,postgis [SKIP]
  --no-install         never call apt-get [NO_INSTALL=1]
  -h, --help           this text

Missing Debian packages (postgresql, postgresql-15-postgis-3, qgis, python3-qgis, qgis-providers,
gdal-bin, time) are installed with apt-get (sudo when not root) unless --no-install.
EOF
}

die() {
    echo "compare_overlay: $*" >&2
    exit 1
}
log() { echo "compare_overlay: $*" >&2; }

# ---------------------------------------------------------------------------------------------------
# Arguments
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$script_dir/.." && pwd)
caller_dir=$PWD

tracts=${TRACTS:-}
layer=${TRACTS_LAYER:-tract}
area_id=${AREA_ID:-geoid}
locality=${LOCALITY:-}
threads=${LOCALITY_THREADS:-}
workdir=${WORKDIR:-}
reps=${REPS:-3}
generate=${GENERATE:-}
weight_field=${WEIGHT_FIELD-pop_total_est}
skip=${SKIP:-}
no_install=${NO_INSTALL:-}
points=""

while [ $# -gt 0 ]; do
    case $1 in
    --tracts) tracts=$2; shift 2 ;;
    --layer) layer=$2; shift 2 ;;
    --area-id) area_id=$2; shift 2 ;;
    --locality) locality=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --workdir) workdir=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --generate) generate=$2; shift 2 ;;
    --weight-field) weight_field=$2; shift 2 ;;
    --skip) skip=$2; shift 2 ;;
    --no-install) no_install=1; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; die "unknown option $1" ;;
    *) [ -z "$points" ] || die "only one POINTS.csv, got '$points' and '$1'"; points=$1; shift ;;
    esac
done
[ -n "$points" ] || { usage >&2; exit 2; }
[[ $reps =~ ^[1-9][0-9]*$ ]] || die "--reps takes a positive integer, got '$reps'"
[ -z "$generate" ] || [[ $generate =~ ^[1-9][0-9]*$ ]] || die "--generate takes a positive integer"

# Paths given by the caller are relative to the caller's folder; the defaults to the project root.
absolute() { case $1 in /*) echo "$1" ;; *) echo "$2/$1" ;; esac; }
points=$(absolute "$points" "$caller_dir")
if [ -n "$tracts" ]; then tracts=$(absolute "$tracts" "$caller_dir"); else
    tracts=$root/../shared/data/nyc-nycgeo-boundaries/nyc_boundaries.gpkg
fi
if [ -n "$locality" ]; then locality=$(absolute "$locality" "$caller_dir"); else
    locality=$root/build/locality
fi
[ -e "$tracts" ] || die "polygon source not found: $tracts (use --tracts)"
[ -n "$generate" ] || [ -s "$points" ] || die "points CSV not found: $points (write it with locality_bench --write-csv, or use --generate N)"

skipped() { [[ ",$skip," == *",$1,"* ]]; }
run_postgis=1; run_qgis=1; run_locality=1
skipped postgis && run_postgis=""
skipped qgis && run_qgis=""
skipped locality && run_locality=""

keep_workdir=1
if [ -z "$workdir" ]; then
    workdir=$(mktemp -d "${TMPDIR:-/tmp}/locality-bench.XXXXXX") || die "mktemp failed"
    keep_workdir=""
else
    workdir=$(absolute "$workdir" "$caller_dir")
    mkdir -p "$workdir" || die "cannot create $workdir"
fi

# ---------------------------------------------------------------------------------------------------
# Dependencies
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
pg_major() { basename "$(dirname "$(pg_bindir)")"; }

missing=()
command -v ogr2ogr >/dev/null || missing+=(gdal-bin)
[ -x /usr/bin/time ] || missing+=(time)
if [ -n "$run_postgis$generate" ]; then
    [ -n "$(pg_bindir)" ] && command -v psql >/dev/null || missing+=(postgresql)
    major=$(pg_major); major=${major:-15}
    ls /usr/share/postgresql/"$major"/extension/postgis.control >/dev/null 2>&1 ||
        missing+=("postgresql-$major-postgis-3")
fi
if [ -n "$run_qgis" ]; then
    command -v qgis_process.bin >/dev/null || missing+=(qgis python3-qgis qgis-providers)
fi
if [ ${#missing[@]} -gt 0 ]; then
    [ -z "$no_install" ] || die "missing packages: ${missing[*]} (install them, or drop --no-install)"
    log "installing ${missing[*]}"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 &&
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 ||
        die "apt-get install ${missing[*]} failed"
fi

# ---------------------------------------------------------------------------------------------------
# Timing helpers. Wall time of a whole process: bash's `time` (ms); peak memory: GNU time %M (KiB).
TIMEFORMAT=%3R
# time_process LABEL N LOG -- command...: appends one "seconds max_rss_kib" line per run to $workdir/LABEL.times
time_process() {
    local label=$1 i=$2 logfile=$3
    shift 4
    local t rss
    if ! { time /usr/bin/time -f %M -o "$workdir/$label.rss" "$@" >"$logfile" 2>&1; } 2>"$workdir/$label.t"; then
        log "$label run $i failed, see $logfile:"
        tail -n 20 "$logfile" >&2
        return 1
    fi
    t=$(tail -n 1 "$workdir/$label.t")
    rss=$(tail -n 1 "$workdir/$label.rss")
    echo "$t $rss" >>"$workdir/$label.times"
    log "$label run $i: ${t} s, peak RSS $((rss / 1024)) MiB"
}
# stats FILE: "median min" of the first column
stats() {
    sort -g "$1" | awk '{v[NR] = $1} END {
        if (NR == 0) { print "n/a n/a"; exit }
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.3f %.3f\n", m, v[1] }'
}
max_rss_mib() { sort -g -k2 "$1" | tail -n 1 | awk '{printf "%d", $2 / 1024}'; }
# csv_sum FILE COLUMN: sum of a numeric column of a plain CSV with a header (no quoted commas)
csv_sum() {
    awk -F, -v col="$2" 'NR == 1 { for (i = 1; i <= NF; i++) { h = $i; gsub(/"|\r/, "", h); if (h == col) c = i }
                                   if (!c) { print "column " col " not found" > "/dev/stderr"; exit 1 }; next }
                         { gsub(/"/, "", $c); s += $c } END { printf "%d\n", s }' "$1"
}

# ---------------------------------------------------------------------------------------------------
# Throw-away PostgreSQL cluster: unix socket in the work folder only, no TCP, trust auth, removed at exit.
pg_up=""
pgdir=$workdir/pg
db=bench
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_user() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }
psql_bench() { psql -X -q -v ON_ERROR_STOP=1 -h "$pgdir" -U "$(pg_user)" -d "$db" "$@"; }

cleanup() {
    if [ -n "$pg_up" ]; then
        as_pg "$(pg_bindir)/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [ -z "$keep_workdir" ]; then rm -rf "$workdir"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_cluster() {
    local bindir
    bindir=$(pg_bindir)
    mkdir -p "$pgdir" || die "cannot create $pgdir"
    if [ "$(id -u)" -eq 0 ]; then
        # initdb refuses root: the cluster belongs to the postgres user, who must reach the work folder.
        chmod a+x "$workdir" && chown postgres: "$pgdir" || die "cannot hand $pgdir to the postgres user"
        as_pg test -w "$pgdir" || die "the postgres user cannot write $pgdir (a parent folder is closed); use --workdir under /tmp"
    fi
    as_pg "$bindir/initdb" -D "$pgdir/data" -U "$(pg_user)" --auth=trust -E UTF8 --locale=C >"$workdir/initdb.log" 2>&1 ||
        { cat "$workdir/initdb.log" >&2; die "initdb failed"; }
    # fsync off only speeds the load; the timed query reads from memory either way.
    as_pg "$bindir/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
        -o "-k $pgdir -c listen_addresses='' -c shared_buffers=1GB -c work_mem=64MB -c fsync=off -c synchronous_commit=off" \
        start >/dev/null || { tail -n 20 "$pgdir/server.log" >&2; die "pg_ctl start failed"; }
    pg_up=1
    psql -X -q -h "$pgdir" -U "$(pg_user)" -d postgres -c "CREATE DATABASE $db" || die "CREATE DATABASE failed"
    psql_bench -c "CREATE EXTENSION postgis" || die "CREATE EXTENSION postgis failed"
    log "loading $layer into PostGIS"
    ogr2ogr -f PostgreSQL PG:"host=$pgdir user=$(pg_user) dbname=$db" "$tracts" "$layer" \
        -nln tract -lco GEOMETRY_NAME=geom -lco FID=fid -nlt PROMOTE_TO_MULTI -a_srs EPSG:2263 \
        >"$workdir/ogr2ogr.log" 2>&1 || { cat "$workdir/ogr2ogr.log" >&2; die "ogr2ogr to PostGIS failed"; }
    psql_bench -c "ANALYZE tract" || die "ANALYZE tract failed"
}

if [ -n "$run_postgis$generate" ]; then start_cluster; fi

# ---------------------------------------------------------------------------------------------------
# Optional: generate the points inside the polygons (not timed).
if [ -n "$generate" ]; then
    log "generating $generate points inside $layer into $points"
    mkdir -p "$(dirname "$points")" || die "cannot create the folder of $points"
    if [ -n "$weight_field" ]; then weight="greatest(coalesce(\"$weight_field\", 0), 0)::float8"; else weight="ST_Area(geom)"; fi
    # Largest-remainder rounding so that the counts add up to exactly N; seeds fixed for repeatability.
    # ST_GeneratePoints (PostGIS 3.3) sometimes returns one point short: draw 1 % + 2 more and keep n.
    psql_bench -At -c "COPY (
        WITH w AS (SELECT fid, geom, $weight AS w FROM tract),
        q AS (SELECT fid, geom, $generate * w / sum(w) OVER () AS q FROM w),
        r AS (SELECT fid, geom, floor(q)::int AS n,
                     row_number() OVER (ORDER BY q - floor(q) DESC, fid) AS rk FROM q),
        k AS (SELECT fid, geom, n + (rk <= $generate - sum(n) OVER ())::int AS n FROM r),
        p AS (SELECT fid, n, (ST_Dump(ST_Transform(ST_GeneratePoints(geom, n + 2 + n / 100, fid), 4326))).geom AS g
              FROM k WHERE n > 0),
        s AS (SELECT fid, n, g, row_number() OVER (PARTITION BY fid) AS rn FROM p)
        SELECT ST_X(g) AS lon, ST_Y(g) AS lat,
               (ARRAY['NYPD','DSNY','DOT','HPD','DEP','DOHMH','DPR','DOB'])[1 + (hashint8(fid::int8 * 1000003 + rn) & 7)] AS agency
        FROM s WHERE rn <= n ORDER BY hashint8(fid::int8 * 7919 + rn * 1000003), fid, rn
    ) TO STDOUT WITH (FORMAT csv, HEADER)" >"$points" || die "generating points failed"
    log "wrote $(($(wc -l <"$points") - 1)) points"
fi

npoints=$(($(wc -l <"$points") - 1))
header=$(head -n 1 "$points" | tr -d '\r')
has_header=""
[[ $header =~ ^[[:space:]]*[-+0-9.] ]] || has_header=1
[ -n "$has_header" ] || npoints=$((npoints + 1))
ntracts=$(ogrinfo -ro -so "$tracts" "$layer" 2>/dev/null | awk -F': ' '/^Feature Count/ {print $2}')

declare -A median minimum total what peak
row_order=()

# ---------------------------------------------------------------------------------------------------
# locality overlay: whole process (CSV read and reprojection, polygon read, overlay, outputs)
locality_ok=""
if [ -n "$run_locality" ]; then
    if [ -x "$locality" ] && "$locality" overlay --help 2>/dev/null | grep -- '--cases' >/dev/null; then  # not -q: an early exit would SIGPIPE the help under pipefail
        locality_ok=1
    else
        log "skipping locality: $locality is missing or has no working 'overlay' command"
    fi
fi
if [ -n "$locality_ok" ]; then
    out=$workdir/locality_out
    cmd=("$locality" overlay --areas "$tracts|layername=$layer" --area-id "$area_id" --cases "$points"
        --agency-field agency --suppress-below 0 --output "$out" --overwrite --quiet)
    [ -z "$threads" ] || cmd+=(--threads "$threads")
    rm -f "$workdir/locality.times"
    ok=1
    for i in $(seq 1 "$reps"); do
        time_process locality "$i" "$workdir/locality.log" -- "${cmd[@]}" || { ok=""; break; }
    done
    if [ -n "$ok" ]; then
        read -r median[locality] minimum[locality] < <(stats "$workdir/locality.times")
        total[locality]=$(csv_sum "$out/area_counts.csv" cases_total)
        peak[locality]=$(max_rss_mib "$workdir/locality.times")
        what[locality]="\`locality overlay\`, whole process: CSV read, overlay, outputs written"
        row_order+=(locality)
    fi
fi

# ---------------------------------------------------------------------------------------------------
# QGIS: qgis_process.bin (the Debian 12 qgis_process wrapper is broken), offscreen, whole process.
qgis_version=""
if [ -n "$run_qgis" ]; then
    export QT_QPA_PLATFORM=offscreen
    export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$workdir/xdg}
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
    qgis_version=$(qgis_process.bin --version 2>/dev/null | awk '/^QGIS [0-9]/ {print $2; exit}')
    qgis_version=${qgis_version%%-*}
    # Inputs prepared before timing: the CSV as a WGS 84 GeoPackage point layer (with its R-tree);
    # the polygons are read from their source. QGIS reprojects the points to the polygons' CRS itself.
    log "converting the points to a GeoPackage for QGIS"
    qpoints=$workdir/points.gpkg
    rm -f "$qpoints"
    ogr2ogr -f GPKG "$qpoints" "$points" -nln points -a_srs EPSG:4326 -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat \
        -oo KEEP_GEOM_COLUMNS=NO -oo AUTODETECT_TYPE=YES >"$workdir/ogr2ogr-points.log" 2>&1 ||
        { cat "$workdir/ogr2ogr-points.log" >&2; die "ogr2ogr to GeoPackage failed"; }
    qout=$workdir/qgis_counts.gpkg
    rm -f "$workdir/qgis.times"
    ok=1
    for i in $(seq 1 "$reps"); do
        rm -f "$qout"
        time_process qgis "$i" "$workdir/qgis.log" -- qgis_process.bin run native:countpointsinpolygon \
            "--POLYGONS=$tracts|layername=$layer" "--POINTS=$qpoints|layername=points" --FIELD=NUMPOINTS \
            "--OUTPUT=$qout" || { ok=""; break; }
    done
    if [ -n "$ok" ]; then
        read -r median[qgis] minimum[qgis] < <(stats "$workdir/qgis.times")
        qlayer=$(ogrinfo -ro -q "$qout" 2>/dev/null | awk -F'[: ]+' '/^[0-9]+:/ {print $2; exit}')
        total[qgis]=$(ogrinfo -ro -q -dialect SQLite -sql "SELECT SUM(NUMPOINTS) AS s FROM \"$qlayer\"" "$qout" |
            awk -F'= ' '/s \(/ {printf "%d", $2}')
        peak[qgis]=$(max_rss_mib "$workdir/qgis.times")
        what[qgis]="\`qgis_process.bin run native:countpointsinpolygon\`, whole process: start-up, GeoPackage read, count, GeoPackage written"
        row_order+=(qgis)
        # Start-up alone, for reading the figure above: the same binary describing the algorithm.
        rm -f "$workdir/qgis_startup.times"
        for i in $(seq 1 "$reps"); do
            time_process qgis_startup "$i" "$workdir/qgis_startup.log" -- qgis_process.bin help native:countpointsinpolygon || break
        done
        if [ -s "$workdir/qgis_startup.times" ]; then
            read -r median[qgis_startup] minimum[qgis_startup] < <(stats "$workdir/qgis_startup.times")
            peak[qgis_startup]=$(max_rss_mib "$workdir/qgis_startup.times")
            what[qgis_startup]="for reference: \`qgis_process.bin help native:countpointsinpolygon\` (start-up and provider load only)"
            total[qgis_startup]=""
            row_order+=(qgis_startup)
        fi
    fi
fi

# ---------------------------------------------------------------------------------------------------
# PostGIS: points loaded, transformed to EPSG:2263, GiST-indexed and analysed before timing; the join
# query alone is timed by psql's \timing (client-side wall time of the query, rows fetched and discarded).
pg_version=""; postgis_version=""
query="SELECT t.$area_id, count(p.*) FROM tract t JOIN pts p ON ST_Contains(t.geom, p.geom) GROUP BY t.$area_id"
query_sub="SELECT t.$area_id, (SELECT count(*) FROM pts p WHERE ST_Contains(t.geom, p.geom)) AS n FROM tract t"
if [ -n "$run_postgis" ]; then
    log "loading the points into PostGIS"
    hdr=""; [ -z "$has_header" ] || hdr=", HEADER"
    psql_bench >/dev/null <<EOF || die "loading the points into PostGIS failed"
CREATE TABLE pts_raw (lon float8, lat float8, agency text);
\copy pts_raw FROM '$points' WITH (FORMAT csv$hdr)
CREATE TABLE pts AS
    SELECT row_number() OVER () AS id, agency,
           ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 2263)::geometry(Point, 2263) AS geom
    FROM pts_raw;
DROP TABLE pts_raw;
CREATE INDEX pts_geom_idx ON pts USING gist (geom);
VACUUM ANALYZE pts;
VACUUM ANALYZE tract;
EOF
    # Runs SQL $2 $reps times in one psql session and records its times under the key $1.
    time_query() {
        local key=$1 sql=$2 i=0 t
        {
            echo '\timing on'
            echo '\o /dev/null'
            for _ in $(seq 1 "$reps"); do echo "$sql;"; done
        } | psql_bench >"$workdir/$key.log" 2>&1 || { cat "$workdir/$key.log" >&2; die "PostGIS query failed"; }
        awk '/^Time: / {printf "%.3f 0\n", $2 / 1000}' "$workdir/$key.log" >"$workdir/$key.times"
        while read -r t _; do i=$((i + 1)); log "$key run $i: $t s"; done <"$workdir/$key.times"
        read -r median[$key] minimum[$key] < <(stats "$workdir/$key.times")
    }
    pg_version=$(psql_bench -At -c "SHOW server_version")
    postgis_version=$(psql_bench -At -c "SELECT postgis_lib_version() || ' (GEOS ' || postgis_geos_version() || ')'")
    psql_bench -c "EXPLAIN $query" >"$workdir/postgis_plan.txt" 2>&1
    time_query postgis "$query"
    total[postgis]=$(psql_bench -At -c "SELECT coalesce(sum(n), 0) FROM (SELECT t.$area_id, count(p.*) AS n FROM tract t JOIN pts p ON ST_Contains(t.geom, p.geom) GROUP BY t.$area_id) q")
    peak[postgis]=""
    what[postgis]="\`ST_Contains\` join query alone (psql \\timing; tables loaded, GiST-indexed, analysed, cached)"
    row_order+=(postgis)

    # For reference: the same counts written polygon by polygon. The planner drives the join above by
    # the points (a GiST probe of the tracts per point), which defeats PostGIS's cache of the prepared
    # polygon; this form probes the points' index once per polygon and keeps the cache warm.
    time_query postgis_sub "$query_sub"
    total[postgis_sub]=$(psql_bench -At -c "SELECT coalesce(sum(n), 0) FROM ($query_sub) q")
    peak[postgis_sub]=""
    what[postgis_sub]="for reference: per-polygon subquery \`SELECT t.$area_id, (SELECT count(*) FROM pts p WHERE ST_Contains(t.geom, p.geom)) FROM tract t\` alone"
    row_order+=(postgis_sub)
fi

# ---------------------------------------------------------------------------------------------------
# Report
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
gdal_version=$(gdalinfo --version 2>/dev/null | sed 's/^GDAL //; s/,.*//')
loc_version=""
[ -z "$locality_ok" ] || loc_version=$("$locality" --version 2>/dev/null | head -n 1)

name_of() {
    case $1 in
    locality) echo "locality" ;;
    qgis) echo "QGIS ${qgis_version%%-*}" ;;
    qgis_startup) echo "QGIS start-up" ;;
    postgis) echo "PostGIS $postgis_version" ;;
    postgis_sub) echo "PostGIS, per polygon" ;;
    esac
}

echo
echo "### Overlay: $npoints points in ${ntracts:-?} polygons ($(basename "$tracts") layer $layer)"
echo
echo "Median and minimum of $reps runs, wall-clock seconds."
echo
echo "| tool | what is timed | median s | min s | ratio to locality (median) | peak RSS MiB | points counted |"
echo "|---|---|---:|---:|---:|---:|---:|"
for k in "${row_order[@]}"; do
    ratio="n/a"
    if [ -n "${median[locality]:-}" ]; then
        ratio=$(awk -v a="${median[$k]}" -v b="${median[locality]}" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }')
    fi
    echo "| $(name_of "$k") | ${what[$k]} | ${median[$k]} | ${minimum[$k]} | $ratio | ${peak[$k]:-} | ${total[$k]:-} |"
done
echo
echo "Counts check (points inside a polygon; the CSV has $npoints):"
ref=""
for k in locality qgis postgis postgis_sub; do
    [ -n "${total[$k]:-}" ] || continue
    if [ -z "$ref" ]; then ref=${total[$k]}; refname=$k; fi
    if [ "${total[$k]}" = "$ref" ]; then mark="same as $refname"; else mark="DIFFERS from $refname ($ref)"; fi
    echo "- $k: ${total[$k]} ($mark)"
done
[ -n "$locality_ok" ] || echo "- locality: not run"
echo
echo "Machine: $(nproc) cores (nproc), $cpu, $mem RAM, $(uname -sr), load average (1, 5, 15 min) $load_start at the start and $(cut -d' ' -f1-3 /proc/loadavg) at the end."
echo "Versions: ${loc_version:-locality not run}; QGIS ${qgis_version:-not run}; PostgreSQL ${pg_version:-not run}; PostGIS ${postgis_version:-not run}; GDAL ${gdal_version:-?}."
echo
if [ -n "$run_postgis" ]; then
    echo "PostGIS plan (EXPLAIN):"
    echo
    echo '```'
    cat "$workdir/postgis_plan.txt"
    echo '```'
    psql_bench -c "EXPLAIN $query_sub" >"$workdir/postgis_sub_plan.txt" 2>&1
    echo
    echo "PostGIS per-polygon plan (EXPLAIN):"
    echo
    echo '```'
    cat "$workdir/postgis_sub_plan.txt"
    echo '```'
fi
[ -z "$keep_workdir" ] || log "work folder kept: $workdir"

mismatch=""
for k in qgis postgis postgis_sub; do
    if [ -n "${total[$k]:-}" ] && [ -n "${total[locality]:-}" ] && [ "${total[$k]}" != "${total[locality]}" ]; then mismatch=1; fi
done
[ -z "$mismatch" ] || { log "the counts differ between tools (see above)"; exit 3; }
exit 0
