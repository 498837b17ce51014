// SPDX-License-Identifier: MIT
// The coverage check (overlaps and gaps between areas) on hand-made layers large enough that the
// union behind it is split and run in parallel (more than 256 areas).
#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "locality/dissolve/dissolve.hpp"
#include "locality/geom/validity.hpp"
#include "locality/overlay/coverage.hpp"

namespace geom = locality::geom;
using locality::dissolve::union_all;
using locality::overlay::measure_coverage;
using namespace locality::test;

namespace {

constexpr int k_side = 20;         // 20 x 20 cells of 1 km: 400 areas
constexpr double k_x0 = 580000.0;  // UTM 18N metres, as the other fixtures
constexpr double k_y0 = 4500000.0;

std::string cell_id(int row, int col) { return "r" + std::to_string(row) + "c" + std::to_string(col); }

/**
 * The 20 x 20 grid, with cell r5c5 pulled back 50 m from r5c4 (a gap of 50 m x 1 km = 50,000 m2,
 * beside r5c4 and r5c5 along its sides and r4c4, r4c5, r6c4, r6c5 at its ends) and cell r12c12
 * reaching 100 m east into r12c13 (an overlap of 100 m x 1 km = 100,000 m2) when asked.
 */
std::vector<geom::Wkb> grid(const geom::GeosContext& ctx, bool with_defects, std::vector<std::string>& ids) {
    std::vector<geom::Wkb> cells;
    ids.clear();
    for (int row = 0; row < k_side; ++row) {
        for (int col = 0; col < k_side; ++col) {
            double x_min = k_x0 + 1000.0 * col;
            double x_max = x_min + 1000.0;
            const double y = k_y0 + 1000.0 * row;
            if (with_defects && row == 5 && col == 5) {
                x_min += 50.0;
            }
            if (with_defects && row == 12 && col == 12) {
                x_max += 100.0;
            }
            cells.push_back(box_wkb(ctx, x_min, y, x_max, y + 1000.0));
            ids.push_back(cell_id(row, col));
        }
    }
    return cells;
}

/** Truth for union_all: one GEOS unary union of every cell, no split. */
geom::GeomPtr unary_union(const geom::GeosContext& ctx, const std::vector<geom::Wkb>& cells) {
    std::vector<GEOSGeometry*> parts;
    for (const auto& w : cells) {
        parts.push_back(geom::from_wkb(ctx, w).release());
    }
    const geom::GeomPtr coll =
        geom::check(ctx, GEOSGeom_createCollection_r(ctx.handle(), GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                     static_cast<unsigned>(parts.size())));
    return geom::check(ctx, GEOSUnaryUnion_r(ctx.handle(), coll.get()));
}

}  // namespace

TEST_CASE("Coverage check finds the hand-made gap and overlap in a 400-area grid, with their areas and ids",
          "[coverage]") {
    const geom::GeosContext ctx;
    std::vector<std::string> ids;
    const auto cells = grid(ctx, true, ids);
    const auto report = measure_coverage(cells, ids);
    CHECK(report.gap_threshold_m2 == Approx(1e6));  // the median area: one whole cell
    REQUIRE(report.overlap_pairs == 1);
    CHECK(report.overlap_m2 == Approx(100000.0).epsilon(1e-9));
    REQUIRE(report.worst_overlaps.size() == 1);
    CHECK(report.worst_overlaps.front().ids == std::vector<std::string>{"r12c12", "r12c13"});
    REQUIRE(report.gaps == 1);
    CHECK(report.gap_m2 == Approx(50000.0).epsilon(1e-9));
    REQUIRE(report.worst_gaps.size() == 1);
    CHECK(report.worst_gaps.front().ids ==
          std::vector<std::string>{"r4c4", "r4c5", "r5c4", "r5c5", "r6c4", "r6c5"});
}

TEST_CASE("Coverage check of a clean 400-area grid reports nothing", "[coverage]") {
    const geom::GeosContext ctx;
    std::vector<std::string> ids;
    const auto report = measure_coverage(grid(ctx, false, ids), ids);
    CHECK(report.clean());
    CHECK(report.overlap_m2 == 0.0);
    CHECK(report.gap_m2 == 0.0);
}

