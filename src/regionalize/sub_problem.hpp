// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "locality/regionalize/problem.hpp"

namespace locality::regionalize::detail {

/**
 * The problem restricted to some zones: the induced subgraph, their attribute rows and bound
 * values, zone i of the sub-problem being members[i], and their shapes when the parent has a shape
 * term (each zone's own area and perimeter, the borders along the induced graph's slots; no shape
 * weight, so only compact growth reads them). Owns what its Problem points to, so it is
 * neither copied nor moved.
 */
class SubProblem {
public:
    /** `local_of` is scratch of one entry per parent zone, all -1, and is left that way. */
    SubProblem(const Problem& parent, const std::vector<ZoneId>& members, std::vector<ZoneId>& local_of);
    SubProblem(const SubProblem&) = delete;
    SubProblem& operator=(const SubProblem&) = delete;

    const Problem& problem() const noexcept { return m_problem; }

private:
    graph::ContiguityGraph m_graph;
    AttributeMatrix m_attributes;
    ZoneShapes m_shapes;
    Problem m_problem;
};

}  // namespace locality::regionalize::detail
