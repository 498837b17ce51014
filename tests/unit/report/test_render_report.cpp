// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "locality/core/error.hpp"
#include "locality/geom/geos_context.hpp"
#include "locality/io/crs.hpp"
#include "locality/report/map_geometry.hpp"
#include "locality/report/render_report.hpp"

namespace report = locality::report;
using json = nlohmann::ordered_json;

namespace {

report::MapFeature square(const std::string& label, double lon0, double lat0, double size) {
    report::MapFeature f;
    f.label = label;
    f.rings.push_back(
        {{lon0, lat0}, {lon0 + size, lat0}, {lon0 + size, lat0 + size}, {lon0, lat0 + size}, {lon0, lat0}});
    f.label_at = {lon0 + size / 2, lat0 + size / 2};
    return f;
}

/** Two localities side by side on the equator, one service area over both. */
report::ReportMap two_squares(const std::string& service_label = "S1") {
    report::ReportMap map;
    map.localities.name = "localities";
    map.localities.features = {square("1", 0.0, 0.0, 1.0), square("2", 1.0, 0.0, 1.0)};
    report::MapLayer police;
    police.name = "police";
    report::MapFeature both = square(service_label, 0.0, 0.0, 1.0);
    both.rings[0] = {{0, 0}, {2, 0}, {2, 1}, {0, 1}, {0, 0}};
    police.features = {both};
    map.outlines = {police};
    return map;
}

json two_locality_summary() {
    return json::parse(R"({
      "locality_version": "0.1.0", "command": "propose", "created": "2026-01-01T00:00:00Z",
      "command_line": ["propose", "--areas", "a b.gpkg", "--min-population", "100"],
      "parameters": {"k": null, "min_population": 100, "seed": 1},
      "inputs": {"areas": {"source": "a b.gpkg", "size_bytes": 10, "sha256": "abc123"}, "cases": []},
      "areas": {"count": 4, "total_population": 400, "repaired_ids": [], "skipped_ids": []},
      "cases": {"rule": "read = assigned + outside + unlocated", "total": {"read": 30, "assigned": 30, "outside": 0, "unlocated": 0},
                "agencies": [{"agency": "police", "read": 20, "assigned": 20, "outside": 0, "unlocated": 0},
                             {"agency": "health", "read": 10, "assigned": 10, "outside": 0, "unlocated": 0}]},
      "service_areas": [],
      "localities": {"count": 2, "localities": [
         {"locality": 1, "areas": 2, "population": 150, "cases_total": 15, "cases": {"police": 15, "health": 0}, "area_km2": 1.5},
         {"locality": 2, "areas": 2, "population": 250, "cases_total": 15, "cases": {"police": 5, "health": 10}, "area_km2": 2.5}]}
    })");
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("The report draws one filled path per locality, projected and rounded to a tenth of a pixel",
          "[report]") {
    const std::string html = report::render_report(two_locality_summary().dump(), two_squares());
    CHECK(count_of(html, "<path class=\"locality\"") == 2);
    // 2 degrees of longitude span the 800-pixel width, so 1 degree is 400 px (the cos(latitude) factor
    // scales both axes alike at the equator to within 0.004 %).
    CHECK(html.find("d=\"M0 400L400 400 400 0 0 0Z\"") != std::string::npos);
    CHECK(html.find("d=\"M400 400L800 400 800 0 400 0Z\"") != std::string::npos);
    CHECK(html.find("viewBox=\"0 0 800 400\"") != std::string::npos);
    // The service-area layer is drawn and can be switched off.
    CHECK(html.find("<input type=\"checkbox\" id=\"ol0\" class=\"toggle\" checked>") != std::string::npos);
    CHECK(html.find("#ol0:not(:checked) ~ svg .ol0 { display: none; }") != std::string::npos);
    CHECK(count_of(html, "<g class=\"outline ol0\"") == 1);
}

TEST_CASE("The report has every section and computes the floor margin and the balance", "[report]") {
    const std::string html = report::render_report(two_locality_summary().dump(), two_squares());
    for (const char* id : {"map", "profiles", "table", "alignment", "checks", "accounting", "repeat"}) {
        CAPTURE(id);
        CHECK(html.find(std::string("<section id=\"") + id + "\">") != std::string::npos);
    }
    // Smallest locality 150 residents against a floor of 100: margin 50; 250 / 150 = 1.67; mean 200,
    // largest deviation 50 = 25.0 %.
    CHECK(html.find("smallest locality 150 residents, floor 100: margin 50") != std::string::npos);
    CHECK(html.find("largest / smallest population 1.67; largest deviation from the mean 25.0%") !=
          std::string::npos);
    CHECK(html.find("4 of 4 areas assigned") != std::string::npos);
    // The command line is repeated with the space in a path quoted for the shell.
    CHECK(html.find("locality propose --areas &#39;a b.gpkg&#39; --min-population 100") != std::string::npos);
    // No scenarios recorded: no scenario section.
    CHECK(html.find("id=\"scenarios\"") == std::string::npos);
}

TEST_CASE("The profile bar of a rate equal to the overall rate ends on the overall line", "[report]") {
    json summary = two_locality_summary();
    // Locality 1: police 15 per 150 residents = 100 per 1,000; overall 20 per 400 = 50 per 1,000, ratio 2:
    // the bar fills its 160 px. Locality 2: police 5 / 250 = 20 per 1,000, ratio 0.4: 32 px.
    const std::string html = report::render_report(summary.dump(), two_squares());
    CHECK(html.find("<rect class=\"over\" x=\"150\" y=\"") != std::string::npos);
    CHECK(html.find("width=\"160.0\"") != std::string::npos);
    CHECK(html.find("width=\"32.0\"") != std::string::npos);
    CHECK(html.find(">100.00</text>") != std::string::npos);  // per 1,000 residents, the one rate unit
    // A withheld count (null) shows as withheld, not as zero.
    summary["localities"]["localities"][0]["cases"]["health"] = nullptr;
    CHECK(report::render_report(summary.dump(), two_squares()).find(">withheld</text>") != std::string::npos);
}

TEST_CASE("Names from the input data cannot inject markup into the report", "[report]") {
    const std::string hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";
    json summary = two_locality_summary();
    summary["areas"]["repaired_ids"] = json::array({hostile});
    summary["cases"]["agencies"][0]["agency"] = hostile;
    summary["localities"]["localities"][0]["cases"][hostile] = 3;
    summary["warnings"] = json::array({hostile});
    summary["command_line"].push_back(hostile);
    report::ReportMap map = two_squares(hostile);
    map.outlines[0].name = hostile;
    map.localities.features[0].label = hostile;
    const std::string html = report::render_report(summary.dump(), map);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img") != std::string::npos);
}

TEST_CASE("The report references no URL but the SVG namespace and loads nothing", "[report]") {
    const std::string html = report::render_report(two_locality_summary().dump(), two_squares());
    const std::regex url(R"(https?://[^"'\s<>]*)");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), url); it != std::sregex_iterator(); ++it) {
        CHECK(it->str() == "http://www.w3.org/2000/svg");
    }
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
}

TEST_CASE("A summary without localities, cases or population still renders, with the gaps marked",
          "[report]") {
    const std::string html = report::render_report("{}", {});
    CHECK(html.find("<section id=\"map\">") != std::string::npos);
    CHECK(html.find("No localities recorded.") != std::string::npos);
    CHECK(html.find("Not recorded in this run&#39;s summary.") == std::string::npos);
    CHECK(html.find("Not recorded in this run's summary.") != std::string::npos);
    CHECK(html.find("</html>") != std::string::npos);
}

TEST_CASE("Alignment and scenarios are drawn when the summary records them", "[report]") {
    json summary = two_locality_summary();
    summary["localities"]["localities"][0]["alignment"] = json::parse(
        R"({"police": {"touched": 3, "dominant": "P<1>", "dominant_case_share": 0.5, "service_areas": ["a"]}})");
    summary["localities"]["localities"][1]["alignment"] = {{"police", 1}};
    summary["alignment"] =
        json::parse(R"({"police": {"service_areas": 2, "service_areas_by_localities": {"1": 1, "2": 1}}})");
    summary["scenarios"] =
        json::parse(R"([{"scenario": "k=2", "localities": 2, "within_ss": 10.0, "share_explained": 0.5},
                                           {"scenario": "k=3", "localities": 3, "within_ss": 5.0, "share_explained": 0.75}])");
    const std::string html = report::render_report(summary.dump(), two_squares());
    CHECK(html.find("<th>locality</th><th>police</th>") != std::string::npos);
    CHECK(html.find("<td>3 touched; mostly P&lt;1&gt; (50% of cases)</td>") != std::string::npos);
    CHECK(html.find("<td>1: 1, 2: 1</td>") != std::string::npos);
    CHECK(html.find("<section id=\"scenarios\">") != std::string::npos);
    // x: first and last scenario at the 40-px margins of 640; each line spans its own range over the
    // 160 px between y = 200 (lowest) and y = 40 (highest): share 0.5 -> 200, 0.75 -> 40; within_ss
    // 10 -> 40, 5 -> 200. The values are printed beside the points.
    CHECK(html.find("points=\"40.0,200.0 600.0,40.0 \"") != std::string::npos);
    CHECK(html.find("points=\"40.0,40.0 600.0,200.0 \"") != std::string::npos);
    CHECK(html.find(">0.750</text>") != std::string::npos);
}

