// SPDX-License-Identifier: MIT
// `locality evaluate` and each partner's cost: hand-worked figures on the 3 x 3 grid, properties (a
// plan equal to the service areas moves nothing), the constraints reported, and the cost recomputed
// with GDAL from the written layers.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "fixtures.hpp"
#include "grid_proposal.hpp"
#include "locality/core/error.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"
#include "text_files.hpp"

using json = nlohmann::json;
using locality::test::data_path;
using locality::test::TempDir;

namespace {

/** The grid, its ten cases and the police service areas `police` from `service`, no suppression. */
locality::pipeline::EvaluateOptions evaluate_config(const std::string& output, const std::string& service) {
    auto config = locality::pipeline::shared_parts<locality::pipeline::EvaluateOptions>(
        locality::test::grid_proposal_config(output));
    config.service_areas = {{"police", {data_path(service), ""}}};
    config.suppress_below = 0;
    config.command_line = {"evaluate", "(test)"};
    return config;
}

json run_and_read(const locality::pipeline::EvaluateOptions& config, const std::string& output) {
    locality::pipeline::run_evaluate(config);
    return json::parse(locality::test::read_text(output + "/summary.json"));
}

/** Each partner's cost as the written layers alone give it. */
struct Recomputed {
    std::int64_t located = 0;
    std::int64_t moved = 0;
};

/**
 * From the GeoPackage alone: each area's locality and count (layer `areas`, written with
 * --area-counts and no suppression) and the service areas (`service_layer`); today's team of an area
 * by OGR intersection areas, the first read on a tie.
 */
Recomputed recompute_cost(const std::string& gpkg_path, const char* service_layer, const char* count_field) {
    GDALDatasetUniquePtr gpkg = locality::test::open_vector(gpkg_path);
    REQUIRE(gpkg);
    OGRLayer* areas = gpkg->GetLayerByName("areas");
    OGRLayer* service = gpkg->GetLayerByName(service_layer);
    REQUIRE(areas != nullptr);
    REQUIRE(service != nullptr);
    std::vector<std::pair<std::string, std::unique_ptr<OGRGeometry>>> teams;
    for (auto& feature : *service) {
        teams.emplace_back(feature->GetFieldAsString("service_area"), feature->GetGeometryRef()->clone());
    }
    std::map<std::int64_t, std::map<std::string, std::int64_t>> cases;  // locality -> team -> cases
    Recomputed out;
    for (auto& feature : *areas) {
        const std::int64_t n = feature->GetFieldAsInteger64(count_field);
        if (n == 0) {
            continue;  // (saves the intersections: an area without cases adds nothing)
        }
        const OGRGeometry* shape = feature->GetGeometryRef();
        OGREnvelope box;
        shape->getEnvelope(&box);
        std::string team;
        double best = 0.0;
        for (const auto& [id, geometry] : teams) {
            OGREnvelope other;
            geometry->getEnvelope(&other);
            if (!box.Intersects(other)) {
                continue;
            }
            const std::unique_ptr<OGRGeometry> common(shape->Intersection(geometry.get()));
            // Neighbours that only touch meet in lines or points: no area.
            const OGRwkbGeometryType type = common ? wkbFlatten(common->getGeometryType()) : wkbUnknown;
            const bool surface =
                type == wkbPolygon || type == wkbMultiPolygon || type == wkbGeometryCollection;
            const double area = surface ? OGR_G_Area(OGRGeometry::ToHandle(common.get())) : 0.0;
            if (area > best * (1.0 + 1e-9)) {
                best = area;
                team = id;
            }
        }
        if (!team.empty()) {
            cases[feature->GetFieldAsInteger64("locality")][team] += n;
            out.located += n;
        }
    }
    std::int64_t kept = 0;
    for (const auto& [locality, by_team] : cases) {
        std::int64_t most = 0;
        for (const auto& [team, n] : by_team) {
            most = std::max(most, n);
        }
        kept += most;
    }
    out.moved = out.located - kept;
    return out;
}

}  // namespace

