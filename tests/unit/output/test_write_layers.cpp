// SPDX-License-Identifier: MIT
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "locality/core/error.hpp"
#include "locality/io/crs.hpp"
#include "locality/output/output_set.hpp"
#include "locality/output/write_layers.hpp"
#include "skip.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"
#include "text_files.hpp"

namespace fs = std::filesystem;
namespace geom = locality::geom;
namespace out = locality::output;
using namespace locality::test;

namespace {

/** Geometries (WKB) and a few typed properties of every feature of a layer. */
struct Input {
    std::vector<geom::Wkb> geometries;
    out::Table table;
};

// Most decimals among the numbers inside "coordinates" members, as written in the text (parsing to
// double and printing again would not show what the file holds).
class CoordinateDecimals : public nlohmann::json_sax<nlohmann::json> {
public:
    int max_decimals = 0;
    std::size_t count = 0;
    bool exponent = false;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return count_number(""); }
    bool number_unsigned(number_unsigned_t) override { return count_number(""); }
    bool number_float(number_float_t, const string_t& text) override { return count_number(text); }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool end_object() override { return true; }
    bool key(string_t& name) override {
        m_next_is_coordinates = name == "coordinates";
        return true;
    }
    bool start_array(std::size_t) override {
        if (m_next_is_coordinates && m_depth == 0) {
            m_depth = 1;
        } else if (m_depth > 0) {
            ++m_depth;
        }
        m_next_is_coordinates = false;
        return true;
    }
    bool end_array() override {
        if (m_depth > 0) {
            --m_depth;
        }
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }

private:
    bool count_number(const std::string& text) {
        if (m_depth > 0) {
            ++count;
            const auto dot = text.find('.');
            if (dot != std::string::npos) {
                exponent = exponent || text.find_first_of("eE") != std::string::npos;
                max_decimals = std::max(max_decimals, static_cast<int>(text.size() - dot - 1));
            }
        }
        return true;
    }
    int m_depth = 0;
    bool m_next_is_coordinates = false;
};

double signed_area(const nlohmann::json& ring) {
    double twice = 0.0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        twice += ring[i][0].get<double>() * ring[i + 1][1].get<double>() -
                 ring[i + 1][0].get<double>() * ring[i][1].get<double>();
    }
    return twice / 2.0;
}

// RFC 7946 points read from the text itself: no crs member, <= 7 decimals, CCW shells, CW holes.
void check_geojson_text(const fs::path& path, std::size_t features) {
    const auto doc = nlohmann::json::parse(read_text(path));
    CHECK(doc.at("type") == "FeatureCollection");
    CHECK_FALSE(doc.contains("crs"));
    REQUIRE(doc.at("features").size() == features);
    bool in_range = true;
    for (const auto& f : doc.at("features")) {
        const auto& g = f.at("geometry");
        REQUIRE(g.is_object());
        const bool multi = g.at("type") == "MultiPolygon";
        CHECK((multi || g.at("type") == "Polygon"));
        const auto polygons = multi ? g.at("coordinates") : nlohmann::json::array({g.at("coordinates")});
        for (const auto& polygon : polygons) {
            for (std::size_t r = 0; r < polygon.size(); ++r) {
                const double a = signed_area(polygon[r]);
                CHECK((r == 0 ? a > 0.0 : a < 0.0));
                for (const auto& pos : polygon[r]) {
                    in_range = in_range && std::abs(pos[0].get<double>()) <= 180.0 &&
                               std::abs(pos[1].get<double>()) <= 90.0;
                }
            }
        }
    }
    CHECK(in_range);
    CoordinateDecimals sax;
    REQUIRE(nlohmann::json::sax_parse(read_text(path), &sax));
    CHECK(sax.count > 0);
    CHECK_FALSE(sax.exponent);
    CHECK(sax.max_decimals <= 7);
    CHECK(sax.max_decimals >= 5);  // the coordinates were not truncated to whole degrees
}

