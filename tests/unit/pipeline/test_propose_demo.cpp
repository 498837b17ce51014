// SPDX-License-Identifier: MIT
// End-to-end validation of `run_propose` against truth computed independently with GDAL/OGR and
// GEOS (tests/support/pipeline_truth.*): never with locality's graph, overlay or regionalize code.
// The whole demo (2,166 tracts, two service-area layers) takes ~6 s CPU, 15 s on a loaded 2-core
// machine, so those runs are [.slow]; the default cases run the same checks on Manhattan's 288
// tracts (a subset copied with GDAL), which has islands, bridges and cases outside every area.
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <sys/stat.h>
#include <tbb/global_control.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "geojson_tool.hpp"
#include "locality/geom/geos_context.hpp"
#include "locality/io/source_spec.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "pipeline_truth.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"
#include "text_files.hpp"

using locality::test::check_with_geojson_tool;

namespace {

using json = nlohmann::json;
using locality::test::CaseRow;
using locality::test::TempDir;
using locality::test::TruthAreas;

constexpr double k_floor = 150000.0;
// The README demo's floor (data/demo/propose.args): 8 localities of about 200 cases each, so that
// their profiles show differences in need rather than zeros and withheld counts.
constexpr double k_demo_floor = 1000000.0;
// 1 m in US survey feet, rounded up: the pipeline's tolerance is 1 m in its metre CRS.
constexpr double k_one_metre_ft = 3.28084;
constexpr double k_ft2_to_m2 = locality::test::k_us_foot_m * locality::test::k_us_foot_m;

const std::vector<std::string> k_case_files{"demo/nyc311_2018-06.csv", "demo/nyc311_2022-05-01.csv"};

std::string demo_gpkg() { return locality::test::data_path("demo/nyc_demo.gpkg"); }

/** The README's demo command as a config; `areas_gpkg` holds the `tract` layer. */
locality::pipeline::ProposeOptions demo_config(const std::string& areas_gpkg, const std::string& output,
                                               bool service_areas) {
    locality::pipeline::ProposeOptions config;
    config.areas = {areas_gpkg, "tract"};
    config.area_id_field = "geoid";
    config.population_field = "population";
    for (const std::string& file : k_case_files) {
        config.cases.push_back({"", {locality::test::data_path(file), ""}});
    }
    config.agency_field = "Agency";
    if (service_areas) {
        config.service_areas.push_back({"police", {demo_gpkg(), "police"}});
        config.service_areas.push_back({"schools", {demo_gpkg(), "school"}});
    }
    config.min_population = k_floor;
    config.seed = 1;
    config.output_dir = output;
    config.command_line = {"propose", "(test)"};
    config.suppress_below = 0;  // these checks compare every count with the case files
    return config;
}

/** Everything known about the inputs without asking the library. */
struct Truth {
    TruthAreas areas;
    std::vector<CaseRow> cases;
    std::vector<long> case_area;  ///< per case row: area position or -1
    std::vector<std::pair<std::size_t, std::size_t>> adjacency;
};

Truth build_truth(const std::string& areas_gpkg) {
    Truth truth;
    truth.areas = locality::test::read_truth_areas(areas_gpkg, "tract", "geoid", "population");
    for (const std::string& file : k_case_files) {
        for (CaseRow& row : locality::test::read_case_rows(locality::test::data_path(file), "Agency")) {
            truth.cases.push_back(std::move(row));
        }
    }
    truth.case_area = locality::test::locate_with_ogr(areas_gpkg, "tract", truth.cases).area_of;
    truth.adjacency = locality::test::near_pairs(truth.areas, k_one_metre_ft);
    return truth;
}

json read_json(const std::string& path) { return json::parse(locality::test::read_text(path)); }

/** Locality (1-based) per area position, from assignment.csv; checks ids and numbering. */
std::vector<int> check_assignment(const std::string& csv_path, const Truth& truth) {
    const auto rows = locality::test::read_csv_file(csv_path);
    REQUIRE(rows.size() == truth.areas.ids.size() + 1);
    REQUIRE(rows.front() == std::vector<std::string>{"area_id", "locality"});
    std::vector<int> locality_of(truth.areas.ids.size(), 0);
    std::set<int> numbers;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        REQUIRE(rows[r].size() == 2);
        const auto it = truth.areas.index_of.find(rows[r][0]);
        REQUIRE(it != truth.areas.index_of.end());
        INFO("area " << rows[r][0]);
        CHECK(locality_of[it->second] == 0);  // listed once
        locality_of[it->second] = std::stoi(rows[r][1]);
        numbers.insert(locality_of[it->second]);
    }
    REQUIRE(*numbers.begin() == 1);
    REQUIRE(*numbers.rbegin() == static_cast<int>(numbers.size()));  // 1..N without gaps
    return locality_of;
}

