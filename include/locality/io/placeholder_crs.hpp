// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "locality/io/crs.hpp"

namespace locality::io {

/**
 * Whether a declared CRS only says "no CRS": what GDAL writes for a layer created without one
 * ("Undefined geographic SRS", "Undefined Cartesian SRS" in a GeoPackage), an engineering (local)
 * CRS, or a projection in "unknown" units. Such coordinates cannot be transformed to anything, and
 * an "undefined geographic" one may hold values far beyond 90 degrees. `why` receives what was found.
 */
bool is_placeholder_crs(const Crs& crs, std::string& why);

}  // namespace locality::io
