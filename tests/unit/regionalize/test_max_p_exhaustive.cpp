// SPDX-License-Identifier: MIT
// Max-p against exhaustive enumeration on tiny layouts, and its invariants on random ones.
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

/** The most parts, and the least WSS at that count, over every partition into connected parts meeting every bound. */
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
            for (const ZoneId* it = c.graph.begin(static_cast<ZoneId>(z)); it != c.graph.end(static_cast<ZoneId>(z)); ++it) {
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

/** A grid with a few diagonal links added and some cells removed, kept only if still connected. */
graph::ContiguityGraph irregular_layout(int rows, int cols, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    for (;;) {
        std::vector<char> present(static_cast<std::size_t>(rows * cols), 1);
        std::uniform_int_distribution<int> cell(0, rows * cols - 1);
        for (int holes = 0; holes < 2; ++holes) {
            present[static_cast<std::size_t>(cell(rng))] = 0;
        }
        std::vector<ZoneId> id(present.size(), -1);
        ZoneId next = 0;
        for (std::size_t z = 0; z < present.size(); ++z) {
            id[z] = present[z] ? next++ : -1;
        }
        std::vector<std::pair<ZoneId, ZoneId>> edges;
        auto link = [&](int r0, int c0, int r1, int c1) {
            if (r1 < rows && c1 >= 0 && c1 < cols) {
                const ZoneId a = id[static_cast<std::size_t>(r0 * cols + c0)];
                const ZoneId b = id[static_cast<std::size_t>(r1 * cols + c1)];
                if (a >= 0 && b >= 0) {
                    edges.emplace_back(a, b);
                }
            }
        };
        std::bernoulli_distribution diagonal(0.3);
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
        if (graph::connected_components(g).count == 1) {
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

}  // namespace

TEST_CASE("Max-p reaches the exhaustive optimum count and WSS on grids up to 4x4", "[regionalize][maxp]") {
    const std::vector<std::pair<int, int>> shapes{{2, 3}, {3, 3}, {3, 4}, {4, 4}};
    for (const auto& [rows, cols] : shapes) {
        for (std::uint64_t seed = 1; seed <= 4; ++seed) {
            INFO("grid " << rows << "x" << cols << ", seed " << seed);
            Case c = random_case(grid_graph(rows, cols), 2, seed * 31U + static_cast<std::uint64_t>(rows * cols));
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
        Case c = random_case(irregular_layout(4, 4, seed), 2, 300U + seed);
        set_bounds(c, 0.2, seed % 2 == 0 ? 0.4 : 0.0);
        check_exhaustive(c, seed);
    }
}
