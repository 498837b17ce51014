// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "locality/regionalize/problem.hpp"

namespace locality::regionalize::detail {

/** Marks a zone that belongs to no region yet. */
inline constexpr RegionId k_unassigned = -1;

/**
 * Gives every zone still k_unassigned in `region_of` to a neighbouring region, the one whose
 * within-region sum of squares grows least and whose ceilings still hold (lowest region index on
 * a tie), working outwards from the regions. Regions 0..region_count-1 must already meet their
 * floors; adding zones only raises totals, so they keep meeting them. Returns false, leaving the
 * remaining zones unassigned, when some zone cannot join any region under the ceilings.
 */
bool assign_enclaves(const Problem& problem, std::vector<RegionId>& region_of, int region_count);

}  // namespace locality::regionalize::detail
