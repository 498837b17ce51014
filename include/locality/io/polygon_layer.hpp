// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "locality/core/progress.hpp"
#include "locality/core/types.hpp"
#include "locality/geom/geos_context.hpp"
#include "locality/io/crs.hpp"
#include "locality/io/source_spec.hpp"

namespace locality::io {

/** What to read from a polygon layer. */
struct PolygonLayerOptions {
    SourceSpec source;
    /** Field holding each feature's identifier; empty = pick one (see read_polygon_layer). */
    std::string id_field;
    /** Numeric field read as each feature's population; empty = none. A negative, NaN or infinite value is
     * refused. */
    std::string value_field;
    /** Role of the layer in messages ("areas", "service areas 'police'"). */
    std::string role = "areas";
    /** Refuse duplicate ids (small areas) or allow them (service areas may be multi-part rows). */
    bool unique_ids = true;
    /** Text field read as each feature's name (--area-name); empty = none. */
    std::string name_field{};
};

/** A polygon layer read into plain data, geometries still in the layer's own CRS. */
struct PolygonLayer {
    std::string label;                  ///< source label for messages
    std::string id_field;               ///< the id field actually used ("FID" when none)
    std::vector<std::string> ids;       ///< one per kept feature, as text
    std::vector<geom::Wkb> geometries;  ///< Polygon/MultiPolygon WKB, 2D, layer CRS
    std::vector<double> values;         ///< value_field per feature (0 where null); empty without value_field
    std::vector<std::string>
        names;  ///< name_field per feature as text ("" where null); empty without name_field
    std::vector<std::string> null_value_ids;      ///< ids whose value was null (counted as 0)
    std::vector<std::string> empty_geometry_ids;  ///< features skipped: null or empty geometry
    Crs crs;                                      ///< the layer's CRS (may be undefined)
    Box extent;                                   ///< extent of kept geometries, layer CRS
    std::string driver;                           ///< GDAL driver short name
    std::vector<std::string> field_names;         ///< every attribute field of the layer, in layer order
    std::vector<std::string>
        numeric_field_names;  ///< the integer and real fields among them (offered to --min)
    /** Per `extra_fields` entry (see the overload): one value per kept feature, NaN where null; empty when
     * absent. */
    std::vector<std::vector<double>> extra_values;
};

/**
 * Opens `options.source` read-only and reads every feature. Curves are linearised, Z/M dropped,
 * single polygons promoted as-is. Throws InputError (naming source, layer or field) when: the
 * source cannot be opened; the layer is unknown; it has no polygon features; the id or value
 * field is missing (the message suggests a field that differs only in case); a value is not
 * numeric; ids repeat or are null while `unique_ids`. When `id_field` is empty, the first field
 * whose name is or ends with "id" and holds unique values is used, else the first text field with
 * unique values, else the feature id.
 */
PolygonLayer read_polygon_layer(const PolygonLayerOptions& options, const ProgressSink& progress = {});

/**
 * The same, also reading the numeric fields `extra_fields` (attributes, bound fields) into
 * `extra_values`. A name the layer lacks is not an error here: its values stay empty and the caller
 * decides; a value that is not a number is an InputError naming the field and the feature.
 */
PolygonLayer read_polygon_layer(const PolygonLayerOptions& options,
                                const std::vector<std::string>& extra_fields,
                                const ProgressSink& progress = {});

/** Reprojects every geometry of `layer` into `to` (in place) and recomputes its extent; sets layer.crs. */
void reproject(PolygonLayer& layer, const Crs& to);

}  // namespace locality::io
