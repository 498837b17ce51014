// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <filesystem>
#include <numeric>

#include "locality/core/error.hpp"
#include "locality/geom/geos_context.hpp"
#include "locality/io/polygon_layer.hpp"
#include "skip.hpp"
#include "test_config.hpp"

using namespace locality;
using namespace locality::io;

namespace {

PolygonLayerOptions fixture(const std::string& name, const std::string& id_field,
                            const std::string& value_field) {
    PolygonLayerOptions options;
    options.source = parse_source(test::data_path("fixtures/" + name));
    options.id_field = id_field;
    options.value_field = value_field;
    return options;
}

std::string nyc_gpkg() { return test::shared_data_path("nyc-nycgeo-boundaries/nyc_boundaries.gpkg"); }

}  // namespace

TEST_CASE("The 3x3 grid reads as nine 1 km squares with populations summing to 4500", "[io]") {
    const PolygonLayer layer = read_polygon_layer(fixture("grid3x3.geojson", "", "pop"));
    REQUIRE(layer.id_field == "cell_id");  // autodetected: ends with "id", unique
    REQUIRE(layer.ids ==
            std::vector<std::string>{"c00", "c01", "c02", "c10", "c11", "c12", "c20", "c21", "c22"});
    REQUIRE(layer.values.size() == 9);
    REQUIRE(std::accumulate(layer.values.begin(), layer.values.end(), 0.0) == Approx(4500.0));
    REQUIRE(layer.values.front() == 100.0);
    REQUIRE(layer.values.back() == 900.0);
    REQUIRE(layer.null_value_ids.empty());
    REQUIRE(layer.empty_geometry_ids.empty());
    REQUIRE(layer.crs.authority_code() == "EPSG:32618");
    REQUIRE(layer.driver == "GeoJSON");
    REQUIRE(layer.extent.min_x == 580000.0);
    REQUIRE(layer.extent.min_y == 4500000.0);
    REQUIRE(layer.extent.max_x == 583000.0);
    REQUIRE(layer.extent.max_y == 4503000.0);
    // Independent check through GEOS: each WKB is a 2D little-endian polygon of 1 km².
    geom::GeosContext ctx;
    for (const auto& wkb : layer.geometries) {
        REQUIRE(wkb.at(0) == 1);
        auto g = geom::from_wkb(ctx, wkb);
        REQUIRE(GEOSGeomTypeId_r(ctx.handle(), g.get()) == GEOS_POLYGON);
        REQUIRE(GEOSHasZ_r(ctx.handle(), g.get()) == 0);
        REQUIRE(geom::area(ctx, g.get()) == Approx(1.0e6));
    }
}

TEST_CASE("Reprojecting the grid to WGS84 and back restores it", "[io]") {
    PolygonLayer layer = read_polygon_layer(fixture("grid3x3.geojson", "cell_id", ""));
    REQUIRE(layer.values.empty());
    const Crs utm = layer.crs;
    reproject(layer, Crs::wgs84());
    REQUIRE(layer.crs.is_geographic());
    // Zone 18 N, 580-583 km east, 4500 km north: around 74.1 W, 40.6 N.
    REQUIRE(layer.extent.min_x == Approx(-74.06).margin(0.02));
    REQUIRE(layer.extent.min_y == Approx(40.65).margin(0.02));
    reproject(layer, utm);
    REQUIRE(layer.extent.min_x == Approx(580000.0).margin(1e-4));
    REQUIRE(layer.extent.max_y == Approx(4503000.0).margin(1e-4));
    geom::GeosContext ctx;
    REQUIRE(geom::area(ctx, geom::from_wkb(ctx, layer.geometries[4]).get()) == Approx(1.0e6).epsilon(1e-6));
}

TEST_CASE("Null, point and collection geometries and text values are handled as documented", "[io]") {
    const PolygonLayer layer = read_polygon_layer(fixture("mixed_areas.geojson", "name", "pop"));
    REQUIRE(layer.ids == std::vector<std::string>{"p1", "p2", "p5", "p6"});
    REQUIRE(layer.values == std::vector<double>{12.5, 0.0, 100.0, 0.0});
    REQUIRE(layer.null_value_ids == std::vector<std::string>{"p2", "p6"});
    REQUIRE(layer.empty_geometry_ids == std::vector<std::string>{"p3", "p4"});
    REQUIRE(layer.extent.min_x == 0.0);
    REQUIRE(layer.extent.min_y == -2.0);
    REQUIRE(layer.extent.max_x == 5.0);
    REQUIRE(layer.extent.max_y == 3.0);
    geom::GeosContext ctx;
    auto p1 = geom::from_wkb(ctx, layer.geometries[0]);
    REQUIRE(GEOSHasZ_r(ctx.handle(), p1.get()) == 0);  // 3D input flattened
    REQUIRE(geom::area(ctx, p1.get()) == Approx(2.0));
    auto p2 = geom::from_wkb(ctx, layer.geometries[1]);
    REQUIRE(GEOSGeomTypeId_r(ctx.handle(), p2.get()) == GEOS_MULTIPOLYGON);
    REQUIRE(geom::area(ctx, p2.get()) == Approx(2.0));
    auto p5 = geom::from_wkb(ctx, layer.geometries[2]);
    REQUIRE(GEOSGeomTypeId_r(ctx.handle(), p5.get()) == GEOS_POLYGON);  // collection reduced to its polygon
    REQUIRE(geom::area(ctx, p5.get()) == Approx(1.0));
}

