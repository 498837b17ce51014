// SPDX-License-Identifier: MIT
#include "locality/geom/canonical_wkb.hpp"

#include "locality/core/error.hpp"

namespace locality::geom {

Wkb canonical_wkb(const GeosContext& ctx, const Wkb& wkb, double grid) {
    const GeomPtr geometry = from_wkb(ctx, wkb);
    const GeomPtr snapped = check(ctx, GEOSGeom_setPrecision_r(ctx.handle(), geometry.get(), grid, 0));
    if (GEOSNormalize_r(ctx.handle(), snapped.get()) != 0) {
        throw GeometryError("GEOS could not normalise a geometry: " + ctx.last_error());
    }
    return to_wkb(ctx, snapped.get());
}

}  // namespace locality::geom
