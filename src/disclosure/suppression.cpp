// SPDX-License-Identifier: MIT
// Secondary suppression on the graph of the sums (docs/decisions/0008, 0015).
#include "locality/disclosure/suppression.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "locality/disclosure/ranges.hpp"
#include "sum_graph.hpp"

namespace locality::disclosure {

namespace {

/**
 * The bridges among the withheld edges, from a depth-first search: each bridge with its deeper end,
 * whose subtree (an interval of the preorder) is one side of it.
 */
struct Bridges {
    std::vector<std::size_t> values;   ///< the bridges' values, in increasing order
    std::vector<std::size_t> child;    ///< per bridge (same order): its end deeper in the search
    std::vector<std::size_t> order;    ///< per node: preorder number
    std::vector<std::size_t> size;     ///< per node: nodes in its subtree
    std::vector<std::size_t> root;     ///< per node: the root of its search tree
    std::vector<std::size_t> node_at;  ///< per preorder number: the node
};

Bridges find_bridges(const SumGraph& g, const std::vector<bool>& withheld) {
    const std::size_t nodes = g.incident.size();
    Bridges out;
    out.order.assign(nodes, k_none);
    out.size.assign(nodes, 1);
    out.root.assign(nodes, k_none);
    std::vector<std::size_t> low(nodes, 0);
    std::vector<std::pair<std::size_t, std::size_t>> found;  // (value, child)
    struct Frame {
        std::size_t node;
        std::size_t via;   ///< the value (edge) the node was entered by, k_none at a root
        std::size_t next;  ///< position in incident[node]
    };
    for (std::size_t root = 0; root < nodes; ++root) {
        if (out.order[root] != k_none) {
            continue;
        }
        std::vector<Frame> stack{{root, k_none, 0}};
        out.order[root] = low[root] = out.node_at.size();
        out.node_at.push_back(root);
        out.root[root] = root;
        while (!stack.empty()) {
            Frame& f = stack.back();
            if (f.next < g.incident[f.node].size()) {
                const std::size_t v = g.incident[f.node][f.next++];
                if (!withheld[v] || v == f.via) {
                    continue;
                }
                const std::size_t to = other_end(g, v, f.node);
                if (out.order[to] == k_none) {
                    out.order[to] = low[to] = out.node_at.size();
                    out.node_at.push_back(to);
                    out.root[to] = root;
                    stack.push_back({to, v, 0});
                } else {
                    low[f.node] = std::min(low[f.node], out.order[to]);
                }
                continue;
            }
            const Frame done = f;
            stack.pop_back();
            if (!stack.empty()) {
                const std::size_t parent = stack.back().node;
                low[parent] = std::min(low[parent], low[done.node]);
                out.size[parent] += out.size[done.node];
                if (low[done.node] > out.order[parent]) {
                    found.emplace_back(done.via, done.node);
                }
            }
        }
    }
    std::sort(found.begin(), found.end());
    for (const auto& [value, child] : found) {
        out.values.push_back(value);
        out.child.push_back(child);
    }
    return out;
}

/**
 * Cheapest paths between the two sides of a bridge: Dijkstra from every node of the smaller side
 * to the first node of the other side, where a withheld edge costs nothing and a published one its
 * value, zeros last (a reader knows a zero is never withheld for being small). Locked values are not
 * edges. The sides are those of the bridges found at the start of the pass: an edge withheld since
 * only joins them sooner, and a path between them still closes a cycle through the bridge.
 * Its arrays are reused from one bridge to the next, reset through the nodes touched.
 */
class CycleFinder {
public:
    CycleFinder(const AdditiveTable& table, const SumGraph& g, const Bridges& bridges)
        : table_(table),
          g_(g),
          b_(bridges),
          cost_(g.incident.size(), k_infinite),
          via_(g.incident.size(), k_none) {}

