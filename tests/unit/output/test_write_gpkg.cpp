// SPDX-License-Identifier: MIT
// The GeoPackage writer, checked by reading the file back with GDAL and recomputing with GEOS.
#include <cpl_minixml.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "locality/io/crs.hpp"
#include "locality/output/styles.hpp"
#include "locality/output/write_gpkg.hpp"
#include "temp_dir.hpp"

namespace geom = locality::geom;
namespace out = locality::output;
using locality::test::TempDir;

namespace {

geom::Wkb wkb_of(const geom::GeosContext& ctx, const std::string& wkt) {
    return geom::to_wkb(ctx, geom::from_wkt(ctx, wkt).get());
}

}  // namespace

TEST_CASE("A GeoPackage holds each layer in the working CRS with its style as the default",
          "[output][gpkg]") {
    const geom::GeosContext ctx;
    const TempDir scratch("locality_write_gpkg");
    const std::string path = scratch.file("layers.gpkg");
    const auto crs = locality::io::Crs::from_user_input("EPSG:32618", "test");
    out::GpkgLayer squares{"localities", "two squares", {}, {}, "<qgis>localities</qgis>"};
    squares.properties.fields = {{"locality", out::FieldType::integer}, {"name", out::FieldType::string}};
    squares.properties.rows = {{std::int64_t{1}, std::string("north")}, {std::int64_t{2}, out::Value()}};
    squares.geometries = {
        wkb_of(ctx,
               "POLYGON((500000 4500000, 501000 4500000, 501000 4501000, 500000 4501000, "
               "500000 4500000))"),
        wkb_of(ctx,
               "MULTIPOLYGON(((502000 4500000, 502500 4500000, 502500 4500500, 502000 "
               "4500500, 502000 4500000)),((503000 4500000, 503100 4500000, 503100 4500100, "
               "503000 4500100, 503000 4500000)))")};
    out::GpkgLayer plain{"service_police", "", {}, {}, ""};
    plain.properties.fields = {{"service_area", out::FieldType::string}};
    plain.properties.rows = {{std::string("P1")}};
    plain.geometries = {squares.geometries.front()};
    out::write_gpkg(path, {squares, plain}, crs);

    GDALDatasetUniquePtr ds = locality::test::open_vector(path);
    REQUIRE(std::string(ds->GetDriver()->GetDescription()) == "GPKG");
    OGRLayer& layer = locality::test::layer_of(*ds, "localities", path);
    CHECK(layer.GetFeatureCount() == 2);
    CHECK(wkbFlatten(layer.GetGeomType()) == wkbMultiPolygon);
    REQUIRE(layer.GetSpatialRef() != nullptr);
    CHECK(std::string(layer.GetSpatialRef()->GetAuthorityCode(nullptr)) == "32618");
    // Areas recomputed by GEOS from the file: 1 km2, and 0.25 + 0.01 km2.
    const double expected[] = {1e6, 0.26e6};
    int i = 0;
    for (const auto& feature : layer) {
        const OGRGeometry* g = feature->GetGeometryRef();
        REQUIRE(g != nullptr);
        CHECK(wkbFlatten(g->getGeometryType()) == wkbMultiPolygon);
        std::vector<unsigned char> bytes(static_cast<std::size_t>(g->WkbSize()));
        g->exportToWkb(wkbNDR, bytes.data());
        const geom::GeomPtr back = geom::from_wkb(ctx, bytes);
        CHECK(geom::area(ctx, back.get()) == Approx(expected[i]));
        CHECK(feature->GetFieldAsInteger64("locality") == i + 1);
        ++i;
    }
    OGRFeatureUniquePtr second(layer.GetFeature(2));
    REQUIRE(second);
    CHECK(second->IsFieldNull(second->GetFieldIndex("name")));

    // layer_styles: one default style per styled layer, as QGIS reads it.
    OGRLayer& styles = locality::test::layer_of(*ds, "layer_styles", path);
    CHECK(styles.GetFeatureCount() == 1);
    for (const auto& style : styles) {
        CHECK(std::string(style->GetFieldAsString("f_table_name")) == "localities");
        CHECK(std::string(style->GetFieldAsString("f_geometry_column")) == "geom");
        CHECK(std::string(style->GetFieldAsString("styleQML")) == "<qgis>localities</qgis>");
        CHECK(style->GetFieldAsInteger("useAsDefault") == 1);
    }
    CHECK(locality::test::layer_of(*ds, "service_police", path).GetFeatureCount() == 1);
}

