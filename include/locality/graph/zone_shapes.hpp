// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

namespace locality::graph {

/**
 * The geometry a shape objective needs, as plain numbers over a contiguity graph: each zone's area
 * and perimeter and, per neighbour slot (the order of graph.begin(z)..end(z)), the length of the
 * border the two zones share. A group of zones then has perimeter = sum of its perimeters - twice
 * its inner borders, so moving one zone changes it in O(degree).
 */
struct ZoneShapes {
    std::vector<double> area;       ///< per zone, working-CRS square units
    std::vector<double> perimeter;  ///< per zone, boundary length (outer and shared borders)
    std::vector<double> shared;     ///< per slot; the same from either end; 0 for a bridge
};

}  // namespace locality::graph
