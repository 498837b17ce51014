#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The architecture check can fail: each of its rules, broken once in a throw-away tree, must be
# reported (ctest architecture.boundaries_fail). Usage: bash tests/check_architecture_fails.sh CHECK SCRATCH
set -euo pipefail
check="$1"
scratch="$2"
rm -rf "$scratch"
status=0
# try NAME FILE LINE EXPECTED: a clean tree plus FILE holding LINE must fail with EXPECTED on stderr.
try() {
    local tree="$scratch/$1"
    mkdir -p "$tree/src/core" "$tree/include/locality/core" "$(dirname "$tree/$2")"
    echo '#include <vector>' >"$tree/src/core/clean.cpp"
    echo "$3" >"$tree/$2"
    if bash "$check" "$tree" >/dev/null 2>"$tree.err"; then
        echo "not caught: $1 ($2: $3)" >&2
        status=1
    elif ! grep -q "$4" "$tree.err"; then
        echo "caught for the wrong reason: $1:" >&2
        cat "$tree.err" >&2
        status=1
    fi
}
try gdal_in_graph src/graph/build.cpp '#include <ogr_api.h>' 'GDAL included outside'
try gdal_in_public_header include/locality/io/reader.hpp '#include "gdal_priv.h"' 'GDAL included outside'
try geos_in_regionalize src/regionalize/skater.cpp '#include <geos_c.h>' 'pure module'
try geom_in_disclosure include/locality/disclosure/rules.hpp '#include "locality/geom/geos_context.hpp"' 'pure module'
try parent_include src/pipeline/constraints.cpp '#include "../regionalize/amount_format.hpp"' '"../" include'
try parent_include_test tests/unit/test_x.cpp '#include "../../src/regionalize/ward.hpp"' '"../" include'
try std_shuffle src/regionalize/local_search.cpp 'std::shuffle(order.begin(), order.end(), rng);' 'random choice'
try distribution src/regionalize/ward.cpp 'std::uniform_real_distribution<double> unit(0.0, 1.0);' 'random choice'
try random_header src/pipeline/sample.cpp '#include <random>' 'random choice'
# ... and a clean tree passes.
mkdir -p "$scratch/clean/src/core"
echo '#include <vector>' >"$scratch/clean/src/core/clean.cpp"
bash "$check" "$scratch/clean" >/dev/null || { echo "a clean tree fails the check" >&2; status=1; }
[ "$status" -eq 0 ] && echo "every rule of the architecture check catches its violation"
exit "$status"
