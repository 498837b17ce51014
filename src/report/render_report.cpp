// SPDX-License-Identifier: MIT
#include "locality/report/render_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "html.hpp"
#include "locality/core/error.hpp"

namespace locality::report {

namespace {

constexpr const char* k_css = R"(
body { font: 14px/1.45 system-ui, sans-serif; color: #222; margin: 1.5em auto; max-width: 1100px; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
nav a { margin-right: 1em; } .meta, .absent { color: #666; } .lead { font-size: 1.1em; margin: 0.3em 0; }
table { border-collapse: collapse; margin: 0.5em 0; } th, td { padding: 2px 8px; border-bottom: 1px solid #e4e4e4; }
th { text-align: left; background: #f4f4f4; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.map svg { width: 100%; height: auto; border: 1px solid #ccc; background: #f8fbff; }
.map .locality { stroke: #555; stroke-width: 0.6; fill-rule: evenodd; fill-opacity: 0.85; }
.map .outline path { fill: none; stroke-width: 1.2; fill-rule: evenodd; }
.map .labels text { font-size: 11px; text-anchor: middle; paint-order: stroke; stroke: #fff; stroke-width: 2.5px; }
label.toggle { margin-right: 1.2em; cursor: pointer; } .swatch { display: inline-block; width: 1.4em; height: 0;
  border-top: 2px solid; margin: 0 0.3em 0.25em 0.2em; vertical-align: middle; }
.profiles { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; } figure { margin: 0.3em 0; }
.profile svg text { font-size: 10px; } .profile rect.over { fill: #c0504d; } .profile rect.under { fill: #9bbad9; }
.profile line.overall { stroke: #000; stroke-width: 1; } figcaption { font-weight: 600; }
.ok { color: #1a7f37; font-weight: 600; } .fail { color: #b00; font-weight: 600; }
.scenario-chart svg, .comparison-chart svg { width: 640px; max-width: 100%; }
.comparison-chart text { font-size: 11px; } .scenario-chart text { font-size: 11px; }
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

std::string cell(const json& value, int decimals = 2) {
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

/** An array of objects as a table: one column per key seen (in first-seen order), fractions to `decimals`. */
std::string object_table(const json& rows, int decimals = 2) {
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

/** A column of the locality table: its key in summary.json, its heading, and decimals shown. */
struct Column {
    const char* key;
    const char* heading;
    int decimals;
};

// Words for people, not field names; people and cases as whole numbers; one rate unit (per 1,000).
constexpr Column k_locality_columns[] = {
    {"locality", "Locality", 0},   {"container", "Within", 0},
    {"areas", "Small areas", 0},   {"population", "Residents", 0},
    {"cases_total", "Cases", 0},   {"rate_total", "Cases per 1,000 residents", 2},
    {"area_km2", "Area (km²)", 1}, {"polsby_popper", "Compactness (1 = a circle)", 2}};

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
                return number_or(
                    member(member(locality, "cases"), member(agency, "agency").get<std::string>()), NAN);
            }
        }
    }
    return NAN;
}

/**
 * Floor, ceiling and balance rows of one recorded bound, with the worst locality's margin among the
 * published totals (a count withheld by disclosure control is said so, not shown).
 */
std::string bound_rows(const json& bound, const json& localities, bool grouped, const json& agencies,
                       const json& balances) {
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
        return withheld > 0
                   ? check_row("bound on " + what, true,
                               "checked on the exact counts before writing; every locality's count is "
                               "withheld by disclosure control")
                   : std::string();
    }
    const std::string hidden =
        withheld > 0 ? fmt::format(
                           " (among published counts; {} withheld by disclosure control, checked before "
                           "writing)",
                           withheld)
                     : std::string();
    std::string out;
    const json& min = member(bound, "min");
    const json& max = member(bound, "max");
    if (min.is_number()) {
        out += check_row("floor on " + what, low >= min.get<double>(),
                         fmt::format("smallest locality {}, floor {}: margin {}{}", show_number(low),
                                     show_number(min), show_number(low - min.get<double>()), hidden));
    }
    if (max.is_number()) {
        out += check_row("ceiling on " + what, high <= max.get<double>(),
                         fmt::format("largest locality {}, ceiling {}: margin {}{}", show_number(high),
                                     show_number(max), show_number(max.get<double>() - high), hidden));
    }
    const json& pct = member(bound, "balance_pct");
    // With containers or landmasses solved apart, balance is about each group's own mean, against
    // what was asked: the summary records it per group.
    if (pct.is_number() && balances.is_array() && !balances.empty()) {
        const json* worst = &balances.front();
        bool met = true;
        for (const json& b : balances) {
            met = met && member(b, "met") == json(true);
            if (number_or(member(b, "largest_deviation_pct"), 0.0) >
                number_or(member(*worst, "largest_deviation_pct"), 0.0)) {
                worst = &b;
            }
        }
        const std::string where =
            balances.size() > 1 ? fmt::format(" (in {}, each of the {} groups on its own mean)",
                                              escape(show_value(member(*worst, "group"))), balances.size())
                                : std::string();
        out += check_row(
            "balance on " + what, met,
            fmt::format("largest deviation from the mean {}%{}, allowed {}%",
                        show_number(member(*worst, "largest_deviation_pct"), 1), where, show_number(pct, 1)));
    } else if (pct.is_number() && !localities.empty() && !grouped && withheld == 0) {
        const double mean = total / static_cast<double>(localities.size());
        const double worst = mean > 0.0 ? std::max(high - mean, mean - low) / mean * 100.0 : 0.0;
        out += check_row("balance on " + what, worst <= pct.get<double>() + 1e-9,
                         fmt::format("largest deviation from the mean {}%, allowed {}%",
                                     show_number(worst, 1), show_number(pct, 1)));
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
    const json& given = member(member(summary, "evaluation"), "checks");
    if (given.is_object()) {
        // Localities given to `evaluate`: checked, not enforced (see "Localities evaluated").
        const std::size_t left_out = member(given, "areas_left_out").size();
        const std::size_t apart = member(given, "not_contiguous").size();
        out += check_row("every area in a given locality", left_out == 0,
                         fmt::format("{} area(s) in no given locality", left_out));
        out += check_row("every locality contiguous", apart == 0,
                         fmt::format("{} locality(ies) in separate parts (checked, not enforced)", apart));
    } else {
        out += check_row(
            "every area in exactly one locality", areas_in_localities == areas,
            fmt::format("{} of {} areas assigned", show_number(areas_in_localities), show_number(areas)));
        const json& multipart = member(member(summary, "localities"), "multipart_localities");
        out += check_row(
            "every locality contiguous", true,
            multipart.is_array() && !multipart.empty()
                ? fmt::format("validated before writing (a run that breaks it writes nothing); {} "
                              "locality(ies) drawn in several parts, joined at a corner, by a bridge "
                              "(see contiguity) or across a gap narrower than the tolerance",
                              multipart.size())
                : std::string("validated before writing (a run that breaks it writes nothing); every "
                              "locality is drawn in one piece"));
    }
    const json& bounds = member(member(summary, "constraints"), "bounds");
    const json& floor = member(member(summary, "parameters"), "min_population");
    if (bounds.is_array()) {
        for (const json& bound : bounds) {
            out += bound_rows(bound, localities,
                              number_or(member(member(summary, "localities"), "groups_solved"), 1.0) > 1.0,
                              member(member(summary, "cases"), "agencies"),
                              member(member(summary, "localities"), "balance"));
        }
        const json& violations = member(member(summary, "localities"), "violations");
        if (violations.is_array() && !violations.empty()) {
            std::string listed;
            for (std::size_t i = 0; i < violations.size() && i < 5; ++i) {
                const json& v = violations[i];
                listed +=
                    fmt::format("{}locality {}: {} {} ({})", i > 0 ? "; " : "",
                                show_value(member(v, "locality")), escape(show_value(member(v, "field"))),
                                show_number(member(v, "total")), escape(show_value(member(v, "option"))));
            }
            if (violations.size() > 5) {
                listed += fmt::format("; and {} more in summary.json", violations.size() - 5);
            }
            out += check_row("every bound (written with --best-effort)", false,
                             fmt::format("{} broken: {}", violations.size(), listed));
        }
    } else if (floor.is_number() && !localities.empty()) {
        out += check_row(
            "population floor", smallest >= floor.get<double>(),
            fmt::format("smallest locality {} residents, floor {}: margin {}", show_number(smallest),
                        show_number(floor), show_number(smallest - floor.get<double>())));
    }
    const bool has_population = !member(member(summary, "areas"), "total_population").is_null();
    if (has_population && !localities.empty() && smallest > 0.0) {
        const double mean = total / static_cast<double>(localities.size());
        const double deviation = std::max(largest - mean, mean - smallest) / mean * 100.0;
        const bool grouped = number_or(member(member(summary, "localities"), "groups_solved"), 1.0) > 1.0;
        out += fmt::format(
            "<tr><td>{}</td><td>&ndash;</td><td>largest / smallest population {}; largest "
            "deviation from the mean {}%{}</td></tr>\n",
            grouped ? "population spread, all groups together" : "balance",
            show_number(largest / smallest, 2), show_number(deviation, 1),
            grouped ? " of all localities together (groups are solved and balanced apart, each on its own "
                      "mean: see "
                      "the balance check per group)"
                    : "");
    }
    return out + "</table>\n";
}

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

/**
 * The summary at the top, in words: how many localities from how many areas, residents, cases and
 * the study-wide rate (when recorded), and the share of the variation in need the localities capture.
 */
std::string headline(const json& summary) {
    const json& localities = member(summary, "localities");
    const json& areas = member(summary, "areas");
    const json& assigned = member(member(member(summary, "cases"), "total"), "assigned");
    const double population = number_or(member(areas, "total_population"), 0.0);
    std::string facts = show_number(member(localities, "count")) + " localities from " +
                        show_number(member(areas, "count")) + " small areas";
    const bool attributes = member(summary, "command") == json("regionalize");
    if (population > 0.0) {
        facts += " &middot; " + show_number(population) + " residents";
    } else if (!attributes) {
        facts += " &middot; no population given (counts, not rates)";
    }
    if (assigned.is_number()) {
        facts += " &middot; " + show_number(assigned) + " cases";
        if (population > 0.0) {
            facts += " (" + show_number(assigned.get<double>() / population * 1000.0, 2) +
                     " per 1,000 residents study-wide)";
        }
    }
    std::string out = "<p class=\"lead\">" + facts + ".</p>\n";
    const json& share = member(localities, "share_explained");
    if (share.is_number()) {
        out += fmt::format(
            "<p class=\"lead\">The localities capture <strong>{}%</strong> of the variation in {} between "
            "the small areas: that share of the differences between areas lies between localities, the "
            "rest within them (100% would be localities of identical areas).</p>\n",
            show_number(share.get<double>() * 100.0, 0),
            attributes         ? "the clustering attributes"
            : population > 0.0 ? "need (caseload rates per agency)"
                               : "need (case counts per agency)");
    }
    return out + fmt::format("<p class=\"meta\">Created {} by locality {}</p>\n",
                             show_value(member(summary, "created")),
                             show_value(member(summary, "locality_version")));
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
    const std::string scenarios = render_scenarios(summary);
    const std::string comparison = render_comparison(summary);
    const std::string frontier = render_frontier(summary);
    const std::string title = member(summary, "command") == json("evaluate")  ? "Localities evaluated"
                              : member(summary, "command") == json("compare") ? "Plans compared"
                                                                              : "Proposed localities";
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>" +
        title + "</title>\n<style>" + std::string(k_css) + "</style>\n</head>\n<body>\n";
    out += "<header><h1>" + title + "</h1>\n" + headline(summary) + "</header>\n";
    // regionalize: no cases and no service areas, so no need profiles and no alignment.
    const bool attributes_only = member(summary, "command") == json("regionalize");
    out += "<nav><a href=\"#map\">Map</a>" +
           std::string(attributes_only ? "" : "<a href=\"#profiles\">Profiles</a>") +
           "<a href=\"#table\">Localities</a>" +
           std::string(attributes_only ? "" : "<a href=\"#alignment\">Alignment</a>") +
           "<a href=\"#checks\">Checks</a>" +
           std::string(scenarios.empty() ? "" : "<a href=\"#scenarios\">Scenarios</a>") +
           std::string(frontier.empty() ? "" : "<a href=\"#frontier\">Trade-off</a>") +
           std::string(comparison.empty() ? "" : "<a href=\"#comparison\">Plans compared</a>") +
           "<a href=\"#accounting\">Data accounting</a><a href=\"#repeat\">Repeat this run</a></nav>\n";
    out += "<section id=\"map\"><h2>Map</h2>\n" + render_map(map) + "</section>\n";
    if (!attributes_only) {
        out += "<section id=\"profiles\"><h2>Need profile per locality</h2>\n" + render_profiles(summary) +
               "</section>\n";
    }
    out += "<section id=\"table\"><h2>Localities</h2>\n" +
           std::string(attributes_only
                           ? "<p>Each locality's mean of every clustering attribute over its areas, and its "
                             "total of every bound field.</p>\n"
                           : "") +
           locality_table(summary) + "</section>\n";
    if (!attributes_only) {
        const std::string alignment = alignment_section(summary);
        out +=
            "<section id=\"alignment\"><h2>Alignment with today's service areas</h2>\n" +
            (alignment.empty() ? std::string("<p class=\"absent\">Not recorded in this run's summary.</p>\n")
                               : alignment) +
            "</section>\n";
    }
    const std::string partners = render_partners(summary);
    if (!partners.empty()) {
        out +=
            "<section id=\"partners\"><h2>What changes for each partner</h2>\n" + partners + "</section>\n";
    }
    const std::string evaluation = render_evaluation(summary);
    if (!evaluation.empty()) {
        out += "<section id=\"evaluation\"><h2>Localities evaluated</h2>\n" + evaluation + "</section>\n";
    }
    const std::string kept = render_kept(summary);
    if (!kept.empty()) {
        out += "<section id=\"kept\"><h2>Kept from before</h2>\n" + kept + "</section>\n";
    }
    const std::string confidence = render_confidence(summary);
    if (!confidence.empty()) {
        out += "<section id=\"confidence\"><h2>Boundary confidence</h2>\n" + confidence + "</section>\n";
    }
    out += "<section id=\"checks\"><h2>Constraint checks</h2>\n" + checks_section(summary) + "</section>\n";
    if (!scenarios.empty()) {
        out += "<section id=\"scenarios\"><h2>Scenarios</h2>\n" + scenarios_shown(summary) + scenarios +
               "<div class=\"wide\">" + object_table(member(summary, "scenarios")) + "</div></section>\n";
    }
    if (!frontier.empty()) {
        const json& f = member(summary, "frontier");
        out +=
            "<section id=\"frontier\"><h2>Trade-off</h2>\n<p>One set of localities per weight of " +
            (member(f, "agency").is_string() ? "--keep-close-to " + show_value(member(f, "agency"))
                                             : std::string("--shape-weight")) +
            " (frontier.csv; each has its layer localities_POINT in scenarios.gpkg). The knee is <strong>" +
            show_value(member(f, "knee")) +
            "</strong>; the map, profiles, table and checks above show point <strong>" +
            show_value(member(f, "shown")) + "</strong>.</p>\n" + frontier + "<div class=\"wide\">" +
            object_table(member(f, "points"), 4) + "</div></section>\n";
    }
    if (const json& sharing = member(summary, "data_sharing"); sharing.is_object()) {
        out += "<section id=\"sharing\"><h2>What each partner shared</h2>\n" + sharing_section(sharing) +
               "</section>\n";
    }
    if (!comparison.empty()) {
        out +=
            "<section id=\"comparison\"><h2>Plans compared</h2>\n<p>Every plan scored on the same areas, "
            "cases "
            "and service areas (comparison.csv); the map, profiles, partners and checks above show plan "
            "<strong>" +
            show_value(member(member(summary, "comparison"), "shown")) + "</strong>.</p>\n" + comparison +
            "<div class=\"wide\">" + object_table(member(member(summary, "comparison"), "table")) +
            "</div></section>\n";
    }
    out += "<section id=\"accounting\"><h2>Data accounting</h2>\n" + accounting_section(summary) +
           "</section>\n";
    out += "<section id=\"repeat\"><h2>Repeat this run</h2>\n" + repeat_section(summary) + "</section>\n";
    return out + "</body>\n</html>\n";
}

}  // namespace locality::report