/** read = assigned + outside + unlocated per agency, each figure recounted from the CSV rows. */
void check_case_accounting(const json& summary, const Truth& truth) {
    std::map<std::string, std::array<std::int64_t, 4>> expected;  // read, assigned, outside, unlocated
    for (std::size_t i = 0; i < truth.cases.size(); ++i) {
        auto& tally = expected[truth.cases[i].agency];
        tally[0] += 1;
        tally[!truth.cases[i].has_point ? 3 : truth.case_area[i] < 0 ? 2 : 1] += 1;
    }
    const json& agencies = summary.at("cases").at("agencies");
    REQUIRE(agencies.size() == expected.size());
    std::array<std::int64_t, 4> total{};
    for (const json& agency : agencies) {
        const std::string name = agency.at("agency").get<std::string>();
        INFO("agency " << name);
        REQUIRE(expected.count(name) == 1);
        const auto& want = expected[name];
        CHECK(agency.at("read") == want[0]);
        CHECK(agency.at("assigned") == want[1]);
        CHECK(agency.at("outside") == want[2]);
        CHECK(agency.at("unlocated") == want[3]);
        CHECK(agency.at("read").get<std::int64_t>() == agency.at("assigned").get<std::int64_t>() +
                                                           agency.at("outside").get<std::int64_t>() +
                                                           agency.at("unlocated").get<std::int64_t>());
        for (std::size_t k = 0; k < 4; ++k) {
            total[k] += want[k];
        }
    }
    const json& sum = summary.at("cases").at("total");
    CHECK(sum.at("read") == total[0]);
    CHECK(sum.at("assigned") == total[1]);
    CHECK(sum.at("outside") == total[2]);
    CHECK(sum.at("unlocated") == total[3]);
    CHECK(total[0] == static_cast<std::int64_t>(truth.cases.size()));
}

/** Per-locality areas, population (>= floor) and cases, recomputed from assignment.csv and the inputs. */
void check_locality_figures(const json& summary, const Truth& truth, const std::vector<int>& locality_of,
                            double floor) {
    const int n = *std::max_element(locality_of.begin(), locality_of.end());
    std::vector<std::int64_t> areas(n + 1, 0);
    std::vector<double> population(n + 1, 0.0);
    std::vector<std::map<std::string, std::int64_t>> cases(n + 1);
    for (std::size_t z = 0; z < locality_of.size(); ++z) {
        areas[locality_of[z]] += 1;
        population[locality_of[z]] += truth.areas.population[z];
    }
    for (std::size_t i = 0; i < truth.cases.size(); ++i) {
        if (truth.case_area[i] >= 0) {
            cases[locality_of[truth.case_area[i]]][truth.cases[i].agency] += 1;
        }
    }
    const json& localities = summary.at("localities");
    REQUIRE(localities.at("count") == n);
    REQUIRE(localities.at("localities").size() == static_cast<std::size_t>(n));
    std::int64_t cases_sum = 0;
    for (const json& entry : localities.at("localities")) {
        const int l = entry.at("locality").get<int>();
        INFO("locality " << l);
        REQUIRE((l >= 1 && l <= n));
        CHECK(entry.at("areas") == areas[l]);
        CHECK(entry.at("population").get<double>() == Approx(population[l]).margin(1e-6));
        CHECK(population[l] >= floor);
        std::int64_t total = 0;
        for (const auto& [agency, count] : entry.at("cases").items()) {
            INFO("agency " << agency);
            CHECK(count.get<std::int64_t>() == (cases[l].count(agency) != 0 ? cases[l].at(agency) : 0));
            total += count.get<std::int64_t>();
        }
        CHECK(entry.at("cases_total") == total);
        cases_sum += entry.at("cases_total").get<std::int64_t>();
    }
    CHECK(cases_sum == summary.at("cases").at("total").at("assigned").get<std::int64_t>());
}

