// SPDX-License-Identifier: MIT
#include "locality/graph/build_contiguity.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <boost/pending/disjoint_sets.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>
#include <utility>

#include "locality/core/error.hpp"
#include "locality/geom/ring_vertices.hpp"
#include "locality/geom/spatial_index.hpp"
#include "locality/geom/thread_geometries.hpp"
#include "locality/geom/validity.hpp"
#include "shared_segments.hpp"

namespace locality::graph {

namespace {

using geom::EnvelopeIndex;
using geom::ThreadGeometries;

// Areas per progress step: large enough to keep the workers busy, small enough that cancelling
// answers within a fraction of a second on real tract files.
constexpr std::size_t k_progress_block = 256;

std::size_t index(ZoneId z) { return static_cast<std::size_t>(z); }

// Euclidean distance between two envelopes: a lower bound of the distance between what they hold.
double box_distance(const Box& a, const Box& b) {
    const double dx = std::max({0.0, b.min_x - a.max_x, a.min_x - b.max_x});
    const double dy = std::max({0.0, b.min_y - a.max_y, a.min_y - b.max_y});
    return std::hypot(dx, dy);
}

Box envelope_of(const ThreadGeometries& geoms, ZoneId z) {
    try {
        return geom::envelope(geoms.ctx(), geoms.geom(index(z)));
    } catch (const GeometryError& e) {
        throw GeometryError("area " + std::to_string(z) + ": " + e.what());
    }
}

// Every TBB worker parses the areas it needs into its own GEOS context, lazily, and keeps them for
// the rest of the build (GEOS handles are not thread-safe).
ThreadGeometries thread_areas(const std::vector<geom::Wkb>& areas) {
    return ThreadGeometries(areas, "area", " (re-export the area layer)");
}

using ThreadStates = tbb::enumerable_thread_specific<ThreadGeometries>;

// Neighbours of `i` with a higher id (each pair is tested once, by its lower zone).
std::vector<ZoneId> higher_neighbours(const ThreadGeometries& state, const EnvelopeIndex& tree,
                                      const std::vector<Box>& boxes, ZoneId i, double tolerance,
                                      std::vector<std::size_t>& candidates) {
    std::vector<ZoneId> out;
    if (boxes[index(i)].empty()) {
        return out;
    }
    candidates.clear();
    tree.query(boxes[index(i)].buffered(tolerance), candidates);  // ascending
    for (const std::size_t j : candidates) {
        if (j > index(i)) {
            out.push_back(static_cast<ZoneId>(j));
        }
    }
    if (out.empty()) {
        return out;
    }
    const GEOSContextHandle_t h = state.handle();
    // Prepared for this one test, not kept: each area is the lower zone of its pairs only once.
    const geom::PreparedPtr prepared = geom::prepare(state.ctx(), state.geom(index(i)));
    std::size_t kept = 0;
    for (const ZoneId j : out) {
        const GEOSGeometry* other = state.geom(index(j));
        // Prepared intersects first: most neighbours in a boundary file touch or overlap, and on
        // large polygons it is ~50x cheaper than distance-within (measured on NYC school
        // districts). It also makes a single shared corner count (queen).
        char within = GEOSPreparedIntersects_r(h, prepared.get(), other);
        if (within == 0 && tolerance > 0.0) {
            within = GEOSPreparedDistanceWithin_r(h, prepared.get(), other, tolerance);
        }
        if (within == 2) {
            throw GeometryError("areas " + std::to_string(i) + " and " + std::to_string(j) +
                                ": GEOS contiguity test failed: " + state.ctx().last_error() +
                                " (repair the area layer)");
        }
        if (within == 1) {
            out[kept++] = j;
        }
    }
    out.resize(kept);
    return out;
}

}  // namespace

ContiguityGraph build_contiguity(const std::vector<geom::Wkb>& areas, const ContiguityOptions& options,
                                 const ProgressSink& progress) {
    if (!(options.tolerance >= 0.0) || !std::isfinite(options.tolerance)) {
        throw UsageError("contiguity tolerance must be a finite distance >= 0, got " +
                         std::to_string(options.tolerance));
    }
    const std::size_t n = areas.size();
    const ScaledProgress report(progress, 0.0, 1.0);
    report.report(0.0, "contiguity");

    ThreadStates states([&] { return thread_areas(areas); });
    std::vector<Box> boxes(n);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const tbb::blocked_range<std::size_t>& r) {
        const ThreadGeometries& state = states.local();
        for (std::size_t z = r.begin(); z != r.end(); ++z) {
            boxes[z] = envelope_of(state, static_cast<ZoneId>(z));
        }
    });
    const EnvelopeIndex tree(boxes);

    // Each area's higher neighbours land in its own slot, and the slots are merged in zone order:
    // the edge list is the same whatever the number of threads or the scheduling.
    std::vector<std::vector<ZoneId>> higher(n);
    for (std::size_t block = 0; block < n; block += k_progress_block) {
        report.report(0.05 + 0.9 * static_cast<double>(block) / static_cast<double>(n), "contiguity");
        const std::size_t block_end = std::min(n, block + k_progress_block);
        tbb::parallel_for(tbb::blocked_range<std::size_t>(block, block_end, 4),
                          [&](const tbb::blocked_range<std::size_t>& r) {
                              const ThreadGeometries& state = states.local();
                              std::vector<std::size_t> candidates;
                              for (std::size_t z = r.begin(); z != r.end(); ++z) {
                                  higher[z] = higher_neighbours(state, tree, boxes, static_cast<ZoneId>(z),
                                                                options.tolerance, candidates);
                              }
                          });
    }

    std::vector<std::pair<ZoneId, ZoneId>> edges;
    for (std::size_t z = 0; z < n; ++z) {
        for (const ZoneId j : higher[z]) {
            edges.emplace_back(static_cast<ZoneId>(z), j);
        }
    }
    ContiguityGraph graph(n, edges);
    report.report(1.0, "contiguity");
    return graph;
}

