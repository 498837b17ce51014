// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>

#include "locality/io/source_spec.hpp"

namespace locality::io {

/** Provenance of an input, for the run report. */
struct FileInfo {
    std::string path;               ///< the source path as given
    std::uintmax_t size_bytes = 0;  ///< file size; 0 when not a regular file
    std::string sha256;             ///< lowercase hex SHA-256 of the file; empty when not a regular file
    bool is_file = false;           ///< false for connection strings (`PG:`), /vsi paths and directories
};

/**
 * Size and SHA-256 of the file at `source.path` (for a shapefile, of the .shp only). Reads the
 * whole file once. Throws IoError naming the file when it exists but cannot be read.
 */
FileInfo describe_source(const SourceSpec& source);

}  // namespace locality::io
