// SPDX-License-Identifier: MIT
// Max-p against exhaustive enumeration on tiny layouts; its invariants on random layouts with several
// bounds, its refusals, and its determinism across thread counts.
#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/regionalize/problem.hpp"
#include "regionalize_helpers.hpp"

using namespace locality;
using namespace locality::regionalize;
using namespace locality::test;

namespace {

constexpr double k_inf = std::numeric_limits<double>::infinity();

/** A layout and its data, owning what the Problem points to. */
struct Case {
    graph::ContiguityGraph graph;
    AttributeMatrix attributes;
    std::vector<Bound> bounds;

    Problem problem() const {
        Problem p;
        p.graph = &graph;
        p.attributes = &attributes;
        p.bounds = bounds;
        return p;
    }
};

/** Within SS of one part given as a bit mask, straight from the definition. */
double part_ss(const AttributeMatrix& m, std::uint32_t mask) {
    double total = 0.0;
    for (std::size_t c = 0; c < m.cols; ++c) {
        double sum = 0.0;
        double count = 0.0;
        for (std::size_t z = 0; z < m.rows; ++z) {
            if ((mask >> z) & 1U) {
                sum += m.at(z, c);
                count += 1.0;
            }
        }
        for (std::size_t z = 0; z < m.rows; ++z) {
            if ((mask >> z) & 1U) {
                total += (m.at(z, c) - sum / count) * (m.at(z, c) - sum / count);
            }
        }
    }
    return total;
}

/** Sum of one bound's values over a mask. */
double mask_total(const Bound& bound, std::uint32_t mask) {
    double total = 0.0;
    for (std::size_t z = 0; z < bound.values.size(); ++z) {
        if ((mask >> z) & 1U) {
            total += bound.values[z];
        }
    }
    return total;
}

/** The most parts, and the least WSS at that count, over every partition into connected parts meeting every
 * bound. */
struct Optimum {
    int parts = 0;
    double wss = k_inf;
};

/**
 * Exhaustive search: the part holding the lowest unplaced zone is each connected set of unplaced
 * zones containing it (enumerated once each: extend by frontier zones, banning the ones already
 * tried), kept when every bound holds; then the rest recursively. Values are non-negative, so a
 * set above a ceiling is not extended, and a remainder below a floor ends the branch.
 */
class Enumerator {
public:
    explicit Enumerator(const Case& c) : m_case(c), m_n(c.graph.zone_count()), m_nbr(m_n, 0) {
        for (std::size_t z = 0; z < m_n; ++z) {
            for (const ZoneId* it = c.graph.begin(static_cast<ZoneId>(z));
                 it != c.graph.end(static_cast<ZoneId>(z)); ++it) {
                m_nbr[z] |= 1U << static_cast<unsigned>(*it);
            }
        }
    }

    Optimum run() {
        place((m_n == 32 ? ~0U : (1U << m_n) - 1U), 0, 0.0);
        return m_best;
    }

private:
    void place(std::uint32_t free, int parts, double wss) {
        if (free == 0) {
            if (parts > m_best.parts || (parts == m_best.parts && wss < m_best.wss)) {
                m_best = {parts, wss};
            }
            return;
        }
        for (const Bound& b : m_case.bounds) {
            if (mask_total(b, free) < b.min) {
                return;
            }
        }
        const std::uint32_t lowest = free & (~free + 1U);
        grow(lowest, m_nbr[ctz(lowest)] & free, 0, free, parts, wss);
    }

    void grow(std::uint32_t set, std::uint32_t frontier, std::uint32_t banned, std::uint32_t free, int parts,
              double wss) {
        bool meets_floors = true;
        for (const Bound& b : m_case.bounds) {
            const double total = mask_total(b, set);
            if (total > b.max) {
                return;
            }
            meets_floors = meets_floors && total >= b.min;
        }
        if (meets_floors) {
            place(free & ~set, parts + 1, wss + part_ss(m_case.attributes, set));
        }
        std::uint32_t tried = banned;
        for (std::uint32_t rest = frontier; rest != 0; rest &= rest - 1U) {
            const std::uint32_t v = rest & (~rest + 1U);
            const std::uint32_t grown = set | v;
            const std::uint32_t next = (frontier | m_nbr[ctz(v)]) & free & ~grown & ~tried & ~v;
            grow(grown, next, tried, free, parts, wss);
            tried |= v;
        }
    }

