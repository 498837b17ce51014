// SPDX-License-Identifier: MIT
// Scenario sweeps: one proposal per k, each the same as the single run of that k, and their layers
// in one GeoPackage, read back with GDAL.
#include <cpl_minixml.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "grid_proposal.hpp"
#include "locality/core/error.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"
#include "text_files.hpp"

namespace fs = std::filesystem;
using locality::test::grid_proposal_config;
using locality::test::TempDir;

namespace {

/** Column `name` of a CSV with a header, one value per row. */
std::vector<std::string> column(const std::vector<std::vector<std::string>>& rows, const std::string& name) {
    const auto& header = rows.front();
    const auto at = static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    REQUIRE(at < header.size());
    std::vector<std::string> out;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        out.push_back(rows[r].at(at));
    }
    return out;
}

/** The names of the files in `folder` that are not hidden (staging files are). */
std::set<std::string> visible_files(const std::string& folder) {
    std::set<std::string> out;
    for (const auto& entry : fs::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        if (name.front() != '.') {
            out.insert(name);
        }
    }
    return out;
}

std::set<std::string> file_names(const std::vector<std::string>& paths) {
    std::set<std::string> out;
    for (const std::string& path : paths) {
        out.insert(fs::path(path).filename().string());
    }
    return out;
}

/** A feature's fields by name, as text (empty for null), and whether each is null. */
std::map<std::string, std::string> fields_of(const OGRFeature& feature) {
    std::map<std::string, std::string> out;
    for (int i = 0; i < feature.GetFieldCount(); ++i) {
        const std::string name = feature.GetFieldDefnRef(i)->GetNameRef();
        out[name] = feature.IsFieldSetAndNotNull(i) ? feature.GetFieldAsString(i) : "(null)";
    }
    return out;
}

/** Each feature of a layer by its integer `key` field. */
std::map<std::int64_t, OGRFeatureUniquePtr> features_by(OGRLayer& layer, const char* key) {
    std::map<std::int64_t, OGRFeatureUniquePtr> out;
    layer.ResetReading();
    for (OGRFeatureUniquePtr feature(layer.GetNextFeature()); feature;
         feature.reset(layer.GetNextFeature())) {
        const std::int64_t id = feature->GetFieldAsInteger64(key);
        out.emplace(id, std::move(feature));
    }
    return out;
}

/** The category values and labels of a categorised QGIS style, and the field it classifies. */
struct Categories {
    std::string attribute;
    std::vector<std::string> values;
    std::vector<std::string> labels;
};

Categories categories_of(const std::string& qml) {
    CPLXMLNode* root = CPLParseXMLString(qml.c_str());
    REQUIRE(root != nullptr);
    Categories out;
    const CPLXMLNode* qgis = CPLSearchXMLNode(root, "=qgis");
    REQUIRE(qgis != nullptr);
    out.attribute = CPLGetXMLValue(qgis, "renderer-v2.attr", "");
    const CPLXMLNode* list = CPLGetXMLNode(qgis, "renderer-v2.categories");
    for (const CPLXMLNode* c = list != nullptr ? list->psChild : nullptr; c != nullptr; c = c->psNext) {
        if (c->eType == CXT_Element) {
            out.values.emplace_back(CPLGetXMLValue(c, "value", ""));
            out.labels.emplace_back(CPLGetXMLValue(c, "label", ""));
        }
    }
    CPLDestroyXMLNode(root);
    return out;
}

/** Area of a feature's geometry, measured by OGR in `srs` (its own CRS when null). */
double area_of(const OGRFeature& feature, OGRSpatialReference* srs = nullptr) {
    const OGRGeometry* g = feature.GetGeometryRef();
    REQUIRE(g != nullptr);
    OGRGeometryUniquePtr copy(g->clone());
    if (srs != nullptr) {
        REQUIRE(copy->transformTo(srs) == OGRERR_NONE);
    }
    return OGR_G_Area(OGRGeometry::ToHandle(copy.get()));
}

}  // namespace

