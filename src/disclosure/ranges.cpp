// SPDX-License-Identifier: MIT
// Feasible ranges of withheld values by maximum flows on the graph of the sums.
#include "locality/disclosure/ranges.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <queue>
#include <utility>

#include "sum_graph.hpp"

namespace locality::disclosure {

namespace {

/** Stands for "no bound" inside the flows: larger than any count, small enough never to overflow. */
constexpr std::int64_t k_big = k_unbounded / 4;

/**
 * The room of the withheld values to move, as a residual network on the sum graph's nodes: raising
 * value v by t is a flow of t along its edge in the direction `forward[v]` says (sum_graph.hpp), so
 * v gives one arc each way, with capacities its room up and down. Arcs come in pairs (i, i ^ 1).
 */
class Network {
public:
    Network(const AdditiveTable& table, const SumGraph& g, const std::vector<bool>& withheld,
            const std::vector<Range>& bounds)
        : table_(table),
          g_(g),
          out_(g.incident.size()),
          arc_of_(table.values.size(), k_none),
          seen_(g.incident.size(), 0),
          next_(g.incident.size(), 0) {
        for (std::size_t v = 0; v < table.values.size(); ++v) {
            if (withheld[v]) {
                add_value(v, bounds[v]);
            }
        }
    }

    /** Adds withheld value v, within `bound`, to the network. */
    void add_value(std::size_t v, const Range& bound) {
        if (g_.ends[v].first == k_none || arc_of_[v] != k_none) {
            return;
        }
        const std::int64_t x = table_.values[v];
        const std::int64_t up = bound.high >= k_big ? k_big : std::max<std::int64_t>(0, bound.high - x);
        const std::int64_t down = std::max<std::int64_t>(0, x - bound.low);
        const auto [a, b] = g_.ends[v];
        arc_of_[v] = to_.size();
        add_arc(a, b, g_.forward[v] > 0 ? up : down);
        add_arc(b, a, g_.forward[v] > 0 ? down : up);
    }

    /** How far value v can rise (`raise`) or fall given the others' room, at most `limit`. */
    std::int64_t room(std::size_t v, bool raise, std::int64_t limit) {
        for (const std::size_t arc : touched_) {
            cap_[arc] = initial_[arc];
        }
        touched_.clear();
        const std::size_t arc = arc_of_[v];
        cap_[arc] = cap_[arc ^ 1] = 0;
        touched_.push_back(arc);
        touched_.push_back(arc ^ 1);
        // Raising v sends flow along its own arc `toward`; the rest must return it.
        const bool along_first = (g_.forward[v] > 0) == raise;
        const auto [a, b] = g_.ends[v];
        source_ = along_first ? b : a;
        sink_ = along_first ? a : b;
        return max_flow(limit);
    }

    /** After room(): whether the residual arc i can carry more flow. */
    bool open(std::size_t arc) const { return cap_[arc] > 0; }
    std::size_t arc_of(std::size_t v) const { return arc_of_[v]; }
    std::size_t source() const { return source_; }
    std::size_t sink() const { return sink_; }

private:
    void add_arc(std::size_t from, std::size_t to, std::int64_t cap) {
        out_[from].push_back(to_.size());
        to_.push_back(to);
        cap_.push_back(cap);
        initial_.push_back(cap);
    }

    // Augmenting paths found depth first, without recursion (paths can be long): the limits are
    // small (at most the threshold), so a few paths settle a query, and a depth-first search in the
    // dense graph of a table finds each without visiting the whole of it. `seen_` holds the search's
    // stamp, so nothing is reset between searches.
    std::int64_t max_flow(std::int64_t limit) {
        std::int64_t total = 0;
        while (total < limit) {
            ++stamp_;
            seen_[source_] = stamp_;
            next_[source_] = 0;
            std::vector<std::size_t>& path = path_;
            path.clear();
            std::size_t node = source_;
            while (node != sink_) {
                bool advanced = false;
                while (next_[node] < out_[node].size()) {
                    const std::size_t arc = out_[node][next_[node]++];
                    const std::size_t to = to_[arc];
                    if (cap_[arc] > 0 && seen_[to] != stamp_) {
                        seen_[to] = stamp_;
                        next_[to] = 0;
                        path.push_back(arc);
                        node = to;
                        advanced = true;
                        break;
                    }
                }
                if (advanced) {
                    continue;
                }
                if (path.empty()) {
                    break;
                }
                node = to_[path.back() ^ 1];
                path.pop_back();
            }
            if (node != sink_) {
                break;
            }
            std::int64_t push = limit - total;
            for (const std::size_t arc : path) {
                push = std::min(push, cap_[arc]);
            }
            for (const std::size_t arc : path) {
                cap_[arc] -= push;
                cap_[arc ^ 1] += push;
                touched_.push_back(arc);
                touched_.push_back(arc ^ 1);
            }
            total += push;
        }
        return total;
    }

