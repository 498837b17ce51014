// SPDX-License-Identifier: MIT
// What a run does to the file system, observed from outside on the built binary: outputs replaced
// whole or not at all even when the process is killed, inputs untouched, the same bytes whatever the
// thread count.
#include <signal.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "fixtures.hpp"
#include "run_binary.hpp"
#include "temp_dir.hpp"
#include "test_config.hpp"
#include "text_files.hpp"

namespace fs = std::filesystem;
using locality::test::read_text;
using locality::test::run_locality;

namespace {

const std::vector<std::string> k_outputs{"localities.geojson", "localities.qml", "assignment.csv",
                                         "summary.json"};

std::vector<std::string> grid_args(const std::string& out, int k, const std::string& areas,
                                   const std::string& cases) {
    return {
        "propose", "--areas",         areas,         "--area-id",   "cell_id", "--population",    "pop",
        "--cases", "police=" + cases, "--cases-crs", "EPSG:32618",  "--k",     std::to_string(k), "--seed",
        "1",       "--output",        out,           "--overwrite", "--quiet"};
}

std::vector<std::string> demo_args(const std::string& out, int threads) {
    std::vector<std::string> args;
    std::ifstream in(locality::test::data_path("demo/propose.args"));
    for (std::string line; std::getline(in, line);) {
        // The demo's arguments name files relative to the project folder.
        if (line.rfind("data/", 0) == 0 || line.find("=data/") != std::string::npos) {
            const auto at = line.find("data/");
            line = line.substr(0, at) + locality::test::data_path(line.substr(at + 5));
        }
        args.push_back(line);
    }
    for (const std::string extra : {"--output", out.c_str(), "--overwrite", "--quiet", "--threads"}) {
        args.push_back(extra);
    }
    args.push_back(std::to_string(threads));
    return args;
}

/**
 * Every file of `dir` by name, with its bytes; summary.json without the lines that name the run.
 * GeoPackages are left out: SQLite files carry timestamps (their content is compared by features).
 */
/**
 * A GeoPackage's content as text, read through GDAL: every layer's features with their fields and
 * geometries. The file's bytes carry SQLite and GeoPackage timestamps; its content must not change.
 * The `update_time` of the style rows is the write time, and is left out.
 */
std::string geopackage_content(const std::string& path) {
    const GDALDatasetUniquePtr dataset = locality::test::open_vector(path);
    std::string out;
    for (OGRLayer* layer : dataset->GetLayers()) {
        out += std::string("layer ") + layer->GetName() + "\n";
        for (const auto& feature : *layer) {
            out += "feature " + std::to_string(feature->GetFID());
            for (int f = 0; f < feature->GetFieldCount(); ++f) {
                const std::string name = feature->GetFieldDefnRef(f)->GetNameRef();
                if (name != "update_time") {
                    out += " " + name + "=" +
                           (feature->IsFieldSetAndNotNull(f) ? feature->GetFieldAsString(f) : "null");
                }
            }
            if (const OGRGeometry* geometry = feature->GetGeometryRef()) {
                out += " " + geometry->exportToWkt();
            }
            out += "\n";
        }
    }
    return out;
}

std::map<std::string, std::string> snapshot(const std::string& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() == ".gpkg") {
            // Only a complete GeoPackage ever has the final name (a killed run's is a staging file).
            files[entry.path().filename().string()] = geopackage_content(entry.path().string());
            continue;
        }
        std::string text = read_text(entry.path().string());
        if (entry.path().filename() == "summary.json" && !text.empty()) {
            // Parsed (a killed run never leaves a partial summary.json under its final name).
            auto summary = nlohmann::ordered_json::parse(text);
            summary.erase("created");
            summary.erase("command_line");
            text = summary.dump(2);
        }
        if (entry.path().filename() == "report.html") {
            // The report repeats the command line, which differs between the runs compared (--threads),
            // and the summary's timestamp.
            const std::size_t start = text.find("<pre>locality ");
            if (start != std::string::npos) {
                text.erase(start, text.find("</pre>", start) - start);
            }
            text = std::regex_replace(text, std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z"), "(created)");
        }
        files[entry.path().filename().string()] = text;
    }
    return files;
}

/**
 * Kills `kills` runs with SIGKILL at moments spread over a run's duration (measured first), each into
 * a folder holding a previous complete output (--overwrite); checks every file is the previous one or
 * the complete new one, and that the next run leaves exactly the previous outputs (stale staging
 * files removed).
 */
