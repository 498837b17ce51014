// SPDX-License-Identifier: MIT
// Sharing counts, not cases (issue 16, docs/data-sharing.md): `overlay --share` packages and
// `propose --counts`. Expected values are worked by hand from data/fixtures/README.md's grid and
// points: police c00 1, c01 1, c22 1 (1 outside); health c00 2 (2 unlocated); schools c20 1, c21 1.
#include <gdal_priv.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "pipeline/inputs.hpp"
#include "pipeline/share_package.hpp"
#include "pipeline_truth.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"
#include "text_files.hpp"

namespace {

using json = nlohmann::ordered_json;  // key order as written
using locality::pipeline::OverlayOptions;
using locality::pipeline::ProposeOptions;
using locality::pipeline::shared_parts;
using locality::test::TempDir;

ProposeOptions grid_config(const std::string& output) {
    ProposeOptions config;
    config.areas = {locality::test::data_path("fixtures/grid3x3.geojson"), ""};
    config.area_id_field = "cell_id";
    config.population_field = "pop";
    config.cases.push_back({"", {locality::test::data_path("fixtures/points3x3.csv"), ""}});
    config.agency_field = "agency";
    config.cases_crs = "EPSG:32618";
    config.output_dir = output;
    config.command_line = {"(test)"};
    return config;
}

/** `overlay --share DIR` on the grid; returns DIR. */
std::string share_grid(const TempDir& scratch, const std::string& name, std::int64_t threshold,
                       const std::string& period = {}) {
    auto config = shared_parts<OverlayOptions>(grid_config(scratch.file(name + "_overlay")));
    config.suppress_below = threshold;
    config.share_dir = scratch.file(name);
    config.period = period;
    locality::pipeline::run_overlay(config);
    return config.share_dir;
}

json read_json(const std::string& path) { return json::parse(locality::test::read_text(path)); }

/** counts.csv as id -> text of its count ("" = withheld). */
std::map<std::string, std::string> read_counts(const std::string& path) {
    const auto rows = locality::test::read_csv_file(path);
    REQUIRE(rows.at(0) == std::vector<std::string>{"area_id", "cases"});
    std::map<std::string, std::string> out;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        REQUIRE(rows[r].size() == 2);
        out[rows[r][0]] = rows[r][1];
    }
    return out;
}

std::vector<std::string> keys_of(const json& object) {
    std::vector<std::string> out;
    for (const auto& item : object.items()) {
        out.push_back(item.key());
    }
    return out;
}

}  // namespace

