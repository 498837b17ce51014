// SPDX-License-Identifier: MIT
// The report's table of localities and their alignment with today's service areas.
#include <algorithm>
#include <utility>
#include <vector>

#include "sections.hpp"

namespace locality::report {

namespace {

/** One locality's alignment with one layer: service areas touched, the dominant one and its case share. */
std::string alignment_cell(const json& value) {
    if (!value.is_object() || member(value, "touched").is_null()) {
        return cell(value);
    }
    std::string text = show_number(member(value, "touched")) + " touched";
    if (!member(value, "dominant").is_null()) {
        text += "; mostly " + show_value(member(value, "dominant"));
        const json& share = member(value, "dominant_case_share");
        text += share.is_number() ? " (" + show_number(share.get<double>() * 100.0, 0) + "% of cases)" : "";
    }
    return "<td>" + text + "</td>";
}

/** A column of the locality table: its key in summary.json, its heading, and decimals shown. */
struct Column {
    const char* key;
    const char* heading;
    int decimals;
};

// Words for people, not field names; people and cases as whole numbers; one rate unit (per 1,000).
constexpr Column k_locality_columns[] = {{"locality", "Locality", 0},
                                         {"locality_name", "Name", 0},
                                         {"container", "Within", 0},
                                         {"areas", "Small areas", 0},
                                         {"population", "Residents", 0},
                                         {"cases_total", "Cases", 0},
                                         {"rate_total", "Cases per 1,000 residents", 2},
                                         {"area_km2", "Area (km²)", 1},
                                         {"polsby_popper", "Compactness (1 = a circle)", 2}};

}  // namespace

std::string locality_table(const json& summary) {
    const json& localities = member(member(summary, "localities"), "localities");
    if (!localities.is_array() || localities.empty()) {
        return "<p class=\"absent\">None.</p>\n";
    }
    // A run without cases (regionalize) records null case fields, which are not "withheld".
    const bool cases = !member(summary, "cases").is_null();
    std::vector<Column> columns;
    for (const Column& column : k_locality_columns) {
        for (const json& locality : localities) {
            if (locality.is_object() && locality.contains(column.key) &&
                (cases || std::string(column.key).rfind("cases", 0) != 0)) {
                columns.push_back(column);
                break;
            }
        }
    }
    // With --attributes: each attribute's mean, and the total of each other bound field.
    std::vector<std::pair<std::string, std::string>> figures;  // group, name
    for (const char* group : {"attribute_means", "bound_totals"}) {
        for (const json& locality : localities) {
            for (const auto& item : member(locality, group).items()) {
                if (item.key() == "population") {
                    continue;  // the Residents column
                }
                if (std::find(figures.begin(), figures.end(),
                              std::make_pair(std::string(group), item.key())) == figures.end()) {
                    figures.emplace_back(group, item.key());
                }
            }
        }
    }
    std::string out = "<table><tr>";
    for (const Column& column : columns) {
        out += "<th>" + escape(column.heading) + "</th>";
    }
    for (const auto& [group, name] : figures) {
        out += "<th>" + std::string(group == "attribute_means" ? "Mean " : "Total ") + escape(name) + "</th>";
    }
    bool ranked = false;
    for (const json& locality : localities) {
        ranked = ranked || (cases && member(locality, "over_represented").is_array());
    }
    out += ranked ? "<th>Most over-represented</th></tr>\n" : "</tr>\n";
    for (const json& locality : localities) {
        out += "<tr>";
        for (const Column& column : columns) {
            const json& value = member(locality, column.key);
            if (value.is_number()) {
                out += "<td class=\"n\">" + show_number(value, column.decimals) + "</td>";
            } else if (value.is_null() && std::string(column.key).rfind("cases", 0) == 0) {
                out += "<td class=\"n\">withheld</td>";
            } else {
                out += "<td>" + show_value(value) + "</td>";
            }
        }
        for (const auto& [group, name] : figures) {
            out += "<td class=\"n\">" + show_number(member(member(locality, group), name), 2) + "</td>";
        }
        out += ranked ? "<td>" + agency_list(summary, member(locality, "over_represented")) + "</td></tr>\n"
                      : "</tr>\n";
    }
    return out + "</table>\n";
}

/** Localities x service-area layers, from each locality's `alignment` (recorded by the profiles). */
std::string alignment_section(const json& summary) {
    const json& localities = member(member(summary, "localities"), "localities");
    std::vector<std::string> layers;
    for (const json& locality : localities) {
        for (const auto& item : member(locality, "alignment").items()) {
            if (std::find(layers.begin(), layers.end(), item.key()) == layers.end()) {
                layers.push_back(item.key());
            }
        }
    }
    std::string out;
    if (!layers.empty()) {
        out +=
            "<p>Per locality and service-area layer: how many service areas it touches and the one holding "
            "most "
            "of it.</p>\n<table><tr><th>locality</th>";
        for (const std::string& layer : layers) {
            out += "<th>" + escape(layer) + "</th>";
        }
        out += "</tr>\n";
        for (const json& locality : localities) {
            out += "<tr>" + cell(member(locality, "locality"));
            for (const std::string& layer : layers) {
                const json& value = member(member(locality, "alignment"), layer);
                out += alignment_cell(value);
            }
            out += "</tr>\n";
        }
        out += "</table>\n";
    }
    const json& overall = member(summary, "alignment");
    if (overall.is_array()) {
        out += object_table(overall);
    } else if (overall.is_object()) {
        for (const auto& item : overall.items()) {
            out += "<h3>" + escape(item.key()) + "</h3>\n" +
                   (item.value().is_array() ? object_table(item.value()) : key_value_table(item.value()));
        }
    }
    return out;
}

}  // namespace locality::report
