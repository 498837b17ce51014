// SPDX-License-Identifier: MIT
#pragma once

#include "locality/regionalize/problem.hpp"

namespace locality::regionalize::detail {

/** Exactly problem.k regions (k > 0), every bound met, lowest WSS found. */
Regionalization solve_fixed_k(const Problem& problem, const SolveOptions& options,
                              const ProgressSink& progress);

/** The construction of the first start that builds one, before repair and search (region_count 0 if none). */
Regionalization first_construction_fixed_k(const Problem& problem, const SolveOptions& options);

}  // namespace locality::regionalize::detail