TEST_CASE("A package holds one agency's counts per area and a manifest with exactly the documented keys",
          "[pipeline][share]") {
    const TempDir scratch("locality_share_package");
    const std::string dir = share_grid(scratch, "share", 2, "2018-06");
    // One folder per agency, two files in each, nothing else.
    std::set<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        files.insert(std::filesystem::relative(entry.path(), dir).string());
    }
    CHECK(files == std::set<std::string>{"health", "health/counts.csv", "health/manifest.json", "police",
                                         "police/counts.csv", "police/manifest.json", "schools",
                                         "schools/counts.csv", "schools/manifest.json"});

    // Counts of 1 are withheld at threshold 2 (empty), zeros and the health 2 in c00 are published.
    const auto police = read_counts(dir + "/police/counts.csv");
    CHECK(police == std::map<std::string, std::string>{{"c00", ""},
                                                       {"c01", ""},
                                                       {"c02", "0"},
                                                       {"c10", "0"},
                                                       {"c11", "0"},
                                                       {"c12", "0"},
                                                       {"c20", "0"},
                                                       {"c21", "0"},
                                                       {"c22", ""}});
    const auto health = read_counts(dir + "/health/counts.csv");
    CHECK(health.at("c00") == "2");
    CHECK(health.at("c22") == "0");

    const json manifest = read_json(dir + "/police/manifest.json");
    CHECK(keys_of(manifest) == std::vector<std::string>{"format", "agency", "period", "areas",
                                                        "suppress_below", "tool_version", "totals"});
    CHECK(keys_of(manifest.at("areas")) == std::vector<std::string>{"name", "id_field", "features", "hash"});
    CHECK(keys_of(manifest.at("totals")) ==
          std::vector<std::string>{"published", "withheld_areas", "outside", "unlocated"});
    CHECK(manifest.at("format") == "locality-share/1");
    CHECK(manifest.at("agency") == "police");
    CHECK(manifest.at("period") == "2018-06");
    CHECK(manifest.at("areas").at("name") == "grid3x3.geojson");  // the file's name, never its folder
    CHECK(manifest.at("areas").at("id_field") == "cell_id");
    CHECK(manifest.at("areas").at("features") == 9);
    CHECK(manifest.at("suppress_below") == 2);
    // No total that includes a withheld count: only the published ones, and how many are withheld.
    CHECK(manifest.at("totals") ==
          json{{"published", 0}, {"withheld_areas", 3}, {"outside", 1}, {"unlocated", 0}});
    const json health_manifest = read_json(dir + "/health/manifest.json");
    CHECK(health_manifest.at("totals") ==
          json{{"published", 2}, {"withheld_areas", 0}, {"outside", 0}, {"unlocated", 2}});
    CHECK(health_manifest.at("areas").at("hash") == manifest.at("areas").at("hash"));

    // Nothing of the cases themselves: no coordinate (as written or as text of any precision) and no
    // case id (the `id` column, 1..10, is not a count here: no package holds a number above 2 but the
    // manifest's own figures).
    const auto rows = locality::test::read_csv_file(locality::test::data_path("fixtures/points3x3.csv"));
    for (const std::string& file : files) {
        if (file.find('/') == std::string::npos) {
            continue;
        }
        const std::string text = locality::test::read_text(dir + "/" + file);
        for (std::size_t r = 1; r < rows.size(); ++r) {
            for (const std::size_t column : {2, 3}) {
                if (rows[r][column].size() >= 6) {  // the coordinates; "abc" and "" are no coordinate
                    INFO(file << " must not hold " << rows[r][column]);
                    CHECK(text.find(rows[r][column]) == std::string::npos);
                }
            }
        }
        if (file.find("counts.csv") != std::string::npos) {
            const std::set<std::string> grid{"c00", "c01", "c02", "c10", "c11", "c12", "c20", "c21", "c22"};
            for (const auto& [id, count] : read_counts(dir + "/" + file)) {
                INFO(file << ": " << id << "," << count);
                CHECK(grid.count(id) == 1);
                CHECK((count.empty() || std::stoll(count) <= 2));  // counts only: case ids run up to 10
            }
        }
    }
}

TEST_CASE(
    "The area layer's identity is the same read from GeoJSON or GeoPackage and differs for other polygons",
    "[pipeline][share]") {
    const TempDir scratch("locality_share_identity");
    const std::string gpkg = scratch.file("grid.gpkg");
    locality::test::write_subset_gpkg(locality::test::data_path("fixtures/grid3x3.geojson"), "grid3x3",
                                      "1 = 1", gpkg);
    auto config = shared_parts<locality::pipeline::StageOptions>(grid_config(scratch.file("unused")));
    const auto identity = [&config](const locality::io::SourceSpec& areas) {
        config.areas = areas;
        const locality::pipeline::OverlayData data = locality::pipeline::load_areas(config, {});
        return locality::pipeline::area_layer_identity(config, data);
    };
    const auto geojson = identity({locality::test::data_path("fixtures/grid3x3.geojson"), ""});
    const auto geopackage = identity({gpkg, "grid3x3"});
    CHECK(geojson.hash.rfind("sha256:", 0) == 0);
    CHECK(geojson.hash.size() == 7 + 64);
    CHECK(geojson.hash == geopackage.hash);
    CHECK(geojson.name == "grid3x3.geojson");
    CHECK(geopackage.name == "grid.gpkg|layername=grid3x3");
    // The same ids, c11 drawn as a bow-tie: another layer.
    const auto bowtie = identity({locality::test::data_path("fixtures/grid3x3_bowtie.geojson"), ""});
    CHECK(bowtie.features == 9);
    CHECK(bowtie.hash != geojson.hash);
}

