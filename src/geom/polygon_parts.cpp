// SPDX-License-Identifier: MIT
#include "locality/geom/polygon_parts.hpp"

namespace locality::geom {

void collect_polygons(const GeosContext& ctx, const GEOSGeometry* g, std::vector<GeomPtr>& out) {
    const GEOSContextHandle_t h = ctx.handle();
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_POLYGON) {
        if (GEOSisEmpty_r(h, g) == 0) {
            out.push_back(check(ctx, GEOSGeom_clone_r(h, g)));
        }
        return;
    }
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) {
            collect_polygons(ctx, GEOSGetGeometryN_r(h, g, i), out);
        }
    }
}

GeomPtr make_collection(const GeosContext& ctx, int type, std::vector<GeomPtr> parts) {
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    // GEOS (3.8 and later) moves the parts into owning pointers as the call begins, and frees them
    // itself when it fails: from here on they are GEOS's, so nothing may free them a second time.
    for (GeomPtr& part : parts) {
        raw.push_back(part.release());
    }
    return check(
        ctx, GEOSGeom_createCollection_r(ctx.handle(), type, raw.data(), static_cast<unsigned>(raw.size())));
}

}  // namespace locality::geom
