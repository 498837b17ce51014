// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "locality/geom/geos_context.hpp"

namespace locality::overlay {

/** One overlap between two small areas, or one gap (a hole in their union) with the areas around it. */
struct CoverageIssue {
    double area_m2 = 0.0;
    std::vector<std::string> ids;  ///< the two overlapping areas, or the areas bordering the gap
};

/** How well the small areas tile the ground: overlaps between them and small holes inside their union. */
struct CoverageReport {
    double overlap_m2 = 0.0;  ///< total area covered by two areas or more (sum over pairs)
    std::size_t overlap_pairs = 0;
    double gap_m2 = 0.0;  ///< total area of the gaps
    std::size_t gaps = 0;
    double gap_threshold_m2 = 0.0;              ///< holes of the union smaller than this are gaps
    std::vector<CoverageIssue> worst_overlaps;  ///< largest first, at most k_coverage_worst
    std::vector<CoverageIssue> worst_gaps;      ///< largest first, at most k_coverage_worst
    bool clean() const noexcept { return overlap_pairs == 0 && gaps == 0; }
};

/** Offenders listed per kind in CoverageReport. */
constexpr std::size_t k_coverage_worst = 5;

/**
 * Measures overlaps between the areas (pairs whose interiors meet, by the area of their
 * intersection; looked for when their union falls short of their sum by more than 1e-7 of it) and
 * gaps: holes of their union smaller than the median area of one small area (larger holes, a lake
 * or another jurisdiction, are not gaps), interior only. Pieces smaller than 1 m^2 are ignored
 * (coordinate rounding). `geometries` are valid polygons in a CRS in metres.
 */
CoverageReport measure_coverage(const std::vector<geom::Wkb>& geometries,
                                const std::vector<std::string>& ids);

}  // namespace locality::overlay
