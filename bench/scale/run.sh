#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The scale benchmark: builds synthetic national inputs (once; kept in the work folder), then times
# `locality propose` with a population floor on each size and prints a Markdown table (wall clock and
# peak memory from /usr/bin/time -v). See bench/README.md.
#   bench/scale/run.sh [--workdir DIR] [--areas "10000 40000 200000"] [--points "1000000 10000000"]
#                      [--floor N] [--threads N] [--locality BIN] [--extra "ARGS"]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
workdir="${WORKDIR:-$root/build/bench-scale}"
areas_list="${AREAS:-10000 40000 200000}"
points_list="${POINTS:-1000000 10000000}"
floor="${FLOOR:-200000}"
threads="${LOCALITY_THREADS:-}"
locality="${LOCALITY:-$root/build/locality}"
extra="${EXTRA:-}"
while [ $# -gt 0 ]; do
    case "$1" in
        --workdir) workdir="$2"; shift 2 ;;
        --areas) areas_list="$2"; shift 2 ;;
        --points) points_list="$2"; shift 2 ;;
        --floor) floor="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --locality) locality="$2"; shift 2 ;;
        --extra) extra="$2"; shift 2 ;;
        *) echo "unknown option '$1' (see the comment at the top of $0)" >&2; exit 2 ;;
    esac
done
for tool in /usr/bin/time ogr2ogr; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install time gdal-bin" >&2; exit 1; }
done
[ -x "$locality" ] || { echo "no locality binary at $locality: build it first" >&2; exit 1; }
mkdir -p "$workdir"
largest_points=0
for p in $points_list; do [ "$p" -gt "$largest_points" ] && largest_points=$p; done

# Inputs: areas per size (GeoPackage, EPSG:3035), and one points file per count drawn over the
# largest layer's areas would favour it; so each area size gets its own points.
areas_file() { echo "$workdir/areas_$1.gpkg"; }
cases_file() { echo "$workdir/cases_$1_$2.csv"; }
for a in $areas_list; do
    if [ ! -s "$(areas_file "$a")" ]; then
        echo "generating $a areas and $largest_points points" >&2
        /usr/bin/python3 "$root/bench/scale/make_inputs.py" --areas "$a" --points "$largest_points" \
            --areas-csv "$workdir/areas_$a.csv" --cases-csv "$(cases_file "$a" "$largest_points")"
        ogr2ogr -f GPKG "$(areas_file "$a")" "$workdir/areas_$a.csv" -a_srs EPSG:3035 -nln areas \
            -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO -oo AUTODETECT_TYPE=YES -nlt MULTIPOLYGON
        rm -f "$workdir/areas_$a.csv"
    fi
    for p in $points_list; do
        f="$(cases_file "$a" "$p")"
        # Smaller counts are the first rows of the largest file (same distribution).
        [ -s "$f" ] || head -n "$((p + 1))" "$(cases_file "$a" "$largest_points")" > "$f"
    done
done

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# CPU time beside the wall clock: on a shared machine the wall clock measures the neighbours too.
echo "| areas | case points | localities | wall (s) | CPU user+sys (s) | peak RSS (MB) |"
echo "|---:|---:|---:|---:|---:|---:|"
for a in $areas_list; do
    for p in $points_list; do
        out="$workdir/out_${a}_$p"
        log="$workdir/time_${a}_$p.txt"
        args=(propose --areas "$(areas_file "$a")" --area-id area_id --population population
              --cases "$(cases_file "$a" "$p")" --agency-field agency --cases-crs EPSG:3035
              --min-population "$floor" --seed 1 --output "$out" --overwrite --quiet)
        [ -n "$threads" ] && args+=(--threads "$threads")
        # shellcheck disable=SC2206
        [ -n "$extra" ] && args+=($extra)
        /usr/bin/time -v -o "$log" "$locality" "${args[@]}"
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" |
               awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
        cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$log")
        rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log")
        # The first "count" inside the "localities" object (not the per-locality lists after it).
        count=$(awk '/^  "localities": \{/ { on = 1 } on && /^    "count":/ { gsub(/[^0-9]/, "", $2); print $2; exit }' \
                "$out/summary.json")
        printf '| %s | %s | %s | %.1f | %s | %s |\n' "$a" "$p" "$count" "$wall" "$cpu" "$rss"
    done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
