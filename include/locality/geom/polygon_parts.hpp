// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "locality/geom/geos_context.hpp"

namespace locality::geom {

/**
 * Appends clones of every non-empty polygon inside `g` to `out`, recursing into MultiPolygons and
 * GeometryCollections; points and lines (debris of a repair or an intersection) are left out.
 */
void collect_polygons(const GeosContext& ctx, const GEOSGeometry* g, std::vector<GeomPtr>& out);

/**
 * A collection of GEOS type `type` (GEOS_MULTIPOLYGON, ...) made of `parts`, which it takes over:
 * no part is left without an owner whatever happens. Throws GeometryError when GEOS fails.
 */
GeomPtr make_collection(const GeosContext& ctx, int type, std::vector<GeomPtr> parts);

}  // namespace locality::geom