TEST_CASE("evaluate: the police cost of the grid's columns plan, worked by hand", "[pipeline][evaluate]") {
    const TempDir scratch("locality_evaluate_columns");
    const std::string out = scratch.file("out");
    locality::pipeline::EvaluateOptions config = evaluate_config(out, "fixtures/halves3x3.geojson");
    config.assignment = {data_path("fixtures/grid3x3_columns_assignment.csv"), ""};
    const json summary = run_and_read(config, out);
    CHECK(summary.at("command") == "evaluate");
    const json& evaluation = summary.at("evaluation");
    REQUIRE(evaluation.at("localities").size() == 2);
    CHECK(evaluation.at("localities").at(0).at("name") == "A");
    CHECK(evaluation.at("localities").at(1).at("name") == "B");
    CHECK(evaluation.at("checks").at("met") == true);
    CHECK(summary.at("localities").at("method") == "given");
    CHECK(summary.at("localities").at("localities").at(0).at("areas") == 3);

    // Police cases: c00 and c01 (team W: c01 is half in each half, the tie goes to W, read first) and
    // c22 (team E). A = column 0 holds c00's: served by W. B holds c01's (W) and c22's (E): a tie,
    // served by W, the first read; the c22 case moves. 1 of 3.
    const json& disruption = summary.at("disruption");
    REQUIRE(disruption.size() == 1);
    const json& police = disruption.at(0);
    CHECK(police.at("service_layer") == "police");
    CHECK(police.at("agency") == "police");
    CHECK(police.at("cases_located") == 3);
    CHECK(police.at("cases_outside_service_areas") == 0);
    CHECK(police.at("cases_moved") == 1);
    CHECK(police.at("cases_moved_share").get<double>() == Approx(0.3333));
    // W's areas are columns 0 (in A) and 1 (in B): split across 2; E's, column 2, lie in B: 1.
    CHECK(police.at("localities_per_service_area").at("mean").get<double>() == Approx(1.5));
    CHECK(police.at("localities_per_service_area").at("max") == 2);
    // A holds areas of W only; B of W and E.
    CHECK(police.at("service_areas_per_locality").at("mean").get<double>() == Approx(1.5));
    CHECK(police.at("service_areas_per_locality").at("max") == 2);
    CHECK(police.at("gain").get<double>() ==
          Approx(police.at("share_explained_by_localities").get<double>() -
                 police.at("share_explained_by_service_areas").get<double>())
              .margin(1e-4));
    CHECK(police.at("share_explained_by_localities").get<double>() ==
          Approx(summary.at("localities").at("share_explained").get<double>()).margin(1e-4));

    // The GeoPackage's service layer: W keeps its 2 cases (0 moved), E loses its only one (1).
    GDALDatasetUniquePtr gpkg = locality::test::open_vector(out + "/localities.gpkg");
    REQUIRE(gpkg);
    OGRLayer* layer = gpkg->GetLayerByName("service_police");
    REQUIRE(layer != nullptr);
    std::map<std::string, double> moved_share;
    for (auto& feature : *layer) {
        moved_share[feature->GetFieldAsString("service_area")] =
            feature->GetFieldAsDouble("cases_moved_share");
    }
    CHECK(moved_share.at("W") == Approx(0.0));
    CHECK(moved_share.at("E") == Approx(1.0));

    // The service areas' own share explained is the share explained by evaluating them as localities.
    const std::string own_out = scratch.file("own");
    locality::pipeline::EvaluateOptions own = evaluate_config(own_out, "fixtures/halves3x3.geojson");
    own.localities = {data_path("fixtures/halves3x3.geojson"), ""};
    const json own_summary = run_and_read(own, own_out);
    CHECK(police.at("share_explained_by_service_areas").get<double>() ==
          Approx(own_summary.at("localities").at("share_explained").get<double>()).margin(1e-4));
}

