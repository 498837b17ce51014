// SPDX-License-Identifier: MIT
// --frontier: one proposal per weight, each row's figures as `evaluate` publishes them for that point's
// assignment, flags that hold on the written rows, the same output whatever the thread count, refusals.
#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "grid_proposal.hpp"
#include "locality/core/error.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "pipeline/frontier.hpp"
#include "temp_dir.hpp"
#include "text_files.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;
using locality::pipeline::ProposeOptions;
using locality::test::grid_proposal_config;
using locality::test::TempDir;

namespace {

constexpr double k_cell = 1000.0;
constexpr int k_side = 7;

std::string square(double x0, double y0, double x1, double y1) {
    return "[[[" + std::to_string(x0) + "," + std::to_string(y0) + "],[" + std::to_string(x1) + "," +
           std::to_string(y0) + "],[" + std::to_string(x1) + "," + std::to_string(y1) + "],[" +
           std::to_string(x0) + "," + std::to_string(y1) + "],[" + std::to_string(x0) + "," +
           std::to_string(y0) + "]]]";
}

std::string collection(const std::string& features) {
    return R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32618"}},"features":[)" +
           features + "]}";
}

/**
 * A small city like the demo: a 7 x 7 grid of tracts (EPSG:32618) with uneven population, cases of three
 * agencies with a west-east and a north-south gradient, and the police's four teams (quadrants on cell
 * edges). Returns the configuration without output; a floor of 1,500 gives about six localities.
 */
ProposeOptions city_config(const TempDir& dir) {
    const double x0 = 580000.0;
    const double y0 = 4500000.0;
    std::string tracts;
    std::string cases = "id,agency,x,y\n";
    int id = 0;
    unsigned state = 12345U;  // a fixed LCG: the fixture is the same on every machine
    auto next = [&state]() {
        state = state * 1103515245U + 12345U;
        return (state >> 16U) % 1000U;
    };
    for (int r = 0; r < k_side; ++r) {
        for (int c = 0; c < k_side; ++c) {
            const double x = x0 + c * k_cell;
            const double y = y0 + r * k_cell;
            tracts += std::string(tracts.empty() ? "" : ",") +
                      R"({"type":"Feature","properties":{"tract":"t)" + std::to_string(r) +
                      std::to_string(c) + R"(","pop":)" + std::to_string(150 + next() % 200) +
                      R"(},"geometry":{"type":"Polygon","coordinates":)" +
                      square(x, y, x + k_cell, y + k_cell) + "}}";
            const int counts[3] = {1 + c, 1 + r, 1 + static_cast<int>(next() % 5)};
            const char* agencies[3] = {"police", "health", "housing"};
            for (int a = 0; a < 3; ++a) {
                for (int n = 0; n < counts[a]; ++n) {
                    const double px = x + 100.0 + static_cast<double>(next() % 800);
                    const double py = y + 100.0 + static_cast<double>(next() % 800);
                    cases += std::to_string(++id) + "," + agencies[a] + "," + std::to_string(px) + "," +
                             std::to_string(py) + "\n";
                }
            }
        }
    }
    std::string teams;
    const char* names[4] = {"SW", "SE", "NW", "NE"};
    for (int q = 0; q < 4; ++q) {
        const double left = x0 + (q % 2 == 0 ? 0.0 : 3.0 * k_cell);
        const double right = q % 2 == 0 ? x0 + 3.0 * k_cell : x0 + k_side * k_cell;
        const double bottom = y0 + (q < 2 ? 0.0 : 4.0 * k_cell);
        const double top = q < 2 ? y0 + 4.0 * k_cell : y0 + k_side * k_cell;
        teams += std::string(teams.empty() ? "" : ",") + R"({"type":"Feature","properties":{"team":")" +
                 names[q] + R"("},"geometry":{"type":"Polygon","coordinates":)" +
                 square(left, bottom, right, top) + "}}";
    }
    std::ofstream(dir.file("tracts.geojson")) << collection(tracts);
    std::ofstream(dir.file("cases.csv")) << cases;
    std::ofstream(dir.file("police.geojson")) << collection(teams);
    ProposeOptions config;
    config.areas = {dir.file("tracts.geojson"), ""};
    config.area_id_field = "tract";
    config.population_field = "pop";
    config.cases.push_back({"", {dir.file("cases.csv"), ""}});
    config.agency_field = "agency";
    config.cases_crs = "EPSG:32618";
    config.service_areas.push_back({"police", {dir.file("police.geojson"), ""}});
    config.min_population = 1500;
    config.seed = 1;
    config.suppress_below = 0;
    config.shape_weight = 0.15;
    config.command_line = {"propose", "(test)"};
    return config;
}

