// SPDX-License-Identifier: MIT
#include "recombination.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

#include "local_search.hpp"
#include "multistart.hpp"
#include "region_growing.hpp"
#include "region_state.hpp"
#include "sub_problem.hpp"

namespace locality::regionalize::detail {

namespace {

/** Compact constructions tried inside each merged pair. */
constexpr int k_recombination_tries = 4;
/** Objective changes smaller than this share of it are rounding noise. */
constexpr double k_recombination_eps = 1e-12;

/** The neighbouring region pairs (a < b), sorted, each once. */
std::vector<std::pair<RegionId, RegionId>> neighbouring_pairs(const graph::ContiguityGraph& graph,
                                                              const std::vector<RegionId>& region_of) {
    std::vector<std::pair<RegionId, RegionId>> pairs;
    for (std::size_t z = 0; z < region_of.size(); ++z) {
        for (const ZoneId* it = graph.begin(static_cast<ZoneId>(z)); it != graph.end(static_cast<ZoneId>(z));
             ++it) {
            const RegionId a = region_of[z];
            const RegionId b = region_of[static_cast<std::size_t>(*it)];
            if (a < b) pairs.emplace_back(a, b);
        }
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    return pairs;
}

/** Whether regions a and b meet every bound in `state`. */
bool pair_meets_bounds(const RegionState& state, RegionId a, RegionId b) {
    for (std::size_t i = 0; i < state.bounds().size(); ++i) {
        if (state.region_violation(i, state.bound_total(i, a)) > 0.0 ||
            state.region_violation(i, state.bound_total(i, b)) > 0.0) {
            return false;
        }
    }
    return true;
}

}  // namespace

int recombine_pairs(const Problem& problem, Regionalization& result, std::uint64_t seed) {
    if (problem.shapes == nullptr || !(problem.shape_weight > 0.0) || result.region_count < 2) return 0;
    RegionState state(problem, result.region_of, result.region_count);
    if (state.violation() > 0.0) return 0;
    std::vector<std::vector<ZoneId>> members(static_cast<std::size_t>(result.region_count));
    for (std::size_t z = 0; z < result.region_of.size(); ++z) {
        members[static_cast<std::size_t>(result.region_of[z])].push_back(static_cast<ZoneId>(z));
    }
    std::vector<ZoneId> local_of(result.region_of.size(), -1);
    std::vector<ZoneId> merged;
    std::vector<RegionId> before;
    int replaced = 0;
    int attempt = 0;
    for (const auto& [a, b] : neighbouring_pairs(*problem.graph, result.region_of)) {
        ++attempt;
        std::vector<ZoneId>& in_a = members[static_cast<std::size_t>(a)];
        std::vector<ZoneId>& in_b = members[static_cast<std::size_t>(b)];
        // An earlier replacement may have moved the border: the pair must still touch.
        merged = in_a;
        merged.insert(merged.end(), in_b.begin(), in_b.end());
        std::sort(merged.begin(), merged.end());
        if (std::any_of(merged.begin(), merged.end(), [&](ZoneId z) { return is_pinned(problem, z); })) {
            continue;
        }
        const SubProblem sub(problem, merged, local_of);
        before.clear();
        for (const ZoneId z : merged) before.push_back(state.region(z));
        const double old_objective = state.objective();
        double best_objective = old_objective;
        std::vector<RegionId> best_labels;
        for (int t = 0; t < k_recombination_tries; ++t) {
            const Regionalization split = grow_partition(
                sub.problem(),
                {start_seed(seed, attempt * k_recombination_tries + t), t == 0 ? 0.0 : 0.3, true});
            if (split.region_count != 2) continue;
            // Apply it zone by zone (the state's totals are exact whatever the order), measure, undo.
            for (std::size_t i = 0; i < merged.size(); ++i) {
                const RegionId to = split.region_of[i] == 0 ? a : b;
                if (state.region(merged[i]) != to) state.move(merged[i], to);
            }
            const double objective = state.objective();
            if (pair_meets_bounds(state, a, b) &&
                objective < best_objective - k_recombination_eps * std::max(1.0, std::abs(old_objective))) {
                best_objective = objective;
                best_labels.clear();
                for (const ZoneId z : merged) best_labels.push_back(state.region(z));
            }
            for (std::size_t i = 0; i < merged.size(); ++i) {
                if (state.region(merged[i]) != before[i]) state.move(merged[i], before[i]);
            }
        }
        if (best_labels.empty()) continue;
        in_a.clear();
        in_b.clear();
        for (std::size_t i = 0; i < merged.size(); ++i) {
            if (state.region(merged[i]) != best_labels[i]) state.move(merged[i], best_labels[i]);
            (best_labels[i] == a ? in_a : in_b).push_back(merged[i]);
        }
        ++replaced;
    }
    if (replaced > 0) {
        result.region_of = state.labels();
        relabel_by_lowest_zone(result);
        // Measured afresh: the state's sums went through many moves and their undoing.
        const RegionState fresh(problem, result.region_of, result.region_count);
        result.within_ss = within_sum_of_squares(*problem.attributes, result.region_of, result.region_count);
        result.shape_cost = fresh.shape_cost();
        result.disruption_cost = fresh.disruption_cost();
    }
    return replaced;
}

}  // namespace locality::regionalize::detail
