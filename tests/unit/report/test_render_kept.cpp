// SPDX-License-Identifier: MIT
// The report's "Kept from before": --fixed's pinned areas and every area --start-from moved.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "report/html.hpp"

using json = nlohmann::ordered_json;

TEST_CASE("Kept from before: pinned areas and each moved area with its reason in words",
          "[report][maintain]") {
    json summary = json::object();
    CHECK(locality::report::render_kept(summary).empty());

    summary["fixed"] = {{"source", {{"kind", "assignment"}, {"source", "agreed.csv"}}}, {"pinned_areas", 4}};
    summary["maintenance"] = {
        {"source", {{"kind", "assignment"}, {"source", "last/assignment.csv"}}},
        {"move_cost", 0.002},
        {"moved", 2},
        {"by_reason", {{"repair-contiguity", 0}, {"repair-floor", 1}, {"repair-ceiling", 0}, {"improve", 1}}},
        {"moves", json::array({{{"area_id", "c21"}, {"from", 2}, {"to", 1}, {"why", "repair-floor"}},
                               {{"area_id", "<b>"}, {"from", 1}, {"to", 3}, {"why", "improve"}}})}};
    const std::string html = locality::report::render_kept(summary);
    CHECK(html.find("4 area(s) were pinned") != std::string::npos);
    CHECK(html.find("agreed.csv") != std::string::npos);
    CHECK(
        html.find("2 area(s) moved (0 to repair contiguity, 1 to repair a floor, 0 to repair a ceiling, 1 to "
                  "improve") != std::string::npos);
    CHECK(html.find("<td>c21</td><td class=\"n\">2</td><td class=\"n\">1</td><td>a locality was below a "
                    "floor</td>") != std::string::npos);
    // Area ids from the data are escaped.
    CHECK(html.find("<td>&lt;b&gt;</td>") != std::string::npos);
}
