// SPDX-License-Identifier: MIT
#include "pins.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "contiguity_repair.hpp"
#include "local_search.hpp"
#include "locality/core/error.hpp"
#include "region_state.hpp"

namespace locality::regionalize::detail {

namespace {

/** Region of each pin label: largest overlap first (ties: lower label, then lower region), one label per
 * region. */
std::map<int, RegionId> regions_for_labels(const Problem& problem, const Regionalization& result) {
    std::map<std::pair<int, RegionId>, std::size_t> overlap;
    std::map<int, RegionId> out;
    for (std::size_t z = 0; z < problem.pinned.size(); ++z) {
        if (problem.pinned[z] >= 0) {
            ++overlap[{problem.pinned[z], result.region_of[z]}];
            out.emplace(problem.pinned[z], -1);
        }
    }
    if (problem.k > 0 && out.size() > static_cast<std::size_t>(problem.k)) {
        throw InfeasibleError(std::to_string(out.size()) + " different pinned localities do not fit in k = " +
                              std::to_string(problem.k) + " localities");
    }
    std::vector<std::tuple<std::size_t, int, RegionId>> order;
    for (const auto& [key, count] : overlap) order.emplace_back(count, key.first, key.second);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) > std::get<0>(b);
        return std::make_pair(std::get<1>(a), std::get<2>(a)) <
               std::make_pair(std::get<1>(b), std::get<2>(b));
    });
    std::vector<char> taken(static_cast<std::size_t>(result.region_count), 0);
    for (const auto& [count, label, region] : order) {
        if (out[label] >= 0 || taken[static_cast<std::size_t>(region)]) continue;
        out[label] = region;
        taken[static_cast<std::size_t>(region)] = 1;
    }
    // A label whose regions all went to others takes a free region, else (max-p) a new one.
    RegionId next_new = result.region_count;
    for (auto& [label, region] : out) {
        if (region >= 0) continue;
        const auto free = std::find(taken.begin(), taken.end(), 0);
        if (free != taken.end()) {
            region = static_cast<RegionId>(free - taken.begin());
            *free = 1;
        } else {
            region = next_new++;
        }
    }
    return out;
}

/** The pin label a region holds, or -1. */
int label_of_region(const Problem& problem, const Regionalization& result, RegionId r) {
    for (std::size_t z = 0; z < problem.pinned.size(); ++z) {
        if (problem.pinned[z] >= 0 && result.region_of[z] == r) return problem.pinned[z];
    }
    return -1;
}

/**
 * Max-p only: merges the region furthest outside its bounds into the neighbouring region whose WSS
 * grows least, never two regions holding different pin labels. Returns false when no merge is allowed.
 */
bool merge_worst_region(const Problem& problem, Regionalization& result) {
    RegionState state(problem, result.region_of, result.region_count);
    RegionId worst = -1;
    double worst_violation = 0.0;
    for (RegionId r = 0; r < result.region_count; ++r) {
        double v = 0.0;
        for (std::size_t b = 0; b < problem.bounds.size(); ++b)
            v += state.region_violation(b, state.bound_total(b, r));
        if (v > worst_violation) {
            worst = r;
            worst_violation = v;
        }
    }
    if (worst < 0) return false;
    const int worst_label = label_of_region(problem, result, worst);
    std::vector<RegionId> neighbours;
    const graph::ContiguityGraph& g = *problem.graph;
    for (std::size_t z = 0; z < result.region_of.size(); ++z) {
        if (result.region_of[z] != worst) continue;
        for (const ZoneId* it = g.begin(static_cast<ZoneId>(z)); it != g.end(static_cast<ZoneId>(z)); ++it) {
            const RegionId r = result.region_of[static_cast<std::size_t>(*it)];
            if (r != worst && std::find(neighbours.begin(), neighbours.end(), r) == neighbours.end())
                neighbours.push_back(r);
        }
    }
    std::sort(neighbours.begin(), neighbours.end());
    RegionId best = -1;
    double best_wss = 0.0;
    for (const RegionId r : neighbours) {
        const int label = label_of_region(problem, result, r);
        if (worst_label >= 0 && label >= 0 && label != worst_label) continue;
        std::vector<RegionId> merged = result.region_of;
        for (RegionId& m : merged) m = m == worst ? r : m;
        const double wss = within_sum_of_squares(*problem.attributes, merged, result.region_count);
        if (best < 0 || wss < best_wss) {
            best = r;
            best_wss = wss;
        }
    }
    if (best < 0) return false;
    for (RegionId& m : result.region_of) m = m == worst ? best : m;
    relabel_by_lowest_zone(result);
    result.region_count -= 1;
    return true;
}

}  // namespace

void impose_pins(const Problem& problem, Regionalization& result, LocalSearch search, std::uint64_t seed) {
    const std::map<int, RegionId> region_of_label = regions_for_labels(problem, result);
    for (std::size_t z = 0; z < problem.pinned.size(); ++z) {
        if (problem.pinned[z] >= 0) {
            result.region_of[z] = region_of_label.at(problem.pinned[z]);
        }
    }
    for (const auto& [label, region] : region_of_label) {
        result.region_count = std::max(result.region_count, region + 1);
    }
    // Regions the pins emptied are dropped (renumbered by lowest zone).
    std::vector<char> used(static_cast<std::size_t>(result.region_count), 0);
    for (const RegionId r : result.region_of) used[static_cast<std::size_t>(r)] = 1;
    const int count = static_cast<int>(std::count(used.begin(), used.end(), 1));
    if (problem.k > 0 && count < problem.k) {
        throw InfeasibleError("the pinned areas take every area of " + std::to_string(problem.k - count) +
                              " locality(ies) of the partition found; k = " + std::to_string(problem.k) +
                              " localities could not be kept");
    }
    relabel_by_lowest_zone(result);
    result.region_count = count;
    RegionState state(problem, result.region_of, result.region_count);
    repair_contiguity(problem, state);
    result.region_of = state.labels();
    result.bound_violation = 0.0;
    bool repaired = repair(problem, result, seed);
    // Max-p: the pins can leave a region that no repair brings up to its floor; one region fewer then.
    while (!repaired && problem.k == 0 && result.region_count > 1 && merge_worst_region(problem, result)) {
        repaired = repair(problem, result, seed);
    }
    if (!repaired) {
        result.bound_violation = RegionState(problem, result.region_of, result.region_count).violation();
        result.within_ss = within_sum_of_squares(*problem.attributes, result.region_of, result.region_count);
        return;
    }
    improve(problem, result, search, seed);
    result.within_ss = within_sum_of_squares(*problem.attributes, result.region_of, result.region_count);
}

}  // namespace locality::regionalize::detail
