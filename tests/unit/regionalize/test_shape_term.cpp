// SPDX-License-Identifier: MIT
// The shape term of the local search: on random layouts of rectangles (random column widths and
// row heights, some cells missing, some corner-only neighbours), the perimeters, areas and objective
// kept incrementally equal a recomputation from the cells' sides after every random move; and on
// tiny grids the engine reaches the exhaustive optimum of WSS + shape term.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "exhaustive_partitions.hpp"
#include "locality/regionalize/problem.hpp"
#include "regionalize/fixed_k.hpp"
#include "regionalize/max_p.hpp"
#include "regionalize/region_state.hpp"
#include "regionalize_helpers.hpp"

using namespace locality;
using namespace locality::regionalize;
using namespace locality::test;

namespace {

/** Cells of a rows x cols table of rectangles, some missing; rook borders plus some corner-only links. */
struct Layout {
    int rows = 0;
    int cols = 0;
    std::vector<double> width;                 ///< per column
    std::vector<double> height;                ///< per row
    std::vector<int> zone_of;                  ///< per cell, -1 = missing
    std::vector<std::pair<int, int>> cell_of;  ///< per zone: (row, col)
    graph::ContiguityGraph graph;
    ZoneShapes shapes;

    int zone(int r, int c) const {
        return r < 0 || c < 0 || r >= rows || c >= cols ? -1
                                                        : zone_of[static_cast<std::size_t>(r * cols + c)];
    }

    /** Perimeter of the zones labelled `part`: every cell side not shared with a cell of the same part. */
    double brute_perimeter(const std::vector<int>& label, int part) const {
        double p = 0.0;
        for (std::size_t z = 0; z < cell_of.size(); ++z) {
            if (label[z] != part) continue;
            const auto [r, c] = cell_of[z];
            const auto outside = [&](int rr, int cc) {
                const int o = zone(rr, cc);
                return o < 0 || label[static_cast<std::size_t>(o)] != part;
            };
            const double w = width[static_cast<std::size_t>(c)];
            const double h = height[static_cast<std::size_t>(r)];
            p += (outside(r - 1, c) ? w : 0.0) + (outside(r + 1, c) ? w : 0.0) +
                 (outside(r, c - 1) ? h : 0.0) + (outside(r, c + 1) ? h : 0.0);
        }
        return p;
    }

    double brute_area(const std::vector<int>& label, int part) const {
        double a = 0.0;
        for (std::size_t z = 0; z < cell_of.size(); ++z) {
            if (label[z] == part) {
                a += width[static_cast<std::size_t>(cell_of[z].second)] *
                     height[static_cast<std::size_t>(cell_of[z].first)];
            }
        }
        return a;
    }
};

Layout random_layout(int rows, int cols, std::uint64_t seed, bool holes) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> size(0.5, 3.0);
    for (;;) {
        Layout l;
        l.rows = rows;
        l.cols = cols;
        for (int c = 0; c < cols; ++c) l.width.push_back(size(rng));
        for (int r = 0; r < rows; ++r) l.height.push_back(size(rng));
        l.zone_of.assign(static_cast<std::size_t>(rows * cols), -1);
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < cols; ++c) {
                if (holes && rng() % 6 == 0) continue;
                l.zone_of[static_cast<std::size_t>(r * cols + c)] = static_cast<int>(l.cell_of.size());
                l.cell_of.emplace_back(r, c);
            }
        }
        std::vector<std::pair<ZoneId, ZoneId>> edges;
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < cols; ++c) {
                const int a = l.zone(r, c);
                if (a < 0) continue;
                if (l.zone(r, c + 1) >= 0) edges.emplace_back(a, l.zone(r, c + 1));
                if (l.zone(r + 1, c) >= 0) edges.emplace_back(a, l.zone(r + 1, c));
                // A corner-only neighbour (queen): contiguous, but no shared border.
                if (holes && l.zone(r + 1, c + 1) >= 0 && rng() % 3 == 0)
                    edges.emplace_back(a, l.zone(r + 1, c + 1));
            }
        }
        l.graph = graph::ContiguityGraph(l.cell_of.size(), edges);
        if (l.cell_of.size() < 6 || graph::connected_components(l.graph).count != 1) continue;
        const ZoneId* first = l.graph.begin(0);
        l.shapes.shared.assign(2 * l.graph.edge_count(), 0.0);
        for (std::size_t z = 0; z < l.cell_of.size(); ++z) {
            const auto [r, c] = l.cell_of[z];
            const double w = l.width[static_cast<std::size_t>(c)];
            const double h = l.height[static_cast<std::size_t>(r)];
            l.shapes.area.push_back(w * h);
            l.shapes.perimeter.push_back(2.0 * (w + h));
            for (const ZoneId* it = l.graph.begin(static_cast<ZoneId>(z));
                 it != l.graph.end(static_cast<ZoneId>(z)); ++it) {
                const auto [r2, c2] = l.cell_of[static_cast<std::size_t>(*it)];
                double shared = 0.0;
                if (r2 == r && std::abs(c2 - c) == 1) shared = h;
                if (c2 == c && std::abs(r2 - r) == 1) shared = w;
                l.shapes.shared[static_cast<std::size_t>(it - first)] = shared;
            }
        }
        return l;
    }
}