namespace {

double length_of(const geom::GeosContext& ctx, const GEOSGeometry* g, ZoneId z) {
    double length = 0.0;
    if (GEOSLength_r(ctx.handle(), g, &length) == 0) {
        throw GeometryError("area " + std::to_string(z) +
                            ": GEOS could not measure a length: " + ctx.last_error());
    }
    return length;
}

/** Length of `boundary` (of zone z) inside `near` (zone j grown by the tolerance). */
double shared_length(const geom::GeosContext& ctx, const GEOSGeometry* boundary, const GEOSGeometry* near,
                     ZoneId z, ZoneId j) {
    const geom::GeomPtr common(GEOSIntersection_r(ctx.handle(), boundary, near));
    if (!common) {
        throw GeometryError("areas " + std::to_string(z) + " and " + std::to_string(j) +
                            ": GEOS could not intersect their borders: " + ctx.last_error() +
                            " (repair the area layer)");
    }
    return length_of(ctx, common.get(), z);
}

}  // namespace

namespace {

ZoneShapes measure_zone_borders(const ContiguityGraph& graph, const std::vector<geom::Wkb>& areas,
                                const ContiguityOptions& options, bool from_segments) {
    const std::size_t n = areas.size();
    if (graph.zone_count() != n) {
        throw InputError("measuring borders needs one geometry per zone: got " + std::to_string(n) +
                         " geometries for " + std::to_string(graph.zone_count()) + " zones");
    }
    ZoneShapes out;
    out.area.assign(n, 0.0);
    out.perimeter.assign(n, 0.0);
    out.shared.assign(2 * graph.edge_count(), 0.0);
    const ZoneId* first = n > 0 ? graph.begin(0) : nullptr;
    ThreadStates states([&] { return thread_areas(areas); });
    std::vector<detail::ZoneSegments> segments(from_segments ? n : 0);
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, n, 8), [&](const tbb::blocked_range<std::size_t>& r) {
            const ThreadGeometries& state = states.local();
            const geom::GeosContext& ctx = state.ctx();
            for (std::size_t z = r.begin(); z != r.end(); ++z) {
                const auto id = static_cast<ZoneId>(z);
                const GEOSGeometry* g = state.geom(z);
                out.area[z] = geom::area(ctx, g);
                const geom::GeomPtr boundary = geom::check(ctx, GEOSBoundary_r(ctx.handle(), g));
                out.perimeter[z] = length_of(ctx, boundary.get(), id);
                if (from_segments) {
                    detail::ZoneSegments& mine = segments[z];
                    mine.readable = geom::for_each_ring(ctx, g, [&](bool, const std::vector<double>& xy) {
                        detail::add_ring_segments(xy, mine);
                    });
                }
            }
        });
    // Borders made of identical segments are summed from one sort of all the segments; GEOS measures
    // the others (see shared_segments.hpp).
    detail::SegmentBorders matched;
    if (from_segments) {
        matched = detail::borders_from_segments(graph, segments);
        std::vector<detail::ZoneSegments>().swap(segments);
    } else {
        matched.exact.assign(out.shared.size(), 0);
    }
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, n, 8), [&](const tbb::blocked_range<std::size_t>& r) {
            const ThreadGeometries& state = states.local();
            const geom::GeosContext& ctx = state.ctx();
            for (std::size_t z = r.begin(); z != r.end(); ++z) {
                const auto id = static_cast<ZoneId>(z);
                const GEOSGeometry* g = state.geom(z);
                // Each edge is measured once, from its lower zone; the higher end copies it below. Borders
                // that coincide are measured exactly; across a gap or overlap (no common line), the higher
                // zone's boundary within the tolerance of the lower zone (grown once) counts.
                geom::GeomPtr boundary;
                geom::GeomPtr grown;
                for (const ZoneId* it = graph.begin(id); it != graph.end(id); ++it) {
                    if (*it < id) continue;
                    const auto slot = static_cast<std::size_t>(it - first);
                    if (matched.exact[slot] != 0) {
                        out.shared[slot] = matched.length[slot];
                        continue;
                    }
                    if (!boundary) boundary = geom::check(ctx, GEOSBoundary_r(ctx.handle(), g));
                    const geom::GeomPtr other = geom::check(
                        ctx, GEOSBoundary_r(ctx.handle(), state.geom(static_cast<std::size_t>(*it))));
                    double length = shared_length(ctx, other.get(), boundary.get(), id, *it);
                    if (length <= 0.0 && options.tolerance > 0.0) {
                        if (!grown)
                            grown = geom::check(ctx, GEOSBuffer_r(ctx.handle(), g, options.tolerance, 2));
                        length = shared_length(ctx, other.get(), grown.get(), id, *it);
                    }
                    out.shared[slot] = length;
                }
            }
        });
    for (std::size_t z = 0; z < n; ++z) {
        const auto id = static_cast<ZoneId>(z);
        for (const ZoneId* it = graph.begin(id); it != graph.end(id); ++it) {
            const std::size_t slot = static_cast<std::size_t>(it - first);
            if (*it > id) {
                double& length = out.shared[slot];
                length = std::min({length, out.perimeter[z], out.perimeter[index(*it)]});
            } else {
                const ZoneId* back = std::lower_bound(graph.begin(*it), graph.end(*it), id);
                out.shared[slot] = out.shared[static_cast<std::size_t>(back - first)];
            }
        }
    }
    return out;
}

}  // namespace

