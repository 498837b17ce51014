// SPDX-License-Identifier: MIT
// Argument parsing only: nothing here opens a file.
#include <algorithm>
#include <catch2/catch.hpp>

#include "cli_parse.hpp"
#include "cli_run.hpp"
#include "locality/core/error.hpp"
#include "parse_error_message.hpp"

using locality::cli::CliRun;

namespace {

const std::vector<std::string> k_minimal{"propose",      "--areas", "a.gpkg|layername=tract",
                                         "--area-id",    "geoid",   "--cases",
                                         "police=p.csv", "--k",     "5",
                                         "--output",     "out"};

}  // namespace

TEST_CASE("propose parses every documented option into the pipeline configuration", "[cli]") {
    CliRun run;
    locality::test::parse_cli(run, {"propose",
                                    "--areas",
                                    "b.gpkg|layername=tract",
                                    "--area-id",
                                    "geoid",
                                    "--population",
                                    "pop",
                                    "--cases",
                                    "police=p.csv",
                                    "--cases",
                                    "all.gpkg|layername=cases",
                                    "--agency-field",
                                    "Agency",
                                    "--cases-crs",
                                    "EPSG:2263",
                                    "--x-field",
                                    "X",
                                    "--y-field",
                                    "Y",
                                    "--service-areas",
                                    "police=b.gpkg|layername=police",
                                    "--service-area-id",
                                    "police=precinct",
                                    "--min-population",
                                    "20000",
                                    "--seed",
                                    "7",
                                    "--threads",
                                    "2",
                                    "--tolerance",
                                    "2.5",
                                    "--output",
                                    "out",
                                    "--overwrite",
                                    "--json",
                                    "--quiet"});
    const auto& c = run.config;
    CHECK(run.verb == "propose");
    CHECK(c.areas.path == "b.gpkg");
    CHECK(c.areas.layer == "tract");
    CHECK(c.area_id_field == "geoid");
    CHECK(c.population_field == "pop");
    REQUIRE(c.cases.size() == 2);
    CHECK(c.cases[0].tag == "police");
    CHECK(c.cases[0].source.path == "p.csv");
    CHECK(c.cases[1].tag.empty());
    CHECK(c.cases[1].source.layer == "cases");
    CHECK(c.agency_field == "Agency");
    CHECK(c.cases_crs == "EPSG:2263");
    CHECK(c.x_field == "X");
    CHECK(c.y_field == "Y");
    REQUIRE(c.service_areas.size() == 1);
    CHECK(c.service_areas[0].tag == "police");
    CHECK(c.service_areas[0].source.layer == "police");
    REQUIRE(c.service_area_id_fields.size() == 1);
    CHECK(c.service_area_id_fields[0].second == "precinct");
    CHECK(c.k == 0);
    CHECK(c.min_population == 20000.0);
    CHECK(c.seed == 7);
    CHECK(run.threads == 2);
    CHECK(c.tolerance_m == 2.5);
    CHECK(c.output_dir == "out");
    CHECK(c.overwrite);
    CHECK(run.json);
    CHECK(run.quiet);
}

TEST_CASE("defaults: cases CRS is WGS 84, tolerance 1 m, seed 0, no overwrite", "[cli]") {
    CliRun run;
    locality::test::parse_cli(run, k_minimal);
    CHECK(run.config.cases_crs.empty());  // none given: EPSG:4326 for CSV, a layer's own CRS
    CHECK(run.config.tolerance_m == 1.0);
    CHECK(run.config.seed == 0);
    CHECK_FALSE(run.config.overwrite);
    CHECK(run.config.k == 5);
}

TEST_CASE("overlay takes the same inputs and no clustering options", "[cli]") {
    CliRun run;
    locality::test::parse_cli(run, {"overlay", "--areas", "a.shp", "--area-id", "id", "--cases", "x.csv",
                                    "--agency-field", "agency", "--output", "o"});
    CHECK(run.verb == "overlay");
    CliRun other;
    CHECK_THROWS_AS(locality::test::parse_cli(other, {"overlay", "--areas", "a.shp", "--area-id", "id",
                                                      "--cases", "x.csv", "--k", "3", "--output", "o"}),
                    CLI::ParseError);
}