    /** The published values to withhold so that bridge `i` lies on a cycle; empty when none can. */
    std::vector<std::size_t> close(std::size_t i, const std::vector<bool>& withheld) {
        const std::size_t child = b_.child[i];
        const std::size_t root = b_.root[child];
        const std::size_t first = b_.order[child];
        const std::size_t last = first + b_.size[child];  // the child's side: preorder [first, last)
        const bool from_child = b_.size[child] * 2 <= b_.size[root];
        auto in_child_side = [&](std::size_t node) {
            return b_.order[node] != k_none && b_.order[node] >= first && b_.order[node] < last;
        };
        auto is_target = [&](std::size_t node) {
            return b_.root[node] == root && in_child_side(node) != from_child;
        };
        // Sources: the smaller side, [first, last) or the rest of the search tree.
        Queue queue;
        const std::size_t tree_first = b_.order[root];
        const std::size_t tree_last = tree_first + b_.size[root];
        const std::pair<std::size_t, std::size_t> ranges[2] = {
            from_child ? std::pair{first, last} : std::pair{tree_first, first},
            from_child ? std::pair{last, last} : std::pair{last, tree_last}};
        for (const auto& [from, to] : ranges) {
            for (std::size_t o = from; o < to; ++o) {
                reach(b_.node_at[o], {0, 0}, k_none, queue);
            }
        }
        std::size_t hit = k_none;
        while (!queue.empty()) {
            const auto [c, node] = queue.top();
            queue.pop();
            if (c != cost_[node]) {
                continue;
            }
            if (is_target(node)) {
                hit = node;
                break;
            }
            for (const std::size_t v : g_.incident[node]) {
                if (v == b_.values[i]) {
                    continue;
                }
                Cost next = c;
                if (!withheld[v]) {
                    if (table_.values[v] == 0) {
                        ++next.first;
                    } else {
                        next.second += table_.values[v];
                    }
                }
                reach(other_end(g_, v, node), next, v, queue);
            }
        }
        std::vector<std::size_t> out;
        for (std::size_t node = hit; node != k_none && via_[node] != k_none;
             node = other_end(g_, via_[node], node)) {
            if (!withheld[via_[node]]) {
                out.push_back(via_[node]);
            }
        }
        for (const std::size_t node : touched_) {
            cost_[node] = k_infinite;
            via_[node] = k_none;
        }
        touched_.clear();
        return out;
    }

private:
    using Cost = std::pair<std::int64_t, std::int64_t>;  ///< (zeros withheld, sum of the values withheld)
    using Entry = std::pair<Cost, std::size_t>;
    using Queue = std::priority_queue<Entry, std::vector<Entry>, std::greater<>>;
    static constexpr Cost k_infinite{std::numeric_limits<std::int64_t>::max(), 0};

    void reach(std::size_t node, Cost cost, std::size_t via, Queue& queue) {
        if (cost < cost_[node]) {
            if (cost_[node] == k_infinite) {
                touched_.push_back(node);
            }
            cost_[node] = cost;
            via_[node] = via;
            queue.push({cost, node});
        }
    }

    const AdditiveTable& table_;
    const SumGraph& g_;
    const Bridges& b_;
    std::vector<Cost> cost_;
    std::vector<std::size_t> via_;
    std::vector<std::size_t> touched_;
};

}  // namespace

std::size_t AdditiveTable::add(std::int64_t value, bool is_locked) {
    values.push_back(value);
    locked.push_back(is_locked);
    return values.size() - 1;
}

std::vector<std::size_t> recoverable(const AdditiveTable& table, const std::vector<bool>& withheld) {
    return find_bridges(sum_graph(table), withheld).values;
}

std::vector<bool> suppress(const AdditiveTable& table, std::int64_t threshold,
                           const std::vector<bool>& already, bool widen) {
    const std::size_t n = table.values.size();
    std::vector<bool> withheld(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        withheld[i] = !table.locked[i] && ((table.values[i] > 0 && table.values[i] < threshold) ||
                                           (i < already.size() && already[i]));
    }
    const SumGraph g = sum_graph(table);
    // Withholding more never turns a value on a cycle into a bridge, so one pass over the first
    // bridges protects them all; a later one already on a cycle costs nothing.
    const Bridges bridges = find_bridges(g, withheld);
    CycleFinder cycles(table, g, bridges);
    for (std::size_t i = 0; i < bridges.values.size(); ++i) {
        for (const std::size_t v : cycles.close(i, withheld)) {
            withheld[v] = true;
        }
    }
    // No withheld value is determined now, but a small one may still be narrowed (decision 0025):
    // the same kind of paths give each the room to take any value from 1 to threshold - 1.
    if (widen) {
        widen_ranges(table, threshold, withheld);
    }
    return withheld;
}

}  // namespace locality::disclosure
