// SPDX-License-Identifier: MIT
#include "locality/geom/validity.hpp"

#include <utility>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/geom/polygon_parts.hpp"

namespace locality::geom {

namespace {

bool is_polygonal_type(int type) { return type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON; }

// Keeps only the polygonal parts of `g`: a Polygon, a MultiPolygon, or an empty Polygon.
GeomPtr polygonal_parts(const GeosContext& ctx, GeomPtr g) {
    GEOSContextHandle_t h = ctx.handle();
    if (is_polygonal_type(GEOSGeomTypeId_r(h, g.get()))) {
        return g;
    }
    std::vector<GeomPtr> parts;
    collect_polygons(ctx, g.get(), parts);
    if (parts.empty()) {
        return check(ctx, GEOSGeom_createEmptyPolygon_r(h));
    }
    if (parts.size() == 1) {
        return std::move(parts.front());
    }
    return make_collection(ctx, GEOS_MULTIPOLYGON, std::move(parts));
}

}  // namespace

GeomPtr make_valid_polygonal(const GeosContext& ctx, GeomPtr g, RepairOutcome& outcome, std::string* reason) {
    GEOSContextHandle_t h = ctx.handle();
    if (!g) {
        throw GeometryError("make_valid_polygonal: null geometry given (read error upstream?)");
    }
    const char valid = GEOSisValid_r(h, g.get());
    if (valid == 2) {
        throw GeometryError("GEOS could not test validity: " + ctx.last_error());
    }
    if (valid == 1 && is_polygonal_type(GEOSGeomTypeId_r(h, g.get()))) {
        outcome = RepairOutcome::valid;
        return g;
    }
    if (reason != nullptr) {
        char* text = GEOSisValidReason_r(h, g.get());
        *reason = text != nullptr ? text : "";
        GEOSFree_r(h, text);
    }
    // A valid but non-polygonal input (e.g. a collection with a stray line) needs no
    // make-valid, only the filtering; both count as a repair.
    GeomPtr fixed = valid == 1 ? std::move(g) : check(ctx, GEOSMakeValid_r(h, g.get()));
    GeomPtr result = polygonal_parts(ctx, std::move(fixed));
    outcome = GEOSisEmpty_r(h, result.get()) == 1 ? RepairOutcome::emptied : RepairOutcome::repaired;
    return result;
}

GeomPtr snap_to_grid(const GeosContext& ctx, const GEOSGeometry* g, double grid_size) {
    if (!(grid_size >= 0.0)) {
        throw GeometryError("snap_to_grid: grid size must be >= 0");
    }
    // Flags 0 = full noding: GEOS rebuilds the topology so the output stays valid
    // (collapsed parts disappear instead of becoming invalid slivers).
    return check(ctx, GEOSGeom_setPrecision_r(ctx.handle(), g, grid_size, 0));
}

namespace {

GeomPtr clone(const GeosContext& ctx, const GEOSGeometry* g) {
    return check(ctx, GEOSGeom_clone_r(ctx.handle(), g));
}

bool is_sliver(const GeosContext& ctx, const GEOSGeometry* ring, double max_width) {
    GEOSContextHandle_t h = ctx.handle();
    const GeomPtr as_polygon = check(ctx, GEOSGeom_createPolygon_r(h, GEOSGeom_clone_r(h, ring), nullptr, 0));
    double perimeter = 0.0;
    if (GEOSLength_r(h, ring, &perimeter) == 0 || !(perimeter > 0.0)) {
        return true;  // a degenerate ring: nothing worth keeping
    }
    return 2.0 * area(ctx, as_polygon.get()) / perimeter < max_width;
}

// Copy of `polygon` without the holes `drop` accepts; `filled` counts them.
template <typename Drop>
GeomPtr fill_polygon(const GeosContext& ctx, const GEOSGeometry* polygon, const Drop& drop,
                     std::size_t& filled) {
    GEOSContextHandle_t h = ctx.handle();
    const int holes = GEOSGetNumInteriorRings_r(h, polygon);
    std::vector<GEOSGeometry*> kept;
    for (int i = 0; i < holes; ++i) {
        const GEOSGeometry* ring = GEOSGetInteriorRingN_r(h, polygon, i);
        if (drop(ring)) {
            ++filled;
        } else {
            kept.push_back(GEOSGeom_clone_r(h, ring));
        }
    }
    if (static_cast<int>(kept.size()) == holes) {
        for (GEOSGeometry* ring : kept) {
            GEOSGeom_destroy_r(h, ring);
        }
        return clone(ctx, polygon);
    }
    GEOSGeometry* shell = GEOSGeom_clone_r(h, GEOSGetExteriorRing_r(h, polygon));
    return check(ctx, GEOSGeom_createPolygon_r(h, shell, kept.data(), static_cast<unsigned>(kept.size())));
}

// `g` (polygonal) without the holes `drop` accepts.
template <typename Drop>
GeomPtr fill_holes(const GeosContext& ctx, const GEOSGeometry* g, const Drop& drop, std::size_t& filled) {
    GEOSContextHandle_t h = ctx.handle();
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_POLYGON) {
        return fill_polygon(ctx, g, drop, filled);
    }
    const std::size_t filled_before = filled;
    std::vector<GEOSGeometry*> parts;
    for (int i = 0; i < GEOSGetNumGeometries_r(h, g); ++i) {
        parts.push_back(fill_polygon(ctx, GEOSGetGeometryN_r(h, g, i), drop, filled).release());
    }
    GeomPtr out = check(ctx, GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, parts.data(),
                                                         static_cast<unsigned>(parts.size())));
    // A part lying inside a filled hole would now overlap its neighbour: merge them. (Nothing
    // filled, nothing to check: the parts are those of `g`.)
    if (filled != filled_before && GEOSisValid_r(h, out.get()) != 1) {
        out = check(ctx, GEOSUnaryUnion_r(h, out.get()));
    }
    return out;
}

}  // namespace

