// SPDX-License-Identifier: MIT
// The report's "What changes for each partner" and "Localities evaluated", from summary.json alone.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "locality/report/render_report.hpp"
#include "report/html.hpp"

using json = nlohmann::ordered_json;

namespace {

json partner(const std::string& layer, const json& agency, const json& moved, const json& share) {
    return {{"service_layer", layer},
            {"agency", agency},
            {"caseload", "the agency's cases"},
            {"cases_located", 30},
            {"cases_moved", moved},
            {"cases_moved_share", share},
            {"cases_outside_service_areas", 0},
            {"localities_per_service_area", {{"mean", 1.5}, {"max", 2}}},
            {"service_areas_per_locality", {{"mean", 2.25}, {"max", 3}}},
            {"share_explained_by_localities", 0.42},
            {"share_explained_by_service_areas", 0.3},
            {"gain", 0.12},
            {"suppressed", json::array()}};
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("What changes for each partner: one row per partner in plain words", "[report][evaluate]") {
    json summary;
    summary["disruption"] = json::array(
        {partner("police", "NYPD", 9, 0.3), partner("<b>schools</b>", nullptr, nullptr, nullptr)});
    const std::string html = locality::report::render_partners(summary);
    CHECK(count(html, "</th><td>") == 2);  // a row per partner, after the header
    CHECK(html.find("police (NYPD)") != std::string::npos);
    CHECK(html.find("30.0% (9 of 30 cases) would be handled by another team") != std::string::npos);
    CHECK(html.find("split across 1.5 localities on average (at most 2)") != std::string::npos);
    CHECK(html.find("explain 42.0% of the differences in need, its own areas 30.0%: +12.0 points") !=
          std::string::npos);
    // A withheld share says so; a layer without an agency counts every case; names are escaped.
    CHECK(html.find("withheld would be handled") != std::string::npos);
    CHECK(html.find("&lt;b&gt;schools&lt;/b&gt; (all cases)") != std::string::npos);
    CHECK(html.find("<b>schools") == std::string::npos);
    CHECK(locality::report::render_partners(json::object()).empty());
}

TEST_CASE("Localities evaluated: every breach in words, or that all constraints are met",
          "[report][evaluate]") {
    json summary;
    summary["evaluation"] = {
        {"source", {{"kind", "localities"}, {"source", "police.gpkg"}}},
        {"localities", json::array({{{"locality", 1}, {"name", "1st"}}, {{"locality", 2}, {"name", "2nd"}}})},
        {"checks",
         {{"met", false},
          {"not_contiguous", json::array({{{"locality", 2}, {"name", "2nd"}, {"parts", 3}}})},
          {"bounds_breached", json::array({{{"locality", 1},
                                            {"name", "1st"},
                                            {"option", "--min-population 1000"},
                                            {"field", "population"},
                                            {"breach", "below min"},
                                            {"total", 750.0},
                                            {"by", 250.0}}})},
          {"areas_left_out", json::array({"a9"})}}}};
    const std::string html = locality::report::render_evaluation(summary);
    CHECK(html.find("Locality 2 '2nd' is in 3 separate parts.") != std::string::npos);
    CHECK(html.find("Locality 1 '1st' is below min of --min-population 1000 by 250.0 (its total: 750.0).") !=
          std::string::npos);
    CHECK(html.find("1 area(s) are in no given locality") != std::string::npos);
    CHECK(html.find("Every constraint is met") == std::string::npos);
    CHECK(html.find("(gathered in the last locality): a9.") != std::string::npos);
    // With --area-name, the area left out is named beside its id.
    summary["areas"]["names"] = {{"a9", "Mill <End>"}};
    CHECK(locality::report::render_evaluation(summary).find("locality): a9 (Mill &lt;End&gt;).") !=
          std::string::npos);
    summary["evaluation"]["checks"] = {{"met", true},
                                       {"not_contiguous", json::array()},
                                       {"bounds_breached", json::array()},
                                       {"areas_left_out", json::array()}};
    CHECK(locality::report::render_evaluation(summary).find("Every constraint is met") != std::string::npos);
    CHECK(locality::report::render_evaluation(json::object()).empty());
}

TEST_CASE("The constraint checks of given localities say what was found, not that it was enforced",
          "[report][evaluate]") {
    json summary = json::parse(R"({
      "command": "evaluate", "areas": {"count": 3},
      "localities": {"count": 2, "localities": [{"locality": 1, "areas": 2}, {"locality": 2, "areas": 1}]},
      "evaluation": {"source": {"kind": "assignment", "source": "plan.csv"},
                     "localities": [{"locality": 1, "name": "A"}, {"locality": 2, "name": "B"}],
                     "checks": {"met": false, "not_contiguous": [{"locality": 1, "name": "A", "parts": 2}],
                                "bounds_breached": [], "areas_left_out": []}}})");
    const std::string html = locality::report::render_report(summary.dump(), {});
    CHECK(html.find("validated before writing") == std::string::npos);
    CHECK(html.find("1 locality(ies) in separate parts (checked, not enforced)") != std::string::npos);
    CHECK(html.find("What changes for each partner") == std::string::npos);  // no service areas
    CHECK(html.find("<section id=\"evaluation\">") != std::string::npos);
}

TEST_CASE("A partner is named by its agency's full name from --agency-names, else its code",
          "[report][evaluate]") {
    json summary;
    summary["cases"]["agencies"] =
        json::array({{{"agency", "NYPD"}, {"name", "New York City Police Department"}},
                     {{"agency", "DOE"}, {"name", nullptr}}});
    summary["disruption"] =
        json::array({partner("police", "NYPD", 9, 0.3), partner("schools", "DOE", 0, 0.0)});
    const std::string html = locality::report::render_partners(summary);
    CHECK(html.find("police (New York City Police Department)") != std::string::npos);
    CHECK(html.find("schools (DOE)") != std::string::npos);
}
