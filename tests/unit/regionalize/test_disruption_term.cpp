// SPDX-License-Identifier: MIT
// The disruption terms of the local search (--keep-close-to): on random grids with random sparse case
// tables (a zone's cases split over a few teams), the cost kept incrementally equals a recomputation
// from the table after every random move; on tiny grids the engine reaches the exhaustive optimum of
// WSS + disruption terms; a heavy weight reproduces teams that are themselves a feasible partition;
// maintenance carries the terms against its start.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "exhaustive_partitions.hpp"
#include "locality/core/error.hpp"
#include "locality/regionalize/maintain.hpp"
#include "locality/regionalize/problem.hpp"
#include "regionalize/disruption_term.hpp"
#include "regionalize/region_state.hpp"
#include "regionalize_helpers.hpp"

using namespace locality;
using namespace locality::regionalize;
using namespace locality::test;

namespace {

/** Each zone has 0 to `spread` teams (of `teams`) with 1 to 20 cases each (whole or fractional). */
KeptAgency random_table(std::size_t zones, int teams, int spread, double weight, std::uint64_t seed,
                        bool fractional) {
    std::mt19937_64 rng(seed);
    KeptAgency agency;
    agency.name = "agency " + std::to_string(seed);
    agency.weight = weight;
    agency.teams = teams;
    agency.first.push_back(0);
    for (std::size_t z = 0; z < zones; ++z) {
        const int count = static_cast<int>(rng() % static_cast<std::uint64_t>(spread + 1));
        std::vector<int> used;
        for (int i = 0; i < count; ++i) {
            const int team = static_cast<int>(rng() % static_cast<std::uint64_t>(teams));
            if (std::find(used.begin(), used.end(), team) != used.end()) continue;
            used.push_back(team);
            const double cases =
                1.0 + static_cast<double>(rng() % 20) + (fractional ? 0.25 * (rng() % 4) : 0.0);
            agency.entries.emplace_back(team, cases);
        }
        agency.first.push_back(agency.entries.size());
    }
    return agency;
}

/** Cases moved by the partition, from scratch: per part, all its cases less its largest team's. */
double brute_moved(const KeptAgency& agency, const std::vector<int>& label) {
    std::map<int, std::map<int, double>> cases;  // part -> team -> cases
    for (std::size_t z = 0; z < label.size(); ++z) {
        for (std::size_t e = agency.first[z]; e < agency.first[z + 1]; ++e) {
            cases[label[z]][agency.entries[e].first] += agency.entries[e].second;
        }
    }
    double moved = 0.0;
    for (const auto& [part, teams] : cases) {
        double sum = 0.0;
        double top = 0.0;
        for (const auto& [team, n] : teams) {
            sum += n;
            top = std::max(top, n);
        }
        moved += sum - top;
    }
    return moved;
}

double brute_total(const KeptAgency& agency) {
    double sum = 0.0;
    for (const auto& entry : agency.entries) sum += entry.second;
    return sum;
}

double brute_tss(const AttributeMatrix& m) {
    return within_sum_of_squares(m, std::vector<int>(m.rows, 0), 1);
}

/** Objective units per case moved: weight x TSS x E0 / (D0 x total), D0 = 0 read as 1. */
double brute_scale(const KeptAgency& agency, const AttributeMatrix& m, double explained, double moved) {
    return agency.weight * brute_tss(m) * explained / ((moved > 0.0 ? moved : 1.0) * brute_total(agency));
}

/** WSS + the disruption terms, all from scratch. */
double brute_objective(const Problem& problem, const std::vector<int>& label, int k) {
    double sum = within_sum_of_squares(*problem.attributes, label, k);
    for (std::size_t a = 0; a < problem.kept.size(); ++a) {
        sum += brute_scale(problem.kept[a], *problem.attributes, problem.disruption_reference.explained,
                           problem.disruption_reference.moved[a]) *
               brute_moved(problem.kept[a], label);
    }
    return sum;
}

}  // namespace

