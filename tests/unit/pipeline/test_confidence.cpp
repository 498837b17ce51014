// SPDX-License-Identifier: MIT
// --confidence N: each area's share of runs with the core of its locality, worked by hand; a request
// with one best answer gives 1 everywhere; the same figures whatever the number of threads.
#include <cpl_minixml.h>
#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "fixtures.hpp"
#include "grid_proposal.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "locality/regionalize/run_seeds.hpp"
#include "pipeline/confidence.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"
#include "text_files.hpp"

using json = nlohmann::json;
using locality::test::data_path;
using locality::test::TempDir;

TEST_CASE("confidence: the core of a locality, worked by hand", "[pipeline][confidence]") {
    // Final plan: areas 0 and 1 in locality 0, areas 2 and 3 in locality 1.
    const std::vector<locality::RegionId> final_plan{0, 0, 1, 1};
    // Run 1 agrees. Run 2 puts area 1 with areas 2 and 3: locality 0's areas are split 1:1 between the
    // run's regions 0 and 1, a tie that gives the core to region 0, so area 0 sits with the core and
    // area 1 does not; locality 1's core is region 1, which holds both its areas.
    // Run 3 renumbers the regions: the same plan, so every area sits with its core.
    const std::vector<std::vector<locality::RegionId>> runs{{0, 0, 1, 1}, {0, 1, 1, 1}, {1, 1, 0, 0}};
    const locality::pipeline::BoundaryConfidence c =
        locality::pipeline::boundary_confidence(final_plan, 2, runs);
    CHECK(c.runs == 3);
    REQUIRE(c.of_area.size() == 4);
    CHECK(c.of_area[0] == Approx(1.0));
    CHECK(c.of_area[1] == Approx(2.0 / 3.0));
    CHECK(c.of_area[2] == Approx(1.0));
    CHECK(c.of_area[3] == Approx(1.0));
    CHECK(c.of_locality[0] == Approx(5.0 / 6.0));
    CHECK(c.of_locality[1] == Approx(1.0));
    CHECK(c.lowest_of_locality[0] == Approx(2.0 / 3.0));
}

TEST_CASE("confidence: the runs' seeds are their own and reproducible", "[pipeline][confidence]") {
    const std::vector<std::uint64_t> a = locality::regionalize::run_seeds(1, 20);
    CHECK(a == locality::regionalize::run_seeds(1, 20));
    CHECK(std::set<std::uint64_t>(a.begin(), a.end()).size() == 20);
    CHECK(a != locality::regionalize::run_seeds(2, 20));
    // The first runs do not depend on how many are asked for.
    const std::vector<std::uint64_t> five = locality::regionalize::run_seeds(1, 5);
    CHECK(std::equal(five.begin(), five.end(), a.begin()));
}

TEST_CASE("confidence: one best answer gives 1 everywhere", "[pipeline][confidence]") {
    // The grid clustered on its population (100..900 row by row) into 3: the rows, (100, 200, 300),
    // (400, 500, 600), (700, 800, 900), are the one partition of least within sum of squares (nine
    // evenly spaced values in three groups of consecutive ones), so every run finds them.
    TempDir dir("locality_confidence_unique");
    locality::pipeline::RegionalizeOptions config;
    config.areas = {data_path("fixtures/grid3x3.geojson"), ""};
    config.area_id_field = "cell_id";
    config.population_field = "pop";
    config.attributes = {"pop"};
    config.k = 3;
    config.confidence_runs = 8;
    config.output_dir = dir.file("out");
    config.command_line = {"regionalize", "(test)"};
    locality::pipeline::run_regionalize(config);
    const json summary = json::parse(locality::test::read_text(dir.file("out/summary.json")));
    const json& confidence = summary["confidence"];
    CHECK(confidence["runs"] == 8);
    CHECK(confidence["seeds"].size() == 8);
    CHECK(confidence["areas_firm_share"] == 1.0);
    REQUIRE(confidence["localities"].size() == 3);
    for (const json& locality : confidence["localities"]) {
        CHECK(locality["mean"] == 1.0);
        CHECK(locality["lowest"] == 1.0);
    }
}

