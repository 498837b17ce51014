// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include "locality/regionalize/problem.hpp"

namespace locality::regionalize::detail {

/**
 * Recombination, for the shape term (problem.shapes, shape_weight > 0): each pair of neighbouring
 * regions is merged and regrown as two compact regions inside their union (the compact construction
 * on the sub-problem, a few tries); the new pair replaces the old when both meet every bound and the
 * objective (WSS + shape term + disruption terms) falls. The move redistricting tools call ReCom
 * (DeFord, Duchin and Solomon 2021): single-zone moves cannot turn two interlocking ribbons into two
 * round regions without breaking a floor on the way, a regrown pair can. Pairs holding a pinned zone
 * are left. Keeps the region count; updates region_of, within_ss, shape_cost and disruption_cost.
 * Returns how many pairs were replaced. Deterministic for a given seed.
 */
int recombine_pairs(const Problem& problem, Regionalization& result, std::uint64_t seed);

}  // namespace locality::regionalize::detail
