// SPDX-License-Identifier: MIT
#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/kruskal_min_spanning_tree.hpp>
#include <catch2/catch.hpp>
#include <iterator>
#include <limits>
#include <numeric>
#include <random>
#include <utility>
#include <vector>

#include "graph_fixtures.hpp"
#include "locality/core/error.hpp"
#include "locality/graph/build_contiguity.hpp"
#include "test_config.hpp"

using namespace locality::graph;
using locality::ZoneId;
using locality::geom::GeosContext;
using locality::geom::Wkb;
using locality::test::box_wkb;

namespace {

using Matrix = std::vector<std::vector<double>>;

// Minimum polygon distance between every pair of components, by brute force over all zone pairs.
Matrix component_distances(const GeosContext& ctx, const std::vector<Wkb>& areas, const Components& c) {
    const auto k = static_cast<std::size_t>(c.count);
    Matrix d(k, std::vector<double>(k, std::numeric_limits<double>::infinity()));
    for (std::size_t a = 0; a < areas.size(); ++a) {
        for (std::size_t b = a + 1; b < areas.size(); ++b) {
            const auto ca = static_cast<std::size_t>(c.component[a]);
            const auto cb = static_cast<std::size_t>(c.component[b]);
            if (ca != cb) {
                const double dist = locality::test::wkb_distance(ctx, areas[a], areas[b]);
                d[ca][cb] = d[cb][ca] = std::min(d[ca][cb], dist);
            }
        }
    }
    return d;
}

// Exhaustive minimum spanning tree weight: every subset of k-1 edges of the complete graph that
// spans it (k <= 6 gives at most 15 edges, 32768 subsets).
double brute_force_mst(const Matrix& d) {
    const std::size_t k = d.size();
    std::vector<std::pair<std::size_t, std::size_t>> all;
    for (std::size_t a = 0; a < k; ++a) {
        for (std::size_t b = a + 1; b < k; ++b) {
            all.emplace_back(a, b);
        }
    }
    double best = std::numeric_limits<double>::infinity();
    for (unsigned mask = 0; mask < (1U << all.size()); ++mask) {
        if (static_cast<std::size_t>(__builtin_popcount(mask)) != k - 1) {
            continue;
        }
        std::vector<std::size_t> label(k);
        std::iota(label.begin(), label.end(), 0);
        double total = 0.0;
        for (std::size_t e = 0; e < all.size(); ++e) {
            if ((mask >> e) & 1U) {
                const std::size_t from = label[all[e].first];
                const std::size_t to = label[all[e].second];
                std::replace(label.begin(), label.end(), from, to);
                total += d[all[e].first][all[e].second];
            }
        }
        if (std::all_of(label.begin(), label.end(), [&](std::size_t l) { return l == label[0]; })) {
            best = std::min(best, total);
        }
    }
    return best;
}

// Minimum spanning tree weight with Boost's Kruskal over the complete component graph.
double boost_mst(const Matrix& d) {
    using G = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                    boost::property<boost::edge_weight_t, double>>;
    G g(d.size());
    for (std::size_t a = 0; a < d.size(); ++a) {
        for (std::size_t b = a + 1; b < d.size(); ++b) {
            boost::add_edge(a, b, d[a][b], g);
        }
    }
    std::vector<boost::graph_traits<G>::edge_descriptor> tree;
    boost::kruskal_minimum_spanning_tree(g, std::back_inserter(tree));
    double total = 0.0;
    for (const auto& e : tree) {
        total += boost::get(boost::edge_weight, g, e);
    }
    return total;
}

// The invariants every bridging must satisfy; returns the total bridge length.
double check_bridges(const GeosContext& ctx, const ContiguityGraph& g, const std::vector<Wkb>& areas,
                     const std::vector<Bridge>& bridges) {
    const Components c = connected_components(g);
    REQUIRE(bridges.size() == static_cast<std::size_t>(c.count - 1));
    const std::vector<std::size_t> sizes = c.sizes();
    std::vector<std::pair<ZoneId, ZoneId>> extra;
    double total = 0.0;
    for (const Bridge& b : bridges) {
        const auto cf = static_cast<std::size_t>(c.component[static_cast<std::size_t>(b.from)]);
        const auto ct = static_cast<std::size_t>(c.component[static_cast<std::size_t>(b.to)]);
        REQUIRE(cf != ct);
        REQUIRE(sizes[cf] <= sizes[ct]);
        REQUIRE(b.distance ==
                Approx(locality::test::wkb_distance(ctx, areas[static_cast<std::size_t>(b.from)],
                                                    areas[static_cast<std::size_t>(b.to)]))
                    .margin(1e-9));
        extra.emplace_back(b.from, b.to);
        total += b.distance;
    }
    REQUIRE(connected_components(g.with_edges(extra)).count == 1);
    return total;
}

}  // namespace

TEST_CASE("An island 100 m east of the grid is bridged once, to the nearest square", "[graph]") {
    const GeosContext ctx;
    std::vector<Wkb> areas =
        locality::test::read_layer_wkb(locality::test::data_path("fixtures/grid3x3.geojson"));
    // c12 (index 5) spans x 582000..583000, y 4501000..4502000; the island faces its east side.
    areas.push_back(box_wkb(ctx, 583100, 4501200, 583300, 4501800));
    const ContiguityGraph g = build_contiguity(areas, {1.0});
    REQUIRE(connected_components(g).count == 2);
    const std::vector<Bridge> bridges = bridge_components(g, areas);
    REQUIRE(bridges.size() == 1);
    CHECK(bridges[0].from == 9);  // the island is the smaller component
    CHECK(bridges[0].to == 5);
    CHECK(bridges[0].distance == Approx(100.0));
}

