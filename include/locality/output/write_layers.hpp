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
 * `table` without its numeric columns whose every value is null (a count withheld in every row, or
 * its rate). GeoJSON carries no field types: a reader (GDAL, so QGIS) types a property by its values,
 * and a property that is null everywhere opens as text, which cannot be styled as a number.
 */
Table without_null_numeric_columns(const Table& table);

/**
 * Writes an RFC 7946 FeatureCollection with GDAL's GeoJSON driver (RFC7946=YES): geometries
 * (WKB in `crs`) are reprojected to WGS 84 lon/lat, snapped to the coordinate grid so rounding
 * cannot make them invalid, and written with counter-clockwise exterior rings. `properties` has
 * one row per geometry; its numeric columns that are null in every row are left out
 * (without_null_numeric_columns()), so every numeric property opens as a number.
 * Throws IoError naming `path`.
 */
void write_geojson(const std::string& path, const Table& properties, const std::vector<geom::Wkb>& geometries,
                   const io::Crs& crs, const GeoJsonOptions& options = {});

/** Writes a CSV table with GDAL's CSV driver (header row, no geometry). Throws IoError naming `path`. */
void write_csv(const std::string& path, const Table& table);

}  // namespace locality::output
