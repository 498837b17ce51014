// SPDX-License-Identifier: MIT
#include "fixed_k.hpp"

#include "local_search.hpp"
#include "skater_bridge.hpp"

namespace locality::regionalize::detail {

Regionalization solve_fixed_k(const Problem& problem, const SolveOptions& options, const ProgressSink& progress) {
    (void)progress;
    Regionalization result = skater_for(problem, options.seed);
    improve(problem, result, options.method.search, options.seed);
    return result;
}

}  // namespace locality::regionalize::detail