/** The city's frontier over `weights` of `frontier`, written to `out` in `dir`. */
ProposeOptions city_frontier(const TempDir& dir, const std::string& frontier,
                             const std::vector<double>& weights) {
    ProposeOptions config = city_config(dir);
    config.output_dir = dir.file("out");
    config.frontier = frontier;
    config.frontier_weights = weights;
    return config;
}

json read_json(const std::string& path) { return json::parse(locality::test::read_text(path)); }

/** Whether row `a` is at least as good as `b` on every published criterion and better on one. */
bool dominates(const json& a, const json& b, const std::vector<std::string>& up,
               const std::vector<std::string>& down) {
    bool better = false;
    for (const std::string& key : up) {
        if (a.at(key).get<double>() < b.at(key).get<double>()) return false;
        better = better || a.at(key).get<double>() > b.at(key).get<double>();
    }
    for (const std::string& key : down) {
        if (a.at(key).get<double>() > b.at(key).get<double>()) return false;
        better = better || a.at(key).get<double>() < b.at(key).get<double>();
    }
    return better;
}

/** Each point's figures as `evaluate` publishes them for the point's written assignment. */
void check_rows_against_evaluate(const ProposeOptions& base, const TempDir& scratch, const json& points) {
    for (const json& row : points) {
        const std::string tag = row.at("point").get<std::string>();
        INFO("point " << tag);
        auto evaluate = locality::pipeline::shared_parts<locality::pipeline::EvaluateOptions>(base);
        evaluate.output_dir = scratch.file("evaluate_" + tag);
        evaluate.assignment = {scratch.file("out/assignment_" + tag + ".csv"), ""};
        evaluate.command_line = {"evaluate", "(test)"};
        locality::pipeline::run_evaluate(evaluate);
        const json e = read_json(evaluate.output_dir + "/summary.json");
        const json& localities = e.at("localities");
        CHECK(row.at("localities").get<int>() == static_cast<int>(localities.at("localities").size()));
        CHECK(row.at("share_explained").get<double>() ==
              Approx(localities.at("share_explained").get<double>()).margin(1e-4));
        double sum = 0.0;
        double worst = 1.0;
        for (const json& l : localities.at("localities")) {
            sum += l.at("polsby_popper").get<double>();
            worst = std::min(worst, l.at("polsby_popper").get<double>());
        }
        CHECK(row.at("mean_polsby_popper").get<double>() ==
              Approx(sum / static_cast<double>(localities.at("localities").size())).margin(1e-4));
        CHECK(row.at("worst_polsby_popper").get<double>() == Approx(worst).margin(1e-4));
        for (const json& partner : e.at("disruption")) {
            const std::string layer = partner.at("service_layer").get<std::string>();
            CHECK(row.at(layer + "_cases_moved") == partner.at("cases_moved"));
            CHECK(row.at(layer + "_cases_moved_share") == partner.at("cases_moved_share"));
        }
    }
}

}  // namespace

