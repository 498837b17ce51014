// SPDX-License-Identifier: MIT
// The edge-walk classification of grid cells, checked cell by cell against GEOS: a cell said to be
// inside must be contained properly (closed rectangle in the interior), a cell said to be neither
// inside nor on the boundary must not meet the area at all.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <sstream>
#include <string>
#include <vector>

// The classifier is internal to the overlay module; its header lives beside its source.
#include "locality/geom/validity.hpp"
#include "nyc_layers.hpp"
#include "overlay/cell_classifier.hpp"
#include "skip.hpp"

using namespace locality;
using geom::GeosContext;
using geom::Wkb;

namespace {

struct CellCheck {
    std::size_t inside = 0;
    std::size_t outside = 0;
    std::size_t boundary = 0;
    std::size_t boundary_needed = 0;  // boundary cells whose rectangle really meets the area's boundary
};

/**
 * Checks every `step`-th cell of area `a`'s window (envelope plus one cell) against GEOS with
 * the cell's own rectangle; REQUIREs the classification's claims and counts what it saw.
 */
CellCheck check_area(const overlay::detail::GridFrame& frame, const geom::ThreadGeometries& geoms,
                     std::size_t a, const overlay::detail::AreaCells& cells, std::size_t step) {
    GEOSContextHandle_t h = geoms.handle();
    const Box env = geom::envelope(geoms.ctx(), geoms.geom(a));
    const auto cell_of = [&frame](double v, double origin) {
        return static_cast<std::int64_t>(std::floor((v - origin) / frame.cell));
    };
    const std::int64_t c0 = std::max<std::int64_t>(0, cell_of(env.min_x, frame.x0) - 1);
    const std::int64_t r0 = std::max<std::int64_t>(0, cell_of(env.min_y, frame.y0) - 1);
    const std::int64_t c1 = std::min<std::int64_t>(frame.side - 1, cell_of(env.max_x, frame.x0) + 1);
    const std::int64_t r1 = std::min<std::int64_t>(frame.side - 1, cell_of(env.max_y, frame.y0) + 1);
    const geom::GeomPtr boundary = geom::check(geoms.ctx(), GEOSBoundary_r(h, geoms.geom(a)));
    CellCheck seen;
    std::size_t k = 0;
    for (std::int64_t row = r0; row <= r1; ++row) {
        for (std::int64_t col = c0; col <= c1; ++col, ++k) {
            if (k % step != 0) {
                continue;
            }
            const auto cell = static_cast<std::uint32_t>(row * frame.side + col);
            const geom::GeomPtr rect = geom::make_box(geoms.ctx(), frame.edge_x(col), frame.edge_y(row),
                                                      frame.edge_x(col + 1), frame.edge_y(row + 1));
            INFO("area " << a << " cell col " << col << " row " << row);
            if (std::binary_search(cells.interior.begin(), cells.interior.end(), cell)) {
                REQUIRE(GEOSPreparedContainsProperly_r(h, geoms.prepared(a), rect.get()) == 1);
                ++seen.inside;
            } else if (std::binary_search(cells.boundary.begin(), cells.boundary.end(), cell)) {
                ++seen.boundary;
                seen.boundary_needed += GEOSIntersects_r(h, boundary.get(), rect.get()) == 1 ? 1 : 0;
            } else {
                REQUIRE(GEOSIntersects_r(h, geoms.geom(a), rect.get()) == 0);
                ++seen.outside;
            }
        }
    }
    return seen;
}

std::string star_wkt(std::mt19937_64& rng, double cx, double cy, double r_min, double r_max, int vertices) {
    std::uniform_real_distribution<double> radius(r_min, r_max);
    std::ostringstream wkt;
    wkt.precision(17);
    wkt << "POLYGON((";
    double first_x = 0.0;
    double first_y = 0.0;
    for (int i = 0; i < vertices; ++i) {
        const double t = 2.0 * M_PI * i / vertices;
        const double r = radius(rng);
        const double x = cx + r * std::cos(t);
        const double y = cy + r * std::sin(t);
        if (i == 0) {
            first_x = x;
            first_y = y;
        }
        wkt << x << ' ' << y << ',';
    }
    wkt << first_x << ' ' << first_y << "))";
    return wkt.str();
}

}  // namespace

