// SPDX-License-Identifier: MIT
// Shape-aware max-p construction (the shape term on): compact growth, enclaves given by the longest
// border, sub-problems carrying their borders. Checked on grids of unit squares, whose perimeters are
// counted from the cells' sides, against the shape-blind construction and hand-made cases.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

#include "locality/regionalize/maintain.hpp"
#include "locality/regionalize/problem.hpp"
#include "regionalize/enclaves.hpp"
#include "regionalize/region_growing.hpp"
#include "regionalize/sub_problem.hpp"
#include "regionalize_helpers.hpp"

using namespace locality;
using namespace locality::regionalize;
using namespace locality::test;

namespace {}  // namespace

TEST_CASE("Compact growth: contiguous regions meeting the floor, rounder than shape-blind growth",
          "[regionalize][shape][compact]") {
    const int rows = 16;
    const int cols = 16;
    const graph::ContiguityGraph graph = grid_graph(rows, cols);
    const ZoneShapes shapes = unit_squares(graph);
    double blind_sum = 0.0;
    double compact_sum = 0.0;
    int better = 0;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        const AttributeMatrix m = random_matrix(graph.zone_count(), 2, seed);
        const Problem problem = floor_problem(graph, m, shapes, 12.0);
        const Regionalization blind = detail::grow_partition(problem, {seed, 0.0, false});
        const Regionalization compact = detail::grow_partition(problem, {seed, 0.0, true});
        INFO("seed " << seed);
        REQUIRE(blind.region_count > 0);
        REQUIRE(compact.region_count > 0);
        for (int r = 0; r < compact.region_count; ++r) {
            CHECK(part_connected(graph, compact.region_of, r));
            const auto size = std::count(compact.region_of.begin(), compact.region_of.end(), r);
            CHECK(size >= 12);
        }
        const double b = brute_mean_inverse_pp(rows, cols, blind.region_of, blind.region_count);
        const double c = brute_mean_inverse_pp(rows, cols, compact.region_of, compact.region_count);
        blind_sum += b;
        compact_sum += c;
        better += c < b ? 1 : 0;
        // Max-p's count is what the floor allows, shape or not: compact growth loses at most a region.
        CHECK(compact.region_count >= blind.region_count - 1);
    }
    // Measured: the eight compact constructions' mean 1 / Polsby-Popper sum to 14.6, the shape-blind
    // ones' to 22.3 (0.65 of it); the test asks for 0.8 and every seed rounder.
    CHECK(better == 8);
    CHECK(compact_sum <= 0.8 * blind_sum);
}

TEST_CASE("Compact growth: with the shape term on, max-p on uniform attributes draws rounder localities",
          "[regionalize][shape][compact]") {
    // No attribute variance: shape alone decides (E0 = 1), so the shape-aware engine should draw
    // near-squares where the shape-blind one draws whatever its WSS ties give.
    const int rows = 12;
    const int cols = 12;
    const graph::ContiguityGraph graph = grid_graph(rows, cols);
    const ZoneShapes shapes = unit_squares(graph);
    const AttributeMatrix m(graph.zone_count(), 1);
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        Problem blind = floor_problem(graph, m, shapes, 9.0);
        blind.shapes = nullptr;
        Problem shaped = floor_problem(graph, m, shapes, 9.0);
        shaped.shape_weight = 0.15;
        SolveOptions options;
        options.seed = seed;
        const Regionalization a = solve(blind, options);
        const Regionalization b = solve(shaped, options);
        INFO("seed " << seed);
        REQUIRE_NOTHROW(validate_regionalization(shaped, b));
        const double pa = brute_mean_inverse_pp(rows, cols, a.region_of, a.region_count);
        const double pb = brute_mean_inverse_pp(rows, cols, b.region_of, b.region_count);
        CHECK(pb <= 0.8 * pa);  // measured 0.51 to 0.67 of the shape-blind mean 1 / Polsby-Popper
        CHECK(b.region_count >= a.region_count * 95 / 100);
    }
}

TEST_CASE("Enclaves by border: an enclave joins the region it shares the longest border with",
          "[regionalize][shape][compact]") {
    // Zones 0 (region 0) and 1 (region 1) both touch zone 2: 1 unit of border with zone 0, 3 with zone 1.
    // Zone 2's attribute equals zone 0's, so the WSS rule gives it to region 0, the border rule to 1.
    const graph::ContiguityGraph graph(3, {{0, 2}, {1, 2}});
    ZoneShapes shapes;
    shapes.area = {1.0, 3.0, 3.0};
    shapes.perimeter = {4.0, 8.0, 8.0};
    shapes.shared.assign(4, 0.0);
    const ZoneId* first = graph.begin(0);
    const auto set_border = [&](ZoneId a, ZoneId b, double length) {
        for (const ZoneId* it = graph.begin(a); it != graph.end(a); ++it) {
            if (*it == b) shapes.shared[static_cast<std::size_t>(it - first)] = length;
        }
        for (const ZoneId* it = graph.begin(b); it != graph.end(b); ++it) {
            if (*it == a) shapes.shared[static_cast<std::size_t>(it - first)] = length;
        }
    };
    set_border(0, 2, 1.0);
    set_border(1, 2, 3.0);
    const AttributeMatrix m = column({0.0, 10.0, 0.0});
    Problem problem = k_problem(graph, m, 0);
    problem.shapes = &shapes;
    std::vector<RegionId> by_wss = {0, 1, detail::k_unassigned};
    std::vector<RegionId> by_border = by_wss;
    REQUIRE(detail::assign_enclaves(problem, by_wss, 2, false));
    REQUIRE(detail::assign_enclaves(problem, by_border, 2, true));
    CHECK(by_wss[2] == 0);
    CHECK(by_border[2] == 1);
}

