// SPDX-License-Identifier: MIT
// `locality compare`: plans on the 3 x 3 grid with hand-worked figures, each plan scored exactly as
// `evaluate` scores it alone, disclosure control, and the refusals.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

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

constexpr double k_pi = 3.14159265358979323846;

void write_file(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

/** The grid, its cases and the police service areas (halves3x3: W, E), no suppression. */
locality::pipeline::CompareOptions compare_config(const std::string& output) {
    auto config = locality::pipeline::shared_parts<locality::pipeline::CompareOptions>(
        locality::test::grid_proposal_config(output));
    config.service_areas = {{"police", {data_path("fixtures/halves3x3.geojson"), ""}}};
    config.suppress_below = 0;
    config.command_line = {"compare", "(test)"};
    return config;
}

/**
 * Three plans: today's halves as polygons (W = columns 0 and 1, E = column 2), the columns
 * assignment (A = column 0, B = columns 1 and 2) and a folder whose assignment.csv is today's halves
 * with c21 moved to E.
 */
void add_three_plans(locality::pipeline::CompareOptions& config, const TempDir& dir) {
    std::filesystem::create_directories(dir.file("edited"));
    write_file(dir.file("edited/assignment.csv"),
               "area_id,locality\nc00,1\nc10,1\nc20,1\nc01,1\nc11,1\nc21,2\nc02,2\nc12,2\nc22,2\n");
    config.plans = {{"today", {data_path("fixtures/halves3x3.geojson"), ""}},
                    {"", {data_path("fixtures/grid3x3_columns_assignment.csv"), ""}},
                    {"", {dir.file("edited"), ""}}};
}

json run_compare_and_read(const locality::pipeline::CompareOptions& config) {
    locality::pipeline::run_compare(config);
    return json::parse(locality::test::read_text(config.output_dir + "/summary.json"));
}

/** 4 pi A / P^2 of a shape of `cells` 1 km squares with a perimeter of `edges` km. */
double polsby_popper(double cells, double edges) { return 4.0 * k_pi * cells / (edges * edges); }

}  // namespace

TEST_CASE("compare: three plans on the grid, figures worked by hand", "[pipeline][compare]") {
    TempDir dir("locality_compare");
    locality::pipeline::CompareOptions config = compare_config(dir.file("out"));
    add_three_plans(config, dir);
    const json summary = run_compare_and_read(config);
    CHECK(summary["command"] == "compare");
    const json& table = summary["comparison"]["table"];
    REQUIRE(table.size() == 3);
    CHECK(summary["comparison"]["shown"] == "today");
    CHECK(summary["comparison"]["plans"][0]["kind"] == "localities");
    CHECK(summary["comparison"]["plans"][1]["kind"] == "assignment");
    CHECK(summary["comparison"]["plans"][2]["kind"] == "folder");

    // today: W = columns 0-1 (2 x 3 km, 2,700 residents), E = column 2 (1 x 3 km, 1,800).
    const json& today = table[0];
    CHECK(today["plan"] == "today");
    CHECK(today["localities"] == 2);
    CHECK(today["population_max_min_ratio"].get<double>() == Approx(1.5));
    CHECK(today["population_max_deviation_pct"].get<double>() == Approx(20.0));
    CHECK(today["mean_polsby_popper"].get<double>() ==
          Approx((polsby_popper(6, 10) + polsby_popper(3, 8)) / 2).margin(1e-4));
    CHECK(today["worst_polsby_popper"].get<double>() == Approx(polsby_popper(3, 8)).margin(1e-4));
    CHECK(today["constraints_met"] == true);
    // Police cases: c00 and c01 (team W), c22 (team E): a plan equal to the service areas moves none.
    CHECK(today["police_cases_moved"] == 0);
    CHECK(today["police_localities_per_service_area"].get<double>() == Approx(1.0));
    CHECK(today["police_max_localities_per_service_area"] == 1);

    // The columns: A = column 0 (1,200), B = columns 1-2 (3,300); the same shapes as today, mirrored.
    const json& columns = table[1];
    CHECK(columns["plan"] == "grid3x3_columns_assignment");
    CHECK(columns["population_max_min_ratio"].get<double>() == Approx(2.75));
    CHECK(columns["population_max_deviation_pct"].get<double>() ==
          Approx(1050.0 / 2250.0 * 100.0).margin(0.01));
    CHECK(columns["mean_polsby_popper"].get<double>() == Approx(today["mean_polsby_popper"].get<double>()));
    // B is served by W (one W case, one E case: the tie to the first read), so c22's case moves.
    CHECK(columns["police_cases_moved"] == 1);
    CHECK(columns["police_cases_moved_share"].get<double>() == Approx(0.3333));
    CHECK(columns["police_localities_per_service_area"].get<double>() == Approx(1.5));
    CHECK(columns["police_max_localities_per_service_area"] == 2);

    // The edit: W without c21 (5 cells, perimeter 10 km, 1,900), E with it (4 cells, 10 km, 2,600).
    const json& edited = table[2];
    CHECK(edited["plan"] == "edited");
    CHECK(edited["population_max_min_ratio"].get<double>() == Approx(2600.0 / 1900.0).margin(1e-4));
    CHECK(edited["mean_polsby_popper"].get<double>() ==
          Approx((polsby_popper(5, 10) + polsby_popper(4, 10)) / 2).margin(1e-4));
    CHECK(edited["worst_polsby_popper"].get<double>() == Approx(polsby_popper(4, 10)).margin(1e-4));
    // c21 has no police case: nothing moves, but W's areas now lie in two localities.
    CHECK(edited["police_cases_moved"] == 0);
    CHECK(edited["police_localities_per_service_area"].get<double>() == Approx(1.5));

    // comparison.csv holds the same rows.
    const auto csv = locality::test::read_csv_file(config.output_dir + "/comparison.csv");
    REQUIRE(csv.size() == 4);
    CHECK(csv[0][0] == "plan");
    CHECK(csv[3][0] == "edited");
    CHECK(std::filesystem::exists(config.output_dir + "/report.html"));
    CHECK(locality::test::read_text(config.output_dir + "/report.html").find("Plans compared") !=
          std::string::npos);
}

