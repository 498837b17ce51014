// SPDX-License-Identifier: MIT
#include "database_overlay.hpp"

#include <unordered_map>

#include "locality/core/error.hpp"
#include "locality/io/connection.hpp"
#include "locality/io/database_counts.hpp"

namespace locality::pipeline {

bool counted_in_database(const StageOptions& config, const io::SourceSpec& source) {
    if (!config.overlay_in_database) {
        return false;
    }
    if (!io::is_postgres_connection(config.areas.path)) {
        throw UsageError("--overlay-in-database needs --areas from PostGIS (PG:...|layername=TABLE)");
    }
    return io::same_database(config.areas, source);
}

io::PointReadStats add_database_counts(const StageOptions& config, const io::TaggedSource& source,
                                       const io::PolygonLayer& areas, io::AgencyRegistry& agencies,
                                       overlay::CaseCounts& counts) {
    const std::vector<io::DatabaseCountRow> rows = io::count_cases_in_database(
        {config.areas, config.area_id_field, source.source, source.tag,
         source.options.agency_field.empty() ? config.agency_field : source.options.agency_field});
    std::unordered_map<std::string, ZoneId> zone_of;
    zone_of.reserve(areas.ids.size());
    for (std::size_t z = 0; z < areas.ids.size(); ++z) {
        zone_of.emplace(areas.ids[z], static_cast<ZoneId>(z));
    }
    io::PointReadStats stats;
    stats.driver = "PostgreSQL (counted in the database)";
    for (const io::DatabaseCountRow& row : rows) {
        const auto agency = static_cast<std::size_t>(agencies.index_of(row.agency));
        if (agencies.size() > counts.agency_count) {
            counts.resize_agencies(agencies.size());
        }
        stats.read.resize(agencies.size(), 0);
        stats.unlocated.resize(agencies.size(), 0);
        stats.read[agency] += row.count;
        if (row.unlocated) {
            stats.unlocated[agency] += row.count;
            continue;
        }
        const auto zone = row.area_id.empty() ? zone_of.end() : zone_of.find(row.area_id);
        if (zone == zone_of.end()) {
            counts.outside[agency] += row.count;
            continue;
        }
        counts.counts[static_cast<std::size_t>(zone->second) * counts.agency_count + agency] += row.count;
        counts.assigned[agency] += row.count;
    }
    stats.read.resize(agencies.size(), 0);
    stats.unlocated.resize(agencies.size(), 0);
    return stats;
}

}  // namespace locality::pipeline
