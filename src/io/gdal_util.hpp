// SPDX-License-Identifier: MIT
#pragma once

// Private to src/io: dataset opening and field lookup shared by the readers (the GDAL error bridge
// is in gdal_glue.hpp).

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <string>
#include <string_view>
#include <vector>

#include "gdal_glue.hpp"
#include "locality/io/source_spec.hpp"

namespace locality::io::detail {

/** Opens `source` read-only as a vector dataset; throws IoError "cannot open ROLE 'label': reason". */
GDALDatasetUniquePtr open_vector(const SourceSpec& source, const std::string& role, GdalErrorScope& errors,
                                 const std::vector<std::string>& open_options = {});

/**
 * The layer `source.layer` names, or the source's only layer (with geometry); throws InputError listing
 * the layers when the named one is missing or when several could be meant.
 */
OGRLayer& select_layer(GDALDataset& dataset, const SourceSpec& source, const std::string& role);

/** Index of the field named exactly `name`, or -1. GDAL's own lookup ignores case, which we do not. */
int find_field_exact(const OGRFeatureDefn& defn, std::string_view name);

/** "(did you mean 'X'?)" when a name differs only in case, else "(fields: a, b, ...)". */
std::string suggest_name(std::string_view wanted, const std::vector<std::string>& names);

/** Names of the fields of `defn`, in order. */
std::vector<std::string> field_names(const OGRFeatureDefn& defn);

/** Well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF). */
bool is_utf8(std::string_view text) noexcept;

/**
 * What to do about text that is not UTF-8 in a shapefile: GDAL recodes a .dbf to UTF-8 only when its
 * .cpg names the encoding; without one the bytes come through raw.
 */
inline constexpr const char* k_shapefile_to_utf8 =
    "a shapefile needs its .cpg naming the encoding (a file holding e.g. LATIN1 beside the .dbf), or "
    "convert it (ogr2ogr -lco ENCODING=UTF-8)";

/** ASCII case-insensitive equality. */
bool iequals(std::string_view a, std::string_view b) noexcept;

/** `text` without leading and trailing spaces, tabs, CR and LF. */
std::string_view trim(std::string_view text) noexcept;
/**
 * `trim`, and also the Unicode spaces that spreadsheets and web pages leave at the ends of a cell and
 * that no one sees: no-break spaces (U+00A0, U+202F, U+2007), the U+2000-U+200A spaces, zero-width
 * space (U+200B), ideographic space (U+3000) and a stray byte order mark (U+FEFF).
 */
std::string_view trim_unicode(std::string_view text) noexcept;

}  // namespace locality::io::detail
