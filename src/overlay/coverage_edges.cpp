// SPDX-License-Identifier: MIT
#include "coverage_edges.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <tuple>

#include "locality/geom/polygon_parts.hpp"
#include "locality/geom/ring_vertices.hpp"

namespace locality::overlay::detail {

namespace {

/** One edge of an area, its end points in (x, y) order; `forward`: the area lies left of lo -> hi. */
struct Edge {
    double lo_x, lo_y, hi_x, hi_y;
    bool forward;
};

bool segment_less(const Edge& a, const Edge& b) {
    return std::tie(a.lo_x, a.lo_y, a.hi_x, a.hi_y, a.forward) <
           std::tie(b.lo_x, b.lo_y, b.hi_x, b.hi_y, b.forward);
}
bool same_segment(const Edge& a, const Edge& b) {
    return a.lo_x == b.lo_x && a.lo_y == b.lo_y && a.hi_x == b.hi_x && a.hi_y == b.hi_y;
}

/** Twice the signed area (shoelace): positive for a counter-clockwise ring. */
double twice_signed_area(const std::vector<double>& xy) {
    double sum = 0.0;
    for (std::size_t i = 0; i + 3 < xy.size(); i += 2) {
        sum += (xy[i] - xy[0]) * (xy[i + 3] - xy[1]) - (xy[i + 2] - xy[0]) * (xy[i + 1] - xy[1]);
    }
    return sum;
}

/** Adds the edges of every ring of a polygonal geometry; false for anything else or a flat ring. */
bool add_edges(const geom::GeosContext& ctx, const GEOSGeometry* g, std::vector<Edge>& edges) {
    bool flat = false;
    const bool read = geom::for_each_ring(ctx, g, [&](bool shell, const std::vector<double>& xy) {
        const double a2 = twice_signed_area(xy);
        flat = flat || a2 == 0.0;
        // A shell's area is left of its edges when it turns counter-clockwise, a hole's when it turns
        // clockwise.
        const bool left = shell == (a2 > 0.0);
        geom::for_each_ordered_segment(xy, [&](double ax, double ay, double bx, double by, bool reversed) {
            edges.push_back({ax, ay, bx, by, left != reversed});
        });
    });
    return read && !flat;
}

/** What is left of each segment once its uses in opposite directions cancel out. */
std::vector<Edge> free_edges(std::vector<Edge>& edges) {
    std::sort(edges.begin(), edges.end(), segment_less);
    std::vector<Edge> free;
    for (std::size_t i = 0; i < edges.size();) {
        std::size_t j = i;
        long net = 0;
        for (; j < edges.size() && same_segment(edges[i], edges[j]); ++j) {
            net += edges[j].forward ? 1 : -1;
        }
        for (long k = 0; k < std::labs(net); ++k) {
            free.push_back({edges[i].lo_x, edges[i].lo_y, edges[i].hi_x, edges[i].hi_y, net > 0});
        }
        i = j;
    }
    return free;
}

/**
 * Winding numbers of the free edges, each taken from lo to hi when forward and back otherwise, by a
 * rightward ray: the edges are kept in horizontal bands so that a point meets only those of its band.
 */
class Winding {
public:
    explicit Winding(const std::vector<Edge>& free) : m_free(free) {
        if (free.empty()) {
            return;
        }
        m_y0 = free.front().lo_y;
        double y1 = m_y0;
        for (const Edge& e : free) {
            m_y0 = std::min({m_y0, e.lo_y, e.hi_y});
            y1 = std::max({y1, e.lo_y, e.hi_y});
        }
        // About 16 edges a band, fewer bands while long edges would sit in too many of them.
        for (m_bands = std::max<std::size_t>(1, free.size() / 16);; m_bands /= 2) {
            m_height = (y1 - m_y0) / static_cast<double>(m_bands);
            if (!(m_height > 0.0)) {
                m_bands = 1;
                m_height = 1.0;
            }
            std::size_t items = 0;
            for (const Edge& e : free) {
                items += band(std::max(e.lo_y, e.hi_y)) - band(std::min(e.lo_y, e.hi_y)) + 1;
            }
            if (m_bands == 1 || items <= 8 * free.size()) {
                break;
            }
        }
        m_start.assign(m_bands + 1, 0);
        for_each_band([&](std::size_t b, std::size_t) { ++m_start[b + 1]; });
        for (std::size_t b = 0; b < m_bands; ++b) {
            m_start[b + 1] += m_start[b];
        }
        m_items.resize(m_start[m_bands]);
        std::vector<std::size_t> fill(m_start.begin(), m_start.end() - 1);
        for_each_band([&](std::size_t b, std::size_t e) { m_items[fill[b]++] = e; });
    }

