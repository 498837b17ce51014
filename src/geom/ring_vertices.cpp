// SPDX-License-Identifier: MIT
#include "locality/geom/ring_vertices.hpp"

#include <cstddef>

namespace locality::geom {

namespace {

bool ring_coords(GEOSContextHandle_t h, const GEOSGeometry* ring, std::vector<double>& xy) {
    const GEOSCoordSequence* seq = ring == nullptr ? nullptr : GEOSGeom_getCoordSeq_r(h, ring);
    unsigned int size = 0;
    if (seq == nullptr || GEOSCoordSeq_getSize_r(h, seq, &size) == 0) {
        return false;
    }
    xy.resize(2 * static_cast<std::size_t>(size));
    return size == 0 || GEOSCoordSeq_copyToBuffer_r(h, seq, xy.data(), 0, 0) != 0;
}

bool walk_rings(GEOSContextHandle_t h, const GEOSGeometry* g, std::vector<double>& xy,
                const std::function<void(bool, const std::vector<double>&)>& visit) {
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) {
            if (!walk_rings(h, GEOSGetGeometryN_r(h, g, i), xy, visit)) {
                return false;
            }
        }
        return n >= 0;
    }
    if (type != GEOS_POLYGON) {
        return false;
    }
    if (GEOSisEmpty_r(h, g) == 1) {
        return true;
    }
    const int holes = GEOSGetNumInteriorRings_r(h, g);
    for (int r = -1; r < holes; ++r) {
        if (!ring_coords(h, r < 0 ? GEOSGetExteriorRing_r(h, g) : GEOSGetInteriorRingN_r(h, g, r), xy)) {
            return false;
        }
        visit(r < 0, xy);
    }
    return holes >= 0;
}

}  // namespace

bool for_each_ring(const GeosContext& ctx, const GEOSGeometry* g,
                   const std::function<void(bool shell, const std::vector<double>& xy)>& visit) {
    std::vector<double> xy;
    return walk_rings(ctx.handle(), g, xy, visit);
}

}  // namespace locality::geom
