// SPDX-License-Identifier: MIT
#pragma once
// Helpers of the graph tests; the geometry builders and layer readers they share with the other
// modules' tests are in tests/support/fixtures.hpp.

#include <tbb/task_arena.h>

#include <stdexcept>
#include <vector>

#include "fixtures.hpp"
#include "locality/geom/geos_context.hpp"
#include "locality/graph/build_contiguity.hpp"

namespace locality::test {

/** Exact GEOS distance between two WKB geometries (the brute-force truth for the tests). */
inline double wkb_distance(const geom::GeosContext& ctx, const geom::Wkb& a, const geom::Wkb& b) {
    const geom::GeomPtr ga = geom::from_wkb(ctx, a);
    const geom::GeomPtr gb = geom::from_wkb(ctx, b);
    double d = 0.0;
    if (GEOSDistance_r(ctx.handle(), ga.get(), gb.get(), &d) == 0) {
        throw std::runtime_error("GEOSDistance failed");
    }
    return d;
}

/** build_contiguity run inside a TBB arena of `threads` workers (results must not depend on it). */
inline graph::ContiguityGraph build_with_threads(const std::vector<geom::Wkb>& areas, double tolerance,
                                                 int threads) {
    tbb::task_arena arena(threads);
    return arena.execute([&] { return graph::build_contiguity(areas, {tolerance}); });
}

}  // namespace locality::test
