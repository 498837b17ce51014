// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "locality/core/types.hpp"

namespace locality::graph {

/**
 * Undirected graph over zones in compressed sparse row form: the neighbours of zone z are
 * neighbours[offsets[z] .. offsets[z+1]), sorted ascending, without duplicates or self-loops.
 */
class ContiguityGraph {
public:
    ContiguityGraph() = default;
    /** Builds from an undirected edge list (either orientation, duplicates allowed). */
    ContiguityGraph(std::size_t zone_count, const std::vector<std::pair<ZoneId, ZoneId>>& edges);

    std::size_t zone_count() const noexcept { return m_offsets.empty() ? 0 : m_offsets.size() - 1; }
    /** Number of undirected edges. */
    std::size_t edge_count() const noexcept { return m_neighbours.size() / 2; }
    const ZoneId* begin(ZoneId z) const noexcept { return m_neighbours.data() + m_offsets[z]; }
    const ZoneId* end(ZoneId z) const noexcept { return m_neighbours.data() + m_offsets[z + 1]; }
    std::size_t degree(ZoneId z) const noexcept { return m_offsets[z + 1] - m_offsets[z]; }
    bool adjacent(ZoneId a, ZoneId b) const;
    /** Every undirected edge once, as (low, high), sorted. */
    std::vector<std::pair<ZoneId, ZoneId>> edges() const;
    /** A copy with extra edges added. */
    ContiguityGraph with_edges(const std::vector<std::pair<ZoneId, ZoneId>>& extra) const;

private:
    std::vector<std::size_t> m_offsets;
    std::vector<ZoneId> m_neighbours;
};

/** Connected components: component[z] in 0..count-1, numbered by their lowest zone. */
struct Components {
    std::vector<int> component;
    int count = 0;
    /** Sizes per component. */
    std::vector<std::size_t> sizes() const;
};

/** Connected components (Boost.Graph). */
Components connected_components(const ContiguityGraph& graph);

/** Whether the zones in `members` induce a connected subgraph (true for empty or one zone). */
bool is_connected_subset(const ContiguityGraph& graph, const std::vector<ZoneId>& members);

}  // namespace locality::graph
