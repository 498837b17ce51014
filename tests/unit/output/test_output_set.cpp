// SPDX-License-Identifier: MIT
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>

#include "locality/core/error.hpp"
#include "locality/output/output_set.hpp"
#include "temp_dir.hpp"
#include "text_files.hpp"

namespace fs = std::filesystem;
using locality::output::OutputSet;
using locality::output::write_text_file;
using namespace locality::test;

namespace {

std::set<std::string> listing(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) {
        names.insert(entry.path().filename().string());
    }
    return names;
}

}  // namespace

TEST_CASE("OutputSet refuses an existing file without --overwrite and creates nothing", "[output]") {
    const TempDir tmp("locality_output_refuse");
    write_text_file(tmp.file("localities.geojson"), "old");
    const std::string dir = tmp.path();
    try {
        OutputSet set(dir, {"localities.csv", "localities.geojson"}, false);
        FAIL("no exception");
    } catch (const locality::IoError& e) {
        const std::string msg = e.what();
        CHECK(msg == "'" + tmp.file("localities.geojson") +
                         "' exists; use --overwrite or choose another --output folder");
    }
    CHECK(listing(tmp.path()) == std::set<std::string>{"localities.geojson"});
    CHECK(read_text(tmp.file("localities.geojson")) == "old");
}

TEST_CASE("OutputSet refuses an output path that is a file and does not create a missing folder early",
          "[output]") {
    const TempDir tmp("locality_output_notdir");
    write_text_file(tmp.file("plain"), "x");
    CHECK_THROWS_AS(OutputSet(tmp.file("plain"), {"a.csv"}, true), locality::IoError);
    CHECK(read_text(tmp.file("plain")) == "x");
    // A folder that does not exist yet is created, nested.
    const fs::path nested = fs::path(tmp.path()) / "a" / "b";
    const OutputSet set(nested.string(), {"a.csv"}, false);
    CHECK(fs::is_directory(nested));
    CHECK(listing(nested).empty());
}

TEST_CASE("OutputSet stages files invisibly until commit, then replaces them with --overwrite", "[output]") {
    const TempDir tmp("locality_output_stage");
    write_text_file(tmp.file("localities.geojson"), "old");
    write_text_file(tmp.file("unrelated.txt"), "keep me");
    {
        OutputSet set(tmp.path(), {"localities.geojson", "summary.json"}, true);
        const fs::path staged = set.staging_path("localities.geojson");
        CHECK(staged.parent_path() == fs::path(tmp.path()));
        CHECK(staged.filename().string().rfind(".localities.geojson.", 0) == 0);
        CHECK(staged.extension() == ".tmp");
        CHECK(set.final_path("summary.json") == tmp.file("summary.json"));
        CHECK(set.staging_path("summary.json") != set.final_path("summary.json"));
        CHECK_THROWS_AS(set.staging_path("other.txt"), locality::IoError);

        write_text_file(set.staging_path("localities.geojson"), "new");
        write_text_file(set.staging_path("summary.json"), "{}");
        // Nothing visible under the final names yet.
        CHECK(read_text(tmp.file("localities.geojson")) == "old");
        CHECK_FALSE(fs::exists(tmp.file("summary.json")));
        set.commit();
        CHECK_FALSE(fs::exists(staged));
    }
    CHECK(read_text(tmp.file("localities.geojson")) == "new");
    CHECK(read_text(tmp.file("summary.json")) == "{}");
    CHECK(read_text(tmp.file("unrelated.txt")) == "keep me");
    CHECK(listing(tmp.path()) ==
          std::set<std::string>{"localities.geojson", "summary.json", "unrelated.txt"});
}

TEST_CASE("OutputSet removes its temporaries after an exception and leaves other files alone", "[output]") {
    const TempDir tmp("locality_output_cleanup");
    write_text_file(tmp.file("unrelated.txt"), "keep me");
    write_text_file(tmp.file(".hidden-but-not-ours.tmp"), "keep me too");
    std::string staged;
    try {
        OutputSet set(tmp.path(), {"localities.geojson", "localities.csv"}, false);
        staged = set.staging_path("localities.geojson");
        write_text_file(staged, "partial");
        REQUIRE(fs::exists(staged));
        throw std::runtime_error("simulated failure half-way");
    } catch (const std::runtime_error&) {
    }
    CHECK_FALSE(fs::exists(staged));
    CHECK(listing(tmp.path()) == std::set<std::string>{".hidden-but-not-ours.tmp", "unrelated.txt"});
}

TEST_CASE("OutputSet commit refuses when a declared file was not written and moves nothing", "[output]") {
    const TempDir tmp("locality_output_missing");
    OutputSet set(tmp.path(), {"a.csv", "b.csv"}, false);
    write_text_file(set.staging_path("a.csv"), "a");
    CHECK_THROWS_AS(set.commit(), locality::IoError);
    CHECK_FALSE(fs::exists(tmp.file("a.csv")));
    CHECK(fs::exists(set.staging_path("a.csv")));
}

TEST_CASE("write_text_file writes exact bytes and names the path when it fails", "[output]") {
    const TempDir tmp("locality_output_text");
    const std::string bytes("line 1\r\nline 2\n\0tail\xff", 20);
    const std::string p = tmp.file("bytes.bin");
    write_text_file(p, bytes);
    CHECK(read_text(p) == bytes);
    write_text_file(p, "short");
    CHECK(read_text(p) == "short");
    const std::string bad = (fs::path(tmp.path()) / "no-such-folder" / "x.txt").string();
    CHECK_THROWS_WITH(write_text_file(bad, "x"), Catch::Contains(bad));
}
