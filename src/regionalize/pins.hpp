// SPDX-License-Identifier: MIT
#pragma once

#include "locality/regionalize/problem.hpp"

namespace locality::regionalize::detail {

/**
 * Imposes `problem.pinned` on a partition solved without it: each pin label takes the region that
 * already holds most of its zones (largest overlaps first, each region to one label), its zones move
 * there, the regions left in pieces are made contiguous again (repair_contiguity), broken bounds
 * are repaired and the partition improved by `search`, none of which moves a pinned zone. Sets
 * result.bound_violation when the bounds could not be repaired. InfeasibleError when there are more
 * pin labels than regions of a fixed k, or the pins empty a region of a fixed k.
 */
void impose_pins(const Problem& problem, Regionalization& result, LocalSearch search, std::uint64_t seed);

}  // namespace locality::regionalize::detail
