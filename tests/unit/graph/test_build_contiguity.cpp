// SPDX-License-Identifier: MIT
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <string_view>
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
using locality::test::build_with_threads;
using Edge = std::pair<ZoneId, ZoneId>;

namespace {

// Random rectangles and triangles packed densely, so many pairs nearly touch. Coordinates are
// random doubles, so no distance lands exactly on the tolerance.
std::vector<Wkb> random_shapes(const GeosContext& ctx, std::mt19937_64& rng, int count) {
    std::uniform_real_distribution<double> pos(0.0, 100.0);
    std::uniform_real_distribution<double> size(1.0, 12.0);
    std::vector<Wkb> out;
    for (int i = 0; i < count; ++i) {
        const double x = pos(rng);
        const double y = pos(rng);
        const double w = size(rng);
        const double h = size(rng);
        if (i % 2 == 0) {
            out.push_back(box_wkb(ctx, x, y, x + w, y + h));
        } else {
            out.push_back(locality::test::wkt_wkb(
                ctx, "POLYGON((" + std::to_string(x) + " " + std::to_string(y) + ", " +
                         std::to_string(x + w) + " " + std::to_string(y) + ", " + std::to_string(x) + " " +
                         std::to_string(y + h) + ", " + std::to_string(x) + " " + std::to_string(y) + "))"));
        }
    }
    return out;
}

}  // namespace

TEST_CASE("Queen contiguity on the 3x3 grid gives degrees 3, 5 and 8 and 20 edges", "[graph]") {
    const std::vector<Wkb> grid =
        locality::test::read_layer_wkb(locality::test::data_path("fixtures/grid3x3.geojson"));
    REQUIRE(grid.size() == 9);
    // Features are c00..c22 in row-major order: corners 0, 2, 6, 8; edge middles 1, 3, 5, 7; centre 4.
    for (const double tolerance : {0.0, 1.0}) {
        const ContiguityGraph g = build_contiguity(grid, {tolerance});
        REQUIRE(g.edge_count() == 20);  // 12 rook edges + 8 diagonal (corner-only) edges
        for (const ZoneId corner : {0, 2, 6, 8}) {
            REQUIRE(g.degree(corner) == 3);
        }
        for (const ZoneId middle : {1, 3, 5, 7}) {
            REQUIRE(g.degree(middle) == 5);
        }
        REQUIRE(g.degree(4) == 8);
        REQUIRE(g.adjacent(0, 4));  // corner touch only: queen, not rook
        REQUIRE(g.adjacent(2, 4));
        REQUIRE_FALSE(g.adjacent(0, 2));
        REQUIRE_FALSE(g.adjacent(0, 8));
    }
}

TEST_CASE("Squares half a metre apart are neighbours at tolerance 1 but not at 0.1", "[graph]") {
    const GeosContext ctx;
    const std::vector<Wkb> pair{box_wkb(ctx, 0, 0, 10, 10), box_wkb(ctx, 10.5, 0, 20.5, 10)};
    REQUIRE(build_contiguity(pair, {1.0}).adjacent(0, 1));
    REQUIRE(build_contiguity(pair, {0.5000001}).adjacent(0, 1));
    REQUIRE_FALSE(build_contiguity(pair, {0.4999999}).adjacent(0, 1));
    REQUIRE_FALSE(build_contiguity(pair, {0.1}).adjacent(0, 1));
    REQUIRE_FALSE(build_contiguity(pair, {0.0}).adjacent(0, 1));
    // Diagonal gap: envelopes grown by 1 overlap, but the true distance is sqrt(0.5) ~ 0.707.
    const std::vector<Wkb> diagonal{box_wkb(ctx, 0, 0, 10, 10), box_wkb(ctx, 10.5, 10.5, 20, 20)};
    REQUIRE(build_contiguity(diagonal, {0.71}).adjacent(0, 1));
    REQUIRE_FALSE(build_contiguity(diagonal, {0.7}).adjacent(0, 1));
}