TEST_CASE("A summary that is not a JSON object is refused with an input error", "[report]") {
    CHECK_THROWS_AS(report::render_report("[1, 2]", {}), locality::InputError);
    CHECK_THROWS_AS(report::render_report("{not json", {}), locality::InputError);
}

TEST_CASE("Floors on case counts are checked on the published counts, each population floor once",
          "[report]") {
    json summary = two_locality_summary();
    summary["cases"]["agencies"][0]["column"] = "cases_police";
    summary["cases"]["agencies"][1]["column"] = "cases_health";
    summary["localities"]["localities"][0]["bound_totals"] = {{"population", 150}};
    summary["localities"]["localities"][1]["bound_totals"] = {{"population", 250}};
    summary["localities"]["localities"][1]["cases"]["police"] = nullptr;  // withheld
    summary["constraints"] = {
        {"bounds",
         {{{"field", "population"}, {"option", "--min-population 100"}, {"min", 100}, {"max", nullptr}},
          {{"field", "cases_police"}, {"option", "--min cases_police=5"}, {"min", 5}, {"max", nullptr}},
          {{"field", "cases_total"}, {"option", "--max cases_total=20"}, {"min", nullptr}, {"max", 20}}}}};
    const std::string html = report::render_report(summary.dump(), two_squares());
    CHECK(count_of(html, "floor on population") == 1);
    CHECK(count_of(html, "<td>population floor</td>") == 0);
    CHECK(html.find("smallest locality 150, floor 100: margin 50</td>") != std::string::npos);
    // Police: locality 1 publishes 15, locality 2's count is withheld and not shown.
    CHECK(html.find("smallest locality 15, floor 5: margin 10 (among published counts; 1 withheld by "
                    "disclosure control, checked before writing)") != std::string::npos);
    // cases_total 15 and 15 against a ceiling of 20.
    CHECK(html.find("largest locality 15, ceiling 20: margin 5</td>") != std::string::npos);
}

