// SPDX-License-Identifier: MIT
// Earlier releases read back from their folders (`--released DIR`, decision 0041), on a hand-made
// folder over data/fixtures/README.md's grid and points: police c00 1, c01 1, c22 1; health c00 2;
// schools c20 1, c21 1. Its two localities: rows 0 and 1 (health 2, police 2, schools 0, total 4) and
// row 2 (health 0, police 1, schools 2, total 3).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "grid_proposal.hpp"
#include "locality/core/error.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "pipeline/inputs.hpp"
#include "temp_dir.hpp"

namespace {

using locality::test::TempDir;

void write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

struct Release {
    std::string command = "propose";
    int threshold = 5;
    std::string schools_of_first = "0";  ///< locality 1's published cases_schools (truth: 0)
    bool every_area = true;
};

/** A release folder written by hand: summary.json, assignment.csv and localities.geojson. */
std::string write_release(const TempDir& scratch, const Release& r) {
    const std::string folder = scratch.file("release");
    std::filesystem::create_directories(folder);
    write(
        folder + "/summary.json",
        "{\"locality_version\": \"0\", \"command\": \"" + r.command +
            "\", \"created\": \"2026-01-01T00:00:00Z\", \"parameters\": {\"suppress_below\": " +
            std::to_string(r.threshold) +
            "}, \"cases\": {\"agencies\": [{\"column\": \"cases_health\", \"assigned\": 2}, "
            "{\"column\": \"cases_police\", \"assigned\": 3}, {\"column\": \"cases_schools\", \"assigned\": "
            "2}]}, \"outputs\": [\"localities.geojson\", \"assignment.csv\", \"summary.json\"]}\n");
    write(folder + "/assignment.csv",
          std::string("area_id,locality\nc00,1\nc01,1\nc02,1\nc10,1\nc11,1\nc12,1\n"
                      "c20,2\nc21,2\n") +
              (r.every_area ? "c22,2\n" : ""));
    // cases_total is null in both localities, so a GeoJSON leaves the field out: withheld everywhere.
    write(folder + "/localities.geojson",
          "{\"type\": \"FeatureCollection\", \"features\": ["
          "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"locality\": 1, \"cases_health\": "
          "null, "
          "\"cases_police\": null, \"cases_schools\": " +
              r.schools_of_first +
              "}},"
              "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"locality\": 2, "
              "\"cases_health\": 0, "
              "\"cases_police\": null, \"cases_schools\": null}}]}\n");
    return folder;
}

locality::pipeline::OverlayData load_with(const std::string& folder) {
    auto config = locality::pipeline::shared_parts<locality::pipeline::StageOptions>(
        locality::test::grid_proposal_config("unused"));
    config.released = {folder};
    return locality::pipeline::load_and_overlay(config, {});
}

}  // namespace

TEST_CASE("An earlier release is read from its own files: each area's locality and the withheld counts",
          "[pipeline][released]") {
    const TempDir scratch("locality_released_read");
    const auto data = load_with(write_release(scratch, {}));
    REQUIRE(data.released.size() == 1);
    const locality::pipeline::ReleasedRun& run = data.released.front();
    REQUIRE(run.partitions.size() == 1);
    std::vector<locality::RegionId> expected;
    for (const std::string& id : data.areas.ids) {
        expected.push_back(id[1] == '2' ? 1 : 0);  // row 2 is the second locality
    }
    CHECK(run.partitions[0] == expected);
    REQUIRE(run.withheld.size() == 1);
    // Agencies in sorted order: health, police, schools; null = withheld, a left-out field too.
    CHECK(run.withheld[0].cells == std::vector<std::vector<bool>>{{true, true, false}, {false, true, true}});
    CHECK(run.withheld[0].totals == std::vector<bool>{true, true});
    CHECK(run.withheld[0].count == 6);
    CHECK_FALSE(run.area_counts.has_value());
    CHECK(run.record["command"] == "propose");
    CHECK(run.record["locality_tables"] == nlohmann::ordered_json::array({"localities.geojson"}));
    CHECK(run.record["summary_sha256"].get<std::string>().size() == 64);
}

TEST_CASE("An earlier release that is not of these cases and rules is refused, naming what differs",
          "[pipeline][released]") {
    const TempDir scratch("locality_released_refused");
    using Catch::Contains;
    Release edited;
    edited.schools_of_first = "1";
    REQUIRE_THROWS_AS(load_with(write_release(scratch, edited)), locality::InputError);
    REQUIRE_THROWS_WITH(load_with(write_release(scratch, edited)),
                        Contains("made from other cases: locality 1's cases_schools is 1") &&
                            Contains(", 0 with this run's cases"));
    Release threshold;
    threshold.threshold = 3;
    REQUIRE_THROWS_WITH(load_with(write_release(scratch, threshold)),
                        Contains("made with --suppress-below 3, this run 5"));
    Release compare;
    compare.command = "compare";
    REQUIRE_THROWS_WITH(load_with(write_release(scratch, compare)),
                        Contains("`locality compare`, which publishes no case counts"));
    Release fewer;
    fewer.every_area = false;
    REQUIRE_THROWS_WITH(
        load_with(write_release(scratch, fewer)),
        Contains("assignment.csv lacks area 'c22' of this run's areas: made over other areas"));
    REQUIRE_THROWS_WITH(load_with(scratch.file("nothing_here")), Contains("no summary.json there"));
}