TEST_CASE("Contiguity matches brute-force GEOS distances on random shapes", "[graph]") {
    const GeosContext ctx;
    std::mt19937_64 rng(2024);
    const std::vector<Wkb> shapes = random_shapes(ctx, rng, 120);
    for (const double tolerance : {0.0, 0.7, 3.0}) {
        std::vector<Edge> truth;
        for (std::size_t a = 0; a < shapes.size(); ++a) {
            for (std::size_t b = a + 1; b < shapes.size(); ++b) {
                if (locality::test::wkb_distance(ctx, shapes[a], shapes[b]) <= tolerance) {
                    truth.emplace_back(static_cast<ZoneId>(a), static_cast<ZoneId>(b));
                }
            }
        }
        INFO("tolerance " << tolerance);
        REQUIRE(truth.size() > 50);  // the fixture really exercises the test
        REQUIRE(build_contiguity(shapes, {tolerance}).edges() == truth);
    }
}

TEST_CASE("One and two threads give identical edge lists", "[graph]") {
    const GeosContext ctx;
    std::mt19937_64 rng(99);
    // More areas than one progress block, so both threads really share the work.
    const std::vector<Wkb> shapes = random_shapes(ctx, rng, 700);
    const ContiguityGraph one = build_with_threads(shapes, 0.5, 1);
    const ContiguityGraph two = build_with_threads(shapes, 0.5, 2);
    REQUIRE(one.edge_count() > 1000);
    REQUIRE(one.edges() == two.edges());
}

TEST_CASE("Progress runs from 0 to 1 and a false return cancels the build", "[graph]") {
    const GeosContext ctx;
    std::mt19937_64 rng(5);
    const std::vector<Wkb> shapes = random_shapes(ctx, rng, 600);
    std::vector<double> seen;
    build_contiguity(shapes, {1.0}, [&](double f, std::string_view) {
        seen.push_back(f);
        return true;
    });
    REQUIRE(seen.size() >= 3);
    REQUIRE(seen.front() == Approx(0.0));
    REQUIRE(seen.back() == Approx(1.0));
    REQUIRE(std::is_sorted(seen.begin(), seen.end()));

    int calls = 0;
    REQUIRE_THROWS_AS(build_contiguity(shapes, {1.0}, [&](double, std::string_view) { return ++calls < 2; }),
                      locality::CancelledError);
}

TEST_CASE("Bad tolerance and malformed WKB are reported with the input named", "[graph]") {
    const GeosContext ctx;
    std::vector<Wkb> areas{box_wkb(ctx, 0, 0, 1, 1), box_wkb(ctx, 1, 0, 2, 1)};
    REQUIRE_THROWS_AS(build_contiguity(areas, {-1.0}), locality::UsageError);
    areas.push_back(Wkb{1, 2, 3});
    REQUIRE_THROWS_WITH(build_contiguity(areas, {1.0}), Catch::Contains("area 2"));
    REQUIRE(build_contiguity({}, {1.0}).zone_count() == 0);
}

TEST_CASE("Empty geometries get no neighbours", "[graph]") {
    const GeosContext ctx;
    const std::vector<Wkb> areas{box_wkb(ctx, 0, 0, 1, 1), locality::test::wkt_wkb(ctx, "POLYGON EMPTY"),
                                 box_wkb(ctx, 1, 0, 2, 1)};
    const ContiguityGraph g = build_contiguity(areas, {1.0});
    REQUIRE(g.edges() == std::vector<Edge>{{0, 2}});
}

TEST_CASE("Areas sharing a boundary without sharing vertices are neighbours at tolerance 0", "[graph]") {
    const GeosContext ctx;
    // B's west side lies on A's east side (x = 10) but no vertex of either is on the other's
    // vertex list: the situation of the NYC tracts, where vertex matching fails.
    const std::vector<Wkb> areas{box_wkb(ctx, 0, 0, 10, 10),
                                 locality::test::wkt_wkb(ctx, "POLYGON((10 2, 20 2, 20 8, 10 8, 10 2))"),
                                 // Overlaps A by a 0.01 wide sliver: a digitising error, still a neighbour.
                                 box_wkb(ctx, 4, 9.99, 6, 15),
                                 // A vertex of D lies in the middle of A's north edge (a T-junction).
                                 locality::test::wkt_wkb(ctx, "POLYGON((-5 12, 2 10, 3 12, -5 12))")};
    const ContiguityGraph g = build_contiguity(areas, {0.0});
    REQUIRE(g.edges() == std::vector<Edge>{{0, 1}, {0, 2}, {0, 3}});
}
