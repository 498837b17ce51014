// SPDX-License-Identifier: MIT
#include "locality/report/map_geometry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "locality/core/error.hpp"

namespace locality::report {

namespace {

// The map is drawn about this many pixels wide; a tenth of a pixel is below what anyone can see.
constexpr double k_map_pixels = 800.0;
constexpr double k_pixel_fraction = 0.1;

std::vector<LonLat> ring_points(const geom::GeosContext& ctx, const GEOSGeometry* ring) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx.handle(), ring);
    unsigned int size = 0;
    if (seq == nullptr || GEOSCoordSeq_getSize_r(ctx.handle(), seq, &size) == 0) {
        throw GeometryError("map: cannot read a ring's coordinates: " + ctx.last_error());
    }
    std::vector<LonLat> points(size);
    for (unsigned int i = 0; i < size; ++i) {
        GEOSCoordSeq_getXY_r(ctx.handle(), seq, i, &points[i].lon, &points[i].lat);
    }
    return points;
}

void append_rings(const geom::GeosContext& ctx, const GEOSGeometry* g, MapFeature& feature) {
    const int parts = GEOSGetNumGeometries_r(ctx.handle(), g);
    for (int p = 0; p < parts; ++p) {
        const GEOSGeometry* polygon = GEOSGetGeometryN_r(ctx.handle(), g, p);
        if (GEOSGeomTypeId_r(ctx.handle(), polygon) != GEOS_POLYGON ||
            GEOSisEmpty_r(ctx.handle(), polygon) == 1) {
            continue;
        }
        feature.rings.push_back(ring_points(ctx, GEOSGetExteriorRing_r(ctx.handle(), polygon)));
        const int holes = GEOSGetNumInteriorRings_r(ctx.handle(), polygon);
        for (int h = 0; h < holes; ++h) {
            feature.rings.push_back(ring_points(ctx, GEOSGetInteriorRingN_r(ctx.handle(), polygon, h)));
        }
    }
}

/**
 * Makes a ring's longitudes continuous (no step of more than 180 degrees) and moves it by whole
 * turns next to `reference`, so that a shape across the antimeridian is drawn in one piece beside
 * its neighbours (longitudes may then pass 180), not as a band round the globe.
 */
void unwrap(std::vector<LonLat>& ring, double reference) {
    for (std::size_t i = 1; i < ring.size(); ++i) {
        ring[i].lon -= 360.0 * std::round((ring[i].lon - ring[i - 1].lon) / 360.0);
    }
    if (!ring.empty()) {
        const double turns = std::round((ring.front().lon - reference) / 360.0);
        for (LonLat& p : ring) {
            p.lon -= 360.0 * turns;
        }
    }
}

/** The longitude the map is centred on: the working CRS's origin (projections are centred on the data). */
double reference_longitude(const io::Transformer& to_wgs84) {
    double x = 0.0;
    double y = 0.0;
    bool ok = false;
    to_wgs84.transform(1, &x, &y, &ok);
    return ok ? x : 0.0;
}

}  // namespace

double map_tolerance(double width_m, double height_m) {
    return std::max(width_m, height_m) / k_map_pixels * k_pixel_fraction;
}

MapLayer make_map_layer(const std::string& name, const std::vector<std::string>& labels,
                        const std::vector<geom::Wkb>& shapes, const io::Crs& working, double tolerance_m,
                        const std::string& what, const std::vector<std::string>& fills) {
    MapLayer layer;
    layer.name = name;
    // Without a CRS the shapes stay in the layer's own units (ReportMap::planar).
    const io::Transformer to_wgs84(working.is_defined() ? working : io::Crs::wgs84(), io::Crs::wgs84(), what);
    const bool planar = !working.is_defined();
    const double reference = reference_longitude(to_wgs84);
    geom::GeosContext ctx;
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        const geom::GeomPtr shape = geom::from_wkb(ctx, shapes[i]);
        if (GEOSisEmpty_r(ctx.handle(), shape.get()) == 1) {
            continue;
        }
        // Simplified in metres, where the tolerance means the same everywhere, before going to degrees.
        const geom::GeomPtr simple =
            geom::check(ctx, GEOSTopologyPreserveSimplify_r(ctx.handle(), shape.get(), tolerance_m));
        const geom::GeomPtr inside = geom::label_point(ctx, shape.get());
        const std::string label = i < labels.size() ? labels[i] : std::string();
        const std::string item = fmt::format("{} '{}'", what, label);
        const geom::GeomPtr lonlat =
            geom::from_wkb(ctx, to_wgs84.transform(geom::to_wkb(ctx, simple.get()), item));
        const geom::GeomPtr label_point =
            geom::from_wkb(ctx, to_wgs84.transform(geom::to_wkb(ctx, inside.get()), item));
        MapFeature feature;
        feature.label = label;
        feature.fill = i < fills.size() ? fills[i] : std::string();
        append_rings(ctx, lonlat.get(), feature);
        GEOSGeomGetX_r(ctx.handle(), label_point.get(), &feature.label_at.lon);
        GEOSGeomGetY_r(ctx.handle(), label_point.get(), &feature.label_at.lat);
        if (!planar) {
            for (std::vector<LonLat>& ring : feature.rings) {
                unwrap(ring, reference);
            }
            feature.label_at.lon -= 360.0 * std::round((feature.label_at.lon - reference) / 360.0);
        }
        if (!feature.rings.empty()) {
            layer.features.push_back(std::move(feature));
        }
    }
    return layer;
}

}  // namespace locality::report
