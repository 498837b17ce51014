// SPDX-License-Identifier: MIT
// `locality regionalize` (areas clustered by their own fields) and --islands, on tiny layouts whose
// answers are known by hand.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"
#include "text_files.hpp"

namespace {

using json = nlohmann::json;
using locality::pipeline::IslandPolicy;
using locality::pipeline::RegionalizeOptions;
using locality::test::TempDir;

std::map<std::string, int> read_assignment(const std::string& path) {
    std::map<std::string, int> out;
    const auto rows = locality::test::parse_csv(locality::test::read_text(path));
    for (std::size_t i = 1; i < rows.size(); ++i) {
        out[rows[i].at(0)] = std::stoi(rows[i].at(1));
    }
    return out;
}

RegionalizeOptions grid_regionalize(const TempDir& dir) {
    RegionalizeOptions config;
    config.areas = {locality::test::data_path("fixtures/grid3x3.geojson"), ""};
    config.area_id_field = "cell_id";
    config.attributes = {"pop"};
    config.output_dir = dir.file("out");
    config.command_line = {"regionalize", "(test)"};
    return config;
}

RegionalizeOptions island_config(const TempDir& dir) {
    RegionalizeOptions config;
    // a and b touch (500 residents each); x, 8 km east of b, is an island of 1,000 (fixture README).
    config.areas = {locality::test::data_path("fixtures/island3.geojson"), ""};
    config.area_id_field = "id";
    config.population_field = "pop";
    config.attributes = {"pop"};
    config.min_population = 1000.0;
    config.output_dir = dir.file("out");
    config.command_line = {"regionalize", "(test)"};
    return config;
}

}  // namespace

TEST_CASE("Regionalize clusters an area layer by its own fields into contiguous localities",
          "[pipeline][regionalize]") {
    TempDir dir;
    RegionalizeOptions config = grid_regionalize(dir);
    config.k = 3;
    const json summary = json::parse(locality::pipeline::run_regionalize(config).summary_json);
    const auto assignment = read_assignment(dir.file("out/assignment.csv"));
    REQUIRE(assignment.size() == 9);
    std::map<int, std::vector<std::string>> members;
    for (const auto& [id, locality] : assignment) {
        members[locality].push_back(id);
    }
    REQUIRE(members.size() == 3);
    // Contiguity by hand: queen neighbours on the grid, flood fill from each locality's first cell.
    for (const auto& [locality, cells] : members) {
        std::set<std::string> reached{cells.front()};
        for (bool grew = true; grew;) {
            grew = false;
            for (const std::string& cell : cells) {
                for (const std::string& seen : std::set<std::string>(reached)) {
                    if (std::abs(cell[1] - seen[1]) <= 1 && std::abs(cell[2] - seen[2]) <= 1 &&
                        reached.insert(cell).second) {
                        grew = true;
                    }
                }
            }
        }
        CHECK(reached.size() == cells.size());
    }
    CHECK(summary["command"] == "regionalize");
    CHECK(summary["variables"]["names"] == json::array({"pop"}));
    CHECK_FALSE(summary.contains("cases"));
    const std::string geojson = locality::test::read_text(dir.file("out/localities.geojson"));
    CHECK(geojson.find("cases_total") == std::string::npos);
}

