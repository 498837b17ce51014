// SPDX-License-Identifier: MIT
// Internal to the dissolve module: GEOS's coverage union, kept only when it can be trusted.
#pragma once

#include "locality/geom/geos_context.hpp"

namespace locality::dissolve::detail {

/**
 * GEOSCoverageUnion_r of the collection `coll` when the result is valid and its area matches
 * `parts_area` (the sum of the parts' areas) within 1e-6 of it; null otherwise, and the caller falls
 * back to a unary union. Fast on a clean coverage (neighbours share their edges vertex for vertex);
 * on any other layer it costs about as much as the unary union before it fails.
 */
geom::GeomPtr try_coverage_union(const geom::GeosContext& ctx, const GEOSGeometry* coll, double parts_area);

}  // namespace locality::dissolve::detail
