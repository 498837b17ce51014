// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>

#include "locality/core/error.hpp"
#include "locality/io/crs.hpp"
#include "locality/io/placeholder_crs.hpp"

using namespace locality;
using namespace locality::io;

namespace {
// US survey foot in metres (1200/3937).
constexpr double k_us_foot = 1200.0 / 3937.0;
}  // namespace

TEST_CASE("A CRS from user input keeps its authority code and kind", "[io]") {
    const Crs utm = Crs::from_user_input("EPSG:32618", "test");
    REQUIRE(utm.is_defined());
    REQUIRE(utm.is_projected());
    REQUIRE_FALSE(utm.is_geographic());
    REQUIRE(utm.authority_code() == "EPSG:32618");
    REQUIRE(utm.linear_unit_in_metres() == Approx(1.0));
    REQUIRE(Crs::wgs84().is_geographic());
    REQUIRE(Crs::wgs84().same_as(Crs::from_user_input("EPSG:4326", "test")));
    REQUIRE_FALSE(utm.same_as(Crs::wgs84()));
    REQUIRE_FALSE(Crs().is_defined());
    REQUIRE_THROWS_AS(Crs::from_user_input("EPSG:99999999", "test"), InputError);
    REQUIRE_THROWS_AS(Crs::from_user_input("", "test"), InputError);
}

TEST_CASE("A projected CRS in metres is its own working CRS", "[io]") {
    const Crs utm = Crs::from_user_input("EPSG:32618", "test");
    const Crs working = choose_working_crs(utm, Box{580000, 4500000, 583000, 4503000});
    REQUIRE(working.same_as(utm));
    REQUIRE(Transformer(utm, working, "test").is_identity());
}

TEST_CASE("EPSG:2263 in US feet becomes the same projection in metres", "[io]") {
    const Crs feet = Crs::from_user_input("EPSG:2263", "test");
    REQUIRE(feet.linear_unit_in_metres() == Approx(k_us_foot).epsilon(1e-12));
    const Crs working = choose_working_crs(feet, Box{913000, 120000, 1067000, 273000});
    REQUIRE(working.is_projected());
    REQUIRE(working.linear_unit_in_metres() == Approx(1.0));
    REQUIRE_FALSE(working.same_as(feet));
    REQUIRE(working.name() == "NAD83 / New York Long Island (metre)");
    REQUIRE(working.authority_code().empty());  // no longer EPSG:2263

    // The same point in feet and in the metric variant differ exactly by the unit factor.
    double x = 1000000.0;
    double y = 200000.0;
    bool ok = false;
    Transformer(feet, working, "test").transform(1, &x, &y, &ok);
    REQUIRE(ok);
    REQUIRE(x == Approx(1000000.0 * k_us_foot).margin(1e-3));
    REQUIRE(y == Approx(200000.0 * k_us_foot).margin(1e-3));

    // Independent truth: gdaltransform -s_srs EPSG:2263 -t_srs EPSG:4326 gives this for (1000000, 200000) ft.
    double lon = -73.9431850682625;
    double lat = 40.7156164787239;
    Transformer(Crs::wgs84(), working, "test").transform(1, &lon, &lat, &ok);
    REQUIRE(ok);
    REQUIRE(lon == Approx(1000000.0 * k_us_foot).margin(1e-3));
    REQUIRE(lat == Approx(200000.0 * k_us_foot).margin(1e-3));
}

