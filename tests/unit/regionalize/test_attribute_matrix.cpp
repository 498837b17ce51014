// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "locality/core/error.hpp"
#include "locality/regionalize/attribute_matrix.hpp"

using locality::InputError;
using locality::regionalize::AttributeMatrix;
using locality::regionalize::standardize;
using locality::regionalize::within_sum_of_squares;

TEST_CASE("Standardize turns a column into z-scores with the population standard deviation",
          "[regionalize]") {
    AttributeMatrix m(4, 2);
    const double first[] = {1, 2, 3, 4};
    const double second[] = {10, 10, 10, 50};
    for (std::size_t r = 0; r < 4; ++r) {
        m.at(r, 0) = first[r];
        m.at(r, 1) = second[r];
    }
    standardize(m);
    // Column 0: mean 2.5, population variance ((1.5^2 + 0.5^2) * 2) / 4 = 1.25.
    const double sd0 = std::sqrt(1.25);
    CHECK(m.at(0, 0) == Approx(-1.5 / sd0));
    CHECK(m.at(1, 0) == Approx(-0.5 / sd0));
    CHECK(m.at(2, 0) == Approx(0.5 / sd0));
    CHECK(m.at(3, 0) == Approx(1.5 / sd0));
    // Column 1: mean 20, deviations -10,-10,-10,30, variance (300 + 900) / 4 = 300.
    const double sd1 = std::sqrt(300.0);
    CHECK(m.at(0, 1) == Approx(-10.0 / sd1));
    CHECK(m.at(3, 1) == Approx(30.0 / sd1));
}

TEST_CASE("Standardize turns a constant column into zeros, even one that does not average exactly",
          "[regionalize]") {
    AttributeMatrix m(7, 2);
    for (std::size_t r = 0; r < 7; ++r) {
        m.at(r, 0) = 0.1;  // 7 * 0.1 / 7 is not exactly 0.1 in binary
        m.at(r, 1) = static_cast<double>(r);
    }
    standardize(m);
    for (std::size_t r = 0; r < 7; ++r) {
        CHECK(m.at(r, 0) == 0.0);
    }
    // The varying column still comes out with mean 0 and population sd 1.
    double sum = 0.0;
    double squares = 0.0;
    for (std::size_t r = 0; r < 7; ++r) {
        sum += m.at(r, 1);
        squares += m.at(r, 1) * m.at(r, 1);
    }
    CHECK(sum == Approx(0.0).margin(1e-12));
    CHECK(squares / 7.0 == Approx(1.0));
}

TEST_CASE("Standardize rejects a missing value and names its place", "[regionalize]") {
    AttributeMatrix m(3, 2);
    m.at(2, 1) = std::numeric_limits<double>::quiet_NaN();
    REQUIRE_THROWS_WITH(standardize(m), Catch::Contains("column 2 row 3"));
    REQUIRE_THROWS_AS(standardize(m), InputError);
}

TEST_CASE("Within sum of squares adds squared deviations from each region's own means", "[regionalize]") {
    // Region 0 = rows {0, 1}: column 0 {1, 3} -> mean 2, SS 2; column 1 {0, 4} -> mean 2, SS 8.
    // Region 1 = rows {2, 3, 4}: column 0 {10, 20, 30} -> SS 200; column 1 {5, 5, 5} -> SS 0.
    AttributeMatrix m(5, 2);
    const double c0[] = {1, 3, 10, 20, 30};
    const double c1[] = {0, 4, 5, 5, 5};
    for (std::size_t r = 0; r < 5; ++r) {
        m.at(r, 0) = c0[r];
        m.at(r, 1) = c1[r];
    }
    CHECK(within_sum_of_squares(m, {0, 0, 1, 1, 1}, 2) == Approx(210.0));
    // Region ids need not be ordered by row; singletons contribute nothing.
    CHECK(within_sum_of_squares(m, {1, 0, 2, 3, 4}, 5) == Approx(0.0));
    // One region: total SS = column 0 {1,3,10,20,30} mean 12.8 -> 590.8; column 1 mean 3.8 -> 18.8.
    CHECK(within_sum_of_squares(m, {0, 0, 0, 0, 0}, 1) == Approx(590.8 + 18.8));
}

TEST_CASE("Within sum of squares rejects a region outside the declared count", "[regionalize]") {
    AttributeMatrix m(3, 1);
    REQUIRE_THROWS_AS(within_sum_of_squares(m, {0, 1, 2}, 2), InputError);
    REQUIRE_THROWS_AS(within_sum_of_squares(m, {0, 1}, 2), InputError);
}
