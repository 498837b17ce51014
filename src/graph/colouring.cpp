// SPDX-License-Identifier: MIT
#include "locality/graph/colouring.hpp"

#include <algorithm>
#include <cstddef>

#include "locality/core/error.hpp"

namespace locality::graph {

std::vector<int> greedy_colours(const ContiguityGraph& graph, int palette_size) {
    if (palette_size < 1) {
        throw UsageError("a colouring needs at least one colour, got " + std::to_string(palette_size));
    }
    const std::size_t n = graph.zone_count();
    std::vector<int> colour(n, 0);
    std::vector<bool> taken(static_cast<std::size_t>(palette_size));
    for (std::size_t i = 0; i < n; ++i) {
        std::fill(taken.begin(), taken.end(), false);
        const auto zone = static_cast<ZoneId>(i);
        for (const ZoneId* j = graph.begin(zone); j != graph.end(zone); ++j) {
            if (static_cast<std::size_t>(*j) < i) {
                taken[static_cast<std::size_t>(colour[static_cast<std::size_t>(*j)])] = true;
            }
        }
        const auto free = std::find(taken.begin(), taken.end(), false);
        colour[i] = free != taken.end() ? static_cast<int>(free - taken.begin()) : static_cast<int>(i) % palette_size;
    }
    return colour;
}

}  // namespace locality::graph