TEST_CASE("A package made on another area layer is refused, naming both layers and hashes",
          "[pipeline][share]") {
    const TempDir scratch("locality_share_refusal");
    const std::string dir = share_grid(scratch, "share", 5);
    ProposeOptions config = grid_config(scratch.file("out"));
    config.cases.clear();
    config.areas = {locality::test::data_path("fixtures/grid3x3_bowtie.geojson"), ""};
    config.counts_packages = {dir};
    config.k = 2;
    try {
        locality::pipeline::run_propose(config);
        FAIL("a package of another layer was accepted");
    } catch (const locality::InputError& e) {
        const std::string message = e.what();
        CHECK(message.find("was counted on area layer 'grid3x3.geojson' (9 features, sha256:") !=
              std::string::npos);
        CHECK(message.find("but --areas is 'grid3x3_bowtie.geojson' (9 features, sha256:") !=
              std::string::npos);
    }
    CHECK_FALSE(std::filesystem::exists(config.output_dir + "/assignment.csv"));
}

TEST_CASE("Withheld counts are clustered on the midpoint of [1, threshold - 1], with their extremes reported",
          "[pipeline][share]") {
    const TempDir scratch("locality_share_interval");
    const std::string dir = share_grid(scratch, "share", 5, "2018-06");
    ProposeOptions config = grid_config(scratch.file("out"));
    config.cases.clear();
    config.counts_packages = {dir};
    config.k = 3;
    config.seed = 1;
    locality::pipeline::run_propose(config);
    const json summary = read_json(config.output_dir + "/summary.json");
    // Every count (all from 1 to 4) is withheld: police 3, health 1, schools 2, each taken as 5 / 2 = 2.
    const json& sharing = summary.at("data_sharing");
    CHECK(sharing.at("individual_level_data") == false);
    CHECK(sharing.at("statement").get<std::string>().rfind("no individual-level data was used", 0) == 0);
    CHECK(sharing.at("withheld").at("counts") == 6);
    CHECK(sharing.at("withheld").at("cases_imputed") == 12);  // 6 x 2; in truth 7 (health's 2 and five 1s)
    CHECK(sharing.at("withheld").at("cases_range") == json::array({6, 24}));
    CHECK(sharing.at("packages").size() == 3);
    CHECK(sharing.at("packages").at(0).at("agency") == "health");
    CHECK(sharing.at("packages").at(0).at("period") == "2018-06");
    CHECK(sharing.at("packages").at(0).at("counts_sha256").get<std::string>().size() == 64);
    std::map<std::string, json> agencies;
    for (const json& a : summary.at("cases").at("agencies")) {
        agencies[a.at("agency").get<std::string>()] = a;
    }
    CHECK(agencies.at("police").at("assigned") == 6);  // 3 x 2
    CHECK(agencies.at("police").at("outside") == 1);   // from the manifest
    CHECK(agencies.at("police").at("read") == 7);
    CHECK(agencies.at("health").at("assigned") == 2);
    CHECK(agencies.at("health").at("unlocated") == 2);
    CHECK(agencies.at("schools").at("assigned") == 4);
    const json& sensitivity = sharing.at("sensitivity");
    CHECK(sensitivity.at("areas") == 9);
    for (const char* end : {"low", "high"}) {
        INFO(end);
        const json& changed = sensitivity.at(end).at("areas_changed");
        REQUIRE(changed.is_number_integer());
        CHECK(changed.get<int>() >= 0);
        CHECK(changed.get<int>() <= 9);
    }
    CHECK(summary.at("inputs").at("cases").empty());
    // The report says it too, with each partner's package.
    const std::string report = locality::test::read_text(config.output_dir + "/report.html");
    CHECK(report.find("<h2>What each partner shared</h2>") != std::string::npos);
    CHECK(report.find("no individual-level data was used") != std::string::npos);
    CHECK(report.find("2018-06") != std::string::npos);
}

