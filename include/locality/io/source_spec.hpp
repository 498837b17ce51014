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

/** A source tagged with a name: `police=incidents.csv`. */
struct TaggedSource {
    std::string tag;  ///< empty when the text had no `NAME=` prefix
    SourceSpec source;
};

/**
 * Parses `[NAME=]SOURCE`. The prefix counts as a tag only when it is an identifier
 * (letters, digits, `_`, `-`, `.`; not starting with a digit), so `PG:dbname=x` and
 * `C:\\data\\x.csv` are plain sources. Throws UsageError when `require_tag` and there is none.
 */
TaggedSource parse_tagged_source(const std::string& text, bool require_tag);

}  // namespace locality::io
