// SPDX-License-Identifier: MIT
#include <ogr_spatialref.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <numeric>
#include <random>

#include "locality/core/error.hpp"
#include "locality/io/point_source.hpp"
#include "skip.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"

using namespace locality;
using namespace locality::io;

namespace {

/** What read_points produced, per agency name. */
struct Result {
    PointReadStats stats;
    AgencyRegistry agencies;
    std::vector<std::int64_t> located;  // per agency, from the consumed batches
    std::vector<std::array<double, 2>> first_points;
    std::size_t batches = 0;
    std::size_t largest_batch = 0;

    std::int64_t read(const std::string& agency) const { return stats.read.at(index(agency)); }
    std::int64_t unlocated(const std::string& agency) const { return stats.unlocated.at(index(agency)); }
    std::size_t index(const std::string& agency) const {
        const auto& names = agencies.names();
        const auto it = std::find(names.begin(), names.end(), agency);
        REQUIRE(it != names.end());
        return static_cast<std::size_t>(it - names.begin());
    }
    std::int64_t total_read() const {
        return std::accumulate(stats.read.begin(), stats.read.end(), std::int64_t{0});
    }
    std::int64_t total_located() const {
        return std::accumulate(located.begin(), located.end(), std::int64_t{0});
    }
};

Result run(const PointSourceOptions& options, const Crs& working) {
    Result result;
    result.stats = read_points(options, working, result.agencies, [&](const PointBatch& batch) {
        ++result.batches;
        result.largest_batch = std::max(result.largest_batch, batch.size());
        REQUIRE(batch.x.size() == batch.agency.size());
        REQUIRE(batch.y.size() == batch.agency.size());
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const auto a = static_cast<std::size_t>(batch.agency[i]);
            if (a >= result.located.size()) {
                result.located.resize(a + 1, 0);
            }
            ++result.located[a];
            if (result.first_points.size() < 4) {
                result.first_points.push_back({batch.x[i], batch.y[i]});
            }
        }
    });
    result.located.resize(result.agencies.size(), 0);
    // The documented invariant: every row is either located or unlocated, per agency.
    REQUIRE(result.stats.read.size() == result.agencies.size());
    REQUIRE(result.stats.unlocated.size() == result.agencies.size());
    for (std::size_t a = 0; a < result.agencies.size(); ++a) {
        REQUIRE(result.stats.read[a] == result.located[a] + result.stats.unlocated[a]);
    }
    return result;
}

PointSourceOptions csv_options(const std::string& path, const std::string& agency_field) {
    PointSourceOptions options;
    options.source = parse_source(path);
    options.agency_field = agency_field;
    return options;
}

}  // namespace

TEST_CASE("points3x3.csv reads 10 rows of which the 2 health rows without coordinates are unlocated",
          "[io]") {
    auto options = csv_options(test::data_path("fixtures/points3x3.csv"), "agency");
    options.crs = "EPSG:32618";
    options.batch_size = 3;
    const Crs utm = Crs::from_user_input("EPSG:32618", "test");
    const Result r = run(options, utm);
    REQUIRE(r.stats.driver == "CSV (locality)");
    REQUIRE(r.stats.x_field == "x");
    REQUIRE(r.stats.y_field == "y");
    REQUIRE(r.agencies.names() == std::vector<std::string>{"police", "health", "schools"});
    REQUIRE(r.total_read() == 10);
    REQUIRE(r.total_located() == 8);
    REQUIRE(r.read("police") == 4);
    REQUIRE(r.read("health") == 4);
    REQUIRE(r.unlocated("health") == 2);
    REQUIRE(r.read("schools") == 2);
    REQUIRE(r.unlocated("police") == 0);
    REQUIRE(r.largest_batch <= 3);
    REQUIRE(r.first_points.at(0) == std::array<double, 2>{580500, 4500500});
    REQUIRE(r.first_points.at(3) == std::array<double, 2>{581000, 4501000});
}

TEST_CASE("A fixed agency applies to every row", "[io]") {
    auto options = csv_options(test::data_path("fixtures/points3x3.csv"), "");
    options.agency = "fire";
    options.crs = "EPSG:32618";
    const Result r = run(options, Crs::from_user_input("EPSG:32618", "test"));
    REQUIRE(r.agencies.names() == std::vector<std::string>{"fire"});
    REQUIRE(r.read("fire") == 10);
    REQUIRE(r.unlocated("fire") == 2);
}