TEST_CASE("A connected graph needs no bridge", "[graph]") {
    const std::vector<Wkb> grid =
        locality::test::read_layer_wkb(locality::test::data_path("fixtures/grid3x3.geojson"));
    REQUIRE(bridge_components(build_contiguity(grid, {0.0}), grid).empty());
}

TEST_CASE("Equal distances are broken towards the lowest zone ids", "[graph]") {
    const GeosContext ctx;
    // Four unit squares on the corners of a square: the four sides are all 2 apart, the diagonals
    // 2*sqrt(2). Any three sides form a minimum tree; the tie-break keeps (0,1), (0,2), (1,3).
    const std::vector<Wkb> areas{box_wkb(ctx, 0, 0, 1, 1), box_wkb(ctx, 3, 0, 4, 1), box_wkb(ctx, 0, 3, 1, 4),
                                 box_wkb(ctx, 3, 3, 4, 4)};
    const ContiguityGraph g = build_contiguity(areas, {0.0});
    const std::vector<Bridge> bridges = bridge_components(g, areas);
    REQUIRE(bridges.size() == 3);
    std::vector<std::pair<ZoneId, ZoneId>> pairs;
    for (const Bridge& b : bridges) {
        CHECK(b.distance == Approx(2.0));
        pairs.emplace_back(std::min(b.from, b.to), std::max(b.from, b.to));
    }
    std::sort(pairs.begin(), pairs.end());
    REQUIRE(pairs == std::vector<std::pair<ZoneId, ZoneId>>{{0, 1}, {0, 2}, {1, 3}});
}

TEST_CASE("Bridges form a minimum spanning tree over up to six components (brute force)", "[graph]") {
    const GeosContext ctx;
    std::mt19937_64 rng(31);
    std::uniform_real_distribution<double> pos(0.0, 400.0);
    std::uniform_int_distribution<int> cells(1, 3);
    int checked = 0;
    for (int round = 0; round < 25; ++round) {
        // Clusters of touching squares (a small grid each) at random places; clusters may merge.
        std::vector<Wkb> areas;
        const int clusters = 2 + round % 5;
        for (int k = 0; k < clusters; ++k) {
            const double x0 = pos(rng);
            const double y0 = pos(rng);
            const int nx = cells(rng);
            const int ny = cells(rng);
            for (int i = 0; i < nx; ++i) {
                for (int j = 0; j < ny; ++j) {
                    areas.push_back(
                        box_wkb(ctx, x0 + 10 * i, y0 + 10 * j, x0 + 10 * (i + 1), y0 + 10 * (j + 1)));
                }
            }
        }
        const ContiguityGraph g = build_contiguity(areas, {0.0});
        const Components c = connected_components(g);
        if (c.count < 2 || c.count > 6) {
            continue;
        }
        const std::vector<Bridge> bridges = bridge_components(g, areas);
        const double total = check_bridges(ctx, g, areas, bridges);
        REQUIRE(total == Approx(brute_force_mst(component_distances(ctx, areas, c))));
        ++checked;
    }
    REQUIRE(checked >= 15);
}

TEST_CASE("Hundreds of islands are joined by count-1 shortest bridges", "[graph]") {
    const GeosContext ctx;
    std::mt19937_64 rng(17);
    std::uniform_real_distribution<double> jitter(0.0, 30.0);
    std::uniform_real_distribution<double> size(5.0, 60.0);
    // 20 x 20 islands on a 100 m lattice: each at most 90 m wide, so they never touch.
    std::vector<Wkb> areas;
    for (int i = 0; i < 20; ++i) {
        for (int j = 0; j < 20; ++j) {
            const double x = 100.0 * i + jitter(rng);
            const double y = 100.0 * j + jitter(rng);
            areas.push_back(box_wkb(ctx, x, y, x + size(rng), y + size(rng)));
        }
    }
    const ContiguityGraph g = build_contiguity(areas, {1.0});
    const Components c = connected_components(g);
    REQUIRE(c.count == 400);
    const std::vector<Bridge> bridges = bridge_components(g, areas);
    const double total = check_bridges(ctx, g, areas, bridges);
    REQUIRE(total == Approx(boost_mst(component_distances(ctx, areas, c))));
}

TEST_CASE("Bridging rejects a geometry list that does not match the graph", "[graph]") {
    const GeosContext ctx;
    const std::vector<Wkb> areas{box_wkb(ctx, 0, 0, 1, 1), box_wkb(ctx, 5, 0, 6, 1)};
    REQUIRE_THROWS_AS(bridge_components(ContiguityGraph(3, {}), areas), locality::InputError);
    const std::vector<Wkb> with_empty{box_wkb(ctx, 0, 0, 1, 1),
                                      locality::test::wkt_wkb(ctx, "POLYGON EMPTY")};
    REQUIRE_THROWS_AS(bridge_components(ContiguityGraph(2, {}), with_empty), locality::InputError);
}
