// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "locality/core/error.hpp"
#include "locality/dissolve/dissolve.hpp"
#include "locality/graph/build_contiguity.hpp"
#include "skip.hpp"

namespace geom = locality::geom;
using locality::dissolve::dissolve_regions;
using namespace locality::test;

namespace {

int type_of(const geom::GeosContext& ctx, const geom::Wkb& wkb) {
    return GEOSGeomTypeId_r(ctx.handle(), geom::from_wkb(ctx, wkb).get());
}

}  // namespace

TEST_CASE("Dissolving the 3x3 grid by rows gives three 3 km by 1 km rectangles", "[dissolve]") {
    const geom::GeosContext ctx;
    const std::vector<locality::RegionId> rows = {0, 0, 0, 1, 1, 1, 2, 2, 2};
    const auto result = dissolve_regions(grid3x3_wkb(ctx), rows, 3);
    REQUIRE(result.size() == 3);
    for (int row = 0; row < 3; ++row) {
        const auto g = geom::from_wkb(ctx, result[static_cast<std::size_t>(row)]);
        CHECK(GEOSGeomTypeId_r(ctx.handle(), g.get()) == GEOS_POLYGON);
        CHECK(GEOSisValid_r(ctx.handle(), g.get()) == 1);
        CHECK(geom::area(ctx, g.get()) == Approx(3e6).epsilon(1e-12));
        const double y = 4500000.0 + 1000.0 * row;
        const auto expected = geom::make_box(ctx, 580000.0, y, 583000.0, y + 1000.0);
        CHECK(GEOSEquals_r(ctx.handle(), g.get(), expected.get()) == 1);
    }
}

TEST_CASE("Dissolve is deterministic and follows the region order, not the area order", "[dissolve]") {
    const geom::GeosContext ctx;
    // Columns, numbered right to left, so result i must be the column 2 - i.
    const std::vector<locality::RegionId> cols = {2, 1, 0, 2, 1, 0, 2, 1, 0};
    const auto first = dissolve_regions(grid3x3_wkb(ctx), cols, 3);
    const auto second = dissolve_regions(grid3x3_wkb(ctx), cols, 3);
    CHECK(first == second);
    for (int r = 0; r < 3; ++r) {
        const double x = 580000.0 + 1000.0 * (2 - r);
        const auto expected = geom::make_box(ctx, x, 4500000.0, x + 1000.0, 4503000.0);
        CHECK(GEOSEquals_r(ctx.handle(), geom::from_wkb(ctx, first[static_cast<std::size_t>(r)]).get(),
                           expected.get()) == 1);
    }
}

TEST_CASE("Two squares touching only at a corner dissolve into a MultiPolygon of two parts", "[dissolve]") {
    const geom::GeosContext ctx;
    const std::vector<geom::Wkb> areas = {box_wkb(ctx, 0, 0, 1, 1), box_wkb(ctx, 1, 1, 2, 2)};
    const auto result = dissolve_regions(areas, {0, 0}, 1);
    REQUIRE(result.size() == 1);
    const auto g = geom::from_wkb(ctx, result[0]);
    CHECK(GEOSGeomTypeId_r(ctx.handle(), g.get()) == GEOS_MULTIPOLYGON);
    CHECK(GEOSGetNumGeometries_r(ctx.handle(), g.get()) == 2);
    CHECK(GEOSisValid_r(ctx.handle(), g.get()) == 1);
    CHECK(geom::area(ctx, g.get()) == Approx(2.0));
}

