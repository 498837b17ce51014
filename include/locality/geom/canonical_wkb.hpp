// SPDX-License-Identifier: MIT
#pragma once

#include "locality/geom/geos_context.hpp"

namespace locality::geom {

/**
 * A geometry's WKB in a form that does not depend on the file format it was read from: coordinates
 * snapped to a grid of `grid` units (GEOS set-precision), then GEOS-normalised (ring start and
 * orientation, part order). The same polygons read from GeoJSON and GeoPackage give the same bytes,
 * so their hash identifies the layer.
 */
Wkb canonical_wkb(const GeosContext& ctx, const Wkb& wkb, double grid);

}  // namespace locality::geom