// Reads `path` back with GDAL: same count, same properties, GEOS-valid, same area once reprojected.
void check_read_back(const fs::path& path, const Input& input, const locality::io::Crs& crs) {
    const auto ds = open_vector(path.string());
    REQUIRE(ds);
    OGRLayer* layer = ds->GetLayer(0);
    REQUIRE(layer != nullptr);
    REQUIRE(layer->GetFeatureCount() == static_cast<GIntBig>(input.geometries.size()));
    OGRSpatialReference source(*crs.ogr());
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const geom::GeosContext ctx;
    std::size_t i = 0;
    for (const auto& feature : *layer) {
        const auto& row = input.table.rows.at(i);
        for (std::size_t c = 0; c < input.table.fields.size(); ++c) {
            const int index = feature->GetFieldIndex(input.table.fields[c].name.c_str());
            REQUIRE(index >= 0);
            if (std::holds_alternative<std::monostate>(row[c])) {
                CHECK(feature->IsFieldNull(index));
            } else if (const auto* v = std::get_if<std::int64_t>(&row[c])) {
                CHECK(feature->GetFieldAsInteger64(index) == *v);
            } else if (const auto* d = std::get_if<double>(&row[c])) {
                CHECK(feature->GetFieldAsDouble(index) == Approx(*d).epsilon(1e-14));
            } else {
                CHECK(std::string(feature->GetFieldAsString(index)) == std::get<std::string>(row[c]));
            }
        }
        OGRGeometry* g = feature->GetGeometryRef();
        REQUIRE(g != nullptr);
        const geom::GeomPtr lonlat(g->exportToGEOS(ctx.handle()), geom::GeomDeleter{ctx.handle()});
        CHECK(GEOSisValid_r(ctx.handle(), lonlat.get()) == 1);
        OGRGeometryUniquePtr back(g->clone());
        back->assignSpatialReference(layer->GetSpatialRef());
        REQUIRE(back->transformTo(&source) == OGRERR_NONE);
        const double expected = geom::area(ctx, geom::from_wkb(ctx, input.geometries[i]).get());
        const double got = geom::area(ctx, geom::from_wkb(ctx, wkb_of(*back)).get());
        CHECK(got == Approx(expected).epsilon(1e-4));
        ++i;
    }
}

// The shared RFC 7946 checker, when this machine has it.
void run_geojson_check(const fs::path& path) {
    const fs::path tool =
        fs::path(locality::test::data_path("")) / ".." / ".." / "shared" / "tools" / "geojson-check";
    if (!fs::exists("/usr/bin/python3") || !fs::exists(tool)) {
        WARN("skipped: geojson-check or /usr/bin/python3 not found");
        return;
    }
    const std::string command =
        "'" + tool.string() + "' '" + path.string() + "' > '" + path.string() + ".log' 2>&1";
    const int status = std::system(command.c_str());
    INFO(read_text(path.string() + ".log"));
    CHECK(status == 0);
}

Input read_layer(const std::string& path, const std::string& layer_name, const std::string& id_field) {
    locality::test::WkbLayer layer = locality::test::read_wkb_layer(path, layer_name, id_field);
    Input input;
    input.geometries = std::move(layer.geometries);
    input.table.fields = {{"id", out::FieldType::string},
                          {"rank", out::FieldType::integer},
                          {"share", out::FieldType::real},
                          {"note", out::FieldType::string}};
    std::int64_t rank = 0;
    for (std::string& id : layer.values) {
        ++rank;
        out::Value note = rank % 2 == 0 ? out::Value{} : out::Value{std::string("odd, \"quoted\" é")};
        input.table.rows.push_back(
            {std::move(id), rank * 1000000007LL, 1.0 / static_cast<double>(rank + 2), note});
    }
    return input;
}

// Writes `input` as GeoJSON, then checks its text, its read-back and the shared RFC 7946 checker.
void write_and_check(const fs::path& path, const Input& input, const locality::io::Crs& crs) {
    out::write_geojson(path.string(), input.table, input.geometries, crs);
    check_geojson_text(path, input.geometries.size());
    check_read_back(path, input, crs);
    run_geojson_check(path);
}

}  // namespace

TEST_CASE("write_geojson writes the 3x3 grid as RFC 7946 lon/lat that reads back the same", "[output]") {
    const TempDir tmp("locality_layers_grid");
    const Input input = read_layer(locality::test::data_path("fixtures/grid3x3.geojson"), "", "cell_id");
    REQUIRE(input.geometries.size() == 9);
    const auto crs = locality::io::Crs::from_user_input("EPSG:32618", "grid");
    write_and_check(tmp.file("grid.geojson"), input, crs);
}