TEST_CASE("Tricky CSV rows are counted, located or unlocated as documented", "[io]") {
    const std::string text =
        "\xEF\xBB\xBF"
        "Id;Lon;LAT;Agency\r\n"
        "1;-75;40;\"po;lice\"\r\n"             // quoted agency with the delimiter
        "2; -74.0 ;+40.7;\"multi\nline\"\r\n"  // padded and signed numbers, agency with a newline
        "3;NaN;40;po;lice\r\n"                 // NaN: unlocated
        "4;inf;40;po;lice\r\n"                 // infinity: unlocated
        "5;;40;po;lice\r\n"                    // empty: unlocated
        "6;-75\r\n"                            // short row, no agency: unspecified, unlocated
        "7;-75;95;\r\n"                        // latitude out of range, empty agency: unspecified
        "8;1e1x;40;po;lice\r\n";               // trailing garbage: unlocated
    test::TempFile file(".csv", text);
    auto options = csv_options(file.path(), "Agency");
    const Crs utm = Crs::from_user_input("EPSG:32618", "test");
    const Result r = run(options, utm);
    REQUIRE(r.stats.x_field == "Lon");
    REQUIRE(r.stats.y_field == "LAT");
    REQUIRE(r.total_read() == 8);
    REQUIRE(r.total_located() == 2);
    REQUIRE(r.read("po;lice") == 1);
    REQUIRE(r.unlocated("po;lice") == 0);
    REQUIRE(r.read("multi\nline") == 1);
    REQUIRE(r.read("po") == 4);
    REQUIRE(r.unlocated("po") == 4);
    REQUIRE(r.read("unspecified") == 2);
    REQUIRE(r.unlocated("unspecified") == 2);
    // gdaltransform -s_srs EPSG:4326 -t_srs EPSG:32618 truths.
    REQUIRE(r.first_points.at(0)[0] == Approx(500000.0).margin(1e-3));
    REQUIRE(r.first_points.at(0)[1] == Approx(4427757.21873837).margin(1e-3));
    REQUIRE(r.first_points.at(1)[0] == Approx(584482.352282295).margin(1e-3));
    REQUIRE(r.first_points.at(1)[1] == Approx(4505935.86944708).margin(1e-3));
}

TEST_CASE("Missing coordinate or agency columns and missing agency options are refused", "[io]") {
    const std::string path = test::data_path("fixtures/points3x3.csv");
    const Crs utm = Crs::from_user_input("EPSG:32618", "test");
    AgencyRegistry agencies;
    const auto ignore = [](const PointBatch&) {};

    auto no_agency = csv_options(path, "");
    REQUIRE_THROWS_AS(read_points(no_agency, utm, agencies, ignore), UsageError);
    REQUIRE_THROWS_WITH(read_points(no_agency, utm, agencies, ignore), Catch::Contains("--agency-field"));

    auto wrong_agency = csv_options(path, "Agency");
    REQUIRE_THROWS_AS(read_points(wrong_agency, utm, agencies, ignore), InputError);
    REQUIRE_THROWS_WITH(read_points(wrong_agency, utm, agencies, ignore),
                        Catch::Contains("did you mean 'agency'"));

    auto wrong_x = csv_options(path, "agency");
    wrong_x.x_field = "easting";
    wrong_x.y_field = "y";
    REQUIRE_THROWS_AS(read_points(wrong_x, utm, agencies, ignore), InputError);
    REQUIRE_THROWS_WITH(read_points(wrong_x, utm, agencies, ignore),
                        Catch::Contains("columns: id, agency, x, y"));

    test::TempFile no_coords(".csv", "a,b,agency\n1,2,x\n");
    REQUIRE_THROWS_WITH(read_points(csv_options(no_coords.path(), "agency"), utm, agencies, ignore),
                        Catch::Contains("--x-field"));
    test::TempFile empty(".csv", "");
    REQUIRE_THROWS_AS(read_points(csv_options(empty.path(), "agency"), utm, agencies, ignore), InputError);
    REQUIRE_THROWS_AS(read_points(csv_options(path + ".missing.csv", "agency"), utm, agencies, ignore),
                      IoError);
}

