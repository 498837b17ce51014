// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "locality/graph/contiguity_graph.hpp"

namespace locality::graph {

/**
 * Greedy colouring in zone order: each zone takes the first of `palette_size` colours (0-based) that
 * none of its lower-numbered neighbours has; a zone whose neighbours hold every colour takes colour
 * (zone mod palette_size). Neighbours therefore never share a colour while the palette lasts.
 */
std::vector<int> greedy_colours(const ContiguityGraph& graph, int palette_size);

}  // namespace locality::graph
