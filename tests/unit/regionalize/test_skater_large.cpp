// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <vector>

#include "locality/regionalize/skater.hpp"
#include "regionalize_helpers.hpp"

using namespace locality;
using namespace locality::regionalize;

// 40,000 zones: the size budget of the module (run with `locality_tests "[.slow]" --durations yes`).
TEST_CASE("Skater handles a 200x200 grid with a floor of 80 and with k = 50", "[regionalize][.slow]") {
    const auto g = test::grid_graph(200, 200);
    const auto attrs = test::random_matrix(40000, 3, 2024);
    const std::vector<double> ones(40000, 1.0);
    SECTION("max-p with a floor of 80") {
        const auto options = test::skater_options(0, 80.0);
        const auto result = skater(g, attrs, ones, options);
        CHECK(result.region_count > 1);
        CHECK(result.region_count <= 500);
        REQUIRE_NOTHROW(validate_regionalization(g, result, ones, options.floor));
    }
    SECTION("k = 50 without a floor") {
        const auto result = skater(g, attrs, {}, test::skater_options(50));
        CHECK(result.region_count == 50);
        REQUIRE_NOTHROW(validate_regionalization(g, result, {}, 0.0));
    }
}
