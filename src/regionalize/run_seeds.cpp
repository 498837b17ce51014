// SPDX-License-Identifier: MIT
#include "locality/regionalize/run_seeds.hpp"

#include "seeded_random.hpp"

namespace locality::regionalize {

namespace {

// Separates the runs' stream from the starts' (multistart.hpp: splitmix64(seed + golden * start)).
constexpr std::uint64_t k_runs_stream = 0xC0F1DE11CE5EED5ULL;

}  // namespace

std::vector<std::uint64_t> run_seeds(std::uint64_t seed, int count) {
    detail::SeededRandom random(detail::splitmix64(seed ^ k_runs_stream));
    std::vector<std::uint64_t> out;
    for (int i = 0; i < count; ++i) {
        out.push_back(random.next());
    }
    return out;
}

}  // namespace locality::regionalize
