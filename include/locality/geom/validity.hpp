// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>

#include "locality/core/types.hpp"
#include "locality/geom/geos_context.hpp"

namespace locality::geom {

/** What happened to one polygon on its way in. */
enum class RepairOutcome {
    valid,     ///< already valid, untouched
    repaired,  ///< invalid, fixed with GEOS make-valid (polygonal parts kept)
    emptied,   ///< invalid and nothing polygonal survived the repair
};

/**
 * Returns a valid polygonal version of `g` (Polygon or MultiPolygon): `g` itself when valid,
 * otherwise GEOSMakeValid_r's result with non-polygonal debris (lines, points) dropped.
 * `reason` receives GEOS's validity reason when the input was invalid.
 */
GeomPtr make_valid_polygonal(const GeosContext& ctx, GeomPtr g, RepairOutcome& outcome,
                             std::string* reason = nullptr);

/**
 * Snaps `g` to a grid of `grid_size` (e.g. 1e-7 degrees) keeping it valid (GEOSGeom_setPrecision_r),
 * so that rounding coordinates on output cannot make it invalid.
 */
GeomPtr snap_to_grid(const GeosContext& ctx, const GEOSGeometry* g, double grid_size);

/**
 * Fills the sliver holes of a polygonal geometry: interior rings whose mean width, 2 x area /
 * perimeter, is below `max_width` (CRS units). These are the gaps that real boundary files leave
 * between neighbours, which dissolving turns into holes; a lake or an excluded park is far wider.
 * `filled` is increased by the number of holes removed. `max_width` <= 0 returns a copy.
 */
GeomPtr fill_sliver_holes(const GeosContext& ctx, const GEOSGeometry* g, double max_width,
                          std::size_t& filled);

/**
 * Fills the holes of a polygonal geometry whose area is below `max_area` (CRS units squared), adding
 * their area to `filled_area`. `max_area` <= 0 returns a copy.
 */
GeomPtr fill_small_holes(const GeosContext& ctx, const GEOSGeometry* g, double max_area, double& filled_area);

/** Envelope of a geometry; empty Box for an empty geometry. */
Box envelope(const GeosContext& ctx, const GEOSGeometry* g);

}  // namespace locality::geom
