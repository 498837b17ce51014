// SPDX-License-Identifier: MIT
#pragma once

#include <tbb/parallel_for.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <utility>
#include <vector>

#include "locality/regionalize/problem.hpp"
#include "seeded_random.hpp"

namespace locality::regionalize::detail {

/**
 * The seed of one start: splitmix64 of (seed, start), so starts are independent streams and a
 * start's result does not depend on which thread runs it or on how many starts there are.
 */
inline std::uint64_t start_seed(std::uint64_t seed, int start) {
    return splitmix64(seed + 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(start));
}

/**
 * Runs `run(start, start_seed(seed, start))` for start = 0..starts-1 as independent TBB tasks and
 * returns the result with the lowest bound_violation, then the lowest within_ss, ties to the lower
 * start index: the same winner
 * whatever the thread count. A start that throws is skipped; when every start throws, the first
 * start's exception is rethrown. `run` returns a Regionalization and must not share mutable state.
 */
/** Whether a is a better result than b: fewer broken bounds (best effort), then a lower WSS. */
inline bool closer(const Regionalization& a, const Regionalization& b) {
    if (a.bound_violation != b.bound_violation) return a.bound_violation < b.bound_violation;
    return a.within_ss + a.shape_cost + a.disruption_cost < b.within_ss + b.shape_cost + b.disruption_cost;
}

template <typename Run>
Regionalization best_of_starts(int starts, std::uint64_t seed, const Run& run) {
    const std::size_t count = static_cast<std::size_t>(starts > 0 ? starts : 1);
    std::vector<std::optional<Regionalization>> results(count);
    std::vector<std::exception_ptr> errors(count);
    tbb::parallel_for(std::size_t{0}, count, [&](std::size_t i) {
        try {
            results[i] = run(static_cast<int>(i), start_seed(seed, static_cast<int>(i)));
        } catch (...) {
            errors[i] = std::current_exception();
        }
    });
    std::size_t best = count;
    for (std::size_t i = 0; i < count; ++i) {
        if (results[i] && (best == count || closer(*results[i], *results[best]))) {
            best = i;
        }
    }
    if (best == count) {
        std::rethrow_exception(errors.front());
    }
    return std::move(*results[best]);
}

}  // namespace locality::regionalize::detail