TEST_CASE("Geographic areas get an equal-area projection centred on their extent", "[io]") {
    const Box extent{-74.3, 40.5, -73.7, 40.9};
    const Crs working = choose_working_crs(Crs::wgs84(), extent);
    REQUIRE(working.is_projected());
    REQUIRE(working.linear_unit_in_metres() == Approx(1.0));
    REQUIRE(working.wkt().find("Lambert Azimuthal Equal Area") != std::string::npos);
    double x[2] = {-74.0, -74.0};
    double y[2] = {40.7, 40.8};
    bool ok[2] = {false, false};
    Transformer(Crs::wgs84(), working, "test").transform(2, x, y, ok);
    REQUIRE(ok[0]);
    REQUIRE(ok[1]);
    REQUIRE(x[0] == Approx(0.0).margin(1e-6));
    REQUIRE(y[0] == Approx(0.0).margin(1e-6));
    // 0.1 degree of latitude at 40.7 N is about 11.1 km; LAEA is nearly true to scale at its centre.
    REQUIRE(y[1] == Approx(11104.0).epsilon(2e-3));
}

TEST_CASE("An undefined areas CRS is refused with a hint to give one", "[io]") {
    REQUIRE_THROWS_AS(choose_working_crs(Crs(), Box{0, 0, 1, 1}), InputError);
    REQUIRE_THROWS_WITH(choose_working_crs(Crs(), Box{0, 0, 1, 1}), Catch::Contains(".prj"));
}

TEST_CASE("Non-finite and out-of-domain coordinates are flagged, not transformed", "[io]") {
    const Crs utm = Crs::from_user_input("EPSG:32618", "test");
    double x[4] = {-75.0, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                   -75.0};
    double y[4] = {40.0, 40.0, 40.0, 95.0};
    bool ok[4] = {false, true, true, true};
    Transformer(Crs::wgs84(), utm, "test").transform(4, x, y, ok);
    REQUIRE(ok[0]);
    REQUIRE_FALSE(ok[1]);
    REQUIRE_FALSE(ok[2]);
    REQUIRE_FALSE(ok[3]);
    // gdaltransform -s_srs EPSG:4326 -t_srs EPSG:32618: (-75, 40) -> (500000, 4427757.21873837).
    REQUIRE(x[0] == Approx(500000.0).margin(1e-4));
    REQUIRE(y[0] == Approx(4427757.21873837).margin(1e-4));

    double nan_x = std::numeric_limits<double>::quiet_NaN();
    double nan_y = 1.0;
    bool nan_ok = true;
    Transformer(utm, utm, "test").transform(1, &nan_x, &nan_y, &nan_ok);
    REQUIRE_FALSE(nan_ok);
}

TEST_CASE("Copies of a CRS are independent and equal", "[io]") {
    Crs a = Crs::from_user_input("EPSG:2263", "test");
    Crs b = a;
    REQUIRE(b.same_as(a));
    REQUIRE(b.ogr() != a.ogr());
    Crs c = std::move(a);
    REQUIRE(c.same_as(b));
    b = Crs::wgs84();
    REQUIRE(b.is_geographic());
    REQUIRE(c.is_projected());
}

TEST_CASE("Web Mercator areas are measured in a local equal-area projection instead", "[io]") {
    // The Los Angeles neighbourhood councils come in EPSG:3857, where lengths at 34 N are 21 % too long.
    const Crs mercator = Crs::from_user_input("EPSG:3857", "test");
    const Box la{-13210078.8, 3989090.8, -13097557.3, 4152221.8};
    const Crs working = choose_working_crs(mercator, la);
    REQUIRE_FALSE(working.same_as(mercator));
    REQUIRE(locality::io::replaced_for_areas(mercator, la));
    REQUIRE(working.wkt().find("Lambert Azimuthal Equal Area") != std::string::npos);
    // A 1 km square in Web Mercator at the extent's centre covers about cos^2(34.1 deg) = 0.686 km^2.
    const double cx = 0.5 * (la.min_x + la.max_x);
    const double cy = 0.5 * (la.min_y + la.max_y);
    double x[3] = {cx, cx + 1000.0, cx};
    double y[3] = {cy, cy, cy + 1000.0};
    bool ok[3] = {false, false, false};
    Transformer(mercator, working, "test").transform(3, x, y, ok);
    REQUIRE((ok[0] && ok[1] && ok[2]));
    const double east = std::hypot(x[1] - x[0], y[1] - y[0]);
    const double north = std::hypot(x[2] - x[0], y[2] - y[0]);
    const double lat = 34.12 * 3.14159265358979 / 180.0;
    REQUIRE(east * north / 1e6 == Approx(std::cos(lat) * std::cos(lat)).epsilon(0.01));
}