GeomPtr fill_sliver_holes(const GeosContext& ctx, const GEOSGeometry* g, double max_width,
                          std::size_t& filled) {
    const int type = GEOSGeomTypeId_r(ctx.handle(), g);
    if (!(max_width > 0.0) || (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON)) {
        return clone(ctx, g);
    }
    return fill_holes(
        ctx, g, [&](const GEOSGeometry* ring) { return is_sliver(ctx, ring, max_width); }, filled);
}

GeomPtr fill_small_holes(const GeosContext& ctx, const GEOSGeometry* g, double max_area,
                         double& filled_area) {
    const int type = GEOSGeomTypeId_r(ctx.handle(), g);
    if (!(max_area > 0.0) || (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON)) {
        return clone(ctx, g);
    }
    std::size_t count = 0;
    return fill_holes(
        ctx, g,
        [&](const GEOSGeometry* ring) {
            GEOSContextHandle_t h = ctx.handle();
            const GeomPtr hole =
                check(ctx, GEOSGeom_createPolygon_r(h, GEOSGeom_clone_r(h, ring), nullptr, 0));
            const double a = area(ctx, hole.get());
            if (a < max_area) {
                filled_area += a;
                return true;
            }
            return false;
        },
        count);
}

Box envelope(const GeosContext& ctx, const GEOSGeometry* g) {
    GEOSContextHandle_t h = ctx.handle();
    Box box;
    if (GEOSisEmpty_r(h, g) != 0) {
        return box;
    }
    if (GEOSGeom_getXMin_r(h, g, &box.min_x) == 0 || GEOSGeom_getYMin_r(h, g, &box.min_y) == 0 ||
        GEOSGeom_getXMax_r(h, g, &box.max_x) == 0 || GEOSGeom_getYMax_r(h, g, &box.max_y) == 0) {
        throw GeometryError("GEOS could not compute an envelope: " + ctx.last_error());
    }
    return box;
}

}  // namespace locality::geom
