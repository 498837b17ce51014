// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

namespace locality::regionalize {

/**
 * `count` seeds for independent solutions derived from `seed` through the project's generator
 * (SeededRandom), on a stream of their own: the same seeds with any standard library, and none equal
 * to the seed of a start of the solution seeded with `seed`.
 */
std::vector<std::uint64_t> run_seeds(std::uint64_t seed, int count);

}  // namespace locality::regionalize