    static std::size_t ctz(std::uint32_t x) { return static_cast<std::size_t>(__builtin_ctz(x)); }

    const Case& m_case;
    std::size_t m_n;
    std::vector<std::uint32_t> m_nbr;
    Optimum m_best;
};

/** Random integer populations 1..9 and `cols` uniform attributes, z-scored as the pipeline does. */
Case random_case(graph::ContiguityGraph graph, std::size_t cols, std::uint64_t seed) {
    const std::size_t n = graph.zone_count();
    Case c{std::move(graph), random_matrix(n, cols, seed), {}};
    standardize(c.attributes);
    std::mt19937_64 rng(seed * 7919U + 1U);
    std::uniform_int_distribution<int> people(1, 9);
    Bound population{"population", std::vector<double>(n), -k_inf, k_inf};
    for (double& v : population.values) {
        v = people(rng);
    }
    c.bounds.push_back(population);
    return c;
}

double total_of(const Bound& b) { return std::accumulate(b.values.begin(), b.values.end(), 0.0); }

/**
 * rows x cols grid with about `hole_share` of the cells removed and about `diagonal_share` of the
 * possible diagonal links added, both directions; drawn again until connected.
 */
graph::ContiguityGraph holed_grid(int rows, int cols, double hole_share, double diagonal_share,
                                  std::mt19937_64& rng) {
    for (;;) {
        std::bernoulli_distribution hole(hole_share);
        std::bernoulli_distribution diagonal(diagonal_share);
        std::vector<ZoneId> id(static_cast<std::size_t>(rows * cols), -1);
        ZoneId next = 0;
        for (ZoneId& z : id) {
            z = hole(rng) ? -1 : next++;
        }
        std::vector<std::pair<ZoneId, ZoneId>> edges;
        auto link = [&](int r0, int c0, int r1, int c1) {
            if (r1 >= rows || c1 < 0 || c1 >= cols) {
                return;
            }
            const ZoneId a = id[static_cast<std::size_t>(r0 * cols + c0)];
            const ZoneId b = id[static_cast<std::size_t>(r1 * cols + c1)];
            if (a >= 0 && b >= 0) {
                edges.emplace_back(a, b);
            }
        };
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < cols; ++c) {
                link(r, c, r, c + 1);
                link(r, c, r + 1, c);
                if (diagonal(rng)) {
                    link(r, c, r + 1, c + 1);
                }
                if (diagonal(rng)) {
                    link(r, c, r + 1, c - 1);
                }
            }
        }
        graph::ContiguityGraph g(static_cast<std::size_t>(next), edges);
        if (next > 1 && graph::connected_components(g).count == 1) {
            return g;
        }
    }
}

/** Checks the engine's max-p against exhaustive search: the same count, the same WSS. */
void check_exhaustive(const Case& c, std::uint64_t seed) {
    const Optimum truth = Enumerator(c).run();
    REQUIRE(truth.parts > 0);
    SolveOptions options;
    options.seed = seed;
    const Regionalization got = solve(c.problem(), options);
    validate_regionalization(c.problem(), got);
    CHECK(got.region_count == truth.parts);
    CHECK(got.within_ss == Approx(truth.wss).margin(1e-9));
}

/** Bounds for an exhaustive case: a population floor, sometimes a ceiling too. */
void set_bounds(Case& c, double floor_share, double ceiling_share) {
    const double total = total_of(c.bounds[0]);
    c.bounds[0].min = std::ceil(floor_share * total);
    if (ceiling_share > 0.0) {
        c.bounds[0].max = std::floor(ceiling_share * total);
    }
}

/**
 * A holed grid with three bounds at once: a population floor (and, on odd seeds, a population
 * ceiling of three floors), a caseload floor, and a ceiling on a third count.
 */
