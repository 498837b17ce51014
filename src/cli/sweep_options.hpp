// SPDX-License-Identifier: MIT
// Scenario sweeps on the command line: `--k 6..14`, `--k 6,8,10`, `--min-population 50000,100000`,
// `--frontier shape`.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <utility>
#include <vector>

#include "cli_run.hpp"

namespace locality::cli {

/** `N`, `A..B` (every integer from A to B) or `A,B,...`; each in [1, 1000000]. Throws UsageError naming --k.
 */
std::vector<int> parse_k_values(const std::string& text);

/** `N` or `A,B,...`; each >= 0. Throws UsageError naming --min-population. */
std::vector<double> parse_floor_values(const std::string& text);

/** CLI11 check of --k's text, so a bad value is reported like any other option's. */
CLI::Validator k_values_check();
/** CLI11 check of --min-population's text. */
CLI::Validator floor_values_check();

/**
 * `shape`, `AGENCY`, `shape=W,W,...` or `AGENCY=W,W,...`: what --frontier sweeps and its weights (empty =
 * the default grid). Throws UsageError naming --frontier on an empty name or a weight that is not a number.
 */
std::pair<std::string, std::vector<double>> parse_frontier(const std::string& text);

/**
 * Sets `run.config.k` / `min_population` from a single value, or the sweep lists from several.
 * A sweep is refused (UsageError) for commands other than propose.
 */
void finish_sweep_options(CliRun& run);

}  // namespace locality::cli
