// SPDX-License-Identifier: MIT
#include "max_p.hpp"

#include "local_search.hpp"
#include "skater_bridge.hpp"

namespace locality::regionalize::detail {

Regionalization solve_max_p(const Problem& problem, const SolveOptions& options, const ProgressSink& progress) {
    (void)progress;
    Regionalization result = skater_for(problem, options.seed);
    improve(problem, result, options.method.search, options.seed);
    return result;
}

}  // namespace locality::regionalize::detail
