// SPDX-License-Identifier: MIT
// propose --keep-close-to on the 3 x 3 grid: the police service areas (halves3x3: W = columns 0 and 1,
// E = column 2) are themselves a feasible plan of two localities, so a heavy weight reproduces them
// (no case moved); the cases-moved figure never rises with the weight, in maintenance too; refusals name
// the agency.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "grid_proposal.hpp"
#include "locality/core/error.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"

using json = nlohmann::json;
using locality::test::data_path;
using locality::test::TempDir;

namespace {

/** The grid in two localities, with the halves as the police's service areas, no suppression. */
locality::pipeline::ProposeOptions halves_config(const std::string& output) {
    locality::pipeline::ProposeOptions config = locality::test::grid_proposal_config(output);
    config.service_areas = {{"police", {data_path("fixtures/halves3x3.geojson"), ""}}};
    config.k = 2;
    config.suppress_below = 0;
    config.seed = 1;
    config.overwrite = true;
    return config;
}

double police_moved_share(const json& summary) {
    const json& police = summary.at("disruption").at(0);
    REQUIRE(police.at("agency") == "police");
    return police.at("cases_moved_share").get<double>();
}

}  // namespace

TEST_CASE("propose --keep-close-to police: a heavy weight reproduces service areas that are a feasible plan",
          "[pipeline][keep_close_to]") {
    const TempDir scratch("locality_keep_close_to");
    locality::pipeline::ProposeOptions config = halves_config(scratch.file("blind"));
    const json blind = json::parse(locality::pipeline::run_propose(config).summary_json);
    CHECK_FALSE(blind.at("parameters").contains("keep_close_to"));
    double previous = police_moved_share(blind);
    CHECK(previous > 0.0);  // the need alone draws other lines on this grid
    for (const double weight : {0.1, 1.0, 100.0}) {
        config.output_dir = scratch.file("kept_" + std::to_string(weight));
        config.keep_close_to = {{"police", weight}};
        const json kept = json::parse(locality::pipeline::run_propose(config).summary_json);
        INFO("weight " << weight);
        CHECK(kept.at("parameters").at("keep_close_to") ==
              json::parse(R"([{"agency": "police", "weight": )" + std::to_string(weight) + "}]"));
        const double share = police_moved_share(kept);
        CHECK(share <= previous);
        previous = share;
    }
    CHECK(previous == 0.0);
}

TEST_CASE("propose --keep-close-to: an agency not among the cases or without a service layer is refused",
          "[pipeline][keep_close_to]") {
    const TempDir scratch("locality_keep_close_to_refused");
    locality::pipeline::ProposeOptions config = halves_config(scratch.file("out"));
    config.keep_close_to = {{"fire", 0.5}};
    CHECK_THROWS_WITH(locality::pipeline::run_propose(config),
                      Catch::Contains("--keep-close-to fire: no agency or service layer named 'fire'"));
    config.keep_close_to = {{"health", 0.5}};
    CHECK_THROWS_AS(locality::pipeline::run_propose(config), locality::InputError);
    CHECK_THROWS_WITH(locality::pipeline::run_propose(config),
                      Catch::Contains("no service layer handles agency 'health'"));
    config.keep_close_to = {{"police", 0.0}};
    CHECK_THROWS_AS(locality::pipeline::run_propose(config), locality::UsageError);
}

TEST_CASE("propose --start-from with --keep-close-to police: maintenance moves cases back to their teams",
          "[pipeline][keep_close_to][maintain]") {
    // The blind plan is the start: without the term nothing moves (the engine's own plan); with it the
    // police's cases moved (summary.json's partner's cost) never rise with the weight and end below the
    // start's, and every moved area is listed.
    const TempDir scratch("locality_keep_close_to_maintain");
    locality::pipeline::ProposeOptions config = halves_config(scratch.file("blind"));
    const json blind = json::parse(locality::pipeline::run_propose(config).summary_json);
    double previous = police_moved_share(blind);
    REQUIRE(previous > 0.0);
    config.start_from = {scratch.file("blind") + "/assignment.csv", ""};
    for (const double weight : {0.0, 0.1, 1.0, 100.0}) {
        config.output_dir = scratch.file("kept_" + std::to_string(weight));
        config.keep_close_to.clear();
        if (weight > 0.0) config.keep_close_to = {{"police", weight}};
        const json kept = json::parse(locality::pipeline::run_propose(config).summary_json);
        INFO("weight " << weight);
        const json& maintenance = kept.at("maintenance");
        if (weight == 0.0) CHECK(maintenance.at("moved") == 0);
        CHECK(maintenance.at("moved").get<std::size_t>() == maintenance.at("moves").size());
        const double share = police_moved_share(kept);
        CHECK(share <= previous);
        previous = share;
    }
    CHECK(previous < police_moved_share(blind));  // the term does move cases back
}