TEST_CASE("Sub-problems of a shape-term problem carry their members' areas, perimeters and borders",
          "[regionalize][shape][compact]") {
    const graph::ContiguityGraph graph = grid_graph(6, 7);
    ZoneShapes shapes;
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> length(0.5, 2.0);
    for (std::size_t z = 0; z < graph.zone_count(); ++z) {
        shapes.area.push_back(length(rng));
        shapes.perimeter.push_back(length(rng) * 4.0);
    }
    // A symmetric border per edge: a function of the two zones, the same from either end.
    const ZoneId* first = graph.begin(0);
    shapes.shared.resize(2 * graph.edge_count());
    for (ZoneId z = 0; z < static_cast<ZoneId>(graph.zone_count()); ++z) {
        for (const ZoneId* it = graph.begin(z); it != graph.end(z); ++it) {
            shapes.shared[static_cast<std::size_t>(it - first)] =
                0.1 * (std::min(z, *it) + 3 * std::max(z, *it));
        }
    }
    const AttributeMatrix m = random_matrix(graph.zone_count(), 1, 2);
    Problem parent = k_problem(graph, m, 0);
    parent.shapes = &shapes;
    parent.shape_weight = 0.15;
    const std::vector<ZoneId> members = {1, 2, 3, 8, 9, 10, 15, 16, 22, 29, 30};
    std::vector<ZoneId> local_of(graph.zone_count(), -1);
    const detail::SubProblem sub(parent, members, local_of);
    const Problem& p = sub.problem();
    REQUIRE(p.shapes != nullptr);
    CHECK(p.shape_weight == 0.0);
    const ZoneId* sub_first = p.graph->begin(0);
    int borders = 0;
    for (ZoneId i = 0; i < static_cast<ZoneId>(members.size()); ++i) {
        const ZoneId z = members[static_cast<std::size_t>(i)];
        CHECK(p.shapes->area[static_cast<std::size_t>(i)] == shapes.area[static_cast<std::size_t>(z)]);
        CHECK(p.shapes->perimeter[static_cast<std::size_t>(i)] ==
              shapes.perimeter[static_cast<std::size_t>(z)]);
        for (const ZoneId* it = p.graph->begin(i); it != p.graph->end(i); ++it) {
            const ZoneId y = members[static_cast<std::size_t>(*it)];
            CHECK(p.shapes->shared[static_cast<std::size_t>(it - sub_first)] ==
                  Approx(0.1 * (std::min(z, y) + 3 * std::max(z, y))));
            ++borders;
        }
    }
    CHECK(borders == 2 * 13);  // the 13 rook edges among the members, from both ends
}

TEST_CASE("Maintenance with the shape term straightens a jagged border; without it, nothing moves",
          "[regionalize][shape][maintain]") {
    // Two localities on a 6 x 6 grid of unit squares, their border a comb along columns 2-3. Uniform
    // attributes: no move changes the WSS, so only the shape term can make one worth it.
    const int rows = 6;
    const int cols = 6;
    const graph::ContiguityGraph graph = grid_graph(rows, cols);
    const ZoneShapes shapes = unit_squares(graph);
    std::vector<RegionId> start(graph.zone_count(), 1);
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const bool left = c < 2 || (c == 2 && r % 2 == 0) || (c == 3 && r % 2 == 0);
            if (left) start[static_cast<std::size_t>(r * cols + c)] = 0;
        }
    }
    const AttributeMatrix m(graph.zone_count(), 1);
    Problem problem = floor_problem(graph, m, shapes, 15.0);
    const Maintenance blind = maintain(problem, start, 2, {});
    CHECK(blind.moves.empty());
    problem.shape_weight = 0.15;
    const Maintenance shaped = maintain(problem, start, 2, {});
    REQUIRE_NOTHROW(validate_regionalization(problem, shaped.result));
    const double before = brute_mean_inverse_pp(rows, cols, start, 2);
    const double after = brute_mean_inverse_pp(rows, cols, shaped.result.region_of, 2);
    // The comb's border straightens towards a line: measured 1.43 against 3.47 for the start.
    CHECK(after <= 0.8 * before);
    CHECK(shaped.repair_moves == 0);
    CHECK_FALSE(shaped.moves.empty());
}
