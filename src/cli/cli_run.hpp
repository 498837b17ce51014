// SPDX-License-Identifier: MIT
// The command line, parsed: what to run and how to talk to the user.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "command.hpp"
#include "locality/pipeline/pipeline.hpp"

namespace locality::cli {

/** Every command's options parts, filled as the command line is parsed; main passes on the verb's. */
struct AllOptions : pipeline::InputOptions,
                    pipeline::CountsOptions,
                    pipeline::ShareOptions,
                    pipeline::ClusterOptions,
                    pipeline::SweepOptions,
                    pipeline::OutputOptions,
                    pipeline::PublicationOptions,
                    pipeline::PlanFieldOptions,
                    pipeline::GivenLocalityOptions,
                    pipeline::PlanOptions {};

/** Everything the command line decides. */
struct CliRun {
    std::string verb;                                // the subcommand given (a name of the command table)
    const Command* command = nullptr;                // and its command, which runs it
    std::vector<std::unique_ptr<Command>> commands;  // every command of the table, for the parser
    AllOptions config;
    bool json = false;   ///< print summary.json to stdout
    bool quiet = false;  ///< errors only on stderr
    int verbose = 0;     ///< -v count
    int threads = 0;     ///< 0 = all cores
    bool progress_flag = false;
    bool no_progress_flag = false;
    std::string stage;  ///< the last stage the library reported (names it in an out-of-memory error)

    // Raw option text, turned into SourceSpecs after parsing.
    std::string areas_text;
    std::vector<std::string> cases_text;
    std::string agency_spellings_text;  ///< --agency-spellings refuse|merge
    std::vector<std::string> service_areas_text;
    std::vector<std::string> service_area_id_text;
    std::vector<std::string> min_text;             ///< --min FIELD=VALUE, repeatable
    std::vector<std::string> max_text;             ///< --max FIELD=VALUE, repeatable
    std::string within_text;                       ///< --within SOURCE
    std::string fixed_text;                        ///< --fixed SOURCE
    std::string fixed_localities_text;             ///< --fixed-localities SOURCE
    std::string start_from_text;                   ///< --start-from SOURCE
    std::string start_from_localities_text;        ///< --start-from-localities SOURCE
    std::string islands_text;                      ///< --islands bridge|own|error
    std::string smooth_text;                       ///< --smooth none|eb
    std::string k_text;                            ///< --k N, A..B or A,B,...
    std::string min_population_text;               ///< --min-population N or A,B,...
    std::string frontier_text;                     ///< --frontier shape|AGENCY[=W,...] (propose)
    std::vector<std::string> service_agency_text;  ///< --service-agency LAYER=AGENCY, repeatable
    std::vector<std::string> keep_close_to_text;   ///< --keep-close-to AGENCY[=WEIGHT], repeatable (propose)
    std::string assignment_text;                   ///< --assignment SOURCE (evaluate)
    std::string localities_text;                   ///< --localities SOURCE (evaluate)
    std::vector<std::string> plans_text;           ///< PLAN... ([NAME=]SOURCE each; compare)
    /** --shape-weight W; below 0 = not given: the verb's default (propose and regionalize differ). */
    double shape_weight_given = -1.0;
};

/** Builds the application with a subcommand per row of the command table; options are bound into `run`. */
std::unique_ptr<CLI::App> make_app(CliRun& run);

/**
 * Turns the raw option text of `run` into the pipeline configuration (sources, tags). Called after a
 * successful parse; throws UsageError on malformed sources. Touches no file.
 */
void finish_parse(CliRun& run);

/** --service-agency LAYER=AGENCY (each partner's cost). */
void add_service_agency_option(CLI::App& command, CliRun& run);
/** --min, --max, --min-population: the bounds on each locality's sums. */
void add_bound_options(CLI::App& command, CliRun& run, bool with_cases, bool with_sweeps);
/** --areas, --area-id, --population, --areas-crs. */
void add_area_options(CLI::App& command, CliRun& run);
/** --tolerance. */
void add_tolerance_option(CLI::App& command, CliRun& run);
/**
 * The clustering options of propose and regionalize: --k, --min, --max, --min-population, --balance,
 * --balance-field, --within, --within-id, --islands, --method, --starts, --seed, --compactness, and
 * with `need_profile` --smooth (propose's attributes default to the need profile).
 */
void add_cluster_options(CLI::App& command, CliRun& run, bool need_profile);
/** Turns the raw text of the clustering options into the configuration (UsageError when malformed). */
void finish_cluster_parse(CliRun& run);
/** Options common to every command that reads areas and cases. */
void add_input_options(CLI::App& command, CliRun& run);
/** --output, --overwrite, --json, --quiet, -v, --progress, --threads. */
void add_run_options(CLI::App& command, CliRun& run);
/** --suppress-below (disclosure control of every published count). */
void add_disclosure_option(CLI::App& command, CliRun& run);
/** --format, --suppress-below, --area-counts. */
void add_publication_options(CLI::App& command, CliRun& run);
/** --format: the formats of the locality layers (propose, regionalize). */
void add_format_option(CLI::App& command, CliRun& run);

}  // namespace locality::cli
