// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "locality/core/progress.hpp"
#include "locality/core/types.hpp"
#include "locality/geom/geos_context.hpp"

namespace locality::dissolve {

/**
 * Union of the areas of each region (working CRS): GEOSCoverageUnion_r, falling back to
 * GEOSUnaryUnion_r when the result is invalid or the coverage is not clean. Result i is a
 * valid Polygon or MultiPolygon (WKB) for region i. Parallel over regions; deterministic.
 */
std::vector<geom::Wkb> dissolve_regions(const std::vector<geom::Wkb>& areas, const std::vector<RegionId>& region_of,
                                        int region_count, const ProgressSink& progress = {});

}  // namespace locality::dissolve