TEST_CASE(
    "A Web Mercator layer across the antimeridian is worked around the centre given, not its extent's middle",
    "[io]") {
    // Fiji's cells in EPSG:3857 sit on both edges of the map: the middle of the extent is longitude 0.
    const Crs mercator = Crs::from_user_input("EPSG:3857", "test");
    const Box fiji{-20037508.34, -2037548.54, 20037508.34, -1804722.77};
    auto projected_origin_of = [](const Crs& working) {
        double x = 180.0;  // Fiji, on the antimeridian
        double y = -17.0;
        bool ok = false;
        Transformer(Crs::wgs84(), working, "test").transform(1, &x, &y, &ok);
        REQUIRE(ok);
        return std::hypot(x, y);
    };
    REQUIRE(projected_origin_of(choose_working_crs(mercator, fiji, LonLat{180.0, -17.0})) < 1.0);
    // Without the centre, Fiji is about 145 degrees (16,000 km) from the projection's centre.
    REQUIRE(projected_origin_of(choose_working_crs(mercator, fiji)) > 1e7);
}

TEST_CASE("State plane and UTM zones are accurate enough to be kept", "[io]") {
    const Crs utm = Crs::from_user_input("EPSG:32618", "test");
    // The whole width of a UTM zone at 40 N: scale error at most ~0.1 %.
    REQUIRE(choose_working_crs(utm, Box{170000, 4400000, 830000, 4600000}).same_as(utm));
    // Kept, so the areas' centre is not needed (load_inputs then skips a pass over every feature).
    REQUIRE_FALSE(locality::io::replaced_for_areas(utm, Box{170000, 4400000, 830000, 4600000}));
    REQUIRE_FALSE(locality::io::replaced_for_areas(Crs::wgs84(), Box{-74.3, 40.5, -73.7, 40.9}));
    const Crs feet = Crs::from_user_input("EPSG:2263", "test");
    const Crs working = choose_working_crs(feet, Box{913174.7, 120124.9, 1067382.1, 272847.3});
    REQUIRE(working.wkt().find("Lambert Conic Conformal") != std::string::npos);
}

TEST_CASE("Placeholders for a CRS are told apart from real ones", "[io][crs]") {
    std::string why;
    // What GDAL declares for a GeoPackage layer written without a CRS (srs_id 0 and -1).
    const Crs undefined_geographic = Crs::from_user_input(
        R"(GEOGCS["Undefined geographic SRS",DATUM["unknown",SPHEROID["unknown",6378137,298.257223563]],)"
        R"(PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]])",
        "test");
    CHECK(locality::io::is_placeholder_crs(undefined_geographic, why));
    CHECK(why.find("Undefined geographic SRS") != std::string::npos);
    const Crs undefined_cartesian =
        Crs::from_user_input(R"(LOCAL_CS["Undefined cartesian SRS",UNIT["unknown",1]])", "test");
    CHECK(locality::io::is_placeholder_crs(undefined_cartesian, why));
    const Crs engineering = Crs::from_user_input(R"(LOCAL_CS["site grid",UNIT["metre",1]])", "test");
    CHECK(locality::io::is_placeholder_crs(engineering, why));
    CHECK(why.find("engineering") != std::string::npos);
    // Real CRSs, and no CRS at all (that is not a placeholder: it is absent).
    CHECK_FALSE(locality::io::is_placeholder_crs(Crs::from_user_input("EPSG:4326", "test"), why));
    CHECK_FALSE(locality::io::is_placeholder_crs(Crs::from_user_input("EPSG:2263", "test"), why));
    CHECK_FALSE(locality::io::is_placeholder_crs(Crs(), why));
}
