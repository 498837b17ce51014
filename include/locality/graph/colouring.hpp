// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "locality/geom/geos_context.hpp"
#include "locality/graph/contiguity_graph.hpp"

namespace locality::graph {

/**
 * The shapes that touch or lie within `tolerance` of each other (CRS units), as a graph: the pairs
 * whose envelopes, grown by the tolerance, meet, then GEOS prepared intersects or the facet-indexed
 * distance. Made for a few large shapes (the localities to colour): there the indexed distance is far
 * cheaper than build_contiguity's prepared distance-within, which compares every pair of segments.
 * Sequential; throws GeometryError naming the shapes when GEOS fails.
 */
ContiguityGraph proximity_graph(const std::vector<geom::Wkb>& shapes, double tolerance);

/**
 * Greedy colouring in zone order: each zone takes the first of `palette_size` colours (0-based) that
 * none of its lower-numbered neighbours has; a zone whose neighbours hold every colour takes colour
 * (zone mod palette_size). Neighbours therefore never share a colour while the palette lasts.
 */
std::vector<int> greedy_colours(const ContiguityGraph& graph, int palette_size);

}  // namespace locality::graph
