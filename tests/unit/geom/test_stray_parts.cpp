// SPDX-License-Identifier: MIT
// Stray parts: specks far below the tolerance and away from their area's body are dropped; real
// parts (larger, or touching the body within the tolerance) are kept. Areas worked out by hand.
#include <catch2/catch.hpp>

#include "locality/geom/stray_parts.hpp"
#include "locality/geom/validity.hpp"

using namespace locality::geom;

namespace {

int parts(const GeosContext& ctx, const GeomPtr& g) { return GEOSGetNumGeometries_r(ctx.handle(), g.get()); }

}  // namespace

TEST_CASE("drop_stray_parts drops a speck 85 km from its area and keeps the body", "[geom][stray]") {
    GeosContext ctx;
    // A 1 km square and a 0.045 m² triangle (legs 0.3 m) 85 km east, as in the LA councils.
    const GeomPtr g = from_wkt(ctx,
                               "MULTIPOLYGON(((0 0, 1000 0, 1000 1000, 0 1000, 0 0)),"
                               "((86000 500, 86000.3 500, 86000 500.3, 86000 500)))");
    std::size_t dropped = 0;
    const GeomPtr out = drop_stray_parts(ctx, g.get(), 1.0, dropped);
    CHECK(dropped == 1);
    CHECK(parts(ctx, out) == 1);
    CHECK(area(ctx, out.get()) == Approx(1e6));
    // The extent is the body's again: the speck no longer stretches it 85 km.
    CHECK(envelope(ctx, out.get()).max_x == Approx(1000.0));
}

TEST_CASE("drop_stray_parts keeps real parts: larger than the tolerance squared, or next to the body",
          "[geom][stray]") {
    GeosContext ctx;
    std::size_t dropped = 0;
    // A 10 m x 10 m islet 50 m off: 100 m², far above 1 m²: a real part.
    const GeomPtr islet = from_wkt(ctx,
                                   "MULTIPOLYGON(((0 0, 1000 0, 1000 1000, 0 1000, 0 0)),"
                                   "((1050 0, 1060 0, 1060 10, 1050 10, 1050 0)))");
    CHECK(parts(ctx, drop_stray_parts(ctx, islet.get(), 1.0, dropped)) == 2);
    // A speck 0.5 m off the body, within the tolerance: part of the boundary's noise, not stray.
    const GeomPtr near = from_wkt(ctx,
                                  "MULTIPOLYGON(((0 0, 1000 0, 1000 1000, 0 1000, 0 0)),"
                                  "((1000.5 10, 1000.8 10, 1000.5 10.3, 1000.5 10)))");
    CHECK(parts(ctx, drop_stray_parts(ctx, near.get(), 1.0, dropped)) == 2);
    // The same speck 20 m off (the LA council 0 case, 21 m): stray.
    const GeomPtr off = from_wkt(ctx,
                                 "MULTIPOLYGON(((0 0, 1000 0, 1000 1000, 0 1000, 0 0)),"
                                 "((1020 10, 1020.3 10, 1020 10.3, 1020 10)))");
    CHECK(parts(ctx, drop_stray_parts(ctx, off.get(), 1.0, dropped)) == 1);
    CHECK(dropped == 1);
    // No tolerance, nothing dropped.
    CHECK(parts(ctx, drop_stray_parts(ctx, off.get(), 0.0, dropped)) == 2);
    CHECK(dropped == 1);
}
