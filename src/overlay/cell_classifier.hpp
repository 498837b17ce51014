// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "locality/core/types.hpp"
#include "locality/geom/thread_geometries.hpp"

namespace locality::overlay::detail {

/**
 * A square grid of `side` x `side` cells of width `cell` from (x0, y0). Every cell edge is
 * computed by edge_x / edge_y only, when classifying and when locating, so "a point inside a
 * cell" is tested against exactly the rectangle the classification reasoned about.
 */
struct GridFrame {
    double x0 = 0.0;
    double y0 = 0.0;
    double cell = 0.0;
    std::int64_t side = 0;  // 0 = no grid

    double edge_x(std::int64_t i) const noexcept { return x0 + static_cast<double>(i) * cell; }
    double edge_y(std::int64_t i) const noexcept { return y0 + static_cast<double>(i) * cell; }
};

/** The cells of one area, as row-major indices into the grid (cells off the grid left out). */
struct AreaCells {
    std::vector<std::uint32_t> boundary;  ///< cells its boundary may touch (a superset)
    std::vector<std::uint32_t> interior;  ///< cells proved to lie in its interior, edges included
};

/**
 * Classifies the grid cells of areas without a GEOS call per cell. The rings of the area are
 * walked segment by segment and every cell a segment may touch is marked (with a margin that
 * covers rounding), so an unmarked cell's closed rectangle does not meet the area's boundary
 * and lies wholly inside or wholly outside the area. Unmarked cells connected (by shared cell
 * edges, which the boundary does not cross either) to the frame of cells around the area's
 * envelope are outside; each other connected run of unmarked cells is inside or outside as a
 * whole, and one GEOS "intersects" test of a point of it decides which. Not thread-safe: use
 * one classifier per thread.
 */
class CellClassifier {
public:
    CellClassifier(const GridFrame& frame, const geom::ThreadGeometries& geoms);

    /** Cells of area `area` (envelope `envelope`), boundary and interior lists in ascending order. */
    AreaCells classify(std::size_t area, const Box& envelope);

private:
    void walk(const GEOSGeometry* g);
    void walk_sequence(const GEOSCoordSequence* seq);
    void mark_segment(double u1, double v1, double u2, double v2);
    void mark_cells(std::int64_t c_lo, std::int64_t c_hi, std::int64_t r_lo, std::int64_t r_hi);
    void fill_from(std::size_t seed, std::uint8_t state);
    bool inside(std::size_t area, std::size_t local) const;

    const GridFrame& m_frame;
    const geom::ThreadGeometries& m_geoms;
    double m_margin = 0.0;  // grid units, covers the rounding of every coordinate conversion
    // The local window: the cells around one area's envelope plus a frame one cell wide.
    std::int64_t m_col0 = 0;
    std::int64_t m_row0 = 0;
    std::int64_t m_width = 0;
    std::int64_t m_height = 0;
    std::vector<std::uint8_t> m_state;
    std::vector<std::size_t> m_stack;
    std::vector<double> m_coords;
};

}  // namespace locality::overlay::detail