TEST_CASE("A locality's label sits on its main body, not on a detached island, in the colour given",
          "[report]") {
    namespace geom = locality::geom;
    const geom::GeosContext ctx;
    // A long thin island (10 x 0.1 degrees: the widest part, where a point-on-surface would go), and
    // the main body: a C-shape (area 7.5) with a thick back (x 0 to 1.5) and thin arms (1 wide). Its
    // pole of inaccessibility is in the back, where a circle of radius 0.75 fits.
    const geom::GeomPtr shape = geom::from_wkt(ctx,
                                               "MULTIPOLYGON(((10 10, 20 10, 20 10.1, 10 10.1, 10 10)),"
                                               "((0 0, 3 0, 3 1, 1.5 1, 1.5 2, 3 2, 3 3, 0 3, 0 0)))");
    const report::MapLayer layer =
        report::make_map_layer("localities", {"1"}, {geom::to_wkb(ctx, shape.get())},
                               locality::io::Crs::wgs84(), 0.0, "locality", {"#1f77b4"});
    REQUIRE(layer.features.size() == 1);
    const report::LonLat at = layer.features[0].label_at;
    INFO(at.lon << " " << at.lat);
    CHECK(at.lon > 0.6);
    CHECK(at.lon < 0.95);
    CHECK(at.lat > 0.6);
    CHECK(at.lat < 2.4);
    CHECK(layer.features[0].fill == "#1f77b4");
    report::ReportMap map;
    map.localities = layer;
    const std::string html = report::render_report(two_locality_summary().dump(), map);
    CHECK(html.find("<path class=\"locality\" fill=\"#1f77b4\"") != std::string::npos);
}

