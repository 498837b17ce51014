// SPDX-License-Identifier: MIT
// Constraints, containers and islands of `propose` on the 3 x 3 grid, whose populations are known by
// heart: c<row><col> holds 100 * (3 * row + col + 1), 4,500 in all (data/fixtures/README.md). Every
// bound is checked on the written assignment.csv against those hand-known figures.
#include <fmt/format.h>
#include <tbb/global_control.h>

#include <algorithm>
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
using locality::pipeline::ProposeOptions;
using locality::test::TempDir;

/** Population of grid cell "c<row><col>", from the fixture's definition. */
double grid_pop(const std::string& id) {
    const int row = id[1] - '0';
    const int col = id[2] - '0';
    return 100.0 * (3 * row + col + 1);
}

ProposeOptions grid_config(const TempDir& dir, const std::string& areas = "fixtures/grid3x3.geojson") {
    ProposeOptions config;
    config.areas = {areas.front() == '/' ? areas : locality::test::data_path(areas), ""};
    config.area_id_field = "cell_id";
    config.population_field = "pop";
    config.cases.push_back({"", {locality::test::data_path("fixtures/points3x3.csv"), ""}});
    config.agency_field = "agency";
    config.cases_crs = "EPSG:32618";
    config.output_dir = dir.file("out");
    config.command_line = {"propose", "(test)"};
    return config;
}

/** assignment.csv as area id -> locality. */
std::map<std::string, int> read_assignment(const TempDir& dir) {
    std::map<std::string, int> out;
    const auto rows = locality::test::parse_csv(locality::test::read_text(dir.file("out/assignment.csv")));
    for (std::size_t i = 1; i < rows.size(); ++i) {
        out[rows[i].at(0)] = std::stoi(rows[i].at(1));
    }
    return out;
}

/** Each locality's total of `value(id)`. */
template <typename F>
std::map<int, double> totals(const std::map<std::string, int>& assignment, F value) {
    std::map<int, double> out;
    for (const auto& [id, locality] : assignment) {
        out[locality] += value(id);
    }
    return out;
}