TEST_CASE("The localities style has one category per locality with distinct colours", "[output][styles]") {
    const std::string qml = out::localities_style({{3, 1, 2}, {0, 1, 0}, true, true});
    CPLXMLNode* root = CPLParseXMLString(qml.c_str());
    REQUIRE(root != nullptr);
    CPLXMLNode* qgis = CPLSearchXMLNode(root, "=qgis");
    REQUIRE(qgis != nullptr);
    CHECK(std::string(CPLGetXMLValue(qgis, "renderer-v2.type", "")) == "categorizedSymbol");
    CHECK(std::string(CPLGetXMLValue(qgis, "renderer-v2.attr", "")) == "locality");
    std::vector<std::string> values;
    std::vector<std::string> symbols;
    for (CPLXMLNode* c = CPLGetXMLNode(qgis, "renderer-v2.categories")->psChild; c != nullptr;
         c = c->psNext) {
        if (c->eType == CXT_Element) {
            values.emplace_back(CPLGetXMLValue(c, "value", ""));
            symbols.emplace_back(CPLGetXMLValue(c, "symbol", ""));
        }
    }
    CHECK(values == std::vector<std::string>{"3", "1", "2"});
    CHECK(symbols == std::vector<std::string>{"0", "1", "2"});
    std::vector<std::string> colours;
    for (CPLXMLNode* s = CPLGetXMLNode(qgis, "renderer-v2.symbols")->psChild; s != nullptr; s = s->psNext) {
        if (s->eType != CXT_Element) {
            continue;
        }
        for (CPLXMLNode* o = CPLGetXMLNode(s, "layer.Option")->psChild; o != nullptr; o = o->psNext) {
            if (o->eType == CXT_Element && std::string(CPLGetXMLValue(o, "name", "")) == "color") {
                colours.emplace_back(CPLGetXMLValue(o, "value", ""));
            }
        }
    }
    REQUIRE(colours.size() == 3);
    CHECK(colours[0] != colours[1]);  // palette indices 0, 1, 0
    CHECK(colours[0] == colours[2]);
    const std::string label = CPLGetXMLValue(qgis, "labeling.settings.text-style.fieldName", "");
    CHECK(label.find("\"population\"") != std::string::npos);
    CHECK(label.find("\"cases_total\"") != std::string::npos);
    CPLDestroyXMLNode(root);

    // Without a population the label does not name the field (QGIS would blank every label).
    const std::string no_population = out::localities_style({{1}, {}, false, true});
    CHECK(no_population.find("&quot;population&quot;") == std::string::npos);
}

TEST_CASE("The areas style has one contiguous range per need class and field names are escaped",
          "[output][styles]") {
    const std::string qml = out::areas_style({"low", "2", "3", "4", "high"});
    CPLXMLNode* root = CPLParseXMLString(qml.c_str());
    REQUIRE(root != nullptr);
    CPLXMLNode* qgis = CPLSearchXMLNode(root, "=qgis");
    REQUIRE(qgis != nullptr);
    // QGIS draws no feature whose value is in no range, and a null is in none: the renderer classes
    // an expression that gives an area without a class (no residents, a withheld total, every area
    // of regionalize) the value 0, and the first range holds 0.
    CHECK(std::string(CPLGetXMLValue(qgis, "renderer-v2.attr", "")) == "coalesce(\"need_quintile\", 0)");
    double previous_upper = -0.5;
    std::vector<std::string> labels;
    for (CPLXMLNode* r = CPLGetXMLNode(qgis, "renderer-v2.ranges")->psChild; r != nullptr; r = r->psNext) {
        if (r->eType == CXT_Element) {
            CHECK(CPLAtof(CPLGetXMLValue(r, "lower", "")) == previous_upper);
            previous_upper = CPLAtof(CPLGetXMLValue(r, "upper", ""));
            labels.emplace_back(CPLGetXMLValue(r, "label", ""));
        }
    }
    CHECK(labels == std::vector<std::string>{"no class (no residents, or its count withheld)", "low", "2",
                                             "3", "4", "high"});
    CHECK(previous_upper == 5.5);
    CPLDestroyXMLNode(root);

    const std::string odd = "id \"<&>'";
    CPLXMLNode* service = CPLParseXMLString(out::service_areas_style(odd).c_str());
    REQUIRE(service != nullptr);
    CHECK(std::string(CPLGetXMLValue(CPLSearchXMLNode(service, "=qgis"),
                                     "labeling.settings.text-style.fieldName", "")) == odd);
    CPLDestroyXMLNode(service);
}
