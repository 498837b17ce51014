// SPDX-License-Identifier: MIT
// --config scenario.toml: parsing only (the pipeline is not run).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "cli_parse.hpp"
#include "cli_run.hpp"
#include "config_file.hpp"
#include "temp_dir.hpp"

using locality::cli::CliRun;

namespace {

void write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

const char* const k_scenario = R"(# a scenario
areas = "tracts.gpkg|layername=tract"
area-id = "geoid"
population = "population"
cases = ["police=calls/police.csv", "/abs/health.csv", "PG:dbname=x"]
service-areas = ["police=tracts.gpkg|layername=police"]
min-population = 150000
seed = 3
overwrite = true
)";

}  // namespace

TEST_CASE("A config file gives the command's options, with its relative paths resolved against its folder",
          "[cli][config]") {
    const locality::test::TempDir dir;
    const std::string file = dir.file("scenario.toml");
    write(file, k_scenario);
    CliRun run;
    locality::test::parse_cli(run, {"propose", "--config", file, "--output", "out"});
    const auto& c = run.config;
    const std::filesystem::path folder(dir.path());
    CHECK(c.areas.path == (folder / "tracts.gpkg").string());
    CHECK(c.areas.layer == "tract");
    CHECK(c.area_id_field == "geoid");
    REQUIRE(c.cases.size() == 3);
    CHECK(c.cases[0].tag == "police");
    CHECK(c.cases[0].source.path == (folder / "calls/police.csv").string());
    CHECK(c.cases[1].source.path == "/abs/health.csv");
    CHECK(c.cases[2].source.path == "PG:dbname=x");
    REQUIRE(c.service_areas.size() == 1);
    CHECK(c.service_areas[0].source.path == (folder / "tracts.gpkg").string());
    CHECK(c.service_areas[0].source.layer == "police");
    CHECK(c.min_population == 150000.0);
    CHECK(c.seed == 3);
    CHECK(c.overwrite);
    CHECK(c.output_dir == "out");  // from the command line: relative to where the command runs
    CHECK(c.config_file == file);
}

TEST_CASE("Options on the command line win over the config file, before or after the command",
          "[cli][config]") {
    const locality::test::TempDir dir;
    const std::string file = dir.file("scenario.toml");
    write(file, k_scenario);
    CliRun run;
    locality::test::parse_cli(
        run, {"--config", file, "propose", "--seed", "9", "--cases", "x.csv", "--output", "o"});
    CHECK(run.config.seed == 9);
    REQUIRE(run.config.cases.size() == 1);
    CHECK(run.config.cases[0].source.path == "x.csv");
    CHECK(run.config.min_population == 150000.0);
}

TEST_CASE("An unknown key in the config file is a usage error naming the key and the file", "[cli][config]") {
    const locality::test::TempDir dir;
    const std::string file = dir.file("scenario.toml");
    write(file, std::string(k_scenario) + "min-populaton = 5\n");
    CliRun run;
    try {
        locality::test::parse_cli(run, {"propose", "--config", file, "--output", "o"});
        FAIL("an unknown key was accepted");
    } catch (const CLI::ParseError& e) {
        CHECK(e.get_exit_code() != 0);
        CHECK(std::string(e.what()).find("unknown key 'propose.min-populaton'") != std::string::npos);
        CHECK(std::string(e.what()).find(file) != std::string::npos);
    }
}

TEST_CASE("A missing config file is a usage error", "[cli][config]") {
    CliRun run;
    CHECK_THROWS_AS(
        locality::test::parse_cli(run, {"propose", "--config", "no-such-scenario.toml", "--output", "o"}),
        CLI::ParseError);
}

TEST_CASE("Config values: only data sources and the output folder are paths", "[cli][config]") {
    using locality::cli::resolve_config_value;
    CHECK(resolve_config_value("areas", "a.gpkg|layername=t", "d") == "d/a.gpkg|layername=t");
    CHECK(resolve_config_value("cases", "NYPD=../c.csv", "d/e") == "NYPD=d/c.csv");
    CHECK(resolve_config_value("agency-names", "names.csv", "d") == "d/names.csv");
    CHECK(resolve_config_value("output", "out", "d") == "d/out");
    CHECK(resolve_config_value("area-id", "geoid", "d") == "geoid");
    CHECK(resolve_config_value("cases", "/vsizip/x.zip/a.csv", "d") == "/vsizip/x.zip/a.csv");
    CHECK(resolve_config_value("areas", "a.gpkg", "") == "a.gpkg");
    // A case source's own options survive the resolution of its path.
    CHECK(resolve_config_value("cases", "social_care=refs.csv|crs=EPSG:27700|x=Easting|y=Northing", "d") ==
          "social_care=d/refs.csv|crs=EPSG:27700|x=Easting|y=Northing");
    CHECK(resolve_config_value("cases", "all.gpkg|layername=c|agency_field=owner", "d") ==
          "d/all.gpkg|layername=c|agency_field=owner");
}
