// SPDX-License-Identifier: MIT
#include "local_search.hpp"

namespace locality::regionalize::detail {

void improve(const Problem& problem, Regionalization& result, LocalSearch kind, std::uint64_t seed) {
    (void)problem;
    (void)result;
    (void)kind;
    (void)seed;
}

}  // namespace locality::regionalize::detail
