// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include "locality/regionalize/problem.hpp"

namespace locality::regionalize::detail {

/**
 * Improves a feasible partition in place by moving single zones between neighbouring regions
 * (AZP-style), keeping every region contiguous and non-empty, every bound met and the region
 * count unchanged; `kind` None leaves it as it is. With the shape term on, pair exchanges (a zone
 * leaves its region while a zone of the receiving region within two steps comes back) then
 * alternate with greedy descents until none improves: under a floor they straighten borders single
 * moves cannot. Updates result.within_ss. Deterministic for a given seed. A partition that breaks
 * a bound is repaired first (see repair()).
 */
void improve(const Problem& problem, Regionalization& result, LocalSearch kind, std::uint64_t seed);

/**
 * Repair mode, for constructions that ignore some bounds: moves single zones (keeping every
 * region contiguous and non-empty) to minimise the total bound violation first and the WSS
 * second, until every bound holds. Returns whether it got there; the partition is left at the
 * lowest violation found either way. Updates result.within_ss.
 */
bool repair(const Problem& problem, Regionalization& result, std::uint64_t seed);

/** Renumbers regions 0.. in order of their lowest zone, the engine's canonical labelling. */
void relabel_by_lowest_zone(Regionalization& result);

}  // namespace locality::regionalize::detail
