// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "locality/geom/geos_context.hpp"
#include "locality/graph/build_contiguity.hpp"
#include "locality/graph/contiguity_graph.hpp"

namespace locality::graph::detail {

/** One edge of an area's rings, its end points in (x, y) order so that both users of it compare equal. */
struct BorderSegment {
    double lo_x, lo_y, hi_x, hi_y;
};

/** The segments of one zone's rings; `readable` false when its geometry is not polygonal. */
struct ZoneSegments {
    std::vector<BorderSegment> segments;
    bool readable = true;
};

/** Appends the segments of one ring (x, y pairs, closed), skipping zero-length ones. */
void add_ring_segments(const std::vector<double>& xy, ZoneSegments& out);

/**
 * Shared borders from identical segments, per slot of `graph` (the order of graph.begin(z)..end(z)),
 * read at the lower zone's slot of each edge: `length` sums the segments the two zones both use
 * (either direction, each counted once), and `exact` says that this sum is the whole length of the
 * two boundaries' intersection, so no GEOS intersection is needed. It is not exact when the sum is 0
 * (a corner, a gap or overlap within the tolerance: GEOS decides), when a zone is unreadable, or
 * when two segments of the pair that are not identical run along each other (borders not noded
 * alike, T-junctions, overlaps): then the common line is more than the identical segments.
 *
 * Why: on a layer whose neighbours share their vertices (census files, Voronoi cells), one sort of
 * all the segments gives every shared border in O(V log V), where a GEOS intersection per pair cost
 * most of the contiguity stage at 200,000 areas (docs/performance.md). Independent of threads.
 */
struct SegmentBorders {
    std::vector<double> length;
    std::vector<char> exact;
};
SegmentBorders borders_from_segments(const ContiguityGraph& graph, const std::vector<ZoneSegments>& zones);

/** measure_borders with a GEOS intersection for every edge: the reference the tests compare it with. */
ZoneShapes measure_borders_by_geos(const ContiguityGraph& graph, const std::vector<geom::Wkb>& areas,
                                   const ContiguityOptions& options);

}  // namespace locality::graph::detail