TEST_CASE("malformed command lines are parse errors", "[cli]") {
    auto without = [](const std::string& option, int values) {
        std::vector<std::string> args = k_minimal;
        auto it = std::find(args.begin(), args.end(), option);
        args.erase(it, it + 1 + values);
        return args;
    };
    CliRun a;
    CHECK_THROWS_AS(locality::test::parse_cli(a, without("--areas", 1)), CLI::RequiredError);
    CliRun b;
    CHECK_THROWS_AS(locality::test::parse_cli(b, without("--output", 1)), CLI::RequiredError);
    CliRun c;
    CHECK_THROWS_AS(locality::test::parse_cli(c, without("--cases", 1)), CLI::RequiredError);
    CliRun d;
    std::vector<std::string> bad_k = k_minimal;
    bad_k[8] = "0";
    CHECK_THROWS_AS(locality::test::parse_cli(d, bad_k), CLI::ValidationError);
    CliRun e;
    std::vector<std::string> text_k = k_minimal;
    text_k[8] = "five";
    CHECK_THROWS_AS(locality::test::parse_cli(e, text_k), CLI::ParseError);
    CliRun f;
    CHECK_THROWS_AS(locality::test::parse_cli(f, {}), CLI::RequiredError);  // a subcommand is required
}

TEST_CASE("a malformed service-area id or a service area without a name is a usage error", "[cli]") {
    CliRun a;
    std::vector<std::string> args = k_minimal;
    args.insert(args.end(), {"--service-area-id", "police"});
    CHECK_THROWS_AS(locality::test::parse_cli(a, args), locality::UsageError);
    CliRun b;
    std::vector<std::string> unnamed = k_minimal;
    unnamed.insert(unnamed.end(), {"--service-areas", "precincts.gpkg"});
    CHECK_THROWS_AS(locality::test::parse_cli(b, unnamed), locality::UsageError);
}

