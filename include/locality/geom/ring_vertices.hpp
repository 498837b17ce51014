// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
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

}  // namespace locality::geom