TEST_CASE("Areas that are not a clean coverage fall back to a true union", "[dissolve]") {
    const geom::GeosContext ctx;
    SECTION("overlapping squares: the overlap is counted once") {
        const std::vector<geom::Wkb> areas = {box_wkb(ctx, 0, 0, 2, 2), box_wkb(ctx, 1, 1, 3, 3)};
        const auto g = geom::from_wkb(ctx, dissolve_regions(areas, {0, 0}, 1).at(0));
        CHECK(GEOSisValid_r(ctx.handle(), g.get()) == 1);
        CHECK(GEOSGeomTypeId_r(ctx.handle(), g.get()) == GEOS_POLYGON);
        CHECK(geom::area(ctx, g.get()) == Approx(7.0));
    }
    SECTION("a shared edge without a shared vertex (like the NYC tracts) leaves no seam") {
        const std::vector<geom::Wkb> areas = {box_wkb(ctx, 0, 0, 2, 2), box_wkb(ctx, 2, 0, 3, 1),
                                              box_wkb(ctx, 2, 1, 3, 2)};
        const auto g = geom::from_wkb(ctx, dissolve_regions(areas, {0, 0, 0}, 1).at(0));
        CHECK(GEOSisValid_r(ctx.handle(), g.get()) == 1);
        CHECK(GEOSGeomTypeId_r(ctx.handle(), g.get()) == GEOS_POLYGON);
        CHECK(GEOSGetNumInteriorRings_r(ctx.handle(), g.get()) == 0);
        const auto expected = geom::make_box(ctx, 0, 0, 3, 2);
        CHECK(GEOSEquals_r(ctx.handle(), g.get(), expected.get()) == 1);
    }
    SECTION("a self-intersecting bow-tie area is repaired, not thrown") {
        const std::vector<geom::Wkb> areas = {wkt_wkb(ctx, "POLYGON((0 0,2 2,2 0,0 2,0 0))"),
                                              box_wkb(ctx, 2, 0, 3, 2)};
        const auto g = geom::from_wkb(ctx, dissolve_regions(areas, {0, 0}, 1).at(0));
        CHECK(GEOSisValid_r(ctx.handle(), g.get()) == 1);
        // Two triangles of area 1 each plus the 1x2 square.
        CHECK(geom::area(ctx, g.get()) == Approx(4.0));
    }
}

namespace {

double length_of(const geom::GeosContext& ctx, const GEOSGeometry* g) {
    double length = 0.0;
    REQUIRE(GEOSLength_r(ctx.handle(), g, &length) == 1);
    return length;
}

int holes_of(const geom::GeosContext& ctx, const GEOSGeometry* polygon) {
    return GEOSGetNumInteriorRings_r(ctx.handle(), polygon);
}

}  // namespace

// Decision 43. The offset is a float's worth off the common edge, as in the NYC tracts (cracks of 1e-7 to
// 1e-5 m): a plain union leaves a crack from one end of the edge to the other, 1,000 m of perimeter on each
// side, which the sliver filling (1 m, the pipeline's tolerance) cannot reach as it is no hole.
TEST_CASE("Neighbours whose common edge is not noded alike dissolve without a crack", "[dissolve][cracks]") {
    const geom::GeosContext ctx;
    const double tolerance = 1.0;
    SECTION("two squares, a vertex on one side only, a float inside the edge") {
        const std::vector<geom::Wkb> areas = {
            wkt_wkb(ctx, "POLYGON((0 0,1000 0,999.9999997 500,1000 1000,0 1000,0 0))"),
            box_wkb(ctx, 1000, 0, 2000, 1000)};
        const auto g = geom::from_wkb(ctx, dissolve_regions(areas, {0, 0}, 1, {}, tolerance).at(0));
        CHECK(GEOSisValid_r(ctx.handle(), g.get()) == 1);
        REQUIRE(GEOSGeomTypeId_r(ctx.handle(), g.get()) == GEOS_POLYGON);
        CHECK(holes_of(ctx, g.get()) == 0);
        // The 2 km by 1 km rectangle: perimeter 6,000 m (8,000 with the crack's two sides).
        CHECK(length_of(ctx, g.get()) == Approx(6000.0).epsilon(1e-9));
        CHECK(geom::area(ctx, g.get()) == Approx(2e6).epsilon(1e-9));
        const auto expected = geom::make_box(ctx, 0, 0, 2000, 1000);
        CHECK(GEOSEquals_r(ctx.handle(), g.get(), expected.get()) == 1);
    }
    SECTION("real holes stay: a locality around another, a lake that is no area") {
        // A ring of 8 cells of 1 km around the centre cell (region 1); the crack runs from the outside
        // to the centre's corner along x = 1000; the cell (2000, 0) holds a 10 m lake.
        std::vector<geom::Wkb> areas;
        std::vector<locality::RegionId> region_of;
        for (int row = 0; row < 3; ++row) {
            for (int col = 0; col < 3; ++col) {
                const double x = 1000.0 * col;
                const double y = 1000.0 * row;
                if (row == 0 && col == 0) {
                    areas.push_back(
                        wkt_wkb(ctx, "POLYGON((0 0,1000 0,999.9999996 500,1000 1000,0 1000,0 0))"));
                } else if (row == 0 && col == 2) {
                    areas.push_back(wkt_wkb(ctx,
                                            "POLYGON((2000 0,3000 0,3000 1000,2000 1000,2000 0),"
                                            "(2500 500,2500 510,2510 510,2510 500,2500 500))"));
                } else {
                    areas.push_back(box_wkb(ctx, x, y, x + 1000.0, y + 1000.0));
                }
                region_of.push_back(row == 1 && col == 1 ? 1 : 0);
            }
        }
        const auto result = dissolve_regions(areas, region_of, 2, {}, tolerance);
        const auto ring = geom::from_wkb(ctx, result.at(0));
        CHECK(GEOSisValid_r(ctx.handle(), ring.get()) == 1);
        REQUIRE(GEOSGeomTypeId_r(ctx.handle(), ring.get()) == GEOS_POLYGON);
        CHECK(holes_of(ctx, ring.get()) == 2);
        CHECK(length_of(ctx, ring.get()) == Approx(12000.0 + 4000.0 + 40.0).epsilon(1e-9));
        CHECK(geom::area(ctx, ring.get()) == Approx(8e6 - 100.0).epsilon(1e-9));
        const auto centre = geom::from_wkb(ctx, result.at(1));
        const auto expected = geom::make_box(ctx, 1000, 1000, 2000, 2000);
        CHECK(GEOSEquals_r(ctx.handle(), centre.get(), expected.get()) == 1);
    }
}

