// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <vector>

#include "locality/geom/polygon_parts.hpp"

using namespace locality::geom;

TEST_CASE("collect_polygons keeps every non-empty polygon of nested collections and nothing else", "[geom]") {
    GeosContext ctx;
    const GeomPtr mixed =
        from_wkt(ctx,
                 "GEOMETRYCOLLECTION(POLYGON((0 0, 1 0, 1 1, 0 1, 0 0)), LINESTRING(0 0, 5 5), "
                 "POINT(3 3), POLYGON EMPTY, "
                 "MULTIPOLYGON(((10 0, 12 0, 12 2, 10 2, 10 0)), ((20 0, 23 0, 23 3, 20 3, 20 0))), "
                 "GEOMETRYCOLLECTION(POLYGON((30 0, 34 0, 34 4, 30 4, 30 0))))");
    std::vector<GeomPtr> parts;
    collect_polygons(ctx, mixed.get(), parts);
    // Squares of side 1, 2, 3 and 4, in the order they appear.
    REQUIRE(parts.size() == 4);
    const double expected[] = {1.0, 4.0, 9.0, 16.0};
    for (std::size_t i = 0; i < parts.size(); ++i) {
        CHECK(GEOSGeomTypeId_r(ctx.handle(), parts[i].get()) == GEOS_POLYGON);
        CHECK(area(ctx, parts[i].get()) == Approx(expected[i]));
    }
    // Clones: the source is untouched.
    CHECK(GEOSGetNumGeometries_r(ctx.handle(), mixed.get()) == 6);
}

TEST_CASE("collect_polygons finds nothing in lines and points", "[geom]") {
    GeosContext ctx;
    const GeomPtr debris =
        from_wkt(ctx, "GEOMETRYCOLLECTION(LINESTRING(0 0, 1 1), MULTIPOINT((0 0), (1 1)))");
    std::vector<GeomPtr> parts;
    collect_polygons(ctx, debris.get(), parts);
    CHECK(parts.empty());
}

TEST_CASE("make_collection takes the parts over into one multipolygon", "[geom]") {
    GeosContext ctx;
    std::vector<GeomPtr> parts;
    parts.push_back(from_wkt(ctx, "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))"));
    parts.push_back(from_wkt(ctx, "POLYGON((5 5, 7 5, 7 7, 5 7, 5 5))"));
    const GeomPtr multi = make_collection(ctx, GEOS_MULTIPOLYGON, std::move(parts));
    CHECK(GEOSGeomTypeId_r(ctx.handle(), multi.get()) == GEOS_MULTIPOLYGON);
    CHECK(GEOSGetNumGeometries_r(ctx.handle(), multi.get()) == 2);
    CHECK(area(ctx, multi.get()) == Approx(5.0));
}
