// SPDX-License-Identifier: MIT
// What a reader can learn of a withheld count beyond "it is withheld": the range it can take given
// every published count, every sum and the reader's prior bounds (docs/decisions/0008, 0015 and the
// attacker audit's record). Standard library only.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "locality/disclosure/suppression.hpp"

namespace locality::disclosure {

inline constexpr std::int64_t k_unbounded = std::numeric_limits<std::int64_t>::max();

/** A closed range of integers; `high` k_unbounded when there is no upper bound. */
struct Range {
    std::int64_t low = 0;
    std::int64_t high = k_unbounded;
    bool operator==(const Range& other) const { return low == other.low && high == other.high; }
};

/**
 * The reader's prior bounds: a withheld value from 1 to `threshold` - 1 (a primary one) lies in
 * [1, threshold - 1] (a reader who knows which values are primary, the strongest one: zeros are
 * published, and a withheld small count is small); any other withheld value in [0, unbounded).
 */
std::vector<Range> prior_bounds(const AdditiveTable& table, const std::vector<bool>& withheld,
                                std::int64_t threshold);

/**
 * The feasible range of every value: [v, v] for a published or locked one; for a withheld one, the
 * least and greatest values it takes over the solutions of `table`'s sums with the published values
 * as they are and every withheld value within `bounds`. The sums form a graph (see recoverable()),
 * so these linear-programming bounds are integer and exact, each found by a maximum flow.
 */
std::vector<Range> feasible_ranges(const AdditiveTable& table, const std::vector<bool>& withheld,
                                   const std::vector<Range>& bounds);

/**
 * The best protection of each primary value (1 to `threshold` - 1): its feasible range under
 * prior_bounds() when every unlocked value is withheld. Locked values (the run's totals per agency,
 * published whatever their size) can narrow it below [1, threshold - 1]: an agency with 3 cases in
 * all has none of its counts above 3, and no suppression changes that. [0, unbounded) elsewhere.
 */
std::vector<Range> best_ranges(const AdditiveTable& table, std::int64_t threshold);

/**
 * The primary values that the published values narrow down: whose feasible range under
 * prior_bounds() is narrower than best_ranges() (the published unlocked values tell something about
 * them). Empty when the table is protected.
 */
std::vector<std::size_t> narrowed(const AdditiveTable& table, const std::vector<bool>& withheld,
                                  std::int64_t threshold);

/**
 * Withholds further published values until no primary value is narrowed (each repair: the cheapest
 * path, zeros last, that gives the narrowed value room to move in the direction it lacks).
 * Deterministic.
 */
void widen_ranges(const AdditiveTable& table, std::int64_t threshold, std::vector<bool>& withheld);

}  // namespace locality::disclosure
