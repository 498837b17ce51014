// SPDX-License-Identifier: MIT
#include "sub_problem.hpp"

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
