// SPDX-License-Identifier: MIT
// Locality profiles and alignment on the 3 x 3 grid, against figures computed by hand, and on the NYC
// demo against GEOS recomputed from the GeoPackage.
#include <cpl_minixml.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "grid_proposal.hpp"
#include "locality/geom/geos_context.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "pipeline/profiles.hpp"
#include "pipeline_truth.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"
#include "text_files.hpp"

using json = nlohmann::json;
using locality::test::TempDir;

namespace {

/** The grid proposal of tests/e2e/propose_grid (k = 3) with the two service halves. */
locality::pipeline::ProposeOptions grid_config(const std::string& output, std::int64_t suppress_below) {
    locality::pipeline::ProposeOptions config = locality::test::grid_proposal_config(output);
    config.k = 3;
    config.suppress_below = suppress_below;
    return config;
}

// (observed - expected) / sqrt(expected), expected = population share x the agency's 7-case total.
double poisson_z(double observed, double population, double agency_total) {
    const double expected = population / 4500.0 * agency_total;
    return (observed - expected) / std::sqrt(expected);
}

}  // namespace

TEST_CASE("Grid localities have the hand-computed rates, z-scores, compactness and alignment",
          "[pipeline][profiles]") {
    const TempDir scratch("locality_profiles_grid");
    locality::pipeline::run_propose(grid_config(scratch.file("out"), 0));
    const json summary = json::parse(locality::test::read_text(scratch.file("out/summary.json")));
    const json& list = summary.at("localities").at("localities");
    REQUIRE(list.size() == 3);
    // Localities (tests/e2e/propose_grid): 1 = c00 (100 residents; health 2, police 1),
    // 2 = c01 c02 c10 c11 c12 c22 (2,900; police 2), 3 = c20 c21 (1,500; schools 2).
    // Agency totals: police 3, health 2, schools 2, of 4,500 residents.
    const json& l1 = list.at(0);
    const json& l2 = list.at(1);
    const json& l3 = list.at(2);
    CHECK(l1.at("rate_total").get<double>() == Approx(30.0));
    CHECK(l1.at("rates_per_1000").at("health").get<double>() == Approx(20.0));
    CHECK(l1.at("rates_per_1000").at("police").get<double>() == Approx(10.0));
    CHECK(l2.at("rates_per_1000").at("police").get<double>() == Approx(1000.0 * 2 / 2900).margin(5e-4));
    CHECK(l1.at("need_z").at("health").get<double>() == Approx(poisson_z(2, 100, 2)).margin(5e-4));  // 9.276
    CHECK(l1.at("need_z").at("police").get<double>() == Approx(poisson_z(1, 100, 3)).margin(5e-4));  // 3.615
    CHECK(l1.at("need_z").at("schools").get<double>() ==
          Approx(poisson_z(0, 100, 2)).margin(5e-4));  // -0.211
    CHECK(l2.at("need_z").at("police").get<double>() == Approx(poisson_z(2, 2900, 3)).margin(5e-4));  // 0.048
    CHECK(l3.at("need_z").at("schools").get<double>() ==
          Approx(poisson_z(2, 1500, 2)).margin(5e-4));  // 1.633
    CHECK(l1.at("over_represented") == json::array({"health", "police"}));
    CHECK(l2.at("over_represented") == json::array({"police"}));
    CHECK(l3.at("over_represented") == json::array({"schools"}));
    // Polsby-Popper 4 pi A / P^2: a 1 km square, an L of 6 km2 with a 12 km perimeter, a 2 x 1 km block.
    const double pi = std::acos(-1.0);
    CHECK(l1.at("polsby_popper").get<double>() == Approx(pi / 4).margin(5e-5));
    CHECK(l2.at("polsby_popper").get<double>() == Approx(4 * pi * 6 / 144).margin(5e-5));
    CHECK(l3.at("polsby_popper").get<double>() == Approx(4 * pi * 2 / 36).margin(5e-5));
    // Halves: W holds column 0 and the west half of column 1, E the rest.
    // Locality 2: W 2 km2 (c01, c11 halves, c10), E 4 km2; its cases: c01's split 0.5/0.5, c22's in E.
    CHECK(l1.at("alignment").at("halves") ==
          json({{"touched", 1}, {"dominant", "W"}, {"dominant_case_share", 1.0}, {"service_areas", {"W"}}}));
    CHECK(l2.at("alignment").at("halves") == json({{"touched", 2},
                                                   {"dominant", "E"},
                                                   {"dominant_case_share", 0.75},
                                                   {"service_areas", {"E", "W"}}}));
    CHECK(l3.at("alignment").at("halves") == json({{"touched", 2},
                                                   {"dominant", "W"},
                                                   {"dominant_case_share", 0.75},
                                                   {"service_areas", {"W", "E"}}}));
    // W reaches all three localities, E localities 2 and 3 (0.5 of its 4.5 km2 in locality 3).
    const json& halves = summary.at("alignment").at("halves");
    CHECK(halves.at("localities_per_service_area") == json({{"W", 3}, {"E", 2}}));
    CHECK(halves.at("service_areas_by_localities") == json({{"2", 1}, {"3", 1}}));
    CHECK(halves.at("mean_localities_per_service_area").get<double>() == Approx(2.5));

    // The same figures in the GeoPackage's localities layer, and the split in its service layer.
    GDALDatasetUniquePtr gpkg = locality::test::open_vector(scratch.file("out/localities.gpkg"));
    OGRLayer& localities = locality::test::layer_of(*gpkg, "localities", "localities.gpkg");
    OGRFeatureUniquePtr first(localities.GetNextFeature());
    REQUIRE(first);
    CHECK(first->GetFieldAsDouble("z_health") == Approx(poisson_z(2, 100, 2)).margin(5e-4));
    CHECK(std::string(first->GetFieldAsString("over_represented")) == "health,police");
    CHECK(std::string(first->GetFieldAsString("halves_ids")) == "W");
    // Map colours: localities 1 and 2, and 2 and 3, are neighbours, 1 and 3 are not: the first colour
    // serves 1 and 3, the second 2.
    OGRLayer& styles = locality::test::layer_of(*gpkg, "layer_styles", "localities.gpkg");
    styles.SetAttributeFilter("f_table_name = 'localities'");
    OGRFeatureUniquePtr style(styles.GetNextFeature());
    REQUIRE(style);
    CPLXMLNode* qml = CPLParseXMLString(style->GetFieldAsString("styleQML"));
    REQUIRE(qml != nullptr);
    std::vector<std::string> colours;
    for (CPLXMLNode* s = CPLGetXMLNode(CPLSearchXMLNode(qml, "=qgis"), "renderer-v2.symbols")->psChild;
         s != nullptr; s = s->psNext) {
        for (CPLXMLNode* o = s->eType == CXT_Element ? CPLGetXMLNode(s, "layer.Option")->psChild : nullptr;
             o != nullptr; o = o->psNext) {
            if (o->eType == CXT_Element && std::string(CPLGetXMLValue(o, "name", "")) == "color") {
                colours.emplace_back(CPLGetXMLValue(o, "value", ""));
            }
        }
    }
    CPLDestroyXMLNode(qml);
    REQUIRE(colours.size() == 3);
    CHECK(colours[0] == colours[2]);
    CHECK(colours[0] != colours[1]);
    OGRLayer& service = locality::test::layer_of(*gpkg, "service_halves", "localities.gpkg");
    for (const auto& feature : service) {
        const std::string id = feature->GetFieldAsString("service_area");
        CHECK(feature->GetFieldAsInteger("localities") == (id == "W" ? 3 : 2));
    }
}

