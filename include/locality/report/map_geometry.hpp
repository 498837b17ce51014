// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "locality/geom/geos_context.hpp"
#include "locality/io/crs.hpp"

namespace locality::report {

/** A longitude/latitude position in degrees (WGS 84). */
struct LonLat {
    double lon = 0.0;
    double lat = 0.0;
};

/**
 * One feature drawn on the report's map: every ring of every polygon part (outer and holes alike;
 * the map fills with the even-odd rule), and where its label goes. Coordinates in WGS 84 degrees.
 */
struct MapFeature {
    std::string label;                       ///< shown on the map and in tooltips; escaped when rendered
    std::vector<std::vector<LonLat>> rings;  ///< closed rings
    LonLat label_at;                         ///< on the feature's main body (geom::label_point())
    std::string fill;                        ///< "#rrggbb"; empty: the report's palette, in turn
};

/** A named set of features: the localities, or one service-area layer. */
struct MapLayer {
    std::string name;
    std::vector<MapFeature> features;
};

/** What the report's map draws: the localities, and the outlines of each service-area layer. */
struct ReportMap {
    MapLayer localities;
    std::vector<MapLayer> outlines;
    /** --confidence N was given: the map draws firm lines and marks the areas that are not firm. */
    bool confidence = false;
    /** With `confidence`: the areas whose confidence is below the firm threshold, drawn hatched. */
    MapLayer unsure;
    /** Coordinates in a layer's own units (areas without a CRS), not degrees: drawn as they are. */
    bool planar = false;
};

/**
 * Simplification tolerance in metres for a map of the given extent (working CRS, metres): about a
 * tenth of a pixel of an 800-pixel-wide map, so simplification is invisible and the file stays small.
 */
double map_tolerance(double width_m, double height_m);

/**
 * Turns polygons of the working CRS (WKB) into map features: each is simplified with GEOS's
 * topology-preserving simplifier (`tolerance_m`, in the working CRS) and then transformed to
 * WGS 84 (kept as they are when `working` is undefined: a layer without a CRS, drawn planar).
 * `labels[i]` names `shapes[i]` and `fills[i]` (when given) colours it; each label goes on the
 * shape's main body (geom::label_point(): the pole of inaccessibility of its largest part).
 * Empty shapes are skipped. Throws GeometryError naming `what` when a shape cannot be read or
 * transformed.
 */
MapLayer make_map_layer(const std::string& name, const std::vector<std::string>& labels,
                        const std::vector<geom::Wkb>& shapes, const io::Crs& working, double tolerance_m,
                        const std::string& what, const std::vector<std::string>& fills = {});

}  // namespace locality::report
