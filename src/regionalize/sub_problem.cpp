// SPDX-License-Identifier: MIT
#include "sub_problem.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>

namespace locality::regionalize::detail {

namespace {

graph::ContiguityGraph induced_graph(const graph::ContiguityGraph& parent, const std::vector<ZoneId>& members,
                                     std::vector<ZoneId>& local_of) {
    for (std::size_t i = 0; i < members.size(); ++i) {
        local_of[static_cast<std::size_t>(members[i])] = static_cast<ZoneId>(i);
    }
    std::vector<std::pair<ZoneId, ZoneId>> edges;
    for (std::size_t i = 0; i < members.size(); ++i) {
        for (const ZoneId* it = parent.begin(members[i]); it != parent.end(members[i]); ++it) {
            const ZoneId j = local_of[static_cast<std::size_t>(*it)];
            if (j > static_cast<ZoneId>(i)) {
                edges.emplace_back(static_cast<ZoneId>(i), j);
            }
        }
    }
    for (const ZoneId z : members) {
        local_of[static_cast<std::size_t>(z)] = -1;
    }
    return graph::ContiguityGraph(members.size(), edges);
}

/** The members' shapes, the borders along the induced graph's slots (found in the parent's sorted rows). */
ZoneShapes induced_shapes(const Problem& parent, const graph::ContiguityGraph& induced,
                          const std::vector<ZoneId>& members) {
    ZoneShapes shapes;
    const ZoneShapes& all = *parent.shapes;
    const ZoneId* parent_first = parent.graph->begin(0);
    shapes.shared.reserve(2 * induced.edge_count());
    for (std::size_t i = 0; i < members.size(); ++i) {
        const ZoneId z = members[i];
        shapes.area.push_back(all.area[static_cast<std::size_t>(z)]);
        shapes.perimeter.push_back(all.perimeter[static_cast<std::size_t>(z)]);
        for (const ZoneId* it = induced.begin(static_cast<ZoneId>(i));
             it != induced.end(static_cast<ZoneId>(i)); ++it) {
            const ZoneId neighbour = members[static_cast<std::size_t>(*it)];
            const ZoneId* slot = std::lower_bound(parent.graph->begin(z), parent.graph->end(z), neighbour);
            shapes.shared.push_back(all.shared[static_cast<std::size_t>(slot - parent_first)]);
        }
    }
    return shapes;
}

}  // namespace

SubProblem::SubProblem(const Problem& parent, const std::vector<ZoneId>& members,
                       std::vector<ZoneId>& local_of)
    : m_graph(induced_graph(*parent.graph, members, local_of)),
      m_attributes(members.size(), parent.attributes->cols) {
    for (std::size_t i = 0; i < members.size(); ++i) {
        const double* row = parent.attributes->row(static_cast<std::size_t>(members[i]));
        for (std::size_t c = 0; c < m_attributes.cols; ++c) {
            m_attributes.at(i, c) = row[c];
        }
    }
    m_problem.graph = &m_graph;
    m_problem.attributes = &m_attributes;
    if (parent.shapes != nullptr && parent.shape_weight > 0.0) {
        m_shapes = induced_shapes(parent, m_graph, members);
        m_problem.shapes = &m_shapes;
    }
    m_problem.k = parent.k;
    for (const Bound& bound : parent.bounds) {
        Bound local{bound.name, {}, bound.min, bound.max};
        local.values.reserve(members.size());
        for (const ZoneId z : members) {
            local.values.push_back(bound.values[static_cast<std::size_t>(z)]);
        }
        m_problem.bounds.push_back(std::move(local));
    }
}

}  // namespace locality::regionalize::detail
