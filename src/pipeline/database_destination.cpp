// SPDX-License-Identifier: MIT
#include "database_destination.hpp"

#include <nlohmann/json.hpp>

#include "locality/core/error.hpp"
#include "locality/io/connection.hpp"
#include "summary/summary.hpp"

namespace locality::pipeline {

namespace {

constexpr const char* k_default_prefix = "locality_";

}  // namespace

std::unique_ptr<output::DatabaseOutput> open_database_destination(const StageOptions& config,
                                                                  std::vector<output::TableFile> tables) {
    // Checked here, before any work is done, with the other database options.
    if (config.overlay_in_database && !io::is_postgres_connection(config.areas.path)) {
        throw UsageError("--overlay-in-database needs --areas from PostGIS (PG:...|layername=TABLE)");
    }
    if (!io::is_postgres_connection(config.output_dir)) {
        if (!config.table_prefix.empty()) {
            throw UsageError("--table-prefix needs --output PG:... (a PostgreSQL connection), not a folder");
        }
        return nullptr;
    }
    const std::string prefix = config.table_prefix.empty() ? k_default_prefix : config.table_prefix;
    return std::make_unique<output::DatabaseOutput>(config.output_dir, prefix, std::move(tables),
                                                    config.overwrite);
}

std::string output_folder(const StageOptions& config, const output::DatabaseOutput* database) {
    return database != nullptr ? database->staging_directory() : config.output_dir;
}

void publish_to_database(output::DatabaseOutput& database, PipelineResult& result) {
    nlohmann::ordered_json summary = nlohmann::ordered_json::parse(result.summary_json);
    const std::vector<std::string> tables = database.table_names();
    summary["outputs"] = tables;
    summary["output_database"] = database.label();
    result.summary_json = dump_summary(summary);
    database.publish(result.summary_json);
    result.files.clear();
    for (const std::string& table : tables) {
        result.files.push_back(database.label() + " table " + table);
    }
}

}  // namespace locality::pipeline
