// SPDX-License-Identifier: MIT
#include "locality/geom/stray_parts.hpp"

#include <vector>

namespace locality::geom {

GeomPtr drop_stray_parts(const GeosContext& ctx, const GEOSGeometry* g, double tolerance,
                         std::size_t& dropped) {
    GEOSContextHandle_t h = ctx.handle();
    const int n = GEOSGeomTypeId_r(h, g) == GEOS_MULTIPOLYGON ? GEOSGetNumGeometries_r(h, g) : 1;
    if (!(tolerance > 0.0) || n < 2) {
        return check(ctx, GEOSGeom_clone_r(h, g));
    }
    int largest = 0;
    std::vector<double> areas(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        areas[static_cast<std::size_t>(i)] = area(ctx, GEOSGetGeometryN_r(h, g, i));
        if (areas[static_cast<std::size_t>(i)] > areas[static_cast<std::size_t>(largest)]) {
            largest = i;
        }
    }
    const GEOSGeometry* main = GEOSGetGeometryN_r(h, g, largest);
    std::vector<GEOSGeometry*> kept;
    std::size_t stray = 0;
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(h, g, i);
        double distance = 0.0;
        if (i != largest && areas[static_cast<std::size_t>(i)] < tolerance * tolerance &&
            GEOSDistance_r(h, part, main, &distance) == 1 && distance > tolerance) {
            ++stray;
            continue;
        }
        kept.push_back(GEOSGeom_clone_r(h, part));
    }
    if (stray == 0) {
        for (GEOSGeometry* p : kept) {
            GEOSGeom_destroy_r(h, p);
        }
        return check(ctx, GEOSGeom_clone_r(h, g));
    }
    dropped += stray;
    if (kept.size() == 1) {
        return check(ctx, kept.front());
    }
    return check(ctx, GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, kept.data(),
                                                  static_cast<unsigned>(kept.size())));
}

}  // namespace locality::geom
