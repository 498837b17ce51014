// SPDX-License-Identifier: MIT
// measure_borders' shortcut (borders from identical segments, graph/shared_segments.hpp) against the
// GEOS intersection of every pair it replaces: random jittered meshes whose cells share their vertices,
// some edges split on one side only (T-junctions: the pairs GEOS must still measure), holes filled by
// an inner cell, and the NYC tracts (a third of their pairs without a common segment).
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "graph/shared_segments.hpp"
#include "locality/geom/ring_vertices.hpp"
#include "locality/graph/build_contiguity.hpp"
#include "skip.hpp"

using namespace locality;
using namespace locality::graph;

namespace {

/** The segments of every area, as measure_borders collects them. */
std::vector<detail::ZoneSegments> segments_of(const geom::GeosContext& ctx,
                                              const std::vector<geom::Wkb>& areas) {
    std::vector<detail::ZoneSegments> zones(areas.size());
    for (std::size_t z = 0; z < areas.size(); ++z) {
        const geom::GeomPtr p = geom::from_wkb(ctx, areas[z]);
        zones[z].readable = geom::for_each_ring(ctx, p.get(), [&](bool, const std::vector<double>& xy) {
            detail::add_ring_segments(xy, zones[z]);
        });
    }
    return zones;
}

/** Same neighbours, areas and perimeters bit for bit, and shared borders within 1e-12 relative. */
void check_same_borders(const ContiguityGraph& g, const ZoneShapes& fast, const ZoneShapes& geos) {
    REQUIRE(fast.shared.size() == geos.shared.size());
    CHECK(fast.area == geos.area);
    CHECK(fast.perimeter == geos.perimeter);
    std::size_t positive = 0;
    for (std::size_t s = 0; s < geos.shared.size(); ++s) {
        INFO("slot " << s);
        CHECK(fast.shared[s] == Approx(geos.shared[s]).epsilon(1e-12).margin(1e-9));
        positive += geos.shared[s] > 0.0 ? 1 : 0;
    }
    CHECK(positive > 0);
    (void)g;
}

std::string xy(double x, double y) { return std::to_string(x) + " " + std::to_string(y); }

/**
 * A rows x cols mesh of quadrilaterals on jittered grid points (neighbours share their corners); each
 * cell adds, on each of its sides independently, a random subset of the points at 1/4, 1/2 and 3/4 of
 * the side. The neighbour across it may add others, so a border is identical segments, partly
 * identical (the pairs GEOS must measure) or not at all. Coordinates are multiples of 1/32: every
 * point is exact in binary and exactly on its side.
 */
std::vector<geom::Wkb> jittered_mesh(const geom::GeosContext& ctx, int rows, int cols, std::mt19937& rng,
                                     double split_share) {
    std::uniform_int_distribution<int> jitter(-16, 16);
    std::uniform_real_distribution<double> coin(0.0, 1.0);
    const auto corner = [cols](int r, int c) { return static_cast<std::size_t>(r * (cols + 1) + c); };
    std::vector<double> px(corner(rows, cols) + 1);
    std::vector<double> py(px.size());
    for (int r = 0; r <= rows; ++r) {
        for (int c = 0; c <= cols; ++c) {
            px[corner(r, c)] = 1000.0 + c * 10.0 + jitter(rng) / 8.0;
            py[corner(r, c)] = 2000.0 + r * 10.0 + jitter(rng) / 8.0;
        }
    }
    std::vector<geom::Wkb> cells;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const std::size_t corners[4] = {corner(r, c), corner(r, c + 1), corner(r + 1, c + 1),
                                            corner(r + 1, c)};
            std::string wkt = "POLYGON((";
            for (int k = 0; k < 4; ++k) {
                const std::size_t a = corners[k];
                const std::size_t b = corners[(k + 1) % 4];
                wkt += xy(px[a], py[a]) + ",";
                for (const double f : {0.25, 0.5, 0.75}) {
                    if (coin(rng) < split_share) {
                        wkt += xy(px[a] + f * (px[b] - px[a]), py[a] + f * (py[b] - py[a])) + ",";
                    }
                }
            }
            wkt += xy(px[corners[0]], py[corners[0]]) + "))";
            cells.push_back(test::wkt_wkb(ctx, wkt));
        }
    }
    return cells;
}

}  // namespace

