// SPDX-License-Identifier: MIT
// Internal to output: shapes in longitude and latitude cut at the antimeridian (RFC 7946 3.1.9).
#pragma once

#include <ogr_geometry.h>

namespace locality::output {

/**
 * Cuts a (multi)polygon just transformed to longitude and latitude at the antimeridian. A shape
 * that crosses it comes out of the transformation with longitudes jumping between +180 and -180;
 * each ring is made continuous first (steps of more than 180 degrees undone, holes kept beside
 * their polygon), so a vertex on 180 itself is never on the wrong side, then the parts beyond
 * +-180 are cut off with GEOS and moved by a whole turn. Shapes that do not cross come back as
 * they are. Returns null when the intersection fails. (GDAL's WRAPDATELINE tore shapes whose
 * vertices lie exactly on 180.)
 */
OGRGeometryUniquePtr cut_at_antimeridian(OGRGeometryUniquePtr lonlat);

}  // namespace locality::output
