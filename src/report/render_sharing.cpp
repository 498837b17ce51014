// SPDX-License-Identifier: MIT
// The report's "What each partner shared" (propose --counts).
#include "sections.hpp"

namespace locality::report {

/** propose --counts: what each partner shared, whether individual-level data was used, the sensitivity. */
std::string sharing_section(const json& sharing) {
    std::string out =
        "<p><strong>" +
        escape(member(sharing, "statement").is_string() ? member(sharing, "statement").get<std::string>()
                                                        : std::string()) +
        ".</strong></p>\n";
    json rows = json::array();
    for (const json& p : member(sharing, "packages")) {
        const json& areas = member(p, "areas");
        const json& totals = member(p, "totals");
        rows.push_back({{"agency", member(p, "agency")},
                        {"period", member(p, "period")},
                        {"area layer", member(areas, "name")},
                        {"areas", member(areas, "features")},
                        {"suppress below", member(p, "suppress_below")},
                        {"published cases", member(totals, "published")},
                        {"withheld areas", member(totals, "withheld_areas")},
                        {"locality version", member(p, "tool_version")}});
    }
    out += object_table(rows);
    const json& withheld = member(sharing, "withheld");
    const json& sensitivity = member(sharing, "sensitivity");
    const auto range_end = [&withheld](std::size_t i) {
        const json& range = member(withheld, "cases_range");
        return range.is_array() && range.size() > i ? range[i] : json();
    };
    out += "<p>" + show_value(member(withheld, "counts")) + " withheld counts, each somewhere in " +
           show_value(member(withheld, "interval")) + ", were clustered as " +
           show_value(member(withheld, "imputed_as")) + ": " + show_value(member(withheld, "cases_imputed")) +
           " cases in all, where the truth lies from " + show_value(range_end(0)) + " to " +
           show_value(range_end(1)) + ".";
    if (sensitivity.is_object()) {
        out += " With every withheld count at 1, " +
               show_value(member(member(sensitivity, "low"), "areas_changed")) + " of " +
               show_value(member(sensitivity, "areas")) + " areas would be in another locality; at the " +
               "threshold minus 1, " + show_value(member(member(sensitivity, "high"), "areas_changed")) + ".";
    }
    return out + "</p>\n";
}

}  // namespace locality::report
