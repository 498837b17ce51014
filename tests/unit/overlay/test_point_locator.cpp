// SPDX-License-Identifier: MIT
#include <tbb/global_control.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/geom/validity.hpp"
#include "locality/overlay/point_locator.hpp"
#include "nyc_layers.hpp"
#include "skip.hpp"
#include "test_config.hpp"

using namespace locality;
using geom::GeosContext;
using geom::Wkb;

namespace {

constexpr double k_x0 = 580000.0;
constexpr double k_y0 = 4500000.0;

/** The 3x3 grid of data/fixtures/grid3x3.geojson, built from WKT: index = row * 3 + col. */
std::vector<Wkb> grid3x3(const GeosContext& ctx) {
    std::vector<Wkb> cells;
    for (int row = 0; row < 3; ++row) {
        for (int col = 0; col < 3; ++col) {
            const double x = k_x0 + 1000.0 * col;
            const double y = k_y0 + 1000.0 * row;
            std::ostringstream wkt;
            wkt.precision(12);
            wkt << "POLYGON((" << x << ' ' << y << ',' << x + 1000 << ' ' << y << ',' << x + 1000 << ' '
                << y + 1000 << ',' << x << ' ' << y + 1000 << ',' << x << ' ' << y << "))";
            cells.push_back(geom::to_wkb(ctx, geom::from_wkt(ctx, wkt.str()).get()));
        }
    }
    return cells;
}

/** Truth by brute force: the lowest i whose geometry covers (x, y), testing ALL areas. */
class BruteForce {
public:
    explicit BruteForce(const std::vector<Wkb>& areas) {
        for (const Wkb& wkb : areas) {
            m_geoms.push_back(geom::from_wkb(m_ctx, wkb));
            m_boxes.push_back(geom::envelope(m_ctx, m_geoms.back().get()));
            m_prepared.push_back(geom::prepare(m_ctx, m_geoms.back().get()));
        }
    }
    ZoneId locate(double x, double y) const {
        const geom::GeomPtr p = geom::make_point(m_ctx, x, y);
        for (std::size_t i = 0; i < m_geoms.size(); ++i) {
            const Box& b = m_boxes[i];
            // The envelope test only skips areas that cannot cover the point.
            if (x >= b.min_x && x <= b.max_x && y >= b.min_y && y <= b.max_y &&
                GEOSPreparedCovers_r(m_ctx.handle(), m_prepared[i].get(), p.get()) == 1) {
                return static_cast<ZoneId>(i);
            }
        }
        return k_no_zone;
    }
    /** How many areas cover (x, y): above 1 on shared boundaries, where the tie-break matters. */
    std::size_t covering_count(double x, double y) const {
        const geom::GeomPtr p = geom::make_point(m_ctx, x, y);
        std::size_t n = 0;
        for (std::size_t i = 0; i < m_geoms.size(); ++i) {
            n += GEOSPreparedCovers_r(m_ctx.handle(), m_prepared[i].get(), p.get()) == 1 ? 1 : 0;
        }
        return n;
    }
    const GeosContext& ctx() const { return m_ctx; }
    const GEOSGeometry* geom(std::size_t i) const { return m_geoms[i].get(); }
    Box extent() const {
        Box e;
        for (const Box& b : m_boxes) {
            e.expand(b);
        }
        return e;
    }

private:
    GeosContext m_ctx;
    std::vector<geom::GeomPtr> m_geoms;
    std::vector<Box> m_boxes;
    std::vector<geom::PreparedPtr> m_prepared;
};

/**
 * Every `step`-th vertex of every area (exterior and interior rings); with `midpoints`, the
 * middle of the segment that starts there as well (on the edge up to rounding).
 */
std::vector<std::pair<double, double>> vertices(const BruteForce& bf, std::size_t count, std::size_t step,
                                                bool midpoints = false) {
    std::vector<std::pair<double, double>> out;
    GEOSContextHandle_t h = bf.ctx().handle();
    std::size_t k = 0;
    const auto take_ring = [&](const GEOSGeometry* ring) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
        unsigned int size = 0;
        GEOSCoordSeq_getSize_r(h, seq, &size);
        for (unsigned int v = 0; v < size; ++v, ++k) {
            double x = 0;
            double y = 0;
            GEOSCoordSeq_getXY_r(h, seq, v, &x, &y);
            if (k % step == 0) {
                out.emplace_back(x, y);
                if (midpoints && v + 1 < size) {
                    double x2 = 0;
                    double y2 = 0;
                    GEOSCoordSeq_getXY_r(h, seq, v + 1, &x2, &y2);
                    out.emplace_back(0.5 * (x + x2), 0.5 * (y + y2));
                }
            }
        }
    };
    for (std::size_t i = 0; i < count; ++i) {
        const GEOSGeometry* g = bf.geom(i);
        for (int p = 0; p < GEOSGetNumGeometries_r(h, g); ++p) {
            const GEOSGeometry* poly = GEOSGetGeometryN_r(h, g, p);
            take_ring(GEOSGetExteriorRing_r(h, poly));
            for (int r = 0; r < GEOSGetNumInteriorRings_r(h, poly); ++r) {
                take_ring(GEOSGetInteriorRingN_r(h, poly, r));
            }
        }
    }
    return out;
}

}  // namespace

