// SPDX-License-Identifier: MIT
#pragma once
// Parses a command line the way main() does, without running anything.

#include <algorithm>
#include <string>
#include <vector>

#include "cli_run.hpp"

namespace locality::test {

/** A command line: `base` (the verb and the options every case needs), then `extra`. */
inline std::vector<std::string> with_args(std::vector<std::string> base,
                                          const std::vector<std::string>& extra) {
    base.insert(base.end(), extra.begin(), extra.end());
    return base;
}

/** Parses `args` (after the program name) into `run`, then finishes it; CLI11 wants them reversed. */
inline void parse_cli(cli::CliRun& run, std::vector<std::string> args) {
    auto app = cli::make_app(run);
    std::reverse(args.begin(), args.end());
    app->parse(args);
    cli::finish_parse(run);
}

}  // namespace locality::test
