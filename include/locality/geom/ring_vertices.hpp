// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <functional>
#include <tuple>
#include <vector>

#include "locality/geom/geos_context.hpp"

namespace locality::geom {

/**
 * Calls `visit(shell, xy)` for each ring of each non-empty polygon inside `g` (recursing into
 * MultiPolygons and GeometryCollections), `shell` true for an outer ring, `xy` its vertices as x, y
 * pairs (closed: the last repeats the first). Returns false, part of it visited, when `g` holds
 * anything other than polygons or GEOS cannot read a ring.
 */
bool for_each_ring(const GeosContext& ctx, const GEOSGeometry* g,
                   const std::function<void(bool shell, const std::vector<double>& xy)>& visit);

/**
 * Calls `visit(ax, ay, bx, by, reversed)` for each segment of a ring's `xy` (as `for_each_ring` gives
 * it) but zero-length ones, its ends in lexicographic order (a before b), `reversed` true when that
 * order runs against the ring's: two rings that share a segment give it with the same four numbers.
 */
template <typename Visit>
void for_each_ordered_segment(const std::vector<double>& xy, Visit&& visit) {
    for (std::size_t i = 0; i + 3 < xy.size(); i += 2) {
        const double ax = xy[i];
        const double ay = xy[i + 1];
        const double bx = xy[i + 2];
        const double by = xy[i + 3];
        if (ax == bx && ay == by) {
            continue;
        }
        if (std::tie(ax, ay) < std::tie(bx, by)) {
            visit(ax, ay, bx, by, false);
        } else {
            visit(bx, by, ax, ay, true);
        }
    }
}

}  // namespace locality::geom
