// SPDX-License-Identifier: MIT
// Internal to disclosure: the sums of an AdditiveTable as a graph (docs/decisions/0015).
#pragma once

#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

#include "locality/disclosure/suppression.hpp"

namespace locality::disclosure {

inline constexpr std::size_t k_none = std::numeric_limits<std::size_t>::max();

/**
 * The sums as a graph: one node per sum, plus a `ground` node for the free end of a value that takes
 * part in one sum only. Every unlocked value in a sum is an edge between the sums it takes part in.
 * A withheld value is then determined exactly when its edge is a bridge of the withheld edges
 * (decision 0015 has the proof), which needs every cycle to be balanced: checked by sum_graph().
 * With the balance, a change of the withheld values that keeps every sum is a circulation: raising
 * value v by t sends `forward[v]` x t along its edge from `ends[v].first` to `ends[v].second`.
 */
struct SumGraph {
    std::size_t ground = 0;
    std::vector<std::pair<std::size_t, std::size_t>> ends;  ///< per value; (k_none, k_none) when no edge
    std::vector<std::vector<std::size_t>> incident;         ///< per node: the values whose edge ends there
    std::vector<int> forward;                               ///< per value: +1 or -1 (0 when no edge)
};

/** The graph of `table`'s sums; std::logic_error when they are not a balanced graph. */
SumGraph sum_graph(const AdditiveTable& table);

/** The end of `value`'s edge that is not `node`. */
inline std::size_t other_end(const SumGraph& g, std::size_t value, std::size_t node) {
    return g.ends[value].first == node ? g.ends[value].second : g.ends[value].first;
}

}  // namespace locality::disclosure