TEST_CASE("evaluate: a plan equal to the service areas moves no case", "[pipeline][evaluate]") {
    SECTION("service areas that the small areas nest in: one locality per service area") {
        const TempDir scratch("locality_evaluate_nested");
        const std::string out = scratch.file("out");
        locality::pipeline::EvaluateOptions config = evaluate_config(out, "fixtures/grid3x3.geojson");
        config.localities = {data_path("fixtures/grid3x3.geojson"), ""};
        config.locality_id_field = "cell_id";
        const json summary = run_and_read(config, out);
        const json& police = summary.at("disruption").at(0);
        CHECK(summary.at("localities").at("count") == 9);
        CHECK(police.at("cases_moved") == 0);
        CHECK(police.at("localities_per_service_area").at("max") == 1);
        CHECK(police.at("service_areas_per_locality").at("max") == 1);
        CHECK(police.at("gain").get<double>() == Approx(0.0).margin(1e-9));
    }
    SECTION("service areas that cut small areas: each area goes where most of it is, on both sides") {
        const TempDir scratch("locality_evaluate_halves");
        const std::string out = scratch.file("out");
        locality::pipeline::EvaluateOptions config = evaluate_config(out, "fixtures/halves3x3.geojson");
        config.localities = {data_path("fixtures/halves3x3.geojson"), ""};
        const json summary = run_and_read(config, out);
        const json& names = summary.at("evaluation").at("localities");
        REQUIRE(names.size() == 2);
        CHECK(names.at(0).at("name") == "W");
        // W holds columns 0 and 1 (column 1's tie goes to W, read first), E column 2.
        CHECK(summary.at("localities").at("localities").at(0).at("areas") == 6);
        const json& police = summary.at("disruption").at(0);
        CHECK(police.at("cases_moved") == 0);
        // Split counts the areas of each team, the footing of the cases: one locality per service area,
        // though the alignment (by area, at 1%) sees E's half of column 1 in locality W.
        CHECK(police.at("localities_per_service_area").at("max") == 1);
        CHECK(police.at("service_areas_per_locality").at("max") == 1);
        CHECK(summary.at("alignment").at("police").at("localities_per_service_area").at("E") == 2);
        CHECK(summary.at("evaluation").at("source").at("kind") == "localities");

        // The same polygons from another path are read and overlaid again: the same localities.
        const std::string copy = scratch.file("halves_copy.geojson");
        std::filesystem::copy_file(data_path("fixtures/halves3x3.geojson"), copy);
        const std::string again_out = scratch.file("again");
        locality::pipeline::EvaluateOptions again = evaluate_config(again_out, "fixtures/halves3x3.geojson");
        again.localities = {copy, ""};
        const json again_summary = run_and_read(again, again_out);
        CHECK(again_summary.at("localities").at("localities") == summary.at("localities").at("localities"));
        CHECK(again_summary.at("evaluation").at("localities") == names);
        CHECK(again_summary.at("disruption") == summary.at("disruption"));
    }
}

TEST_CASE("evaluate: breached constraints are reported, or refused with --strict", "[pipeline][evaluate]") {
    const TempDir scratch("locality_evaluate_checks");
    const std::string assignment = scratch.file("plan.csv");
    // A = c00 and c22 (apart), B = c01 c02 c10 c11 c12 c20; c21 left out.
    std::ofstream(assignment)
        << "area_id,locality\nc00,A\nc22,A\nc01,B\nc02,B\nc10,B\nc11,B\nc12,B\nc20,B\nzz,B\n";
    const std::string out = scratch.file("out");
    locality::pipeline::EvaluateOptions config = evaluate_config(out, "fixtures/halves3x3.geojson");
    config.assignment = {assignment, ""};
    config.min_population = 1500.0;
    const locality::pipeline::PipelineResult result = locality::pipeline::run_evaluate(config);
    const json summary = json::parse(result.summary_json);
    const json& checks = summary.at("evaluation").at("checks");
    CHECK(checks.at("met") == false);
    REQUIRE(checks.at("not_contiguous").size() == 1);
    CHECK(checks.at("not_contiguous").at(0).at("name") == "A");
    CHECK(checks.at("not_contiguous").at(0).at("parts") == 2);
    // A: 100 + 900 = 1,000 residents, 500 below the floor; B: 200+300+400+500+600+700 = 2,700. The
    // area left out (c21, 800 residents) is reported as such, not as a locality below the floor.
    REQUIRE(checks.at("bounds_breached").size() == 1);
    CHECK(checks.at("bounds_breached").at(0).at("name") == "A");
    CHECK(checks.at("bounds_breached").at(0).at("total").get<double>() == Approx(1000.0));
    CHECK(checks.at("bounds_breached").at(0).at("by").get<double>() == Approx(500.0));
    CHECK(checks.at("areas_left_out") == json::array({"c21"}));
    CHECK(summary.at("evaluation").at("unknown_area_ids") == json::array({"zz"}));
    CHECK(summary.at("localities").at("count") == 3);
    bool warned = false;
    for (const std::string& warning : result.warnings) {
        warned = warned || warning.find("breach the constraints") != std::string::npos;
    }
    CHECK(warned);

    const std::string strict_out = scratch.file("strict");
    config.output_dir = strict_out;
    config.strict = true;
    CHECK_THROWS_AS(locality::pipeline::run_evaluate(config), locality::InfeasibleError);
    CHECK_FALSE(std::filesystem::exists(strict_out + "/summary.json"));
}