/** Each locality is connected by areas within 1 m of each other plus the bridges of summary.json. */
void check_contiguity(const json& summary, const Truth& truth, const std::vector<int>& locality_of) {
    std::vector<std::pair<std::size_t, std::size_t>> edges = truth.adjacency;
    for (const json& bridge : summary.at("contiguity").at("bridges")) {
        const auto from = truth.areas.index_of.find(bridge.at("from_area").get<std::string>());
        const auto to = truth.areas.index_of.find(bridge.at("to_area").get<std::string>());
        REQUIRE(from != truth.areas.index_of.end());
        REQUIRE(to != truth.areas.index_of.end());
        edges.emplace_back(from->second, to->second);
    }
    const int n = *std::max_element(locality_of.begin(), locality_of.end());
    std::vector<std::vector<std::size_t>> members(n + 1);
    for (std::size_t z = 0; z < locality_of.size(); ++z) {
        members[locality_of[z]].push_back(z);
    }
    // The bridges must be needed: without them the whole map is in several pieces.
    std::vector<std::size_t> all(locality_of.size());
    std::iota(all.begin(), all.end(), 0);
    CHECK(locality::test::component_count(all, truth.adjacency) ==
          summary.at("contiguity").at("components").get<std::size_t>());
    CHECK(locality::test::component_count(all, edges) == 1);
    for (int l = 1; l <= n; ++l) {
        INFO("locality " << l << " (" << members[l].size() << " areas)");
        CHECK(locality::test::component_count(members[l], edges) == 1);
    }
}

}  // namespace

