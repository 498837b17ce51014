// SPDX-License-Identifier: MIT
#pragma once

#include "locality/regionalize/problem.hpp"

namespace locality::regionalize::detail {

/** SKATER on a problem with at most one floor and no ceiling (UsageError otherwise). */
Regionalization skater_for(const Problem& problem, std::uint64_t seed);

}  // namespace locality::regionalize::detail