Case random_layout(std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> side(6, 14);
    graph::ContiguityGraph g = holed_grid(side(rng), side(rng), 0.12, 0.25, rng);
    const std::size_t n = g.zone_count();
    Case layout{std::move(g), random_matrix(n, 3, seed + 17U), {}};
    standardize(layout.attributes);
    std::uniform_int_distribution<int> people(50, 500);
    std::uniform_int_distribution<int> cases(0, 6);
    std::uniform_int_distribution<int> other(0, 3);
    Bound population{"population", std::vector<double>(n), -k_inf, k_inf};
    Bound caseload{"cases_total", std::vector<double>(n), -k_inf, k_inf};
    Bound police{"cases_police", std::vector<double>(n), -k_inf, k_inf};
    double total_pop = 0.0;
    double total_cases = 0.0;
    for (std::size_t z = 0; z < n; ++z) {
        total_pop += population.values[z] = people(rng);
        total_cases += caseload.values[z] = cases(rng);
        police.values[z] = other(rng);
    }
    population.min = total_pop / 12.0;
    if (seed % 2 == 1) {
        population.max = 3.0 * population.min;
    }
    caseload.min = total_cases / 20.0;
    police.max = 40.0;
    layout.bounds = {population, caseload, police};
    return layout;
}

/** Checks every invariant with code independent of the engine: assignment, contiguity, bounds, WSS. */
void check_invariants(const Case& layout, const Regionalization& result) {
    const std::size_t n = layout.graph.zone_count();
    REQUIRE(result.region_of.size() == n);
    REQUIRE(result.region_count >= 1);
    std::vector<std::vector<double>> totals(
        layout.bounds.size(), std::vector<double>(static_cast<std::size_t>(result.region_count), 0.0));
    for (std::size_t z = 0; z < n; ++z) {
        REQUIRE(result.region_of[z] >= 0);
        REQUIRE(result.region_of[z] < result.region_count);
        for (std::size_t b = 0; b < layout.bounds.size(); ++b) {
            totals[b][static_cast<std::size_t>(result.region_of[z])] += layout.bounds[b].values[z];
        }
    }
    for (int r = 0; r < result.region_count; ++r) {
        CHECK(part_connected(layout.graph, result.region_of, r));
        for (std::size_t b = 0; b < layout.bounds.size(); ++b) {
            CHECK(totals[b][static_cast<std::size_t>(r)] >= layout.bounds[b].min);
            CHECK(totals[b][static_cast<std::size_t>(r)] <= layout.bounds[b].max);
        }
    }
    CHECK(result.within_ss ==
          Approx(naive_within_ss(layout.attributes, result.region_of, result.region_count)).margin(1e-9));
}

Regionalization solve_with(const Case& layout, std::uint64_t seed, int starts = 0) {
    SolveOptions options;
    options.seed = seed;
    options.starts = starts;
    return solve(layout.problem(), options);
}

Case path_layout(const std::vector<double>& values) {
    std::vector<std::pair<ZoneId, ZoneId>> edges;
    for (std::size_t z = 0; z + 1 < values.size(); ++z) {
        edges.emplace_back(static_cast<ZoneId>(z), static_cast<ZoneId>(z + 1));
    }
    Case layout{graph::ContiguityGraph(values.size(), edges), random_matrix(values.size(), 1, 5), {}};
    layout.bounds.push_back({"population", values, -k_inf, k_inf});
    return layout;
}

}  // namespace

TEST_CASE("Max-p reaches the exhaustive optimum count and WSS on grids up to 4x4", "[regionalize][maxp]") {
    const std::vector<std::pair<int, int>> shapes{{2, 3}, {3, 3}, {3, 4}, {4, 4}};
    for (const auto& [rows, cols] : shapes) {
        for (std::uint64_t seed = 1; seed <= 4; ++seed) {
            INFO("grid " << rows << "x" << cols << ", seed " << seed);
            Case c =
                random_case(grid_graph(rows, cols), 2, seed * 31U + static_cast<std::uint64_t>(rows * cols));
            set_bounds(c, 0.18, 0.0);
            check_exhaustive(c, seed);
        }
    }
}

TEST_CASE("Max-p reaches the exhaustive optimum with a floor and a ceiling together", "[regionalize][maxp]") {
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        INFO("seed " << seed);
        Case c = random_case(grid_graph(4, 4), 3, 900U + seed);
        set_bounds(c, 0.15, 0.3);
        check_exhaustive(c, seed);
    }
}

TEST_CASE("Max-p reaches the exhaustive optimum on small irregular layouts", "[regionalize][maxp]") {
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        INFO("layout seed " << seed);
        std::mt19937_64 rng(seed);
        Case c = random_case(holed_grid(4, 4, 0.15, 0.3, rng), 2, 300U + seed);
        set_bounds(c, 0.2, seed % 2 == 0 ? 0.4 : 0.0);
        check_exhaustive(c, seed);
    }
}