namespace {

namespace geom = locality::geom;

/** Every feature of a GeoPackage layer as GEOS geometry with one text field. */
struct Shapes {
    std::vector<geom::GeomPtr> shapes;
    std::vector<std::string> keys;
    std::vector<OGRFeatureUniquePtr> features;
};

Shapes read_shapes(GDALDataset& ds, const std::string& layer_name, const char* key,
                   const geom::GeosContext& ctx) {
    Shapes out;
    OGRLayer& layer = locality::test::layer_of(ds, layer_name, layer_name);
    for (auto& feature : layer) {
        const OGRGeometry* g = feature->GetGeometryRef();
        REQUIRE(g != nullptr);
        std::vector<unsigned char> bytes(static_cast<std::size_t>(g->WkbSize()));
        g->exportToWkb(wkbNDR, bytes.data());
        out.shapes.push_back(geom::from_wkb(ctx, bytes));
        out.keys.emplace_back(feature->GetFieldAsString(key));
        out.features.emplace_back(feature.release());
    }
    return out;
}

std::set<std::string> split_ids(const std::string& text) {
    std::set<std::string> out;
    std::stringstream stream(text);
    std::string id;
    while (std::getline(stream, id, ',')) {
        out.insert(id);
    }
    return out;
}

}  // namespace

