// SPDX-License-Identifier: MIT
// Fixed k against the exact optimum: every partition of small graphs (grids up to 4 x 4 and
// irregular layouts) into exactly k connected parts is enumerated with bitmasks, and solve()
// must reach the lowest WSS (to 1e-9), with and without a floor and ceiling.
#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include "exhaustive_partitions.hpp"
#include "locality/core/error.hpp"
#include "locality/regionalize/problem.hpp"
#include "regionalize_helpers.hpp"

using namespace locality;
using namespace locality::regionalize;
using namespace locality::test;

namespace {

/** A 4 x 4 queen grid with some zones removed and renumbered: an irregular connected layout. */
graph::ContiguityGraph irregular_layout(std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    for (;;) {
        std::vector<int> id(16, -1);
        int n = 0;
        for (int z = 0; z < 16; ++z) {
            if (rng() % 5 != 0) id[static_cast<std::size_t>(z)] = n++;
        }
        std::vector<std::pair<ZoneId, ZoneId>> edges;
        for (int r = 0; r < 4; ++r) {
            for (int c = 0; c < 4; ++c) {
                const int a = id[static_cast<std::size_t>(r * 4 + c)];
                for (const auto& [dr, dc] : {std::pair{0, 1}, {1, 0}, {1, 1}, {1, -1}}) {
                    const int rr = r + dr;
                    const int cc = c + dc;
                    if (rr >= 4 || cc < 0 || cc >= 4) continue;
                    const int b = id[static_cast<std::size_t>(rr * 4 + cc)];
                    // Diagonals only sometimes, so the layout is not a plain queen grid.
                    if (a >= 0 && b >= 0 && (dr == 0 || dc == 0 || rng() % 2 == 0)) edges.emplace_back(a, b);
                }
            }
        }
        graph::ContiguityGraph g(static_cast<std::size_t>(n), edges);
        if (n >= 9 && graph::connected_components(g).count == 1) return g;
    }
}

/** Population-like integers 1..20 per zone. */
std::vector<double> weights(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<double> w(n);
    for (double& v : w) v = static_cast<double>(1 + rng() % 20);
    return w;
}

/** Solves with the auto method and 8 starts and compares with the enumerated optimum. */
void check_optimum(const graph::ContiguityGraph& g, std::uint64_t seed, bool bounded) {
    const std::size_t n = g.zone_count();
    const AttributeMatrix m = random_matrix(n, 2, seed);
    const std::vector<double> w = weights(n, seed + 100);
    double total = 0.0;
    for (const double v : w) total += v;
    for (int k = 2; k <= 4; ++k) {
        Problem problem = k_problem(g, m, k);
        if (bounded) problem.bounds.push_back(Bound{"population", w, 0.7 * total / k, 1.3 * total / k});
        Exhaustive exhaustive(g, m, bounded ? &problem.bounds.front() : nullptr);
        const double best = exhaustive.optimum(k);
        INFO("zones " << n << ", seed " << seed << ", k " << k << (bounded ? ", bounded" : ""));
        SolveOptions options;
        options.seed = seed;
        options.starts = 8;  // a quarter of the default, so the optimum does not come from sheer numbers
        if (best == std::numeric_limits<double>::infinity()) {
            CHECK_THROWS_AS(solve(problem, options), InfeasibleError);
            continue;
        }
        const Regionalization r = solve(problem, options);
        REQUIRE_NOTHROW(validate_regionalization(problem, r));
        CHECK(r.within_ss == Approx(best).margin(1e-9));
    }
}

}  // namespace

TEST_CASE("Fixed k finds the exact optimum on every small grid", "[regionalize][fixed_k][exhaustive]") {
    for (const auto& [rows, cols] : {std::pair{2, 2}, {2, 3}, {3, 3}, {3, 4}, {4, 4}}) {
        const auto g = grid_graph(rows, cols);
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            check_optimum(g, seed * 31 + static_cast<std::uint64_t>(rows * cols), false);
        }
    }
}

TEST_CASE("Fixed k finds the exact optimum under a floor and a ceiling",
          "[regionalize][fixed_k][exhaustive]") {
    for (const auto& [rows, cols] : {std::pair{2, 3}, {3, 3}, {3, 4}, {4, 4}}) {
        const auto g = grid_graph(rows, cols);
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            check_optimum(g, seed * 17 + static_cast<std::uint64_t>(rows * cols), true);
        }
    }
}

TEST_CASE("Fixed k finds the exact optimum on irregular layouts", "[regionalize][fixed_k][exhaustive]") {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const auto g = irregular_layout(seed);
        check_optimum(g, seed, false);
        check_optimum(g, seed + 50, true);
    }
}
