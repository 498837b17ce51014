// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "locality/core/progress.hpp"
#include "locality/geom/geos_context.hpp"
#include "locality/graph/contiguity_graph.hpp"
#include "locality/graph/zone_shapes.hpp"

namespace locality::graph {

/** How adjacency is decided from geometry. */
struct ContiguityOptions {
    /**
     * Two areas are neighbours when they touch or lie within this distance (working-CRS units,
     * metres): queen contiguity tolerant of the small gaps and overlaps of real boundary files.
     */
    double tolerance = 1.0;
};

/**
 * Queen contiguity from polygons (working CRS): R-tree candidate pairs on envelopes grown by the
 * tolerance, then GEOS prepared distance-within. Parallel; the result does not depend on threads.
 */
ContiguityGraph build_contiguity(const std::vector<geom::Wkb>& areas, const ContiguityOptions& options,
                                 const ProgressSink& progress = {});

/**
 * Areas, perimeters and the shared border of every edge of `graph` (built from `areas` with the
 * same tolerance): the length of the boundary the two zones have in common, or, when they have none
 * (a gap or overlap that contiguity forgives), of the higher zone's boundary within `tolerance` of
 * the lower zone (which may count up to the tolerance more at each end). Capped at the shorter
 * perimeter; 0 for a corner-only contact without tolerance. Parallel; independent of threads.
 */
ZoneShapes measure_borders(const ContiguityGraph& graph, const std::vector<geom::Wkb>& areas,
                           const ContiguityOptions& options);

/** An edge added to join two separate landmasses (components). */
struct Bridge {
    ZoneId from = 0;        ///< zone in the smaller component
    ZoneId to = 0;          ///< nearest zone in another component
    double distance = 0.0;  ///< minimum distance between the two polygons, working-CRS units
};

/**
 * Joins every component to the rest by its shortest link, like a minimum spanning tree over the
 * components (Kruskal on the nearest pairs): the returned bridges make `graph` connected.
 * Distances are exact GEOS distances between the polygons. Deterministic.
 */
std::vector<Bridge> bridge_components(const ContiguityGraph& graph, const std::vector<geom::Wkb>& areas);

}  // namespace locality::graph