TEST_CASE("The imputed value and the count of areas changing locality, by hand", "[pipeline][share]") {
    using locality::pipeline::imputed_withheld;
    CHECK(imputed_withheld(2) == 1);   // [1, 1]
    CHECK(imputed_withheld(3) == 1);   // [1, 2]: 1.5 rounded down
    CHECK(imputed_withheld(5) == 2);   // [1, 4]: 2.5 rounded down
    CHECK(imputed_withheld(10) == 5);  // [1, 9]
    using locality::pipeline::areas_changing_locality;
    // The same localities numbered otherwise: nothing changes.
    CHECK(areas_changing_locality({0, 0, 1, 1, 2}, {2, 2, 0, 0, 1}) == 0);
    // One area moves from the first locality to the second.
    CHECK(areas_changing_locality({0, 0, 0, 1, 1}, {1, 1, 0, 0, 0}) == 1);
    // Two localities merged into one: the smaller side counts as changed.
    CHECK(areas_changing_locality({0, 0, 0, 1, 1}, {0, 0, 0, 0, 0}) == 2);
    // One locality split in two halves.
    CHECK(areas_changing_locality({0, 0, 0, 0}, {0, 0, 1, 1}) == 2);
}

TEST_CASE(
    "With --suppress-below 0, a proposal from packages equals the proposal from the points, byte for byte",
    "[pipeline][share]") {
    const TempDir scratch("locality_share_equivalence");
    ProposeOptions from_points = grid_config(scratch.file("points"));
    from_points.k = 3;
    from_points.seed = 7;
    from_points.suppress_below = 0;
    from_points.formats = {locality::pipeline::OutputFormat::geojson};
    locality::pipeline::run_propose(from_points);

    // Two partners, one period each: the grid's cases split by agency into two CSV files.
    const auto rows = locality::test::read_csv_file(locality::test::data_path("fixtures/points3x3.csv"));
    std::ofstream first(scratch.file("partner_a.csv"));
    std::ofstream second(scratch.file("partner_b.csv"));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::string line = rows[r][0] + "," + rows[r][1] + "," + rows[r][2] + "," + rows[r][3] + "\n";
        if (r == 0 || rows[r][1] == "police") {
            first << line;
        }
        if (r == 0 || rows[r][1] != "police") {
            second << line;
        }
    }
    first.close();
    second.close();
    ProposeOptions from_counts = from_points;
    from_counts.output_dir = scratch.file("counts");
    from_counts.cases.clear();
    for (const char* partner : {"partner_a", "partner_b"}) {
        auto overlay =
            shared_parts<OverlayOptions>(grid_config(scratch.file(std::string(partner) + "_overlay")));
        overlay.cases = {{"", {scratch.file(std::string(partner) + ".csv"), ""}}};
        overlay.suppress_below = 0;
        overlay.share_dir = scratch.file(std::string(partner) + "_share");
        locality::pipeline::run_overlay(overlay);
        from_counts.counts_packages.push_back(overlay.share_dir);
    }
    locality::pipeline::run_propose(from_counts);
    for (const char* file : {"assignment.csv", "localities.geojson"}) {
        INFO(file);
        CHECK(locality::test::read_text(from_points.output_dir + "/" + file) ==
              locality::test::read_text(from_counts.output_dir + "/" + file));
    }
    const json summary = read_json(from_counts.output_dir + "/summary.json");
    CHECK(summary.at("data_sharing").at("withheld").at("counts") == 0);
    CHECK(summary.at("data_sharing").at("sensitivity").at("low").at("areas_changed") == 0);
}

TEST_CASE("Packages of one agency are summed across periods and refused twice for one period",
          "[pipeline][share]") {
    const TempDir scratch("locality_share_periods");
    const std::string june = share_grid(scratch, "june", 0, "2018-06");
    const std::string may = share_grid(scratch, "may", 0, "2022-05");
    ProposeOptions config = grid_config(scratch.file("out"));
    config.cases.clear();
    config.counts_packages = {june, may + "/police/manifest.json"};
    config.k = 2;
    const auto result = locality::pipeline::run_propose(config);
    const json summary = read_json(config.output_dir + "/summary.json");
    for (const json& a : summary.at("cases").at("agencies")) {
        if (a.at("agency") == "police") {
            CHECK(a.at("assigned") == 6);  // 3 + 3
            CHECK(a.at("outside") == 2);
        }
    }
    bool said = false;
    for (const std::string& warning : result.warnings) {
        said = said ||
               warning.find("come in packages of several periods, summed: 'police' (2018-06, 2022-05)") !=
                   std::string::npos;
    }
    CHECK(said);

    config.counts_packages = {june, june + "/police"};
    config.output_dir = scratch.file("out_twice");
    CHECK_THROWS_WITH(
        locality::pipeline::run_propose(config),
        Catch::Contains("are both agency 'police' for period '2018-06': give each period of an agency "
                        "once"));
    // The same agency as points and as counts would count its cases twice.
    config.counts_packages = {june + "/police"};
    config.cases.push_back({"", {locality::test::data_path("fixtures/points3x3.csv"), ""}});
    CHECK_THROWS_WITH(locality::pipeline::run_propose(config),
                      Catch::Contains("agency 'police' comes both from --cases and from counts package"));
}