namespace {

/** A locality's properties as written, keyed by name; numbers as double. */
std::map<std::string, double> numeric_properties(const OGRFeature& feature) {
    std::map<std::string, double> out;
    for (int i = 0; i < feature.GetFieldCount(); ++i) {
        out[feature.GetFieldDefnRef(i)->GetNameRef()] = feature.GetFieldAsDouble(i);
    }
    return out;
}

/** A published count as GDAL reads it back (a null field reads as 0). */
double number_or_zero(const json& value) { return value.is_null() ? 0.0 : value.get<double>(); }

/** Whether `member` of every entry is null for `agency` (e.g. "cases", "need_z"). */
bool null_everywhere(const json& entries, const char* member, const std::string& agency) {
    return std::all_of(entries.begin(), entries.end(),
                       [&](const json& e) { return e.at(member).at(agency).is_null(); });
}

void check_properties(const std::map<std::string, double>& props, const json& entry, const json& agencies,
                      const json& entries) {
    // locality, areas, population, cases_total, area_km2, the counts; rate_total, over_represented,
    // polsby_popper, suppressed, a rate and a z-score per agency; four alignment fields per service layer;
    // less the numeric fields null in every locality, which the GeoJSON leaves out (they would read as text).
    const std::size_t service_layers = entry.at("alignment").size();
    std::size_t left_out = 0;
    for (const json& agency : agencies) {
        const std::string name = agency.at("agency").get<std::string>();
        if (null_everywhere(entries, "cases", name)) {
            left_out += 3;  // the count, its rate and its z-score
        } else {
            left_out += null_everywhere(entries, "need_z", name) ? 1 : 0;  // no expected count anywhere
            left_out += null_everywhere(entries, "rates_per_1000", name) ? 1 : 0;
        }
    }
    CHECK(props.size() + left_out == 5 + agencies.size() + 4 + 2 * agencies.size() + 4 * service_layers);
    CHECK(props.at("areas") == entry.at("areas").get<double>());
    CHECK(props.at("population") == entry.at("population").get<double>());
    CHECK(props.at("cases_total") == entry.at("cases_total").get<double>());
    CHECK(props.at("area_km2") == Approx(entry.at("area_km2").get<double>()).margin(1e-9));
    for (const json& agency : agencies) {
        const std::string column = agency.at("column").get<std::string>();
        INFO("column " << column);
        if (null_everywhere(entries, "cases", agency.at("agency").get<std::string>())) {
            CHECK(props.count(column) == 0);
            continue;
        }
        REQUIRE(props.count(column) == 1);
        CHECK(props.at(column) ==
              number_or_zero(entry.at("cases").at(agency.at("agency").get<std::string>())));
    }
}

/** Geometries of localities.geojson, transformed to EPSG:2263, as GEOS; checks validity and properties. */
std::vector<locality::geom::GeomPtr> read_localities(const std::string& path, const json& summary,
                                                     const locality::geom::GeosContext& ctx) {
    const GDALDatasetUniquePtr ds = locality::test::open_vector(path);
    OGRLayer* layer = ds->GetLayer(0);
    const json& entries = summary.at("localities").at("localities");
    REQUIRE(layer->GetFeatureCount() == static_cast<GIntBig>(entries.size()));
    const OGRSpatialReference lonlat = locality::test::gis_order_srs(4326);
    const OGRSpatialReference feet = locality::test::gis_order_srs(2263);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&lonlat, &feet));
    REQUIRE(ct);
    std::vector<locality::geom::GeomPtr> shapes(entries.size());
    for (const auto& feature : *layer) {
        const auto props = numeric_properties(*feature);
        const int l = static_cast<int>(props.at("locality"));
        INFO("locality " << l);
        REQUIRE((l >= 1 && l <= static_cast<int>(entries.size())));
        REQUIRE(!shapes[l - 1]);  // each locality once
        check_properties(props, entries.at(l - 1), summary.at("cases").at("agencies"), entries);
        OGRGeometry* g = feature->GetGeometryRef();
        REQUIRE(g != nullptr);
        const locality::geom::GeomPtr as_written = locality::geom::check(ctx, g->exportToGEOS(ctx.handle()));
        CHECK(GEOSisValid_r(ctx.handle(), as_written.get()) == 1);
        g->assignSpatialReference(nullptr);
        REQUIRE(g->transform(ct.get()) == OGRERR_NONE);
        shapes[l - 1] = locality::geom::check(ctx, g->exportToGEOS(ctx.handle()));
        // The written shape (7 decimals, reprojected back) keeps the area of the summary.
        const double km2 = locality::geom::area(ctx, shapes[l - 1].get()) * k_ft2_to_m2 / 1e6;
        CHECK(km2 == Approx(entries.at(l - 1).at("area_km2").get<double>()).epsilon(1e-3));
    }
    return shapes;
}

/** The localities cover the tracts (union area within 0.1%) and never overlap (0.01% of the smaller). */
void check_coverage(const std::vector<locality::geom::GeomPtr>& shapes, const Truth& truth,
                    const locality::geom::GeosContext& ctx) {
    GEOSContextHandle_t h = ctx.handle();
    std::vector<double> areas;
    std::vector<GEOSGeometry*> clones;
    for (const auto& shape : shapes) {
        areas.push_back(locality::geom::area(ctx, shape.get()));
        clones.push_back(GEOSGeom_clone_r(h, shape.get()));
    }
    const locality::geom::GeomPtr all =
        locality::geom::check(ctx, GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, clones.data(),
                                                               static_cast<unsigned>(clones.size())));
    const locality::geom::GeomPtr merged = locality::geom::check(ctx, GEOSUnaryUnion_r(h, all.get()));
    CHECK(locality::geom::area(ctx, merged.get()) * k_ft2_to_m2 ==
          Approx(truth.areas.total_area * k_ft2_to_m2).epsilon(1e-3));
    std::size_t overlapping = 0;
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        for (std::size_t j = i + 1; j < shapes.size(); ++j) {
            if (GEOSIntersects_r(h, shapes[i].get(), shapes[j].get()) != 1) {
                continue;
            }
            const locality::geom::GeomPtr common =
                locality::geom::check(ctx, GEOSIntersection_r(h, shapes[i].get(), shapes[j].get()));
            const double overlap = locality::geom::area(ctx, common.get());
            INFO("localities " << i + 1 << " and " << j + 1 << " overlap by " << overlap * k_ft2_to_m2
                               << " m2");
            CHECK(overlap <= 1e-4 * std::min(areas[i], areas[j]));
            overlapping += overlap > 0.0 ? 1 : 0;
        }
    }
    SUCCEED("pairs of localities with a positive overlap: " << overlapping);
}