TEST_CASE(
    "The report speaks in words: headings, whole people, one rate unit, the share explained, no raw JSON",
    "[report]") {
    json summary = two_locality_summary();
    summary["localities"]["share_explained"] = 0.342;
    summary["localities"]["localities"][0]["population"] = 150.4;  // a population field with decimals
    summary["localities"]["localities"][0]["rate_total"] = 99.734;
    summary["localities"]["localities"][0]["polsby_popper"] = 0.7854;
    // Two agencies with under 5% of the 32 cases: folded into "other agencies".
    summary["cases"]["agencies"].push_back({{"agency", "parks"}, {"assigned", 1}});
    summary["cases"]["agencies"].push_back({{"agency", "fire"}, {"assigned", 1}});
    summary["cases"]["total"]["assigned"] = 32;
    summary["localities"]["localities"][0]["cases"]["parks"] = 1;
    summary["localities"]["localities"][0]["cases"]["fire"] = 0;
    summary["localities"]["localities"][0]["cases_total"] = 16;
    summary["localities"]["localities"][1]["cases"]["parks"] = nullptr;  // withheld
    summary["localities"]["localities"][1]["cases"]["fire"] = 1;
    summary["localities"]["localities"][1]["cases_total"] = 16;
    const std::string html = report::render_report(summary.dump(), two_squares());
    // At the top: 32 cases over 400 residents = 80 per 1,000; 34% of the variation in need.
    CHECK(html.find("32 cases (80.00 per 1,000 residents study-wide)") != std::string::npos);
    CHECK(html.find("The localities capture <strong>34%</strong> of the variation in need") !=
          std::string::npos);
    // Words, not column names; people whole; rates per 1,000 only.
    for (const char* heading : {"<th>Residents</th>", "<th>Cases</th>", "<th>Cases per 1,000 residents</th>",
                                "<th>Compactness (1 = a circle)</th>", "<th>Area (km²)</th>"}) {
        INFO(heading);
        CHECK(html.find(heading) != std::string::npos);
    }
    for (const char* raw :
         {"polsby_popper", "rate_total", "total_population", "repaired_ids", "[]", "100,000"}) {
        INFO(raw);
        CHECK(html.find(raw) == std::string::npos);
    }
    CHECK(html.find("<td class=\"n\">150</td>") != std::string::npos);
    // The case accounting in words: read = in a small area + outside every area + without usable coordinates.
    CHECK(html.find("<th>without usable coordinates</th>") != std::string::npos);
    CHECK(html.find("<th>unlocated</th>") == std::string::npos);
    CHECK(html.find("<td class=\"n\">99.73</td>") != std::string::npos);
    // Profiles: police and health as themselves, parks and fire as "other agencies": locality 1 has
    // 1 other case per 150.4 residents (6.65 per 1,000); locality 2's parks count is withheld, but
    // 16 - 5 - 10 = 1 other case follows from published counts: 1 per 250 = 4.00.
    CHECK(html.find(">other agencies</text>") != std::string::npos);
    CHECK(html.find(">parks</text>") == std::string::npos);
    CHECK(html.find(">6.65</text>") != std::string::npos);
    CHECK(html.find(">4.00</text>") != std::string::npos);
}

