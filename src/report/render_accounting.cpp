// SPDX-License-Identifier: MIT
// The report's data accounting: every case, area and shape read, and what became of it.
#include <utility>

#include "sections.hpp"

namespace locality::report {

std::string accounting_section(const json& summary) {
    std::string out;
    if (!member(summary, "cases").is_null()) {
        out += "<h3>Cases per agency</h3>\n<p>" + show_value(member(member(summary, "cases"), "rule")) +
               "</p>\n";
        json recorded = member(member(summary, "cases"), "agencies");
        if (recorded.is_array() && !member(member(summary, "cases"), "total").is_null()) {
            json total = member(member(summary, "cases"), "total");
            total["agency"] = "all agencies";
            recorded.push_back(total);
        }
        // In words: read = assigned + outside + unlocated.
        json agencies = json::array();
        for (const json& agency : recorded) {
            // The full name from --agency-names where the file gives one, else the code.
            const json& name = member(agency, "name");
            agencies.push_back(
                {{"agency",
                  name.is_string() && !name.get<std::string>().empty() ? name : member(agency, "agency")},
                 {"cases read", member(agency, "read")},
                 {"in a small area", member(agency, "assigned")},
                 {"outside every area", member(agency, "outside")},
                 {"without usable coordinates", member(agency, "unlocated")}});
        }
        out += object_table(agencies);
    }
    const json& areas = member(summary, "areas");
    out += "<h3>Small areas</h3>\n<table>";
    const std::pair<const char*, const char*> counts[] = {
        {"count", "small areas read"},
        {"total_population", "residents"},
        {"zero_population_count", "areas without residents"},
        {"repaired_geometries", "shapes repaired"}};
    for (const auto& [key, words] : counts) {
        if (!member(areas, key).is_null()) {
            out += std::string("<tr><th>") + words + "</th><td class=\"n\">" +
                   show_number(member(areas, key)) + "</td></tr>";
        }
    }
    const std::pair<const char*, const char*> lists[] = {
        {"repaired_ids", "areas whose shape was repaired"},
        {"skipped_ids", "areas skipped"},
        {"dropped_after_repair_ids", "areas empty after repair"},
        {"null_population_ids", "areas with no population value"}};
    for (const auto& [key, words] : lists) {
        if (member(areas, key).is_array()) {
            out += std::string("<tr><th>") + words + "</th><td>" + area_list(summary, member(areas, key)) +
                   "</td></tr>";
        }
    }
    if (const json& stray = member(member(areas, "stray_parts"), "area_ids");
        stray.is_array() && !stray.empty()) {
        out += "<tr><th>areas whose stray parts were dropped</th><td>" + area_list(summary, stray) +
               "</td></tr>";
    }
    out += "</table>\n";
    const json& contiguity = member(summary, "contiguity");
    if (contiguity.is_object()) {
        out += "<h3>Contiguity: islands and bridges</h3>\n<table>";
        const std::pair<const char*, const char*> rows[] = {{"rule", "neighbours"},
                                                            {"tolerance_m", "tolerance (metres)"},
                                                            {"edges", "pairs of neighbouring areas"},
                                                            {"components", "separate landmasses"},
                                                            {"single_area_islands", "single-area islands"}};
        for (const auto& [key, words] : rows) {
            out += std::string("<tr><th>") + words + "</th>" + cell(member(contiguity, key)) + "</tr>";
        }
        out += "</table>\n" + object_table(member(contiguity, "bridges"));
    }
    json services = json::array();
    for (const json& s : member(summary, "service_areas")) {
        services.push_back(
            {{"layer", member(s, "name")},
             {"features", member(s, "features")},
             {"repaired_geometries", member(s, "repaired_geometries")},
             {"areas_outside_every_service_area", member(s, "areas_outside_every_service_area")}});
    }
    if (!services.empty()) {
        out += "<h3>Service-area layers</h3>\n" + object_table(services);
    }
    const json& warnings = member(summary, "warnings");
    if (warnings.is_array() && !warnings.empty()) {
        out += "<h3>Warnings</h3>\n<ul>";
        for (const json& w : warnings) {
            out += "<li>" + show_value(w) + "</li>";
        }
        out += "</ul>\n";
    }
    return out;
}

}  // namespace locality::report