TEST_CASE("write_geojson writes the NYC boroughs valid after reprojection and rounding", "[output][shared]") {
    locality::test::skip_unless_present(locality::test::nyc_gpkg());
    const TempDir tmp("locality_layers_nyc");
    const Input input = read_layer(locality::test::nyc_gpkg(), "borough", "borough_name");
    REQUIRE(input.geometries.size() == 5);
    const auto crs = locality::io::Crs::from_user_input("EPSG:2263", "boroughs");
    write_and_check(tmp.file("boroughs.geojson"), input, crs);
}

TEST_CASE("write_geojson rejects mismatched inputs and names the path it cannot create", "[output]") {
    const TempDir tmp("locality_layers_errors");
    const geom::GeosContext ctx;
    const geom::Wkb square = geom::to_wkb(ctx, geom::make_box(ctx, 0, 0, 1, 1).get());
    out::Table table;
    table.fields = {{"n", out::FieldType::integer}};
    table.rows = {{std::int64_t{1}}};
    const auto wgs84 = locality::io::Crs::wgs84();
    CHECK_THROWS_AS(out::write_geojson(tmp.file("a.geojson"), table, {square, square}, wgs84),
                    locality::InputError);
    // Without a CRS (regionalize on a layer without one) the coordinates are written as they are.
    out::write_geojson(tmp.file("b.geojson"), table, {square}, locality::io::Crs());
    const auto planar = nlohmann::json::parse(read_text(tmp.file("b.geojson")));
    CHECK_FALSE(planar.contains("crs"));
    for (const auto& corner : planar.at("features").at(0).at("geometry").at("coordinates").at(0)) {
        CHECK((corner.at(0) == 0.0 || corner.at(0) == 1.0));
        CHECK((corner.at(1) == 0.0 || corner.at(1) == 1.0));
    }
    const std::string bad = (fs::path(tmp.path()) / "missing-folder" / "c.geojson").string();
    CHECK_THROWS_WITH(out::write_geojson(bad, table, {square}, wgs84), Catch::Contains(bad));
    CHECK_FALSE(fs::exists(tmp.file("a.geojson")));
    // A WGS 84 square written as-is keeps its corners exactly.
    const fs::path ok = tmp.file("ok.geojson");
    out::write_geojson(ok.string(), table, {square}, wgs84, {3, "squares"});
    const auto doc = nlohmann::json::parse(read_text(ok));
    CHECK(doc.at("features").at(0).at("properties").at("n") == 1);
    CHECK(doc.at("features").at(0).at("geometry").at("coordinates").at(0).size() == 5);
}

TEST_CASE("write_geojson: every numeric property reads back as a number; one null in every row is left out",
          "[output]") {
    // GeoJSON has no field types: GDAL (and so QGIS) types a property by its values, and one that
    // is null everywhere (a count withheld in every locality) would open as text.
    const TempDir tmp("locality_layers_types");
    const geom::GeosContext ctx;
    const geom::Wkb a = geom::to_wkb(ctx, geom::make_box(ctx, 0, 0, 1, 1).get());
    const geom::Wkb b = geom::to_wkb(ctx, geom::make_box(ctx, 1, 0, 2, 1).get());
    out::Table table;
    table.fields = {{"locality", out::FieldType::integer}, {"cases_total", out::FieldType::integer},
                    {"rate_total", out::FieldType::real},  {"cases_police", out::FieldType::integer},
                    {"rate_police", out::FieldType::real}, {"suppressed", out::FieldType::string}};
    table.rows = {{std::int64_t{1}, out::Value{}, out::Value{}, std::int64_t{7}, 1.5, out::Value{}},
                  {std::int64_t{2}, out::Value{}, out::Value{}, out::Value{}, out::Value{}, out::Value{}}};
    const fs::path path = tmp.file("types.geojson");
    out::write_geojson(path.string(), table, {a, b}, locality::io::Crs::wgs84());
    const GDALDatasetUniquePtr ds = locality::test::open_vector(path.string());
    OGRFeatureDefn& defn = *ds->GetLayer(0)->GetLayerDefn();
    CHECK(defn.GetFieldIndex("cases_total") < 0);
    CHECK(defn.GetFieldIndex("rate_total") < 0);
    REQUIRE(defn.GetFieldIndex("cases_police") >= 0);
    CHECK(defn.GetFieldDefn(defn.GetFieldIndex("locality"))->GetType() == OFTInteger);
    CHECK(defn.GetFieldDefn(defn.GetFieldIndex("cases_police"))->GetType() == OFTInteger);
    CHECK(defn.GetFieldDefn(defn.GetFieldIndex("rate_police"))->GetType() == OFTReal);
    CHECK(defn.GetFieldIndex("suppressed") >= 0);  // text stays: it reads as text anyway
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        const std::string name = defn.GetFieldDefn(i)->GetNameRef();
        INFO(name);
        CHECK((name == "suppressed" || defn.GetFieldDefn(i)->GetType() != OFTString));
    }
    const out::Table kept = out::without_null_numeric_columns(table);
    REQUIRE(kept.fields.size() == 4);
    CHECK(kept.rows.at(0).at(1) == out::Value{std::int64_t{7}});
}