TEST_CASE("Dissolve gives an empty MultiPolygon to a region without areas and rejects bad ids",
          "[dissolve]") {
    const geom::GeosContext ctx;
    const std::vector<geom::Wkb> areas = {box_wkb(ctx, 0, 0, 1, 1)};
    const auto result = dissolve_regions(areas, {1}, 2);
    REQUIRE(result.size() == 2);
    CHECK(type_of(ctx, result[0]) == GEOS_MULTIPOLYGON);
    CHECK(GEOSisEmpty_r(ctx.handle(), geom::from_wkb(ctx, result[0]).get()) == 1);
    CHECK(type_of(ctx, result[1]) == GEOS_POLYGON);
    CHECK_THROWS_AS(dissolve_regions(areas, {2}, 2), locality::InputError);
    CHECK_THROWS_AS(dissolve_regions(areas, {-1}, 2), locality::InputError);
    CHECK_THROWS_AS(dissolve_regions(areas, {0, 0}, 2), locality::InputError);
}

TEST_CASE("Dissolve reports progress up to 1 and stops when the sink cancels", "[dissolve]") {
    const geom::GeosContext ctx;
    const std::vector<locality::RegionId> rows = {0, 0, 0, 1, 1, 1, 2, 2, 2};
    double last = -1.0;
    const locality::ProgressSink record = [&](double f, std::string_view) {
        CHECK(f >= last);
        last = f;
        return true;
    };
    dissolve_regions(grid3x3_wkb(ctx), rows, 3, record);
    CHECK(last == Approx(1.0));
    const locality::ProgressSink cancel = [](double, std::string_view) { return false; };
    CHECK_THROWS_AS(dissolve_regions(grid3x3_wkb(ctx), rows, 3, cancel), locality::CancelledError);
}

