// SPDX-License-Identifier: MIT
#include "locality/report/render_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "html.hpp"
#include "locality/core/error.hpp"

namespace locality::report {

namespace {

constexpr const char* k_css = R"(
body { font: 14px/1.45 system-ui, sans-serif; color: #222; margin: 1.5em auto; max-width: 1100px; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
nav a { margin-right: 1em; } .meta, .absent { color: #666; }
table { border-collapse: collapse; margin: 0.5em 0; } th, td { padding: 2px 8px; border-bottom: 1px solid #e4e4e4; }
th { text-align: left; background: #f4f4f4; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.map svg { width: 100%; height: auto; border: 1px solid #ccc; background: #f8fbff; }
.map .locality { stroke: #555; stroke-width: 0.6; fill-rule: evenodd; }
.map .outline path { fill: none; stroke-width: 1.2; fill-rule: evenodd; }
.map .labels text { font-size: 11px; text-anchor: middle; paint-order: stroke; stroke: #fff; stroke-width: 2.5px; }
label.toggle { margin-right: 1.2em; cursor: pointer; } .swatch { display: inline-block; width: 1.4em; height: 0;
  border-top: 2px solid; margin: 0 0.3em 0.25em 0.2em; vertical-align: middle; }
.profiles { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; } figure { margin: 0.3em 0; }
.profile svg text { font-size: 10px; } .profile rect.over { fill: #c0504d; } .profile rect.under { fill: #9bbad9; }
.profile line.overall { stroke: #000; stroke-width: 1; } figcaption { font-weight: 600; }
.ok { color: #1a7f37; font-weight: 600; } .fail { color: #b00; font-weight: 600; }
.scenario-chart svg { width: 640px; max-width: 100%; } .scenario-chart text { font-size: 11px; }
.scenario-chart polyline { fill: none; stroke-width: 2; } .axis { stroke: #888; }
.scenario-chart text.share { fill: #2b83ba; } .scenario-chart text.heterogeneity { fill: #d7191c; }
.wide { overflow-x: auto; }
polyline.share { stroke: #2b83ba; } polyline.heterogeneity { stroke: #d7191c; }
.key { display: inline-block; width: 1.5em; border-top: 3px solid; vertical-align: middle; }
.key.share { border-color: #2b83ba; } .key.heterogeneity { border-color: #d7191c; }
pre { background: #f4f4f4; padding: 0.6em; white-space: pre-wrap; word-break: break-all; }
@media print { nav, input.toggle, label.toggle { display: none; } body { margin: 0; max-width: none; }
  section { break-inside: avoid-page; } .profile { break-inside: avoid; } }
)";

bool is_scalar(const json& v) { return !v.is_object() && !v.is_array(); }

std::string cell(const json& value) {
    if (value.is_number()) {
        return "<td class=\"n\">" + show_number(value, value.is_number_float() ? 2 : 0) + "</td>";
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

/** An array of objects as a table: one column per key seen (in first-seen order). */
std::string object_table(const json& rows) {
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
            out += cell(member(row, key));
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

std::string locality_table(const json& summary) {
    json rows = json::array();
    for (const json& locality : member(member(summary, "localities"), "localities")) {
        json row;
        for (const auto& item : locality.items()) {
            if (is_scalar(item.value())) {
                row[item.key()] = item.value();
            }
        }
        rows.push_back(row);
    }
    return object_table(rows);
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
        out += "<p>Per locality and service-area layer: how many service areas it touches and the one holding most "
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

std::string check_row(const std::string& what, bool ok, const std::string& detail) {
    return fmt::format("<tr><td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>\n", what, ok ? "ok" : "fail",
                       ok ? "met" : "NOT met", detail);
}

/**
 * A locality's total of a bound's field: from `bound_totals`, or for a case count (left out there)
 * its published count; NaN when disclosure control withholds it.
 */
double bound_value(const json& locality, const std::string& name, const json& agencies) {
    const json& recorded = member(member(locality, "bound_totals"), name);
    if (!recorded.is_null() || name.rfind("cases_", 0) != 0) {
        return number_or(recorded, NAN);
    }
    if (name == "cases_total") {
        return number_or(member(locality, "cases_total"), NAN);
    }
    if (agencies.is_array()) {
        for (const json& agency : agencies) {
            if (member(agency, "column") == json(name)) {
                return number_or(member(member(locality, "cases"), member(agency, "agency").get<std::string>()), NAN);
            }
        }
    }
    return NAN;
}

/**
 * Floor, ceiling and balance rows of one recorded bound, with the worst locality's margin among the
 * published totals (a count withheld by disclosure control is said so, not shown).
 */
std::string bound_rows(const json& bound, const json& localities, bool grouped, const json& agencies) {
    const json& field = member(bound, "field");
    const std::string name = field.is_string() ? field.get<std::string>() : std::string();
    double low = HUGE_VAL;
    double high = -HUGE_VAL;
    double total = 0.0;
    std::size_t withheld = 0;
    for (const json& l : localities) {
        const double v = bound_value(l, name, agencies);
        if (std::isnan(v)) {
            ++withheld;
            continue;
        }
        low = std::min(low, v);
        high = std::max(high, v);
        total += v;
    }
    const std::string what = escape(name) + " (" + show_value(member(bound, "option")) + ")";
    if (!std::isfinite(low) || !std::isfinite(high)) {
        return withheld > 0 ? check_row("bound on " + what, true,
                                        "checked on the exact counts before writing; every locality's count is "
                                        "withheld by disclosure control")
                            : std::string();
    }
    const std::string hidden =
        withheld > 0 ? fmt::format(" (among published counts; {} withheld by disclosure control, checked before "
                                   "writing)",
                                   withheld)
                     : std::string();
    std::string out;
    const json& min = member(bound, "min");
    const json& max = member(bound, "max");
    if (min.is_number()) {
        out += check_row("floor on " + what, low >= min.get<double>(),
                         fmt::format("smallest locality {}, floor {}: margin {}{}", show_number(low), show_number(min),
                                     show_number(low - min.get<double>()), hidden));
    }
    if (max.is_number()) {
        out += check_row("ceiling on " + what, high <= max.get<double>(),
                         fmt::format("largest locality {}, ceiling {}: margin {}{}", show_number(high), show_number(max),
                                     show_number(max.get<double>() - high), hidden));
    }
    const json& pct = member(bound, "balance_pct");
    // With containers or landmasses solved apart, balance is about each group's own mean.
    if (pct.is_number() && !localities.empty() && !grouped && withheld == 0) {
        const double mean = total / static_cast<double>(localities.size());
        const double worst = mean > 0.0 ? std::max(high - mean, mean - low) / mean * 100.0 : 0.0;
        out += check_row("balance on " + what, worst <= pct.get<double>() + 1e-9,
                         fmt::format("largest deviation from the mean {}%, allowed {}%", show_number(worst, 1),
                                     show_number(pct, 1)));
    }
    return out;
}

std::string checks_section(const json& summary) {
    const json& localities = member(member(summary, "localities"), "localities");
    std::string out = "<table><tr><th>check</th><th>result</th><th>detail</th></tr>\n";
    double areas_in_localities = 0.0;
    double smallest = HUGE_VAL;
    double largest = 0.0;
    double total = 0.0;
    for (const json& l : localities) {
        areas_in_localities += number_or(member(l, "areas"), 0.0);
        const double p = number_or(member(l, "population"), 0.0);
        smallest = std::min(smallest, p);
        largest = std::max(largest, p);
        total += p;
    }
    const double areas = number_or(member(member(summary, "areas"), "count"), -1.0);
    out += check_row("every area in exactly one locality", areas_in_localities == areas,
                     fmt::format("{} of {} areas assigned", show_number(areas_in_localities), show_number(areas)));
    out += check_row("every locality contiguous", true,
                     "validated before writing (a run that breaks it writes nothing)");
    const json& bounds = member(member(summary, "constraints"), "bounds");
    const json& floor = member(member(summary, "parameters"), "min_population");
    if (bounds.is_array()) {
        for (const json& bound : bounds) {
            out += bound_rows(bound, localities, number_or(member(member(summary, "localities"), "groups_solved"), 1.0) > 1.0,
                              member(member(summary, "cases"), "agencies"));
        }
    } else if (floor.is_number() && !localities.empty()) {
        out += check_row("population floor", smallest >= floor.get<double>(),
                         fmt::format("smallest locality {} residents, floor {}: margin {}", show_number(smallest),
                                     show_number(floor), show_number(smallest - floor.get<double>())));
    }
    const bool has_population = !member(member(summary, "areas"), "total_population").is_null();
    if (has_population && !localities.empty() && smallest > 0.0) {
        const double mean = total / static_cast<double>(localities.size());
        const double deviation = std::max(largest - mean, mean - smallest) / mean * 100.0;
        out += fmt::format("<tr><td>balance</td><td>&ndash;</td><td>largest / smallest population {}; largest "
                           "deviation from the mean {}%</td></tr>\n",
                           show_number(largest / smallest, 2), show_number(deviation, 1));
    }
    return out + "</table>\n";
}

std::string accounting_section(const json& summary) {
    std::string out = "<h3>Cases per agency</h3>\n<p>" + show_value(member(member(summary, "cases"), "rule")) + "</p>\n";
    json agencies = member(member(summary, "cases"), "agencies");
    if (agencies.is_array() && !member(member(summary, "cases"), "total").is_null()) {
        json total = member(member(summary, "cases"), "total");
        total["agency"] = "all agencies";
        agencies.push_back(total);
    }
    out += object_table(agencies);
    const json& areas = member(summary, "areas");
    out += "<h3>Small areas</h3>\n<table>";
    for (const char* key : {"count", "total_population", "zero_population_count", "repaired_geometries"}) {
        out += std::string("<tr><th>") + key + "</th>" + cell(member(areas, key)) + "</tr>";
    }
    for (const char* key : {"repaired_ids", "skipped_ids", "dropped_after_repair_ids", "null_population_ids"}) {
        out += std::string("<tr><th>") + key + "</th><td>" + show_value(member(areas, key)) + "</td></tr>";
    }
    out += "</table>\n";
    const json& contiguity = member(summary, "contiguity");
    if (contiguity.is_object()) {
        out += "<h3>Contiguity: islands and bridges</h3>\n<table>";
        for (const char* key : {"rule", "tolerance_m", "edges", "components", "single_area_islands"}) {
            out += std::string("<tr><th>") + key + "</th>" + cell(member(contiguity, key)) + "</tr>";
        }
        out += "</table>\n" + object_table(member(contiguity, "bridges"));
    }
    json services = json::array();
    for (const json& s : member(summary, "service_areas")) {
        services.push_back({{"layer", member(s, "name")},
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

/** One argument quoted for a POSIX shell when it holds anything but safe characters. */
std::string shell_quote(const std::string& arg) {
    const bool safe = !arg.empty() && std::all_of(arg.begin(), arg.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || std::string_view("_-./=:,+@%").find(c) != std::string_view::npos;
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

std::string repeat_section(const json& summary) {
    std::string command = "locality";
    for (const json& arg : member(summary, "command_line")) {
        command += " " + shell_quote(arg.is_string() ? arg.get<std::string>() : arg.dump());
    }
    std::string out = "<p>Run from the same folder with the same inputs (their hashes below), this repeats the "
                      "proposal exactly:</p>\n<pre>" + escape(command) + "</pre>\n";
    out += "<table><tr><th>locality version</th>" + cell(member(summary, "locality_version")) + "</tr><tr><th>created</th>" +
           cell(member(summary, "created")) + "</tr><tr><th>working CRS</th>" +
           cell(member(member(summary, "working_crs"), "name")) + "</tr>";
    const json& config = member(summary, "config_file");
    if (config.is_object()) {
        out += "<tr><th>config file</th><td>" + show_value(member(config, "source")) + " (sha256 " +
               show_value(member(config, "sha256")) + ")</td></tr>";
    }
    out += "</table>\n<h3>Parameters</h3>\n" + key_value_table(member(summary, "parameters"));
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
        add_input("service areas: " + (member(s, "name").is_string() ? member(s, "name").get<std::string>() : ""), s);
    }
    return out + "<h3>Inputs</h3>\n" + object_table(inputs);
}

std::string scenarios_shown(const json& summary) {
    const json& shown = member(summary, "scenarios_shown");
    if (!shown.is_string()) {
        return {};
    }
    // Where the scenarios' layers are: the run's outputs say which formats were written.
    bool geojson = false;
    bool gpkg = false;
    for (const json& name : member(summary, "outputs")) {
        const std::string file = name.is_string() ? name.get<std::string>() : std::string();
        geojson = geojson || (file.size() > 8 && file.compare(file.size() - 8, 8, ".geojson") == 0);
        gpkg = gpkg || file == "scenarios.gpkg";
    }
    std::string layers = geojson ? "localities_SCENARIO.geojson" : "";
    if (gpkg) {
        layers += std::string(geojson ? ", and " : "") + "the layer localities_SCENARIO of scenarios.gpkg";
    }
    return "<p>Every scenario has its own layer" + (layers.empty() ? std::string() : " (" + layers + ")") +
           "; the map, profiles, table and checks above show scenario <strong>" + show_value(shown) +
           "</strong>.</p>\n";
}

json parse_summary(const std::string& text) {
    json summary = json::parse(text, nullptr, false);
    if (summary.is_discarded() || !summary.is_object()) {
        throw InputError("report: the run summary is not a JSON object; nothing to render");
    }
    return summary;
}

}  // namespace

std::string render_report(const std::string& summary_json, const ReportMap& map) {
    const json summary = parse_summary(summary_json);
    const json& localities = member(summary, "localities");
    const std::string scenarios = render_scenarios(summary);
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<title>Proposed localities</title>\n<style>" + std::string(k_css) + "</style>\n</head>\n<body>\n";
    const json& residents = member(member(summary, "areas"), "total_population");
    out += fmt::format("<header><h1>Proposed localities</h1>\n<p class=\"meta\">{} localities from {} small areas "
                       "&middot; {} &middot; {} cases &middot; created {} by locality {}</p></header>\n",
                       show_number(member(localities, "count")), show_number(member(member(summary, "areas"), "count")),
                       residents.is_number() ? show_number(residents) + " residents"
                                             : std::string("no population given (counts, not rates)"),
                       show_number(member(member(member(summary, "cases"), "total"), "assigned")),
                       show_value(member(summary, "created")), show_value(member(summary, "locality_version")));
    out += "<nav><a href=\"#map\">Map</a><a href=\"#profiles\">Profiles</a><a href=\"#table\">Localities</a>"
           "<a href=\"#alignment\">Alignment</a><a href=\"#checks\">Checks</a>" +
           std::string(scenarios.empty() ? "" : "<a href=\"#scenarios\">Scenarios</a>") +
           "<a href=\"#accounting\">Data accounting</a><a href=\"#repeat\">Repeat this run</a></nav>\n";
    out += "<section id=\"map\"><h2>Map</h2>\n" + render_map(map) + "</section>\n";
    out += "<section id=\"profiles\"><h2>Need profile per locality</h2>\n" + render_profiles(summary) + "</section>\n";
    out += "<section id=\"table\"><h2>Localities</h2>\n" + locality_table(summary) + "</section>\n";
    const std::string alignment = alignment_section(summary);
    out += "<section id=\"alignment\"><h2>Alignment with today's service areas</h2>\n" +
           (alignment.empty() ? std::string("<p class=\"absent\">Not recorded in this run's summary.</p>\n") : alignment) +
           "</section>\n";
    out += "<section id=\"checks\"><h2>Constraint checks</h2>\n" + checks_section(summary) + "</section>\n";
    if (!scenarios.empty()) {
        out += "<section id=\"scenarios\"><h2>Scenarios</h2>\n" + scenarios_shown(summary) + scenarios +
               "<div class=\"wide\">" + object_table(member(summary, "scenarios")) + "</div></section>\n";
    }
    out += "<section id=\"accounting\"><h2>Data accounting</h2>\n" + accounting_section(summary) + "</section>\n";
    out += "<section id=\"repeat\"><h2>Repeat this run</h2>\n" + repeat_section(summary) + "</section>\n";
    return out + "</body>\n</html>\n";
}

}  // namespace locality::report