TEST_CASE("measure_borders from identical segments equals GEOS on random meshes", "[graph][shape]") {
    const geom::GeosContext ctx;
    for (const std::uint32_t seed : {1u, 2u, 3u, 4u, 5u}) {
        for (const double split : {0.0, 0.2, 0.6}) {
            INFO("seed " << seed << ", split share " << split);
            std::mt19937 rng(seed);
            const std::vector<geom::Wkb> cells = jittered_mesh(ctx, 9, 11, rng, split);
            // Both kinds of border occur: whole identical segments, and partly identical ones.
            const ContiguityGraph rook = build_contiguity(cells, {0.0});
            const detail::SegmentBorders b = detail::borders_from_segments(rook, segments_of(ctx, cells));
            std::size_t exact = 0;
            std::size_t partial = 0;
            for (std::size_t s = 0; s < b.length.size(); ++s) {
                exact += b.exact[s] != 0 ? 1 : 0;
                partial += b.exact[s] == 0 && b.length[s] > 0.0 ? 1 : 0;
            }
            CHECK(exact > 0);
            CHECK((partial > 0) == (split > 0.0));
            for (const double tolerance : {0.0, 1.0}) {
                const ContiguityGraph g = build_contiguity(cells, {tolerance});
                check_same_borders(g, measure_borders(g, cells, {tolerance}),
                                   detail::measure_borders_by_geos(g, cells, {tolerance}));
            }
        }
    }
}

TEST_CASE("borders_from_segments: exact only where identical segments make the whole border",
          "[graph][shape]") {
    const geom::GeosContext ctx;
    // 0 | 1 share the side x = 10 with the same two vertices. 1 | 2 share x = 20 noded differently:
    // 1 has vertices at y 4 and 6, 2 at y 6 only, so only the piece y 6..10 is an identical segment and
    // GEOS must measure the pair (10). 3 fills a hole of 4 (24 around). 5 touches 0 at a corner only.
    const std::vector<geom::Wkb> areas{
        test::wkt_wkb(ctx, "POLYGON((0 0,10 0,10 10,0 10,0 0))"),
        test::wkt_wkb(ctx, "POLYGON((10 0,20 0,20 4,20 6,20 10,10 10,10 0))"),
        test::wkt_wkb(ctx, "POLYGON((20 0,30 0,30 10,20 10,20 6,20 0))"),
        test::wkt_wkb(ctx, "POLYGON((102 2,108 2,108 8,102 8,102 2))"),
        test::wkt_wkb(ctx, "POLYGON((100 0,110 0,110 10,100 10,100 0),(102 2,102 8,108 8,108 2,102 2))"),
        test::wkt_wkb(ctx, "POLYGON((-5 10,0 10,0 15,-5 15,-5 10))"),
    };
    const ContiguityGraph g = build_contiguity(areas, {0.0});
    REQUIRE(g.edge_count() == 4);
    const detail::SegmentBorders b = detail::borders_from_segments(g, segments_of(ctx, areas));
    const ZoneShapes s = measure_borders(g, areas, {0.0});
    const auto slot = [&](ZoneId low, ZoneId high) {
        for (const ZoneId* it = g.begin(low); it != g.end(low); ++it) {
            if (*it == high) return static_cast<std::size_t>(it - g.begin(0));
        }
        FAIL("no edge " << low << "-" << high);
        return std::size_t{0};
    };
    CHECK(b.length[slot(0, 1)] == 10.0);
    CHECK(b.exact[slot(0, 1)] == 1);
    CHECK(b.length[slot(1, 2)] == 4.0);
    CHECK(b.exact[slot(1, 2)] == 0);
    CHECK(s.shared[slot(1, 2)] == Approx(10.0));
    CHECK(b.length[slot(3, 4)] == 24.0);
    CHECK(b.exact[slot(3, 4)] == 1);
    CHECK(s.shared[slot(3, 4)] == Approx(24.0));
    CHECK(b.length[slot(0, 5)] == 0.0);
    CHECK(b.exact[slot(0, 5)] == 0);
    CHECK(s.shared[slot(0, 5)] == 0.0);
}

TEST_CASE("measure_borders from identical segments equals GEOS on the NYC tracts", "[graph][shared]") {
    test::skip_unless_present(test::nyc_gpkg());
    const std::vector<geom::Wkb> tracts = test::read_nyc_tracts().geometries;
    const double tolerance = 3.28084;  // 1 m in the tracts' US survey feet
    const ContiguityGraph g = build_contiguity(tracts, {tolerance});
    check_same_borders(g, measure_borders(g, tracts, {tolerance}),
                       detail::measure_borders_by_geos(g, tracts, {tolerance}));
}
