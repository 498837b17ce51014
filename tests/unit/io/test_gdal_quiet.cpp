// SPDX-License-Identifier: MIT
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "locality/core/error.hpp"
#include "locality/io/point_source.hpp"
#include "locality/io/polygon_layer.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"

using namespace locality;
using namespace locality::io;

namespace {

/** Captures what is written to file descriptor 2 while alive. */
class StderrCapture {
public:
    StderrCapture() : m_file(".stderr", "") {
        std::fflush(stderr);
        m_saved = ::dup(2);
        std::FILE* f = std::fopen(m_file.path().c_str(), "w");
        ::dup2(::fileno(f), 2);
        std::fclose(f);
    }
    ~StderrCapture() { restore(); }
    StderrCapture(const StderrCapture&) = delete;
    StderrCapture& operator=(const StderrCapture&) = delete;

    std::string text() {
        restore();
        std::ifstream in(m_file.path());
        std::stringstream all;
        all << in.rdbuf();
        return all.str();
    }

private:
    void restore() {
        if (m_saved >= 0) {
            std::fflush(stderr);
            ::dup2(m_saved, 2);
            ::close(m_saved);
            m_saved = -1;
        }
    }
    test::TempFile m_file;
    int m_saved = -1;
};

}  // namespace

TEST_CASE("GDAL failures become exceptions and nothing is printed to stderr", "[io]") {
    test::TempFile broken(".geojson", "{\"type\": \"FeatureCollection\", \"features\": [ {\"type\": ");
    StderrCapture capture;
    PolygonLayerOptions missing;
    missing.source = parse_source(test::data_path("fixtures/does_not_exist.gpkg"));
    REQUIRE_THROWS_AS(read_polygon_layer(missing), IoError);
    PolygonLayerOptions bad;
    bad.source = parse_source(broken.path());
    REQUIRE_THROWS_AS(read_polygon_layer(bad), Error);
    AgencyRegistry agencies;
    PointSourceOptions points;
    points.source = parse_source(broken.path());
    points.agency = "x";
    REQUIRE_THROWS_AS(read_points(points, Crs::wgs84(), agencies, [](const PointBatch&) {}), Error);
    // Out-of-domain points make PROJ complain; that must stay silent too.
    double x = 0.0;
    double y = 95.0;
    bool ok = true;
    Transformer(Crs::wgs84(), Crs::from_user_input("EPSG:32618", "test"), "test").transform(1, &x, &y, &ok);
    REQUIRE_FALSE(ok);
    REQUIRE(capture.text().empty());
}
