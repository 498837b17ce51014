// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "locality/geom/geos_context.hpp"
#include "locality/io/crs.hpp"
#include "locality/output/table.hpp"

namespace locality::output {

/** A further QGIS style of a layer, stored beside its default one (QGIS: Style > Load Style > Database). */
struct GpkgStyle {
    std::string name;  ///< styleName, e.g. "areas (need)"
    std::string qml;
};

/** One layer of a GeoPackage: polygons with their properties and the QGIS style to open them with. */
struct GpkgLayer {
    std::string name;                   ///< table name, e.g. "localities"
    std::string description;            ///< gpkg_contents description
    Table properties;                   ///< one row per geometry
    std::vector<geom::Wkb> geometries;  ///< (multi)polygons in the writer's CRS; empty WKB = null geometry
    std::string style_qml;              ///< the layer's default QGIS style; empty = none
    std::vector<GpkgStyle> other_styles{};  ///< more styles of the layer, not its default
};

/**
 * Writes a GeoPackage with GDAL's GPKG driver: one MultiPolygon layer per entry, in `crs` (the run's
 * working CRS, so areas and lengths measured in QGIS are the ones the run used), with a spatial index,
 * and the styles in the `layer_styles` table QGIS reads (each marked as its layer's default, so
 * opening a layer shows it styled; a layer's other styles are stored beside it, not as default).
 * Throws IoError naming `path` and the layer.
 */
void write_gpkg(const std::string& path, const std::vector<GpkgLayer>& layers, const io::Crs& crs);

}  // namespace locality::output
