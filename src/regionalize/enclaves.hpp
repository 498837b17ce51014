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
 * With `by_border` (needs problem.shapes) a zone joins the region it shares the longest border with,
 * the WSS deciding between equal borders: the region's perimeter shrinks most, so enclaves round
 * off their neighbours instead of growing fingers on them.
 */
bool assign_enclaves(const Problem& problem, std::vector<RegionId>& region_of, int region_count,
                     bool by_border = false);

}  // namespace locality::regionalize::detail
