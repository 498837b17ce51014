// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <vector>

#include "locality/regionalize/problem.hpp"
#include "regionalize/ward.hpp"
#include "regionalize_helpers.hpp"

using namespace locality;
using namespace locality::regionalize;
using namespace locality::test;

namespace {

/**
 * Textbook contiguity-constrained Ward, O(n^3): at each step scan every pair of clusters joined
 * by an edge and merge the one with the smallest n_a n_b / (n_a + n_b) |mean_a - mean_b|^2.
 * Returns labels numbered by lowest zone.
 */
std::vector<RegionId> naive_ward(const graph::ContiguityGraph& g, const AttributeMatrix& m, int k) {
    const std::size_t n = g.zone_count();
    std::vector<int> label(n);
    for (std::size_t z = 0; z < n; ++z) label[z] = static_cast<int>(z);
    for (std::size_t clusters = n; clusters > static_cast<std::size_t>(k); --clusters) {
        double best = std::numeric_limits<double>::infinity();
        int keep = -1;
        int drop = -1;
        for (const auto& [a, b] : g.edges()) {
            const int la = label[static_cast<std::size_t>(a)];
            const int lb = label[static_cast<std::size_t>(b)];
            if (la == lb) continue;
            std::vector<double> mean_a(m.cols, 0.0);
            std::vector<double> mean_b(m.cols, 0.0);
            double na = 0.0;
            double nb = 0.0;
            for (std::size_t z = 0; z < n; ++z) {
                for (std::size_t c = 0; c < m.cols; ++c) {
                    if (label[z] == la) mean_a[c] += m.at(z, c);
                    if (label[z] == lb) mean_b[c] += m.at(z, c);
                }
                na += label[z] == la ? 1.0 : 0.0;
                nb += label[z] == lb ? 1.0 : 0.0;
            }
            double d2 = 0.0;
            for (std::size_t c = 0; c < m.cols; ++c) {
                const double d = mean_a[c] / na - mean_b[c] / nb;
                d2 += d * d;
            }
            const double cost = na * nb / (na + nb) * d2;
            if (cost < best) {
                best = cost;
                keep = la;
                drop = lb;
            }
        }
        for (int& l : label) l = l == drop ? keep : l;
    }
    std::vector<RegionId> out(n, -1);
    std::vector<RegionId> map(n, -1);
    RegionId next = 0;
    for (std::size_t z = 0; z < n; ++z) {
        RegionId& to = map[static_cast<std::size_t>(label[z])];
        if (to < 0) to = next++;
        out[z] = to;
    }
    return out;
}

}  // namespace

TEST_CASE("Ward merges the same clusters as the textbook algorithm", "[regionalize][ward]") {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        const auto g = grid_graph(5, 4 + static_cast<int>(seed % 3));
        const AttributeMatrix m = random_matrix(g.zone_count(), 2, seed);
        for (const int k : {1, 3, 6}) {
            const Problem problem = k_problem(g, m, k);
            const Regionalization r = detail::ward(problem, k, 0.0, seed, false);
            INFO("seed " << seed << ", k " << k);
            CHECK(r.region_count == k);
            CHECK(r.region_of == naive_ward(g, m, k));
            CHECK(r.within_ss == Approx(naive_within_ss(m, r.region_of, k)).margin(1e-9));
        }
    }
}

TEST_CASE("Ward keeping ceilings postpones the merges that would break one", "[regionalize][ward]") {
    // A path of six areas, attributes 0 0 0 0 10 10, k = 2. Plain Ward merges the four zeros
    // (sizes 4 + 2); with a ceiling of 3 areas it must stop the zeros at three: {0,1,2} {3,4,5}.
    const graph::ContiguityGraph path(6, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}});
    const AttributeMatrix m = column({0, 0, 0, 0, 10, 10});
    Problem problem = k_problem(path, m, 2);
    problem.bounds.push_back(Bound{"population", std::vector<double>(6, 1.0), 0.0, 3.0});
    CHECK(detail::ward(problem, 2, 0.0, 1, false).region_of == std::vector<RegionId>{0, 0, 0, 0, 1, 1});
    CHECK(detail::ward(problem, 2, 0.0, 1, true).region_of == std::vector<RegionId>{0, 0, 0, 1, 1, 1});
    // A ceiling no k-partition can keep is lifted at the end rather than leaving k + 1 clusters.
    problem.bounds.front().max = 2.0;
    CHECK(detail::ward(problem, 2, 0.0, 1, true).region_count == 2);
}