TEST_CASE("NYC 311 June 2018: 1000 rows, 893 located, NYPD 347", "[io][shared]") {
    const std::string path = test::shared_data_path("nyc-311-sample/nyc311_2018-06_twosix.csv");
    test::skip_unless_present(path);
    auto options = csv_options(path, "Agency");
    // The working CRS of the NYC areas: EPSG:2263 converted to metres.
    const Crs working =
        choose_working_crs(Crs::from_user_input("EPSG:2263", "test"), Box{913000, 120000, 1067000, 273000});
    const Result r = run(options, working);
    REQUIRE(r.stats.x_field == "Longitude");
    REQUIRE(r.stats.y_field == "Latitude");
    REQUIRE(r.total_read() == 1000);
    REQUIRE(r.total_located() == 893);
    REQUIRE(r.agencies.size() == 16);
    REQUIRE(r.read("NYPD") == 347);
    REQUIRE(r.read("HPD") == 159);
    // Every located point lies in the NYC bounding box (metres): x 278-325 km, y 36-83 km.
    for (const auto& p : r.first_points) {
        REQUIRE(p[0] > 278000.0);
        REQUIRE(p[0] < 325000.0);
        REQUIRE(p[1] > 36000.0);
        REQUIRE(p[1] < 83000.0);
    }
}

TEST_CASE("A GeoJSON point layer is read through GDAL and reprojected", "[io]") {
    auto options = csv_options(test::data_path("fixtures/points_wgs84.geojson"), "agency");
    const Crs utm = Crs::from_user_input("EPSG:32618", "test");
    const Result r = run(options, utm);
    REQUIRE(r.stats.driver == "GeoJSON");
    REQUIRE(r.agencies.names() == std::vector<std::string>{"police", "health", "unspecified"});
    REQUIRE(r.read("police") == 2);
    REQUIRE(r.unlocated("police") == 1);
    REQUIRE(r.read("health") == 1);
    REQUIRE(r.unlocated("health") == 0);
    REQUIRE(r.read("unspecified") == 2);
    REQUIRE(r.unlocated("unspecified") == 1);
    REQUIRE(r.first_points.at(0)[0] == Approx(500000.0).margin(1e-3));
    REQUIRE(r.first_points.at(0)[1] == Approx(4427757.21873837).margin(1e-3));
    REQUIRE(r.first_points.at(1)[0] == Approx(584482.352282295).margin(1e-3));
    REQUIRE(r.first_points.at(1)[1] == Approx(4505935.86944708).margin(1e-3));
}

TEST_CASE("A layer of lines is refused as a point source", "[io]") {
    AgencyRegistry agencies;
    auto options = csv_options(test::data_path("fixtures/lines.geojson"), "agency");
    REQUIRE_THROWS_WITH(read_points(options, Crs::wgs84(), agencies, [](const PointBatch&) {}),
                        Catch::Contains("Line String") && Catch::Contains("feature 1"));
}

TEST_CASE("Streaming one million CSV points", "[io][.slow]") {
    std::string text = "lon,lat,agency\n";
    text.reserve(45'000'000);
    char line[64];
    for (int i = 0; i < 1'000'000; ++i) {
        // About 40 bytes a row, like a trimmed 311 export.
        std::snprintf(line, sizeof line, "%.10f,%.10f,%s\n", -74.2 + (i % 5000) * 1e-4,
                      40.5 + (i / 5000) * 2e-3, i % 3 == 0 ? "NYPD" : (i % 3 == 1 ? "DSNY" : "HPD"));
        text += line;
    }
    test::TempFile file(".csv", text);
    const Crs working = choose_working_crs(Crs::wgs84(), Box{-74.3, 40.5, -73.7, 40.9});
    auto options = csv_options(file.path(), "agency");
    AgencyRegistry agencies;
    std::size_t located = 0;
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    const auto stats =
        read_points(options, working, agencies, [&](const PointBatch& b) { located += b.size(); });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // CPU time as well: on a shared machine the wall time mostly measures the neighbours.
    const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    WARN("1,000,000 rows (" << text.size() / 1e6 << " MB) read, parsed and transformed in " << seconds
                            << " s wall, " << cpu << " s CPU");
    REQUIRE(located == 1'000'000);
    REQUIRE(stats.read == std::vector<std::int64_t>{333334, 333333, 333333});
}

