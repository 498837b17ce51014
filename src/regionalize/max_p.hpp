// SPDX-License-Identifier: MIT
#pragma once

#include "locality/regionalize/problem.hpp"

namespace locality::regionalize::detail {

/** Max-p (problem.k == 0): as many regions as every bound allows, then the lowest WSS found. */
Regionalization solve_max_p(const Problem& problem, const SolveOptions& options,
                            const ProgressSink& progress);

/** The construction of the first start that completes one, before any search (region_count 0 if none). */
Regionalization first_construction_max_p(const Problem& problem, const SolveOptions& options);

}  // namespace locality::regionalize::detail