TEST_CASE("Point locator counts the points3x3 fixture as worked out by hand", "[overlay]") {
    GeosContext ctx;
    const overlay::PointLocator locator(grid3x3(ctx));
    REQUIRE(locator.size() == 9);
    const std::map<std::string, std::int32_t> agencies{{"police", 0}, {"health", 1}, {"schools", 2}};
    std::ifstream csv(test::data_path("fixtures/points3x3.csv"));
    REQUIRE(csv.good());
    std::string line;
    std::getline(csv, line);  // header: id,agency,x,y
    std::vector<double> xs;
    std::vector<double> ys;
    std::vector<std::int32_t> as;
    int unlocated = 0;
    while (std::getline(csv, line)) {
        std::istringstream row(line);
        std::string id, agency, x, y;
        std::getline(row, id, ',');
        std::getline(row, agency, ',');
        std::getline(row, x, ',');
        std::getline(row, y, ',');
        try {
            std::size_t used_x = 0;
            std::size_t used_y = 0;
            const double px = std::stod(x, &used_x);
            const double py = std::stod(y, &used_y);
            REQUIRE((used_x == x.size() && used_y == y.size()));
            xs.push_back(px);
            ys.push_back(py);
            as.push_back(agencies.at(agency));
        } catch (const std::invalid_argument&) {
            ++unlocated;
        }
    }
    CHECK(unlocated == 2);
    overlay::CaseCounts counts(9, 3);
    counts.add(locator, xs.size(), xs.data(), ys.data(), as.data());
    // data/fixtures/README.md: c00 = 3 (police 1, health 2), c01 = c20 = c21 = c22 = 1, outside 1 (police).
    CHECK(counts.at(0, 0) == 1);
    CHECK(counts.at(0, 1) == 2);
    CHECK(counts.zone_total(0) == 3);
    CHECK(counts.zone_total(1) == 1);
    CHECK(counts.zone_total(6) == 1);
    CHECK(counts.zone_total(7) == 1);
    CHECK(counts.at(7, 2) == 1);  // the schools point on the c21/c22 edge goes to c21
    CHECK(counts.zone_total(8) == 1);
    for (const ZoneId z : {2, 3, 4, 5}) {
        CHECK(counts.zone_total(z) == 0);
    }
    CHECK(counts.outside == std::vector<std::int64_t>{1, 0, 0});
    CHECK(counts.assigned == std::vector<std::int64_t>{3, 2, 2});  // police: points 1, 2, 5
}

TEST_CASE("Points on grid vertices and edges go to the lowest-numbered cell touching them", "[overlay]") {
    GeosContext ctx;
    const overlay::PointLocator locator(grid3x3(ctx));
    for (int i = 0; i <= 6; ++i) {  // half-kilometre steps: vertices, edge midpoints, centres
        for (int j = 0; j <= 6; ++j) {
            const double x = k_x0 + 500.0 * i;
            const double y = k_y0 + 500.0 * j;
            // By hand: the cells touching (x, y) are rows floor((j-1)/2)..floor(j/2) (clamped),
            // likewise for columns; the lowest index takes the lowest row and column.
            const int row = std::max(0, (j - 1) / 2);
            const int col = std::max(0, (i - 1) / 2);
            INFO("point " << x << ", " << y);
            CHECK(locator.locate(x, y) == row * 3 + col);
        }
    }
    CHECK(locator.locate(k_x0 - 0.001, k_y0) == k_no_zone);
    CHECK(locator.locate(k_x0 + 3000.001, k_y0 + 3000.0) == k_no_zone);
    CHECK(locator.locate(std::nan(""), k_y0 + 500.0) == k_no_zone);
    CHECK(locator.locate(k_x0 + 500.0, std::numeric_limits<double>::infinity()) == k_no_zone);
}

TEST_CASE("Overlapping areas resolve to the lowest index and match brute force", "[overlay]") {
    GeosContext ctx;
    // Random overlapping discs and one ring-shaped area with a hole, all in [0, 100]^2.
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> pos(0.0, 100.0);
    std::uniform_real_distribution<double> radius(3.0, 20.0);
    std::vector<Wkb> areas;
    areas.push_back(geom::to_wkb(ctx, geom::from_wkt(ctx,
                                                     "POLYGON((10 10, 90 10, 90 90, 10 90, 10 10),"
                                                     "(30 30, 70 30, 70 70, 30 70, 30 30))")
                                          .get()));
    for (int i = 0; i < 40; ++i) {
        const geom::GeomPtr centre = geom::make_point(ctx, pos(rng), pos(rng));
        const geom::GeomPtr disc = geom::check(ctx, GEOSBuffer_r(ctx.handle(), centre.get(), radius(rng), 8));
        areas.push_back(geom::to_wkb(ctx, disc.get()));
    }
    const overlay::PointLocator locator(areas);
    const BruteForce truth(areas);
    std::uniform_real_distribution<double> probe(-5.0, 105.0);
    for (int i = 0; i < 20000; ++i) {
        const double x = probe(rng);
        const double y = probe(rng);
        REQUIRE(locator.locate(x, y) == truth.locate(x, y));
    }
    for (const auto& [x, y] : vertices(truth, areas.size(), 1, true)) {
        REQUIRE(locator.locate(x, y) == truth.locate(x, y));
    }
    CHECK(locator.locate(50.0, 50.0) == truth.locate(50.0, 50.0));  // in the hole of area 0
}

