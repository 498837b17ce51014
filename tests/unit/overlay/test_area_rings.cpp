// SPDX-License-Identifier: MIT
// The point locator's own point-in-area test (area_rings.hpp) against GEOS's prepared "covers": on
// vertices, on points computed on edges (a hair off them once rounded) and at random, every answer
// it gives is GEOS's, and it leaves to GEOS only the few it cannot decide.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "locality/geom/ring_vertices.hpp"
#include "overlay/area_rings.hpp"

namespace geom = locality::geom;
using locality::overlay::detail::AreaRings;
using locality::overlay::detail::Cover;
using namespace locality::test;

TEST_CASE("Area rings decide covers as GEOS does, on vertices, on edges and at random",
          "[overlay][area_rings]") {
    const geom::GeosContext ctx;
    const GEOSContextHandle_t h = ctx.handle();
    std::mt19937_64 rng(17);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    // Random stars (many slanted edges), one with a hole, one multipolygon, a rectangle.
    std::vector<geom::GeomPtr> areas;
    areas.push_back(
        geom::from_wkt(ctx, "POLYGON((0 0,100 0,100 100,0 100,0 0),(30 30,30 70,70 70,70 30,30 30))"));
    areas.push_back(geom::from_wkt(
        ctx, "MULTIPOLYGON(((200 0,300 0,250 80,200 0)),((200 100,300 100,250 20.5,200 100)))"));
    areas.push_back(geom::from_wkt(ctx, "POLYGON((0.1 200.3,100.7 200.3,100.7 300.9,0.1 300.9,0.1 200.3))"));
    for (int s = 0; s < 6; ++s) {
        std::string wkt = "POLYGON((";
        const double cx = 400.0 + 150.0 * s;
        const int n = 7 + 3 * s;
        std::string first;
        for (int k = 0; k < n; ++k) {
            const double a = 6.283185307179586 * k / n;
            const double r = 20.0 + 50.0 * u(rng);
            const std::string p =
                std::to_string(cx + r * std::cos(a)) + " " + std::to_string(50.0 + r * std::sin(a));
            wkt += p + ",";
            first = k == 0 ? p : first;
        }
        areas.push_back(geom::from_wkt(ctx, wkt + first + "))"));
    }
    std::vector<const GEOSGeometry*> raw;
    for (const auto& g : areas) {
        raw.push_back(g.get());
    }
    const AreaRings rings(ctx, raw);

    // Probes: every vertex, points along every edge at random fractions, random points around each area.
    std::vector<std::pair<double, double>> probes;
    for (const auto& g : areas) {
        geom::for_each_ring(ctx, g.get(), [&](bool, const std::vector<double>& xy) {
            for (std::size_t i = 0; i + 3 < xy.size(); i += 2) {
                probes.emplace_back(xy[i], xy[i + 1]);
                for (int k = 0; k < 5; ++k) {
                    const double t = u(rng);
                    probes.emplace_back(xy[i] + t * (xy[i + 2] - xy[i]),
                                        xy[i + 1] + t * (xy[i + 3] - xy[i + 1]));
                }
            }
        });
        double x0 = 0;
        double y0 = 0;
        double x1 = 0;
        double y1 = 0;
        GEOSGeom_getXMin_r(h, g.get(), &x0);
        GEOSGeom_getYMin_r(h, g.get(), &y0);
        GEOSGeom_getXMax_r(h, g.get(), &x1);
        GEOSGeom_getYMax_r(h, g.get(), &y1);
        for (int k = 0; k < 2000; ++k) {
            probes.emplace_back(x0 + (x1 - x0) * u(rng), y0 + (y1 - y0) * u(rng));
        }
    }
    std::size_t decided = 0;
    std::size_t unsure = 0;
    std::size_t on_boundary = 0;
    for (std::size_t i = 0; i < areas.size(); ++i) {
        const geom::PreparedPtr prepared = geom::prepare(ctx, areas[i].get());
        for (const auto& [x, y] : probes) {
            const Cover got = rings.covers(i, x, y);
            if (got == Cover::unsure) {
                ++unsure;
                continue;
            }
            const geom::GeomPtr pt = geom::make_point(ctx, x, y);
            const bool want = GEOSPreparedCovers_r(h, prepared.get(), pt.get()) == 1;
            INFO("area " << i << " point " << x << " " << y);
            REQUIRE((got == Cover::covered) == want);
            ++decided;
            on_boundary += want && GEOSPreparedContainsProperly_r(h, prepared.get(), pt.get()) != 1 ? 1 : 0;
        }
    }
    CHECK(decided > 100000);
    CHECK(on_boundary > 50);  // the boundary rule is exercised, not only clear insides and outsides
    CHECK(unsure * 100 < decided);
}

TEST_CASE("Area rings leave areas with many vertices to GEOS", "[overlay][area_rings]") {
    const geom::GeosContext ctx;
    const geom::GeomPtr disc = geom::check(
        ctx, GEOSBuffer_r(ctx.handle(), geom::make_point(ctx, 0.0, 0.0).get(), 10.0, 200));  // 801 vertices
    const AreaRings rings(ctx, {disc.get()});
    CHECK(rings.covers(0, 0.0, 0.0) == Cover::unsure);
}