TEST_CASE("Heterogeneity is reported on the attributes only, whatever the compactness weight",
          "[pipeline][regionalize]") {
    TempDir dir;
    RegionalizeOptions config = grid_regionalize(dir);
    config.k = 2;
    config.compactness = 4.0;
    const json summary = json::parse(locality::pipeline::run_regionalize(config).summary_json);
    const auto assignment = read_assignment(dir.file("out/assignment.csv"));
    // z-scores of pop 100..900: mean 500, population sd sqrt(600,000 / 9).
    const double sd = std::sqrt(600000.0 / 9.0);
    std::map<int, std::vector<double>> z;
    for (const auto& [id, locality] : assignment) {
        z[locality].push_back((100.0 * (3 * (id[1] - '0') + (id[2] - '0') + 1) - 500.0) / sd);
    }
    double wss = 0.0;
    for (const auto& [locality, values] : z) {
        double mean = 0.0;
        for (const double v : values) {
            mean += v / static_cast<double>(values.size());
        }
        for (const double v : values) {
            wss += (v - mean) * (v - mean);
        }
    }
    CHECK(summary["localities"]["within_ss"].get<double>() == Approx(wss));
    CHECK(summary["localities"]["total_ss"].get<double>() == Approx(9.0));
    CHECK(summary["variables"]["compactness"] == 4.0);
}

TEST_CASE("Regionalize refuses a field with nulls or text, naming the field and the area",
          "[pipeline][regionalize]") {
    TempDir dir;
    RegionalizeOptions config;
    config.areas = {locality::test::data_path("fixtures/mixed_areas.geojson"), ""};
    config.area_id_field = "name";
    config.attributes = {"pop"};
    config.k = 2;
    config.output_dir = dir.file("out");
    CHECK_THROWS_WITH(locality::pipeline::run_regionalize(config),
                      Catch::Contains("field 'pop'") && Catch::Contains("area 'p2'"));
    config.areas = {locality::test::data_path("fixtures/bad_pop.geojson"), ""};
    config.area_id_field = "zone_id";
    CHECK_THROWS_AS(locality::pipeline::run_regionalize(config), locality::InputError);
    CHECK_THROWS_WITH(locality::pipeline::run_regionalize(config), Catch::Contains("12 people"));
    config.attributes.clear();
    CHECK_THROWS_AS(locality::pipeline::run_regionalize(config), locality::UsageError);
}

TEST_CASE("Islands are bridged by default and every bridge is listed", "[pipeline][islands]") {
    TempDir dir;
    const RegionalizeOptions config = island_config(dir);
    const json summary = json::parse(locality::pipeline::run_regionalize(config).summary_json);
    const json& bridges = summary["contiguity"]["bridges"];
    REQUIRE(bridges.size() == 1);
    CHECK(bridges[0]["from_area"] == "x");
    CHECK(bridges[0]["to_area"] == "b");
    CHECK(bridges[0]["distance_m"] == 8000.0);
    CHECK(summary["contiguity"]["islands"] == "bridge");
}

TEST_CASE("With --islands own each landmass is solved on its own", "[pipeline][islands]") {
    TempDir dir;
    RegionalizeOptions config = island_config(dir);
    config.islands = IslandPolicy::own;
    const json summary = json::parse(locality::pipeline::run_regionalize(config).summary_json);
    const auto assignment = read_assignment(dir.file("out/assignment.csv"));
    CHECK(assignment.at("a") == assignment.at("b"));
    CHECK(assignment.at("x") != assignment.at("a"));
    CHECK(summary["localities"]["count"] == 2);
    CHECK(summary["localities"]["groups_solved"] == 2);
    CHECK(summary["contiguity"]["bridges"].empty());

    config.min_population = 1001.0;  // each landmass holds 1,000
    config.overwrite = true;
    CHECK_THROWS_WITH(locality::pipeline::run_regionalize(config),
                      Catch::Contains("landmass 1") && Catch::Contains("(by 1)"));
}

TEST_CASE("With --islands error the island areas are listed", "[pipeline][islands]") {
    TempDir dir;
    RegionalizeOptions config = island_config(dir);
    config.islands = IslandPolicy::error;
    CHECK_THROWS_AS(locality::pipeline::run_regionalize(config), locality::InputError);
    CHECK_THROWS_WITH(locality::pipeline::run_regionalize(config),
                      Catch::Contains("1 area(s)") && Catch::Contains("'x'"));
    CHECK_FALSE(std::ifstream(dir.file("out/summary.json")).good());
}
