// SPDX-License-Identifier: MIT
// measure_borders against hand-computed lengths: boxes sharing a side, a gap inside the contiguity
// tolerance, a corner-only (queen) contact, and the perimeter of a union recovered from the borders.
#include <catch2/catch.hpp>
#include <vector>

#include "graph_fixtures.hpp"
#include "locality/graph/build_contiguity.hpp"

using namespace locality;
using namespace locality::graph;
using locality::test::box_wkb;

namespace {

/** Shared border of the edge (a, b), read from a's slot. */
double shared(const ContiguityGraph& g, const ZoneShapes& s, ZoneId a, ZoneId b) {
    for (const ZoneId* it = g.begin(a); it != g.end(a); ++it) {
        if (*it == b) return s.shared[static_cast<std::size_t>(it - g.begin(0))];
    }
    FAIL("no edge");
    return 0.0;
}

}  // namespace

TEST_CASE("measure_borders: areas, perimeters and shared borders of boxes", "[graph][shape]") {
    const geom::GeosContext ctx;
    // 0 | 1 share x = 10 over 10 m; 2 sits under 0 and 1 with a 0.4 m gap (inside the 1 m tolerance)
    // over x 0..20; 3 touches 1 at the corner (20, 10) only.
    const std::vector<geom::Wkb> areas{box_wkb(ctx, 0, 10, 10, 20), box_wkb(ctx, 10, 10, 20, 20),
                                       box_wkb(ctx, 0, -30, 20, 9.6), box_wkb(ctx, 20, 20, 30, 30)};
    const ContiguityGraph g = build_contiguity(areas, {1.0});
    const ZoneShapes s = measure_borders(g, areas, {1.0});
    CHECK(s.area[0] == Approx(100.0));
    CHECK(s.area[2] == Approx(20.0 * 39.6));
    CHECK(s.perimeter[0] == Approx(40.0));
    CHECK(s.perimeter[2] == Approx(2.0 * (20.0 + 39.6)));
    CHECK(shared(g, s, 0, 1) == Approx(10.0));
    CHECK(shared(g, s, 1, 0) == Approx(10.0));
    // Across the gap: box 2's boundary within 1 m of each 10 m box, so up to 1 m more at each end.
    CHECK(shared(g, s, 0, 2) >= 10.0);
    CHECK(shared(g, s, 0, 2) <= 12.0);
    CHECK(shared(g, s, 2, 1) >= 10.0);
    CHECK(shared(g, s, 2, 1) <= 12.0);
    // A corner: at most the tolerance along each of the two sides that meet there.
    CHECK(shared(g, s, 1, 3) <= 2.0 + 1e-9);
    // The union of 0 and 1 is a 20 x 10 box: 40 + 40 - 2 x 10 = 60.
    CHECK(s.perimeter[0] + s.perimeter[1] - 2.0 * shared(g, s, 0, 1) == Approx(60.0));
}

TEST_CASE("measure_borders: the result does not depend on the thread count", "[graph][shape]") {
    const geom::GeosContext ctx;
    std::vector<geom::Wkb> areas;
    for (int r = 0; r < 6; ++r) {
        for (int c = 0; c < 7; ++c)
            areas.push_back(box_wkb(ctx, c * 3.0, r * 2.0, c * 3.0 + 3.0, r * 2.0 + 2.0));
    }
    const ContiguityGraph g = build_contiguity(areas, {0.0});
    tbb::task_arena one(1);
    const ZoneShapes a = one.execute([&] { return measure_borders(g, areas, {0.0}); });
    const ZoneShapes b = measure_borders(g, areas, {0.0});
    CHECK(a.shared == b.shared);
    CHECK(a.perimeter == b.perimeter);
    // Rook borders are 3 m (vertical neighbours) or 2 m (horizontal ones), queen corners 0.
    for (ZoneId z = 0; z < 42; ++z) {
        for (const ZoneId* it = g.begin(z); it != g.end(z); ++it) {
            const double expected = *it == z + 1 || *it + 1 == z   ? 2.0
                                    : *it == z + 7 || *it + 7 == z ? 3.0
                                                                   : 0.0;
            CHECK(b.shared[static_cast<std::size_t>(it - g.begin(0))] == Approx(expected).margin(1e-9));
        }
    }
}