    /** The winding number around (x, y), or nothing when (x, y) lies on an edge or within rounding of one. */
    std::optional<long> around(double x, double y) const {
        if (m_free.empty()) {
            return 0L;
        }
        const std::size_t b = band(y);
        long winding = 0;
        for (std::size_t k = m_start[b]; k < m_start[b + 1]; ++k) {
            const Edge& e = m_free[m_items[k]];
            if (!((e.lo_y <= y && y < e.hi_y) || (e.hi_y <= y && y < e.lo_y))) {
                if (e.lo_y == y && e.hi_y == y && std::min(e.lo_x, e.hi_x) <= x &&
                    x <= std::max(e.lo_x, e.hi_x)) {
                    return std::nullopt;  // on a horizontal edge
                }
                continue;
            }
            // Side of (x, y) from the lower end to the upper end; the error bound keeps the sign exact.
            const bool lo_below = e.lo_y < e.hi_y;
            const double ax = lo_below ? e.lo_x : e.hi_x;
            const double ay = lo_below ? e.lo_y : e.hi_y;
            const double bx = lo_below ? e.hi_x : e.lo_x;
            const double by = lo_below ? e.hi_y : e.lo_y;
            const double left = (bx - ax) * (y - ay);
            const double right = (by - ay) * (x - ax);
            const double det = left - right;
            if (std::fabs(det) <= 1e-12 * (std::fabs(left) + std::fabs(right))) {
                return std::nullopt;
            }
            if (det > 0.0) {  // the upward edge passes right of the point: the ray crosses it
                const bool upward = e.forward == lo_below;
                winding += upward ? 1 : -1;
            }
        }
        return winding;
    }

private:
    std::size_t band(double y) const {
        const double f = (y - m_y0) / m_height;
        if (!(f > 0.0)) {
            return 0;
        }
        return std::min(m_bands - 1, static_cast<std::size_t>(f));
    }
    template <typename F>
    void for_each_band(F&& f) const {
        for (std::size_t e = 0; e < m_free.size(); ++e) {
            const Edge& edge = m_free[e];
            const std::size_t first = band(std::min(edge.lo_y, edge.hi_y));
            const std::size_t last = band(std::max(edge.lo_y, edge.hi_y));
            for (std::size_t b = first; b <= last; ++b) {
                f(b, e);
            }
        }
    }

