// SPDX-License-Identifier: MIT
#include "locality/regionalize/maintain.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "contiguity_repair.hpp"
#include "disruption_term.hpp"
#include "locality/core/error.hpp"
#include "locality/regionalize/amount_format.hpp"
#include "region_state.hpp"

namespace locality::regionalize {

namespace {

/** Changes smaller than this are rounding noise (as in the local search). */
constexpr double k_eps = 1e-10;

/** One candidate single move. */
struct Candidate {
    double first = 0.0;   ///< violation change (repair) or objective change (improve); lower is better
    double second = 0.0;  ///< objective change (repair), unused when improving
    ZoneId zone = 0;
    RegionId to = 0;
};

bool better(const Candidate& a, const Candidate& b) {
    if (a.first < b.first - k_eps) return true;
    if (a.first > b.first + k_eps) return false;
    if (a.second < b.second - k_eps) return true;
    if (a.second > b.second + k_eps) return false;
    return a.zone < b.zone || (a.zone == b.zone && a.to < b.to);
}

/** The regions next to z other than its own, ascending. */
std::vector<RegionId> targets(const detail::RegionState& state, ZoneId z) {
    std::vector<RegionId> out;
    const graph::ContiguityGraph& g = state.graph();
    for (const ZoneId* it = g.begin(z); it != g.end(z); ++it) {
        const RegionId r = state.region(*it);
        if (r != state.region(z) && std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
    }
    std::sort(out.begin(), out.end());
    return out;
}

/**
 * The best move among `candidates` (sorted here, best first) whose donor stays connected, or null
 * when none does. Not applied: the caller may need the donor's state before the move.
 */
const Candidate* best_connected(detail::RegionState& state, std::vector<Candidate>& candidates) {
    std::sort(candidates.begin(), candidates.end(), better);
    ZoneId refused = -1;
    for (const Candidate& c : candidates) {
        if (c.zone == refused) continue;
        if (!state.donor_stays_connected(c.zone)) {
            refused = c.zone;
            continue;
        }
        return &c;
    }
    return nullptr;
}

/** Whether region r breaks a ceiling now: moving out of it then repairs a ceiling, else a floor. */
bool above_a_ceiling(const detail::RegionState& state, RegionId r) {
    for (std::size_t b = 0; b < state.bounds().size(); ++b) {
        if (state.bound_total(b, r) > state.bounds()[b].max) return true;
    }
    return false;
}

/** The first bound a region still breaks after repair, for the refusal. */
std::string first_breach(const detail::RegionState& state) {
    for (RegionId r = 0; r < state.region_count(); ++r) {
        for (std::size_t b = 0; b < state.bounds().size(); ++b) {
            const Bound& bound = state.bounds()[b];
            const double total = state.bound_total(b, r);
            if (total < bound.min || total > bound.max) {
                return "locality " + std::to_string(r + 1) + " still has " + bound.name + " " +
                       detail::format_amount(total) +
                       (total < bound.min ? " below the floor " : " above the ceiling ") +
                       detail::format_amount(total < bound.min ? bound.min : bound.max);
            }
        }
    }
    return "a bound is still broken";
}

std::size_t moved_count(const detail::RegionState& state, const std::vector<RegionId>& start) {
    std::size_t n = 0;
    for (std::size_t z = 0; z < start.size(); ++z) n += state.labels()[z] != start[z] ? 1 : 0;
    return n;
}

}  // namespace

const char* move_reason_word(MoveReason reason) {
    switch (reason) {
        case MoveReason::repair_contiguity:
            return "repair-contiguity";
        case MoveReason::repair_floor:
            return "repair-floor";
        case MoveReason::repair_ceiling:
            return "repair-ceiling";
        case MoveReason::improve:
            break;
    }
    return "improve";
}

Maintenance maintain(const Problem& problem, const std::vector<RegionId>& start, int region_count,
                     const MaintainOptions& options) {
    const std::size_t n = start.size();
    if (problem.graph == nullptr || problem.attributes == nullptr || problem.graph->zone_count() != n ||
        problem.attributes->rows != n) {
        throw Error("maintenance: the start, the graph and the attributes differ in size");
    }
    // With a shape term, the start is its own reference (docs/decisions, shape term): a move must pay
    // in WSS + shape term, so maintenance keeps rounding localities off instead of drawing fingers.
    Problem shaped = problem;
    const bool shape_term = problem.shapes != nullptr && problem.shape_weight > 0.0;
    if (shape_term && !problem.shape_reference.set()) {
        shaped.shape_reference = detail::measure_shape_reference(problem, start, region_count);
    }
    if (shape_term && !shaped.shape_reference.set()) {
        shaped.shapes = nullptr;  // the start explains nothing or has no area: nothing to weigh
        shaped.shape_weight = 0.0;
    }
    // The kept agencies' terms (--keep-close-to) likewise: each agency's cases moved by the start is the
    // unit, so a move pays in WSS + shape + disruption terms and one that sends cases away from their team
    // costs what the same move costs in a fresh proposal measured against the start.
    if (!problem.kept.empty()) {
        detail::check_kept(problem);
        if (!problem.disruption_reference.set()) {
            shaped.disruption_reference = detail::measure_disruption_reference(problem, start, region_count);
        }
        if (!shaped.disruption_reference.set()) shaped.kept.clear();  // the start explains nothing
    }
    detail::RegionState state(shaped, start, region_count);
    std::vector<int> first_reason(n, -1);
    const auto note = [&](ZoneId z, MoveReason why) {
        int& r = first_reason[static_cast<std::size_t>(z)];
        if (r < 0) r = static_cast<int>(why);
    };

    // 1. Every locality in one piece.
    for (const auto& [zone, from] : detail::repair_contiguity(problem, state)) {
        (void)from;
        note(zone, MoveReason::repair_contiguity);
    }

    // 2. Every bound: single moves, each lowering the total violation, least WSS harm first.
    std::vector<Candidate> candidates;
    for (std::size_t step = 0; state.violation() > 0.0 && step < 4 * n + 16; ++step) {
        candidates.clear();
        std::vector<ZoneId> boundary = state.boundary();
        std::sort(boundary.begin(), boundary.end());
        for (const ZoneId z : boundary) {
            if (is_pinned(problem, z)) continue;
            for (const RegionId to : targets(state, z)) {
                const double dv = state.violation_delta(z, to);
                if (dv < -k_eps) candidates.push_back({dv, state.objective_delta(z, to), z, to});
            }
        }
        const Candidate* best = best_connected(state, candidates);
        if (best == nullptr) break;
        // The donor's state decides the reason, so look before moving.
        note(best->zone, above_a_ceiling(state, state.region(best->zone)) ? MoveReason::repair_ceiling
                                                                          : MoveReason::repair_floor);
        state.move(best->zone, best->to);
    }
    if (state.violation() > 0.0) {
        throw InfeasibleError("single moves cannot repair the starting localities (" + first_breach(state) +
                              "); propose afresh without --start-from, or relax the bound");
    }
    const std::size_t repaired = moved_count(state, start);
    if (repaired > options.max_moved) {
        throw InfeasibleError("--max-moved " + std::to_string(options.max_moved) +
                              " is too small: repairing the starting localities moves " +
                              std::to_string(repaired) + " areas; raise --max-moved to " +
                              std::to_string(repaired) + " or more");
    }

    // 3. Improvements worth their cost, best first, each area at most once, within the cap.
    const double total_ss = within_sum_of_squares(*problem.attributes, std::vector<int>(n, 0), n > 0 ? 1 : 0);
    const double threshold = options.move_cost * total_ss;
    std::size_t moved_now = repaired;
    while (moved_now < options.max_moved) {
        candidates.clear();
        for (const ZoneId z : state.boundary()) {
            if (is_pinned(problem, z) || first_reason[static_cast<std::size_t>(z)] >= 0) continue;
            for (const RegionId to : targets(state, z)) {
                const double d = state.objective_delta(z, to);
                if (-d > threshold + k_eps && state.bounds_hold_after(z, to))
                    candidates.push_back({d, 0.0, z, to});
            }
        }
        const Candidate* best = best_connected(state, candidates);
        if (best == nullptr) break;
        note(best->zone, MoveReason::improve);
        state.move(best->zone, best->to);
        moved_now = moved_count(state, start);
    }

    Maintenance out;
    out.result.region_of = state.labels();
    out.result.region_count = region_count;
    out.result.within_ss = within_sum_of_squares(*problem.attributes, out.result.region_of, region_count);
    out.result.shape_cost = state.shape_cost();
    out.result.disruption_cost = state.disruption_cost();
    for (std::size_t z = 0; z < n; ++z) {
        if (out.result.region_of[z] == start[z]) continue;
        const MoveReason why = static_cast<MoveReason>(first_reason[z]);
        out.moves.push_back({static_cast<ZoneId>(z), start[z], out.result.region_of[z], why});
        out.repair_moves += why == MoveReason::improve ? 0 : 1;
    }
    return out;
}

}  // namespace locality::regionalize
