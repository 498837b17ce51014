// SPDX-License-Identifier: MIT
// Internal to the pipeline: the groups of areas solved as independent problems (containers,
// separate landmasses with --islands own), their contiguity, and the merged result.
#pragma once

#include <string>
#include <vector>

#include "constraints.hpp"
#include "locality/graph/build_contiguity.hpp"
#include "locality/regionalize/problem.hpp"

namespace locality::pipeline {

/** Areas solved as one problem. */
struct ZoneGroup {
    int container = -1;            ///< index into the container ids, -1 without --within
    int landmass = 0;              ///< 1-based with --islands own when the container has several, else 0
    std::vector<ZoneId> zones;     ///< ascending
    graph::ContiguityGraph graph;  ///< over local indices (position in `zones`), bridges included
    int k = 0;                     ///< localities asked of this group; 0 = max-p
    graph::ZoneShapes shapes;      ///< over `graph` (bridges: no shared border); empty without a shape term
};

/** The contiguity of every area and the groups it splits into. */
struct Partition {
    std::size_t geometric_edges = 0;
    graph::Components components;        ///< of the whole geometric graph, before bridging
    std::vector<graph::Bridge> bridges;  ///< added links, global zone ids
    std::vector<ZoneGroup> groups;       ///< containers in order, landmasses by lowest area
};

/** Text naming a group in messages: "the areas", "container 'X'", "landmass 2 (areas '7', ...)". */
std::string group_label(const ZoneGroup& group, const std::vector<std::string>& container_ids,
                        const std::vector<std::string>& area_ids);

/**
 * Splits the areas by container (`container_of`, empty = one group) and makes each group connected
 * as `policy` says: bridges to the nearest area, a group per landmass, or InputError listing the
 * areas off the largest landmass.
 */
Partition partition_areas(const graph::ContiguityGraph& geometric, const std::vector<geom::Wkb>& areas,
                          const std::vector<int>& container_of, IslandPolicy policy,
                          const std::vector<std::string>& area_ids);

/** Gives every group the shapes of its areas, its borders found in `geometric` (whose shapes `whole` are). */
void attach_shapes(std::vector<ZoneGroup>& groups, const graph::ContiguityGraph& geometric,
                   const graph::ZoneShapes& whole);

/**
 * Shares `k` between the groups in proportion to `weights` (largest remainder, at least one each and
 * at least `least[g]` when given: the localities --fixed pins inside group g, or its ceilings need;
 * never more than a group's areas, nor than `most[g]` when given: the localities its floors allow).
 * InfeasibleError when k is below the number of groups, or below what they need.
 */
void apportion_k(std::vector<ZoneGroup>& groups, int k, const std::vector<double>& weights,
                 const std::string& groups_named, const std::vector<int>& least = {},
                 const std::vector<int>& most = {});

/** How many localities each group can hold whatever its partition: from its floors and its ceilings. */
struct GroupLimits {
    std::vector<int> least;  ///< per group: the most localities of its ceilings, at least 1
    std::vector<int> most;   ///< per group: the fewest its floors allow, at most its areas
};

/**
 * The limits `requests`' floors and ceilings put on each group's count of localities (a group of
 * 1,800 residents holds at most one locality of at least 950), `least` raised to `pinned[g]`
 * (--fixed). InfeasibleError, naming each group's total, the option and the k to ask, when `k`
 * localities cannot be shared so that every group meets them (`groups_named`: "landmasses").
 */
GroupLimits group_limits(const std::vector<ZoneGroup>& groups, const std::vector<BoundRequest>& requests,
                         int k, const std::vector<std::string>& labels, const std::vector<int>& pinned,
                         const std::string& groups_named);

/** The merged result: localities numbered group by group. */
struct SolvedGroups {
    regionalize::Regionalization result;  ///< global: region_of per area, region_count, within_ss unset
    std::vector<int> group_of_region;     ///< index into the groups
};

/**
 * Solves every group as its own problem, in parallel (TBB), and checks each result (contiguity,
 * every bound; with `options.best_effort`, contiguity only: see bound_checks.hpp) before merging.
 * Deterministic: the same inputs and seed give the same result whatever the number of threads; the first
 * failing group (in order) is the error reported. `pinned` (per area, -1 free, else a --fixed label; empty =
 * none) is passed on to each group's problem, and so are the --keep-close-to case tables `kept` (per area).
 */
SolvedGroups solve_groups(const std::vector<ZoneGroup>& groups,
                          const regionalize::AttributeMatrix& attributes,
                          const std::vector<BoundRequest>& requests, const regionalize::SolveOptions& options,
                          const std::vector<int>& pinned = {}, double shape_weight = 0.0,
                          const std::vector<regionalize::KeptAgency>& kept = {});

}  // namespace locality::pipeline