constexpr double k_four_pi = 12.566370614359172;

/** Sum over parts of perimeter^2 / (4 pi area), from the cells' sides. */
double brute_inverse_pp_sum(const Layout& l, const std::vector<int>& label, int k) {
    double shape = 0.0;
    for (int r = 0; r < k; ++r) {
        const double p = l.brute_perimeter(label, r);
        shape += p * p / (k_four_pi * l.brute_area(label, r));
    }
    return shape;
}

double brute_tss(const AttributeMatrix& m) {
    return within_sum_of_squares(m, std::vector<int>(m.rows, 0), 1);
}

/** The reference constants of a partition, from scratch: E0 = 1 - WSS / TSS, P0 = mean inverse Polsby-Popper.
 */
ShapeReference brute_reference(const Layout& l, const AttributeMatrix& m, const std::vector<int>& label,
                               int k) {
    return {1.0 - within_sum_of_squares(m, label, k) / brute_tss(m), brute_inverse_pp_sum(l, label, k) / k};
}

/** WSS + weight x TSS x E0 / P0 x (sum over parts of perimeter^2 / (4 pi area)) / k, all from scratch. */
double brute_objective(const Layout& l, const AttributeMatrix& m, const std::vector<int>& label, int k,
                       double weight, const ShapeReference& ref) {
    const double lambda = weight * brute_tss(m) * ref.explained / ref.inverse_polsby_popper / k;
    return within_sum_of_squares(m, label, k) + lambda * brute_inverse_pp_sum(l, label, k);
}

}  // namespace

TEST_CASE("Shape term: incremental perimeters and objective equal a full recomputation after random moves",
          "[regionalize][shape]") {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        const Layout l = random_layout(5 + static_cast<int>(seed % 3), 6, seed, seed % 2 == 0);
        const std::size_t n = l.cell_of.size();
        const AttributeMatrix m = random_matrix(n, 2, seed + 50);
        const int k = 3 + static_cast<int>(seed % 3);
        Problem problem = k_problem(l.graph, m, k);
        problem.shapes = &l.shapes;
        problem.shape_weight = 0.1 * static_cast<double>(seed);
        const Regionalization start =
            skater(l.graph, random_matrix(n, 1, seed ^ 0x5EEDULL), {}, skater_options(k));
        INFO("seed " << seed);
        // The reference: another partition (k - 1 regions), measured by the engine and from scratch.
        const Regionalization other =
            skater(l.graph, random_matrix(n, 1, seed ^ 0xACEULL), {}, skater_options(k - 1));
        const ShapeReference truth_ref = brute_reference(l, m, other.region_of, k - 1);
        problem.shape_reference = detail::measure_shape_reference(problem, other.region_of, k - 1);
        REQUIRE(problem.shape_reference.explained == Approx(truth_ref.explained).epsilon(1e-9));
        REQUIRE(problem.shape_reference.inverse_polsby_popper ==
                Approx(truth_ref.inverse_polsby_popper).epsilon(1e-9));
        const ShapeReference& ref = problem.shape_reference;
        detail::RegionState state(problem, start.region_of, k);
        REQUIRE(state.objective() ==
                Approx(brute_objective(l, m, state.labels(), k, problem.shape_weight, ref)).epsilon(1e-9));
        std::mt19937_64 rng(seed);
        int moves = 0;
        for (int step = 0; step < 300; ++step) {
            const ZoneId z = static_cast<ZoneId>(rng() % n);
            const ZoneId nb = *(l.graph.begin(z) + static_cast<std::ptrdiff_t>(rng() % l.graph.degree(z)));
            const RegionId to = state.region(nb);
            if (to == state.region(z) || !state.donor_stays_connected(z)) continue;
            const double before = state.objective();
            const double predicted = state.objective_delta(z, to);
            state.move(z, to);
            ++moves;
            const std::vector<int>& label = state.labels();
            for (int r = 0; r < k; ++r) {
                REQUIRE(state.perimeter(r) == Approx(l.brute_perimeter(label, r)).epsilon(1e-9));
                REQUIRE(state.area(r) == Approx(l.brute_area(label, r)).epsilon(1e-9));
            }
            const double truth = brute_objective(l, m, label, k, problem.shape_weight, ref);
            REQUIRE(state.objective() == Approx(truth).epsilon(1e-9));
            REQUIRE(before + predicted == Approx(truth).epsilon(1e-9));
        }
        CHECK(moves > 20);
    }
}

