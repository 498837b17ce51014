// SPDX-License-Identifier: MIT
// The honest skip (tests/support/skip.hpp) ends its process with ctest's skip code when a file is
// missing and returns when it is there: checked in a child process, so this test itself runs on.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "skip.hpp"
#include "test_config.hpp"

namespace {

/** The exit code of a child process that calls skip_unless_present(path) then exits with 0. */
int child_exit_code(const std::string& path) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        locality::test::skip_unless_present(path);
        std::_Exit(0);
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    return WEXITSTATUS(status);
}

}  // namespace

TEST_CASE("A missing file skips with exit code 77; a present one lets the test run", "[support]") {
    CHECK(child_exit_code(locality::test::data_path("no-such-file.gpkg")) == 77);
    CHECK(child_exit_code(locality::test::data_path("fixtures/grid3x3.geojson")) == 0);
}