/** Message of the error `config` raises, or "" when it runs. */
template <typename E>
std::string error_of(const ProposeOptions& config) {
    try {
        locality::pipeline::run_propose(config);
    } catch (const E& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("A floor on any numeric area field holds on every locality", "[pipeline][constraints]") {
    TempDir dir;
    ProposeOptions config = grid_config(dir);
    config.min_bounds = {{"pop", 1400.0}};
    const json summary = json::parse(locality::pipeline::run_propose(config).summary_json);
    const auto assignment = read_assignment(dir);
    REQUIRE(assignment.size() == 9);
    const auto sums = totals(assignment, grid_pop);
    CHECK(static_cast<int>(sums.size()) == summary["localities"]["count"].get<int>());
    CHECK(sums.size() >= 2);  // 4,500 holds at least two localities of 1,400 next to each other
    for (const auto& [locality, sum] : sums) {
        CHECK(sum >= 1400.0);
    }
    CHECK(summary["constraints"]["bounds"][0]["option"] == "--min pop=1400");
    CHECK(summary["localities"]["method"] == "auto+auto");
}

TEST_CASE("A floor on a case count holds on every locality", "[pipeline][constraints]") {
    TempDir dir;
    ProposeOptions config = grid_config(dir);
    // Located cases per cell (fixture README): c00 3, c01 1, c20 1, c21 1, c22 1: 7 in all.
    const std::map<std::string, double> cases{{"c00", 3}, {"c01", 1}, {"c20", 1}, {"c21", 1}, {"c22", 1}};
    config.min_bounds = {{"cases_total", 3.0}};
    locality::pipeline::run_propose(config);
    const auto sums = totals(read_assignment(dir), [&](const std::string& id) {
        const auto it = cases.find(id);
        return it == cases.end() ? 0.0 : it->second;
    });
    CHECK(sums.size() >= 2);
    for (const auto& [locality, sum] : sums) {
        CHECK(sum >= 3.0);
    }
}

TEST_CASE("Several bounds at once hold on every locality, or the run is refused", "[pipeline][constraints]") {
    // Needs the engine with several bounds and ceilings; the SKATER stub serves one floor only.
    TempDir dir;
    ProposeOptions config = grid_config(dir);
    config.k = 3;
    config.min_bounds = {{"population", 1000.0}, {"cases_total", 1.0}};
    config.max_bounds = {{"population", 2000.0}};
    try {
        locality::pipeline::run_propose(config);
    } catch (const locality::InfeasibleError&) {
        SUCCEED("refused as infeasible");
        return;
    }
    const auto assignment = read_assignment(dir);
    const auto sums = totals(assignment, grid_pop);
    CHECK(sums.size() == 3);
    for (const auto& [locality, sum] : sums) {
        CHECK(sum >= 1000.0);
        CHECK(sum <= 2000.0);
    }
}

TEST_CASE("Balance keeps every locality within PCT of the mean, or the run is refused",
          "[pipeline][constraints]") {
    TempDir dir;
    ProposeOptions config = grid_config(dir);
    config.k = 3;
    config.balance_pct = 20.0;  // 1,500 +/- 300
    try {
        locality::pipeline::run_propose(config);
    } catch (const locality::InfeasibleError&) {
        SUCCEED("refused as infeasible");
        return;
    }
    for (const auto& [locality, sum] : totals(read_assignment(dir), grid_pop)) {
        CHECK(sum >= 1200.0);
        CHECK(sum <= 1800.0);
    }
}

TEST_CASE("Infeasible requests are refused up front with the constraint and the gap",
          "[pipeline][constraints]") {
    TempDir dir;
    ProposeOptions config = grid_config(dir);
    config.max_bounds = {{"pop", 850.0}};
    config.k = 6;
    const std::string ceiling = error_of<locality::InfeasibleError>(config);
    CHECK(ceiling.find("--max pop=850") != std::string::npos);
    CHECK(ceiling.find("'c22'") != std::string::npos);  // 900 residents alone
    CHECK(ceiling.find("by 50") != std::string::npos);

    config.max_bounds.clear();
    config.k = 5;
    config.min_bounds = {{"population", 1000.0}};
    const std::string floors = error_of<locality::InfeasibleError>(config);
    CHECK(floors.find("need 5,000") != std::string::npos);
    CHECK(floors.find("short by 500") != std::string::npos);

    config.k = 10;
    config.min_bounds.clear();
    CHECK(error_of<locality::InfeasibleError>(config).find("--k 10 exceeds the 9 areas") !=
          std::string::npos);

    config.k = 2;
    config.max_bounds = {{"population", 2000.0}};  // two localities hold at most 4,000 of 4,500
    CHECK(error_of<locality::InfeasibleError>(config).find("over by 500") != std::string::npos);
    CHECK_FALSE(std::ifstream(dir.file("out/assignment.csv")).good());
}

TEST_CASE("An unknown constraint field lists the available ones and a case-only difference",
          "[pipeline][constraints]") {
    TempDir dir;
    ProposeOptions config = grid_config(dir);
    config.min_bounds = {{"POP", 100.0}};
    const std::string message = error_of<locality::InputError>(config);
    CHECK(message.find("'POP'") != std::string::npos);
    CHECK(message.find("'pop' differs only in case") != std::string::npos);
    CHECK(message.find("cases_total, cases_health, cases_police") != std::string::npos);

    config.min_bounds.clear();
    config.k = 2;
    config.balance_pct = 10.0;
    config.population_field.clear();
    CHECK(error_of<locality::UsageError>(config).find("--population") != std::string::npos);
}

TEST_CASE("No locality crosses a container, and k is shared by population", "[pipeline][containers]") {
    // halves3x3: W covers columns 0 and 1 (column 1 half, W first read), E column 2 (fixture README).
    TempDir dir;
    ProposeOptions config = grid_config(dir);
    config.within = {locality::test::data_path("fixtures/halves3x3.geojson"), ""};
    config.k = 3;
    const json summary = json::parse(locality::pipeline::run_propose(config).summary_json);
    const auto assignment = read_assignment(dir);
    std::map<int, std::set<char>> containers_of;
    for (const auto& [id, locality] : assignment) {
        containers_of[locality].insert(id[2] == '2' ? 'E' : 'W');
    }
    REQUIRE(containers_of.size() == 3);
    for (const auto& [locality, containers] : containers_of) {
        CHECK(containers.size() == 1);
    }
    // W holds 2,700 residents, E 1,800: quotas 1.8 and 1.2, so 1 + 1 and the remainder to W.
    const json& groups = summary["containers"]["groups"];
    REQUIRE(groups.size() == 2);
    CHECK(groups[0]["container"] == "W");
    CHECK(groups[0]["k"] == 2);
    CHECK(groups[1]["container"] == "E");
    CHECK(groups[1]["k"] == 1);
    CHECK(summary["containers"]["id_field"] == "zone");
    for (const json& locality : summary["localities"]["localities"]) {
        const int number = locality["locality"].get<int>();
        CHECK(std::string(1, *containers_of[number].begin()) == locality["container"].get<std::string>());
    }
}

TEST_CASE("A container too small for a floor is refused naming it and the gap", "[pipeline][containers]") {
    TempDir dir;
    ProposeOptions config = grid_config(dir);
    config.within = {locality::test::data_path("fixtures/halves3x3.geojson"), ""};
    config.min_population = 2000.0;  // E holds 1,800
    const std::string message = error_of<locality::InfeasibleError>(config);
    CHECK(message.find("1 container(s)") != std::string::npos);
    CHECK(message.find("'E' (1,800)") != std::string::npos);
    CHECK(message.find("short by up to 200") != std::string::npos);
}

TEST_CASE("Containers solved in parallel give the same files whatever the thread count",
          "[pipeline][containers]") {
    std::string assignment[2];
    std::string localities[2];
    for (int threads = 1; threads <= 2; ++threads) {
        const tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                        static_cast<std::size_t>(threads));
        TempDir dir;
        ProposeOptions config = grid_config(dir);
        config.within = {locality::test::data_path("fixtures/halves3x3.geojson"), ""};
        config.k = 4;
        config.seed = 3;
        locality::pipeline::run_propose(config);
        assignment[threads - 1] = locality::test::read_text(dir.file("out/assignment.csv"));
        localities[threads - 1] = locality::test::read_text(dir.file("out/localities.geojson"));
    }
    CHECK(assignment[0] == assignment[1]);
    CHECK(localities[0] == localities[1]);
}

TEST_CASE(
    "A balance no partition meets is refused naming --balance, the tightest balance reached and "
    "--best-effort",
    "[pipeline][constraints][best_effort]") {
    // k = 4: mean 1,125, so --balance 1 asks for 1,113.75..1,136.25, and every cell holds a multiple of
    // 100: no partition meets it, though each bound alone passes the checks made before solving.
    TempDir dir;
    ProposeOptions config = grid_config(dir);
    config.k = 4;
    config.balance_pct = 1.0;
    const std::string refusal = error_of<locality::InfeasibleError>(config);
    CHECK(refusal.find("--balance 1 (of population)") == 0);
    CHECK(refusal.find("the tightest balance reached is ") != std::string::npos);
    CHECK(refusal.find("--best-effort") != std::string::npos);
    CHECK_FALSE(std::ifstream(dir.file("out/assignment.csv")).good());

    // The same request with --best-effort writes the closest partition, every broken bound listed.
    config.best_effort = true;
    const json summary = json::parse(locality::pipeline::run_propose(config).summary_json);
    const std::map<int, double> sums = totals(read_assignment(dir), grid_pop);
    REQUIRE(sums.size() == 4);
    CHECK(summary["localities"]["best_effort"] == true);
    const json& violations = summary["localities"]["violations"];
    REQUIRE(violations.size() == 4);  // no multiple of 100 lies in the band: every locality breaks it
    double worst_pct = 0.0;
    for (const json& v : violations) {
        const int locality = v["locality"].get<int>();
        const double sum = sums.at(locality);
        CHECK(v["total"].get<double>() == Approx(sum));
        CHECK(v["option"] == "--balance 1 (of population)");
        const double by = sum < 1113.75 ? 1113.75 - sum : sum - 1136.25;
        CHECK(v["by"].get<double>() == Approx(by));
        worst_pct = std::max(worst_pct, std::abs(sum - 1125.0) / 1125.0 * 100.0);
    }
    const json& balance = summary["localities"]["balance"];
    REQUIRE(balance.size() == 1);
    CHECK(balance[0]["met"] == false);
    CHECK(balance[0]["largest_deviation_pct"].get<double>() == Approx(worst_pct).margin(0.01));
    // The refusal reported the same tightest balance (same seed, same search).
    CHECK(refusal.find(fmt::format("reached is {:.1f} %", worst_pct)) != std::string::npos);
    const auto& warnings = summary["warnings"];
    CHECK(std::any_of(warnings.begin(), warnings.end(), [](const json& w) {
        return w.get<std::string>().find("--best-effort: the localities written break 4 bound(s)") == 0;
    }));
}

TEST_CASE("With containers, balance is checked per container against its own mean",
          "[pipeline][containers]") {
    // W (columns 0 and 1) holds 2,700 residents and gets k = 2, E (column 2) 1,800 and k = 1.
    TempDir dir;
    ProposeOptions config = grid_config(dir);
    config.within = {locality::test::data_path("fixtures/halves3x3.geojson"), ""};
    config.k = 3;
    config.balance_pct = 15.0;
    const json summary = json::parse(locality::pipeline::run_propose(config).summary_json);
    std::map<int, double> sums;
    std::map<int, char> container;
    for (const auto& [id, locality] : read_assignment(dir)) {
        sums[locality] += grid_pop(id);
        container[locality] = id[2] == '2' ? 'E' : 'W';
    }
    double w_worst = 0.0;
    for (const auto& [locality, sum] : sums) {
        if (container[locality] == 'W') {
            w_worst = std::max(w_worst, std::abs(sum - 1350.0) / 1350.0 * 100.0);
        }
    }
    const json& balance = summary["localities"]["balance"];
    REQUIRE(balance.size() == 2);
    CHECK(balance[0]["group"] == "container 'W'");
    CHECK(balance[0]["mean"].get<double>() == Approx(1350.0));
    CHECK(balance[0]["largest_deviation_pct"].get<double>() == Approx(w_worst).margin(0.01));
    CHECK(w_worst <= 15.0);
    CHECK(balance[0]["met"] == true);
    CHECK(balance[1]["group"] == "container 'E'");
    CHECK(balance[1]["largest_deviation_pct"].get<double>() == Approx(0.0));
    // Against the mean of all three (1,500), E's 1,800 is 20 % off: not what was asked, not a breach.
    CHECK(summary["localities"]["violations"].empty());
}

TEST_CASE("Localities more than 10 times apart in population without a floor or balance are warned about",
          "[pipeline][constraints]") {
    // Within the halves, k = 3 gives {c00} (100 residents) beside 2,600 and 1,800 (propose_within_grid).
    TempDir dir;
    ProposeOptions config = grid_config(dir);
    config.within = {locality::test::data_path("fixtures/halves3x3.geojson"), ""};
    config.k = 3;
    const auto has_spread_warning = [](const json& summary) {
        const auto& warnings = summary["warnings"];
        return std::any_of(warnings.begin(), warnings.end(), [](const json& w) {
            const std::string text = w.get<std::string>();
            return text.find(
                       "the localities are not comparable: the largest has 2,600 residents, 26 times the "
                       "smallest (100)") == 0 &&
                   text.find("--min-population") != std::string::npos &&
                   text.find("--balance") != std::string::npos;
        });
    };
    CHECK(has_spread_warning(json::parse(locality::pipeline::run_propose(config).summary_json)));
    // A floor was asked for: the spread is the user's choice, no warning.
    config.overwrite = true;
    config.min_population = 100.0;
    CHECK_FALSE(has_spread_warning(json::parse(locality::pipeline::run_propose(config).summary_json)));
}
