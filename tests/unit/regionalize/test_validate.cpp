// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/regionalize/skater.hpp"
#include "regionalize_helpers.hpp"

using namespace locality;
using namespace locality::regionalize;
using locality::test::grid_graph;

namespace {

Regionalization make(std::vector<RegionId> region_of, int count) {
    Regionalization r;
    r.region_of = std::move(region_of);
    r.region_count = count;
    return r;
}

}  // namespace

TEST_CASE("Validate accepts a contiguous assignment that meets the floor", "[regionalize]") {
    const auto g = grid_graph(3, 3);
    // Columns 0, 1, 2 as regions: each column is a vertical path.
    const auto r = make({0, 1, 2, 0, 1, 2, 0, 1, 2}, 3);
    REQUIRE_NOTHROW(validate_regionalization(g, r, std::vector<double>(9, 1.0), 3.0));
}

TEST_CASE("Validate catches a region that is not contiguous", "[regionalize]") {
    const auto g = grid_graph(3, 3);
    // Region 1 = zones 0 and 8, opposite corners.
    const auto r = make({1, 0, 0, 0, 0, 0, 0, 0, 1}, 2);
    REQUIRE_THROWS_AS(validate_regionalization(g, r, {}, 0.0), Error);
    REQUIRE_THROWS_WITH(
        validate_regionalization(g, r, {}, 0.0),
        "region index 1 (locality 2) is not contiguous: area 8 is cut off from its other areas");
}

TEST_CASE("Validate catches a region below the floor and says by how much", "[regionalize]") {
    const auto g = grid_graph(3, 3);
    const auto r = make({0, 0, 1, 0, 0, 1, 0, 0, 1}, 2);
    const std::vector<double> ones(9, 1.0);
    REQUIRE_THROWS_AS(validate_regionalization(g, r, ones, 4.0), InfeasibleError);
    REQUIRE_THROWS_WITH(validate_regionalization(g, r, ones, 4.0),
                        "region index 1 (locality 2) totals 3, below the floor 4 by 1");
    REQUIRE_NOTHROW(validate_regionalization(g, r, ones, 3.0));  // inclusive floor
}

TEST_CASE("Validate catches an out-of-range region, an empty region and a wrong size", "[regionalize]") {
    const auto g = grid_graph(2, 2);
    REQUIRE_THROWS_WITH(validate_regionalization(g, make({0, 0, 2, 0}, 2), {}, 0.0),
                        "area 2 has region index 2, outside 0..1");
    REQUIRE_THROWS_WITH(validate_regionalization(g, make({0, 0, -1, 0}, 2), {}, 0.0),
                        Catch::Contains("outside"));
    REQUIRE_THROWS_WITH(validate_regionalization(g, make({0, 0, 0, 0}, 2), {}, 0.0),
                        "region index 1 (locality 2) has no areas");
    REQUIRE_THROWS_AS(validate_regionalization(g, make({0, 0, 0}, 1), {}, 0.0), Error);
}
