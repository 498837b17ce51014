// SPDX-License-Identifier: MIT
#pragma once
// Honest skips: a test case that needs data or tools beside the project (../shared) reports
// itself as skipped to ctest instead of passing without asserting anything.

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

namespace locality::test {

/** The exit code ctest reads as "skipped" (SKIP_RETURN_CODE in tests/CMakeLists.txt). */
constexpr int k_skip_exit_code = 77;

/**
 * Ends the process with exit code 77 when `path` is absent, after saying which file is missing.
 * Only for test cases tagged [shared]: ctest runs each of them in a process of its own
 * (tests/CMakeLists.txt), so no other test case is cut short. Call it before creating anything.
 */
inline void skip_unless_present(const std::string& path) {
    if (std::filesystem::exists(path)) return;
    std::cout << "SKIPPED: " << path << " is not present (the shared data beside the project)" << std::endl;
    std::exit(k_skip_exit_code);
}

}  // namespace locality::test