TEST_CASE("A shape frontier: one point per weight, each as evaluate scores its assignment, flags that hold",
          "[pipeline][frontier]") {
    const TempDir scratch("locality_frontier_shape");
    const ProposeOptions config = city_frontier(scratch, "shape", {0.0, 0.15, 0.4, 1.0});
    const auto result = locality::pipeline::run_propose(config);
    // geojson, qml, csv per point; scenarios.gpkg, frontier.csv, summary, report
    CHECK(result.files.size() == 4 * 3 + 4);
    CHECK_FALSE(fs::exists(scratch.file("out/scenarios.csv")));

    const auto csv = locality::test::read_csv_file(scratch.file("out/frontier.csv"));
    REQUIRE(csv.size() == 5);
    CHECK(csv[0] == std::vector<std::string>{"point", "weight", "localities", "share_explained",
                                             "mean_polsby_popper", "worst_polsby_popper",
                                             "police_cases_moved", "police_cases_moved_share", "dominated",
                                             "knee"});
    CHECK(csv[1][0] == "shape0000");
    CHECK(csv[4][0] == "shape1000");
    const json summary = read_json(scratch.file("out/summary.json"));
    const json& frontier = summary.at("frontier");
    CHECK(frontier.at("parameter") == "shape");
    CHECK(frontier.at("traded") == "mean_polsby_popper");
    const json& points = frontier.at("points");
    REQUIRE(points.size() == 4);
    CHECK(points[2].at("weight").get<double>() == 0.4);
    check_rows_against_evaluate(config, scratch, points);

    // The flags, recomputed from the rows: a point is dominated exactly when another row dominates it,
    // so the published frontier (the points not dominated) is non-dominated; the knee is one of them.
    const std::vector<std::string> up{"share_explained", "mean_polsby_popper", "worst_polsby_popper"};
    const std::vector<std::string> down{"police_cases_moved_share"};
    int knees = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        bool beaten = false;
        for (std::size_t j = 0; j < points.size(); ++j) {
            beaten = beaten || (j != i && dominates(points[j], points[i], up, down));
        }
        CHECK(points[i].at("dominated").get<bool>() == beaten);
        if (points[i].at("knee").get<bool>()) {
            ++knees;
            CHECK_FALSE(beaten);
            CHECK(frontier.at("knee") == points[i].at("point"));
        }
    }
    CHECK(knees <= 1);
    // The summary and report show the knee in full (else the first point), with its partners' costs.
    const json& shown = frontier.at("knee").is_null() ? points[0].at("point") : frontier.at("knee");
    CHECK(frontier.at("shown") == shown);
    for (const json& row : points) {
        if (row.at("point") == shown) {
            CHECK(summary.at("localities").at("localities").size() ==
                  row.at("localities").get<std::size_t>());
            CHECK(summary.at("disruption").at(0).at("cases_moved") == row.at("police_cases_moved"));
        }
    }
    // Rounder at the highest weight than shape-blind (the shape term works), within the weight's bound.
    CHECK(points[3].at("mean_polsby_popper").get<double>() >=
          points[0].at("mean_polsby_popper").get<double>());
    const std::string report = locality::test::read_text(scratch.file("out/report.html"));
    CHECK(report.find("<section id=\"frontier\">") != std::string::npos);
    CHECK(report.find("frontier-chart") != std::string::npos);
}

TEST_CASE("A frontier gives the same output with one thread and with two", "[pipeline][frontier]") {
    const TempDir scratch("locality_frontier_threads");
    std::string csv[2];
    for (const int threads : {1, 2}) {
        const tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                        static_cast<std::size_t>(threads));
        ProposeOptions config = city_config(scratch);
        config.output_dir = scratch.file("out" + std::to_string(threads));
        config.frontier = "shape";
        config.frontier_weights = {0.0, 0.25, 1.0};
        locality::pipeline::run_propose(config);
        csv[threads - 1] = locality::test::read_text(config.output_dir + "/frontier.csv");
        for (const char* tag : {"shape0000", "shape0250", "shape1000"}) {
            CHECK(fs::exists(config.output_dir + "/assignment_" + tag + ".csv"));
        }
    }
    CHECK(csv[0] == csv[1]);
    for (const char* tag : {"shape0000", "shape0250", "shape1000"}) {
        CHECK(locality::test::read_text(scratch.file(std::string("out1/assignment_") + tag + ".csv")) ==
              locality::test::read_text(scratch.file(std::string("out2/assignment_") + tag + ".csv")));
    }
}