TEST_CASE("Integer ids are written without decimals; a unique text field, then the feature id, stand in",
          "[io]") {
    const PolygonLayer by_code = read_polygon_layer(fixture("mixed_areas.geojson", "code", ""));
    REQUIRE(by_code.ids == std::vector<std::string>{"101", "102", "105", "106"});
    // No "...id" field: the first text field with unique values names the features.
    const PolygonLayer by_name = read_polygon_layer(fixture("mixed_areas.geojson", "", ""));
    REQUIRE(by_name.id_field == "name");
    REQUIRE(by_name.ids == std::vector<std::string>{"p1", "p2", "p5", "p6"});
    // The only candidate repeats a value: the feature ids are the last resort.
    const PolygonLayer by_fid = read_polygon_layer(fixture("dup_ids.geojson", "", ""));
    REQUIRE(by_fid.id_field == "FID");
    REQUIRE(by_fid.ids == std::vector<std::string>{"0", "1", "2"});
}

TEST_CASE("Duplicate ids are refused by name unless allowed", "[io]") {
    REQUIRE_THROWS_AS(read_polygon_layer(fixture("dup_ids.geojson", "zone_id", "")), InputError);
    REQUIRE_THROWS_WITH(read_polygon_layer(fixture("dup_ids.geojson", "zone_id", "")),
                        Catch::Contains("'a'") && Catch::Contains("zone_id"));
    auto options = fixture("dup_ids.geojson", "zone_id", "pop");
    options.unique_ids = false;
    const PolygonLayer layer = read_polygon_layer(options);
    REQUIRE(layer.ids == std::vector<std::string>{"a", "b", "a"});
    // Autodetection skips the non-unique zone_id and falls back to the feature id.
    REQUIRE(read_polygon_layer(fixture("dup_ids.geojson", "", "")).id_field == "FID");
}

TEST_CASE("A non-numeric value is refused naming the field, the feature and the value", "[io]") {
    REQUIRE_THROWS_AS(read_polygon_layer(fixture("bad_pop.geojson", "zone_id", "pop")), InputError);
    REQUIRE_THROWS_WITH(read_polygon_layer(fixture("bad_pop.geojson", "zone_id", "pop")),
                        Catch::Contains("'pop'") && Catch::Contains("'b'") && Catch::Contains("12 people"));
}

TEST_CASE("A missing field is refused with a suggestion differing only in case", "[io]") {
    REQUIRE_THROWS_WITH(
        read_polygon_layer(fixture("grid3x3.geojson", "CELL_ID", "")),
        Catch::Contains("no id field 'CELL_ID'") && Catch::Contains("did you mean 'cell_id'"));
    REQUIRE_THROWS_WITH(read_polygon_layer(fixture("grid3x3.geojson", "cell_id", "population")),
                        Catch::Contains("'population'") && Catch::Contains("fields: cell_id, pop"));
}

TEST_CASE("A missing file or layer is refused naming the source", "[io]") {
    REQUIRE_THROWS_AS(read_polygon_layer(fixture("no_such_file.gpkg", "", "")), IoError);
    REQUIRE_THROWS_WITH(read_polygon_layer(fixture("no_such_file.gpkg", "", "")),
                        Catch::Contains("cannot open areas") && Catch::Contains("no_such_file.gpkg"));
    REQUIRE_THROWS_AS(read_polygon_layer(fixture("grid3x3.geojson|layername=tracts", "", "")), InputError);
    REQUIRE_THROWS_WITH(read_polygon_layer(fixture("grid3x3.geojson|layername=tracts", "", "")),
                        Catch::Contains("no layer 'tracts'") && Catch::Contains("layers: grid3x3"));
}

TEST_CASE("A layer without polygons is refused", "[io]") {
    REQUIRE_THROWS_WITH(read_polygon_layer(fixture("points_wgs84.geojson", "", "")),
                        Catch::Contains("no polygon features"));
}

TEST_CASE("NYC tracts read as 2166 areas with 8,560,072 people and one null", "[io][shared]") {
    test::skip_unless_present(nyc_gpkg());
    PolygonLayerOptions options;
    options.source = parse_source(nyc_gpkg() + "|layername=tract");
    options.id_field = "geoid";
    options.value_field = "pop_total_est";
    const PolygonLayer layer = read_polygon_layer(options);
    REQUIRE(layer.ids.size() == 2166);
    REQUIRE(layer.geometries.size() == 2166);
    REQUIRE(std::accumulate(layer.values.begin(), layer.values.end(), 0.0) == Approx(8560072.0).margin(0.5));
    REQUIRE(layer.null_value_ids.size() == 1);
    REQUIRE(layer.empty_geometry_ids.empty());
    REQUIRE(layer.crs.authority_code() == "EPSG:2263");
    REQUIRE(layer.driver == "GPKG");
    REQUIRE(layer.ids.front().size() == 11);  // GEOIDs are 11-digit texts

    // Service areas: the id field is found by its name, and the invalid precinct is still read.
    PolygonLayerOptions police;
    police.source = parse_source(nyc_gpkg() + "|layername=police");
    const PolygonLayer precincts = read_polygon_layer(police);
    REQUIRE(precincts.id_field == "police_precinct_id");
    REQUIRE(precincts.ids.size() == 77);

    options.id_field = "GEOID";
    REQUIRE_THROWS_WITH(read_polygon_layer(options), Catch::Contains("did you mean 'geoid'"));
    options.source.layer = "tracts";
    REQUIRE_THROWS_WITH(read_polygon_layer(options), Catch::Contains("no layer 'tracts'") &&
                                                         Catch::Contains("tract, ") &&
                                                         Catch::Contains("police"));
}