/** `value` with `decimals` decimals, trailing zeros dropped, as GDAL's GeoJSON writer prints it. */
std::string rounded_text(double value, int decimals) {
    std::string text = fmt::format("{:.{}f}", value, decimals);
    while (text.back() == '0') {
        text.pop_back();
    }
    if (text.back() == '.') {
        text.pop_back();
    }
    return text;
}

/** No output holds a case coordinate: neither the CSV text nor the point rounded as GeoJSON writes it. */
void check_no_case_coordinates(const std::vector<std::string>& files, const std::vector<CaseRow>& cases) {
    std::set<std::string> tokens;
    std::set<std::pair<std::string, std::string>> pairs;
    for (const std::string& file : files) {
        const std::string text = locality::test::read_text(file);
        for (std::string& token : locality::test::numeric_tokens(text)) {
            tokens.insert(std::move(token));
        }
        for (auto& pair : locality::test::coordinate_pairs(text)) {
            pairs.insert(std::move(pair));
        }
    }
    std::size_t scanned = 0;
    for (const CaseRow& row : cases) {
        for (const std::string* text : {&row.lon_text, &row.lat_text}) {
            const std::size_t point = text->find('.');
            if (point != std::string::npos && text->size() - point - 1 >= 5) {
                INFO("case coordinate " << *text);
                CHECK(tokens.count(*text) == 0);
                ++scanned;
            }
        }
        if (row.has_point) {
            for (const int decimals : {5, 6, 7}) {
                INFO("case point " << row.lon_text << ", " << row.lat_text << " at " << decimals
                                   << " decimals");
                CHECK(pairs.count({rounded_text(row.lon, decimals), rounded_text(row.lat, decimals)}) == 0);
            }
        }
    }
    CHECK(scanned > 0);
}

}  // namespace

