// SPDX-License-Identifier: MIT
// The command line, parsed: what to run and how to talk to the user.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "locality/pipeline/pipeline.hpp"

namespace locality::cli {

/** The subcommands. */
enum class Verb { none, propose, overlay };

/** Everything the command line decides. */
struct CliRun {
    Verb verb = Verb::none;
    pipeline::PipelineConfig config;
    bool json = false;       ///< print summary.json to stdout
    bool quiet = false;      ///< errors only on stderr
    int verbose = 0;         ///< -v count
    int threads = 0;         ///< 0 = all cores
    bool progress_flag = false;
    bool no_progress_flag = false;

    // Raw option text, turned into SourceSpecs after parsing.
    std::string areas_text;
    std::vector<std::string> cases_text;
    std::vector<std::string> service_areas_text;
    std::vector<std::string> service_area_id_text;
};

/** Builds the application with its subcommands; options are bound into `run`. */
std::unique_ptr<CLI::App> make_app(CliRun& run);

/**
 * Turns the raw option text of `run` into the pipeline configuration (sources, tags). Called after a
 * successful parse; throws UsageError on malformed sources. Touches no file.
 */
void finish_parse(CliRun& run);

/** Registers `locality propose`. */
void register_propose(CLI::App& app, CliRun& run);
/** Registers `locality overlay`. */
void register_overlay(CLI::App& app, CliRun& run);
/** Options common to every command that reads areas and cases. */
void add_input_options(CLI::App& command, CliRun& run);
/** --output, --overwrite, --json, --quiet, -v, --progress, --threads. */
void add_run_options(CLI::App& command, CliRun& run);

}  // namespace locality::cli