TEST_CASE("write_csv writes a header, plain integers, precise reals and quotes only when needed",
          "[output]") {
    const TempDir tmp("locality_layers_csv");
    out::Table table;
    table.fields = {
        {"id", out::FieldType::integer}, {"share", out::FieldType::real}, {"name", out::FieldType::string}};
    table.rows = {{std::int64_t{1}, 1.0 / 3.0, std::string("plain")},
                  {std::int64_t{9007199254740993LL}, 2.5, std::string("with, comma")},
                  {std::int64_t{-3}, 123456789.125, std::string("say \"hi\"")},
                  {out::Value{}, out::Value{}, out::Value{}}};
    // A ".tmp" name, as OutputSet stages it: must still be one CSV file.
    const fs::path path = tmp.file(".table.csv.1234.tmp");
    out::write_csv(path.string(), table);
    REQUIRE(fs::is_regular_file(path));
    const std::string text = read_text(path);
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    CHECK(start == text.size());  // ends with a newline, no CR
    REQUIRE(lines.size() == 5);
    CHECK(lines[0] == "id,share,name");
    CHECK(lines[1].rfind("1,0.333333333333333", 0) == 0);
    CHECK(std::abs(std::stod(lines[1].substr(2)) - 1.0 / 3.0) < 1e-14);
    CHECK(lines[1].substr(lines[1].rfind(',')) == ",plain");
    CHECK(lines[2] == "9007199254740993,2.5,\"with, comma\"");
    CHECK(lines[3] == "-3,123456789.125,\"say \"\"hi\"\"\"");
    CHECK(lines[4] == ",,");
}

TEST_CASE("write_geojson writes a null geometry when nothing polygonal survives, and replaces an old file",
          "[output]") {
    const TempDir tmp("locality_layers_empty");
    const geom::GeosContext ctx;
    out::Table table;
    table.fields = {{"name", out::FieldType::string}, {"share", out::FieldType::real}};
    table.rows = {
        {std::string("empty region"), std::nan("")}, {std::string("speck"), 0.5}, {std::string("unit"), 1.0}};
    const std::vector<geom::Wkb> geometries = {
        geom::to_wkb(ctx, geom::from_wkt(ctx, "MULTIPOLYGON EMPTY").get()),
        // Far smaller than the 1e-7 degree grid: collapses when snapped.
        geom::to_wkb(ctx, geom::make_box(ctx, 10.00000001, 10.00000001, 10.00000002, 10.00000002).get()),
        geom::to_wkb(ctx, geom::make_box(ctx, 10, 10, 11, 11).get())};
    const fs::path path = tmp.file("empty.geojson");
    out::write_text_file(path.string(), "not json, replaced");
    out::write_geojson(path.string(), table, geometries, locality::io::Crs::wgs84());
    const auto doc = nlohmann::json::parse(read_text(path));
    REQUIRE(doc.at("features").size() == 3);
    CHECK(doc["features"][0]["geometry"].is_null());
    CHECK(doc["features"][0]["properties"]["share"].is_null());  // NaN is not JSON
    CHECK(doc["features"][1]["geometry"].is_null());
    CHECK(doc["features"][1]["properties"]["name"] == "speck");
    CHECK(doc["features"][2]["geometry"]["type"] == "Polygon");
}