TEST_CASE("A regionalize report shows attribute means and bound totals, without case holes", "[report]") {
    json summary = two_locality_summary();
    summary["command"] = "regionalize";
    summary.erase("cases");
    summary["parameters"]["cases_crs"] = "EPSG:4326";
    summary["localities"]["share_explained"] = 0.5;
    for (json& l : summary["localities"]["localities"]) {
        l["cases_total"] = nullptr;
        l["cases"] = json::object();
        l["over_represented"] = json::array();
        l["attribute_means"] = {{"income", 123.456}};
        l["bound_totals"] = {{"households", 40}};
    }
    const std::string html = report::render_report(summary.dump(), two_squares());
    CHECK(html.find("<th>Mean income</th>") != std::string::npos);
    CHECK(html.find("<td class=\"n\">123.46</td>") != std::string::npos);
    CHECK(html.find("<th>Total households</th>") != std::string::npos);
    CHECK(html.find("capture <strong>50%</strong> of the variation in the clustering attributes") !=
          std::string::npos);
    for (const char* hole : {"withheld", "cases_crs", "id=\"profiles\"", "id=\"alignment\"",
                             "Rates need a population", "Cases per agency", "&ndash; cases"}) {
        INFO(hole);
        CHECK(html.find(hole) == std::string::npos);
    }
}

TEST_CASE(
    "Without a population the report says counts were clustered and profiles each locality's mix of cases",
    "[report][no_population]") {
    json summary = two_locality_summary();
    summary["areas"].erase("total_population");
    for (json& locality : summary["localities"]["localities"]) {
        locality.erase("population");
    }
    const std::string html = report::render_report(summary.dump(), two_squares());
    CHECK(html.find("residents &middot;") == std::string::npos);
    CHECK(html.find("no population given (counts, not rates)") != std::string::npos);
    CHECK(html.find("Rates need a population") == std::string::npos);
    CHECK(html.find("clustered on case counts per agency, not on rates per resident") != std::string::npos);
    // Locality 1: police 15 of its 15 cases = 100 %, against 20 of all 30 = 66.7 %: ratio 1.5, 120 px.
    // Locality 2: health 10 of 15 = 66.7 % against 10 of 30 = 33.3 %: ratio 2, the full 160 px.
    CHECK(html.find(">100.0</text>") != std::string::npos);
    CHECK(html.find("width=\"120.0\"") != std::string::npos);
    CHECK(html.find(">66.7</text>") != std::string::npos);
    CHECK(html.find("width=\"160.0\"") != std::string::npos);
}

TEST_CASE("The report names agencies in full where --agency-names gives a name, and areas as id (name)",
          "[report]") {
    json summary = two_locality_summary();
    summary["cases"]["agencies"][0]["name"] = "Metropolitan Police Service";
    summary["cases"]["agencies"][1]["name"] = nullptr;  // no name given: the code
    summary["localities"]["localities"][0]["over_represented"] = json::array({"police"});
    summary["localities"]["localities"][1]["over_represented"] = json::array({"health"});
    summary["areas"]["repaired_ids"] = json::array({"A1", "A2"});
    summary["areas"]["names"] = {{"A1", "Northgate & Mill"}};
    summary["areas"]["stray_parts"] = {{"rule", "r"}, {"dropped", 1}, {"area_ids", json::array({"A1"})}};
    const std::string html = report::render_report(summary.dump(), two_squares());
    // Profiles' bar labels, wide enough for the name.
    CHECK(count_of(html, ">Metropolitan Police Service</text>") == 2);
    CHECK(count_of(html, ">health</text>") == 2);
    CHECK(html.find("<rect class=\"over\" x=\"150\"") == std::string::npos);
    // The case accounting and the most over-represented agencies.
    CHECK(html.find("<td>Metropolitan Police Service</td>") != std::string::npos);
    CHECK(html.find("<td>health</td>") != std::string::npos);
    CHECK(html.find(">police<") == std::string::npos);
    // Areas listed by id carry their names; an area without one keeps its bare id.
    CHECK(html.find("<td>A1 (Northgate &amp; Mill), A2</td>") != std::string::npos);
    CHECK(html.find("<td>A1 (Northgate &amp; Mill)</td>") != std::string::npos);
}

