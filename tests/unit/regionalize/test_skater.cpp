// SPDX-License-Identifier: MIT
#include <algorithm>
#include <catch2/catch.hpp>
#include <numeric>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/regionalize/skater.hpp"
#include "regionalize_helpers.hpp"

using namespace locality;
using namespace locality::regionalize;
using namespace locality::test;

namespace {

/** Per-region totals of `values`, recomputed independently of the library. */
std::vector<double> region_totals(const Regionalization& result, const std::vector<double>& values) {
    std::vector<double> totals(static_cast<std::size_t>(result.region_count), 0.0);
    for (std::size_t z = 0; z < values.size(); ++z) {
        totals[static_cast<std::size_t>(result.region_of[z])] += values[z];
    }
    return totals;
}

}  // namespace

TEST_CASE("Skater with k = 2 splits a 3x3 grid exactly along its one-column cluster", "[regionalize]") {
    // Left column (col 0 = zones 0, 3, 6) has value 10, the rest 0.
    const auto result = skater(grid_graph(3, 3), left_column_cluster(), {}, skater_options(2));
    REQUIRE(result.region_count == 2);
    CHECK(result.region_of == std::vector<RegionId>{0, 1, 1, 0, 1, 1, 0, 1, 1});
    CHECK(result.within_ss == Approx(0.0).margin(1e-12));
}

TEST_CASE("Skater with k = 1 keeps one region whose within SS is the total SS", "[regionalize]") {
    const auto result = skater(grid_graph(3, 3), left_column_cluster(), {}, skater_options(1));
    REQUIRE(result.region_count == 1);
    CHECK(result.region_of == std::vector<RegionId>(9, 0));
    // Mean 10/3: 3 * (20/3)^2 + 6 * (10/3)^2 = 200.
    CHECK(result.within_ss == Approx(200.0));
}

TEST_CASE("Skater with k equal to the zone count returns singletons numbered by zone", "[regionalize]") {
    const auto g = grid_graph(3, 3);
    const auto attrs = random_matrix(9, 2, 7);
    std::vector<RegionId> identity(9);
    std::iota(identity.begin(), identity.end(), 0);
    // The smallest zone holds exactly 100: the floor is inclusive.
    const auto result = skater(g, attrs, grid3x3_pop(), skater_options(9, 100.0));
    CHECK(result.region_count == 9);
    CHECK(result.region_of == identity);
    CHECK(result.within_ss == Approx(0.0).margin(1e-12));
    // k = 0 without a floor also cuts down to singletons.
    const auto maxp = skater(g, attrs, {}, RegionalizeOptions{});
    CHECK(maxp.region_of == identity);
}

TEST_CASE("Skater with a floor and k = 0 makes several regions that all meet the floor", "[regionalize]") {
    const auto g = grid_graph(3, 3);
    const auto pop = grid3x3_pop();
    const auto options = skater_options(0, 1000.0);
    const auto result = skater(g, column(pop), pop, options);
    // 4500 in total: at most 4 regions of 1000; SKATER on the MST path of pop values finds several.
    CHECK(result.region_count >= 2);
    CHECK(result.region_count <= 4);
    for (const double total : region_totals(result, pop)) {
        CHECK(total >= 1000.0);
    }
    REQUIRE_NOTHROW(validate_regionalization(g, result, pop, options.floor));
}

TEST_CASE("Skater with a floor on a larger grid meets every floor and keeps regions contiguous",
          "[regionalize]") {
    const auto g = grid_graph(30, 30);
    const auto attrs = random_matrix(900, 3, 11);
    const std::vector<double> ones(900, 1.0);
    const auto options = skater_options(0, 20.0);
    const auto result = skater(g, attrs, ones, options);
    CHECK(result.region_count > 1);
    CHECK(result.region_count <= 45);
    for (const double total : region_totals(result, ones)) {
        CHECK(total >= 20.0);
    }
    for (int r = 0; r < result.region_count; ++r) {
        CHECK(test::part_connected(g, result.region_of, r));
    }
    REQUIRE_NOTHROW(validate_regionalization(g, result, ones, options.floor));
    CHECK(result.within_ss == Approx(within_sum_of_squares(attrs, result.region_of, result.region_count)));
}

TEST_CASE("Skater numbers regions by their lowest zone and reaches exactly k", "[regionalize]") {
    const auto g = grid_graph(30, 30);
    const auto attrs = random_matrix(900, 3, 5);
    const auto result = skater(g, attrs, {}, skater_options(50));
    REQUIRE(result.region_count == 50);
    RegionId next = 0;
    for (const RegionId r : result.region_of) {
        CHECK(r <= next);  // first appearances in zone order are 0, 1, 2, ...
        next = std::max(next, static_cast<RegionId>(r + 1));
    }
    REQUIRE_NOTHROW(validate_regionalization(g, result, {}, 0.0));
}

