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
#include "locality/regionalize/disruption_term.hpp"
#include "locality/regionalize/method.hpp"
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
 * The shape-blind partition the shape term is measured against (docs/decisions, shape term): the
 * construction of the solve's first start, before any search. Computed once per problem by solve()
 * (shape_reference()), so every start, every search and the ranking of starts use the same constants.
 */
struct ShapeReference {
    /** E0 = 1 - WSS0 / TSS, its share of variation explained, in (0, 1] (1 when the data have no variance).
     */
    double explained = 0.0;
    /** P0 = its mean over regions of perimeter^2 / (4 pi area), the mean inverse Polsby-Popper, > 0. */
    double inverse_polsby_popper = 0.0;

    bool set() const noexcept { return explained > 0.0 && inverse_polsby_popper > 0.0; }
};

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
     * Pinned zones (--fixed, or every zone a maintenance run must not move): per zone -1 when free,
     * else a pin label >= 0. Zones with the same label end in one region, zones with different labels
     * in different regions, and no search ever moves a pinned zone. Empty = nothing pinned.
     */
    std::vector<int> pinned;
    /**
     * Shape term of the local search (docs/decisions, shape term): it minimises
     * WSS / TSS + shape_weight x E0 x P / P0, with P the mean over regions of perimeter^2 / (4 pi area)
     * (the mean inverse Polsby-Popper) and E0, P0 those of shape_reference. P >= 0, so the search
     * trades at most shape_weight x E0 of explained variation for rounder shapes: shape_weight is the
     * largest share of the reference's explained variation given up. 0 (or no shapes) =
     * heterogeneity only, bit for bit the shape-blind engine.
     */
    const ZoneShapes* shapes = nullptr;
    double shape_weight = 0.0;
    /** Left unset, solve() measures it (shape_reference()); set, solve() uses it as given. */
    ShapeReference shape_reference{};
    /**
     * Disruption terms (--keep-close-to, docs/decisions, keep close to a partner's teams): the
     * objective over TSS gains, per kept agency, weight x E0 x D / D0, D its cases-moved share and E0,
     * D0 those of disruption_reference (D0 = 0: 1 instead). Empty = none, bit for bit the engine
     * without them.
     */
    std::vector<KeptAgency> kept{};
    /** Left unset, solve() measures it (disruption_reference()); set, solve() uses it as given. */
    DisruptionReference disruption_reference{};
};

/** Whether zone z of `problem` is pinned. */
inline bool is_pinned(const Problem& problem, ZoneId z) {
    return !problem.pinned.empty() && problem.pinned[static_cast<std::size_t>(z)] >= 0;
}

struct SolveOptions {
    Method method;
    std::uint64_t seed = 0;
    /** Independent starts spread over the TBB threads; 0 = chosen by the engine from the problem size. */
    int starts = 0;
    /**
     * When no start meets every bound, return the start that comes closest (lowest
     * Regionalization::bound_violation, then lowest WSS; still contiguous, still k regions)
     * instead of throwing. Max-p, when no start meets every bound together: the closest partition
     * into each count of regions the bounds suggest (total / floor, total / ceiling), the lowest
     * violation kept.
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
 * The shape term's reference for this problem and options: the first start's construction
 * (seed, method), shape-blind, measured. The same whatever the number of threads. Unset
 * (ShapeReference::set() false) without a shape term, or when that partition explains nothing or
 * has no area: solve() then runs shape-blind.
 */
ShapeReference shape_reference(const Problem& problem, const SolveOptions& options);

/**
 * The disruption terms' reference for this problem and options: the first start's construction,
 * measured (its share explained and each kept agency's cases moved). Unset without kept agencies or
 * when that partition explains nothing: solve() then runs without the terms.
 */
DisruptionReference disruption_reference(const Problem& problem, const SolveOptions& options);

/**
 * Checks a result before it is written: every zone in exactly one region, every region
 * non-empty and connected in the problem's graph, every bound met. Throws the first violation.
 */
void validate_regionalization(const Problem& problem, const Regionalization& result);

}  // namespace locality::regionalize
