// SPDX-License-Identifier: MIT
// The project's one random generator, pinned to constants worked out outside the code: the same
// numbers on every standard library is what makes a seed reproducible (issue 15, item 4).
#include <catch2/catch.hpp>
#include <cstdint>
#include <numeric>
#include <vector>

#include "regionalize/multistart.hpp"
#include "regionalize/seeded_random.hpp"

using locality::regionalize::detail::SeededRandom;
using locality::regionalize::detail::splitmix64;
using locality::regionalize::detail::start_seed;

TEST_CASE("SeededRandom follows the SplitMix64 reference stream", "[regionalize][random]") {
    // Vigna's reference splitmix64.c seeded with 0 prints e220a8397b1dcdaf, 6e789e6aa1b965f4,
    // 06c45d188009454f, f88bb8a8724c81ec, 1b39896a51a8749b. SeededRandom(s) starts one step in: its
    // state is incremented, then mixed by splitmix64(), which increments once more.
    CHECK(splitmix64(0) == 0xe220a8397b1dcdafULL);
    SeededRandom random(0);
    CHECK(random.next() == 0x6e789e6aa1b965f4ULL);
    CHECK(random.next() == 0x06c45d188009454fULL);
    CHECK(random.next() == 0xf88bb8a8724c81ecULL);
    CHECK(random.next() == 0x1b39896a51a8749bULL);
}

TEST_CASE("uniform() is the top 53 bits of next() over 2^53, below() the remainder",
          "[regionalize][random]") {
    // 0x6e789e6aa1b965f4 >> 11 = 3886858653415212 (worked out with Python).
    SeededRandom random(0);
    const double u = random.uniform();
    CHECK(u == 3886858653415212.0 / 9007199254740992.0);
    CHECK(u == Approx(0.43152799704850997));
    // Seed 42, next() % 10 for eight draws, computed with Python's integers.
    SeededRandom digits(42);
    std::vector<std::uint64_t> drawn;
    for (int i = 0; i < 8; ++i) drawn.push_back(digits.below(10));
    CHECK(drawn == std::vector<std::uint64_t>{1, 8, 4, 0, 2, 5, 8, 5});
}

TEST_CASE("shuffle() is Fisher-Yates from the back with one below() per position", "[regionalize][random]") {
    // Seed 1 on 0..5: swaps with below(6), below(5), ..., below(2), worked out with Python.
    SeededRandom random(1);
    std::vector<int> items(6);
    std::iota(items.begin(), items.end(), 0);
    random.shuffle(items);
    CHECK(items == std::vector<int>{5, 2, 4, 3, 0, 1});
    // Empty and single-element vectors draw nothing: the stream is where it was.
    SeededRandom a(9);
    SeededRandom b(9);
    std::vector<int> none;
    std::vector<int> one{7};
    a.shuffle(none);
    a.shuffle(one);
    CHECK(one == std::vector<int>{7});
    CHECK(a.next() == b.next());
}

TEST_CASE("The seed of start i is the (i+1)-th SplitMix64 reference output", "[regionalize][random]") {
    CHECK(start_seed(0, 0) == 0xe220a8397b1dcdafULL);
    CHECK(start_seed(0, 1) == 0x6e789e6aa1b965f4ULL);
    CHECK(start_seed(0, 4) == 0x1b39896a51a8749bULL);
    // Any seed: start i's seed is the i-th draw of a stream one step behind.
    SeededRandom random(12345 - 0x9e3779b97f4a7c15ULL);
    for (int start = 0; start < 5; ++start) CHECK(start_seed(12345, start) == random.next());
}
