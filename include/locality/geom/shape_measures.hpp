// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "locality/geom/geos_context.hpp"

namespace locality::geom {

// Measures of whole layers given as WKB, for the modules that hold shapes but do no GEOS work
// themselves (pipeline). Each parses the shapes in a context of its own.

/** Area of each shape, in CRS units squared. */
std::vector<double> areas(const std::vector<Wkb>& shapes);

/** Polsby-Popper compactness of each shape (polsby_popper()). */
std::vector<double> polsby_popper_scores(const std::vector<Wkb>& shapes);

/** Number of parts of each shape: 1 for a Polygon, n for a MultiPolygon of n polygons. */
std::vector<std::size_t> part_counts(const std::vector<Wkb>& shapes);

/** Centroid (x, y) of each shape; (0, 0) for an empty one. */
std::vector<std::array<double, 2>> centroids(const std::vector<Wkb>& shapes);

}  // namespace locality::geom