TEST_CASE("NYC tracts dissolved by borough equal the GEOS union of each borough", "[dissolve][shared]") {
    locality::test::skip_unless_present(locality::test::nyc_gpkg());
    const auto tracts = locality::test::read_nyc_tracts("borough_name");
    const std::vector<geom::Wkb>& areas = tracts.geometries;
    const std::vector<std::string>& borough_of = tracts.values;
    REQUIRE(areas.size() == 2166);
    std::map<std::string, locality::RegionId> ids;
    for (const auto& b : borough_of) {
        ids.emplace(b, 0);
    }
    REQUIRE(ids.size() == 5);
    locality::RegionId next = 0;
    for (auto& [name, id] : ids) {
        id = next++;
    }
    std::vector<locality::RegionId> region_of;
    for (const auto& b : borough_of) {
        region_of.push_back(ids.at(b));
    }

    const auto result = dissolve_regions(areas, region_of, 5);
    REQUIRE(result.size() == 5);

    // Independent truth: GEOS unary union of the same tracts per borough; the union of those five
    // is the union of all tracts (cheaper than one union of 2166 tracts).
    const geom::GeosContext ctx;
    auto union_of = [&](std::vector<geom::GeomPtr> geoms) {
        std::vector<GEOSGeometry*> parts;
        for (auto& g : geoms) {
            parts.push_back(g.release());
        }
        const geom::GeomPtr coll =
            geom::check(ctx, GEOSGeom_createCollection_r(ctx.handle(), GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                         static_cast<unsigned>(parts.size())));
        return geom::check(ctx, GEOSUnaryUnion_r(ctx.handle(), coll.get()));
    };
    double sum = 0.0;
    double sum_length = 0.0;
    std::vector<geom::GeomPtr> truths;
    for (locality::RegionId r = 0; r < 5; ++r) {
        const auto g = geom::from_wkb(ctx, result[static_cast<std::size_t>(r)]);
        CHECK(GEOSisValid_r(ctx.handle(), g.get()) == 1);
        const int type = GEOSGeomTypeId_r(ctx.handle(), g.get());
        CHECK((type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON));
        std::vector<geom::GeomPtr> members;
        for (std::size_t i = 0; i < areas.size(); ++i) {
            if (region_of[i] == r) {
                members.push_back(geom::from_wkb(ctx, areas[i]));
            }
        }
        truths.push_back(union_of(std::move(members)));
        // The dissolve closes the cracks the plain union leaves (decision 43) by snap-rounding to 1 mm:
        // no point moves by more than a millimetre, so the areas differ by less than the perimeter
        // times 1 mm, and the closed cracks only take perimeter away.
        const double a = geom::area(ctx, g.get());
        const double truth_length = length_of(ctx, truths.back().get());
        CHECK(std::abs(a - geom::area(ctx, truths.back().get())) < truth_length * 1e-3);
        CHECK(length_of(ctx, g.get()) < truth_length);
        sum += a;
        sum_length += truth_length;
    }
    const auto all = union_of(std::move(truths));
    CHECK(std::abs(sum - geom::area(ctx, all.get())) < sum_length * 1e-3);
}

// Decision 43: the shape term's perimeters (graph::measure_borders: each area's perimeter less the borders it
// shares inside its locality) never saw the cracks; the written shapes had them as perimeter, 1.6 to 1.9
// times the engine's (1.8 to 2.7 % more once the enclosed ones are filled as sliver holes). Now both measure
// the same shape, up to the gaps wider than 1 mm that contiguity forgives (1 unit here: the layer is in
// feet) and the written shape keeps: 0.2 to 0.4 %.
TEST_CASE(
    "Boroughs dissolved from the NYC tracts have the perimeters the engine measures from shared borders",
    "[dissolve][shared][cracks]") {
    locality::test::skip_unless_present(locality::test::nyc_gpkg());
    const auto tracts = locality::test::read_nyc_tracts("borough_name");
    std::map<std::string, locality::RegionId> ids;
    for (const auto& b : tracts.values) {
        ids.emplace(b, static_cast<locality::RegionId>(ids.size()));
    }
    std::vector<locality::RegionId> region_of;
    for (const auto& b : tracts.values) {
        region_of.push_back(ids.at(b));
    }
    const locality::graph::ContiguityOptions options{1.0};
    const auto graph = locality::graph::build_contiguity(tracts.geometries, options);
    const auto shapes = locality::graph::measure_borders(graph, tracts.geometries, options);
    std::vector<double> engine(ids.size(), 0.0);
    const locality::ZoneId* first = graph.begin(0);
    for (std::size_t z = 0; z < tracts.geometries.size(); ++z) {
        const auto zone = static_cast<locality::ZoneId>(z);
        engine[static_cast<std::size_t>(region_of[z])] += shapes.perimeter[z];
        for (const locality::ZoneId* it = graph.begin(zone); it != graph.end(zone); ++it) {
            if (region_of[static_cast<std::size_t>(*it)] == region_of[z]) {
                engine[static_cast<std::size_t>(region_of[z])] -=
                    shapes.shared[static_cast<std::size_t>(it - first)];
            }
        }
    }
    const geom::GeosContext ctx;
    const auto result = dissolve_regions(tracts.geometries, region_of, static_cast<int>(ids.size()), {}, 1.0);
    for (std::size_t r = 0; r < result.size(); ++r) {
        const double written = length_of(ctx, geom::from_wkb(ctx, result[r]).get());
        INFO("borough " << r << ": written " << written << ", engine " << engine[r]);
        CHECK(written == Approx(engine[r]).epsilon(0.005));
    }
}
