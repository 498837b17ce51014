#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Re-measures the figures that matter and prints each against the one recorded in docs/performance.md
# (section "Reference figures"), with the ratio; a figure more than 20 % worse is flagged.
# Not a test: run it before and after any change to a hot path, on the same machine, and write the
# figures (with the load average it prints) into docs/performance.md.
#
#   bench/check.sh [--build DIR] [--reps N] [--points FILE] [--skip LIST] [--workdir DIR]
#
# --build DIR    the build folder with locality, locality_bench and locality_bench_regionalize (build)
# --reps N       runs of each figure; the median is compared (5)
# --points FILE  the overlay's 1,000,000 points (default: written once by locality_bench --write-csv
#                into the work folder, seed 20240601, as docs/performance.md)
# --skip LIST    comma-separated among overlay, demo, maxp
# --workdir DIR  work folder, kept (default: a new mktemp -d folder, removed at the end)
#
# Exit status: 0 when no figure is more than 20 % worse than recorded, 3 when one is, 1 on an error.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build"
reps=5
points=""
skip=""
workdir=""
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build="$2"; shift 2 ;;
        --reps) reps="$2"; shift 2 ;;
        --points) points="$2"; shift 2 ;;
        --skip) skip="$2"; shift 2 ;;
        --workdir) workdir="$2"; shift 2 ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "check.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done
case "$reps" in ''|*[!0-9]*|0) echo "check.sh: --reps must be a whole number >= 1" >&2; exit 2 ;; esac
if [ ! -x /usr/bin/time ]; then
    echo "check.sh: /usr/bin/time is missing (apt-get install time)" >&2
    exit 1
fi
if [ -z "$workdir" ]; then
    workdir="$(mktemp -d)"
    trap 'rm -rf "$workdir"' EXIT
fi
mkdir -p "$workdir"
doc="$root/docs/performance.md"
tracts="$root/../shared/data/nyc-nycgeo-boundaries/nyc_boundaries.gpkg"

skipped() { case ",$skip," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

# The recorded figure named $1 from the doc's table "| `name` | value | ... |".
recorded() {
    awk -F'|' -v key="\`$1\`" '$2 ~ key { gsub(/ /, "", $3); print $3; exit }' "$doc"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Runs "$@" reps times under /usr/bin/time; leaves "wall cpu rss_mib" lines in $workdir/times.
timed() {
    : > "$workdir/times"
    for _ in $(seq "$reps"); do
        /usr/bin/time -f '%e %U %S %M' -o "$workdir/time1" "$@" > "$workdir/stdout" 2> "$workdir/stderr" || {
            echo "check.sh: failed: $*" >&2
            tail -5 "$workdir/stderr" >&2
            exit 1
        }
        awk '{ printf "%s %.3f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$workdir/time1" >> "$workdir/times"
    done
}

worse=0
rows=()
# One row: name, what, unit, the measured median, the recorded value.
row() {
    local name="$1" what="$2" unit="$3" now="$4" then
    then="$(recorded "$name")"
    if [ -z "$then" ]; then
        rows+=("| \`$name\` | $what | (not recorded) | $now $unit | | |")
        return
    fi
    local ratio flag=""
    ratio="$(awk -v a="$now" -v b="$then" 'BEGIN { printf "%.2f", a / b }')"
    if awk -v r="$ratio" 'BEGIN { exit !(r > 1.20) }'; then
        flag="**worse by more than 20 %**"
        worse=1
    fi
    rows+=("| \`$name\` | $what | $then $unit | $now $unit | $ratio | $flag |")
}

# The three rows of a whole-process figure: wall, CPU and peak RSS, from $workdir/times.
process_rows() {
    local prefix="$1" what="$2"
    row "${prefix}_wall_s" "$what, wall" s "$(cut -d' ' -f1 "$workdir/times" | median)"
    row "${prefix}_cpu_s" "the same, CPU (user + sys)" s "$(cut -d' ' -f2 "$workdir/times" | median)"
    row "${prefix}_rss_mib" "the same, peak RSS" MiB "$(cut -d' ' -f3 "$workdir/times" | median)"
}

need() {
    if [ ! -x "$build/$1" ]; then
        echo "check.sh: $build/$1 is missing: cmake --build $build --target $1" >&2
        exit 1
    fi
}

echo "check.sh: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

if ! skipped overlay; then
    need locality
    if [ -z "$points" ]; then
        need locality_bench
        points="$workdir/points_1m.csv"
        echo "check.sh: writing the 1,000,000 points (untimed)" >&2
        "$build/locality_bench" "$tracts" --write-csv "$points" > /dev/null
    fi
    echo "check.sh: overlay, $reps runs" >&2
    timed "$build/locality" overlay --areas "$tracts|layername=tract" --area-id geoid --cases "$points" \
        --agency-field agency --output "$workdir/overlay" --overwrite --quiet
    process_rows overlay_1m "\`locality overlay\`, 1M points in the NYC tracts"
fi

if ! skipped demo; then
    need locality
    echo "check.sh: demo, $reps runs" >&2
    mapfile -t demo_args < "$root/data/demo/propose.args"
    (cd "$root" && timed "$build/locality" "${demo_args[@]}" --output "$workdir/demo" --overwrite --quiet)
    process_rows demo "the README demo (\`data/demo/propose.args\`)"
fi

if ! skipped maxp; then
    need locality_bench_regionalize
    echo "check.sh: max-p on 40,000 areas, $reps runs" >&2
    : > "$workdir/solve"
    for _ in $(seq "$reps"); do
        "$build/locality_bench_regionalize" 200 --max-p-seeds 1 > "$workdir/stdout"
        # "engine max-p, floor 1/500   499 localities  within SS ...  4.880 s  peak RSS ..."
        awk '/engine max-p/ { for (i = 1; i <= NF; ++i) if ($(i + 1) == "s" && $(i + 2) == "peak") { print $i; exit } }' \
            "$workdir/stdout" >> "$workdir/solve"
    done
    row maxp_40k_solve_s "engine max-p, 200 x 200 grid, floor 1/500, seed 1: solve + validation" s "$(median < "$workdir/solve")"
fi

echo "check.sh: load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "| figure | what | recorded | now (median of $reps) | ratio | |"
echo "|---|---|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
exit $((worse * 3))