void check_killed_runs(int kills) {
    locality::test::TempDir dir("locality_kill");
    const std::string areas = locality::test::data_path("fixtures/grid3x3.geojson");
    const std::string cases = locality::test::data_path("fixtures/points3x3.csv");
    const std::string out = dir.file("out");
    // The new outputs (k = 3) and the previous ones (k = 2), both written into `out` itself so that
    // nothing in them differs by folder.
    REQUIRE(run_locality(grid_args(out, 3, areas, cases)) == 0);
    const auto fresh = snapshot(out);
    const auto started = std::chrono::steady_clock::now();
    REQUIRE(run_locality(grid_args(out, 2, areas, cases)) == 0);
    const auto duration = std::chrono::steady_clock::now() - started;
    const auto previous = snapshot(out);
    for (const std::string& name : k_outputs) {
        REQUIRE(fresh.count(name) == 1);
    }
    REQUIRE(fresh != previous);

    std::mt19937 random(5);
    int killed = 0;
    int replaced = 0;
    for (int run = 0; run < kills; ++run) {
        // Delays spread over the whole run (a quarter beyond it too, when it may already be done).
        const auto delay =
            std::chrono::duration_cast<std::chrono::microseconds>(duration * (run + 0.5) * 1.25 / kills);
        const pid_t pid = locality::test::spawn_locality(grid_args(out, 3, areas, cases));
        REQUIRE(pid > 0);
        std::this_thread::sleep_for(delay + std::chrono::microseconds(random() % 2000));
        ::kill(pid, SIGKILL);
        killed += locality::test::wait_locality(pid) == 128 + SIGKILL ? 1 : 0;
        for (const auto& [name, bytes] : snapshot(out)) {
            INFO("run " << run << ", " << name);
            if (name.front() == '.') {
                REQUIRE(std::regex_match(name,
                                         std::regex("\\.[a-z.]+\\.[0-9a-f]{16}\\.tmp(-journal|-wal|-shm)?")));
                continue;  // a staging file of the killed run, never a final name
            }
            REQUIRE(fresh.count(name) == 1);
            REQUIRE((bytes == fresh.at(name) || bytes == previous.at(name)));
            replaced += bytes == fresh.at(name) ? 1 : 0;
        }
        // Back to the previous outputs for the next kill.
        REQUIRE(run_locality(grid_args(out, 2, areas, cases)) == 0);
        REQUIRE(snapshot(out) == previous);  // ... and the staging files the killed run left are gone
    }
    INFO("killed " << killed << " of " << kills << " runs; " << replaced << " files were already replaced");
    REQUIRE(killed > 0);
}

}  // namespace

TEST_CASE("A run killed at any moment leaves each output either as it was or complete (8 kills)",
          "[cli][integrity]") {
    check_killed_runs(8);
}

TEST_CASE("A run killed at any moment leaves each output either as it was or complete (30 kills)",
          "[cli][integrity][.slow]") {
    check_killed_runs(30);
}

TEST_CASE("Read-only inputs are read and left untouched", "[cli][integrity]") {
    locality::test::TempDir dir("locality_readonly");
    const std::string areas = dir.file("areas.geojson");
    const std::string cases = dir.file("cases.csv");
    fs::copy_file(locality::test::data_path("fixtures/grid3x3.geojson"), areas);
    fs::copy_file(locality::test::data_path("fixtures/points3x3.csv"), cases);
    std::map<std::string, std::pair<std::string, fs::file_time_type>> before;
    for (const std::string& path : {areas, cases}) {
        fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
        before[path] = {read_text(path), fs::last_write_time(path)};
    }
    REQUIRE(run_locality(grid_args(dir.file("out"), 2, areas, cases)) == 0);
    for (const auto& [path, state] : before) {
        REQUIRE(read_text(path) == state.first);
        REQUIRE(fs::last_write_time(path) == state.second);
        REQUIRE((fs::status(path).permissions() & fs::perms::owner_write) == fs::perms::none);
    }
    // Nothing else appeared beside the inputs (no .aux.xml, no index, no lock file).
    REQUIRE(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 3);
}

TEST_CASE("The grid gives the same bytes with one thread and with two", "[cli][integrity]") {
    locality::test::TempDir dir("locality_threads");
    const std::string areas = locality::test::data_path("fixtures/grid3x3.geojson");
    const std::string cases = locality::test::data_path("fixtures/points3x3.csv");
    std::vector<std::map<std::string, std::string>> runs;
    for (const int threads : {1, 2}) {
        auto args = grid_args(dir.file("out"), 3, areas, cases);
        args.insert(args.end(), {"--threads", std::to_string(threads)});
        REQUIRE(run_locality(args) == 0);
        runs.push_back(snapshot(dir.file("out")));
    }
    for (const std::string& name : k_outputs) {
        REQUIRE(runs[0].count(name) == 1);
    }
    REQUIRE(runs[0] == runs[1]);
}

TEST_CASE("The demo gives the same bytes with one thread and with two", "[cli][integrity][.slow]") {
    locality::test::TempDir dir("locality_threads_demo");
    std::vector<std::map<std::string, std::string>> runs;
    for (const int threads : {1, 2}) {
        REQUIRE(run_locality(demo_args(dir.file("out"), threads)) == 0);
        runs.push_back(snapshot(dir.file("out")));
    }
    for (const std::string& name : k_outputs) {
        REQUIRE(runs[0].count(name) == 1);
    }
    for (const auto& [name, bytes] : runs[0]) {
        INFO(name);
        REQUIRE(bytes == runs[1].at(name));
    }
}