TEST_CASE("confidence: the same whatever the number of threads", "[pipeline][confidence]") {
    TempDir dir("locality_confidence_threads");
    auto run = [&](const std::string& name, std::size_t threads) {
        const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
        locality::pipeline::ProposeOptions config = locality::test::grid_proposal_config(dir.file(name));
        config.k = 2;
        config.seed = 7;
        config.confidence_runs = 12;
        locality::pipeline::run_propose(config);
        return json::parse(locality::test::read_text(dir.file(name + "/summary.json")))["confidence"];
    };
    const json one = run("one", 1);
    const json two = run("two", 2);
    CHECK(one == two);
    CHECK(one["runs"] == 12);
    for (const json& locality : one["localities"]) {
        CHECK(locality["mean"].get<double>() >= locality["lowest"].get<double>());
        CHECK(locality["lowest"].get<double>() >= 0.0);
        CHECK(locality["mean"].get<double>() <= 1.0);
    }
}

namespace {

// The styles of the GeoPackage's areas layer: styleName, useAsDefault, the renderer's attribute and
// its ranges as "lower-upper label".
struct StoredStyle {
    std::string name;
    int as_default = 0;
    std::string attribute;
    std::vector<std::string> ranges;
};

std::vector<StoredStyle> areas_styles(const std::string& gpkg_path) {
    GDALDatasetUniquePtr gpkg = locality::test::open_vector(gpkg_path);
    OGRLayer& styles = locality::test::layer_of(*gpkg, "layer_styles", gpkg_path);
    styles.SetAttributeFilter("f_table_name = 'areas'");
    std::vector<StoredStyle> out;
    for (const auto& row : styles) {
        StoredStyle style;
        style.name = row->GetFieldAsString("styleName");
        style.as_default = row->GetFieldAsInteger("useAsDefault");
        CPLXMLNode* qml = CPLParseXMLString(row->GetFieldAsString("styleQML"));
        REQUIRE(qml != nullptr);
        CPLXMLNode* renderer = CPLGetXMLNode(CPLSearchXMLNode(qml, "=qgis"), "renderer-v2");
        REQUIRE(renderer != nullptr);
        style.attribute = CPLGetXMLValue(renderer, "attr", "");
        for (CPLXMLNode* r = CPLGetXMLNode(renderer, "ranges")->psChild; r != nullptr; r = r->psNext) {
            if (r->eType == CXT_Element) {
                style.ranges.push_back(std::string(CPLGetXMLValue(r, "lower", "")) + "-" +
                                       CPLGetXMLValue(r, "upper", "") + " " + CPLGetXMLValue(r, "label", ""));
            }
        }
        CPLDestroyXMLNode(qml);
        out.push_back(style);
    }
    return out;
}

}  // namespace

TEST_CASE("confidence: the areas layer opens graduated by confidence, the need style kept beside it",
          "[pipeline][confidence]") {
    TempDir dir("locality_confidence_style");
    auto styles_of_run = [&](const std::string& name, int runs) {
        locality::pipeline::ProposeOptions config = locality::test::grid_proposal_config(dir.file(name));
        config.k = 2;
        config.confidence_runs = runs;
        locality::pipeline::run_propose(config);
        return areas_styles(dir.file(name + "/localities.gpkg"));
    };
    const std::vector<StoredStyle> with = styles_of_run("with", 4);
    REQUIRE(with.size() == 2);
    CHECK(with[0].name == "areas");
    CHECK(with[0].as_default == 1);
    CHECK(with[0].attribute == "confidence");
    CHECK(with[0].ranges ==
          std::vector<std::string>{"0.9-1 firm (0.9 or more)", "0.75-0.9 mostly firm (0.75 to 0.9)",
                                   "0.5-0.75 uncertain (0.5 to 0.75)", "0-0.5 arbitrary (below 0.5)"});
    CHECK(with[1].name == "areas (need)");
    CHECK(with[1].as_default == 0);
    CHECK(with[1].attribute == "coalesce(\"need_quintile\", 0)");

    // Without --confidence: the need style alone, the layer's default, as before.
    const std::vector<StoredStyle> without = styles_of_run("without", 0);
    REQUIRE(without.size() == 1);
    CHECK(without[0].name == "areas");
    CHECK(without[0].as_default == 1);
    CHECK(without[0].attribute == "coalesce(\"need_quintile\", 0)");
    CHECK(without[0].ranges.size() == 6);  // the five classes and the areas without one
}

TEST_CASE("confidence: refused with a sweep", "[pipeline][confidence]") {
    TempDir dir("locality_confidence_sweep");
    locality::pipeline::ProposeOptions config = locality::test::grid_proposal_config(dir.file("out"));
    config.k_sweep = {2, 3};
    config.confidence_runs = 4;
    CHECK_THROWS_WITH(locality::pipeline::run_propose(config),
                      Catch::Contains("--confidence is for a single run"));
}
