// SPDX-License-Identifier: MIT
// Fixed k through solve(): invariants on random layouts over many seeds, refused requests and
// their messages, and the same result whatever the thread count.
#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/regionalize/problem.hpp"
#include "regionalize_helpers.hpp"

using namespace locality;
using namespace locality::regionalize;
using namespace locality::test;

namespace {

/** A rows x cols rook grid with about one zone in eight removed, largest piece kept, renumbered. */
graph::ContiguityGraph grid_with_holes(int rows, int cols, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<char> keep(static_cast<std::size_t>(rows * cols));
    for (char& k : keep) k = rng() % 8 != 0;
    std::vector<std::pair<ZoneId, ZoneId>> edges;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const int z = r * cols + c;
            if (keep[static_cast<std::size_t>(z)] == 0) continue;
            if (c + 1 < cols && keep[static_cast<std::size_t>(z + 1)] != 0) edges.emplace_back(z, z + 1);
            if (r + 1 < rows && keep[static_cast<std::size_t>(z + cols)] != 0)
                edges.emplace_back(z, z + cols);
        }
    }
    const graph::ContiguityGraph full(static_cast<std::size_t>(rows * cols), edges);
    const graph::Components parts = graph::connected_components(full);
    const std::vector<std::size_t> sizes = parts.sizes();
    const int largest = static_cast<int>(std::max_element(sizes.begin(), sizes.end()) - sizes.begin());
    std::vector<ZoneId> id(full.zone_count(), -1);
    ZoneId next = 0;
    for (std::size_t z = 0; z < id.size(); ++z) {
        if (parts.component[z] == largest) id[z] = next++;
    }
    std::vector<std::pair<ZoneId, ZoneId>> kept;
    for (const auto& [a, b] : edges) {
        if (id[static_cast<std::size_t>(a)] >= 0 && id[static_cast<std::size_t>(b)] >= 0) {
            kept.emplace_back(id[static_cast<std::size_t>(a)], id[static_cast<std::size_t>(b)]);
        }
    }
    return graph::ContiguityGraph(static_cast<std::size_t>(next), kept);
}

std::vector<double> region_totals(const std::vector<double>& values, const std::vector<RegionId>& label,
                                  int k) {
    std::vector<double> totals(static_cast<std::size_t>(k), 0.0);
    for (std::size_t z = 0; z < label.size(); ++z) totals[static_cast<std::size_t>(label[z])] += values[z];
    return totals;
}

/** The 3 x 3 grid with population 100..900 and one bound on it. */
struct SmallCase {
    graph::ContiguityGraph graph = grid_graph(3, 3);
    AttributeMatrix attributes = random_matrix(9, 2, 1);
    Problem problem;
    SmallCase(int k, double min, double max) {
        problem = k_problem(graph, attributes, k);
        problem.bounds.push_back(Bound{"population", grid3x3_pop(), min, max});
    }
};

std::string refusal(const Problem& problem) {
    try {
        check_feasible(problem);
    } catch (const InfeasibleError& e) {
        return e.what();
    }
    return "accepted";
}

constexpr double k_inf = std::numeric_limits<double>::infinity();

}  // namespace

TEST_CASE("Fixed k keeps every invariant on random layouts with holes", "[regionalize][fixed_k]") {
    const std::vector<std::string> methods{"auto", "ward+greedy", "skater+tabu", "ward+sa", "skater+none"};
    for (std::uint64_t seed = 1; seed <= 24; ++seed) {
        const graph::ContiguityGraph g = grid_with_holes(8 + static_cast<int>(seed % 5), 9, seed);
        const std::size_t n = g.zone_count();
        const AttributeMatrix m = random_matrix(n, 3, seed);
        std::mt19937_64 rng(seed);
        std::vector<double> pop(n);
        for (double& v : pop) v = static_cast<double>(10 + rng() % 90);
        double total = 0.0;
        for (const double v : pop) total += v;
        const int k = 2 + static_cast<int>(seed % 6);
        Problem problem = k_problem(g, m, k);
        const bool bounded = seed % 2 == 0;
        if (bounded) problem.bounds.push_back(Bound{"population", pop, 0.6 * total / k, 1.6 * total / k});
        SolveOptions options;
        options.seed = seed;
        options.method = parse_method(methods[seed % methods.size()]);
        INFO("seed " << seed << ", " << n << " zones, k " << k << ", method "
                     << methods[seed % methods.size()]);
        const Regionalization r = solve(problem, options);
        REQUIRE(r.region_of.size() == n);
        REQUIRE(r.region_count == k);
        for (int region = 0; region < k; ++region) CHECK(part_connected(g, r.region_of, region));
        CHECK(r.within_ss == Approx(naive_within_ss(m, r.region_of, k)).margin(1e-9));
        if (bounded) {
            for (const double t : region_totals(pop, r.region_of, k)) {
                CHECK(t >= 0.6 * total / k);
                CHECK(t <= 1.6 * total / k);
            }
        }
    }
}

