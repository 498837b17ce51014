// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <vector>

#include "locality/pipeline/smoothing.hpp"

using locality::pipeline::empirical_bayes_rates;

TEST_CASE("Empirical Bayes rates match a hand-worked example", "[pipeline][smoothing]") {
    // events 1, 30, 5 in populations 100, 200, 200:
    //   overall b = 36 / 500 = 0.072; rates 0.01, 0.15, 0.025
    //   s2 = (100 * 0.062^2 + 200 * 0.078^2 + 200 * 0.047^2) / 500 = 2.043 / 500 = 0.004086
    //   a = s2 - b / (500 / 3) = 0.004086 - 0.000432 = 0.003654
    //   w1 = a / (a + 0.072 / 100) = 0.003654 / 0.004374; w2 = w3 = 0.003654 / 0.004014
    //   smoothed_1 = w1 * 0.01 + (1 - w1) * 0.072 = 0.0202058
    //   smoothed_2 = w2 * 0.15 + (1 - w2) * 0.072 = 0.1430045
    //   smoothed_3 = w2 * 0.025 + (1 - w2) * 0.072 = 0.0292152
    const std::vector<double> smoothed = empirical_bayes_rates({1, 30, 5}, {100, 200, 200});
    REQUIRE(smoothed.size() == 3);
    CHECK(smoothed[0] == Approx(0.0202058).epsilon(1e-5));
    CHECK(smoothed[1] == Approx(0.1430045).epsilon(1e-5));
    CHECK(smoothed[2] == Approx(0.0292152).epsilon(1e-5));
    // Shrinkage moves every rate toward the overall rate, the small area's most.
    CHECK(smoothed[0] > 0.01);
    CHECK(smoothed[1] < 0.15);
}

TEST_CASE("Empirical Bayes gives the overall rate when the spread is only noise", "[pipeline][smoothing]") {
    // events 2, 6, 2 in 100, 200, 100: b = 0.025, s2 = 0.000025 < b / m = 0.0001875, so a = 0.
    for (const double rate : empirical_bayes_rates({2, 6, 2}, {100, 200, 100})) {
        CHECK(rate == Approx(0.025));
    }
}

TEST_CASE("Empirical Bayes gives areas without residents the overall rate", "[pipeline][smoothing]") {
    // The empty area is left out of every moment: the others are as in the hand-worked example.
    const std::vector<double> smoothed = empirical_bayes_rates({1, 30, 0, 5}, {100, 200, 0, 200});
    CHECK(smoothed[0] == Approx(0.0202058).epsilon(1e-5));
    CHECK(smoothed[2] == Approx(0.072));
    CHECK(empirical_bayes_rates({0, 0}, {0, 0}) == std::vector<double>{0.0, 0.0});
    CHECK_THROWS(empirical_bayes_rates({1}, {1, 2}));
}
