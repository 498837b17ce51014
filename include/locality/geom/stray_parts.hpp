// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>

#include "locality/geom/geos_context.hpp"

namespace locality::geom {

/**
 * Drops the stray parts of a polygonal geometry: parts smaller than `tolerance` squared (specks
 * and slivers far below the contiguity tolerance, like the 0.05 m² triangles 88 km out in the Los
 * Angeles neighbourhood councils) that lie more than `tolerance` from the largest part. Such parts
 * carry nobody, but they would stretch a locality's extent, be a part of it cut off from the rest
 * and mislead the map. `dropped` is increased by the number of parts removed. Returns a copy of
 * `g` when nothing is dropped, and always when `tolerance` <= 0.
 */
GeomPtr drop_stray_parts(const GeosContext& ctx, const GEOSGeometry* g, double tolerance,
                         std::size_t& dropped);

}  // namespace locality::geom