TEST_CASE("Skater's within SS never increases as k grows", "[regionalize]") {
    const auto g = grid_graph(8, 8);
    const auto attrs = random_matrix(64, 2, 3);
    double previous = within_sum_of_squares(attrs, std::vector<int>(64, 0), 1);
    for (int k = 1; k <= 12; ++k) {
        const auto result = skater(g, attrs, {}, skater_options(k));
        CHECK(result.within_ss <= previous + 1e-9);
        previous = result.within_ss;
    }
}

TEST_CASE("Skater gives identical output when called twice", "[regionalize]") {
    const auto g = grid_graph(12, 12);
    const auto attrs = random_matrix(144, 3, 42);
    std::vector<double> floor_values(144);
    for (std::size_t z = 0; z < 144; ++z) {
        floor_values[z] = static_cast<double>(1 + (z * 7) % 10);
    }
    auto options = skater_options(0, 40.0);
    options.seed = 1234;
    const auto a = skater(g, attrs, floor_values, options);
    const auto b = skater(g, attrs, floor_values, options);
    CHECK(a.region_of == b.region_of);
    CHECK(a.region_count == b.region_count);
    CHECK(a.within_ss == b.within_ss);
}

TEST_CASE("Skater breaks equal-weight ties the same way whatever the edge order", "[regionalize]") {
    // All attributes equal: every MST edge weight ties, so only the (low, high) rule decides.
    std::vector<std::pair<ZoneId, ZoneId>> edges = grid_graph(4, 4).edges();
    const graph::ContiguityGraph forward(16, edges);
    std::reverse(edges.begin(), edges.end());
    for (auto& e : edges) {
        std::swap(e.first, e.second);
    }
    const graph::ContiguityGraph backward(16, edges);
    const auto attrs = column(std::vector<double>(16, 1.0));
    const auto options = skater_options(4);
    CHECK(skater(forward, attrs, {}, options).region_of == skater(backward, attrs, {}, options).region_of);
}

TEST_CASE("Skater reports k above the zone count", "[regionalize]") {
    const auto options = skater_options(12);
    REQUIRE_THROWS_AS(skater(grid_graph(3, 3), column(std::vector<double>(9, 0.0)), {}, options),
                      InfeasibleError);
    REQUIRE_THROWS_WITH(skater(grid_graph(3, 3), column(std::vector<double>(9, 0.0)), {}, options),
                        "k = 12 exceeds the 9 areas");
}

TEST_CASE("Skater reports a floor above the total and by how much", "[regionalize]") {
    const auto options = skater_options(0, 5000.0);
    const std::vector<double> pop(9, 500.0);
    REQUIRE_THROWS_AS(skater(grid_graph(3, 3), column(pop), pop, options), InfeasibleError);
    REQUIRE_THROWS_WITH(skater(grid_graph(3, 3), column(pop), pop, options),
                        "the total population 4,500 is below the floor 5,000 by 500");
}

TEST_CASE("Skater reports where it stopped when it cannot reach k under the floor", "[regionalize]") {
    // Path 0-1-2-3 with one person each and a floor of 2: the only feasible cut is the middle
    // edge, after which neither half can be split again.
    const graph::ContiguityGraph path(4, {{0, 1}, {1, 2}, {2, 3}});
    const std::vector<double> ones(4, 1.0);
    auto options = skater_options(2, 2.0);
    CHECK(skater(path, column({0, 1, 2, 3}), ones, options).region_of == std::vector<RegionId>{0, 0, 1, 1});
    options.k = 3;
    REQUIRE_THROWS_AS(skater(path, column({0, 1, 2, 3}), ones, options), InfeasibleError);
    REQUIRE_THROWS_WITH(skater(path, column({0, 1, 2, 3}), ones, options),
                        "cannot make 3 localities of at least 2: stopped at 2");
}

TEST_CASE("Skater refuses a disconnected graph and says to bridge it first", "[regionalize]") {
    const graph::ContiguityGraph two_parts(4, {{0, 1}, {2, 3}});
    REQUIRE_THROWS_AS(skater(two_parts, column({0, 1, 2, 3}), {}, RegionalizeOptions{}), Error);
    REQUIRE_THROWS_WITH(skater(two_parts, column({0, 1, 2, 3}), {}, RegionalizeOptions{}),
                        Catch::Contains("bridge"));
}

TEST_CASE("Skater rejects inputs whose sizes do not match the graph", "[regionalize]") {
    auto options = skater_options(0, 1.0);
    REQUIRE_THROWS_AS(skater(grid_graph(2, 2), column({1, 2, 3}), {1, 1, 1, 1}, options), InputError);
    REQUIRE_THROWS_AS(skater(grid_graph(2, 2), column({1, 2, 3, 4}), {1, 1}, options), InputError);
    options.floor = -1.0;
    REQUIRE_THROWS_AS(skater(grid_graph(2, 2), column({1, 2, 3, 4}), {1, 1, 1, 1}, options), UsageError);
}
