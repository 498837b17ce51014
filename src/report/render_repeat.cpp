// SPDX-License-Identifier: MIT
// The report's "Repeat this run": the command line, parameters and inputs' hashes.
#include <algorithm>
#include <cctype>
#include <string_view>

#include "sections.hpp"

namespace locality::report {

namespace {

/** One argument quoted for a POSIX shell when it holds anything but safe characters. */
std::string shell_quote(const std::string& arg) {
    const bool safe = !arg.empty() && std::all_of(arg.begin(), arg.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
               std::string_view("_-./=:,+@%").find(c) != std::string_view::npos;
    });
    if (safe) {
        return arg;
    }
    std::string out = "'";
    for (const char c : arg) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

}  // namespace

std::string repeat_section(const json& summary) {
    std::string command = "locality";
    for (const json& arg : member(summary, "command_line")) {
        command += " " + shell_quote(arg.is_string() ? arg.get<std::string>() : arg.dump());
    }
    std::string out =
        "<p>Run from the same folder with the same inputs (their hashes below), this repeats the "
        "proposal exactly:</p>\n<pre>" +
        escape(command) + "</pre>\n";
    out += "<table><tr><th>locality version</th>" + cell(member(summary, "locality_version")) +
           "</tr><tr><th>created</th>" + cell(member(summary, "created")) + "</tr><tr><th>working CRS</th>" +
           cell(member(member(summary, "working_crs"), "name")) + "</tr>";
    const json& config = member(summary, "config_file");
    if (config.is_object()) {
        out += "<tr><th>config file</th><td>" + show_value(member(config, "source")) + " (sha256 " +
               show_value(member(config, "sha256")) + ")</td></tr>";
    }
    json parameters = member(summary, "parameters");
    if (member(summary, "cases").is_null() && parameters.is_object()) {
        // regionalize reads no cases: their options would only be holes.
        for (const char* key :
             {"agency_field", "cases_crs", "x_field", "y_field", "suppress_below", "area_counts"}) {
            parameters.erase(key);
        }
    }
    out += "</table>\n<h3>Parameters</h3>\n" + key_value_table(parameters);
    json inputs = json::array();
    const json& recorded = member(summary, "inputs");
    auto add_input = [&inputs](const std::string& role, const json& entry) {
        inputs.push_back({{"input", role},
                          {"source", member(entry, "source")},
                          {"size_bytes", member(entry, "size_bytes")},
                          {"sha256", member(entry, "sha256")}});
    };
    add_input("areas", member(recorded, "areas"));
    for (const json& c : member(recorded, "cases")) {
        add_input("cases", c);
    }
    for (const json& s : member(summary, "service_areas")) {
        add_input(
            "service areas: " + (member(s, "name").is_string() ? member(s, "name").get<std::string>() : ""),
            s);
    }
    return out + "<h3>Inputs</h3>\n" + object_table(inputs);
}

}  // namespace locality::report
