// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "locality/geom/validity.hpp"

using namespace locality::geom;

namespace {

bool is_valid(const GeosContext& ctx, const GEOSGeometry* g) { return GEOSisValid_r(ctx.handle(), g) == 1; }

}  // namespace

TEST_CASE("make_valid_polygonal repairs a bow-tie into its two triangles", "[geom]") {
    GeosContext ctx;
    GeomPtr bow_tie = from_wkt(ctx, "POLYGON((0 0, 2 2, 2 0, 0 2, 0 0))");
    REQUIRE_FALSE(is_valid(ctx, bow_tie.get()));
    RepairOutcome outcome = RepairOutcome::valid;
    std::string reason;
    GeomPtr fixed = make_valid_polygonal(ctx, std::move(bow_tie), outcome, &reason);
    CHECK(outcome == RepairOutcome::repaired);
    CHECK(reason.find("Self-intersection") != std::string::npos);
    REQUIRE(is_valid(ctx, fixed.get()));
    CHECK(GEOSGeomTypeId_r(ctx.handle(), fixed.get()) == GEOS_MULTIPOLYGON);
    CHECK(GEOSGetNumGeometries_r(ctx.handle(), fixed.get()) == 2);
    // Two triangles of base 2 and height 1.
    CHECK(area(ctx, fixed.get()) == Approx(2.0));
}

TEST_CASE("make_valid_polygonal returns a valid polygon untouched", "[geom]") {
    GeosContext ctx;
    GeomPtr square = from_wkt(ctx, "POLYGON((0 0, 3 0, 3 3, 0 3, 0 0))");
    const GEOSGeometry* before = square.get();
    RepairOutcome outcome = RepairOutcome::repaired;
    std::string reason = "unchanged";
    GeomPtr out = make_valid_polygonal(ctx, std::move(square), outcome, &reason);
    CHECK(outcome == RepairOutcome::valid);
    CHECK(out.get() == before);
    CHECK(reason == "unchanged");
}

TEST_CASE("make_valid_polygonal drops non-polygonal debris and reports emptied polygons", "[geom]") {
    GeosContext ctx;
    RepairOutcome outcome = RepairOutcome::valid;
    // A ring collapsed onto a line: make-valid gives a line, nothing polygonal survives.
    GeomPtr flat = make_valid_polygonal(ctx, from_wkt(ctx, "POLYGON((0 0, 1 1, 2 2, 0 0))"), outcome);
    CHECK(outcome == RepairOutcome::emptied);
    CHECK(GEOSisEmpty_r(ctx.handle(), flat.get()) == 1);
    // A valid collection with a stray line keeps its polygon only.
    GeomPtr mixed = make_valid_polygonal(
        ctx, from_wkt(ctx, "GEOMETRYCOLLECTION(POLYGON((0 0, 1 0, 1 1, 0 1, 0 0)), LINESTRING(5 5, 6 6))"),
        outcome);
    CHECK(outcome == RepairOutcome::repaired);
    CHECK(GEOSGeomTypeId_r(ctx.handle(), mixed.get()) == GEOS_POLYGON);
    CHECK(area(ctx, mixed.get()) == Approx(1.0));
}

TEST_CASE("snap_to_grid keeps a polygon valid where naive rounding would not", "[geom]") {
    GeosContext ctx;
    // A narrow notch that collapses onto the line x = 2 when vertices are rounded to 1.
    const GeomPtr notched =
        from_wkt(ctx, "POLYGON((0 0, 4 0, 4 4, 2.4 4, 2.2 0.4, 1.8 0.4, 1.6 4, 0 4, 0 0))");
    REQUIRE(is_valid(ctx, notched.get()));
    const GeomPtr naive = from_wkt(ctx, "POLYGON((0 0, 4 0, 4 4, 2 4, 2 0, 2 0, 2 4, 0 4, 0 0))");
    REQUIRE_FALSE(is_valid(ctx, naive.get()));  // the hazard the function exists for

    const GeomPtr snapped = snap_to_grid(ctx, notched.get(), 1.0);
    REQUIRE(is_valid(ctx, snapped.get()));
    CHECK(area(ctx, snapped.get()) == Approx(16.0));
    const std::string wkt = to_wkt(ctx, snapped.get());
    CHECK(wkt.find('.') == std::string::npos);  // every coordinate on the unit grid
}