TEST_CASE("The report calls a locality firm only when its least firm area reaches the threshold",
          "[report]") {
    json summary = two_locality_summary();
    summary["confidence"] =
        json::parse(R"({"runs": 20, "rule": "r", "firm_threshold": 0.9, "areas_firm_share": 0.75,
      "seeds": [], "localities": [{"locality": 1, "mean": 1.0, "lowest": 1.0},
                                  {"locality": 2, "mean": 0.7, "lowest": 0.45}]})");
    const std::string html = report::render_report(summary.dump(), two_squares());
    CHECK(html.find("<h2>Boundary confidence</h2>") != std::string::npos);
    CHECK(count_of(html, "<td>firm</td>") == 1);
    CHECK(count_of(html, "<td>partly arbitrary</td>") == 1);
    CHECK(html.find("75% of the areas") != std::string::npos);
    // Without --confidence there is no such section.
    CHECK(report::render_report(two_locality_summary().dump(), two_squares()).find("Boundary confidence") ==
          std::string::npos);
}

TEST_CASE("With confidence the map draws firm lines solid and hatches the areas that are not firm",
          "[report]") {
    json summary = two_locality_summary();
    summary["confidence"] =
        json::parse(R"({"runs": 10, "rule": "r", "firm_threshold": 0.9, "areas_firm_share": 0.5,
      "seeds": [], "localities": [{"locality": 1, "mean": 1.0, "lowest": 1.0},
                                  {"locality": 2, "mean": 0.8, "lowest": 0.6}]})");
    report::ReportMap map = two_squares();
    map.confidence = true;
    map.unsure.name = "not firm";
    map.unsure.features = {square("locality 2: 1 area(s) not firm (confidence below 0.9)", 1.0, 0.0, 0.5)};
    const std::string html = report::render_report(summary.dump(), map);
    CHECK(html.find("<div class=\"map confidence\">") != std::string::npos);
    CHECK(html.find(".map.confidence .locality { stroke: #222; stroke-width: 1.2; }") != std::string::npos);
    CHECK(html.find("stroke-dasharray: 3 2") != std::string::npos);
    CHECK(html.find("<pattern id=\"unsure-hatch\"") != std::string::npos);
    CHECK(count_of(html, "<g class=\"unsure\">") == 1);
    CHECK(html.find("<title>locality 2: 1 area(s) not firm (confidence below 0.9)</title>") !=
          std::string::npos);
    CHECK(html.find("<p class=\"map-legend\"><span class=\"firm-line\"></span> firm boundary") !=
          std::string::npos);
    CHECK(html.find("hatched, dashed: an area that is not firm") != std::string::npos);
    // Without --confidence the map has neither the styles nor the legend.
    const std::string plain = report::render_report(two_locality_summary().dump(), two_squares());
    CHECK(plain.find("map confidence") == std::string::npos);
    CHECK(plain.find("stroke-dasharray") == std::string::npos);
    CHECK(plain.find("unsure") == std::string::npos);
    CHECK(plain.find("map-legend") == std::string::npos);
}

TEST_CASE("The locality table shows each locality's name beside its number when the run records one",
          "[report]") {
    json summary = two_locality_summary();
    const std::string unnamed = report::render_report(summary.dump(), two_squares());
    CHECK(unnamed.find("<th>Name</th>") == std::string::npos);
    // Precincts 5 and 12, numbered 1 and 2 (evaluate, --start-from): the table must say which is which.
    summary["localities"]["localities"][0]["locality_name"] = "5";
    summary["localities"]["localities"][1]["locality_name"] = "12";
    const std::string html = report::render_report(summary.dump(), two_squares());
    CHECK(html.find("<th>Locality</th><th>Name</th>") != std::string::npos);
    CHECK(html.find("<td class=\"n\">1</td><td>5</td>") != std::string::npos);
    CHECK(html.find("<td class=\"n\">2</td><td>12</td>") != std::string::npos);
}
