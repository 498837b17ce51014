// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "locality/regionalize/problem.hpp"
#include "regionalize/local_search.hpp"
#include "regionalize/region_state.hpp"
#include "regionalize_helpers.hpp"

using namespace locality;
using namespace locality::regionalize;
using namespace locality::test;

namespace {

/** A random contiguous partition into k regions: SKATER on random attributes. */
Regionalization random_partition(const graph::ContiguityGraph& g, int k, std::uint64_t seed) {
    const AttributeMatrix noise = random_matrix(g.zone_count(), 1, seed ^ 0x5EEDULL);
    return skater(g, noise, {}, skater_options(k));
}

/** Whether region r minus zone z is connected and non-empty, by an independent BFS. */
bool brute_donor_ok(const graph::ContiguityGraph& g, std::vector<int> labels, ZoneId z) {
    const int r = labels[static_cast<std::size_t>(z)];
    labels[static_cast<std::size_t>(z)] = -1;
    return part_connected(g, labels, r);
}

double region_total(const std::vector<double>& values, const std::vector<int>& labels, int r) {
    double total = 0.0;
    for (std::size_t z = 0; z < labels.size(); ++z) {
        if (labels[z] == r) total += values[z];
    }
    return total;
}

}  // namespace

TEST_CASE("Region state move deltas match a from-scratch recomputation", "[regionalize][local_search]") {
    const auto g = grid_graph(6, 5);
    const AttributeMatrix m = random_matrix(30, 3, 7);
    const Problem problem = k_problem(g, m, 4);
    Regionalization start = random_partition(g, 4, 11);
    detail::RegionState state(problem, start.region_of, 4);
    REQUIRE(state.wss() == Approx(within_sum_of_squares(m, start.region_of, 4)).margin(1e-9));
    std::mt19937_64 rng(3);
    int moves = 0;
    for (int step = 0; step < 400; ++step) {
        const ZoneId z = static_cast<ZoneId>(rng() % 30);
        const ZoneId nb = *(g.begin(z) + static_cast<std::ptrdiff_t>(rng() % g.degree(z)));
        const RegionId to = state.region(nb);
        if (to == state.region(z)) continue;
        const bool ok = state.donor_stays_connected(z);
        REQUIRE(ok == brute_donor_ok(g, state.labels(), z));
        if (!ok) continue;
        std::vector<int> after = state.labels();
        after[static_cast<std::size_t>(z)] = to;
        const double expected =
            within_sum_of_squares(m, after, 4) - within_sum_of_squares(m, state.labels(), 4);
        REQUIRE(state.wss_delta(z, to) == Approx(expected).margin(1e-9));
        state.move(z, to);
        ++moves;
        REQUIRE(state.wss() == Approx(within_sum_of_squares(m, state.labels(), 4)).margin(1e-9));
        for (std::size_t y = 0; y < 30; ++y) {
            bool on = false;
            for (const ZoneId* it = g.begin(static_cast<ZoneId>(y)); it != g.end(static_cast<ZoneId>(y));
                 ++it) {
                on = on || state.labels()[static_cast<std::size_t>(*it)] != state.labels()[y];
            }
            REQUIRE(state.is_boundary(static_cast<ZoneId>(y)) == on);
        }
    }
    CHECK(moves > 20);
}

TEST_CASE("Every local search keeps a valid partition and never raises the WSS",
          "[regionalize][local_search]") {
    const auto g = grid_graph(8, 8);
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        const AttributeMatrix m = random_matrix(64, 2, seed);
        const Problem problem = k_problem(g, m, 5);
        for (const LocalSearch kind :
             {LocalSearch::Greedy, LocalSearch::Tabu, LocalSearch::Annealing, LocalSearch::Auto}) {
            Regionalization r = random_partition(g, 5, seed);
            const double before = within_sum_of_squares(m, r.region_of, 5);
            detail::improve(problem, r, kind, seed);
            REQUIRE_NOTHROW(validate_regionalization(problem, r));
            CHECK(r.region_count == 5);
            CHECK(r.within_ss <= before + 1e-9);
            CHECK(r.within_ss == Approx(within_sum_of_squares(m, r.region_of, 5)).margin(1e-12));
        }
    }
}

TEST_CASE("Tabu search beats greedy descent or ties it on a clustered grid", "[regionalize][local_search]") {
    const auto g = grid_graph(10, 10);
    const AttributeMatrix m = random_matrix(100, 2, 42);
    const Problem problem = k_problem(g, m, 6);
    Regionalization greedy = random_partition(g, 6, 5);
    Regionalization tabu = greedy;
    detail::improve(problem, greedy, LocalSearch::Greedy, 1);
    detail::improve(problem, tabu, LocalSearch::Tabu, 1);
    CHECK(tabu.within_ss <= greedy.within_ss + 1e-9);
}

TEST_CASE("Repair moves zones until a broken floor holds, keeping regions contiguous",
          "[regionalize][local_search]") {
    const auto g = grid_graph(6, 6);
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        const AttributeMatrix m = random_matrix(36, 2, seed);
        std::vector<double> pop(36);
        std::mt19937_64 rng(seed);
        for (double& v : pop) v = static_cast<double>(50 + rng() % 100);
        double total = 0.0;
        for (const double v : pop) total += v;
        Problem problem = k_problem(g, m, 4);
        problem.bounds.push_back(Bound{"population", pop, 0.2 * total, 0.3 * total});
        Regionalization r = random_partition(g, 4, seed);
        const bool repaired = detail::repair(problem, r, seed);
        REQUIRE(repaired);
        REQUIRE_NOTHROW(validate_regionalization(problem, r));
        for (int region = 0; region < 4; ++region) {
            CHECK(region_total(pop, r.region_of, region) >= 0.2 * total);
            CHECK(region_total(pop, r.region_of, region) <= 0.3 * total);
        }
        const double repaired_wss = r.within_ss;
        detail::improve(problem, r, LocalSearch::Tabu, seed);
        REQUIRE_NOTHROW(validate_regionalization(problem, r));
        CHECK(r.within_ss <= repaired_wss + 1e-9);
    }
}