ZoneShapes measure_borders(const ContiguityGraph& graph, const std::vector<geom::Wkb>& areas,
                           const ContiguityOptions& options) {
    return measure_zone_borders(graph, areas, options, true);
}

ZoneShapes detail::measure_borders_by_geos(const ContiguityGraph& graph, const std::vector<geom::Wkb>& areas,
                                           const ContiguityOptions& options) {
    return measure_zone_borders(graph, areas, options, false);
}

namespace {

/** The shortest link found so far out of one group of components; ordered by (distance, ids). */
struct Link {
    double distance = std::numeric_limits<double>::infinity();
    ZoneId low = k_no_zone;
    ZoneId high = k_no_zone;

    bool valid() const noexcept { return low != k_no_zone; }
    // A strict total order: exact ties in distance go to the lowest zone ids, which keeps
    // Borůvka from closing a cycle and makes the result reproducible.
    bool operator<(const Link& other) const noexcept {
        return std::tie(distance, low, high) < std::tie(other.distance, other.low, other.high);
    }
};

/** Geometry and index shared by the bridging rounds (one GEOS context: bridging is sequential). */
class BridgeSearch {
public:
    BridgeSearch(const std::vector<geom::Wkb>& areas, const Components& comps)
        : m_comps(comps), m_geoms(thread_areas(areas)), m_boxes(boxes_of(m_geoms)), m_tree(m_boxes) {
        Box all;
        for (const Box& b : m_boxes) {
            all.expand(b);
        }
        m_extent = std::hypot(all.max_x - all.min_x, all.max_y - all.min_y);
        // A floor for the first window, so degenerate (point-like) areas still grow it.
        m_min_radius = std::max(m_extent * 1e-6, std::numeric_limits<double>::min());
        check_every_component_has_geometry();
    }

