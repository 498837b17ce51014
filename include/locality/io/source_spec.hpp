// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace locality::io {

/**
 * A data source as the user wrote it: anything GDAL opens, with an optional layer chosen
 * QGIS-style, `boundaries.gpkg|layername=tract`. A PostGIS connection string (`PG:...`) is a path.
 */
struct SourceSpec {
    std::string path;   ///< what GDAL opens
    std::string layer;  ///< layer name; empty = the only (or first) layer
    /** Text for messages: `path` or `path|layername=layer`, any password hidden (io::redact_credentials). */
    std::string label() const;
};

/** Parses `PATH` or `PATH|layername=NAME`; throws UsageError on an empty path or an unknown `|key=`. */
SourceSpec parse_source(const std::string& text);

/**
 * Options a case source may carry after its path, in the same pipe syntax as `|layername=`
 * (`refs.csv|crs=EPSG:27700|x=Easting|y=Northing|agency_field=owner`); each empty one falls back to
 * the global option (--cases-crs, --x-field, --y-field, --agency-field).
 */
struct CaseSourceOptions {
    std::string crs;           ///< `|crs=`
    std::string x_field;       ///< `|x=`
    std::string y_field;       ///< `|y=`
    std::string agency_field;  ///< `|agency_field=`
    /** The options as written after the path (`|crs=...|x=...`), empty when none. */
    std::string text() const;
};

/** A source tagged with a name: `police=incidents.csv`. */
struct TaggedSource {
    std::string tag;  ///< empty when the text had no `NAME=` prefix
    SourceSpec source;
    CaseSourceOptions
        options{};  ///< only parse_case_source fills it (initialised: {tag, source} stays valid)
};

/**
 * Parses `[NAME=]SOURCE`. The prefix counts as a tag only when it is an identifier
 * (letters, digits, `_`, `-`, `.`; not starting with a digit), so `PG:dbname=x` and
 * `C:\\data\\x.csv` are plain sources. Throws UsageError when `require_tag` and there is none.
 */
TaggedSource parse_tagged_source(const std::string& text, bool require_tag);

/**
 * Parses a case source: `[AGENCY=]PATH[|layername=NAME][|crs=CRS][|x=FIELD][|y=FIELD][|agency_field=FIELD]`.
 * Throws UsageError on an unknown key (naming it and the valid ones), an empty value, or `|x=`
 * without `|y=` (or the reverse).
 */
TaggedSource parse_case_source(const std::string& text);

}  // namespace locality::io