TEST_CASE("A sweep over k writes one layer per k, each the single run with that k, counts protected jointly",
          "[pipeline][scenarios]") {
    const TempDir scratch("locality_scenarios");
    locality::pipeline::ProposeOptions sweep = grid_proposal_config(scratch.file("sweep"));
    sweep.k_sweep = {2, 3, 4};
    const auto result = locality::pipeline::run_propose(sweep);
    // geojson, qml, csv per scenario; scenarios.gpkg, scenarios.csv, summary, report
    CHECK(result.files.size() == 3 * 3 + 4);

    const auto rows = locality::test::read_csv_file(scratch.file("sweep/scenarios.csv"));
    REQUIRE(rows.size() == 4);
    CHECK(column(rows, "scenario") == std::vector<std::string>{"k02", "k03", "k04"});
    CHECK(column(rows, "localities") == std::vector<std::string>{"2", "3", "4"});
    const nlohmann::json summary =
        nlohmann::json::parse(locality::test::read_text(scratch.file("sweep/summary.json")));
    REQUIRE(summary.at("scenarios").size() == 3);
    CHECK(summary.at("scenarios_shown") == "k02");
    // Scenarios are protected together (decision 0032): no warning about differencing them.
    const auto& warnings = summary.at("warnings");
    CHECK(std::none_of(warnings.begin(), warnings.end(), [](const nlohmann::json& w) {
        return w.get<std::string>().find("subtracting overlapping localities") != std::string::npos;
    }));
    CHECK(summary.at("disclosure").at("jointly_audited") == true);

    for (const int k : {2, 3, 4}) {
        INFO("k = " << k);
        const std::string tag = "k0" + std::to_string(k);
        locality::pipeline::ProposeOptions single = grid_proposal_config(scratch.file("single" + tag));
        single.k = k;
        locality::pipeline::run_propose(single);
        CHECK(locality::test::read_text(scratch.file("sweep/assignment_" + tag + ".csv")) ==
              locality::test::read_text(scratch.file("single" + tag + "/assignment.csv")));
        // The same localities; their counts are protected with the other scenarios', so a count
        // published in both is the same, and the sweep withholds at least what the run alone does.
        const nlohmann::json swept = nlohmann::json::parse(
            locality::test::read_text(scratch.file("sweep/localities_" + tag + ".geojson")));
        const nlohmann::json alone = nlohmann::json::parse(
            locality::test::read_text(scratch.file("single" + tag + "/localities.geojson")));
        REQUIRE(swept.at("features").size() == alone.at("features").size());
        for (std::size_t f = 0; f < swept.at("features").size(); ++f) {
            const auto& a = swept.at("features")[f];
            const auto& b = alone.at("features")[f];
            CHECK(a.at("geometry") == b.at("geometry"));
            for (const auto& [name, value] : a.at("properties").items()) {
                if (name.rfind("cases_", 0) == 0 && !value.is_null() && b.at("properties").contains(name) &&
                    !b.at("properties").at(name).is_null()) {
                    CHECK(value == b.at("properties").at(name));
                }
            }
        }
        CHECK(fs::exists(scratch.file("sweep/localities_" + tag + ".qml")));
        const nlohmann::json one =
            nlohmann::json::parse(locality::test::read_text(scratch.file("single" + tag + "/summary.json")));
        const nlohmann::json& row = summary.at("scenarios").at(static_cast<std::size_t>(k - 2));
        CHECK(row.at("within_ss").get<double>() ==
              Approx(one.at("localities").at("within_ss").get<double>()));
        CHECK(row.at("share_explained").get<double>() ==
              Approx(one.at("localities").at("share_explained").get<double>()));
        // Balance from the single run's populations.
        double low = 1e300;
        double high = 0.0;
        for (const auto& l : one.at("localities").at("localities")) {
            low = std::min(low, l.at("population").get<double>());
            high = std::max(high, l.at("population").get<double>());
        }
        CHECK(row.at("population_max_min_ratio").get<double>() == Approx(high / low).epsilon(1e-4));
        // Each of the two halves is split across at least one and at most k localities.
        const double per_half = row.at("localities_per_halves_area").get<double>();
        CHECK((per_half >= 1.0 && per_half <= k));
        // Polsby-Popper of unions of square cells: at most pi/4 (a square), more than 0.
        const double pp = row.at("mean_polsby_popper").get<double>();
        CHECK((pp > 0.0 && pp <= 0.7854));
    }
    // More localities explain more of the variation (or as much).
    CHECK(summary.at("scenarios")[2].at("share_explained").get<double>() >=
          summary.at("scenarios")[0].at("share_explained").get<double>());
    const std::string report = locality::test::read_text(scratch.file("sweep/report.html"));
    CHECK(report.find("<section id=\"scenarios\">") != std::string::npos);
}

TEST_CASE("A sweep over population floors names its scenarios by floor", "[pipeline][scenarios]") {
    const TempDir scratch("locality_scenarios_floor");
    locality::pipeline::ProposeOptions sweep = grid_proposal_config(scratch.file("out"));
    sweep.min_population_sweep = {500, 1000};
    locality::pipeline::run_propose(sweep);
    const auto rows = locality::test::read_csv_file(scratch.file("out/scenarios.csv"));
    REQUIRE(rows.size() == 3);
    CHECK(column(rows, "scenario") == std::vector<std::string>{"min500", "min1000"});
    CHECK(fs::exists(scratch.file("out/localities_min1000.geojson")));
}

