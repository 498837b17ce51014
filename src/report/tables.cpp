// SPDX-License-Identifier: MIT
// The report's tables and lists of summary.json's values, shared by its sections.
#include <algorithm>

#include "sections.hpp"

namespace locality::report {

namespace {

/**
 * A list for people: its items comma-separated, each as `item_text` shows it (escaped HTML); "none" when
 * empty; anything else as a value.
 */
template <typename ItemText>
std::string list_text(const json& value, ItemText item_text) {
    if (!value.is_array()) {
        return show_value(value);
    }
    if (value.empty()) {
        return "none";
    }
    std::string out;
    for (const json& item : value) {
        out += (out.empty() ? "" : ", ") + item_text(item);
    }
    return out;
}

}  // namespace

/** Agency codes as their full names (--agency-names). */
std::string agency_list(const json& summary, const json& value) {
    return list_text(value, [&summary](const json& item) {
        return item.is_string() ? escape(agency_label(summary, item.get<std::string>())) : show_value(item);
    });
}

/** Area ids as "id (name)" with --area-name. */
std::string area_list(const json& summary, const json& value) {
    return list_text(value, [&summary](const json& item) { return area_label(summary, item); });
}

std::string cell(const json& value, int decimals) {
    if (value.is_number()) {
        return "<td class=\"n\">" + show_number(value, value.is_number_float() ? decimals : 0) + "</td>";
    }
    if (value.is_object()) {
        // e.g. service areas by the number of localities they are split across: "1: 20, 2: 9"
        std::string text;
        for (const auto& item : value.items()) {
            text += (text.empty() ? "" : ", ") + escape(item.key()) + ": " + show_value(item.value());
        }
        return "<td>" + text + "</td>";
    }
    return "<td>" + show_value(value) + "</td>";
}

/** An array of objects as a table: one column per key seen (in first-seen order), fractions to `decimals`. */
std::string object_table(const json& rows, int decimals) {
    if (!rows.is_array() || rows.empty()) {
        return "<p class=\"absent\">None.</p>\n";
    }
    std::vector<std::string> keys;
    for (const json& row : rows) {
        for (const auto& item : row.items()) {
            if (std::find(keys.begin(), keys.end(), item.key()) == keys.end()) {
                keys.push_back(item.key());
            }
        }
    }
    std::string out = "<table><tr>";
    for (const std::string& key : keys) {
        out += "<th>" + escape(key) + "</th>";
    }
    out += "</tr>\n";
    for (const json& row : rows) {
        out += "<tr>";
        for (const std::string& key : keys) {
            out += cell(member(row, key), decimals);
        }
        out += "</tr>\n";
    }
    return out + "</table>\n";
}

/** The scalar members of an object as a two-column table. */
std::string key_value_table(const json& object) {
    std::string out = "<table>\n";
    for (const auto& item : object.items()) {
        out += "<tr><th>" + escape(item.key()) + "</th>" + cell(item.value()) + "</tr>\n";
    }
    return out + "</table>\n";
}

}  // namespace locality::report
