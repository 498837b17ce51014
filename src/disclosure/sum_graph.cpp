// SPDX-License-Identifier: MIT
#include "sum_graph.hpp"

#include <stdexcept>

namespace locality::disclosure {

SumGraph sum_graph(const AdditiveTable& table) {
    const std::size_t n = table.values.size();
    SumGraph g;
    g.ground = table.sums.size();
    g.ends.assign(n, {k_none, k_none});
    g.incident.resize(table.sums.size() + 1);
    // Coefficient of each value in each of its sums: +1 as a part, -1 as the total.
    std::vector<std::pair<int, int>> sign(n, {0, 0});
    auto attach = [&](std::size_t value, std::size_t sum, int coefficient) {
        if (table.locked[value]) {
            return;
        }
        auto& [a, b] = g.ends[value];
        if (a == k_none) {
            a = sum;
            sign[value].first = coefficient;
        } else if (b == k_none) {
            b = sum;
            sign[value].second = coefficient;
        } else {
            throw std::logic_error("disclosure: a value takes part in more than two sums");
        }
    };
    for (std::size_t s = 0; s < table.sums.size(); ++s) {
        attach(table.sums[s].total, s, -1);
        for (const std::size_t part : table.sums[s].parts) {
            attach(part, s, 1);
        }
    }
    for (std::size_t v = 0; v < n; ++v) {
        auto& [a, b] = g.ends[v];
        if (a != k_none && b == k_none) {
            b = g.ground;
        }
        if (a != k_none) {
            g.incident[a].push_back(v);
            g.incident[b].push_back(v);
        }
    }
    // Balance: node signs p with p[a] * p[b] = -(coefficient at a) * (coefficient at b) on every edge
    // between two sums; then the kernel of the equations is the cycle space of the graph.
    std::vector<int> p(g.ground, 0);
    for (std::size_t start = 0; start < g.ground; ++start) {
        if (p[start] != 0) {
            continue;
        }
        p[start] = 1;
        std::vector<std::size_t> stack{start};
        while (!stack.empty()) {
            const std::size_t node = stack.back();
            stack.pop_back();
            for (const std::size_t v : g.incident[node]) {
                const auto [a, b] = g.ends[v];
                if (b == g.ground) {
                    continue;
                }
                const std::size_t other = a == node ? b : a;
                const int wanted = -sign[v].first * sign[v].second * p[node];
                if (p[other] == 0) {
                    p[other] = wanted;
                    stack.push_back(other);
                } else if (p[other] != wanted) {
                    throw std::logic_error("disclosure: the sums do not form a balanced graph");
                }
            }
        }
    }
    // y = p[first] x (coefficient at first) flows from first to second: at `first` it enters the
    // equation as p[first] y, and at `second` (balance) as -p[second] y.
    g.forward.assign(n, 0);
    for (std::size_t v = 0; v < n; ++v) {
        if (g.ends[v].first != k_none) {
            g.forward[v] = p[g.ends[v].first] * sign[v].first;
        }
    }
    return g;
}

}  // namespace locality::disclosure