    /**
     * Improves `best` with the shortest link from zone `a` to a zone whose component is in another
     * group (`group_of` maps a component to its current group). Searches a window around `a`: every
     * zone whose envelope lies within the best exact distance found so far (an envelope distance is
     * a lower bound of the polygon distance, so nothing outside can do better); while nothing is
     * known yet the window doubles until a zone of another group turns up.
     */
    template <typename GroupOf>
    void improve(ZoneId a, const GroupOf& group_of, Link& best) const {
        if (m_boxes[index(a)].empty()) {
            return;
        }
        const Box& box_a = m_boxes[index(a)];
        const int group_a = group_of(m_comps.component[index(a)]);
        const Box& b = m_boxes[index(a)];
        // Start with a window the size of the area itself: islands usually face their nearest
        // neighbour across a strait narrower than themselves.
        double radius = std::max({b.max_x - b.min_x, b.max_y - b.min_y, m_min_radius});
        std::vector<std::pair<double, ZoneId>> candidates;
        std::vector<std::size_t> found;
        while (true) {
            const double window = best.valid() ? best.distance : radius;
            candidates.clear();
            found.clear();
            m_tree.query(b.buffered(window), found);
            for (const std::size_t z : found) {
                const double d = box_distance(box_a, m_boxes[z]);
                if (d <= window && group_of(m_comps.component[z]) != group_a) {
                    candidates.emplace_back(d, static_cast<ZoneId>(z));
                }
            }
            // Nearest envelopes first, so the bound tightens before the far candidates are measured.
            std::sort(candidates.begin(), candidates.end());
            for (const auto& [envelope_distance, other] : candidates) {
                if (envelope_distance > best.distance) {
                    break;
                }
                Link candidate;
                candidate.low = std::min(a, other);
                candidate.high = std::max(a, other);
                candidate.distance = distance(candidate.low, candidate.high);
                if (candidate < best) {
                    best = candidate;
                }
            }
            // Done once the window covered the best distance, or the whole layer (no other group).
            if ((best.valid() && best.distance <= window) || window >= m_extent) {
                return;
            }
            radius = best.valid() ? best.distance : 2.0 * radius;
        }
    }

private:
    // Always called as (low, high) so the same pair gives bit-identical results from either side.
    double distance(ZoneId low, ZoneId high) const {
        double d = 0.0;
        if (GEOSDistance_r(m_geoms.handle(), m_geoms.geom(index(low)), m_geoms.geom(index(high)), &d) == 0) {
            throw GeometryError("areas " + std::to_string(low) + " and " + std::to_string(high) +
                                ": GEOS distance failed: " + m_geoms.ctx().last_error() +
                                " (repair the area layer)");
        }
        return d;
    }