TEST_CASE("Manhattan localities: compactness and police alignment agree with GEOS on the GeoPackage",
          "[pipeline][profiles]") {
    const TempDir scratch("locality_profiles_mn");
    const std::string demo = locality::test::data_path("demo/nyc_demo.gpkg");
    const std::string areas = locality::test::write_manhattan_tracts(scratch.file("manhattan.gpkg"));
    locality::pipeline::ProposeOptions config;
    config.areas = {areas, "tract"};
    config.area_id_field = "geoid";
    config.population_field = "population";
    config.cases.push_back({"", {locality::test::data_path("demo/nyc311_2018-06.csv"), ""}});
    config.agency_field = "Agency";
    config.service_areas.push_back({"police", {demo, "police"}});
    config.k = 8;
    config.formats = {locality::pipeline::OutputFormat::gpkg};
    config.output_dir = scratch.file("out");
    config.command_line = {"propose", "(test)"};
    locality::pipeline::run_propose(config);

    const geom::GeosContext ctx;
    GEOSContextHandle_t h = ctx.handle();
    GDALDatasetUniquePtr gpkg = locality::test::open_vector(scratch.file("out/localities.gpkg"));
    const Shapes localities = read_shapes(*gpkg, "localities", "locality", ctx);
    const Shapes police = read_shapes(*gpkg, "service_police", "service_area", ctx);
    REQUIRE(localities.shapes.size() == 8);
    REQUIRE(police.shapes.size() == 77);
    // overlap[l][p]: the area of locality l inside precinct p, by GEOS on the published geometries.
    std::vector<std::vector<double>> overlap(8, std::vector<double>(police.shapes.size(), 0.0));
    // The run sums the tracts' shares; GEOS here intersects the dissolved outline. They differ only by
    // the filled gaps between tracts, which matters only for a share within 10% of the 1% floor.
    auto sure = [](double share) { return share >= 0.011; };
    auto maybe = [](double share) { return share > 0.009 && share < 0.011; };
    std::size_t sure_touches = 0;
    for (std::size_t l = 0; l < 8; ++l) {
        INFO("locality " << localities.keys[l]);
        const OGRFeature& f = *localities.features[l];
        const double area = geom::area(ctx, localities.shapes[l].get());
        double perimeter = 0.0;
        GEOSLength_r(h, localities.shapes[l].get(), &perimeter);
        CHECK(f.GetFieldAsDouble("polsby_popper") ==
              Approx(4 * std::acos(-1.0) * area / (perimeter * perimeter)).margin(1e-4));
        CHECK(f.GetFieldAsDouble("area_km2") == Approx(area / 1e6).margin(1e-4));
        const std::set<std::string> ids = split_ids(f.GetFieldAsString("police_ids"));
        CHECK(f.GetFieldAsInteger("police_touched") == static_cast<int>(ids.size()));
        for (std::size_t p = 0; p < police.shapes.size(); ++p) {
            const geom::GeomPtr common =
                geom::check(ctx, GEOSIntersection_r(h, localities.shapes[l].get(), police.shapes[p].get()));
            overlap[l][p] = geom::area(ctx, common.get());
            const double share = overlap[l][p] / area;
            INFO("precinct " << police.keys[p] << ": " << share << " of the locality");
            if (sure(share)) {
                CHECK(ids.count(police.keys[p]) == 1);
                ++sure_touches;
            } else if (!maybe(share)) {
                CHECK(ids.count(police.keys[p]) == 0);
            }
        }
    }
    CHECK(sure_touches > 8);  // localities draw on several precincts: the check has something to check
    for (std::size_t p = 0; p < police.shapes.size(); ++p) {
        double covered = 0.0;
        for (std::size_t l = 0; l < 8; ++l) {
            covered += overlap[l][p];
        }
        int low = 0;
        int high = 0;
        for (std::size_t l = 0; l < 8; ++l) {
            const double share = covered > 0.0 ? overlap[l][p] / covered : 0.0;
            low += sure(share) ? 1 : 0;
            high += sure(share) || maybe(share) ? 1 : 0;
        }
        INFO("precinct " << police.keys[p]);
        const int published = police.features[p]->GetFieldAsInteger("localities");
        CHECK((published >= low && published <= high));
    }
}