TEST_CASE("The fast CSV reader and GDAL's CSV driver agree on points3x3.csv", "[io]") {
    const Crs utm = Crs::from_user_input("EPSG:32618", "test");
    auto fast = csv_options(test::data_path("fixtures/points3x3.csv"), "agency");
    fast.crs = "EPSG:32618";
    auto via_gdal = fast;
    via_gdal.source.layer = "points3x3";  // a layer name forces the GDAL path
    const Result a = run(fast, utm);
    const Result b = run(via_gdal, utm);
    REQUIRE(b.stats.driver == "CSV");
    REQUIRE(a.agencies.names() == b.agencies.names());
    REQUIRE(a.stats.read == b.stats.read);
    REQUIRE(a.stats.unlocated == b.stats.unlocated);
    REQUIRE(a.first_points == b.first_points);
}

TEST_CASE("Point reading reports progress by bytes and can be cancelled", "[io]") {
    const Crs utm = Crs::from_user_input("EPSG:32618", "test");
    auto options = csv_options(test::data_path("fixtures/points3x3.csv"), "agency");
    options.crs = "EPSG:32618";
    options.batch_size = 2;
    std::vector<double> seen;
    AgencyRegistry agencies;
    read_points(
        options, utm, agencies, [](const PointBatch&) {},
        [&](double f, std::string_view) {
            seen.push_back(f);
            return true;
        });
    REQUIRE(seen.size() >= 3);
    REQUIRE(std::is_sorted(seen.begin(), seen.end()));
    REQUIRE(seen.front() > 0.0);
    REQUIRE(seen.back() == 1.0);

    AgencyRegistry again;
    REQUIRE_THROWS_AS(
        read_points(
            options, utm, again, [](const PointBatch&) {}, [](double, std::string_view) { return false; }),
        CancelledError);
}

TEST_CASE("Real 311 exports give the row counts Python's csv module gives", "[io][shared]") {
    // Expected counts computed independently with Python's csv module (rows, rows with finite lon/lat).
    struct Case {
        const char* file;
        std::int64_t rows;
        std::int64_t located;
    };
    const Case cases[] = {{"la-311-sample/myla311_2017-12_subset.csv", 9999, 8246},
                          {"la-311-sample/myla311_2020-01_sample.csv", 10000, 9989},
                          {"nyc-311-sample/nyc311_2022-05-01_fedhere.csv", 924, 913}};
    for (const Case& c : cases) test::skip_unless_present(test::shared_data_path(c.file));
    for (const Case& c : cases) {
        const std::string path = test::shared_data_path(c.file);
        PointSourceOptions options;
        options.source = parse_source(path);
        options.agency = "all";
        const Result r = run(options, Crs::wgs84());
        INFO(c.file);
        REQUIRE(r.total_read() == c.rows);
        REQUIRE(r.total_located() == c.located);
    }
}

TEST_CASE(
    "Points transformed on several threads equal GDAL's one-by-one transformation, whatever the thread count",
    "[io]") {
    // 40,000 rows: more than several transform chunks per batch. Every 97th row lies beyond the
    // pole (PROJ refuses it), every 101st has no number: both must be counted unlocated in place.
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> lon(-74.25, -73.70);
    std::uniform_real_distribution<double> lat(40.49, 40.92);
    std::vector<std::array<double, 2>> raw;
    std::string text = "lon,lat,agency\n";
    std::int64_t bad = 0;
    for (int i = 0; i < 40000; ++i) {
        char line[96];
        const double x = lon(rng);
        const double y = i % 97 == 0 ? 95.0 : lat(rng);
        if (i % 101 == 0) {
            std::snprintf(line, sizeof line, "abc,%.7f,A%d\n", y, i % 3);
        } else {
            std::snprintf(line, sizeof line, "%.7f,%.7f,A%d\n", x, y, i % 3);
        }
        text += line;
        if (i % 101 == 0 || i % 97 == 0) {
            ++bad;
        } else {
            double px = 0.0;
            double py = 0.0;
            REQUIRE(std::sscanf(line, "%lf,%lf", &px, &py) == 2);  // the coordinates as written
            raw.push_back({px, py});
        }
    }
    test::TempFile file(".csv", text);

    // Truth: GDAL, one point per call, from CRSs built here.
    OGRSpatialReference wgs84;
    OGRSpatialReference ny_long_island;
    REQUIRE(wgs84.importFromEPSG(4326) == OGRERR_NONE);
    REQUIRE(ny_long_island.importFromEPSG(2263) == OGRERR_NONE);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    ny_long_island.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> truth(
        OGRCreateCoordinateTransformation(&wgs84, &ny_long_island));
    REQUIRE(truth);
    for (auto& p : raw) {
        REQUIRE(truth->Transform(1, &p[0], &p[1]));
    }

    const Crs working = Crs::from_user_input("EPSG:2263", "test");
    auto read_all = [&](int threads, std::size_t batch_size) {
        const tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                        static_cast<std::size_t>(threads));
        auto options = csv_options(file.path(), "agency");
        options.batch_size = batch_size;
        AgencyRegistry agencies;
        std::vector<std::array<double, 2>> points;
        const PointReadStats stats = read_points(options, working, agencies, [&](const PointBatch& b) {
            for (std::size_t i = 0; i < b.size(); ++i) {
                points.push_back({b.x[i], b.y[i]});
            }
        });
        CHECK(std::accumulate(stats.unlocated.begin(), stats.unlocated.end(), std::int64_t{0}) == bad);
        return points;
    };
    const auto one = read_all(1, 65536);
    const auto two = read_all(2, 65536);
    const auto small_batches = read_all(2, 10000);
    REQUIRE(one.size() == raw.size());
    CHECK(one == two);
    CHECK(one == small_batches);
    for (std::size_t i = 0; i < raw.size(); ++i) {
        INFO("point " << i);
        REQUIRE(one[i][0] == Approx(raw[i][0]).margin(1e-6));
        REQUIRE(one[i][1] == Approx(raw[i][1]).margin(1e-6));
    }
}

