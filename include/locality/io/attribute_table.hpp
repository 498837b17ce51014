// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "locality/io/source_spec.hpp"

namespace locality::io {

/** Some fields of every feature of a layer, as text: an assignment table (CSV, GeoPackage, ...). */
struct TextColumns {
    std::string label;                           ///< source label for messages
    std::vector<std::vector<std::string>> rows;  ///< one per feature, one cell per field asked; "" where null
    std::vector<std::int64_t> fids;              ///< the feature id of each row (row numbers of a CSV)
};

/**
 * Opens `source` read-only (anything GDAL opens: a CSV, the `areas` layer of a GeoPackage, ...) and
 * reads `fields` of every feature as text. Throws InputError naming the source and the field (with a
 * suggestion when only its case differs) when a field is missing; IoError when it cannot be opened.
 */
TextColumns read_text_columns(const SourceSpec& source, const std::vector<std::string>& fields,
                              const std::string& role);

/**
 * Whether the layer of `source` has every one of `fields` (exact names), e.g. to tell an assignment
 * table from a boundary layer; IoError when it cannot be opened, InputError when it has no such layer.
 */
bool has_fields(const SourceSpec& source, const std::vector<std::string>& fields, const std::string& role);

/**
 * Whether the layer of `source` has geometry: a boundary layer, not a table (a CSV or a spreadsheet
 * without a geometry column); IoError when it cannot be opened, InputError when it has no such layer.
 */
bool has_geometry(const SourceSpec& source, const std::string& role);

}  // namespace locality::io
