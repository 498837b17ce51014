// SPDX-License-Identifier: MIT
#include "contiguity_repair.hpp"

#include <algorithm>
#include <string>

#include "locality/core/error.hpp"

namespace locality::regionalize::detail {

namespace {

/** The connected pieces of each region: piece id per zone, and each piece's zones (ascending). */
struct Pieces {
    std::vector<int> piece_of;
    std::vector<std::vector<ZoneId>> zones;
    std::vector<RegionId> region;
};

Pieces region_pieces(const RegionState& state) {
    const graph::ContiguityGraph& g = state.graph();
    const std::size_t n = state.zone_count();
    Pieces out;
    out.piece_of.assign(n, -1);
    std::vector<ZoneId> queue;
    for (std::size_t s = 0; s < n; ++s) {
        if (out.piece_of[s] >= 0) continue;
        const int id = static_cast<int>(out.zones.size());
        const RegionId r = state.region(static_cast<ZoneId>(s));
        out.zones.emplace_back();
        out.region.push_back(r);
        queue.assign(1, static_cast<ZoneId>(s));
        out.piece_of[s] = id;
        for (std::size_t head = 0; head < queue.size(); ++head) {
            const ZoneId z = queue[head];
            out.zones.back().push_back(z);
            for (const ZoneId* it = g.begin(z); it != g.end(z); ++it) {
                const std::size_t w = static_cast<std::size_t>(*it);
                if (out.piece_of[w] < 0 && state.region(*it) == r) {
                    out.piece_of[w] = id;
                    queue.push_back(*it);
                }
            }
        }
        std::sort(out.zones.back().begin(), out.zones.back().end());
    }
    return out;
}

bool holds_pin(const Problem& problem, const std::vector<ZoneId>& zones) {
    return std::any_of(zones.begin(), zones.end(), [&](ZoneId z) { return is_pinned(problem, z); });
}

}  // namespace

std::vector<std::pair<ZoneId, RegionId>> repair_contiguity(const Problem& problem, RegionState& state) {
    const Pieces pieces = region_pieces(state);
    // The piece each region keeps.
    std::vector<int> kept(static_cast<std::size_t>(state.region_count()), -1);
    for (std::size_t p = 0; p < pieces.zones.size(); ++p) {
        int& keep = kept[static_cast<std::size_t>(pieces.region[p])];
        const bool pinned = holds_pin(problem, pieces.zones[p]);
        if (keep < 0) {
            keep = static_cast<int>(p);
            continue;
        }
        const std::vector<ZoneId>& current = pieces.zones[static_cast<std::size_t>(keep)];
        const bool current_pinned = holds_pin(problem, current);
        if (pinned && current_pinned) {
            throw InfeasibleError("the pinned areas of one locality (areas " +
                                  std::to_string(current.front()) + " and " +
                                  std::to_string(pieces.zones[p].front()) + ") are not contiguous");
        }
        if (pinned || (!current_pinned && pieces.zones[p].size() > current.size())) {
            keep = static_cast<int>(p);
        }
    }
    std::vector<char> stray(state.zone_count(), 0);
    std::vector<ZoneId> left;
    for (std::size_t p = 0; p < pieces.zones.size(); ++p) {
        if (kept[static_cast<std::size_t>(pieces.region[p])] == static_cast<int>(p)) continue;
        for (const ZoneId z : pieces.zones[p]) {
            stray[static_cast<std::size_t>(z)] = 1;
            left.push_back(z);
        }
    }
    std::sort(left.begin(), left.end());
    std::vector<std::pair<ZoneId, RegionId>> moved;
    const graph::ContiguityGraph& g = state.graph();
    while (!left.empty()) {
        std::vector<ZoneId> still;
        for (const ZoneId z : left) {
            RegionId best = -1;
            double best_delta = 0.0;
            bool rejoined = false;  // next to a zone that joined its own region: connected again, stays
            for (const ZoneId* it = g.begin(z); it != g.end(z); ++it) {
                if (stray[static_cast<std::size_t>(*it)]) continue;
                const RegionId to = state.region(*it);
                if (to == state.region(z)) {
                    rejoined = true;
                    break;
                }
                const double delta = state.wss_delta(z, to);
                if (best < 0 || delta < best_delta || (delta == best_delta && to < best)) {
                    best = to;
                    best_delta = delta;
                }
            }
            if (rejoined) {
                stray[static_cast<std::size_t>(z)] = 0;
                continue;
            }
            if (best < 0) {
                still.push_back(z);
                continue;
            }
            moved.emplace_back(z, state.region(z));
            state.move(z, best);
            stray[static_cast<std::size_t>(z)] = 0;
        }
        if (still.size() == left.size()) {
            throw Error(
                "contiguity repair: areas cut off from every other locality (is the graph connected?)");
        }
        left.swap(still);
    }
    return moved;
}

}  // namespace locality::regionalize::detail