TEST_CASE("compare: each plan is scored as evaluate scores it alone", "[pipeline][compare]") {
    TempDir dir("locality_compare_same");
    locality::pipeline::CompareOptions config = compare_config(dir.file("out"));
    add_three_plans(config, dir);
    const json summary = run_compare_and_read(config);

    auto alone = locality::pipeline::shared_parts<locality::pipeline::EvaluateOptions>(
        compare_config(dir.file("alone")));
    alone.assignment = {data_path("fixtures/grid3x3_columns_assignment.csv"), ""};
    locality::pipeline::run_evaluate(alone);
    const json evaluated = json::parse(locality::test::read_text(alone.output_dir + "/summary.json"));
    const json& plan = summary["comparison"]["plans"][1];
    CHECK(summary["comparison"]["table"][1]["share_explained"].get<double>() ==
          Approx(evaluated["localities"]["share_explained"].get<double>()).margin(1e-4));
    CHECK(plan["disruption"] == evaluated["disruption"]);
    CHECK(plan["checks"] == evaluated["evaluation"]["checks"]);
    CHECK(plan["localities"] == evaluated["evaluation"]["localities"]);

    // Today's halves as localities explain what the service areas explain.
    const json& today = summary["comparison"]["plans"][0]["disruption"][0];
    CHECK(summary["comparison"]["table"][0]["share_explained"].get<double>() ==
          Approx(today["share_explained_by_service_areas"].get<double>()).margin(1e-4));
}

TEST_CASE("compare: counts under disclosure control", "[pipeline][compare]") {
    TempDir dir("locality_compare_sdc");
    locality::pipeline::CompareOptions config = compare_config(dir.file("out"));
    config.suppress_below = 3;
    add_three_plans(config, dir);
    const json summary = run_compare_and_read(config);
    // The columns move 1 of 3 police cases: 1 moved is below 3, so withheld with its share.
    CHECK(summary["comparison"]["table"][1]["police_cases_moved"].is_null());
    CHECK(summary["comparison"]["table"][1]["police_cases_moved_share"].is_null());
    CHECK(summary["comparison"]["plans"][1]["disruption"][0]["suppressed"] == json::array({"cases_moved"}));
    // Today moves none and keeps 3: both outside 1..2, so published.
    CHECK(summary["comparison"]["table"][0]["police_cases_moved"] == 0);
    // The CSV leaves a withheld figure empty.
    const auto csv = locality::test::read_csv_file(config.output_dir + "/comparison.csv");
    const auto column = std::find(csv[0].begin(), csv[0].end(), "police_cases_moved") - csv[0].begin();
    CHECK(csv[2][static_cast<std::size_t>(column)].empty());
}

TEST_CASE("compare: plans that cannot be set side by side are refused", "[pipeline][compare]") {
    TempDir dir("locality_compare_refused");
    locality::pipeline::CompareOptions config = compare_config(dir.file("out"));
    const locality::io::TaggedSource columns{"", {data_path("fixtures/grid3x3_columns_assignment.csv"), ""}};

    SECTION("one plan") {
        config.plans = {columns};
        CHECK_THROWS_AS(locality::pipeline::run_compare(config), locality::UsageError);
    }
    SECTION("two plans of the same name") {
        config.plans = {columns, columns};
        CHECK_THROWS_WITH(locality::pipeline::run_compare(config), Catch::Contains("NAME=SOURCE"));
    }
    SECTION("a plan over other areas") {
        write_file(dir.file("other.csv"),
                   "area_id,locality\nc00,1\nc10,1\nc20,1\nc01,1\nc11,1\nc21,1\nc02,2\nc12,2\n"
                   "c22,2\nzz9,2\n");
        config.plans = {columns, {"", {dir.file("other.csv"), ""}}};
        CHECK_THROWS_WITH(locality::pipeline::run_compare(config),
                          Catch::Contains("plan 'other'") && Catch::Contains("zz9"));
    }
    SECTION("a plan leaving areas out") {
        write_file(dir.file("partial.csv"), "area_id,locality\nc00,1\nc10,1\nc20,1\nc01,2\n");
        config.plans = {columns, {"", {dir.file("partial.csv"), ""}}};
        CHECK_THROWS_WITH(
            locality::pipeline::run_compare(config),
            Catch::Contains("plan 'partial'") && Catch::Contains("5 small area(s) in no locality"));
    }
    SECTION("a folder without a plan") {
        std::filesystem::create_directories(dir.file("empty"));
        config.plans = {columns, {"", {dir.file("empty"), ""}}};
        CHECK_THROWS_AS(locality::pipeline::run_compare(config), locality::InputError);
    }
    CHECK_FALSE(std::filesystem::exists(dir.file("out/summary.json")));
    CHECK_FALSE(std::filesystem::exists(dir.file("out/comparison.csv")));
}
