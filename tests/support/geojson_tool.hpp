// SPDX-License-Identifier: MIT
// Runs the RFC 7946 checker shipped beside the project (../shared/tools/geojson-check) from a test.
#pragma once

#include <sys/stat.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "temp_dir.hpp"
#include "test_config.hpp"
#include "text_files.hpp"

namespace locality::test {

/**
 * CHECKs that geojson-check accepts `path`; its report goes to a log in `scratch`. Skipped with a WARN
 * when the tool or /usr/bin/python3 is missing, or the tool cannot install what it needs (exit 2).
 */
inline void check_with_geojson_tool(const std::string& path, const TempDir& scratch) {
    const std::string tool = shared_data_path("../tools/geojson-check");
    struct stat info {};
    if (::stat(tool.c_str(), &info) != 0 || ::stat("/usr/bin/python3", &info) != 0) {
        WARN("geojson-check or /usr/bin/python3 not found: RFC 7946 check skipped");
        return;
    }
    const std::string log = scratch.file("geojson-check.log");
    const int status = std::system(("'" + tool + "' '" + path + "' > '" + log + "' 2>&1").c_str());
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 2) {
        WARN("geojson-check could not run (install error): RFC 7946 check skipped");
        return;
    }
    INFO(read_text(log));
    CHECK(code == 0);
}

}  // namespace locality::test
