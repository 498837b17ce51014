// SPDX-License-Identifier: MIT
// locality propose on the 3,231 US counties: geographic TopoJSON without a CRS, islands, the antimeridian.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "geojson_tool.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "skip.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"
#include "text_files.hpp"

namespace {

/** A parameter's value from a WKT string, e.g. "Latitude of natural origin". */
double wkt_parameter(const std::string& wkt, const std::string& name) {
    std::smatch match;
    REQUIRE(std::regex_search(wkt, match, std::regex(name + "\",([-0-9.eE]+)")));
    return std::stod(match[1]);
}

}  // namespace

TEST_CASE(
    "US counties: a CRS given on the command line, a projection centred on the data, 21 landmasses bridged",
    "[pipeline][shared]") {
    const std::string counties = locality::test::shared_data_path("us-atlas-counties/counties-10m.json");
    locality::test::skip_unless_present(counties);
    locality::test::skip_unless_present(
        locality::test::shared_data_path("la-311-sample/myla311_2018-01_mini.csv"));
    const locality::test::TempDir scratch("locality_propose_counties");
    locality::pipeline::ProposeOptions config;
    config.areas = {counties, "counties"};
    config.areas_crs = "EPSG:4326";  // TopoJSON declares no CRS
    config.area_id_field = "id";
    config.cases.push_back(
        {"", {locality::test::shared_data_path("la-311-sample/myla311_2018-01_mini.csv"), ""}});
    config.agency_field = "Owner";
    config.k = 10;
    config.output_dir = scratch.file("out");
    config.command_line = {"propose", "(test)"};
    locality::pipeline::run_propose(config);

    const auto summary = nlohmann::json::parse(locality::test::read_text(scratch.file("out/summary.json")));
    // One county has an empty geometry in us-atlas and is listed, not lost.
    CHECK(summary["areas"]["count"].get<int>() + summary["areas"]["skipped_ids"].size() == 3231);
    // Alaska's Aleutians cross the antimeridian, so the layer's extent is centred near longitude 0:
    // the equal-area projection must be centred on the counties themselves, in the lower 48.
    const std::string wkt = summary["working_crs"]["wkt"];
    CHECK(wkt_parameter(wkt, "Latitude of natural origin") == Approx(38.7).margin(3.0));
    CHECK(wkt_parameter(wkt, "Longitude of natural origin") == Approx(-91.2).margin(5.0));
    // Hawaii, Alaska, Puerto Rico and other islands are separate landmasses, each joined by one bridge.
    CHECK(summary["contiguity"]["components"] == 21);
    CHECK(summary["contiguity"]["bridges"].size() == 20);
    CHECK(summary["localities"]["count"] == 10);
    // Independent truth: SpatiaLite, sum of st_area(st_transform(SetSRID(geometry, 4326), 6933)) over
    // the counties = 9,365,941 km2.
    double km2 = 0.0;
    for (const auto& locality : summary["localities"]["localities"]) {
        km2 += locality["area_km2"].get<double>();
    }
    CHECK(km2 == Approx(9365941.0).epsilon(5e-4));
    locality::test::check_with_geojson_tool(scratch.file("out/localities.geojson"), scratch);
}
