// SPDX-License-Identifier: MIT
// Internal to the pipeline: case sources that count nothing, or much less than they hold, and why;
// projected coordinates read as degrees.
#pragma once

#include <string>

#include "inputs.hpp"
#include "locality/io/crs.hpp"
#include "locality/io/point_source.hpp"
#include "locality/io/polygon_layer.hpp"

namespace locality::pipeline {

/**
 * Refuses (InputError) a source read in a geographic CRS when more than half of its first points
 * (`stats.probe_x/probe_y`) lie far outside +-180/+-90 yet within the range of a projected CRS in
 * metres or feet: eastings and northings read as degrees. The message names the source and the fix.
 */
void check_projected_as_degrees(const io::PointReadStats& stats, const io::Crs& source_crs,
                                const std::string& label);

/**
 * Refuses (InputError) a polygon layer read in a geographic CRS whose extent reaches beyond any
 * longitude or latitude (|x| > 360 or |y| > 90): projected coordinates read as degrees, as a GeoJSON in
 * EPSG:3857 whose `crs` member was removed is (RFC 7946's default). PROJ would only say that a vertex
 * cannot be transformed. The message names `role` and the layer, the range seen and `fix`.
 */
void check_layer_projected_as_degrees(const io::PolygonLayer& layer, const std::string& role,
                                      const std::string& fix);

/**
 * Refuses (InputError) a run that would count nothing of a source: a source with 0 rows, or none of
 * whose N rows falls inside an area (so an AGENCY= agency always counts something). Warns about an
 * agency read from a field none of whose cases lands in an area (a few stray rows must not stop a
 * run), and about a source that loses more than half of its rows, naming the likely causes.
 * Needs data.case_sources and data.agencies as read_cases leaves them.
 */
void check_case_losses(OverlayData& data);

}  // namespace locality::pipeline
