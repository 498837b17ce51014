// SPDX-License-Identifier: MIT
// The shape term's moves beyond single zones: pair exchanges in the local search (a zone leaves its
// region while a nearby zone of the receiving region comes back) and recombination (two neighbouring
// regions regrown inside their union). Checked on grids of unit squares against a brute-force optimum and
// a recomputation of the objective from the labels.
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "locality/regionalize/problem.hpp"
#include "regionalize/local_search.hpp"
#include "regionalize/recombination.hpp"
#include "regionalize/region_state.hpp"
#include "regionalize_helpers.hpp"

using namespace locality;
using namespace locality::regionalize;
using namespace locality::test;

TEST_CASE(
    "Exchanges: where the floor forbids every single move, exchanges and recombination reach the exhaustive "
    "optimum",
    "[regionalize][shape][exchange]") {
    // A 4 x 4 grid in two localities of exactly the floor (8 zones each), so no single move keeps the
    // floor. Uniform attributes: the shape term alone decides. The start's border is jagged.
    const int rows = 4;
    const int cols = 4;
    const graph::ContiguityGraph graph = grid_graph(rows, cols);
    const ZoneShapes shapes = unit_squares(graph);
    const AttributeMatrix m(graph.zone_count(), 1);
    Problem problem = floor_problem(graph, m, shapes, 8.0);
    problem.shape_weight = 5.0;
    // Column 0 with (0,1), (1,1), (2,1) and (1,2) in locality 0; the rest, (3,1) included, in 1.
    std::vector<RegionId> start(graph.zone_count(), 1);
    for (const int z : {0, 4, 8, 12, 1, 5, 9, 6}) start[static_cast<std::size_t>(z)] = 0;
    problem.shape_reference = detail::measure_shape_reference(problem, start, 2);
    REQUIRE(problem.shape_reference.set());

    // The exhaustive optimum over every split into two connected halves of 8 zones.
    double optimum = 2.0 * brute_mean_inverse_pp(rows, cols, start, 2);
    for (std::uint32_t mask = 0; mask < (1u << 16); ++mask) {
        if (__builtin_popcount(mask) != 8 || (mask & 1u) == 0) continue;  // zone 0 in locality 0
        std::vector<RegionId> label(graph.zone_count(), 1);
        for (int z = 0; z < 16; ++z) {
            if ((mask >> z) & 1u) label[static_cast<std::size_t>(z)] = 0;
        }
        if (part_connected(graph, label, 0) && part_connected(graph, label, 1)) {
            optimum = std::min(optimum, 2.0 * brute_mean_inverse_pp(rows, cols, label, 2));
        }
    }
    REQUIRE(optimum < 2.0 * brute_mean_inverse_pp(rows, cols, start, 2) - 0.1);

    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        Regionalization result;
        result.region_of = start;
        result.region_count = 2;
        detail::improve(problem, result, LocalSearch::Greedy, seed);
        REQUIRE_NOTHROW(validate_regionalization(problem, result));
        // Exchanges alone straighten the border part of the way (measured 3.90 from 4.50; 2.86 optimal).
        const double exchanged = 2.0 * brute_mean_inverse_pp(rows, cols, result.region_of, 2);
        CHECK(exchanged < 2.0 * brute_mean_inverse_pp(rows, cols, start, 2) - 0.5);
        CHECK(exchanged >= optimum - 1e-12);
        // Recombination, then exchanges again, reach the optimum.
        detail::recombine_pairs(problem, result, seed);
        detail::improve(problem, result, LocalSearch::Greedy, seed);
        REQUIRE_NOTHROW(validate_regionalization(problem, result));
        CHECK(2.0 * brute_mean_inverse_pp(rows, cols, result.region_of, 2) == Approx(optimum).epsilon(1e-12));
    }
}

TEST_CASE("Exchanges: max-p with the shape term keeps every invariant and its incremental objective",
          "[regionalize][shape][exchange]") {
    // Random attributes on 12 x 12 grids, a floor of 9 zones: every zone in one contiguous locality
    // meeting the floor (validate_regionalization), and the shape cost the search kept incrementally
    // equal to a recomputation from the labels.
    const graph::ContiguityGraph graph = grid_graph(12, 12);
    const ZoneShapes shapes = unit_squares(graph);
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        const AttributeMatrix m = random_matrix(graph.zone_count(), 2, seed);
        Problem problem = floor_problem(graph, m, shapes, 9.0);
        problem.shape_weight = 5.0;
        SolveOptions options;
        options.seed = seed;
        options.starts = 8;
        const Regionalization result = solve(problem, options);
        REQUIRE_NOTHROW(validate_regionalization(problem, result));
        Problem measured = problem;
        measured.shape_reference = shape_reference(problem, options);
        const detail::RegionState fresh(measured, result.region_of, result.region_count);
        CHECK(result.shape_cost == Approx(fresh.shape_cost()).epsilon(1e-9));
        CHECK(result.within_ss == Approx(fresh.wss()).epsilon(1e-9));
    }
}

TEST_CASE("Recombination: two interlocking ribbons are regrown into a pair with a lower objective",
          "[regionalize][shape][recombination]") {
    // Two localities of 18 zones each on a 6 x 6 grid, interlocking combs (the border zigzags through
    // every column), uniform attributes: only the shape term can make a change worth it. Recombination
    // regrows both inside their union; the result must keep both floors and contiguity, lower the
    // objective (recomputed from the labels) and report the shape cost of its labels.
    const int rows = 6;
    const int cols = 6;
    const graph::ContiguityGraph graph = grid_graph(rows, cols);
    const ZoneShapes shapes = unit_squares(graph);
    const AttributeMatrix m(graph.zone_count(), 1);
    Problem problem = floor_problem(graph, m, shapes, 18.0);
    problem.shape_weight = 5.0;
    // Locality 0: row 0 and the teeth hanging from it (columns 0, 2, 4 of rows 1-4), 18 zones;
    // locality 1: row 5 and the teeth rising from it.
    std::vector<RegionId> start(graph.zone_count(), 1);
    int in_zero = 0;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const bool zero = r == 0 || (r <= 4 && c % 2 == 0);
            if (zero) {
                start[static_cast<std::size_t>(r * cols + c)] = 0;
                ++in_zero;
            }
        }
    }
    REQUIRE(in_zero == 18);
    REQUIRE(part_connected(graph, start, 0));
    REQUIRE(part_connected(graph, start, 1));
    problem.shape_reference = detail::measure_shape_reference(problem, start, 2);
    REQUIRE(problem.shape_reference.set());
    const detail::RegionState before(problem, start, 2);

    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        Regionalization result;
        result.region_of = start;
        result.region_count = 2;
        REQUIRE(detail::recombine_pairs(problem, result, seed) == 1);
        REQUIRE_NOTHROW(validate_regionalization(problem, result));
        const detail::RegionState after(problem, result.region_of, 2);
        CHECK(after.objective() < before.objective());
        CHECK(2.0 * brute_mean_inverse_pp(rows, cols, result.region_of, 2) <
              0.8 * 2.0 * brute_mean_inverse_pp(rows, cols, start, 2));
        CHECK(result.shape_cost == Approx(after.shape_cost()).epsilon(1e-12));
    }

    // Without a shape term there is nothing to weigh: no pair is touched.
    problem.shape_weight = 0.0;
    Regionalization blind;
    blind.region_of = start;
    blind.region_count = 2;
    CHECK(detail::recombine_pairs(problem, blind, 1) == 0);
    CHECK(blind.region_of == start);
}
