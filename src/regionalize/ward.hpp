// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include "locality/regionalize/problem.hpp"

namespace locality::regionalize::detail {

/**
 * Contiguity-constrained Ward clustering: starting from one cluster per zone, repeatedly merges
 * the two graph-adjacent clusters whose merge raises the WSS least (n_a n_b / (n_a + n_b)
 * |mean_a - mean_b|^2) until `k` clusters remain. Sparse: a heap of adjacent pairs with lazy
 * deletion, O(E log N) time and O(N + E) memory, no N x N matrix. Floors are left to repair. `jitter` > 0
 * multiplies each merge cost by a seeded factor in [1, 1 + jitter), for randomised starts; 0 is plain,
 * deterministic Ward. InfeasibleError when the graph has more than k components. With `respect_ceilings`,
 * merges that would break a bound's maximum are postponed until no other merge is left.
 */
Regionalization ward(const Problem& problem, int k, double jitter, std::uint64_t seed, bool respect_ceilings);

}  // namespace locality::regionalize::detail