TEST_CASE("A package with an unknown area id or a count it should withhold is refused", "[pipeline][share]") {
    const TempDir scratch("locality_share_tampered");
    const std::string dir = share_grid(scratch, "share", 0);
    ProposeOptions config = grid_config(scratch.file("out"));
    config.cases.clear();
    config.k = 2;
    const std::string counts = dir + "/police/counts.csv";
    std::string text = locality::test::read_text(counts);
    const std::string original = text;
    text.replace(text.find("c22"), 3, "c99");
    std::ofstream(counts, std::ios::binary) << text;
    config.counts_packages = {dir + "/police"};
    CHECK_THROWS_WITH(locality::pipeline::run_propose(config),
                      Catch::Contains("area id 'c99' is not in --areas"));
    // Published at threshold 0, a count of 1 contradicts a manifest that says 5.
    std::ofstream(counts, std::ios::binary) << original;
    json manifest = read_json(dir + "/police/manifest.json");
    manifest["suppress_below"] = 5;
    std::ofstream(dir + "/police/manifest.json", std::ios::binary) << manifest.dump(2);
    CHECK_THROWS_WITH(
        locality::pipeline::run_propose(config),
        Catch::Contains("a count of 1 is published though the manifest withholds counts below 5"));
}

namespace {

/** The layer `layer` of `source` copied to a GeoJSON file in its own CRS, at full precision (GDAL). */
void write_geojson_copy(const std::string& source, const std::string& layer, const std::string& destination) {
    GDALDatasetUniquePtr src(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(src);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GeoJSON");
    GDALDatasetUniquePtr dst(driver->Create(destination.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    REQUIRE(dst);
    REQUIRE(dst->CopyLayer(src->GetLayerByName(layer.c_str()), layer.c_str()) != nullptr);
}

}  // namespace

TEST_CASE(
    "Packages of the demo's Manhattan tracts hold no case id or coordinate, and GeoJSON and GeoPackage "
    "copies of the tracts are one layer",
    "[pipeline][share]") {
    const TempDir scratch("locality_share_manhattan");
    const std::string gpkg = locality::test::write_manhattan_tracts(scratch.file("manhattan.gpkg"));
    const std::string geojson = scratch.file("manhattan.geojson");
    write_geojson_copy(gpkg, "tract", geojson);
    std::vector<std::string> hashes;
    std::vector<std::string> texts;
    for (const locality::io::SourceSpec& areas :
         {locality::io::SourceSpec{gpkg, "tract"}, locality::io::SourceSpec{geojson, ""}}) {
        OverlayOptions config;
        config.areas = areas;
        config.area_id_field = "geoid";
        for (const char* file : {"demo/nyc311_2018-06.csv", "demo/nyc311_2022-05-01.csv"}) {
            config.cases.push_back({"", {locality::test::data_path(file), ""}});
        }
        config.agency_field = "Agency";
        config.output_dir = scratch.file("overlay_" + std::to_string(hashes.size()));
        config.share_dir = scratch.file("share_" + std::to_string(hashes.size()));
        locality::pipeline::run_overlay(config);
        hashes.push_back(read_json(config.share_dir + "/nypd/manifest.json").at("areas").at("hash"));
        for (const auto& entry : std::filesystem::recursive_directory_iterator(config.share_dir)) {
            if (entry.is_regular_file()) {
                texts.push_back(locality::test::read_text(entry.path().string()));
            }
        }
    }
    CHECK(hashes[0] == hashes[1]);
    CHECK(texts.size() == 2 * 2 * 17);  // two runs, 17 agencies, two files each

    std::string all_text;
    std::set<std::string> tokens;
    for (const std::string& text : texts) {
        all_text += text + "\n";
        for (std::string& token : locality::test::numeric_tokens(text)) {
            tokens.insert(std::move(token));
        }
    }
    std::size_t keys = 0;
    std::size_t coordinates = 0;
    for (const char* file : {"demo/nyc311_2018-06.csv", "demo/nyc311_2022-05-01.csv"}) {
        const auto rows = locality::test::read_csv_file(locality::test::data_path(file));
        const auto& header = rows.at(0);
        const auto column = [&header](const std::string& name) {
            return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
        };
        const std::size_t key = column("Unique Key");
        const std::size_t lat = column("Latitude");
        const std::size_t lon = column("Longitude");
        REQUIRE(lon < header.size());
        for (std::size_t r = 1; r < rows.size(); ++r) {
            INFO(file << " row " << r << ": case " << rows[r][key]);
            CHECK(tokens.count(rows[r][key]) == 0);
            ++keys;
            for (const std::size_t c : {lat, lon}) {
                if (rows[r][c].size() >= 6) {
                    // Any prefix with 3 decimals or more: the packages hold no coordinate at any precision.
                    const std::string prefix = rows[r][c].substr(0, rows[r][c].find('.') + 4);
                    CHECK(all_text.find(prefix) == std::string::npos);
                    ++coordinates;
                }
            }
        }
    }
    CHECK(keys == 1924);
    CHECK(coordinates > 3000);
}

TEST_CASE(
    "On the demo's Manhattan tracts, two partners' packages at threshold 0 give the proposal from the points",
    "[pipeline][share]") {
    const TempDir scratch("locality_share_manhattan_equivalence");
    const std::string gpkg = locality::test::write_manhattan_tracts(scratch.file("manhattan.gpkg"));
    const std::vector<std::string> files{locality::test::data_path("demo/nyc311_2018-06.csv"),
                                         locality::test::data_path("demo/nyc311_2022-05-01.csv")};
    ProposeOptions from_points;
    from_points.areas = {gpkg, "tract"};
    from_points.area_id_field = "geoid";
    from_points.population_field = "population";
    from_points.agency_field = "Agency";
    from_points.k = 6;
    from_points.seed = 3;
    from_points.formats = {locality::pipeline::OutputFormat::geojson};
    from_points.command_line = {"(test)"};
    ProposeOptions from_counts = from_points;
    for (std::size_t p = 0; p < files.size(); ++p) {
        from_points.cases.push_back({"", {files[p], ""}});
        auto overlay = shared_parts<OverlayOptions>(from_points);
        overlay.cases = {{"", {files[p], ""}}};
        overlay.suppress_below = 0;
        overlay.output_dir = scratch.file("overlay_" + std::to_string(p));
        overlay.share_dir = scratch.file("share_" + std::to_string(p));
        overlay.period = p == 0 ? "2018-06" : "2022-05-01";  // one agency's two periods are summed
        locality::pipeline::run_overlay(overlay);
        from_counts.counts_packages.push_back(overlay.share_dir);
    }
    from_points.output_dir = scratch.file("points");
    from_counts.output_dir = scratch.file("counts");
    locality::pipeline::run_propose(from_points);
    locality::pipeline::run_propose(from_counts);
    for (const char* file : {"assignment.csv", "localities.geojson"}) {
        INFO(file);
        CHECK(locality::test::read_text(from_points.output_dir + "/" + file) ==
              locality::test::read_text(from_counts.output_dir + "/" + file));
    }
    // The published counts are the same too, under the same disclosure control (default threshold 5).
    const json points = read_json(from_points.output_dir + "/summary.json");
    const json counts = read_json(from_counts.output_dir + "/summary.json");
    CHECK(points.at("localities").at("localities") == counts.at("localities").at("localities"));
    CHECK(counts.at("data_sharing").at("packages").size() == 16 + 8);  // the agencies of each file
}
