// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "locality/geom/geos_context.hpp"

namespace locality::overlay::detail {

/** Where a point lies for GEOS "covers": covered (interior or boundary), outside, or not decided here. */
enum class Cover : std::uint8_t { outside, covered, unsure };

/**
 * The areas' rings as flat vertex arrays, for an exact point-in-area test without GEOS: the ray
 * crossing count that GEOS's prepared "covers" runs (RayCrossingCounter, over every ring of the area),
 * with GEOS's own floating-point orientation filter. Where that filter cannot decide the side of a
 * segment (a point within rounding of an edge), or for an area with many vertices (GEOS indexes its
 * segments; a scan would be slower), the answer is `unsure` and the caller asks GEOS. So a point on a
 * shared edge or vertex is covered by the same areas as with GEOS, and goes to the same area.
 */
class AreaRings {
public:
    /** Reads the rings of every area; areas it cannot read, or with too many vertices, stay with GEOS. */
    AreaRings(const geom::GeosContext& ctx, const std::vector<const GEOSGeometry*>& areas);

    /** Whether area `i` covers (x, y). */
    Cover covers(std::size_t i, double x, double y) const noexcept;

private:
    std::vector<double> m_xy;                 // every ring's vertices, x, y pairs
    std::vector<std::uint32_t> m_ring_end;    // end of each ring, in points of m_xy
    std::vector<std::uint32_t> m_area_rings;  // rings of area i: [m_area_rings[i], m_area_rings[i + 1])
    std::vector<std::uint8_t> m_with_geos;    // 1: area i is left to GEOS
};

}  // namespace locality::overlay::detail
