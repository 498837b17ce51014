// SPDX-License-Identifier: MIT
// `--config scenario.toml`: a run's options kept in a file, read by CLI11's own TOML reader.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli_run.hpp"

namespace locality::cli {

/**
 * Adds `--config FILE` to `app` (given before or after the command): a TOML file whose keys are the
 * command's long options without dashes (`k = 8`, `min-population = 150000`, `cases = ["a.csv",
 * "b.csv"]`). Options given on the command line win over the file. Relative paths of the file's
 * sources (areas, cases, service-areas) and of output resolve against the file's folder. A key that
 * is not an option of the command is a usage error naming the key and the file. Call before the
 * subcommands are registered; records the file's path in `run.config.config_file`.
 */
void add_config_option(CLI::App& app, CliRun& run);

/**
 * The value of option `key` read from a config file in `folder`, with its relative data-source
 * paths made relative to `folder`: `[NAME=]PATH[|layername=L]` for areas, cases and service-areas,
 * a plain path for output; values of other keys, absolute paths and connection strings (anything
 * with ':') are returned unchanged.
 */
std::string resolve_config_value(const std::string& key, const std::string& value, const std::string& folder);

}  // namespace locality::cli
