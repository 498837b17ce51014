// SPDX-License-Identifier: MIT
#include "area_rings.hpp"

#include <limits>

#include "locality/geom/ring_vertices.hpp"

namespace locality::overlay::detail {

namespace {

// Above this many vertices an area is left to GEOS, whose prepared geometry indexes the segments by
// y: the scan below visits every segment of the area.
constexpr std::size_t k_max_scanned_points = 256;

/**
 * Sign of the orientation of c against the line a -> b (1 left, -1 right, 0 on it), or 2 when
 * rounding could change it: GEOS's CGAlgorithmsDD::orientationIndexFilter, term for term, so that
 * every decided sign is the one GEOS computes.
 */
int orientation_filter(double pax, double pay, double pbx, double pby, double pcx, double pcy) noexcept {
    constexpr double k_safe_epsilon = 1e-15;  // GEOS's DP_SAFE_EPSILON
    const double detleft = (pax - pcx) * (pby - pcy);
    const double detright = (pay - pcy) * (pbx - pcx);
    const double det = detleft - detright;
    const auto sign = [](double v) { return v > 0.0 ? 1 : (v < 0.0 ? -1 : 0); };
    double detsum = 0.0;
    if (detleft > 0.0) {
        if (detright <= 0.0) {
            return sign(det);
        }
        detsum = detleft + detright;
    } else if (detleft < 0.0) {
        if (detright >= 0.0) {
            return sign(det);
        }
        detsum = -detleft - detright;
    } else {
        return sign(det);
    }
    const double errbound = k_safe_epsilon * detsum;
    if (det >= errbound || -det >= errbound) {
        return sign(det);
    }
    return 2;
}

}  // namespace

AreaRings::AreaRings(const geom::GeosContext& ctx, const std::vector<const GEOSGeometry*>& areas) {
    m_area_rings.reserve(areas.size() + 1);
    m_area_rings.push_back(0);
    m_with_geos.assign(areas.size(), 0);
    for (std::size_t i = 0; i < areas.size(); ++i) {
        const std::size_t xy_before = m_xy.size();
        const std::size_t rings_before = m_ring_end.size();
        const bool read = geom::for_each_ring(ctx, areas[i], [&](bool, const std::vector<double>& xy) {
            m_xy.insert(m_xy.end(), xy.begin(), xy.end());
            m_ring_end.push_back(static_cast<std::uint32_t>(m_xy.size() / 2));
        });
        const std::size_t points = (m_xy.size() - xy_before) / 2;
        if (!read || points > k_max_scanned_points ||
            m_xy.size() / 2 >= std::numeric_limits<std::uint32_t>::max()) {
            m_xy.resize(xy_before);
            m_ring_end.resize(rings_before);
            m_with_geos[i] = 1;
        }
        m_area_rings.push_back(static_cast<std::uint32_t>(m_ring_end.size()));
    }
    m_xy.shrink_to_fit();
}

Cover AreaRings::covers(std::size_t i, double px, double py) const noexcept {
    if (m_with_geos[i] != 0) {
        return Cover::unsure;
    }
    // GEOS's RayCrossingCounter::countSegment over every segment of every ring (the order does not
    // matter: a point on a segment is on the boundary whatever else is counted).
    std::size_t crossings = 0;
    std::uint32_t start = m_area_rings[i] == 0 ? 0 : m_ring_end[m_area_rings[i] - 1];
    for (std::uint32_t r = m_area_rings[i]; r < m_area_rings[i + 1]; ++r) {
        const std::uint32_t end = m_ring_end[r];
        for (std::uint32_t k = start; k + 1 < end; ++k) {
            const double x1 = m_xy[2 * k];
            const double y1 = m_xy[2 * k + 1];
            const double x2 = m_xy[2 * k + 2];
            const double y2 = m_xy[2 * k + 3];
            if (x1 < px && x2 < px) {
                continue;  // wholly left of the point
            }
            if (px == x2 && py == y2) {
                return Cover::covered;  // on a vertex
            }
            if (y1 == py && y2 == py) {  // horizontal, on the point's line
                if ((x1 <= px && px <= x2) || (x2 <= px && px <= x1)) {
                    return Cover::covered;
                }
                continue;
            }
            // Upward edges include their start and exclude their end, downward ones the reverse.
            if ((y1 > py && y2 <= py) || (y2 > py && y1 <= py)) {
                int orient = orientation_filter(x1, y1, x2, y2, px, py);
                if (orient == 2) {
                    return Cover::unsure;
                }
                if (orient == 0) {
                    return Cover::covered;  // on the segment
                }
                if (y2 < y1) {
                    orient = -orient;
                }
                crossings += orient == 1 ? 1 : 0;
            }
        }
        start = end;
    }
    return crossings % 2 == 1 ? Cover::covered : Cover::outside;
}

}  // namespace locality::overlay::detail