TEST_CASE("Point locator on NYC tracts equals the lowest covering tract over all tracts",
          "[overlay][shared]") {
    test::skip_unless_present(test::shared_data_path("nyc-nycgeo-boundaries/nyc_boundaries.gpkg"));
    const std::vector<Wkb> tracts = test::read_nyc_layer("tract");
    REQUIRE(tracts.size() == 2166);
    const overlay::PointLocator locator(tracts);
    const BruteForce truth(tracts);
    const Box e = truth.extent();
    std::mt19937_64 rng(2024);
    std::uniform_real_distribution<double> ux(e.min_x, e.max_x);
    std::uniform_real_distribution<double> uy(e.min_y, e.max_y);
    std::vector<double> xs;
    std::vector<double> ys;
    for (int i = 0; i < 20000; ++i) {
        xs.push_back(ux(rng));
        ys.push_back(uy(rng));
    }
    const auto corners = vertices(truth, tracts.size(), 50, true);
    REQUIRE(corners.size() > 1000);
    for (const auto& [x, y] : corners) {
        xs.push_back(x);
        ys.push_back(y);
    }
    std::vector<ZoneId> got(xs.size());
    locator.locate(xs.size(), xs.data(), ys.data(), got.data());
    std::size_t inside = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const ZoneId expected = truth.locate(xs[i], ys[i]);
        INFO("point " << i << " at " << xs[i] << ", " << ys[i]);
        REQUIRE(got[i] == expected);
        REQUIRE(locator.locate(xs[i], ys[i]) == expected);
        inside += expected != k_no_zone ? 1 : 0;
    }
    CHECK(inside > xs.size() / 4);  // the sample really exercises the areas, not only water
    std::size_t shared = 0;
    for (std::size_t i = 20000; i < xs.size(); i += 10) {
        shared += truth.covering_count(xs[i], ys[i]) > 1 ? 1 : 0;
    }
    WARN("vertex/midpoint probes covered by several tracts (1 in 10 checked): " << shared);
    CHECK(shared > 0);  // the tie-break is really exercised
}

TEST_CASE("Point locator answers do not depend on the thread count", "[overlay][shared]") {
    test::skip_unless_present(test::shared_data_path("nyc-nycgeo-boundaries/nyc_boundaries.gpkg"));
    const std::vector<Wkb> tracts = test::read_nyc_layer("tract");
    std::mt19937_64 rng(99);
    std::uniform_real_distribution<double> ux(913000.0, 1068000.0);
    std::uniform_real_distribution<double> uy(120000.0, 273000.0);
    std::vector<double> xs(200000);
    std::vector<double> ys(200000);
    for (std::size_t i = 0; i < xs.size(); ++i) {
        xs[i] = ux(rng);
        ys[i] = uy(rng);
    }
    std::vector<ZoneId> one(xs.size());
    std::vector<ZoneId> two(xs.size());
    {
        const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
        const overlay::PointLocator locator(tracts);
        locator.locate(xs.size(), xs.data(), ys.data(), one.data());
    }
    {
        const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
        const overlay::PointLocator locator(tracts);
        locator.locate(xs.size(), xs.data(), ys.data(), two.data());
    }
    REQUIRE(one == two);
    CHECK(std::count(one.begin(), one.end(), k_no_zone) < static_cast<std::ptrdiff_t>(one.size()));
}

TEST_CASE("Case counts grow their agency dimension and reject bad agency indices", "[overlay]") {
    GeosContext ctx;
    const overlay::PointLocator locator(grid3x3(ctx));
    overlay::CaseCounts counts(9, 1);
    const double x[] = {580500.0, 582500.0};
    const double y[] = {4500500.0, 4502500.0};
    const std::int32_t first[] = {0, 0};
    counts.add(locator, 2, x, y, first);
    counts.resize_agencies(3);
    const std::int32_t later[] = {2, 1};
    counts.add(locator, 2, x, y, later);
    CHECK(counts.at(0, 0) == 1);
    CHECK(counts.at(0, 2) == 1);
    CHECK(counts.at(8, 0) == 1);
    CHECK(counts.at(8, 1) == 1);
    CHECK(counts.zone_total(8) == 2);
    CHECK(counts.assigned == std::vector<std::int64_t>{2, 1, 1});
    const std::int32_t bad[] = {3, 0};
    CHECK_THROWS_AS(counts.add(locator, 2, x, y, bad), UsageError);
    CHECK(counts.zone_total(0) == 2);  // nothing added by the rejected batch
}