TEST_CASE("evaluate: each partner's cost recomputed with GDAL from the written layers",
          "[pipeline][evaluate]") {
    const TempDir scratch("locality_evaluate_gdal");
    const std::string out = scratch.file("out");
    locality::pipeline::EvaluateOptions config = evaluate_config(out, "fixtures/halves3x3.geojson");
    config.assignment = {data_path("fixtures/grid3x3_columns_assignment.csv"), ""};
    config.area_counts = true;
    const json summary = run_and_read(config, out);

    const Recomputed truth = recompute_cost(out + "/localities.gpkg", "service_police", "cases_police");
    const json& police = summary.at("disruption").at(0);
    CHECK(police.at("cases_located") == truth.located);
    CHECK(police.at("cases_moved") == truth.moved);
}

TEST_CASE("evaluate of a proposal's own assignment.csv scores it as propose did", "[pipeline][evaluate]") {
    const TempDir scratch("locality_evaluate_own_proposal");
    locality::pipeline::EvaluateOptions config =
        evaluate_config(scratch.file("proposal"), "fixtures/halves3x3.geojson");
    auto propose = locality::pipeline::shared_parts<locality::pipeline::ProposeOptions>(config);
    propose.k = 3;
    propose.command_line = {"propose", "(test)"};
    const json proposed = json::parse(locality::pipeline::run_propose(propose).summary_json);
    config.output_dir = scratch.file("evaluated");
    config.assignment = {scratch.file("proposal/assignment.csv"), ""};
    const json evaluated = run_and_read(config, config.output_dir);
    CHECK(evaluated.at("localities").at("localities") == proposed.at("localities").at("localities"));
    CHECK(evaluated.at("localities").at("share_explained") ==
          proposed.at("localities").at("share_explained"));
    CHECK(evaluated.at("disruption") == proposed.at("disruption"));
    CHECK(evaluated.at("alignment") == proposed.at("alignment"));
}

namespace {

std::string demo_gpkg() { return data_path("demo/nyc_demo.gpkg"); }

/** The README demo's inputs with the police as the NYPD's service areas, no suppression. */
locality::pipeline::ProposeOptions demo_evaluate_config(const std::string& output) {
    locality::pipeline::ProposeOptions config;
    config.areas = {demo_gpkg(), "tract"};
    config.area_id_field = "geoid";
    config.population_field = "population";
    config.cases.push_back({"", {data_path("demo/nyc311_2018-06.csv"), ""}});
    config.cases.push_back({"", {data_path("demo/nyc311_2022-05-01.csv"), ""}});
    config.agency_field = "Agency";
    config.service_areas.push_back({"police", {demo_gpkg(), "police"}});
    config.service_agencies = {{"police", "NYPD"}};
    config.min_population = 150000.0;
    config.suppress_below = 0;
    config.area_counts = true;
    config.output_dir = output;
    config.command_line = {"evaluate", "(test)"};
    return config;
}

}  // namespace

TEST_CASE(
    "evaluate of the demo's police precincts: no NYPD case moved, no precinct split; a proposal's cost "
    "recomputed from the GeoPackage",
    "[pipeline][evaluate][.slow]") {
    const TempDir scratch("locality_evaluate_demo");
    auto today = locality::pipeline::shared_parts<locality::pipeline::EvaluateOptions>(
        demo_evaluate_config(scratch.file("today")));
    today.localities = {demo_gpkg(), "police"};
    const json scored = run_and_read(today, today.output_dir);
    const json& police = scored.at("disruption").at(0);
    CHECK(police.at("agency") == "NYPD");
    CHECK(police.at("cases_moved") == 0);
    CHECK(police.at("localities_per_service_area") == json({{"mean", 1.0}, {"max", 1}}));
    CHECK(police.at("service_areas_per_locality") == json({{"mean", 1.0}, {"max", 1}}));
    CHECK(police.at("gain").get<double>() == Approx(0.0).margin(1e-9));
    CHECK(scored.at("evaluation").at("checks").at("met") == false);  // precincts under the 150,000 floor

    locality::pipeline::ProposeOptions proposal = demo_evaluate_config(scratch.file("proposal"));
    proposal.seed = 1;
    proposal.command_line = {"propose", "(test)"};
    const json proposed = json::parse(locality::pipeline::run_propose(proposal).summary_json);
    const Recomputed truth =
        recompute_cost(proposal.output_dir + "/localities.gpkg", "service_police", "cases_nypd");
    CHECK(proposed.at("disruption").at(0).at("cases_located") == truth.located);
    CHECK(proposed.at("disruption").at(0).at("cases_moved") == truth.moved);
    CHECK(truth.moved > 0);
}