TEST_CASE("Edge-walk cell classes of random polygons agree with GEOS on every cell", "[overlay]") {
    const overlay::detail::GridFrame frame{-3.0, -3.0, 106.0 / 64.0, 64};
    GeosContext ctx;
    std::mt19937_64 rng(7);
    std::vector<Wkb> areas;
    // Jagged stars (many short segments, some long), a polygon with a hole, a multipolygon,
    // long diagonals spanning the grid, and squares whose edges run exactly along cell edges
    // and through cell corners.
    for (int i = 0; i < 12; ++i) {
        std::uniform_real_distribution<double> pos(15.0, 85.0);
        areas.push_back(geom::to_wkb(
            ctx,
            geom::from_wkt(ctx, star_wkt(rng, pos(rng), pos(rng), 2.0, 14.0, i % 2 == 0 ? 7 : 90)).get()));
    }
    const double e5 = frame.edge_x(5);
    const double e20 = frame.edge_x(20);
    std::ostringstream aligned;
    aligned.precision(17);
    aligned << "POLYGON((" << e5 << ' ' << e5 << ',' << e20 << ' ' << e5 << ',' << e20 << ' ' << e20 << ','
            << e5 << ' ' << e20 << ',' << e5 << ' ' << e5 << "))";
    for (const std::string& wkt :
         {std::string("POLYGON((0 0, 100 0, 100 100, 0 100, 0 0),(20 20, 80 30, 70 75, 25 70, 20 20))"),
          std::string("MULTIPOLYGON(((0 0, 40 0, 0 40, 0 0)),((60 60, 100 60, 100 100, 60 60)))"),
          std::string("POLYGON((0 0, 100 99.9, 99.5 100, 0 0.3, 0 0))"), aligned.str()}) {
        areas.push_back(geom::to_wkb(ctx, geom::from_wkt(ctx, wkt).get()));
    }
    const geom::ThreadGeometries geoms(areas, "area");
    overlay::detail::CellClassifier classifier(frame, geoms);
    CellCheck total;
    for (std::size_t a = 0; a < areas.size(); ++a) {
        const overlay::detail::AreaCells cells =
            classifier.classify(a, geom::envelope(geoms.ctx(), geoms.geom(a)));
        REQUIRE(std::is_sorted(cells.interior.begin(), cells.interior.end()));
        REQUIRE(std::is_sorted(cells.boundary.begin(), cells.boundary.end()));
        const CellCheck seen = check_area(frame, geoms, a, cells, 1);
        total.inside += seen.inside;
        total.outside += seen.outside;
        total.boundary += seen.boundary;
        total.boundary_needed += seen.boundary_needed;
    }
    // Every class really occurs, and the margin marks few cells beyond those GEOS says the
    // boundary meets (cells it grazes within rounding distance, e.g. along the aligned square).
    CHECK(total.inside > 1000);
    CHECK(total.outside > 1000);
    CHECK(total.boundary_needed > 500);
    CHECK(total.boundary <= total.boundary_needed + total.boundary_needed / 4);
}

TEST_CASE("Edge-walk cell classes of NYC tracts agree with GEOS on sampled cells", "[overlay][shared]") {
    test::skip_unless_present(test::shared_data_path("nyc-nycgeo-boundaries/nyc_boundaries.gpkg"));
    const std::vector<Wkb> tracts = test::read_nyc_layer("tract");
    REQUIRE(tracts.size() == 2166);
    const geom::ThreadGeometries geoms(tracts, "tract");
    Box extent;
    for (std::size_t a = 0; a < geoms.size(); ++a) {
        extent.expand(geom::envelope(geoms.ctx(), geoms.geom(a)));
    }
    // The locator's own grid for this layer: 2048 x 2048 cells over the extent.
    const double span = std::max(extent.max_x - extent.min_x, extent.max_y - extent.min_y);
    const overlay::detail::GridFrame frame{extent.min_x, extent.min_y, span * (1.0 + 1e-9) / 2048.0, 2048};
    overlay::detail::CellClassifier classifier(frame, geoms);
    CellCheck total;
    for (std::size_t a = 0; a < geoms.size(); a += 5) {
        const overlay::detail::AreaCells cells =
            classifier.classify(a, geom::envelope(geoms.ctx(), geoms.geom(a)));
        const CellCheck seen = check_area(frame, geoms, a, cells, 11);
        total.inside += seen.inside;
        total.outside += seen.outside;
        total.boundary += seen.boundary;
        total.boundary_needed += seen.boundary_needed;
    }
    CHECK(total.inside > 10000);
    CHECK(total.outside > 10000);
    CHECK(total.boundary <= total.boundary_needed + total.boundary_needed / 20);
}