TEST_CASE("Local search improves on the plain constructions", "[regionalize][fixed_k]") {
    const auto g = grid_graph(12, 12);
    const AttributeMatrix m = random_matrix(144, 2, 9);
    const Problem problem = k_problem(g, m, 8);
    SolveOptions plain;
    plain.method = parse_method("ward+none");
    SolveOptions searched;
    searched.method = parse_method("ward+tabu");
    SolveOptions automatic;
    const double ward = solve(problem, plain).within_ss;
    const double tabu = solve(problem, searched).within_ss;
    CHECK(tabu < ward);
    CHECK(solve(problem, automatic).within_ss < ward);
    plain.method = parse_method("skater+none");
    CHECK(solve(problem, automatic).within_ss < solve(problem, plain).within_ss);
}

TEST_CASE("Infeasible fixed-k requests are refused with the bound and the gap", "[regionalize][fixed_k]") {
    // Population 100..900 on the 3 x 3 grid: total 4,500, largest area 900 (index 8).
    CHECK(refusal(SmallCase(10, -k_inf, k_inf).problem) == "k = 10 localities exceeds the 9 areas by 1");
    CHECK(refusal(SmallCase(2, 5000, k_inf).problem) ==
          "the total population 4,500 is below the floor 5,000 by 500");
    CHECK(refusal(SmallCase(3, 1600, k_inf).problem) ==
          "3 localities of at least 1,600 population need 4,800 but the total is 4,500, short by 300");
    CHECK(refusal(SmallCase(3, -k_inf, 800).problem) ==
          "area index 8 alone has population 900, above the ceiling 800 by 100");
    CHECK(refusal(SmallCase(2, -k_inf, 2000).problem) ==
          "2 localities of at most 2,000 population hold 4,000 but the total is 4,500, over by 500");
    CHECK(refusal(SmallCase(2, 1000, 3500).problem) == "accepted");
    CHECK_THROWS_AS(check_feasible(SmallCase(2, 3000, 2000).problem), UsageError);
}

TEST_CASE("A balance no partition can meet is refused after the search", "[regionalize][fixed_k]") {
    // k = 2 within 1 % of the mean 2,250: totals in [2,227.5, 2,272.5]. Brute force shows that no
    // connected split of the grid has such totals, so solve must throw rather than return one.
    SmallCase c(2, 2227.5, 2272.5);
    int feasible = 0;
    for_each_partition(9, 2, [&](const std::vector<int>& label) {
        const auto totals = region_totals(grid3x3_pop(), label, 2);
        if (part_connected(c.graph, label, 0) && part_connected(c.graph, label, 1) && totals[0] >= 2227.5 &&
            totals[0] <= 2272.5 && totals[1] >= 2227.5 && totals[1] <= 2272.5) {
            ++feasible;
        }
    });
    REQUIRE(feasible == 0);
    CHECK_THROWS_AS(solve(c.problem, SolveOptions{}), InfeasibleError);
}

TEST_CASE("Fixed k gives the same result whatever the thread count", "[regionalize][fixed_k]") {
    const auto g = grid_graph(10, 12);
    const AttributeMatrix m = random_matrix(120, 3, 5);
    Problem problem = k_problem(g, m, 7);
    problem.bounds.push_back(Bound{"population", std::vector<double>(120, 1.0), 12.0, 24.0});
    SolveOptions options;
    options.seed = 12345;
    options.starts = 6;
    Regionalization one;
    Regionalization two;
    {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
        one = solve(problem, options);
    }
    {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
        two = solve(problem, options);
    }
    const Regionalization again = solve(problem, options);
    CHECK(one.region_of == two.region_of);
    CHECK(one.within_ss == two.within_ss);
    CHECK(again.region_of == one.region_of);
    options.seed = 54321;
    CHECK_NOTHROW(validate_regionalization(problem, solve(problem, options)));
}

TEST_CASE("Fixed k handles one region and one region per area", "[regionalize][fixed_k]") {
    const auto g = grid_graph(4, 5);
    const AttributeMatrix m = random_matrix(20, 2, 3);
    const Regionalization one = solve(k_problem(g, m, 1), SolveOptions{});
    CHECK(one.region_count == 1);
    CHECK(one.region_of == std::vector<RegionId>(20, 0));
    CHECK(one.within_ss == Approx(naive_within_ss(m, one.region_of, 1)).margin(1e-9));
    const Regionalization each = solve(k_problem(g, m, 20), SolveOptions{});
    std::vector<RegionId> identity(20);
    for (std::size_t z = 0; z < 20; ++z) identity[z] = static_cast<RegionId>(z);
    CHECK(each.region_of == identity);
    CHECK(each.within_ss == Approx(0.0).margin(1e-12));
}