TEST_CASE("propose parses bounds, containers, islands, smoothing and method", "[cli]") {
    CliRun run;
    locality::test::parse_cli(run, {"propose",
                                    "--areas",
                                    "a.gpkg",
                                    "--area-id",
                                    "id",
                                    "--population",
                                    "pop",
                                    "--cases",
                                    "p=c.csv",
                                    "--min",
                                    "population=20000",
                                    "--min",
                                    "cases_total=300",
                                    "--max",
                                    "cases_police=4000",
                                    "--k",
                                    "12",
                                    "--balance",
                                    "10",
                                    "--balance-field",
                                    "cases_total",
                                    "--within",
                                    "b.gpkg|layername=borough",
                                    "--within-id",
                                    "code",
                                    "--islands",
                                    "own",
                                    "--smooth",
                                    "eb",
                                    "--compactness",
                                    "0.5",
                                    "--method",
                                    "grow+tabu",
                                    "--starts",
                                    "8",
                                    "--attributes",
                                    "a,b,c",
                                    "--output",
                                    "out"});
    const auto& c = run.config;
    CHECK(run.verb == "propose");
    REQUIRE(c.min_bounds.size() == 2);
    CHECK(c.min_bounds[0].field == "population");
    CHECK(c.min_bounds[0].value == 20000.0);
    CHECK(c.min_bounds[1].field == "cases_total");
    REQUIRE(c.max_bounds.size() == 1);
    CHECK(c.max_bounds[0].value == 4000.0);
    CHECK(c.balance_pct == 10.0);
    CHECK(c.balance_field == "cases_total");
    CHECK(c.within.path == "b.gpkg");
    CHECK(c.within.layer == "borough");
    CHECK(c.within_id_field == "code");
    CHECK(c.islands == locality::pipeline::IslandPolicy::own);
    CHECK(c.smooth == locality::pipeline::Smoothing::eb);
    CHECK(c.compactness == 0.5);
    CHECK(c.method.construction == locality::regionalize::Construction::Grow);
    CHECK(c.method.search == locality::regionalize::LocalSearch::Tabu);
    CHECK(c.starts == 8);
    CHECK(c.attributes == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("The clustering options have documented defaults", "[cli]") {
    CliRun run;
    locality::test::parse_cli(run, {"regionalize", "--areas", "a.gpkg", "--area-id", "id", "--attributes",
                                    "x", "--k", "3", "--output", "out"});
    const auto& c = run.config;
    CHECK(run.verb == "regionalize");
    CHECK(c.islands == locality::pipeline::IslandPolicy::bridge);
    CHECK(c.smooth == locality::pipeline::Smoothing::none);
    CHECK(c.method.construction == locality::regionalize::Construction::Auto);
    CHECK(c.method.search == locality::regionalize::LocalSearch::Auto);
    CHECK(c.balance_field == "population");
    CHECK(c.within.path.empty());
    CHECK(c.min_bounds.empty());
}

TEST_CASE("Malformed clustering options are usage errors", "[cli]") {
    const std::vector<std::string> base{"propose", "--areas", "a.gpkg",   "--area-id", "id",
                                        "--cases", "p=c.csv", "--output", "out"};
    auto with = [&](const std::vector<std::string>& extra) { return locality::test::with_args(base, extra); };
    {
        CliRun run;
        CHECK_THROWS_AS(locality::test::parse_cli(run, with({"--min", "population"})), locality::UsageError);
    }
    {
        CliRun run;
        CHECK_THROWS_AS(locality::test::parse_cli(run, with({"--max", "x=-3"})), locality::UsageError);
    }
    {
        CliRun run;
        CHECK_THROWS_AS(locality::test::parse_cli(run, with({"--islands", "sink"})), CLI::ParseError);
    }
    {
        CliRun run;
        CHECK_THROWS_AS(locality::test::parse_cli(run, with({"--smooth", "kernel"})), CLI::ParseError);
    }
    {
        CliRun run;
        CHECK_THROWS_AS(locality::test::parse_cli(run, with({"--method", "kmeans"})), CLI::ParseError);
    }
    {
        CliRun run;
        CHECK_THROWS_AS(locality::test::parse_cli(run, with({"--method", "ward+lloyd"})), CLI::ParseError);
    }
    {
        CliRun run;
        CHECK_THROWS_AS(locality::test::parse_cli(run, with({"--format", "geojson,shp"})), CLI::ParseError);
    }
    {
        CliRun run;  // regionalize without --attributes
        CHECK_THROWS_AS(locality::test::parse_cli(run, {"regionalize", "--areas", "a.gpkg", "--area-id", "id",
                                                        "--k", "2", "--output", "o"}),
                        CLI::ParseError);
    }
}

TEST_CASE("per-source case options reach the configuration, the global ones stay the defaults",
          "[cli][source_options]") {
    CliRun run;
    locality::test::parse_cli(run, {"overlay", "--areas", "a.gpkg", "--area-id", "id", "--cases",
                                    "social_care=refs.csv|crs=EPSG:27700|x=Easting|y=Northing", "--cases",
                                    "2020.csv|agency_field=owner", "--output", "o"});
    REQUIRE(run.config.cases.size() == 2);
    CHECK(run.config.cases[0].options.crs == "EPSG:27700");
    CHECK(run.config.cases[0].options.x_field == "Easting");
    CHECK(run.config.cases[1].options.agency_field == "owner");
    CHECK(run.config.cases_crs.empty());  // none given: EPSG:4326 for CSV, a layer's own CRS
    CHECK_FALSE(run.config.merge_agency_spellings);
    CliRun merge;
    locality::test::parse_cli(
        merge, {"overlay", "--areas", "a.gpkg", "--area-id", "id", "--cases", "p=c.csv", "--agency-spellings",
                "merge", "--agency-names", "names.csv", "--output", "o"});
    CHECK(merge.config.merge_agency_spellings);
    CHECK(merge.config.agency_names_file == "names.csv");
    CHECK(run.config.agency_names_file.empty());
}

TEST_CASE("A thread count of 0 (--threads 0) means all cores", "[cli]") {
    CliRun run;
    std::vector<std::string> args = k_minimal;
    args.insert(args.end(), {"--threads", "0"});
    locality::test::parse_cli(run, args);
    CHECK(run.threads == 0);
    CliRun negative;
    args.back() = "-1";
    CHECK_THROWS_AS(locality::test::parse_cli(negative, args), CLI::ParseError);
}

namespace {

/** The message main() prints for the command line `args`, or "" when it parses. */
std::string parse_message(std::vector<std::string> args) {
    CliRun run;
    auto app = locality::cli::make_app(run);
    std::reverse(args.begin(), args.end());
    try {
        app->parse(args);
    } catch (const CLI::ParseError& e) {
        return locality::cli::parse_error_message(*app, e);
    }
    return {};
}

}  // namespace

TEST_CASE("command-line mistakes are explained in plain words", "[cli][messages]") {
    std::vector<std::string> args = k_minimal;
    args.insert(args.end(), {"--min-pop", "5000"});
    CHECK_THAT(parse_message(args), Catch::Contains("did you mean --min-population instead of --min-pop?"));

    args = k_minimal;
    args.insert(args.end(), {"--tolerence", "2"});
    CHECK_THAT(parse_message(args), Catch::Contains("did you mean --tolerance"));

    args = k_minimal;
    args.insert(args.end(), {"--zzzzzz", "2"});
    CHECK_THAT(parse_message(args), !Catch::Contains("did you mean"));

    args = k_minimal;
    args.insert(args.end(), {"--agency-field", "agency", "--agency-field", "owner"});
    CHECK(parse_message(args) ==
          "--agency-field takes one value but is given twice ('agency', 'owner'): keep one, "
          "and remove the extra '--agency-field owner'");

    args = k_minimal;
    args[8] = "12345678901234567890";
    CHECK_THAT(parse_message(args), Catch::Contains("'12345678901234567890' is too large"));
    args[8] = "1000001";
    CHECK_THAT(parse_message(args), Catch::Contains("too large"));
    args[8] = "five";
    CHECK_THAT(parse_message(args), Catch::Contains("not a whole number"));
}

TEST_CASE("closest_option: a unique prefix, else a near spelling, else nothing", "[cli][messages]") {
    const std::vector<std::string> known{"--min", "--min-population", "--max", "--tolerance", "--areas"};
    CHECK(locality::cli::closest_option("--min-pop", known) == "--min-population");
    CHECK(locality::cli::closest_option("--tolerence", known) == "--tolerance");
    CHECK(locality::cli::closest_option("--area", known) == "--areas");
    CHECK(locality::cli::closest_option("--colour", known).empty());
}

TEST_CASE("The shape weight: propose defaults to 5, regionalize to 0, both parse a weight", "[cli][shape]") {
    CliRun propose;
    locality::test::parse_cli(propose, k_minimal);
    CHECK(propose.config.shape_weight == 5.0);
    CliRun regionalize;
    locality::test::parse_cli(regionalize, {"regionalize", "--areas", "a.gpkg", "--area-id", "id",
                                            "--attributes", "x", "--k", "3", "--output", "out"});
    CHECK(regionalize.config.shape_weight == 0.0);
    CliRun given;
    std::vector<std::string> args = k_minimal;
    args.insert(args.end(), {"--shape-weight", "0.5"});
    locality::test::parse_cli(given, args);
    CHECK(given.config.shape_weight == 0.5);
    CliRun negative;
    args.back() = "-1";
    CHECK_THROWS(locality::test::parse_cli(negative, args));
}

TEST_CASE("The words of --method and --format become enums, in any case, the formats in the order given",
          "[cli]") {
    using locality::pipeline::OutputFormat;
    const std::vector<std::string> base{"propose", "--areas", "a.gpkg",   "--area-id", "id",
                                        "--cases", "p=c.csv", "--output", "out"};
    {
        CliRun run;
        locality::test::parse_cli(run, base);
        CHECK(run.config.method.construction == locality::regionalize::Construction::Auto);
        CHECK(run.config.method.search == locality::regionalize::LocalSearch::Auto);
        CHECK(run.config.formats == std::vector<OutputFormat>{OutputFormat::geojson, OutputFormat::gpkg});
    }
    {
        std::vector<std::string> args = base;
        args.insert(args.end(), {"--method", "Ward+SA", "--format", "GPKG,geojson"});
        CliRun run;
        locality::test::parse_cli(run, args);
        CHECK(run.config.method.construction == locality::regionalize::Construction::Ward);
        CHECK(run.config.method.search == locality::regionalize::LocalSearch::Annealing);
        CHECK(run.config.formats == std::vector<OutputFormat>{OutputFormat::gpkg, OutputFormat::geojson});
    }
    {
        std::vector<std::string> args = base;
        args.insert(args.end(), {"--method", "skater", "--format", "gpkg"});
        CliRun run;
        locality::test::parse_cli(run, args);
        CHECK(run.config.method.construction == locality::regionalize::Construction::Skater);
        CHECK(run.config.method.search == locality::regionalize::LocalSearch::Auto);
        CHECK(run.config.formats == std::vector<OutputFormat>{OutputFormat::gpkg});
    }
}
