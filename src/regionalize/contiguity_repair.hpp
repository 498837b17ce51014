// SPDX-License-Identifier: MIT
#pragma once

#include <utility>
#include <vector>

#include "region_state.hpp"

namespace locality::regionalize::detail {

/**
 * Makes every region of `state` contiguous again: a region in several pieces keeps the piece that
 * holds its pinned zones (else its largest, ties to the lowest zone) and the zones of its other
 * pieces join a neighbouring region, the one whose WSS grows least (lowest region on a tie), working
 * inwards from the pieces' edges. Returns the zones moved with the region each left, in move order.
 * InfeasibleError when the pinned zones of one region lie in several pieces.
 */
std::vector<std::pair<ZoneId, RegionId>> repair_contiguity(const Problem& problem, RegionState& state);

}  // namespace locality::regionalize::detail
