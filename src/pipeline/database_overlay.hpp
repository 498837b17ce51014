// SPDX-License-Identifier: MIT
// Internal to the pipeline: --overlay-in-database, the case counting of PostGIS sources done by SQL.
#pragma once

#include "locality/io/point_source.hpp"
#include "locality/io/polygon_layer.hpp"
#include "locality/overlay/point_locator.hpp"
#include "pipeline/stage_options.hpp"

namespace locality::pipeline {

/**
 * Whether `source` is counted in the database: --overlay-in-database, and the cases are a PostGIS
 * layer of the connection the areas come from. Throws UsageError when the option is given but the
 * areas are not in PostGIS.
 */
bool counted_in_database(const StageOptions& config, const io::SourceSpec& source);

/**
 * Counts one case source in the database and adds the counts to `counts` (agencies registered in
 * `agencies`, as io::read_points would); returns its accounting. Cases covered by an area that the
 * in-process repair dropped count as outside.
 */
io::PointReadStats add_database_counts(const StageOptions& config, const io::TaggedSource& source,
                                       const io::PolygonLayer& areas, io::AgencyRegistry& agencies,
                                       overlay::CaseCounts& counts);

}  // namespace locality::pipeline