TEST_CASE("Shape term: weight 0 leaves the objective the WSS, bit for bit", "[regionalize][shape]") {
    const Layout l = random_layout(5, 6, 3, true);
    const AttributeMatrix m = random_matrix(l.cell_of.size(), 2, 9);
    Problem blind = k_problem(l.graph, m, 4);
    Problem zero = blind;
    zero.shapes = &l.shapes;
    zero.shape_weight = 0.0;
    SolveOptions options;
    options.seed = 5;
    const Regionalization a = solve(blind, options);
    const Regionalization b = solve(zero, options);
    CHECK(a.region_of == b.region_of);
    CHECK(a.within_ss == b.within_ss);
    CHECK(b.shape_cost == 0.0);
    CHECK_FALSE(shape_reference(zero, options).set());
}

TEST_CASE("Shape term: solve measures the reference once, on the first start's construction",
          "[regionalize][shape]") {
    const Layout l = random_layout(6, 6, 11, true);
    const std::size_t n = l.cell_of.size();
    const AttributeMatrix m = random_matrix(n, 2, 4);
    for (const int k : {0, 3}) {
        Problem problem = k_problem(l.graph, m, k);
        if (k == 0) problem.bounds.push_back(Bound{"units", std::vector<double>(n, 1.0), 5.0});
        problem.shapes = &l.shapes;
        problem.shape_weight = 0.2;
        SolveOptions options;
        options.seed = 7;
        options.starts = 6;
        INFO("k " << k);
        const ShapeReference ref = shape_reference(problem, options);
        REQUIRE(ref.set());
        const Regionalization first = k > 0 ? detail::first_construction_fixed_k(problem, options)
                                            : detail::first_construction_max_p(problem, options);
        const ShapeReference truth = brute_reference(l, m, first.region_of, first.region_count);
        CHECK(ref.explained == Approx(truth.explained).epsilon(1e-9));
        CHECK(ref.inverse_polsby_popper == Approx(truth.inverse_polsby_popper).epsilon(1e-9));
        // Given the same constants, solve finds the same partition: it measured exactly those.
        const Regionalization measured = solve(problem, options);
        Problem given = problem;
        given.shape_reference = ref;
        const Regionalization preset = solve(given, options);
        CHECK(measured.region_of == preset.region_of);
        CHECK(measured.shape_cost == preset.shape_cost);
        CHECK(measured.shape_cost ==
              Approx(brute_objective(l, m, measured.region_of, measured.region_count, 0.2, ref) -
                     measured.within_ss)
                  .epsilon(1e-9));
    }
}

// The combined objective is harder than WSS alone for single-zone moves (a rounder region may be
// reachable only through less round ones): measured, 35 of these 36 cases reach the exact optimum and
// the other one lands 1.5 % above it. The test holds the engine to that: at least 34 exact, none more
// than 2 % above.
TEST_CASE("Shape term: fixed k reaches the exhaustive optimum of WSS + shape term on tiny layouts",
          "[regionalize][shape][exhaustive]") {
    int cases = 0;
    int exact = 0;
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        const Layout l = random_layout(3 + static_cast<int>(seed % 2), 4, seed * 7, seed % 3 == 0);
        const std::size_t n = l.cell_of.size();
        const AttributeMatrix m = random_matrix(n, 2, seed);
        const double tss = brute_tss(m);
        for (const double weight : {0.1, 0.5}) {
            for (int k = 2; k <= 4; ++k) {
                Problem problem = k_problem(l.graph, m, k);
                problem.shapes = &l.shapes;
                problem.shape_weight = weight;
                SolveOptions options;
                options.seed = seed;
                options.starts = 8;
                const ShapeReference ref = shape_reference(problem, options);
                REQUIRE(ref.set());
                const double lambda = weight * tss * ref.explained / ref.inverse_polsby_popper / k;
                Exhaustive exhaustive(l.graph, m, nullptr, [&](Mask s) {
                    std::vector<int> label(n, 1);
                    for (std::size_t z = 0; z < n; ++z) label[z] = (s >> z & 1U) != 0 ? 0 : 1;
                    const double p = l.brute_perimeter(label, 0);
                    return lambda * p * p / (k_four_pi * l.brute_area(label, 0));
                });
                const double best = exhaustive.optimum(k);
                const Regionalization r = solve(problem, options);
                INFO("seed " << seed << ", weight " << weight << ", k " << k << ", zones " << n);
                REQUIRE_NOTHROW(validate_regionalization(problem, r));
                const double found = brute_objective(l, m, r.region_of, k, weight, ref);
                // No objective below the reference's gives up more than the weight's share of E0.
                CHECK(1.0 - r.within_ss / tss >= (1.0 - weight) * ref.explained - 1e-12);
                CHECK(r.within_ss + r.shape_cost == Approx(found).epsilon(1e-9));
                CHECK(found >= best - 1e-9);
                CHECK(found <= best * 1.02);
                ++cases;
                exact += found <= best + 1e-9 ? 1 : 0;
            }
        }
    }
    CHECK(cases == 36);
    CHECK(exact >= 34);
}
