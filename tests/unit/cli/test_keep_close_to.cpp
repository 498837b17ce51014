// SPDX-License-Identifier: MIT
// --keep-close-to AGENCY[=WEIGHT]: parsing only, nothing here opens a file.
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "cli_parse.hpp"
#include "cli_run.hpp"
#include "locality/core/error.hpp"

using locality::cli::CliRun;

namespace {

std::vector<std::string> propose_with(const std::vector<std::string>& extra) {
    return locality::test::with_args({"propose", "--areas", "a.gpkg|layername=tract", "--area-id", "geoid",
                                      "--cases", "police=p.csv", "--k", "5", "--output", "out"},
                                     extra);
}

}  // namespace

TEST_CASE("The keep-close-to option: absent, none; each agency with its weight or the default 1",
          "[cli][keep_close_to]") {
    CliRun none;
    locality::test::parse_cli(none, propose_with({}));
    CHECK(none.config.keep_close_to.empty());
    CliRun two;
    locality::test::parse_cli(two,
                              propose_with({"--keep-close-to", "police", "--keep-close-to", "schools=2.5"}));
    const std::vector<std::pair<std::string, double>> expected{{"police", 1.0}, {"schools", 2.5}};
    CHECK(two.config.keep_close_to == expected);
}

TEST_CASE(
    "The keep-close-to option: a weight that is not a number > 0, no agency or one given twice is a usage "
    "error",
    "[cli][keep_close_to]") {
    for (const char* bad :
         {"police=0", "police=-1", "police=abc", "police=", "police=1x", "=2", "police=nan", "police=inf"}) {
        INFO(bad);
        CliRun run;
        CHECK_THROWS_AS(locality::test::parse_cli(run, propose_with({"--keep-close-to", bad})),
                        locality::UsageError);
    }
    CliRun twice;
    CHECK_THROWS_AS(locality::test::parse_cli(
                        twice, propose_with({"--keep-close-to", "police", "--keep-close-to", "police=2"})),
                    locality::UsageError);
}

TEST_CASE("The keep-close-to option is propose's only: regionalize has no cases to keep",
          "[cli][keep_close_to]") {
    CliRun run;
    CHECK_THROWS(
        locality::test::parse_cli(run, {"regionalize", "--areas", "a.gpkg", "--area-id", "id", "--attributes",
                                        "x", "--k", "3", "--output", "out", "--keep-close-to", "police"}));
}
