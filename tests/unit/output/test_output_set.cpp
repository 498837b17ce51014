// SPDX-License-Identifier: MIT
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string>

#include "locality/core/error.hpp"
#include "locality/output/output_set.hpp"

namespace fs = std::filesystem;
using locality::output::OutputSet;
using locality::output::write_text_file;

namespace {

// A fresh folder under the system temporary folder, removed with everything in it at the end.
// ctest runs each test case in its own process, so the pid keeps parallel cases apart.
struct TempDir {
    explicit TempDir(const std::string& tag)
        : path(fs::temp_directory_path() / ("locality-output-" + tag + "-" + std::to_string(::getpid()))) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    fs::path path;
};

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::set<std::string> listing(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) {
        names.insert(entry.path().filename().string());
    }
    return names;
}

}  // namespace

TEST_CASE("OutputSet refuses an existing file without --overwrite and creates nothing", "[output]") {
    const TempDir tmp("refuse");
    write_text_file((tmp.path / "localities.geojson").string(), "old");
    const std::string dir = tmp.path.string();
    try {
        OutputSet set(dir, {"localities.csv", "localities.geojson"}, false);
        FAIL("no exception");
    } catch (const locality::IoError& e) {
        const std::string msg = e.what();
        CHECK(msg == "'" + (tmp.path / "localities.geojson").string() +
                         "' exists; use --overwrite or choose another --output folder");
    }
    CHECK(listing(tmp.path) == std::set<std::string>{"localities.geojson"});
    CHECK(read_all(tmp.path / "localities.geojson") == "old");
}

TEST_CASE("OutputSet refuses an output path that is a file and does not create a missing folder early",
          "[output]") {
    const TempDir tmp("notdir");
    write_text_file((tmp.path / "plain").string(), "x");
    CHECK_THROWS_AS(OutputSet((tmp.path / "plain").string(), {"a.csv"}, true), locality::IoError);
    CHECK(read_all(tmp.path / "plain") == "x");
    // A folder that does not exist yet is created, nested.
    const fs::path nested = tmp.path / "a" / "b";
    const OutputSet set(nested.string(), {"a.csv"}, false);
    CHECK(fs::is_directory(nested));
    CHECK(listing(nested).empty());
}

TEST_CASE("OutputSet stages files invisibly until commit, then replaces them with --overwrite", "[output]") {
    const TempDir tmp("stage");
    write_text_file((tmp.path / "localities.geojson").string(), "old");
    write_text_file((tmp.path / "unrelated.txt").string(), "keep me");
    {
        OutputSet set(tmp.path.string(), {"localities.geojson", "summary.json"}, true);
        const fs::path staged = set.staging_path("localities.geojson");
        CHECK(staged.parent_path() == tmp.path);
        CHECK(staged.filename().string().rfind(".localities.geojson.", 0) == 0);
        CHECK(staged.extension() == ".tmp");
        CHECK(set.final_path("summary.json") == (tmp.path / "summary.json").string());
        CHECK(set.staging_path("summary.json") != set.final_path("summary.json"));
        CHECK_THROWS_AS(set.staging_path("other.txt"), locality::IoError);

        write_text_file(set.staging_path("localities.geojson"), "new");
        write_text_file(set.staging_path("summary.json"), "{}");
        // Nothing visible under the final names yet.
        CHECK(read_all(tmp.path / "localities.geojson") == "old");
        CHECK_FALSE(fs::exists(tmp.path / "summary.json"));
        set.commit();
        CHECK_FALSE(fs::exists(staged));
    }
    CHECK(read_all(tmp.path / "localities.geojson") == "new");
    CHECK(read_all(tmp.path / "summary.json") == "{}");
    CHECK(read_all(tmp.path / "unrelated.txt") == "keep me");
    CHECK(listing(tmp.path) == std::set<std::string>{"localities.geojson", "summary.json", "unrelated.txt"});
}

TEST_CASE("OutputSet removes its temporaries after an exception and leaves other files alone", "[output]") {
    const TempDir tmp("cleanup");
    write_text_file((tmp.path / "unrelated.txt").string(), "keep me");
    write_text_file((tmp.path / ".hidden-but-not-ours.tmp").string(), "keep me too");
    std::string staged;
    try {
        OutputSet set(tmp.path.string(), {"localities.geojson", "localities.csv"}, false);
        staged = set.staging_path("localities.geojson");
        write_text_file(staged, "partial");
        REQUIRE(fs::exists(staged));
        throw std::runtime_error("simulated failure half-way");
    } catch (const std::runtime_error&) {
    }
    CHECK_FALSE(fs::exists(staged));
    CHECK(listing(tmp.path) == std::set<std::string>{".hidden-but-not-ours.tmp", "unrelated.txt"});
}

TEST_CASE("OutputSet commit refuses when a declared file was not written and moves nothing", "[output]") {
    const TempDir tmp("missing");
    OutputSet set(tmp.path.string(), {"a.csv", "b.csv"}, false);
    write_text_file(set.staging_path("a.csv"), "a");
    CHECK_THROWS_AS(set.commit(), locality::IoError);
    CHECK_FALSE(fs::exists(tmp.path / "a.csv"));
    CHECK(fs::exists(set.staging_path("a.csv")));
}

TEST_CASE("write_text_file writes exact bytes and names the path when it fails", "[output]") {
    const TempDir tmp("text");
    const std::string bytes("line 1\r\nline 2\n\0tail\xff", 20);
    const fs::path p = tmp.path / "bytes.bin";
    write_text_file(p.string(), bytes);
    CHECK(read_all(p) == bytes);
    write_text_file(p.string(), "short");
    CHECK(read_all(p) == "short");
    const std::string bad = (tmp.path / "no-such-folder" / "x.txt").string();
    CHECK_THROWS_WITH(write_text_file(bad, "x"), Catch::Contains(bad));
}