TEST_CASE("envelope gives the bounds of a geometry and an empty box for an empty one", "[geom]") {
    GeosContext ctx;
    const GeomPtr g = from_wkt(ctx, "MULTIPOLYGON(((1 2, 3 2, 3 5, 1 5, 1 2)), ((-4 0, -3 0, -3 1, -4 0)))");
    const locality::Box b = envelope(ctx, g.get());
    CHECK(b.min_x == -4.0);
    CHECK(b.min_y == 0.0);
    CHECK(b.max_x == 3.0);
    CHECK(b.max_y == 5.0);
    const GeomPtr empty = from_wkt(ctx, "POLYGON EMPTY");
    CHECK(envelope(ctx, empty.get()).empty());
}

TEST_CASE("fill_sliver_holes fills holes narrower than the width and keeps real ones", "[geom]") {
    GeosContext ctx;
    // A 100 x 100 square with a 0.5 m x 40 m sliver (mean width 2*20/81 = 0.49) and a 20 x 20 courtyard
    // (mean width 2*400/80 = 10).
    const GeomPtr g = from_wkt(ctx,
                               "POLYGON((0 0,100 0,100 100,0 100,0 0),(10 10,10.5 10,10.5 50,10 50,10 10),"
                               "(60 60,80 60,80 80,60 80,60 60))");
    std::size_t filled = 0;
    const GeomPtr one_metre = fill_sliver_holes(ctx, g.get(), 1.0, filled);
    CHECK(filled == 1);
    CHECK(GEOSGetNumInteriorRings_r(ctx.handle(), one_metre.get()) == 1);
    CHECK(area(ctx, one_metre.get()) == Approx(10000.0 - 400.0));
    CHECK(is_valid(ctx, one_metre.get()));
    // A narrower width keeps the sliver; zero keeps everything.
    filled = 0;
    CHECK(area(ctx, fill_sliver_holes(ctx, g.get(), 0.4, filled).get()) == Approx(10000.0 - 400.0 - 20.0));
    CHECK(filled == 0);
    CHECK(area(ctx, fill_sliver_holes(ctx, g.get(), 0.0, filled).get()) == Approx(10000.0 - 400.0 - 20.0));
    CHECK(filled == 0);
}

TEST_CASE("fill_sliver_holes merges a part that sat inside a filled hole", "[geom]") {
    GeosContext ctx;
    // An island inside a thin ring-shaped gap: once the gap is filled the island is part of the whole.
    const GeomPtr g = from_wkt(ctx,
                               "MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0),(4 4,4.6 4,4.6 4.6,4 4.6,4 4)),"
                               "((4.1 4.1,4.5 4.1,4.5 4.5,4.1 4.5,4.1 4.1)))");
    REQUIRE(is_valid(ctx, g.get()));
    std::size_t filled = 0;
    const GeomPtr out = fill_sliver_holes(ctx, g.get(), 1.0, filled);
    CHECK(filled == 1);
    REQUIRE(is_valid(ctx, out.get()));
    CHECK(area(ctx, out.get()) == Approx(100.0));
}

TEST_CASE("Polsby-Popper compactness: pi/4 for a square, 2 pi / 9 for a 2 x 1 rectangle, 0 for a point",
          "[geom]") {
    const locality::geom::GeosContext ctx;
    const auto square = locality::geom::from_wkt(ctx, "POLYGON((0 0, 3 0, 3 3, 0 3, 0 0))");
    CHECK(locality::geom::polsby_popper(ctx, square.get()) == Approx(3.14159265358979 / 4.0));
    // 4 pi x 2 / 6^2 = 2 pi / 9.
    const auto rectangle = locality::geom::from_wkt(ctx, "POLYGON((0 0, 2 0, 2 1, 0 1, 0 0))");
    CHECK(locality::geom::polsby_popper(ctx, rectangle.get()) == Approx(2.0 * 3.14159265358979 / 9.0));
    const auto point = locality::geom::from_wkt(ctx, "POINT(1 1)");
    CHECK(locality::geom::polsby_popper(ctx, point.get()) == 0.0);
}