TEST_CASE("Disruption term: incremental cost equals a full recomputation after random moves",
          "[regionalize][disruption]") {
    int moves = 0;
    for (std::uint64_t seed = 1; seed <= 16; ++seed) {
        const int rows = 4 + static_cast<int>(seed % 4);
        const int cols = 5 + static_cast<int>(seed % 3);
        const graph::ContiguityGraph g = grid_graph(rows, cols);
        const std::size_t n = g.zone_count();
        const AttributeMatrix m = random_matrix(n, 2, seed + 100);
        const int k = 2 + static_cast<int>(seed % 4);
        Problem problem = k_problem(g, m, k);
        // One agency, or two: one with a single team per zone (as the pipeline builds them), one spread.
        problem.kept.push_back(random_table(n, 2 + static_cast<int>(seed % 5), 1, 0.3, seed, false));
        if (seed % 2 == 0) problem.kept.push_back(random_table(n, 6, 3, 1.5, seed + 7, seed % 4 == 0));
        // The reference: another partition, measured by the engine and checked from scratch.
        const Regionalization other = skater(g, random_matrix(n, 1, seed ^ 0xACEULL), {}, skater_options(k));
        problem.disruption_reference =
            detail::measure_disruption_reference(problem, other.region_of, other.region_count);
        REQUIRE(problem.disruption_reference.explained ==
                Approx(1.0 - within_sum_of_squares(m, other.region_of, other.region_count) / brute_tss(m))
                    .epsilon(1e-9));
        for (std::size_t a = 0; a < problem.kept.size(); ++a) {
            REQUIRE(problem.disruption_reference.moved[a] ==
                    Approx(brute_moved(problem.kept[a], other.region_of) / brute_total(problem.kept[a]))
                        .margin(1e-12));
        }
        const Regionalization start = skater(g, random_matrix(n, 1, seed ^ 0x5EEDULL), {}, skater_options(k));
        detail::RegionState state(problem, start.region_of, k);
        INFO("seed " << seed);
        REQUIRE(state.objective() == Approx(brute_objective(problem, state.labels(), k)).epsilon(1e-9));
        std::mt19937_64 rng(seed);
        for (int step = 0; step < 400; ++step) {
            const ZoneId z = static_cast<ZoneId>(rng() % n);
            const ZoneId nb = *(g.begin(z) + static_cast<std::ptrdiff_t>(rng() % g.degree(z)));
            const RegionId to = state.region(nb);
            if (to == state.region(z) || !state.donor_stays_connected(z)) continue;
            const double before = state.objective();
            const double predicted = state.objective_delta(z, to);
            state.move(z, to);
            ++moves;
            const double truth = brute_objective(problem, state.labels(), k);
            REQUIRE(state.objective() == Approx(truth).epsilon(1e-9));
            REQUIRE(before + predicted == Approx(truth).epsilon(1e-9));
            for (std::size_t a = 0; a < problem.kept.size(); ++a) {
                const double share =
                    brute_moved(problem.kept[a], state.labels()) / brute_total(problem.kept[a]);
                REQUIRE(state.disruption()->moved_share(a) == Approx(share).margin(1e-12));
                REQUIRE(cases_moved_share(problem.kept[a], state.labels(), k) == Approx(share).margin(1e-12));
            }
        }
    }
    CHECK(moves > 1000);
}

TEST_CASE("Disruption term: no cost without kept agencies; with one, the result carries the term recomputed",
          "[regionalize][disruption]") {
    const graph::ContiguityGraph g = grid_graph(5, 6);
    const AttributeMatrix m = random_matrix(g.zone_count(), 2, 9);
    const Problem blind = k_problem(g, m, 4);
    SolveOptions options;
    options.seed = 5;
    const Regionalization a = solve(blind, options);
    CHECK(a.disruption_cost == 0.0);
    CHECK_FALSE(disruption_reference(blind, options).set());
    Problem kept = blind;
    kept.kept.push_back(random_table(g.zone_count(), 3, 1, 0.5, 4, false));
    const Regionalization b = solve(kept, options);
    CHECK(b.disruption_cost > 0.0);
    Problem measured = kept;
    measured.disruption_reference = disruption_reference(kept, options);
    CHECK(b.disruption_cost ==
          Approx(brute_objective(measured, b.region_of, b.region_count) - b.within_ss).epsilon(1e-9));
}

