// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "cli_parse.hpp"
#include "cli_run.hpp"
#include "locality/core/error.hpp"
#include "sweep_options.hpp"

using locality::cli::CliRun;

namespace {

const std::vector<std::string> k_base{"propose", "--areas", "a.gpkg",       "--area-id", "id", "--population",
                                      "pop",     "--cases", "police=p.csv", "--output",  "out"};

}  // namespace

TEST_CASE("The number of localities is a number, an upward range or a list", "[cli][scenarios]") {
    using locality::cli::parse_k_values;
    CHECK(parse_k_values("8") == std::vector<int>{8});
    CHECK(parse_k_values("6..9") == std::vector<int>{6, 7, 8, 9});
    CHECK(parse_k_values("6,8,10") == std::vector<int>{6, 8, 10});
    CHECK_THROWS_AS(parse_k_values("0"), locality::UsageError);
    CHECK_THROWS_AS(parse_k_values("9..6"), locality::UsageError);
    CHECK_THROWS_AS(parse_k_values("6..x"), locality::UsageError);
    CHECK_THROWS_AS(parse_k_values("6,,8"), locality::UsageError);
    CHECK(locality::cli::parse_floor_values("50000,100000") == std::vector<double>{50000, 100000});
    CHECK_THROWS_AS(locality::cli::parse_floor_values("-5"), locality::UsageError);
}

TEST_CASE("A single k is the usual run, and a range or list of k is a sweep", "[cli][scenarios]") {
    CliRun single;
    auto args = k_base;
    args.insert(args.end(), {"--k", "8"});
    locality::test::parse_cli(single, args);
    CHECK(single.config.k == 8);
    CHECK(single.config.k_sweep.empty());

    CliRun sweep;
    args = k_base;
    args.insert(args.end(), {"--k", "6..8", "--min-population", "1000"});
    locality::test::parse_cli(sweep, args);
    CHECK(sweep.config.k == 0);
    CHECK(sweep.config.k_sweep == std::vector<int>{6, 7, 8});
    CHECK(sweep.config.min_population == 1000.0);

    CliRun floors;
    args = k_base;
    args.insert(args.end(), {"--min-population", "50000,100000"});
    locality::test::parse_cli(floors, args);
    CHECK(floors.config.min_population_sweep == std::vector<double>{50000, 100000});

    CliRun bad;
    args = k_base;
    args.insert(args.end(), {"--k", "0"});
    CHECK_THROWS_AS(locality::test::parse_cli(bad, args), CLI::ValidationError);
}

TEST_CASE("The frontier option names shape or an agency, with or without its weights", "[cli][frontier]") {
    using locality::cli::parse_frontier;
    CHECK(parse_frontier("shape") == std::pair<std::string, std::vector<double>>{"shape", {}});
    CHECK(parse_frontier("shape=0,0.1,0.3") ==
          std::pair<std::string, std::vector<double>>{"shape", {0, 0.1, 0.3}});
    CHECK(parse_frontier("NYPD=0.5") == std::pair<std::string, std::vector<double>>{"NYPD", {0.5}});
    CHECK_THROWS_AS(parse_frontier("=0.1"), locality::UsageError);
    CHECK_THROWS_AS(parse_frontier("shape=0,x"), locality::UsageError);
    CHECK_THROWS_AS(parse_frontier("shape="), locality::UsageError);

    CliRun run;
    auto args = k_base;
    args.insert(args.end(), {"--min-population", "1000", "--frontier", "police=0,0.5"});
    locality::test::parse_cli(run, args);
    CHECK(run.config.frontier == "police");
    CHECK(run.config.frontier_weights == std::vector<double>{0, 0.5});
    CHECK(run.config.min_population == 1000.0);
}
