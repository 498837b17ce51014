// SPDX-License-Identifier: MIT
// report.html: the page, its style, headline and navigation; each section is a render_*.cpp.
#include "locality/report/render_report.hpp"

#include <fmt/format.h>

#include "locality/core/error.hpp"
#include "sections.hpp"

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