    const AdditiveTable& table_;
    const SumGraph& g_;
    std::vector<std::vector<std::size_t>> out_;  ///< per node: its arcs
    std::vector<std::size_t> to_;                ///< per arc
    std::vector<std::int64_t> cap_;              ///< per arc: residual capacity
    std::vector<std::int64_t> initial_;
    std::vector<std::size_t> arc_of_;   ///< per value: its first arc, k_none when not withheld
    std::vector<std::size_t> touched_;  ///< arcs whose capacity differs from initial_
    std::vector<std::uint32_t> seen_;   ///< per node: the stamp of the last search that reached it
    std::vector<std::size_t> next_;     ///< per node: the next arc to try in the current search
    std::vector<std::size_t> path_;
    std::uint32_t stamp_ = 0;
    std::size_t source_ = 0;
    std::size_t sink_ = 0;
};

Range range_of(const AdditiveTable& table, std::size_t v, const Range& bound, Network& network) {
    const std::int64_t x = table.values[v];
    const std::int64_t up = bound.high >= k_big ? k_big : bound.high - x;
    const std::int64_t rise = network.room(v, true, up);
    const std::int64_t fall = network.room(v, false, x - bound.low);
    return {x - fall, rise >= k_big ? k_unbounded : x + rise};
}

bool primary(const AdditiveTable& table, std::size_t v, std::int64_t threshold) {
    return !table.locked[v] && table.values[v] > 0 && table.values[v] < threshold;
}

/**
 * The published values to withhold so that value v gains room in the direction the last
 * Network::room() call lacked: the cheapest path from that call's source to its sink through
 * residual arcs (free) and published values (zeros first counted, then their sum), each published
 * value usable only in a direction a value from 0 up can move. Empty when there is none.
 */
std::vector<std::size_t> widening_path(const AdditiveTable& table, const SumGraph& g,
                                       const std::vector<bool>& withheld, std::size_t v,
                                       const Network& network) {
    using Cost = std::pair<std::int64_t, std::int64_t>;
    const Cost infinite{k_unbounded, 0};
    std::vector<Cost> cost(g.incident.size(), infinite);
    std::vector<std::size_t> via(g.incident.size(), k_none);
    using Entry = std::pair<Cost, std::size_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    cost[network.source()] = {0, 0};
    queue.push({{0, 0}, network.source()});
    while (!queue.empty()) {
        const auto [c, node] = queue.top();
        queue.pop();
        if (c != cost[node]) {
            continue;
        }
        if (node == network.sink()) {
            break;
        }
        for (const std::size_t f : g.incident[node]) {
            if (f == v || table.locked[f]) {
                continue;
            }
            const bool from_first = g.ends[f].first == node;
            Cost next = c;
            if (withheld[f]) {
                const std::size_t arc = network.arc_of(f) + (from_first ? 0 : 1);
                if (!network.open(arc)) {
                    continue;
                }
            } else {
                // Moving along f from its first end raises f when forward[f] is +1: always possible
                // from 0 up; falling needs a value above 0.
                const bool raises = from_first == (g.forward[f] > 0);
                if (!raises && table.values[f] == 0) {
                    continue;
                }
                if (table.values[f] == 0) {
                    ++next.first;
                } else {
                    next.second += table.values[f];
                }
            }
            const std::size_t to = other_end(g, f, node);
            if (next < cost[to]) {
                cost[to] = next;
                via[to] = f;
                queue.push({next, to});
            }
        }
    }
    std::vector<std::size_t> out;
    if (cost[network.sink()] == infinite) {
        return out;
    }
    for (std::size_t node = network.sink(); node != network.source(); node = other_end(g, via[node], node)) {
        if (!withheld[via[node]]) {
            out.push_back(via[node]);
        }
    }
    return out;
}

}  // namespace

std::vector<Range> prior_bounds(const AdditiveTable& table, const std::vector<bool>& withheld,
                                std::int64_t threshold) {
    std::vector<Range> out(table.values.size());
    for (std::size_t v = 0; v < out.size(); ++v) {
        if (!withheld[v]) {
            out[v] = {table.values[v], table.values[v]};
        } else if (primary(table, v, threshold)) {
            out[v] = {1, threshold - 1};
        }
    }
    return out;
}

std::vector<Range> feasible_ranges(const AdditiveTable& table, const std::vector<bool>& withheld,
                                   const std::vector<Range>& bounds) {
    const SumGraph g = sum_graph(table);
    Network network(table, g, withheld, bounds);
    std::vector<Range> out(table.values.size());
    for (std::size_t v = 0; v < out.size(); ++v) {
        if (!withheld[v] || table.locked[v]) {
            out[v] = {table.values[v], table.values[v]};
        } else if (g.ends[v].first == k_none) {
            out[v] = bounds[v];  // in no sum: nothing ties it
        } else {
            out[v] = range_of(table, v, bounds[v], network);
        }
    }
    return out;
}

std::vector<Range> best_ranges(const AdditiveTable& table, std::int64_t threshold) {
    std::vector<bool> all(table.values.size());
    for (std::size_t v = 0; v < all.size(); ++v) {
        all[v] = !table.locked[v];
    }
    std::vector<Range> out(table.values.size());
    if (threshold <= 2) {
        return out;
    }
    const std::vector<Range> bounds = prior_bounds(table, all, threshold);
    const SumGraph g = sum_graph(table);
    Network network(table, g, all, bounds);
    for (std::size_t v = 0; v < out.size(); ++v) {
        if (primary(table, v, threshold) && g.ends[v].first != k_none) {
            out[v] = range_of(table, v, bounds[v], network);
        }
    }
    return out;
}

std::vector<std::size_t> narrowed(const AdditiveTable& table, const std::vector<bool>& withheld,
                                  std::int64_t threshold) {
    std::vector<std::size_t> out;
    if (threshold <= 2) {
        return out;  // the prior [1, 1] is a point already
    }
    const std::vector<Range> best = best_ranges(table, threshold);
    const std::vector<Range> bounds = prior_bounds(table, withheld, threshold);
    const SumGraph g = sum_graph(table);
    Network network(table, g, withheld, bounds);
    for (std::size_t v = 0; v < table.values.size(); ++v) {
        if (withheld[v] && primary(table, v, threshold) && g.ends[v].first != k_none &&
            !(range_of(table, v, bounds[v], network) == best[v])) {
            out.push_back(v);
        }
    }
    return out;
}

void widen_ranges(const AdditiveTable& table, std::int64_t threshold, std::vector<bool>& withheld) {
    if (threshold <= 2) {
        return;
    }
    const SumGraph g = sum_graph(table);
    const std::vector<Range> best = best_ranges(table, threshold);
    // Withholding more only loosens the reader's system, so a value widened stays widened: one pass.
    // A repair adds its values to the network.
    auto network = std::make_unique<Network>(table, g, withheld, prior_bounds(table, withheld, threshold));
    for (std::size_t v = 0; v < table.values.size(); ++v) {
        if (!withheld[v] || !primary(table, v, threshold) || g.ends[v].first == k_none) {
            continue;
        }
        const std::int64_t rise = best[v].high - table.values[v];
        const std::int64_t fall = table.values[v] - best[v].low;
        while (network->room(v, true, rise) < rise || network->room(v, false, fall) < fall) {
            const std::vector<std::size_t> path = widening_path(table, g, withheld, v, *network);
            if (path.empty()) {
                break;  // cannot happen when best[] is reachable; kept as a guard against a loop
            }
            for (const std::size_t f : path) {
                withheld[f] = true;
                network->add_value(f, Range{});  // published, so 0 or from threshold up: prior [0, unbounded)
            }
        }
    }
}

}  // namespace locality::disclosure
