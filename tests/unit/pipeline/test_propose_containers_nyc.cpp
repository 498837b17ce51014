// SPDX-License-Identifier: MIT
// Containers and several bounds on real data: the demo's Manhattan and Bronx tracts, with the NYC
// boroughs (shared data) as containers. The truth of which borough a tract lies in is its geoid's
// county prefix (36061 Manhattan, 36005 the Bronx), independent of any geometry; populations come
// straight from GDAL (tests/support/pipeline_truth.*).
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "fixtures.hpp"
#include "locality/core/error.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "pipeline_truth.hpp"
#include "skip.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"
#include "text_files.hpp"

namespace {

using json = nlohmann::json;
using locality::test::TempDir;

constexpr double k_floor = 100000.0;

struct Run {
    json summary;
    std::map<std::string, int> assignment;
};

locality::pipeline::ProposeOptions two_boroughs(const TempDir& scratch) {
    const std::string areas = scratch.file("mn_bx.gpkg");
    locality::test::write_subset_gpkg(locality::test::data_path("demo/nyc_demo.gpkg"), "tract",
                                      "borough_name IN ('Manhattan', 'Bronx')", areas);
    locality::pipeline::ProposeOptions config;
    config.areas = {areas, "tract"};
    config.area_id_field = "geoid";
    config.population_field = "population";
    config.cases.push_back({"", {locality::test::data_path("demo/nyc311_2018-06.csv"), ""}});
    config.agency_field = "Agency";
    config.within = {locality::test::nyc_gpkg(), "borough"};
    config.seed = 1;
    config.output_dir = scratch.file("out");
    return config;
}

Run run(const locality::pipeline::ProposeOptions& config) {
    Run out;
    out.summary = json::parse(locality::pipeline::run_propose(config).summary_json);
    const auto rows =
        locality::test::parse_csv(locality::test::read_text(config.output_dir + "/assignment.csv"));
    for (std::size_t i = 1; i < rows.size(); ++i) {
        out.assignment[rows[i].at(0)] = std::stoi(rows[i].at(1));
    }
    return out;
}

/** Each locality's population, from the areas as GDAL reads them. */
std::map<int, double> populations(const Run& result, const locality::test::TruthAreas& truth) {
    std::map<int, double> out;
    for (const auto& [id, locality] : result.assignment) {
        out[locality] += truth.population[truth.index_of.at(id)];
    }
    return out;
}

}  // namespace

TEST_CASE("No locality crosses a borough and every floor holds on NYC tracts",
          "[pipeline][containers][shared]") {
    locality::test::skip_unless_present(locality::test::nyc_gpkg());
    const TempDir scratch("locality_within_nyc");
    locality::pipeline::ProposeOptions config = two_boroughs(scratch);
    config.min_population = k_floor;
    const Run result = run(config);
    const locality::test::TruthAreas truth =
        locality::test::read_truth_areas(config.areas.path, "tract", "geoid", "population");
    REQUIRE(result.assignment.size() == truth.ids.size());
    std::map<int, std::set<std::string>> counties;
    for (const auto& [id, locality] : result.assignment) {
        counties[locality].insert(id.substr(0, 5));
    }
    const json& localities = result.summary["localities"]["localities"];
    REQUIRE(localities.size() == counties.size());
    for (const json& locality : localities) {
        const auto& in = counties.at(locality["locality"].get<int>());
        CHECK(in.size() == 1);
        CHECK(*in.begin() == locality["container"].get<std::string>());
    }
    for (const auto& [locality, population] : populations(result, truth)) {
        CHECK(population >= k_floor);
    }
    CHECK(result.summary["containers"]["count"] == 5);  // every borough read; three hold no tract here
    CHECK(result.summary["containers"]["groups"].size() == 2);
}

TEST_CASE("A floor and a ceiling hold at once on NYC tracts in boroughs", "[pipeline][containers][shared]") {
    // Needs the engine with ceilings; the SKATER stub serves one floor only.
    locality::test::skip_unless_present(locality::test::nyc_gpkg());
    const TempDir scratch("locality_within_nyc_bounds");
    locality::pipeline::ProposeOptions config = two_boroughs(scratch);
    config.min_bounds = {{"population", k_floor}, {"cases_total", 5.0}};
    config.max_bounds = {{"population", 3.0 * k_floor}};
    Run result;
    try {
        result = run(config);
    } catch (const locality::InfeasibleError&) {
        SUCCEED("refused as infeasible");
        return;
    }
    const locality::test::TruthAreas truth =
        locality::test::read_truth_areas(config.areas.path, "tract", "geoid", "population");
    for (const auto& [locality, population] : populations(result, truth)) {
        CHECK(population >= k_floor);
        CHECK(population <= 3.0 * k_floor);
    }
}
