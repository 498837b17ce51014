// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "locality/geom/geos_context.hpp"
#include "locality/io/crs.hpp"
#include "locality/output/table.hpp"

namespace locality::output {

/** Options of the GeoJSON writer. */
struct GeoJsonOptions {
    /** Decimal places of the lon/lat coordinates (RFC 7946 suggests no more than needed). */
    int coordinate_precision = 7;
    /** Layer name written into the file ("name" member). */
    std::string layer_name = "localities";
};

/**
 * Writes an RFC 7946 FeatureCollection with GDAL's GeoJSON driver (RFC7946=YES): geometries
 * (WKB in `crs`) are reprojected to WGS 84 lon/lat, snapped to the coordinate grid so rounding
 * cannot make them invalid, and written with counter-clockwise exterior rings. `properties` has
 * one row per geometry. Throws IoError naming `path`.
 */
void write_geojson(const std::string& path, const Table& properties, const std::vector<geom::Wkb>& geometries,
                   const io::Crs& crs, const GeoJsonOptions& options = {});

/** Writes a CSV table with GDAL's CSV driver (header row, no geometry). Throws IoError naming `path`. */
void write_csv(const std::string& path, const Table& table);

}  // namespace locality::output
