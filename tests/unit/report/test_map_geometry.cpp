// SPDX-License-Identifier: MIT
// The report's map across the antimeridian: a locality that crosses 180 degrees is drawn in one piece,
// its longitudes continuous (they may pass 180), never as a band from -180 to 180.
#include <catch2/catch.hpp>
#include <cmath>

#include "locality/geom/geos_context.hpp"
#include "locality/io/crs.hpp"
#include "locality/report/map_geometry.hpp"

TEST_CASE("A shape across the antimeridian is drawn in one piece on the map", "[report][antimeridian]") {
    // Working CRS: equal-area centred on Fiji (180, -17); a 200 km square around the centre crosses 180.
    const auto working = locality::io::Crs::from_user_input(
        "+proj=laea +lat_0=-17 +lon_0=180 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs", "test");
    locality::geom::GeosContext ctx;
    const auto square =
        locality::geom::to_wkb(ctx, locality::geom::make_box(ctx, -100000, -100000, 100000, 100000).get());
    const auto layer =
        locality::report::make_map_layer("localities", {"1"}, {square}, working, 10.0, "locality");
    REQUIRE(layer.features.size() == 1);
    const auto& feature = layer.features.front();
    REQUIRE(feature.rings.size() == 1);
    double low = 1e9;
    double high = -1e9;
    const auto& ring = feature.rings.front();
    for (std::size_t i = 0; i < ring.size(); ++i) {
        low = std::min(low, ring[i].lon);
        high = std::max(high, ring[i].lon);
        if (i > 0) {
            CHECK(std::abs(ring[i].lon - ring[i - 1].lon) < 5.0);  // no edge round the globe
        }
    }
    // 100 km either side of 180 at 17 S is about 0.94 degrees of longitude: a narrow piece around 180.
    CHECK(low == Approx(179.06).margin(0.05));
    CHECK(high == Approx(180.94).margin(0.05));
    CHECK(std::abs(feature.label_at.lon - 180.0) < 0.1);
}
