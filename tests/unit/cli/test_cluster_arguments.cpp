// SPDX-License-Identifier: MIT
// Parsing of the clustering options of propose and regionalize: nothing here opens a file.
#include <catch2/catch.hpp>

#include <algorithm>

#include "cli_run.hpp"
#include "locality/core/error.hpp"

using locality::cli::CliRun;
using locality::pipeline::IslandPolicy;
using locality::pipeline::Smoothing;

namespace {

void parse(CliRun& run, std::vector<std::string> args) {
    auto app = locality::cli::make_app(run);
    std::reverse(args.begin(), args.end());
    app->parse(args);
    locality::cli::finish_parse(run);
}

}  // namespace

TEST_CASE("propose parses bounds, containers, islands, smoothing and method", "[cli]") {
    CliRun run;
    parse(run, {"propose", "--areas", "a.gpkg", "--area-id", "id", "--population", "pop", "--cases", "p=c.csv",
                "--min", "population=20000", "--min", "cases_total=300", "--max", "cases_police=4000", "--k", "12",
                "--balance", "10", "--balance-field", "cases_total", "--within", "b.gpkg|layername=borough",
                "--within-id", "code", "--islands", "own", "--smooth", "eb", "--compactness", "0.5", "--method",
                "grow+tabu", "--starts", "8", "--attributes", "a,b,c", "--output", "out"});
    const auto& c = run.config;
    CHECK(run.verb == locality::cli::Verb::propose);
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
    CHECK(c.islands == IslandPolicy::own);
    CHECK(c.smooth == Smoothing::eb);
    CHECK(c.compactness == 0.5);
    CHECK(c.method == "grow+tabu");
    CHECK(c.starts == 8);
    CHECK(c.attributes == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("The clustering options have documented defaults", "[cli]") {
    CliRun run;
    parse(run, {"regionalize", "--areas", "a.gpkg", "--area-id", "id", "--attributes", "x", "--k", "3", "--output",
                "out"});
    const auto& c = run.config;
    CHECK(run.verb == locality::cli::Verb::regionalize);
    CHECK(c.islands == IslandPolicy::bridge);
    CHECK(c.smooth == Smoothing::none);
    CHECK(c.method == "auto");
    CHECK(c.balance_field == "population");
    CHECK(c.within.path.empty());
    CHECK(c.min_bounds.empty());
}

TEST_CASE("Malformed clustering options are usage errors", "[cli]") {
    const std::vector<std::string> base{"propose", "--areas", "a.gpkg", "--area-id", "id", "--cases", "p=c.csv",
                                        "--output", "out"};
    auto with = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = base;
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    };
    {
        CliRun run;
        CHECK_THROWS_AS(parse(run, with({"--min", "population"})), locality::UsageError);
    }
    {
        CliRun run;
        CHECK_THROWS_AS(parse(run, with({"--max", "x=-3"})), locality::UsageError);
    }
    {
        CliRun run;
        CHECK_THROWS_AS(parse(run, with({"--islands", "sink"})), CLI::ParseError);
    }
    {
        CliRun run;
        CHECK_THROWS_AS(parse(run, with({"--smooth", "kernel"})), CLI::ParseError);
    }
    {
        CliRun run;  // regionalize without --attributes
        CHECK_THROWS_AS(parse(run, {"regionalize", "--areas", "a.gpkg", "--area-id", "id", "--k", "2", "--output",
                                    "o"}),
                        CLI::ParseError);
    }
}