    const std::vector<Edge>& m_free;
    double m_y0 = 0.0;
    double m_height = 1.0;
    std::size_t m_bands = 1;
    std::vector<std::size_t> m_start;
    std::vector<std::size_t> m_items;
};

/**
 * The free edges as a MultiLineString, chained into lines through every vertex where exactly two of
 * them meet: GEOS nodes and polygonizes a few long lines much faster than many two-point ones.
 */
geom::GeomPtr as_lines(const geom::GeosContext& ctx, const std::vector<Edge>& free) {
    // The end points, grouped by position: (x, y, edge * 2 + end).
    struct End {
        double x, y;
        std::size_t slot;
    };
    std::vector<End> ends;
    ends.reserve(2 * free.size());
    for (std::size_t e = 0; e < free.size(); ++e) {
        ends.push_back({free[e].lo_x, free[e].lo_y, 2 * e});
        ends.push_back({free[e].hi_x, free[e].hi_y, 2 * e + 1});
    }
    std::sort(ends.begin(), ends.end(), [](const End& a, const End& b) {
        return std::tie(a.x, a.y, a.slot) < std::tie(b.x, b.y, b.slot);
    });
    // The other edge end at the same vertex, when the vertex has exactly two; none otherwise.
    constexpr std::size_t k_none = static_cast<std::size_t>(-1);
    std::vector<std::size_t> partner(2 * free.size(), k_none);
    for (std::size_t i = 0; i < ends.size();) {
        std::size_t j = i;
        while (j < ends.size() && ends[j].x == ends[i].x && ends[j].y == ends[i].y) {
            ++j;
        }
        if (j - i == 2) {
            partner[ends[i].slot] = ends[i + 1].slot;
            partner[ends[i + 1].slot] = ends[i].slot;
        }
        i = j;
    }
    const GEOSContextHandle_t h = ctx.handle();
    std::vector<geom::GeomPtr> lines;
    std::vector<bool> used(free.size(), false);
    std::vector<double> xy;
    const auto point = [&](std::size_t slot) {
        const Edge& e = free[slot / 2];
        xy.push_back(slot % 2 == 0 ? e.lo_x : e.hi_x);
        xy.push_back(slot % 2 == 0 ? e.lo_y : e.hi_y);
    };
    // From the end `slot` of an unused edge, along the chain, to a vertex that is not a through vertex.
    const auto walk = [&](std::size_t slot) {
        xy.clear();
        point(slot);
        while (!used[slot / 2]) {
            used[slot / 2] = true;
            const std::size_t far = slot ^ 1U;
            point(far);
            if (partner[far] == k_none) {
                break;
            }
            slot = partner[far];
        }
        GEOSCoordSequence* seq =
            GEOSCoordSeq_copyFromBuffer_r(h, xy.data(), static_cast<unsigned int>(xy.size() / 2), 0, 0);
        lines.push_back(geom::check(ctx, seq == nullptr ? nullptr : GEOSGeom_createLineString_r(h, seq)));
    };
    for (std::size_t slot = 0; slot < partner.size(); ++slot) {
        if (!used[slot / 2] && partner[slot] == k_none) {
            walk(slot);  // chains with an end
        }
    }
    for (std::size_t e = 0; e < free.size(); ++e) {
        if (!used[e]) {
            walk(2 * e);  // closed chains
        }
    }
    return geom::make_collection(ctx, GEOS_MULTILINESTRING, std::move(lines));
}

/** Frees a geometry GEOS handed back and says how many parts it had. */
int parts_of(GEOSContextHandle_t h, GEOSGeometry* g) {
    const geom::GeomPtr owned(g, geom::GeomDeleter{h});
    return g == nullptr ? 0 : GEOSGetNumGeometries_r(h, g);
}

}  // namespace

std::optional<EdgeCoverage> coverage_from_edges(const geom::ThreadGeometries& areas) {
    const geom::GeosContext& ctx = areas.ctx();
    const GEOSContextHandle_t h = ctx.handle();
    std::vector<Edge> edges;
    for (std::size_t i = 0; i < areas.size(); ++i) {
        if (!add_edges(ctx, areas.geom(i), edges)) {
            return std::nullopt;
        }
    }
    const std::vector<Edge> free = free_edges(edges);
    std::vector<Edge>().swap(edges);
    EdgeCoverage result;
    if (free.empty()) {
        return result;
    }
    const Winding winding(free);
    // Noded (split wherever one crosses or touches another, duplicates merged), then the faces.
    const geom::GeomPtr noded = geom::check(ctx, GEOSNode_r(h, as_lines(ctx, free).get()));
    GEOSGeometry* cuts = nullptr;
    GEOSGeometry* dangles = nullptr;
    GEOSGeometry* invalid = nullptr;
    const geom::GeomPtr faces =
        geom::check(ctx, GEOSPolygonize_full_r(h, noded.get(), &cuts, &dangles, &invalid));
    parts_of(h, cuts);
    parts_of(h, dangles);
    if (parts_of(h, invalid) != 0) {
        return std::nullopt;
    }
    const int count = GEOSGetNumGeometries_r(h, faces.get());
    for (int k = 0; k < count; ++k) {
        const GEOSGeometry* face = GEOSGetGeometryN_r(h, faces.get(), k);
        const geom::GeomPtr inside = geom::check(ctx, GEOSPointOnSurface_r(h, face));
        double x = 0.0;
        double y = 0.0;
        if (GEOSGeomGetX_r(h, inside.get(), &x) == 0 || GEOSGeomGetY_r(h, inside.get(), &y) == 0) {
            return std::nullopt;
        }
        const std::optional<long> depth = winding.around(x, y);
        if (!depth || *depth < 0) {
            return std::nullopt;
        }
        if (*depth == 0) {
            // A hole of the union. Two faces of depth 0 never share an edge (each side of a free edge
            // that cancels out lies in an area), so each is a hole by itself, as GEOS makes them.
            GEOSGeometry* shell =
                geom::check(ctx, GEOSGeom_clone_r(h, GEOSGetExteriorRing_r(h, face))).release();
            result.holes.push_back(geom::check(ctx, GEOSGeom_createPolygon_r(h, shell, nullptr, 0)));
        } else if (*depth > 1) {
            result.overlap_m2 += static_cast<double>(*depth - 1) * geom::area(ctx, face);
        }
    }
    return result;
}

}  // namespace locality::overlay::detail
