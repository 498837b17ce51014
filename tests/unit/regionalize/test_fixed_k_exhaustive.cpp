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

#include "locality/core/error.hpp"
#include "locality/regionalize/problem.hpp"
#include "regionalize_helpers.hpp"

using namespace locality;
using namespace locality::regionalize;
using namespace locality::test;

namespace {

using Mask = std::uint32_t;

/** Exhaustive search over connected k-partitions of at most 16 zones. */
class Exhaustive {
public:
    Exhaustive(const graph::ContiguityGraph& g, const AttributeMatrix& m, const Bound* bound)
        : m_n(g.zone_count()), m_adjacent(m_n, 0), m_ssd(std::size_t{1} << m_n), m_ok(std::size_t{1} << m_n, 1) {
        for (std::size_t z = 0; z < m_n; ++z) {
            for (const ZoneId* it = g.begin(static_cast<ZoneId>(z)); it != g.end(static_cast<ZoneId>(z)); ++it) {
                m_adjacent[z] |= Mask{1} << *it;
            }
        }
        // Within SS and bound check of every subset, by the textbook two-pass formula.
        for (Mask s = 1; s < (Mask{1} << m_n); ++s) {
            double ssd = 0.0;
            double count = 0.0;
            double total = 0.0;
            for (std::size_t z = 0; z < m_n; ++z) {
                if ((s >> z & 1U) != 0) {
                    count += 1.0;
                    total += bound != nullptr ? bound->values[z] : 0.0;
                }
            }
            for (std::size_t c = 0; c < m.cols; ++c) {
                double mean = 0.0;
                for (std::size_t z = 0; z < m_n; ++z) mean += (s >> z & 1U) != 0 ? m.at(z, c) : 0.0;
                mean /= count;
                for (std::size_t z = 0; z < m_n; ++z) {
                    if ((s >> z & 1U) != 0) ssd += (m.at(z, c) - mean) * (m.at(z, c) - mean);
                }
            }
            m_ssd[s] = ssd;
            m_ok[s] = bound == nullptr || (total >= bound->min && total <= bound->max);
        }
    }

    /** Lowest WSS over partitions into k connected parts meeting the bound; +inf if none. */
    double optimum(int k) {
        m_best = std::numeric_limits<double>::infinity();
        search((Mask{1} << m_n) - 1, k, 0.0);
        return m_best;
    }

private:
    bool connected(Mask s) const {
        Mask reach = s & (~s + 1);
        for (Mask grown = reach;; reach = grown) {
            for (std::size_t z = 0; z < m_n; ++z) {
                if ((reach >> z & 1U) != 0) grown |= m_adjacent[z] & s;
            }
            if (grown == reach) return reach == s;
        }
    }

    /** Parts are taken in order of their lowest zone, so each partition is visited once. */
    void search(Mask rest, int k, double so_far) {
        if (so_far >= m_best) return;
        if (k == 1) {
            if (m_ok[rest] && connected(rest)) m_best = std::min(m_best, so_far + m_ssd[rest]);
            return;
        }
        const Mask low = rest & (~rest + 1);
        const Mask others = rest & ~low;
        // Every subset of the other zones, joined to the lowest one.
        for (Mask sub = others;; sub = (sub - 1) & others) {
            const Mask part = sub | low;
            if (part != rest && m_ok[part] && connected(part)) search(rest & ~part, k - 1, so_far + m_ssd[part]);
            if (sub == 0) break;
        }
    }

    std::size_t m_n;
    std::vector<Mask> m_adjacent;
    std::vector<double> m_ssd;
    std::vector<char> m_ok;
    double m_best = 0.0;
};

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

/** Solves with the default (auto) method and compares with the enumerated optimum. */
void check_optimum(const graph::ContiguityGraph& g, std::uint64_t seed, bool bounded) {
    const std::size_t n = g.zone_count();
    const AttributeMatrix m = random_matrix(n, 2, seed);
    const std::vector<double> w = weights(n, seed + 100);
    double total = 0.0;
    for (const double v : w) total += v;
    for (int k = 2; k <= 4; ++k) {
        Problem problem;
        problem.graph = &g;
        problem.attributes = &m;
        problem.k = k;
        if (bounded) problem.bounds.push_back(Bound{"population", w, 0.7 * total / k, 1.3 * total / k});
        Exhaustive exhaustive(g, m, bounded ? &problem.bounds.front() : nullptr);
        const double best = exhaustive.optimum(k);
        INFO("zones " << n << ", seed " << seed << ", k " << k << (bounded ? ", bounded" : ""));
        SolveOptions options;
        options.seed = seed;
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

TEST_CASE("Fixed k finds the exact optimum under a floor and a ceiling", "[regionalize][fixed_k][exhaustive]") {
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