TEST_CASE("Map colours: localities touching or closer than the tolerance never share a colour",
          "[pipeline][profiles]") {
    namespace geom = locality::geom;
    const geom::GeosContext ctx;
    // A touches B (above it); C lies 0.5 m right of A and 0.5 m from B's corner (neighbours at a 1 m
    // tolerance, not at 0.1 m); D is far from everything; E's detailed boundary (400 vertices) runs
    // 2 m left of A and about 2 m from B's corner.
    std::string detailed = "POLYGON((-3 0";
    for (int i = 1; i < 400; ++i) {
        detailed += ", " + std::to_string(-2.0 - 0.001 * (i % 2)) + " " + std::to_string(10.0 * i / 400.0);
    }
    detailed += ", -3 10, -3 0))";
    std::vector<geom::Wkb> shapes;
    for (const std::string& wkt : std::vector<std::string>{
             "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", "POLYGON((0 10, 10 10, 10 20, 0 20, 0 10))",
             "POLYGON((10.5 0, 20 0, 20 10, 10.5 10, 10.5 0))",
             "POLYGON((100 100, 110 100, 110 110, 100 110, 100 100))", detailed}) {
        shapes.push_back(geom::to_wkb(ctx, geom::from_wkt(ctx, wkt).get()));
    }
    // Greedy in order, the first colour no earlier neighbour has.
    // 1 m: A 0, B 1 (touches A), C 2 (neighbours A and B), D 0, E 0 (2 m from A and B).
    CHECK(locality::pipeline::map_colours(shapes, 1.0, 8) == std::vector<int>{0, 1, 2, 0, 0});
    // 3 m: E neighbours A and B (both within 2 m), so takes 2.
    CHECK(locality::pipeline::map_colours(shapes, 3.0, 8) == std::vector<int>{0, 1, 2, 0, 2});
    // 0.1 m: only A and B are neighbours.
    CHECK(locality::pipeline::map_colours(shapes, 0.1, 8) == std::vector<int>{0, 1, 0, 0, 0});
}

TEST_CASE("The report's map fills each locality with the colour of its QGIS style",
          "[pipeline][profiles][report]") {
    const TempDir scratch("locality_report_colours");
    for (const int k : {3, 9}) {
        INFO("k = " << k);
        locality::pipeline::ProposeOptions config =
            locality::test::grid_proposal_config(scratch.file("out" + std::to_string(k)));
        config.k = k;
        config.formats = {locality::pipeline::OutputFormat::geojson};
        locality::pipeline::run_propose(config);
        // localities.qml: category value (locality) -> symbol name -> its fill colour "r,g,b,a".
        const std::string qml = locality::test::read_text(config.output_dir + "/localities.qml");
        std::map<std::string, std::string> symbol_of;
        const std::regex category("<category [^>]*symbol=\"(\\d+)\" value=\"(\\d+)\"");
        for (auto m = std::sregex_iterator(qml.begin(), qml.end(), category); m != std::sregex_iterator();
             ++m) {
            symbol_of[(*m)[2]] = (*m)[1];
        }
        std::map<std::string, std::string> colour_of_symbol;
        const std::regex symbol(
            "<symbol [^>]*name=\"(\\d+)\"[^>]*>[\\s\\S]*?name=\"color\" value=\"(\\d+),(\\d+),(\\d+),");
        for (auto m = std::sregex_iterator(qml.begin(), qml.end(), symbol); m != std::sregex_iterator();
             ++m) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "#%02x%02x%02x", std::stoi((*m)[2]), std::stoi((*m)[3]),
                          std::stoi((*m)[4]));
            colour_of_symbol.emplace((*m)[1], hex);
        }
        REQUIRE(symbol_of.size() == static_cast<std::size_t>(k));
        // report.html: each locality's path, its fill and its title (the locality number).
        const std::string html = locality::test::read_text(config.output_dir + "/report.html");
        const std::regex path(
            "<path class=\"locality\" fill=\"(#[0-9a-f]{6})\" d=\"[^\"]*\"><title>(\\d+)</title>");
        std::size_t drawn = 0;
        for (auto m = std::sregex_iterator(html.begin(), html.end(), path); m != std::sregex_iterator();
             ++m) {
            INFO("locality " << (*m)[2]);
            REQUIRE(symbol_of.count((*m)[2]) == 1);
            CHECK((*m)[1] == colour_of_symbol.at(symbol_of.at((*m)[2])));
            ++drawn;
        }
        CHECK(drawn == static_cast<std::size_t>(k));
    }
}
