// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/geom/thread_geometries.hpp"

using namespace locality;
using namespace locality::geom;

TEST_CASE("ThreadGeometries parses and prepares each geometry of its layer in its own context", "[geom]") {
    GeosContext source;
    const std::vector<Wkb> layer = {
        to_wkb(source, from_wkt(source, "POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))").get()),
        to_wkb(source, from_wkt(source, "POLYGON((2 0, 5 0, 5 3, 2 3, 2 0))").get()),
    };
    const ThreadGeometries geoms(layer, "area");
    REQUIRE(geoms.size() == 2);
    CHECK(area(geoms.ctx(), geoms.geom(0)) == Approx(4.0));
    CHECK(area(geoms.ctx(), geoms.geom(1)) == Approx(9.0));
    // Parsed once: the same object on every call.
    CHECK(geoms.geom(1) == geoms.geom(1));
    CHECK(geoms.prepared(0) == geoms.prepared(0));
    const auto inside = [&](std::size_t i, double x, double y) {
        const GeomPtr point = make_point(geoms.ctx(), x, y);
        return geoms.predicate(GEOSPreparedIntersects_r(geoms.handle(), geoms.prepared(i), point.get()),
                               "intersects");
    };
    CHECK(inside(0, 1.0, 1.0));
    CHECK_FALSE(inside(0, 4.0, 1.0));
    CHECK(inside(1, 4.0, 1.0));
}

TEST_CASE("ThreadGeometries names the layer, the item and the remedy of a malformed geometry", "[geom]") {
    GeosContext source;
    const std::vector<Wkb> layer = {
        to_wkb(source, from_wkt(source, "POLYGON((0 0, 1 0, 1 1, 0 0))").get()),
        Wkb{0x01, 0x03, 0x00},  // truncated
    };
    const ThreadGeometries geoms(layer, "area", " (re-export the area layer)");
    CHECK(geoms.geom(0) != nullptr);  // the good one parses whatever its neighbour holds
    try {
        geoms.geom(1);
        FAIL("a truncated WKB was parsed");
    } catch (const GeometryError& e) {
        const std::string text = e.what();
        CHECK(text.rfind("area 1: ", 0) == 0);
        CHECK(text.find("(re-export the area layer)") ==
              text.size() - std::string("(re-export the area layer)").size());
    }
}