TEST_CASE("A sweep refuses an infeasible scenario before writing anything", "[pipeline][scenarios]") {
    const TempDir scratch("locality_scenarios_bad");
    locality::pipeline::ProposeOptions sweep = grid_proposal_config(scratch.file("out"));
    sweep.k_sweep = {2, 10};  // 9 areas
    CHECK_THROWS_AS(locality::pipeline::run_propose(sweep), locality::InfeasibleError);
    CHECK_FALSE(fs::exists(scratch.file("out/scenarios.csv")));
    CHECK_FALSE(fs::exists(scratch.file("out/localities_k02.geojson")));
}

TEST_CASE("A sweep writes every scenario into scenarios.gpkg, as in its GeoJSON and assignment",
          "[pipeline][scenarios]") {
    const TempDir scratch("locality_scenarios_gpkg");
    locality::pipeline::ProposeOptions sweep = grid_proposal_config(scratch.file("out"));
    sweep.k_sweep = {2, 3, 4};
    const auto result = locality::pipeline::run_propose(sweep);
    // The run lists exactly what it wrote.
    CHECK(visible_files(scratch.file("out")) == file_names(result.files));
    CHECK(fs::exists(scratch.file("out/scenarios.gpkg")));
    const nlohmann::json summary =
        nlohmann::json::parse(locality::test::read_text(scratch.file("out/summary.json")));
    CHECK(file_names(summary.at("outputs").get<std::vector<std::string>>()) == file_names(result.files));
    const std::string report = locality::test::read_text(scratch.file("out/report.html"));
    CHECK(report.find("localities_SCENARIO of scenarios.gpkg") != std::string::npos);

    const std::string path = scratch.file("out/scenarios.gpkg");
    GDALDatasetUniquePtr gpkg = locality::test::open_vector(path);
    REQUIRE(std::string(gpkg->GetDriver()->GetDescription()) == "GPKG");
    std::set<std::string> layer_names;
    for (OGRLayer* layer : gpkg->GetLayers()) {
        layer_names.insert(layer->GetName());
    }
    CHECK(layer_names == std::set<std::string>{"localities_k02", "localities_k03", "localities_k04", "areas",
                                               "service_halves", "layer_styles"});
    OGRLayer& areas = locality::test::layer_of(*gpkg, "areas", path);
    OGRLayer& styles = locality::test::layer_of(*gpkg, "layer_styles", path);
    const auto csv = locality::test::read_csv_file(scratch.file("out/scenarios.csv"));

    for (const int k : {2, 3, 4}) {
        const std::string tag = "k0" + std::to_string(k);
        INFO("scenario " << tag);
        OGRLayer& layer = locality::test::layer_of(*gpkg, "localities_" + tag, path);
        const char* description = layer.GetMetadataItem("DESCRIPTION");
        REQUIRE(description != nullptr);
        CHECK(std::string(description) == "Scenario " + tag + ": " + std::to_string(k) + " localities");
        CHECK(std::to_string(layer.GetFeatureCount()) ==
              column(csv, "localities").at(static_cast<std::size_t>(k - 2)));

        // The same localities with the same properties as the scenario's GeoJSON (read with GDAL too).
        const std::string geojson_path = scratch.file("out/localities_" + tag + ".geojson");
        GDALDatasetUniquePtr geojson = locality::test::open_vector(geojson_path);
        OGRLayer& expected = locality::test::layer_of(*geojson, "", geojson_path);
        const auto from_gpkg = features_by(layer, "locality");
        const auto from_geojson = features_by(expected, "locality");
        REQUIRE(from_gpkg.size() == static_cast<std::size_t>(k));
        REQUIRE(from_geojson.size() == from_gpkg.size());
        // The same ground: the GeoJSON brought back to the GeoPackage's CRS (the working CRS) covers
        // the same area, in all (the 9 km2 grid) and locality by locality up to the GeoJSON's rounding
        // to 7 decimals of a degree (about 1 cm: a few m2 along a 4 to 8 km boundary, < 5e-5).
        double gpkg_total = 0.0;
        double geojson_total = 0.0;
        for (const auto& [locality, feature] : from_gpkg) {
            INFO("locality " << locality);
            REQUIRE(from_geojson.count(locality) == 1);
            // The GeoJSON leaves out a numeric field null in every locality (it would open as text).
            std::map<std::string, std::string> in_gpkg = fields_of(*feature);
            const std::map<std::string, std::string> in_geojson = fields_of(*from_geojson.at(locality));
            for (auto field = in_gpkg.begin(); field != in_gpkg.end();) {
                if (in_geojson.count(field->first) == 0) {
                    INFO("field " << field->first << " only in the GeoPackage");
                    CHECK(field->second == "(null)");
                    field = in_gpkg.erase(field);
                } else {
                    ++field;
                }
            }
            CHECK(in_gpkg == in_geojson);
            const double area = area_of(*feature);
            const double geojson_area = area_of(*from_geojson.at(locality), layer.GetSpatialRef());
            CHECK(geojson_area == Approx(area).epsilon(5e-5));
            gpkg_total += area;
            geojson_total += geojson_area;
        }
        CHECK(gpkg_total == Approx(9e6).epsilon(1e-9));
        CHECK(geojson_total == Approx(gpkg_total).epsilon(1e-6));

        // The areas layer's column for this scenario is its assignment.
        const auto assignment = locality::test::read_csv_file(scratch.file("out/assignment_" + tag + ".csv"));
        std::map<std::string, std::string> locality_of;
        const auto ids = column(assignment, "area_id");
        const auto localities = column(assignment, "locality");
        for (std::size_t r = 0; r < ids.size(); ++r) {
            locality_of[ids[r]] = localities[r];
        }
        std::map<std::string, std::string> in_gpkg;
        areas.ResetReading();
        for (const auto& feature : areas) {
            // One call at a time: each GetFieldAsString frees the text the previous one made for a number.
            const std::string id = feature->GetFieldAsString("area_id");
            in_gpkg[id] = feature->GetFieldAsString(("locality_" + tag).c_str());
        }
        CHECK(in_gpkg == locality_of);
        CHECK(locality_of.size() == 9);

        // Its default style, categorised by locality, one category per locality.
        styles.SetAttributeFilter(("f_table_name = 'localities_" + tag + "'").c_str());
        CHECK(styles.GetFeatureCount() == 1);
        styles.ResetReading();
        OGRFeatureUniquePtr style(styles.GetNextFeature());
        REQUIRE(style);
        CHECK(style->GetFieldAsInteger("useAsDefault") == 1);
        const Categories categories = categories_of(style->GetFieldAsString("styleQML"));
        CHECK(categories.attribute == "locality");
        std::vector<std::string> values;
        std::vector<std::string> labels;
        for (const auto& item : from_gpkg) {
            values.push_back(std::to_string(item.first));
            labels.push_back("Locality " + std::to_string(item.first));
        }
        CHECK(categories.values == values);
        CHECK(categories.labels == labels);
    }
    // The areas and service layers are styled too; the service areas count each scenario's localities.
    styles.SetAttributeFilter("f_table_name IN ('areas', 'service_halves')");
    CHECK(styles.GetFeatureCount() == 2);
    OGRLayer& halves = locality::test::layer_of(*gpkg, "service_halves", path);
    CHECK(halves.GetFeatureCount() == 2);
    for (const auto& feature : halves) {
        for (const char* tag : {"k02", "k03", "k04"}) {
            const int n = feature->GetFieldAsInteger((std::string("localities_") + tag).c_str());
            CHECK((n >= 1 && n <= tag[2] - '0'));
        }
    }
}

