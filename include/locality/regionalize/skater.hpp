// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

#include "locality/core/types.hpp"
#include "locality/graph/contiguity_graph.hpp"
#include "locality/regionalize/attribute_matrix.hpp"

namespace locality::regionalize {

/** Constraints of a regionalization. */
struct RegionalizeOptions {
    /** Exact number of regions; 0 = as many as the floor allows. */
    int k = 0;
    /** Every region's sum of `floor_values` must be >= floor (inclusive); 0 = no floor. */
    double floor = 0.0;
    /** Seed for any random choice; same seed, same result. */
    std::uint64_t seed = 0;
};

/** One region per zone. */
struct Regionalization {
    std::vector<RegionId> region_of;  ///< region of each zone, 0..region_count-1, numbered by lowest zone
    int region_count = 0;
    double within_ss = 0.0;  ///< within-region sum of squares of the attribute matrix
    /** The shape term in WSS units (Problem::shape_weight); starts are ranked on within_ss + shape_cost. 0
     * without one. */
    double shape_cost = 0.0;
    /** The disruption terms in WSS units (Problem::kept), ranked with them; 0 without any. */
    double disruption_cost = 0.0;
    /**
     * 0 when every bound holds. Only a best-effort solve (SolveOptions::best_effort) returns a
     * partition above 0: the sum over bounds and regions of how far each total lies outside its
     * bound, in units of the bound.
     */
    double bound_violation = 0.0;
};

/**
 * SKATER-style spanning-tree partitioning with a floor: a minimum spanning tree of the graph
 * weighted by attribute dissimilarity, then repeated removal of the tree edge whose cut most
 * reduces the within-region sum of squares while both sides keep the floor. With k > 0 it
 * stops at k regions (InfeasibleError if it cannot reach k); with k == 0 it cuts while any
 * feasible cut remains. The graph must be connected (bridge it first); InfeasibleError when
 * k exceeds the zone count or the total of floor_values is below the floor (message says by how much).
 * `floor_values` may be empty when floor == 0. Pure: no I/O, no GEOS, no GDAL.
 */
Regionalization skater(const graph::ContiguityGraph& graph, const AttributeMatrix& attributes,
                       const std::vector<double>& floor_values, const RegionalizeOptions& options);

/**
 * Checks a result before it is written: every zone in exactly one region in range, every region
 * non-empty and connected in `graph`, every floor met. Throws InfeasibleError (for a broken
 * floor) or Error (broken contiguity or assignment) describing the first violation.
 */
void validate_regionalization(const graph::ContiguityGraph& graph, const Regionalization& result,
                              const std::vector<double>& floor_values, double floor);

}  // namespace locality::regionalize
