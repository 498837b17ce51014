// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace locality::io {

/**
 * True when `path` is a PostgreSQL/PostGIS connection string for GDAL's PostgreSQL driver:
 * `PG:dbname=x ...`, `PG:service=x` or `PG:postgresql://...` (the prefix in any case).
 */
bool is_postgres_connection(std::string_view path) noexcept;

/**
 * `text` with every password hidden, for messages, logs and summary.json: the value of each
 * `password=` keyword (quoted or not, any case) and the password of a `postgresql://user:secret@`
 * URI become `***`. Passwords belong in PGPASSWORD, ~/.pgpass or a service file, which are never
 * recorded; this keeps one typed on the command line out of every output.
 */
std::string redact_credentials(std::string_view text);

}  // namespace locality::io