TEST_CASE("An agency frontier: one row per weight with its cases moved, and an agency without teams refused",
          "[pipeline][frontier]") {
    const TempDir scratch("locality_frontier_agency");
    ProposeOptions config = city_frontier(scratch, "police", {0.0, 0.5});
    config.keep_close_to = {{"police", 0.9}};  // replaced by each point's weight
    locality::pipeline::run_propose(config);
    const json summary = read_json(scratch.file("out/summary.json"));
    const json& frontier = summary.at("frontier");
    CHECK(frontier.at("parameter") == "keep_close_to");
    CHECK(frontier.at("agency") == "police");
    CHECK(frontier.at("traded") == "police_cases_moved_share");
    REQUIRE(frontier.at("points").size() == 2);
    CHECK(frontier.at("points")[0].at("point") == "close0000");
    CHECK(frontier.at("points")[1].at("point") == "close0500");
    CHECK(frontier.at("points")[1].at("weight").get<double>() == 0.5);
    check_rows_against_evaluate(config, scratch, frontier.at("points"));

    ProposeOptions health = city_config(scratch);
    health.output_dir = scratch.file("health");
    health.frontier = "health";  // an agency of the cases, but no layer serves it
    CHECK_THROWS_WITH(locality::pipeline::run_propose(health),
                      Catch::Contains("--frontier health: no service-area layer serves agency 'health'"));
    CHECK_FALSE(fs::exists(scratch.file("health/summary.json")));
    ProposeOptions unknown = city_config(scratch);
    unknown.output_dir = scratch.file("unknown");
    unknown.frontier = "fire";
    CHECK_THROWS_WITH(locality::pipeline::run_propose(unknown),
                      Catch::Contains("--frontier fire: no agency 'fire' among the cases"));
}

TEST_CASE(
    "A frontier without weights sweeps its own default grid: shape's, or an agency's keep-close weights",
    "[pipeline][frontier]") {
    using locality::pipeline::frontier_configs;
    locality::pipeline::StageOptions config;
    config.k = 2;
    config.frontier = "shape";
    std::vector<std::string> tags;
    std::vector<double> weights;
    for (const auto& [tag, point] : frontier_configs(config)) {
        tags.push_back(tag);
        weights.push_back(point.shape_weight);
    }
    CHECK(tags == std::vector<std::string>{"shape0000", "shape0100", "shape0250", "shape0500", "shape1000",
                                           "shape2000", "shape5000", "shape10000"});
    CHECK(weights == locality::pipeline::default_shape_frontier_weights());
    config.frontier = "police";
    config.keep_close_to = {{"schools", 2.0}};  // another agency's weight stays at every point
    tags.clear();
    weights.clear();
    for (const auto& [tag, point] : frontier_configs(config)) {
        tags.push_back(tag);
        double police = 0.0;
        for (const auto& [agency, weight] : point.keep_close_to) {
            if (agency == "police") police = weight;
        }
        weights.push_back(police);
        CHECK(point.keep_close_to.front() == std::pair<std::string, double>{"schools", 2.0});
    }
    CHECK(tags == std::vector<std::string>{"close0000", "close0300", "close1000", "close3000", "close10000",
                                           "close30000", "close100000", "close300000"});
    CHECK(weights == locality::pipeline::default_agency_frontier_weights());
}

TEST_CASE("A frontier refuses a k or floor sweep and weights out of order", "[pipeline][frontier]") {
    const TempDir scratch("locality_frontier_usage");
    ProposeOptions config = grid_proposal_config(scratch.file("out"));
    config.frontier = "shape";
    config.k_sweep = {2, 3};
    CHECK_THROWS_AS(locality::pipeline::run_propose(config), locality::UsageError);
    config.k_sweep.clear();
    config.min_population_sweep = {100, 200};
    CHECK_THROWS_AS(locality::pipeline::run_propose(config), locality::UsageError);
    config.min_population_sweep.clear();
    config.k = 2;
    config.frontier_weights = {0.5, 0.1};
    CHECK_THROWS_WITH(locality::pipeline::run_propose(config), Catch::Contains("in increasing order"));
    config.frontier_weights = {0.1, 0.12345};
    CHECK_THROWS_WITH(locality::pipeline::run_propose(config), Catch::Contains("at most three decimals"));
    CHECK_FALSE(fs::exists(scratch.file("out/summary.json")));
}
