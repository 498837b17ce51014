// SPDX-License-Identifier: MIT
// Scenario sweeps: one proposal per k, each the same as the single run of that k.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "locality/core/error.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"
#include "text_files.hpp"

namespace fs = std::filesystem;
using locality::test::TempDir;

namespace {

locality::pipeline::PipelineConfig grid_config(const std::string& output) {
    locality::pipeline::PipelineConfig config;
    config.areas = {locality::test::data_path("fixtures/grid3x3.geojson"), ""};
    config.area_id_field = "cell_id";
    config.population_field = "pop";
    config.cases.push_back({"", {locality::test::data_path("fixtures/points3x3.csv"), ""}});
    config.agency_field = "agency";
    config.cases_crs = "EPSG:32618";
    config.service_areas.push_back({"halves", {locality::test::data_path("fixtures/halves3x3.geojson"), ""}});
    config.output_dir = output;
    config.command_line = {"propose", "(test)"};
    return config;
}

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

}  // namespace

TEST_CASE("A sweep over k writes one layer per k, each identical to the single run with that k", "[pipeline][scenarios]") {
    const TempDir scratch("locality_scenarios");
    locality::pipeline::PipelineConfig sweep = grid_config(scratch.file("sweep"));
    sweep.k_sweep = {2, 3, 4};
    const auto result = locality::pipeline::run_propose(sweep);
    CHECK(result.files.size() == 3 * 3 + 3);  // geojson, qml, csv per scenario; scenarios.csv, summary, report

    const auto rows = locality::test::read_csv_file(scratch.file("sweep/scenarios.csv"));
    REQUIRE(rows.size() == 4);
    CHECK(column(rows, "scenario") == std::vector<std::string>{"k02", "k03", "k04"});
    CHECK(column(rows, "localities") == std::vector<std::string>{"2", "3", "4"});
    const nlohmann::json summary = nlohmann::json::parse(locality::test::read_text(scratch.file("sweep/summary.json")));
    REQUIRE(summary.at("scenarios").size() == 3);
    CHECK(summary.at("scenarios_shown") == "k02");

    for (const int k : {2, 3, 4}) {
        INFO("k = " << k);
        const std::string tag = "k0" + std::to_string(k);
        locality::pipeline::PipelineConfig single = grid_config(scratch.file("single" + tag));
        single.k = k;
        locality::pipeline::run_propose(single);
        CHECK(locality::test::read_text(scratch.file("sweep/assignment_" + tag + ".csv")) ==
              locality::test::read_text(scratch.file("single" + tag + "/assignment.csv")));
        CHECK(locality::test::read_text(scratch.file("sweep/localities_" + tag + ".geojson")) ==
              locality::test::read_text(scratch.file("single" + tag + "/localities.geojson")));
        CHECK(fs::exists(scratch.file("sweep/localities_" + tag + ".qml")));
        const nlohmann::json one = nlohmann::json::parse(locality::test::read_text(scratch.file("single" + tag + "/summary.json")));
        const nlohmann::json& row = summary.at("scenarios").at(static_cast<std::size_t>(k - 2));
        CHECK(row.at("within_ss").get<double>() == Approx(one.at("localities").at("within_ss").get<double>()));
        CHECK(row.at("share_explained").get<double>() == Approx(one.at("localities").at("share_explained").get<double>()));
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
    locality::pipeline::PipelineConfig sweep = grid_config(scratch.file("out"));
    sweep.min_population_sweep = {500, 1000};
    locality::pipeline::run_propose(sweep);
    const auto rows = locality::test::read_csv_file(scratch.file("out/scenarios.csv"));
    REQUIRE(rows.size() == 3);
    CHECK(column(rows, "scenario") == std::vector<std::string>{"min500", "min1000"});
    CHECK(fs::exists(scratch.file("out/localities_min1000.geojson")));
}

TEST_CASE("A sweep refuses an infeasible scenario before writing anything", "[pipeline][scenarios]") {
    const TempDir scratch("locality_scenarios_bad");
    locality::pipeline::PipelineConfig sweep = grid_config(scratch.file("out"));
    sweep.k_sweep = {2, 10};  // 9 areas
    CHECK_THROWS_AS(locality::pipeline::run_propose(sweep), locality::InfeasibleError);
    CHECK_FALSE(fs::exists(scratch.file("out/scenarios.csv")));
    CHECK_FALSE(fs::exists(scratch.file("out/localities_k02.geojson")));
}
