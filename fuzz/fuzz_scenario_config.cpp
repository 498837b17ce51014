// SPDX-License-Identifier: MIT
// A scenario file (TOML / INI, CLI11's config format) read through the project's own app definition
// (make_app), then turned into a pipeline configuration (finish_parse). Only CLI11 parse errors and
// locality's own errors may come out; anything else (or a crash) is a finding.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "cli_run.hpp"
#include "locality/core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    locality::cli::CliRun run;
    auto app = locality::cli::make_app(run);
    std::istringstream input(std::string(reinterpret_cast<const char*>(data), size));
    try {
        app->parse_from_stream(input);
        locality::cli::finish_parse(run);
    } catch (const CLI::Error&) {
    } catch (const locality::Error&) {
    }
    return 0;
}
