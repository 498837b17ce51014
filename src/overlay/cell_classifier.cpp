// SPDX-License-Identifier: MIT
#include "cell_classifier.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "locality/core/error.hpp"

namespace locality::overlay::detail {

namespace {

// Cell states in the local window.
constexpr std::uint8_t k_unknown = 0;
constexpr std::uint8_t k_boundary = 1;
constexpr std::uint8_t k_exterior = 2;
constexpr std::uint8_t k_interior = 3;

std::int64_t floor_index(double u) { return static_cast<std::int64_t>(std::floor(u)); }

}  // namespace

CellClassifier::CellClassifier(const GridFrame& frame, const geom::ThreadGeometries& geoms)
    : m_frame(frame), m_geoms(geoms) {
    // A coordinate becomes grid units as (x - x0) / cell; each of the subtraction, the division and
    // edge_x's product and sum is off by at most half an ulp of the largest magnitude involved.
    // 64 ulps of that magnitude, in cells, plus a fixed 1e-6 cell is far above the sum, and far below
    // a cell, so the margin only ever marks a few cells too many, never one too few.
    const double far = std::max({std::fabs(frame.x0), std::fabs(frame.y0),
                                 std::fabs(frame.edge_x(frame.side)), std::fabs(frame.edge_y(frame.side))});
    m_margin = 1e-6 + 64.0 * std::numeric_limits<double>::epsilon() * far / frame.cell;
}

AreaCells CellClassifier::classify(std::size_t area, const Box& envelope) {
    AreaCells out;
    if (envelope.empty()) {
        return out;
    }
    const double inv = 1.0 / m_frame.cell;
    m_col0 = floor_index((envelope.min_x - m_frame.x0) * inv - m_margin) - 1;
    m_row0 = floor_index((envelope.min_y - m_frame.y0) * inv - m_margin) - 1;
    m_width = floor_index((envelope.max_x - m_frame.x0) * inv + m_margin) + 2 - m_col0;
    m_height = floor_index((envelope.max_y - m_frame.y0) * inv + m_margin) + 2 - m_row0;
    m_state.assign(static_cast<std::size_t>(m_width * m_height), k_unknown);

    walk(m_geoms.geom(area));

    // The frame lies outside the envelope, hence outside the area; so does whatever unmarked cell
    // it reaches.
    for (std::int64_t c = 0; c < m_width; ++c) {
        fill_from(static_cast<std::size_t>(c), k_exterior);
        fill_from(static_cast<std::size_t>((m_height - 1) * m_width + c), k_exterior);
    }
    for (std::int64_t r = 0; r < m_height; ++r) {
        fill_from(static_cast<std::size_t>(r * m_width), k_exterior);
        fill_from(static_cast<std::size_t>(r * m_width + m_width - 1), k_exterior);
    }
    // Every other run of unmarked cells (the area's interior, or a hole) is decided by GEOS once.
    for (std::size_t i = 0; i < m_state.size(); ++i) {
        if (m_state[i] == k_unknown) {
            fill_from(i, inside(area, i) ? k_interior : k_exterior);
        }
    }

    for (std::int64_t r = std::max<std::int64_t>(0, -m_row0); r < m_height; ++r) {
        const std::int64_t row = m_row0 + r;
        if (row >= m_frame.side) {
            break;
        }
        for (std::int64_t c = std::max<std::int64_t>(0, -m_col0); c < m_width; ++c) {
            const std::int64_t col = m_col0 + c;
            if (col >= m_frame.side) {
                break;
            }
            const std::uint8_t state = m_state[static_cast<std::size_t>(r * m_width + c)];
            const auto global = static_cast<std::uint32_t>(row * m_frame.side + col);
            if (state == k_boundary) {
                out.boundary.push_back(global);
            } else if (state == k_interior) {
                out.interior.push_back(global);
            }
        }
    }
    return out;
}

void CellClassifier::walk(const GEOSGeometry* g) {
    GEOSContextHandle_t h = m_geoms.handle();
    if (GEOSisEmpty_r(h, g) == 1) {
        return;
    }
    switch (GEOSGeomTypeId_r(h, g)) {
        case GEOS_POLYGON: {
            walk(GEOSGetExteriorRing_r(h, g));
            const int holes = GEOSGetNumInteriorRings_r(h, g);
            for (int i = 0; i < holes; ++i) {
                walk(GEOSGetInteriorRingN_r(h, g, i));
            }
            return;
        }
        case GEOS_POINT:
        case GEOS_LINESTRING:
        case GEOS_LINEARRING:
            walk_sequence(GEOSGeom_getCoordSeq_r(h, g));
            return;
        default: {
            // Multi-geometries and collections: their parts. A part of a type GEOS reports as an error
            // (-1) would be missed, so it stops the build instead.
            const int parts = GEOSGetNumGeometries_r(h, g);
            if (parts < 0) {
                throw GeometryError("point locator: cannot read the parts of an area: " +
                                    m_geoms.ctx().last_error());
            }
            for (int i = 0; i < parts; ++i) {
                walk(GEOSGetGeometryN_r(h, g, i));
            }
        }
    }
}

void CellClassifier::walk_sequence(const GEOSCoordSequence* seq) {
    GEOSContextHandle_t h = m_geoms.handle();
    unsigned int size = 0;
    if (seq == nullptr || GEOSCoordSeq_getSize_r(h, seq, &size) == 0) {
        throw GeometryError("point locator: cannot read the vertices of an area: " +
                            m_geoms.ctx().last_error());
    }
    m_coords.resize(2 * static_cast<std::size_t>(size));
    if (size == 0) {
        return;
    }
    if (GEOSCoordSeq_copyToBuffer_r(h, seq, m_coords.data(), 0, 0) == 0) {
        throw GeometryError("point locator: cannot read the vertices of an area: " +
                            m_geoms.ctx().last_error());
    }
    const double inv = 1.0 / m_frame.cell;
    double u_prev = (m_coords[0] - m_frame.x0) * inv;
    double v_prev = (m_coords[1] - m_frame.y0) * inv;
    mark_segment(u_prev, v_prev, u_prev, v_prev);  // a lone point, or the first vertex
    for (std::size_t i = 1; i < size; ++i) {
        const double u = (m_coords[2 * i] - m_frame.x0) * inv;
        const double v = (m_coords[2 * i + 1] - m_frame.y0) * inv;
        mark_segment(u_prev, v_prev, u, v);
        u_prev = u;
        v_prev = v;
    }
}

void CellClassifier::mark_segment(double u1, double v1, double u2, double v2) {
    if (u1 > u2) {
        std::swap(u1, u2);
        std::swap(v1, v2);
    }
    const double m = m_margin;
    const double v_min = std::min(v1, v2);
    const double v_max = std::max(v1, v2);
    const std::int64_t c_lo = floor_index(u1 - m);
    const std::int64_t c_hi = floor_index(u2 + m);
    const double du = u2 - u1;
    if (c_lo == c_hi || !(du > 0.0)) {
        mark_cells(c_lo, c_hi, floor_index(v_min - m), floor_index(v_max + m));
        return;
    }
    // Column by column: the part of the segment within the column's slab (widened by the margin)
    // spans rows between its heights at the slab's sides. Grid coordinates stay within a few
    // thousand, so (ua - u1) is off by far less than 1e-9 and the interpolated height by less than
    // 1e-9 per unit of slope, which widens the margin. A steep segment thus widens to its own
    // bounding box at worst, the clamp below.
    const double slope = (v2 - v1) / du;
    const double mv = m + (std::fabs(slope) + 1.0) * 1e-9;
    for (std::int64_t c = c_lo; c <= c_hi; ++c) {
        const double ua = std::max(u1, static_cast<double>(c) - m);
        const double ub = std::min(u2, static_cast<double>(c + 1) + m);
        if (ua > ub) {
            continue;
        }
        const double va = v1 + (ua - u1) * slope;
        const double vb = v1 + (ub - u1) * slope;
        const double lo = std::max(std::min(va, vb) - mv, v_min - m);
        const double hi = std::min(std::max(va, vb) + mv, v_max + m);
        mark_cells(c, c, floor_index(lo), floor_index(hi));
    }
}

void CellClassifier::mark_cells(std::int64_t c_lo, std::int64_t c_hi, std::int64_t r_lo, std::int64_t r_hi) {
    // Clamped to the window for safety; a marked frame cell only means one more GEOS answer.
    c_lo = std::max(c_lo - m_col0, std::int64_t{0});
    c_hi = std::min(c_hi - m_col0, m_width - 1);
    r_lo = std::max(r_lo - m_row0, std::int64_t{0});
    r_hi = std::min(r_hi - m_row0, m_height - 1);
    for (std::int64_t r = r_lo; r <= r_hi; ++r) {
        for (std::int64_t c = c_lo; c <= c_hi; ++c) {
            m_state[static_cast<std::size_t>(r * m_width + c)] = k_boundary;
        }
    }
}

void CellClassifier::fill_from(std::size_t seed, std::uint8_t state) {
    if (m_state[seed] != k_unknown) {
        return;
    }
    const auto width = static_cast<std::size_t>(m_width);
    const std::size_t count = m_state.size();
    m_state[seed] = state;
    m_stack.clear();
    m_stack.push_back(seed);
    while (!m_stack.empty()) {
        const std::size_t i = m_stack.back();
        m_stack.pop_back();
        const std::size_t col = i % width;
        const auto visit = [&](std::size_t j) {
            if (m_state[j] == k_unknown) {
                m_state[j] = state;
                m_stack.push_back(j);
            }
        };
        if (col > 0) {
            visit(i - 1);
        }
        if (col + 1 < width) {
            visit(i + 1);
        }
        if (i >= width) {
            visit(i - width);
        }
        if (i + width < count) {
            visit(i + width);
        }
    }
}

bool CellClassifier::inside(std::size_t area, std::size_t local) const {
    const auto width = static_cast<std::size_t>(m_width);
    const std::int64_t col = m_col0 + static_cast<std::int64_t>(local % width);
    const std::int64_t row = m_row0 + static_cast<std::int64_t>(local / width);
    // The centre of the cell: the boundary does not meet the cell, so GEOS's answer for this one
    // point holds for every point of the run.
    const double x = 0.5 * (m_frame.edge_x(col) + m_frame.edge_x(col + 1));
    const double y = 0.5 * (m_frame.edge_y(row) + m_frame.edge_y(row + 1));
    const geom::GeomPtr point = geom::make_point(m_geoms.ctx(), x, y);
    return m_geoms.predicate(GEOSPreparedIntersects_r(m_geoms.handle(), m_geoms.prepared(area), point.get()),
                             "prepared intersects");
}

}  // namespace locality::overlay::detail
