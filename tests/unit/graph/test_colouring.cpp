// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <utility>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/geom/geos_context.hpp"
#include "locality/graph/colouring.hpp"

using namespace locality;
using namespace locality::graph;

TEST_CASE("greedy_colours gives neighbours different colours in zone order", "[graph]") {
    // A path 0-1-2-3 needs two colours; 4 stands alone and takes the first.
    const ContiguityGraph path(5, {{0, 1}, {1, 2}, {2, 3}});
    CHECK(greedy_colours(path, 8) == std::vector<int>{0, 1, 0, 1, 0});
    // A star: the centre 0 takes colour 0, every leaf colour 1.
    const ContiguityGraph star(4, {{0, 1}, {0, 2}, {0, 3}});
    CHECK(greedy_colours(star, 8) == std::vector<int>{0, 1, 1, 1});
}

TEST_CASE("greedy_colours falls back to zone mod palette when the palette runs out", "[graph]") {
    // A triangle with two colours: zone 2 sees both, so it takes 2 mod 2 = 0.
    const ContiguityGraph triangle(3, {{0, 1}, {1, 2}, {0, 2}});
    CHECK(greedy_colours(triangle, 2) == std::vector<int>{0, 1, 0});
    CHECK(greedy_colours(triangle, 3) == std::vector<int>{0, 1, 2});
}

TEST_CASE("greedy_colours refuses an empty palette", "[graph]") {
    const ContiguityGraph one(1, {});
    CHECK_THROWS_AS(greedy_colours(one, 0), UsageError);
}

TEST_CASE("proximity_graph links shapes that touch or lie within the tolerance", "[graph]") {
    geom::GeosContext ctx;
    const auto wkb = [&](const char* wkt) { return geom::to_wkb(ctx, geom::from_wkt(ctx, wkt).get()); };
    // A and B share an edge; C lies 0.5 to the right of B; D is far away.
    const std::vector<geom::Wkb> shapes = {
        wkb("POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))"),
        wkb("POLYGON((1 0, 2 0, 2 1, 1 1, 1 0))"),
        wkb("POLYGON((2.5 0, 3.5 0, 3.5 1, 2.5 1, 2.5 0))"),
        wkb("POLYGON((10 10, 11 10, 11 11, 10 11, 10 10))"),
    };
    using Edges = std::vector<std::pair<ZoneId, ZoneId>>;
    CHECK(proximity_graph(shapes, 0.0).edges() == Edges{{0, 1}});
    CHECK(proximity_graph(shapes, 0.4).edges() == Edges{{0, 1}});
    CHECK(proximity_graph(shapes, 0.5).edges() == Edges{{0, 1}, {1, 2}});
    // A is 1.5 from C: only a wider tolerance joins them.
    CHECK(proximity_graph(shapes, 1.5).edges() == Edges{{0, 1}, {0, 2}, {1, 2}});
}
