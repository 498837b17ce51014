// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "locality/io/file_info.hpp"
#include "temp_dir.hpp"

using namespace locality::io;

TEST_CASE("A regular file is described by its size and SHA-256", "[io]") {
    locality::test::TempFile file(".txt", "abc");
    const FileInfo info = describe_source(parse_source(file.path()));
    REQUIRE(info.is_file);
    REQUIRE(info.size_bytes == 3);
    // FIPS 180-2 test vector for "abc".
    REQUIRE(info.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("Connection strings are not files", "[io]") {
    const FileInfo info = describe_source(parse_source("PG:dbname=gis"));
    REQUIRE_FALSE(info.is_file);
    REQUIRE(info.sha256.empty());
    REQUIRE(info.path == "PG:dbname=gis");
}
