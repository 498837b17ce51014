// SPDX-License-Identifier: MIT
#pragma once

#include "locality/regionalize/problem.hpp"

namespace locality::regionalize::detail {

/** Exactly problem.k regions (k > 0), every bound met, lowest WSS found. */
Regionalization solve_fixed_k(const Problem& problem, const SolveOptions& options, const ProgressSink& progress);

}  // namespace locality::regionalize::detail
