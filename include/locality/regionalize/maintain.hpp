// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "locality/regionalize/problem.hpp"

namespace locality::regionalize {

/** Why maintenance moved an area. */
enum class MoveReason { repair_contiguity, repair_floor, repair_ceiling, improve };

/** The word moves.csv and summary.json use: repair-contiguity, repair-floor, repair-ceiling, improve. */
const char* move_reason_word(MoveReason reason);

struct MaintainOptions {
    /**
     * A move made only to improve the objective must lower it (the within-region sum of squares, plus
     * the shape term when there is one) by more than this share of the total sum of squares (e.g. 0.002 = 0.2
     * points of variance explained).
     */
    double move_cost = 0.0;
    /** Hard cap on the areas moved, repairs included. */
    std::size_t max_moved = std::numeric_limits<std::size_t>::max();
};

/** One area that ends in another region than it started in. */
struct AreaMove {
    ZoneId zone = 0;
    RegionId from = 0;                     ///< its region in the start
    RegionId to = 0;                       ///< its region at the end
    MoveReason why = MoveReason::improve;  ///< why it first moved
};

struct Maintenance {
    /** The start's region numbers are kept (no relabelling), so an unchanged start comes back as it was. */
    Regionalization result;
    std::vector<AreaMove> moves;   ///< by zone
    std::size_t repair_moves = 0;  ///< areas moved to repair the start (the rest improve it)
};

/**
 * Maintenance mode: changes a start partition (`start`, regions 0..region_count-1, every region
 * non-empty) only as far as needed. First repairs it: a region in several pieces keeps the piece
 * holding its pinned zones (else its largest) and its other pieces join neighbouring regions; then
 * single moves, each lowering the total bound violation, until every bound holds. Then improves it by
 * single moves that each gain more than `move_cost`, best first, each area moving at most once. Pinned
 * zones never move; the region count never changes; no more than `max_moved` areas end elsewhere.
 * InfeasibleError when single moves cannot repair the start or the repair needs more moves than the
 * cap (saying how many it needs). `problem.k` is ignored. Deterministic. With a shape term
 * (problem.shapes, shape_weight > 0) every choice weighs WSS + shape term, measured against the start
 * itself unless problem.shape_reference is set, and `move_cost` applies to that sum. With kept agencies
 * (problem.kept) their disruption terms join the sum likewise, measured against the start unless
 * problem.disruption_reference is set; the result's disruption_cost is theirs at the end.
 */
Maintenance maintain(const Problem& problem, const std::vector<RegionId>& start, int region_count,
                     const MaintainOptions& options);

}  // namespace locality::regionalize