TEST_CASE("A point layer that declares a projected CRS is read in it, and the stats name it", "[io]") {
    // Two points in NY Long Island feet (EPSG:2263), read with no CRS given: EPSG:4326 must not apply.
    const test::TempFile file(".geojson", R"({"type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2263"}},
        "features": [
          {"type": "Feature", "properties": {"agency": "police"},
           "geometry": {"type": "Point", "coordinates": [987654.5, 201234.25]}},
          {"type": "Feature", "properties": {"agency": "health"},
           "geometry": {"type": "Point", "coordinates": [1000000.0, 250000.0]}}]})");
    auto options = csv_options(file.path(), "agency");
    const Crs ny_feet = Crs::from_user_input("EPSG:2263", "test");
    const Result r = run(options, ny_feet);
    REQUIRE(r.stats.crs.name() == "EPSG:2263");
    REQUIRE(r.total_located() == 2);
    // Read in the working CRS itself: the coordinates come through unchanged.
    REQUIRE(r.first_points.at(0)[0] == Approx(987654.5).margin(1e-6));
    REQUIRE(r.first_points.at(0)[1] == Approx(201234.25).margin(1e-6));
    REQUIRE(r.stats.overridden_crs.empty());

    // The declared CRS given again overrides nothing.
    options.crs = "EPSG:2263";
    REQUIRE(run(options, ny_feet).stats.overridden_crs.empty());

    // A CSV's coordinates are in the CRS given.
    auto csv = csv_options(test::data_path("fixtures/points3x3.csv"), "agency");
    csv.crs = "EPSG:32618";
    REQUIRE(run(csv, Crs::from_user_input("EPSG:32618", "test")).stats.crs.name() == "EPSG:32618");
}

TEST_CASE("A CRS given for a point layer wins over the one it declares, which the stats name", "[io]") {
    // A GeoJSON without a crs member: GDAL declares EPSG:4326, but the numbers are web mercator metres.
    // gdaltransform -s_srs EPSG:3857 -t_srs EPSG:4326: (-8243099.68, 4960932.84) is -74.04902 40.65054.
    const test::TempFile file(".geojson", R"({"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {},
           "geometry": {"type": "Point", "coordinates": [-8243099.68, 4960932.84]}}]})");
    auto options = csv_options(file.path(), "");
    options.agency = "police";
    options.crs = "EPSG:3857";
    const Result r = run(options, Crs::wgs84());
    REQUIRE(r.stats.crs.name() == "EPSG:3857");
    REQUIRE(r.stats.overridden_crs == "EPSG:4326");
    REQUIRE(r.total_located() == 1);
    REQUIRE(r.first_points.at(0)[0] == Approx(-74.04902).margin(1e-5));
    REQUIRE(r.first_points.at(0)[1] == Approx(40.65054).margin(1e-5));

    // Without it, the layer's own (EPSG:4326) applies, as before.
    options.crs.clear();
    const Result as_declared = run(options, Crs::wgs84());
    REQUIRE(as_declared.stats.crs.name() == "EPSG:4326");
    REQUIRE(as_declared.stats.overridden_crs.empty());
}