namespace {

/** Runs the k = 2, 3 sweep in `formats` into `folder`; returns the files it wrote, which must be those it
 * lists. */
std::set<std::string> sweep_files(const std::string& folder,
                                  const std::vector<locality::pipeline::OutputFormat>& formats) {
    locality::pipeline::ProposeOptions sweep = grid_proposal_config(folder);
    sweep.k_sweep = {2, 3};
    sweep.formats = formats;
    const auto result = locality::pipeline::run_propose(sweep);
    CHECK(file_names(result.files) == visible_files(folder));
    return visible_files(folder);
}

}  // namespace

TEST_CASE("A sweep writes only the formats asked for", "[pipeline][scenarios]") {
    const TempDir scratch("locality_scenarios_formats");
    SECTION("GeoJSON only: no scenarios.gpkg") {
        CHECK(sweep_files(scratch.file("out"), {locality::pipeline::OutputFormat::geojson}) ==
              std::set<std::string>{"localities_k02.geojson", "localities_k02.qml", "assignment_k02.csv",
                                    "localities_k03.geojson", "localities_k03.qml", "assignment_k03.csv",
                                    "scenarios.csv", "summary.json", "report.html"});
        const std::string report = locality::test::read_text(scratch.file("out/report.html"));
        CHECK(report.find("scenarios.gpkg") == std::string::npos);
    }
    SECTION("GeoPackage only: no GeoJSON or QML per scenario") {
        CHECK(sweep_files(scratch.file("out"), {locality::pipeline::OutputFormat::gpkg}) ==
              std::set<std::string>{"assignment_k02.csv", "assignment_k03.csv", "scenarios.gpkg",
                                    "scenarios.csv", "summary.json", "report.html"});
        GDALDatasetUniquePtr gpkg = locality::test::open_vector(scratch.file("out/scenarios.gpkg"));
        CHECK(locality::test::layer_of(*gpkg, "localities_k03", "scenarios.gpkg").GetFeatureCount() == 3);
    }
}