// Single-zone moves under a sum of maxima can stall where a better partition needs several at once;
// the test holds the engine to what it measured: nearly every case exact, none far above.
TEST_CASE("Disruption term: fixed k reaches the exhaustive optimum of WSS + disruption on tiny grids",
          "[regionalize][disruption][exhaustive]") {
    int cases = 0;
    int exact = 0;
    for (const auto& [rows, cols] : {std::pair<int, int>{3, 3}, {2, 4}, {3, 4}}) {
        const graph::ContiguityGraph g = grid_graph(rows, cols);
        const std::size_t n = g.zone_count();
        for (std::uint64_t seed = 1; seed <= 4; ++seed) {
            const AttributeMatrix m = random_matrix(n, 2, seed * 31 + static_cast<std::uint64_t>(rows));
            for (const double weight : {0.2, 1.0}) {
                for (int k = 2; k <= 3; ++k) {
                    Problem problem = k_problem(g, m, k);
                    problem.kept.push_back(
                        random_table(n, 3, 2, weight, seed * 13 + static_cast<std::uint64_t>(cols), false));
                    SolveOptions options;
                    options.seed = seed;
                    options.starts = 8;
                    const DisruptionReference ref = disruption_reference(problem, options);
                    REQUIRE(ref.set());
                    const double scale = brute_scale(problem.kept[0], m, ref.explained, ref.moved[0]);
                    // Per part: its cases less its largest team's (>= 0, as the branch and bound needs).
                    Exhaustive exhaustive(g, m, nullptr, [&](Mask s) {
                        std::vector<int> label(n, 1);
                        for (std::size_t z = 0; z < n; ++z) label[z] = (s >> z & 1U) != 0 ? 0 : 1;
                        KeptAgency part = problem.kept[0];
                        for (std::size_t z = 0; z < n; ++z) {
                            if (label[z] != 0)
                                for (std::size_t e = part.first[z]; e < part.first[z + 1]; ++e)
                                    part.entries[e].second = 0.0;
                        }
                        return scale * brute_moved(part, std::vector<int>(n, 0));
                    });
                    const double best = exhaustive.optimum(k);
                    const Regionalization r = solve(problem, options);
                    INFO(rows << "x" << cols << ", seed " << seed << ", weight " << weight << ", k " << k);
                    REQUIRE_NOTHROW(validate_regionalization(problem, r));
                    Problem measured = problem;
                    measured.disruption_reference = ref;
                    const double found = brute_objective(measured, r.region_of, k);
                    CHECK(r.within_ss + r.disruption_cost == Approx(found).epsilon(1e-9));
                    CHECK(found >= best - 1e-9);
                    CHECK(found <= best * 1.05 + 1e-9);
                    // Never worse than the reference: at most the weight's share of E0 traded.
                    CHECK(1.0 - r.within_ss / brute_tss(m) >= (1.0 - weight) * ref.explained - 1e-12);
                    ++cases;
                    exact += found <= best + 1e-9 ? 1 : 0;
                }
            }
        }
    }
    CHECK(cases == 48);
    CHECK(exact >= 46);
}

TEST_CASE("Disruption term: a heavy weight reproduces teams that are a feasible partition",
          "[regionalize][disruption]") {
    // A 6 x 6 grid, four teams of 3 x 3 quadrants, one case per zone; the need variable cuts across them.
    const graph::ContiguityGraph g = grid_graph(6, 6);
    const std::size_t n = g.zone_count();
    AttributeMatrix m(n, 1);
    KeptAgency quadrants;
    quadrants.name = "police";
    quadrants.weight = 50.0;
    quadrants.teams = 4;
    quadrants.first.push_back(0);
    for (std::size_t z = 0; z < n; ++z) {
        const int row = static_cast<int>(z) / 6;
        const int col = static_cast<int>(z) % 6;
        m.at(z, 0) = static_cast<double>((row + 2 * col) % 5);
        quadrants.entries.emplace_back((row / 3) * 2 + col / 3, 1.0);
        quadrants.first.push_back(quadrants.entries.size());
    }
    for (const double floor : {0.0, 6.0}) {
        Problem problem = k_problem(g, m, 4);
        if (floor > 0.0) problem.bounds.push_back(Bound{"units", std::vector<double>(n, 1.0), floor});
        SolveOptions options;
        options.seed = 3;
        const double blind = cases_moved_share(quadrants, solve(problem, options).region_of, 4);
        problem.kept.push_back(quadrants);
        const Regionalization r = solve(problem, options);
        INFO("floor " << floor);
        CHECK(blind > 0.0);  // without the term the need variable draws other lines
        REQUIRE(r.region_count == 4);
        CHECK(cases_moved_share(quadrants, r.region_of, r.region_count) == 0.0);
    }
}

