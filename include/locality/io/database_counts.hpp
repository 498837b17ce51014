// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "locality/io/source_spec.hpp"

namespace locality::io {

/** Case points of a PostGIS table or view counted per area by the database that holds the areas. */
struct DatabaseCountRequest {
    SourceSpec areas;           ///< `PG:...|layername=...`: a table (or view) with a primary key (its FID)
    std::string area_id_field;  ///< the areas' id field
    SourceSpec cases;           ///< `PG:...|layername=...` in the same database: points with an SRID
    std::string agency;         ///< every case belongs to this agency; empty = read `agency_field`
    std::string agency_field;
};

/** One group of cases as the database counted them. */
struct DatabaseCountRow {
    std::string agency;      ///< trimmed agency value; "unspecified" when empty or null
    std::string area_id;     ///< the covering area (lowest FID on ties); empty when none covers the point
    bool unlocated = false;  ///< the case has no geometry (null or empty)
    std::int64_t count = 0;
};

/** Whether the two sources are PostGIS layers of the same connection string (so one query can join them). */
bool same_database(const SourceSpec& a, const SourceSpec& b);

/**
 * Counts in one SQL query: each case goes to the area with the lowest FID among those whose geometry
 * ST_Covers it (the point transformed to the areas' SRID), as the in-process overlay gives a point on
 * a shared boundary to the area read first. Only the counts per (agency, area) leave the database.
 * Throws InputError (naming the layer and field) for a missing field or layer, areas without a
 * primary key, cases without an SRID; IoError when the query fails.
 */
std::vector<DatabaseCountRow> count_cases_in_database(const DatabaseCountRequest& request);

}  // namespace locality::io
