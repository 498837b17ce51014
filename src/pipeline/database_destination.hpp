// SPDX-License-Identifier: MIT
// Internal to the pipeline: `--output PG:...`, the outputs of a run as tables of a PostGIS database.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "locality/output/database_output.hpp"
#include "pipeline/stage_options.hpp"

namespace locality::pipeline {

/**
 * The database that receives the outputs when --output is a `PG:` connection (tables named
 * --table-prefix + table), checked before any work is done; null when --output is a folder.
 * Throws UsageError for --table-prefix with a folder, and for --overlay-in-database without PostGIS areas.
 */
std::unique_ptr<output::DatabaseOutput> open_database_destination(const StageOptions& config,
                                                                  std::vector<output::TableFile> tables);

/** Where the run writes its files: the staging folder of `database` when there is one, else --output. */
std::string output_folder(const StageOptions& config, const output::DatabaseOutput* database);

/**
 * After finish_run(): names the tables (and the connection, password hidden) as the outputs in the
 * summary, loads the staged files into the tables in one transaction, and reports the tables.
 */
void publish_to_database(output::DatabaseOutput& database, PipelineResult& result);

}  // namespace locality::pipeline