TEST_CASE("Disruption term: tables that do not fit the problem are refused", "[regionalize][disruption]") {
    const graph::ContiguityGraph g = grid_graph(2, 3);
    const AttributeMatrix m = random_matrix(6, 1, 1);
    Problem problem = k_problem(g, m, 2);
    problem.kept.push_back(random_table(6, 2, 1, 0.5, 1, false));
    problem.kept[0].weight = 0.0;
    CHECK_THROWS_AS(check_feasible(problem), locality::UsageError);
    problem.kept[0].weight = 0.5;
    problem.kept[0].teams = 0;
    CHECK_THROWS_AS(check_feasible(problem), locality::Error);
    problem.kept[0] = random_table(5, 2, 1, 0.5, 1, false);
    CHECK_THROWS_AS(check_feasible(problem), locality::Error);
}

// Maintenance (--start-from with --keep-close-to): the start is the terms' reference, as for the shape term.
// On random grids, starting from the engine's shape-blind solution (a local optimum of WSS, so any move is
// the terms' doing): the cost carried move by move equals a recomputation from the table, every improvement
// paid more than the move cost in WSS + terms, and the agency's cases moved never rise with its weight.
TEST_CASE("Disruption term in maintenance: recomputed cost, paid moves, cases moved never rise with W",
          "[regionalize][disruption][maintain]") {
    int instances = 0;
    int lowered = 0;
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        const graph::ContiguityGraph g = grid_graph(5 + static_cast<int>(seed % 3), 6);
        const std::size_t n = g.zone_count();
        const AttributeMatrix m = random_matrix(n, 2, seed + 40);
        const int k = 3 + static_cast<int>(seed % 3);
        Problem blind = k_problem(g, m, k);
        SolveOptions options;
        options.seed = seed;
        const Regionalization start = solve(blind, options);
        const KeptAgency table = random_table(n, 3 + static_cast<int>(seed % 4), 1, 1.0, seed * 7, false);
        MaintainOptions keep;
        keep.move_cost = 0.002;  // the CLI's default
        const double tss = brute_tss(m);
        const double start_moved = cases_moved_share(table, start.region_of, k);
        double previous = start_moved;
        for (const double weight : {0.0, 0.1, 0.3, 1.0, 3.0, 10.0}) {
            Problem problem = blind;
            if (weight > 0.0) {
                problem.kept.push_back(table);
                problem.kept.back().weight = weight;
            }
            const Maintenance out = maintain(problem, start.region_of, k, keep);
            INFO("seed " << seed << ", weight " << weight);
            REQUIRE_NOTHROW(validate_regionalization(problem, out.result));
            REQUIRE(out.repair_moves == 0);  // the start is feasible: every move is an improvement
            const double moved = cases_moved_share(table, out.result.region_of, k);
            if (weight == 0.0) {
                CHECK(out.moves.empty());  // the start is the engine's own solution
                CHECK(out.result.disruption_cost == 0.0);
            } else {
                // The reference is the start itself, recomputed here from scratch.
                Problem measured = problem;
                measured.disruption_reference.explained =
                    1.0 - within_sum_of_squares(m, start.region_of, k) / tss;
                measured.disruption_reference.moved = {start_moved};
                const double scale =
                    brute_scale(problem.kept[0], m, measured.disruption_reference.explained, start_moved);
                CHECK(out.result.disruption_cost ==
                      Approx(scale * brute_moved(table, out.result.region_of)).epsilon(1e-9).margin(1e-12));
                const double before = brute_objective(measured, start.region_of, k);
                const double after = brute_objective(measured, out.result.region_of, k);
                CHECK(before - after >=
                      static_cast<double>(out.moves.size()) * keep.move_cost * tss - 1e-9 * tss);
            }
            CHECK(moved <= previous + 1e-12);
            lowered += moved < start_moved - 1e-12 ? 1 : 0;
            previous = moved;
        }
        ++instances;
    }
    CHECK(instances == 12);
    CHECK(lowered >= 12);  // the weight does move cases back to their teams, not vacuously "never rises"
}