namespace {

/** report.html: one map path and one profile per locality, one switch per service-area layer. */
void check_report(const std::string& path, const json& summary) {
    const std::string html = locality::test::read_text(path);
    auto count = [&html](const std::string& what) {
        std::size_t n = 0;
        for (std::size_t at = html.find(what); at != std::string::npos; at = html.find(what, at + 1)) {
            ++n;
        }
        return n;
    };
    CHECK(count("<path class=\"locality\"") == summary.at("localities").at("count").get<std::size_t>());
    CHECK(count("<figure class=\"profile\">") == summary.at("localities").at("count").get<std::size_t>());
    CHECK(count("<input type=\"checkbox\"") == summary.at("service_areas").size());
}

/** Every check of the brief on one finished run; returns the number of localities. */
int check_proposal(const std::string& output, const Truth& truth, double floor, const TempDir& scratch) {
    const json summary = read_json(output + "/summary.json");
    const std::vector<int> locality_of = check_assignment(output + "/assignment.csv", truth);
    const int n = *std::max_element(locality_of.begin(), locality_of.end());
    CHECK(summary.at("areas").at("count") == truth.areas.ids.size());
    check_case_accounting(summary, truth);
    check_locality_figures(summary, truth, locality_of, floor);
    check_contiguity(summary, truth, locality_of);

    const std::string geojson = output + "/localities.geojson";
    check_with_geojson_tool(geojson, scratch);
    const locality::geom::GeosContext ctx;
    const std::vector<locality::geom::GeomPtr> shapes = read_localities(geojson, summary, ctx);
    check_coverage(shapes, truth, ctx);
    CHECK(locality::test::max_coordinate_decimals(locality::test::read_text(geojson)) <= 7);
    check_no_case_coordinates(
        {geojson, output + "/assignment.csv", output + "/summary.json", output + "/report.html"},
        truth.cases);
    check_report(output + "/report.html", summary);
    return n;
}

/** summary.json without the members that legitimately differ between two runs. */
json comparable_summary(const std::string& path) {
    json summary = read_json(path);
    summary.erase("created");
    summary.erase("command_line");
    return summary;
}

/** Runs twice (default threads, then one thread) and requires identical outputs. */
void check_determinism(const std::string& areas_gpkg, bool service_areas) {
    const TempDir first("locality_propose_a");
    const TempDir second("locality_propose_b");
    locality::pipeline::run_propose(demo_config(areas_gpkg, first.path(), service_areas));
    {
        const tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
        locality::pipeline::run_propose(demo_config(areas_gpkg, second.path(), service_areas));
    }
    for (const std::string name : {"localities.geojson", "assignment.csv"}) {
        INFO(name);
        CHECK(locality::test::read_text(first.file(name)) == locality::test::read_text(second.file(name)));
    }
    CHECK(comparable_summary(first.file("summary.json")) == comparable_summary(second.file("summary.json")));
    // The report differs only in when it was made.
    const std::regex created(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
    CHECK(std::regex_replace(locality::test::read_text(first.file("report.html")), created, "") ==
          std::regex_replace(locality::test::read_text(second.file("report.html")), created, ""));
}

/** A GeoPackage with Manhattan's 288 tracts of the demo file, in `scratch`. */
std::string manhattan_gpkg(const TempDir& scratch) {
    return locality::test::write_manhattan_tracts(scratch.file("manhattan.gpkg"));
}

void check_k_localities(const std::string& areas_gpkg, int k) {
    const TempDir scratch("locality_propose_k");
    locality::pipeline::ProposeOptions config = demo_config(areas_gpkg, scratch.file("out"), false);
    config.min_population = 0.0;
    config.k = k;
    locality::pipeline::run_propose(config);
    const Truth truth = build_truth(areas_gpkg);
    CHECK(check_proposal(scratch.file("out"), truth, 0.0, scratch) == k);
}

}  // namespace

TEST_CASE("A Manhattan proposal with a floor of 150000 agrees with GDAL and GEOS and the case files",
          "[pipeline]") {
    const TempDir scratch("locality_propose_mn");
    const std::string areas = manhattan_gpkg(scratch);
    const auto result = locality::pipeline::run_propose(demo_config(areas, scratch.file("out"), true));
    CHECK(result.files.size() ==
          6);  // localities.geojson, .qml, .gpkg, assignment.csv, summary.json, report.html
    const Truth truth = build_truth(areas);
    REQUIRE(truth.areas.ids.size() == 288);
    const int n = check_proposal(scratch.file("out"), truth, k_floor, scratch);
    // 1,653,877 residents: at most 11 localities of 150,000.
    CHECK((n >= 2 && n <= 11));
}

TEST_CASE("A Manhattan proposal is byte-identical when run on one thread", "[pipeline]") {
    const TempDir scratch("locality_propose_mn");
    check_determinism(manhattan_gpkg(scratch), true);
}

TEST_CASE("A Manhattan proposal with k = 10 and no floor has exactly 10 contiguous localities",
          "[pipeline]") {
    const TempDir scratch("locality_propose_mn");
    check_k_localities(manhattan_gpkg(scratch), 10);
}

TEST_CASE("The README demo proposal agrees with GDAL and GEOS and the case files", "[pipeline][.slow]") {
    const TempDir scratch("locality_propose_demo");
    locality::pipeline::ProposeOptions config = demo_config(demo_gpkg(), scratch.file("out"), true);
    config.min_population = k_demo_floor;
    const auto result = locality::pipeline::run_propose(config);
    CHECK(result.files.size() ==
          6);  // localities.geojson, .qml, .gpkg, assignment.csv, summary.json, report.html
    const Truth truth = build_truth(demo_gpkg());
    REQUIRE(truth.areas.ids.size() == 2166);
    CHECK(truth.cases.size() == 1924);
    const int n = check_proposal(scratch.file("out"), truth, k_demo_floor, scratch);
    // 8,560,072 residents: at most 8 localities of 1,000,000.
    CHECK((n >= 2 && n <= 8));
}

// The whole demo on one thread and on two: integration.slow's "The demo gives the same bytes with one
// thread and with two" (every output file, through the CLI); a second pair of demo runs here would
// prove nothing more.

TEST_CASE("The demo with k = 10 and no floor has exactly 10 contiguous localities", "[pipeline][.slow]") {
    check_k_localities(demo_gpkg(), 10);
}
