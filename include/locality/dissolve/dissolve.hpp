// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <vector>

#include "locality/core/progress.hpp"
#include "locality/core/types.hpp"
#include "locality/geom/geos_context.hpp"

namespace locality::dissolve {

/**
 * Union of the areas of each region (working CRS, metres): GEOSCoverageUnion_r, falling back to
 * GEOSUnaryUnion_r when the result is invalid or the coverage is not clean, then snap-rounded to a
 * 1 mm grid, which closes the hairline cracks neighbours leave when their common border is not noded
 * alike (decision 43). Result i is a valid Polygon or MultiPolygon (WKB) for region i. Parallel over
 * regions; deterministic. Holes narrower than `max_sliver_width` (mean width, CRS units: the gaps real
 * boundary files leave between neighbours) are filled; `slivers_filled` (optional) receives how many.
 */
std::vector<geom::Wkb> dissolve_regions(const std::vector<geom::Wkb>& areas,
                                        const std::vector<RegionId>& region_of, int region_count,
                                        const ProgressSink& progress = {}, double max_sliver_width = 0.0,
                                        std::size_t* slivers_filled = nullptr);

/**
 * Union of all the areas (working CRS) as WKB, for checks of the whole layer: a plain unary union
 * (no coverage union, which real boundary files fail after paying for it), split spatially into
 * halves down to groups of 256 areas unioned in parallel. The split does not depend on the thread
 * count, so neither does the result. Not repaired further: a Polygon or MultiPolygon for valid input.
 *
 * Holes under `max_hole_area` (CRS units squared; 0 = none) are filled after every partial union:
 * the rounding slivers between neighbours, thousands in a real boundary file, otherwise make every
 * later union slower (GEOS places each free hole by scanning the shells' points). A hole of the
 * result at least that large is never touched (it lies in a hole of each partial union at least as
 * large). `filled_area` (optional) receives the total area filled, an upper bound of what the result
 * gained by it.
 */
geom::Wkb union_all(const std::vector<geom::Wkb>& areas, double max_hole_area = 0.0,
                    double* filled_area = nullptr);

}  // namespace locality::dissolve
