// SPDX-License-Identifier: MIT
#include "locality/graph/contiguity_graph.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <string>

#include "locality/core/error.hpp"

namespace locality::graph {

namespace {

void check_zone(ZoneId z, std::size_t zone_count, const char* what) {
    if (z < 0 || static_cast<std::size_t>(z) >= zone_count) {
        throw InputError(std::string(what) + " refers to zone " + std::to_string(z) + ", outside 0.." +
                         std::to_string(zone_count) + " (the number of areas): check the zone ids");
    }
}

}  // namespace

ContiguityGraph::ContiguityGraph(std::size_t zone_count, const std::vector<std::pair<ZoneId, ZoneId>>& edges)
    : m_offsets(zone_count + 1, 0) {
    // Counting sort into CSR: count both orientations of every non-loop edge, then fill, then
    // sort and deduplicate each row. O(E log d) and no hash sets.
    for (const auto& [a, b] : edges) {
        check_zone(a, zone_count, "a contiguity edge");
        check_zone(b, zone_count, "a contiguity edge");
        if (a != b) {
            ++m_offsets[static_cast<std::size_t>(a) + 1];
            ++m_offsets[static_cast<std::size_t>(b) + 1];
        }
    }
    for (std::size_t z = 0; z < zone_count; ++z) {
        m_offsets[z + 1] += m_offsets[z];
    }
    std::vector<ZoneId> raw(m_offsets.back());
    std::vector<std::size_t> fill(m_offsets.begin(), m_offsets.end() - 1);
    for (const auto& [a, b] : edges) {
        if (a != b) {
            raw[fill[static_cast<std::size_t>(a)]++] = b;
            raw[fill[static_cast<std::size_t>(b)]++] = a;
        }
    }
    // Compact the rows in place of a fresh array: duplicates shrink each row.
    m_neighbours.reserve(raw.size());
    std::size_t row_begin = 0;
    for (std::size_t z = 0; z < zone_count; ++z) {
        const auto first = raw.begin() + static_cast<std::ptrdiff_t>(row_begin);
        const auto last = raw.begin() + static_cast<std::ptrdiff_t>(m_offsets[z + 1]);
        std::sort(first, last);
        const auto unique_end = std::unique(first, last);
        row_begin = m_offsets[z + 1];
        m_offsets[z] = m_neighbours.size();
        m_neighbours.insert(m_neighbours.end(), first, unique_end);
    }
    m_offsets[zone_count] = m_neighbours.size();
}

bool ContiguityGraph::adjacent(ZoneId a, ZoneId b) const {
    check_zone(a, zone_count(), "an adjacency query");
    check_zone(b, zone_count(), "an adjacency query");
    // Search the shorter row; rows are sorted.
    if (degree(a) > degree(b)) {
        std::swap(a, b);
    }
    return std::binary_search(begin(a), end(a), b);
}

std::vector<std::pair<ZoneId, ZoneId>> ContiguityGraph::edges() const {
    std::vector<std::pair<ZoneId, ZoneId>> out;
    out.reserve(edge_count());
    for (ZoneId z = 0; static_cast<std::size_t>(z) < zone_count(); ++z) {
        // Rows are sorted, so jumping to the first neighbour above z yields (low, high) in order.
        for (const ZoneId* n = std::upper_bound(begin(z), end(z), z); n != end(z); ++n) {
            out.emplace_back(z, *n);
        }
    }
    return out;
}

ContiguityGraph ContiguityGraph::with_edges(const std::vector<std::pair<ZoneId, ZoneId>>& extra) const {
    std::vector<std::pair<ZoneId, ZoneId>> all = edges();
    all.insert(all.end(), extra.begin(), extra.end());
    return ContiguityGraph(zone_count(), all);
}

std::vector<std::size_t> Components::sizes() const {
    std::vector<std::size_t> out(static_cast<std::size_t>(count), 0);
    for (const int c : component) {
        ++out[static_cast<std::size_t>(c)];
    }
    return out;
}

Components connected_components(const ContiguityGraph& graph) {
    using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    const std::size_t n = graph.zone_count();
    BoostGraph g(n);
    for (const auto& [a, b] : graph.edges()) {
        boost::add_edge(static_cast<std::size_t>(a), static_cast<std::size_t>(b), g);
    }
    std::vector<int> raw(n, 0);
    const int count = n == 0 ? 0 : boost::connected_components(g, raw.data());

    // Boost numbers components in DFS start order, which is not a documented guarantee: renumber
    // explicitly by lowest zone so the contract in the header holds whatever Boost does.
    std::vector<int> renumber(static_cast<std::size_t>(count), -1);
    Components out;
    out.component.resize(n);
    for (std::size_t z = 0; z < n; ++z) {
        int& target = renumber[static_cast<std::size_t>(raw[z])];
        if (target < 0) {
            target = out.count++;
        }
        out.component[z] = target;
    }
    return out;
}

bool is_connected_subset(const ContiguityGraph& graph, const std::vector<ZoneId>& members) {
    const std::size_t n = graph.zone_count();
    // 0 = not a member, 1 = member not reached yet, 2 = reached.
    std::vector<unsigned char> state(n, 0);
    std::size_t distinct = 0;
    for (const ZoneId z : members) {
        check_zone(z, n, "a connectivity check");
        if (state[static_cast<std::size_t>(z)] == 0) {
            state[static_cast<std::size_t>(z)] = 1;
            ++distinct;
        }
    }
    if (distinct <= 1) {
        return true;
    }
    std::vector<ZoneId> queue{members.front()};
    state[static_cast<std::size_t>(members.front())] = 2;
    std::size_t reached = 1;
    for (std::size_t head = 0; head < queue.size(); ++head) {
        for (const ZoneId* n_it = graph.begin(queue[head]); n_it != graph.end(queue[head]); ++n_it) {
            unsigned char& s = state[static_cast<std::size_t>(*n_it)];
            if (s == 1) {
                s = 2;
                ++reached;
                queue.push_back(*n_it);
            }
        }
    }
    return reached == distinct;
}

}  // namespace locality::graph
