// SPDX-License-Identifier: MIT
// Internal to the pipeline: disclosure control of published counts (docs/decisions/0008).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace locality::pipeline {

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
    std::vector<bool> locked;  ///< published whatever happens (run-level totals), or known to the reader anyway
    std::vector<Sum> sums;

    /** Adds a value and returns its index. */
    std::size_t add(std::int64_t value, bool is_locked = false);
};

/**
 * The values of `table` whose published neighbours and sums determine them exactly: x is determined
 * when its unit vector lies in the row space of the sums restricted to the withheld values (reduced
 * row echelon form). Empty when every withheld value is safe.
 */
std::vector<std::size_t> recoverable(const AdditiveTable& table, const std::vector<bool>& withheld);

/**
 * Disclosure control: withholds every unlocked value from 1 to `threshold` - 1 (primary suppression;
 * zeros are published), then, while recoverable() finds a withheld value, also withholds the smallest
 * published unlocked value sharing a sum with it, preferring non-zero ones (secondary suppression).
 * `threshold` 0 or 1 withholds nothing. `already` (empty, or one flag per value) marks values withheld
 * elsewhere, to be protected here too. Deterministic: ties go to the lowest index.
 */
std::vector<bool> suppress(const AdditiveTable& table, std::int64_t threshold, const std::vector<bool>& already = {});

}  // namespace locality::pipeline
