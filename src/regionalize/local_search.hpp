// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include "locality/regionalize/problem.hpp"

namespace locality::regionalize::detail {

/**
 * Improves a feasible partition in place by moving single zones between neighbouring regions
 * (AZP-style), keeping every region contiguous and non-empty, every bound met and the region
 * count unchanged; `kind` None leaves it as it is. Updates result.within_ss. Deterministic for
 * a given seed.
 */
void improve(const Problem& problem, Regionalization& result, LocalSearch kind, std::uint64_t seed);

}  // namespace locality::regionalize::detail
