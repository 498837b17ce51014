// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "locality/core/progress.hpp"
#include "locality/graph/contiguity_graph.hpp"
#include "locality/graph/zone_shapes.hpp"
#include "locality/regionalize/attribute_matrix.hpp"
#include "locality/regionalize/skater.hpp"

namespace locality::regionalize {

/**
 * A bound on every region's sum of one per-zone variable: min <= sum <= max, both inclusive.
 * A floor has max = +inf, a ceiling min = -inf; a balance tolerance is both.
 */
struct Bound {
    std::string name;            ///< what users call it, for messages: "population", "cases_police"
    std::vector<double> values;  ///< one finite value per zone
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
};

/** The shape term's plain numbers: zone areas, perimeters and shared borders (graph/zone_shapes.hpp). */
using ZoneShapes = graph::ZoneShapes;

/**
 * One regionalization problem: a connected contiguity graph (bridges already added), the
 * variables whose within-region sum of squares is minimised (already standardised and weighted
 * by the caller), the bounds, and k. Pure data: the engine reads no file and no geometry.
 */
struct Problem {
    const graph::ContiguityGraph* graph = nullptr;
    const AttributeMatrix* attributes = nullptr;
    std::vector<Bound> bounds;
    /** Exactly k regions; 0 = max-p: as many regions as the bounds allow, then the lowest WSS. */
    int k = 0;
    /**
     * Shape term of the local search (docs/decisions, shape term): it minimises
     * WSS / TSS + shape_weight x mean over regions of perimeter^2 / (4 pi area), the mean inverse
     * Polsby-Popper. 0 (or no shapes) = heterogeneity only, bit for bit the shape-blind engine.
     */
    const ZoneShapes* shapes = nullptr;
    double shape_weight = 0.0;
};

/** How the first partition is built. */
enum class Construction { Auto, Skater, Ward, Grow };
/** How it is then improved by moving single areas between neighbouring regions. */
enum class LocalSearch { Auto, None, Greedy, Tabu, Annealing };

struct Method {
    Construction construction = Construction::Auto;
    LocalSearch search = LocalSearch::Auto;
};

/**
 * Parses "auto", "CONSTRUCTION" or "CONSTRUCTION+SEARCH" with CONSTRUCTION in
 * auto|skater|ward|grow and SEARCH in auto|none|greedy|tabu|sa. UsageError naming the valid
 * words otherwise.
 */
Method parse_method(const std::string& text);
/** The canonical "construction+search" spelling, as recorded in summary.json. */
std::string method_name(const Method& method);

struct SolveOptions {
    Method method;
    std::uint64_t seed = 0;
    /** Independent starts spread over the TBB threads; 0 = chosen by the engine from the problem size. */
    int starts = 0;
    /**
     * When no start meets every bound, return the start that comes closest (lowest
     * Regionalization::bound_violation, then lowest WSS; still contiguous, still k regions)
     * instead of throwing. Fixed k only: max-p has no k to keep.
     */
    bool best_effort = false;
};

/**
 * Refuses an infeasible request before any work: k above the zone count, a floor above the
 * total, k regions that cannot all reach a floor, a ceiling below a single zone's value, ...
 * InfeasibleError says which bound and by how much. Also checks the shapes of the inputs.
 */
void check_feasible(const Problem& problem);

/**
 * Solves the problem. The result is the same for the same problem and seed whatever the number
 * of threads. Throws InfeasibleError when no partition meets every bound (unless best_effort).
 */
Regionalization solve(const Problem& problem, const SolveOptions& options, const ProgressSink& progress = {});

/**
 * Checks a result before it is written: every zone in exactly one region, every region
 * non-empty and connected in the problem's graph, every bound met. Throws the first violation.
 */
void validate_regionalization(const Problem& problem, const Regionalization& result);

}  // namespace locality::regionalize