TEST_CASE("union_all equals GEOS's unary union of the whole layer, whatever the thread count", "[coverage]") {
    const geom::GeosContext ctx;
    std::vector<std::string> ids;
    const auto cells = grid(ctx, true, ids);
    const geom::GeomPtr truth = unary_union(ctx, cells);

    const geom::Wkb parallel = union_all(cells);
    geom::Wkb serial;
    {
        const tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
        serial = union_all(cells);
    }
    CHECK(parallel == serial);
    const geom::GeomPtr u = geom::from_wkb(ctx, parallel);
    CHECK(GEOSisValid_r(ctx.handle(), u.get()) == 1);
    // 400 km2 less the gap (the overlap stays inside the grid).
    CHECK(geom::area(ctx, u.get()) == Approx(400e6 - 50000.0).epsilon(1e-12));
    CHECK(GEOSEquals_r(ctx.handle(), u.get(), truth.get()) == 1);
    CHECK(GEOSGetNumInteriorRings_r(ctx.handle(), u.get()) == 1);  // the gap, a hole
}

TEST_CASE("union_all fills holes under the given area on the way, reports their area, keeps larger ones",
          "[coverage]") {
    const geom::GeosContext ctx;
    std::vector<std::string> ids;
    auto cells = grid(ctx, true, ids);
    // r15c15 pulled back 0.5 mm from r15c14: a rounding sliver of 0.0005 m x 1 km = 0.5 m2.
    const double x = k_x0 + 1000.0 * 15;
    const double y = k_y0 + 1000.0 * 15;
    cells[15 * k_side + 15] = box_wkb(ctx, x + 0.0005, y, x + 1000.0, y + 1000.0);

    double filled = -1.0;
    const geom::GeomPtr u = geom::from_wkb(ctx, union_all(cells, 1.0, &filled));
    CHECK(filled == Approx(0.5).epsilon(1e-6));
    REQUIRE(GEOSGetNumInteriorRings_r(ctx.handle(), u.get()) == 1);  // the 50,000 m2 gap only
    CHECK(geom::area(ctx, u.get()) == Approx(400e6 - 50000.0).epsilon(1e-12));

    double none = -1.0;
    const geom::GeomPtr kept = geom::from_wkb(ctx, union_all(cells, 0.0, &none));
    CHECK(none == 0.0);
    CHECK(GEOSGetNumInteriorRings_r(ctx.handle(), kept.get()) == 2);  // the gap and the sliver

    // The check ignores the sliver (under 1 m2) and still finds the gap and the overlap.
    const auto report = measure_coverage(cells, ids);
    CHECK(report.gaps == 1);
    CHECK(report.gap_m2 == Approx(50000.0).epsilon(1e-9));
    CHECK(report.overlap_pairs == 1);
}

TEST_CASE("fill_small_holes fills the holes under the area given and adds up their area", "[coverage]") {
    const geom::GeosContext ctx;
    // A 100 m square with a 0.5 m2 hole and a 4 m2 hole.
    const geom::GeomPtr g =
        geom::from_wkt(ctx,
                       "POLYGON((0 0,100 0,100 100,0 100,0 0),(10 10,10 10.5,11 10.5,11 10,10 10),"
                       "(50 50,50 52,52 52,52 50,50 50))");
    double filled = 0.0;
    const geom::GeomPtr out = geom::fill_small_holes(ctx, g.get(), 1.0, filled);
    CHECK(filled == Approx(0.5));
    CHECK(GEOSGetNumInteriorRings_r(ctx.handle(), out.get()) == 1);
    CHECK(geom::area(ctx, out.get()) == Approx(10000.0 - 4.0));
    double zero = 0.0;
    const geom::GeomPtr same = geom::fill_small_holes(ctx, g.get(), 0.0, zero);
    CHECK(zero == 0.0);
    CHECK(GEOSGetNumInteriorRings_r(ctx.handle(), same.get()) == 2);
}

TEST_CASE("union_all of a clean coverage (GEOS's coverage union) equals the unary union, holes included",
          "[coverage]") {
    const geom::GeosContext ctx;
    std::vector<std::string> ids;
    auto cells = grid(ctx, false, ids);
    // A hole: r7c7 left out (1 km2); the rest shares every edge vertex for vertex.
    cells.erase(cells.begin() + 7 * k_side + 7);
    const geom::GeomPtr truth = unary_union(ctx, cells);
    const geom::GeomPtr u = geom::from_wkb(ctx, union_all(cells, 1.0));
    CHECK(GEOSisValid_r(ctx.handle(), u.get()) == 1);
    CHECK(geom::area(ctx, u.get()) == Approx(399e6).epsilon(1e-12));
    CHECK(GEOSGetNumInteriorRings_r(ctx.handle(), u.get()) == 1);
    CHECK(GEOSEquals_r(ctx.handle(), u.get(), truth.get()) == 1);
}

TEST_CASE("union_all of no area is empty", "[coverage]") {
    const geom::GeosContext ctx;
    const geom::GeomPtr u = geom::from_wkb(ctx, union_all({}));
    CHECK(GEOSisEmpty_r(ctx.handle(), u.get()) == 1);
}