TEST_CASE("Max-p keeps every invariant on random holed layouts with several floors and ceilings",
          "[regionalize][maxp]") {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        INFO("layout seed " << seed);
        const Case layout = random_layout(seed);
        try {
            check_invariants(layout, solve_with(layout, seed, 8));
        } catch (const InfeasibleError& e) {
            FAIL("layout " << seed << " refused: " << e.what());
        }
    }
}

TEST_CASE("Max-p finds at least as many regions as SKATER under the same floor", "[regionalize][maxp]") {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        INFO("seed " << seed);
        const auto g = grid_graph(30, 30);
        const auto m = random_matrix(900, 3, seed);
        const std::vector<double> population(900, 1.0);
        const Regionalization tree = skater(g, m, population, skater_options(0, 18.0));
        Case layout{g, m, {{"population", population, 18.0, k_inf}}};
        const Regionalization grown = solve_with(layout, seed, 32);
        check_invariants(layout, grown);
        CHECK(grown.region_count >= tree.region_count);
    }
}

TEST_CASE("Max-p refuses a ceiling below one area's own value, naming the bound", "[regionalize][maxp]") {
    Case layout = path_layout({5, 1, 12, 3});
    layout.bounds[0].max = 10.0;
    CHECK_THROWS_AS(solve_with(layout, 1), InfeasibleError);
    CHECK_THROWS_WITH(solve_with(layout, 1), Catch::Contains("population") && Catch::Contains("by 2"));
}

TEST_CASE("Max-p refuses a floor above the total, and a floor above its ceiling as a usage error",
          "[regionalize][maxp]") {
    Case layout = path_layout({5, 1, 5});
    layout.bounds[0].min = 12.0;
    CHECK_THROWS_AS(solve_with(layout, 1), InfeasibleError);
    layout.bounds[0].min = 6.0;
    layout.bounds[0].max = 5.0;
    CHECK_THROWS_AS(solve_with(layout, 1), UsageError);
}

TEST_CASE("Max-p refuses a floor and a ceiling that no partition meets together", "[regionalize][maxp]") {
    // {5,1} = 6 is the only part reaching 6, and the 5 left over reaches neither 6 nor, joined, stays
    // under 6.
    Case layout = path_layout({5, 1, 5});
    layout.bounds[0].min = 6.0;
    layout.bounds[0].max = 6.0;
    CHECK_THROWS_AS(solve_with(layout, 1), InfeasibleError);
    // Raising the ceiling to the total makes the whole path the answer.
    layout.bounds[0].max = 11.0;
    const Regionalization whole = solve_with(layout, 1);
    CHECK(whole.region_count == 1);
}

TEST_CASE("Max-p gives the same regions whatever the number of threads", "[regionalize][maxp]") {
    for (std::uint64_t seed = 3; seed <= 5; ++seed) {
        INFO("layout seed " << seed);
        const Case layout = random_layout(seed);
        Regionalization one;
        Regionalization two;
        {
            const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
            one = solve_with(layout, 11, 16);
        }
        {
            const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
            two = solve_with(layout, 11, 16);
        }
        CHECK(one.region_of == two.region_of);
        CHECK(one.within_ss == two.within_ss);
        const Regionalization other_seed = solve_with(layout, 12, 16);
        check_invariants(layout, other_seed);
    }
}

TEST_CASE("Max-p without a floor gives one locality per area, ceilings or not", "[regionalize][maxp]") {
    Case layout = path_layout({5, 1, 12, 3});
    CHECK(solve_with(layout, 1).region_count == 4);
    layout.bounds[0].max = 12.0;
    const Regionalization singles = solve_with(layout, 1);
    CHECK(singles.region_count == 4);
    CHECK(singles.within_ss == 0.0);
}

TEST_CASE("Max-p stops with CancelledError when the progress callback asks it to", "[regionalize][maxp]") {
    const Case layout = random_layout(7);
    SolveOptions options;
    options.starts = 8;
    const ProgressSink stop = [](double, std::string_view) { return false; };
    CHECK_THROWS_AS(solve(layout.problem(), options, stop), CancelledError);
}
