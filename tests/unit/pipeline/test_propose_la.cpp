// SPDX-License-Identifier: MIT
// locality propose on Los Angeles: areas in Web Mercator, no population, gaps between the councils.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <ogr_api.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>

#include "fixtures.hpp"
#include "geojson_tool.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "skip.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"
#include "text_files.hpp"

namespace {

const std::string k_folder = "la-311-sample/";

}  // namespace

TEST_CASE("Los Angeles councils in Web Mercator give valid RFC 7946 localities without sliver holes",
          "[pipeline][shared]") {
    locality::test::skip_unless_present(locality::test::shared_data_path(k_folder + "la_neighborhood_councils_2020.geojson"));
    locality::test::skip_unless_present(locality::test::shared_data_path(k_folder + "myla311_2018-01_mini.csv"));
    const locality::test::TempDir scratch("locality_propose_la");
    locality::pipeline::PipelineConfig config;
    // The council layer repeats names and object ids across rows: the feature id identifies them.
    config.areas = {locality::test::shared_data_path(k_folder + "la_neighborhood_councils_2020.geojson"), ""};
    config.area_id_field = "FID";
    config.cases.push_back({"", {locality::test::shared_data_path(k_folder + "myla311_2018-01_mini.csv"), ""}});
    config.agency_field = "Owner";
    config.k = 8;
    config.output_dir = scratch.file("out");
    config.command_line = {"propose", "(test)"};
    locality::pipeline::run_propose(config);

    const auto summary = nlohmann::json::parse(locality::test::read_text(scratch.file("out/summary.json")));
    // Web Mercator is 21 % off in length at 34 N: areas are measured in a local equal-area projection.
    CHECK(summary["working_crs"]["name"] == "Lambert Azimuthal Equal Area centred on the areas");
    CHECK(summary["localities"]["count"] == 8);
    // The councils leave hairline gaps between them; dissolving would keep them as holes.
    CHECK(summary["localities"]["sliver_holes_filled"].get<int>() > 0);

    // Reprojecting the dissolved localities to WGS 84 once made one invalid, and snapping it failed;
    // and a sliver hole a few centimetres wide had zero area once rounded to 7 decimals.
    const std::string geojson = scratch.file("out/localities.geojson");
    locality::test::check_with_geojson_tool(geojson, scratch);
    auto dataset = locality::test::open_vector(geojson);
    OGRLayer* layer = dataset->GetLayer(0);
    REQUIRE(layer->GetFeatureCount() == 8);
    OGRMultiPolygon all;
    for (const auto& feature : *layer) {
        const OGRGeometry* g = feature->GetGeometryRef();
        REQUIRE(g != nullptr);
        CHECK(g->IsValid());
        const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
        if (type == wkbPolygon) {
            all.addGeometry(g);
        } else {
            for (const OGRGeometry* part : *g->toMultiPolygon()) {
                all.addGeometry(part);
            }
        }
    }
    // Independent truth: the union of the councils measures 1,136.7 km2 in EPSG:6933 (SpatiaLite:
    // st_area(st_transform(st_union(geometry), 6933))). The councils overlap (their areas sum to
    // 1,199.8), so localities that split overlapping councils overlap too: measure their union.
    // In Web Mercator the union would measure about 1.5 times more.
    std::unique_ptr<OGRGeometry> merged(all.UnionCascaded());
    REQUIRE(merged != nullptr);
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference equal_area;
    equal_area.importFromEPSG(6933);
    merged->assignSpatialReference(&wgs84);
    REQUIRE(merged->transformTo(&equal_area) == OGRERR_NONE);
    const double km2 = OGR_G_Area(OGRGeometry::ToHandle(merged.get())) / 1e6;
    CHECK(km2 == Approx(1136.7).epsilon(0.002));
}
