// SPDX-License-Identifier: MIT
// Disclosure control of published counts (docs/decisions/0008, 0015): counts tied by sums, which of
// them a reader can recompute, and which to withhold so that none can be. Standard library only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace locality::disclosure {

/**
 * Counts published together and the sums that tie them (row totals, column totals, areas that add
 * up to their locality): what someone holding the outputs could use to recompute a withheld count.
 */
struct AdditiveTable {
    /** `values[total]` = the sum of `values[parts]`. */
    struct Sum {
        std::size_t total = 0;
        std::vector<std::size_t> parts;
    };
    std::vector<std::int64_t> values;
    std::vector<bool>
        locked;  ///< published whatever happens (run-level totals), or known to the reader anyway
    std::vector<Sum> sums;

    /** Adds a value and returns its index. */
    std::size_t add(std::int64_t value, bool is_locked = false);
};

/**
 * The withheld values of `table` that its published values and sums determine exactly. The sums
 * must form a graph: each unlocked value takes part in at most two sums, with signs that make every
 * cycle balanced, as in a table with row and column totals (std::logic_error otherwise). A withheld
 * value is then determined exactly when its edge is a bridge among the withheld values' edges
 * (decision 0015). Empty when every withheld value is safe.
 */
std::vector<std::size_t> recoverable(const AdditiveTable& table, const std::vector<bool>& withheld);

/**
 * Disclosure control: withholds every unlocked value from 1 to `threshold` - 1 (primary suppression;
 * zeros are published), then, for each withheld value that recoverable() finds, the published values
 * on the cheapest path that puts it on a cycle of withheld values (secondary suppression; cost: the
 * number of zeros, then the sum of the values withheld), and then more until no small value is
 * narrowed below "from 1 to `threshold` - 1" by the published ones (widen_ranges(), ranges.hpp).
 * `threshold` 0 or 1 withholds nothing.
 * `already` (empty, or one flag per value) marks values withheld elsewhere, to be protected here too.
 * A value that no path can protect (every alternative locked) stays recoverable. `widen` false skips
 * the range repair (a table too large for it, see CountTable). Deterministic.
 */
std::vector<bool> suppress(const AdditiveTable& table, std::int64_t threshold,
                           const std::vector<bool>& already = {}, bool widen = true);

}  // namespace locality::disclosure