    void check_every_component_has_geometry() const {
        std::vector<char> has_geometry(static_cast<std::size_t>(m_comps.count), 0);
        for (std::size_t z = 0; z < m_boxes.size(); ++z) {
            has_geometry[static_cast<std::size_t>(m_comps.component[z])] |=
                static_cast<char>(!m_boxes[z].empty());
        }
        for (std::size_t z = 0; z < m_boxes.size(); ++z) {
            if (has_geometry[static_cast<std::size_t>(m_comps.component[z])] == 0) {
                throw InputError("area " + std::to_string(z) +
                                 " has an empty geometry and no neighbours, so it cannot be bridged: drop or "
                                 "repair it in the area layer");
            }
        }
    }

    static std::vector<Box> boxes_of(const ThreadGeometries& geoms) {
        std::vector<Box> boxes;
        boxes.reserve(geoms.size());
        for (std::size_t z = 0; z < geoms.size(); ++z) {
            boxes.push_back(envelope_of(geoms, static_cast<ZoneId>(z)));
        }
        return boxes;
    }

    const Components& m_comps;
    ThreadGeometries m_geoms;  // one GEOS context: bridging is sequential
    std::vector<Box> m_boxes;
    EnvelopeIndex m_tree;
    double m_extent = 0.0;      ///< diagonal of all envelopes: no window needs to be wider
    double m_min_radius = 0.0;  ///< smallest first window
};

}  // namespace

std::vector<Bridge> bridge_components(const ContiguityGraph& graph, const std::vector<geom::Wkb>& areas) {
    if (areas.size() != graph.zone_count()) {
        throw InputError("bridging needs one geometry per zone: got " + std::to_string(areas.size()) +
                         " geometries for " + std::to_string(graph.zone_count()) + " zones");
    }
    const Components comps = connected_components(graph);
    if (comps.count <= 1) {
        return {};
    }
    const BridgeSearch search(areas, comps);

    // Borůvka over components: each round, every group of already-joined components takes its
    // shortest outgoing link (which belongs to the minimum spanning tree by the cut property), and
    // the groups merge. At most log2(count) rounds, each one windowed R-tree search per zone; no
    // all-pairs loop. With the strict order on links the result is the tree Kruskal would return.
    const auto count = static_cast<std::size_t>(comps.count);
    std::vector<int> rank(count, 0);
    std::vector<int> parent(count, 0);
    boost::disjoint_sets<int*, int*> groups(rank.data(), parent.data());
    for (std::size_t c = 0; c < count; ++c) {
        groups.make_set(static_cast<int>(c));
    }
    const auto group_of = [&groups](int c) { return groups.find_set(c); };

    std::vector<Link> tree_links;
    while (tree_links.size() + 1 < count) {
        std::vector<Link> best(count);  // indexed by group representative
        for (std::size_t z = 0; z < areas.size(); ++z) {
            const auto a = static_cast<ZoneId>(z);
            search.improve(a, group_of, best[static_cast<std::size_t>(group_of(comps.component[z]))]);
        }
        const std::size_t before = tree_links.size();
        for (const Link& link : best) {
            // Two groups often pick the same link; the second sees them already merged.
            if (link.valid() &&
                group_of(comps.component[index(link.low)]) != group_of(comps.component[index(link.high)])) {
                groups.union_set(comps.component[index(link.low)], comps.component[index(link.high)]);
                tree_links.push_back(link);
            }
        }
        if (tree_links.size() == before) {
            throw GeometryError("bridging made no progress (empty geometries?): repair the area layer");
        }
    }

    std::sort(tree_links.begin(), tree_links.end());
    const std::vector<std::size_t> sizes = comps.sizes();
    std::vector<Bridge> bridges;
    bridges.reserve(tree_links.size());
    for (const Link& link : tree_links) {
        const auto c_low = static_cast<std::size_t>(comps.component[index(link.low)]);
        const auto c_high = static_cast<std::size_t>(comps.component[index(link.high)]);
        // `from` lies in the smaller of the two original components (ties: the lower component).
        const bool low_is_from = std::tie(sizes[c_low], c_low) < std::tie(sizes[c_high], c_high);
        bridges.push_back(
            Bridge{low_is_from ? link.low : link.high, low_is_from ? link.high : link.low, link.distance});
    }
    return bridges;
}

}  // namespace locality::graph
