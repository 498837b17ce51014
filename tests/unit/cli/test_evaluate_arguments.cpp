// SPDX-License-Identifier: MIT
// `locality evaluate`'s command line: parsing only (the pipeline is not run).
#include <catch2/catch.hpp>
#include <fstream>

#include "cli_parse.hpp"
#include "cli_run.hpp"
#include "locality/core/error.hpp"
#include "temp_dir.hpp"

using locality::cli::CliRun;

namespace {

const std::vector<std::string> k_inputs{"evaluate", "--areas", "a.gpkg",   "--area-id", "id",
                                        "--cases",  "c.csv",   "--output", "out"};

std::vector<std::string> with(const std::vector<std::string>& extra) {
    return locality::test::with_args(k_inputs, extra);
}

}  // namespace

TEST_CASE("evaluate takes an assignment or polygons, not both, and --service-agency LAYER=AGENCY",
          "[cli][evaluate]") {
    CliRun run;
    locality::test::parse_cli(
        run, with({"--assignment", "out/localities.gpkg|layername=areas", "--locality-field", "edited",
                   "--service-agency", "police=NYPD", "--strict"}));
    CHECK(run.verb == "evaluate");
    CHECK(run.config.assignment.path == "out/localities.gpkg");
    CHECK(run.config.assignment.layer == "areas");
    CHECK(run.config.assignment_area_field == "area_id");
    CHECK(run.config.locality_field == "edited");
    CHECK(run.config.localities.path.empty());
    CHECK(run.config.strict);
    REQUIRE(run.config.service_agencies.size() == 1);
    CHECK(run.config.service_agencies[0] == std::pair<std::string, std::string>("police", "NYPD"));

    CliRun both;
    CHECK_THROWS_AS(
        locality::test::parse_cli(both, with({"--assignment", "a.csv", "--localities", "p.gpkg"})),
        CLI::ParseError);
    CliRun malformed;
    CHECK_THROWS_AS(
        locality::test::parse_cli(malformed, with({"--localities", "p.gpkg", "--service-agency", "police"})),
        locality::UsageError);
    CliRun sweep;
    CHECK_THROWS_AS(
        locality::test::parse_cli(sweep, with({"--localities", "p.gpkg", "--min-population", "10,20"})),
        locality::UsageError);
}

TEST_CASE("evaluate reads a propose scenario file, leaving out the clustering's own keys",
          "[cli][evaluate][config]") {
    const locality::test::TempDir dir;
    const std::string file = dir.file("scenario.toml");
    std::ofstream(file)
        << "areas = \"a.gpkg\"\narea-id = \"geoid\"\ncases = [\"c.csv\"]\nmin-population = 150000\n"
           "seed = 3\nmethod = \"skater\"\n";
    CliRun run;
    locality::test::parse_cli(run,
                              {"evaluate", "--config", file, "--localities", "p.gpkg", "--output", "out"});
    CHECK(run.config.area_id_field == "geoid");
    CHECK(run.config.min_population == 150000.0);  // a bound: checked on the given localities
    CHECK(run.config.seed == 0);                   // the clustering's: left out

    // A key that no command knows is still refused.
    std::ofstream(file) << "areas = \"a.gpkg\"\narea-id = \"geoid\"\ncases = [\"c.csv\"]\nsede = 3\n";
    CliRun typo;
    CHECK_THROWS(locality::test::parse_cli(
        typo, {"evaluate", "--config", file, "--localities", "p.gpkg", "--output", "out"}));
}
