// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace locality::output {

/** One output file and the table that receives it. */
struct TableFile {
    std::string file;   ///< file name the run writes (`localities.geojson`, `assignment.csv`, `summary.json`)
    std::string table;  ///< table name without the prefix (`localities`, `assignment`, `summary`); for a
                        ///< `.qml` file, the table it styles (a row of QGIS's `layer_styles`, not a table)
};

/**
 * A run's outputs written as tables of a PostgreSQL/PostGIS database (GDAL's PostgreSQL driver),
 * all or nothing. The run first writes its files, as usual, into a private staging folder (removed
 * by the destructor); publish() then loads them in one transaction: GeoJSON layers become PostGIS
 * tables with the same features (EPSG:4326, geometry column `geom`), CSV files tables whose
 * `area_id` column stays text and whose other columns are integer, real or text as their values are, a JSON
 * file a one-row table with one `jsonb` column named like the unprefixed table (`summary`), and a QGIS style
 * (`.qml`) the default style of its table in `layer_styles`, where QGIS looks for it. A failure rolls
 * everything back, so the database never holds part of a run.
 *
 * Credentials come from libpq (PGHOST, PGUSER, PGPASSWORD, PGSERVICE, ~/.pgpass, service files);
 * every message names the connection with its password hidden.
 */
class DatabaseOutput {
public:
    /**
     * Connects to `connection` (`PG:...`) and checks the tables `prefix + table`, before any work is
     * done: throws IoError when the database cannot be reached or a table exists and !overwrite
     * ("... exists; use --overwrite"), UsageError when the prefix is not `[schema.]name_` in lower case.
     */
    DatabaseOutput(std::string connection, std::string prefix, std::vector<TableFile> tables, bool overwrite);
    ~DatabaseOutput();
    DatabaseOutput(const DatabaseOutput&) = delete;
    DatabaseOutput& operator=(const DatabaseOutput&) = delete;

    /** The private folder where the run writes its files before publish(). */
    const std::string& staging_directory() const noexcept { return m_staging; }

    /** `prefix + table` of every table, in the constructor's order (what publish() creates). */
    std::vector<std::string> table_names() const;

    /** The connection with its password hidden, for messages and summary.json. */
    std::string label() const;

    /**
     * Loads every file of the staging folder into its table in one transaction (replacing existing
     * tables when overwrite was given), `summary_json` being the content of the JSON table (the
     * staged file is not read for it). Throws IoError naming the table; nothing is left behind then.
     */
    void publish(const std::string& summary_json);

private:
    std::string m_connection;
    std::string m_prefix;
    std::vector<TableFile> m_tables;
    bool m_overwrite;
    std::string m_staging;
};

}  // namespace locality::output
