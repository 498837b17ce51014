// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include "locality/graph/contiguity_graph.hpp"
#include "locality/regionalize/attribute_matrix.hpp"
#include "locality/regionalize/problem.hpp"
#include "locality/regionalize/skater.hpp"

namespace locality::test {

/** Rook (4-neighbour) grid of rows x cols zones; zone id = row * cols + col (row 0 first). */
inline graph::ContiguityGraph grid_graph(int rows, int cols) {
    std::vector<std::pair<ZoneId, ZoneId>> edges;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const ZoneId z = r * cols + c;
            if (c + 1 < cols) {
                edges.emplace_back(z, z + 1);
            }
            if (r + 1 < rows) {
                edges.emplace_back(z, z + cols);
            }
        }
    }
    return graph::ContiguityGraph(static_cast<std::size_t>(rows * cols), edges);
}

/** One-column matrix from a list of values. */
inline regionalize::AttributeMatrix column(const std::vector<double>& values) {
    regionalize::AttributeMatrix m(values.size(), 1);
    m.values = values;
    return m;
}

/** One attribute on the 3 x 3 grid: 10 in the left column (zones 0, 3, 6), 0 elsewhere. */
inline regionalize::AttributeMatrix left_column_cluster() { return column({10, 0, 0, 10, 0, 0, 10, 0, 0}); }

/** Population of the 3 x 3 grid (data/fixtures/grid3x3.geojson) by zone row * 3 + col: 100 .. 900. */
inline std::vector<double> grid3x3_pop() {
    std::vector<double> pop(9);
    for (std::size_t z = 0; z < 9; ++z) {
        pop[z] = 100.0 * static_cast<double>(z + 1);
    }
    return pop;
}

/** Options asking for exactly `k` regions (0 = as many as the floor allows) under `floor`, seed 0. */
inline regionalize::RegionalizeOptions skater_options(int k, double floor = 0.0) {
    regionalize::RegionalizeOptions options;
    options.k = k;
    options.floor = floor;
    return options;
}

/** rows x cols matrix of uniform [0, 1) values from a seeded generator. */
inline regionalize::AttributeMatrix random_matrix(std::size_t rows, std::size_t cols, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    regionalize::AttributeMatrix m(rows, cols);
    for (double& v : m.values) {
        v = uniform(rng);
    }
    return m;
}

/** Whether the zones labelled `label` induce a connected subgraph (independent BFS). */
inline bool part_connected(const graph::ContiguityGraph& g, const std::vector<int>& label, int part) {
    std::vector<ZoneId> members;
    for (std::size_t z = 0; z < label.size(); ++z) {
        if (label[z] == part) {
            members.push_back(static_cast<ZoneId>(z));
        }
    }
    if (members.empty()) {
        return false;
    }
    std::vector<char> seen(label.size(), 0);
    std::vector<ZoneId> queue{members.front()};
    seen[static_cast<std::size_t>(members.front())] = 1;
    for (std::size_t i = 0; i < queue.size(); ++i) {
        for (const ZoneId* it = g.begin(queue[i]); it != g.end(queue[i]); ++it) {
            if (!seen[static_cast<std::size_t>(*it)] && label[static_cast<std::size_t>(*it)] == part) {
                seen[static_cast<std::size_t>(*it)] = 1;
                queue.push_back(*it);
            }
        }
    }
    return queue.size() == members.size();
}

/**
 * Calls visit(labels) for every partition of n zones into exactly k labelled blocks, as
 * restricted growth strings (block ids in order of first appearance). Bell(9) = 21147 at most here.
 */
inline void for_each_partition(std::size_t n, int k,
                               const std::function<void(const std::vector<int>&)>& visit) {
    std::vector<int> label(n, 0);
    std::function<void(std::size_t, int)> rec = [&](std::size_t i, int used) {
        if (i == n) {
            if (used == k) {
                visit(label);
            }
            return;
        }
        if (used + static_cast<int>(n - i) < k) {
            return;
        }
        for (int b = 0; b <= used && b < k; ++b) {
            label[i] = b;
            rec(i + 1, b == used ? used + 1 : used);
        }
    };
    rec(0, 0);
}

/** Within-region SS by the two-pass textbook formula (means, then squared deviations), independent of the
 * library. */
inline double naive_within_ss(const regionalize::AttributeMatrix& m, const std::vector<int>& label,
                              int parts) {
    double total = 0.0;
    for (int p = 0; p < parts; ++p) {
        for (std::size_t c = 0; c < m.cols; ++c) {
            double sum = 0.0;
            double count = 0.0;
            for (std::size_t r = 0; r < m.rows; ++r) {
                if (label[r] == p) {
                    sum += m.at(r, c);
                    count += 1.0;
                }
            }
            for (std::size_t r = 0; r < m.rows; ++r) {
                if (label[r] == p) {
                    total += (m.at(r, c) - sum / count) * (m.at(r, c) - sum / count);
                }
            }
        }
    }
    return total;
}

/** A problem asking for k regions of `graph` by `attributes`, without bounds (add them after). */
inline regionalize::Problem k_problem(const graph::ContiguityGraph& graph,
                                      const regionalize::AttributeMatrix& attributes, int k) {
    regionalize::Problem problem;
    problem.graph = &graph;
    problem.attributes = &attributes;
    problem.k = k;
    return problem;
}

/** Unit squares on grid_graph(rows, cols): area 1, perimeter 4, a border of 1 per rook neighbour. */
inline regionalize::ZoneShapes unit_squares(const graph::ContiguityGraph& graph) {
    regionalize::ZoneShapes shapes;
    shapes.area.assign(graph.zone_count(), 1.0);
    shapes.perimeter.assign(graph.zone_count(), 4.0);
    shapes.shared.assign(2 * graph.edge_count(), 1.0);
    return shapes;
}

/** A max-p problem on unit squares: one floor of `floor` zones (each zone counts 1), the shape term's
 * shapes attached (its weight left at 0: set it where the test wants the term on). */
inline regionalize::Problem floor_problem(const graph::ContiguityGraph& graph,
                                          const regionalize::AttributeMatrix& attributes,
                                          const regionalize::ZoneShapes& shapes, double floor) {
    regionalize::Problem problem = k_problem(graph, attributes, 0);
    problem.bounds.push_back(
        regionalize::Bound{"units", std::vector<double>(graph.zone_count(), 1.0), floor});
    problem.shapes = &shapes;
    return problem;
}

/** Mean over parts of perimeter^2 / (4 pi area), the perimeter counted from the cells' sides. */
inline double brute_mean_inverse_pp(int rows, int cols, const std::vector<int>& label, int k) {
    std::vector<double> perimeter(static_cast<std::size_t>(k), 0.0);
    std::vector<double> area(static_cast<std::size_t>(k), 0.0);
    const auto other = [&](int r, int c, int part) {
        return r < 0 || c < 0 || r >= rows || c >= cols ||
               label[static_cast<std::size_t>(r * cols + c)] != part;
    };
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const int part = label[static_cast<std::size_t>(r * cols + c)];
            area[static_cast<std::size_t>(part)] += 1.0;
            perimeter[static_cast<std::size_t>(part)] +=
                (other(r - 1, c, part) ? 1 : 0) + (other(r + 1, c, part) ? 1 : 0) +
                (other(r, c - 1, part) ? 1 : 0) + (other(r, c + 1, part) ? 1 : 0);
        }
    }
    double sum = 0.0;
    for (std::size_t p = 0; p < perimeter.size(); ++p) {
        sum += perimeter[p] * perimeter[p] / (12.566370614359172 * area[p]);
    }
    return sum / k;
}

}  // namespace locality::test
