// SPDX-License-Identifier: MIT
// The frontier's flags on hand-worked points: which are dominated, and which is the knee.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "pipeline/frontier_flags.hpp"

using locality::pipeline::dominated_points;
using locality::pipeline::knee_point;

namespace {
const double k_nan = std::numeric_limits<double>::quiet_NaN();
}

TEST_CASE("dominated_points: worse on one criterion and no better on any", "[pipeline][frontier]") {
    // 2 is beaten by 0 (and 1) on the first criterion and tied or beaten on the second; 0 and 3 are equal,
    // so neither dominates the other; 0 and 1 trade one criterion for the other.
    const std::vector<std::vector<double>> scores{{0.9, 0.1}, {0.8, 0.2}, {0.7, 0.1}, {0.9, 0.1}};
    CHECK(dominated_points(scores) == std::vector<bool>{false, false, true, false});
    // A withheld figure (NaN) decides nothing: the other criterion alone decides.
    CHECK(dominated_points({{0.5, k_nan}, {0.4, 1.0}}) == std::vector<bool>{false, true});
    CHECK(dominated_points({{0.5, 0.5}}) == std::vector<bool>{false});
    CHECK(dominated_points({}).empty());
}

TEST_CASE("knee_point: the point farthest beyond the chord, on normalised axes", "[pipeline][frontier]") {
    // Normalised: (0, 1), (0.5, 0.9), (0.8, 0.5), (1, 0); the chord is x + y = 1, so the distances
    // beyond it are 0.4 / sqrt 2 and 0.3 / sqrt 2: the second point.
    const std::vector<bool> none(4, false);
    CHECK(knee_point({0.0, 0.5, 0.8, 1.0}, {1.0, 0.9, 0.5, 0.0}, none) == 1U);
    // The same shape on other scales (x from 0.15 to 0.25, y from 0.3 to 0.5): the same knee.
    CHECK(knee_point({0.15, 0.2, 0.23, 0.25}, {0.5, 0.48, 0.4, 0.3}, none) == 1U);
    // A dominated point takes no part: the knee is the other interior point.
    CHECK(knee_point({0.0, 0.5, 0.8, 1.0}, {1.0, 0.9, 0.5, 0.0}, {false, true, false, false}) == 2U);
    // Points on the chord, or short of it (towards the worst corner), make no knee.
    CHECK_FALSE(knee_point({0.0, 0.5, 1.0}, {1.0, 0.5, 0.0}, {false, false, false}).has_value());
    CHECK_FALSE(knee_point({0.0, 0.5, 1.0}, {1.0, 0.2, 0.0}, {false, false, false}).has_value());
    // Two points have no interior point.
    CHECK_FALSE(knee_point({0.0, 1.0}, {1.0, 0.0}, {false, false}).has_value());
    // A point with a withheld figure takes no part.
    CHECK(knee_point({0.0, 0.5, k_nan, 1.0}, {1.0, 0.9, 0.5, 0.0}, none) == 1U);
    // Equal distances: the lower weight.
    CHECK(knee_point({0.0, 0.4, 0.6, 1.0}, {1.0, 0.8, 0.6, 0.0}, none) == 1U);
}
