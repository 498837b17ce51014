// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <vector>

#include "locality/geom/geos_context.hpp"
#include "locality/geom/thread_geometries.hpp"

namespace locality::overlay::detail {

/** What the areas' edges say about their union. */
struct EdgeCoverage {
    std::vector<geom::GeomPtr> holes;  ///< the union's holes, each a polygon of its outer ring alone
    double overlap_m2 = 0.0;           ///< area covered twice or more, counted once per extra area
};

/**
 * The holes of the union of the areas and the area they overlap by, found from their edges instead
 * of a union of the areas, or nothing when this shortcut cannot be sure (the caller then runs the union).
 *
 * Why it is exact: with each shell turned counter-clockwise and each hole clockwise, the number of
 * areas covering a point (its depth) is the winding number of all their edges around it. An edge
 * shared by two areas in opposite directions cancels out, so the depth is the winding number of the
 * edges left over ("free" edges: the coast, the layer's outer limit, the rims of gaps, overlaps and
 * slivers), and it is constant on each face of the free edges once they are noded. So the free edges
 * are noded and polygonized (GEOS), and each face's depth is the winding number of the free edges
 * around one point inside it: the faces of depth 0 are the union's holes, those of depth 2 or more
 * the overlaps. Real boundary files share most edges (the NYC tracts 31,346 of 125,474), so this nodes
 * a fraction of what a union of the areas would. Nothing comes back when a face's inner point lies
 * within rounding of a free edge, a depth comes out negative or GEOS reports an invalid ring.
 */
std::optional<EdgeCoverage> coverage_from_edges(const geom::ThreadGeometries& areas);

}  // namespace locality::overlay::detail
