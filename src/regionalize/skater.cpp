// SPDX-License-Identifier: MIT
#include "locality/regionalize/skater.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/kruskal_min_spanning_tree.hpp>
#include <cmath>
#include <iterator>
#include <optional>
#include <queue>
#include <string>
#include <utility>

#include "locality/core/error.hpp"
#include "locality/regionalize/amount_format.hpp"

namespace locality::regionalize {

namespace {

using Edge = std::pair<ZoneId, ZoneId>;

/** Squared Euclidean distance between two attribute rows. */
double squared_distance(const AttributeMatrix& m, ZoneId a, ZoneId b) {
    const double* ra = m.row(static_cast<std::size_t>(a));
    const double* rb = m.row(static_cast<std::size_t>(b));
    double sum = 0.0;
    for (std::size_t c = 0; c < m.cols; ++c) {
        const double d = ra[c] - rb[c];
        sum += d * d;
    }
    return sum;
}

/**
 * Minimum spanning tree (Boost Kruskal). The weight is (distance, index in the sorted (low, high)
 * edge list), so equal distances are broken by zone ids and the tree is unique whatever order
 * Boost's heap visits ties in. Returns the tree edges sorted by (low, high); fewer than n - 1
 * of them means the graph is not connected.
 */
std::vector<Edge> minimum_spanning_tree(std::size_t n, const std::vector<Edge>& edges,
                                        const AttributeMatrix& m) {
    using Key = std::pair<double, std::size_t>;
    using BoostGraph =
        boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property, Key>;
    BoostGraph g(n);
    for (std::size_t i = 0; i < edges.size(); ++i) {
        boost::add_edge(static_cast<std::size_t>(edges[i].first), static_cast<std::size_t>(edges[i].second),
                        Key{squared_distance(m, edges[i].first, edges[i].second), i}, g);
    }
    std::vector<BoostGraph::edge_descriptor> chosen;
    chosen.reserve(n);
    boost::kruskal_minimum_spanning_tree(g, std::back_inserter(chosen),
                                         boost::weight_map(boost::get(boost::edge_bundle, g)));
    std::vector<std::size_t> indices;
    indices.reserve(chosen.size());
    for (const auto& e : chosen) {
        indices.push_back(g[e].second);
    }
    std::sort(indices.begin(), indices.end());
    std::vector<Edge> tree;
    tree.reserve(indices.size());
    for (std::size_t i : indices) {
        tree.push_back(edges[i]);
    }
    return tree;
}

/** The spanning tree with cut edges switched off; its components are the regions. */
class Forest {
public:
    Forest(std::size_t n, const std::vector<Edge>& tree) : m_alive(tree.size(), 1), m_offsets(n + 1, 0) {
        for (const auto& [a, b] : tree) {
            ++m_offsets[static_cast<std::size_t>(a) + 1];
            ++m_offsets[static_cast<std::size_t>(b) + 1];
        }
        for (std::size_t z = 0; z < n; ++z) {
            m_offsets[z + 1] += m_offsets[z];
        }
        m_incident.resize(m_offsets[n]);
        std::vector<std::size_t> fill(m_offsets.begin(), m_offsets.end() - 1);
        for (std::size_t i = 0; i < tree.size(); ++i) {
            m_incident[fill[static_cast<std::size_t>(tree[i].first)]++] = {tree[i].second, i};
            m_incident[fill[static_cast<std::size_t>(tree[i].second)]++] = {tree[i].first, i};
        }
        m_edges = tree;
    }
    std::size_t zone_count() const { return m_offsets.size() - 1; }
    const Edge& edge(std::size_t i) const { return m_edges[i]; }
    void cut(std::size_t i) { m_alive[i] = 0; }
    /** Calls f(neighbour, edge index) for every live tree edge at z. */
    template <typename F>
    void for_each_neighbour(ZoneId z, F&& f) const {
        const std::size_t zi = static_cast<std::size_t>(z);
        for (std::size_t k = m_offsets[zi]; k < m_offsets[zi + 1]; ++k) {
            const Incident& inc = m_incident[k];
            if (m_alive[inc.edge] != 0) {
                f(inc.other, inc.edge);
            }
        }
    }

private:
    /** The far end stored with the edge, so a traversal does not look the edge up. */
    struct Incident {
        ZoneId other = 0;
        std::size_t edge = 0;
    };
    std::vector<Edge> m_edges;
    std::vector<char> m_alive;
    std::vector<std::size_t> m_offsets;
    std::vector<Incident> m_incident;
};

/** The best feasible cut of one tree of the forest. */
struct Candidate {
    double reduction = 0.0;  ///< drop of the within-region sum of squares
    std::size_t edge = 0;    ///< tree edge index; lower index = lower (low, high) zone pair
};

/** Priority order: larger reduction first, then the lower edge, so the choice is deterministic. */
struct CandidateLess {
    bool operator()(const Candidate& x, const Candidate& y) const {
        return x.reduction < y.reduction || (x.reduction == y.reduction && x.edge > y.edge);
    }
};

/**
 * Evaluates every edge of one tree in O(size * cols): one rooted traversal accumulates, per
 * subtree, the zone count, floor total, column sums and the sum of squares; the SSD of a part
 * is then sumsq - |sum|^2 / count, and the other side of a cut is the tree total minus the subtree.
 * Scratch arrays are indexed by traversal position, not zone id, so the two passes over them are
 * sequential: with k = 500 on 40,000 zones the big tree is re-evaluated after nearly every cut,
 * and zone-indexed arrays made that loop cache-miss bound. Memory O(n * cols), allocated once.
 */
class TreeEvaluator {
public:
    TreeEvaluator(const Forest& forest, const AttributeMatrix& centred,
                  const std::vector<double>& floor_values, double floor)
        : m_forest(forest), m_data(centred), m_floor_values(floor_values), m_floor(floor) {
        const std::size_t n = forest.zone_count();
        m_order.reserve(n);
        m_parent.reserve(n);
        m_edge.reserve(n);
        m_count.resize(n);
        m_floor_sum.resize(n);
        m_sum.resize(n * centred.cols);
        m_sumsq.resize(n);
    }

    /** Best feasible cut of the tree containing `root`, or nothing when no cut keeps both floors. */
    std::optional<Candidate> best_cut(ZoneId root) {
        traverse(root);
        accumulate();
        const std::size_t cols = m_data.cols;
        const double* total = m_sum.data();  // position 0 is the root: its subtree is the tree
        const double total_count = m_count[0];
        const double total_floor = m_floor_sum[0];
        const double total_ssd = m_sumsq[0] - squared_norm(total) / total_count;
        std::optional<Candidate> best;
        for (std::size_t i = 1; i < m_order.size(); ++i) {
            const double floor_in = m_floor_sum[i];
            if (floor_in < m_floor || total_floor - floor_in < m_floor) {
                continue;
            }
            const double* in_sum = m_sum.data() + i * cols;
            double in_norm = 0.0;
            double out_norm = 0.0;
            for (std::size_t c = 0; c < cols; ++c) {
                in_norm += in_sum[c] * in_sum[c];
                const double out = total[c] - in_sum[c];
                out_norm += out * out;
            }
            const double ssd_in = m_sumsq[i] - in_norm / m_count[i];
            const double ssd_out = (m_sumsq[0] - m_sumsq[i]) - out_norm / (total_count - m_count[i]);
            const Candidate c{total_ssd - ssd_in - ssd_out, m_edge[i]};
            if (!best || CandidateLess{}(*best, c)) {
                best = c;
            }
        }
        return best;
    }

private:
    double squared_norm(const double* v) const {
        double norm = 0.0;
        for (std::size_t c = 0; c < m_data.cols; ++c) {
            norm += v[c] * v[c];
        }
        return norm;
    }

    /** Breadth-first from root: every parent gets a lower position than its children. */
    void traverse(ZoneId root) {
        m_order.assign(1, root);
        m_parent.assign(1, 0);
        m_edge.assign(1, k_no_edge);
        for (std::size_t i = 0; i < m_order.size(); ++i) {
            const std::size_t from = m_edge[i];
            m_forest.for_each_neighbour(m_order[i], [&](ZoneId next, std::size_t e) {
                if (e != from) {
                    m_order.push_back(next);
                    m_parent.push_back(i);
                    m_edge.push_back(e);
                }
            });
        }
    }

    /** Subtree totals, children folded into parents in reverse traversal order. */
    void accumulate() {
        const std::size_t cols = m_data.cols;
        const std::size_t size = m_order.size();
        for (std::size_t i = 0; i < size; ++i) {
            const std::size_t z = static_cast<std::size_t>(m_order[i]);
            m_count[i] = 1.0;
            m_floor_sum[i] = m_floor_values.empty() ? 0.0 : m_floor_values[z];
            const double* row = m_data.row(z);
            double sq = 0.0;
            for (std::size_t c = 0; c < cols; ++c) {
                m_sum[i * cols + c] = row[c];
                sq += row[c] * row[c];
            }
            m_sumsq[i] = sq;
        }
        for (std::size_t i = size; i-- > 1;) {
            const std::size_t p = m_parent[i];
            m_count[p] += m_count[i];
            m_floor_sum[p] += m_floor_sum[i];
            m_sumsq[p] += m_sumsq[i];
            for (std::size_t c = 0; c < cols; ++c) {
                m_sum[p * cols + c] += m_sum[i * cols + c];
            }
        }
    }

    static constexpr std::size_t k_no_edge = static_cast<std::size_t>(-1);

    const Forest& m_forest;
    const AttributeMatrix& m_data;
    const std::vector<double>& m_floor_values;
    double m_floor;
    std::vector<ZoneId> m_order;        ///< zone at each traversal position
    std::vector<std::size_t> m_parent;  ///< position of the parent (root: 0, unused)
    std::vector<std::size_t> m_edge;    ///< tree edge to the parent (root: k_no_edge)
    std::vector<double> m_count;
    std::vector<double> m_floor_sum;
    std::vector<double> m_sum;
    std::vector<double> m_sumsq;
};

/** Rejects malformed arguments and constraints that no partition can meet, before any work. */
void check_inputs(const graph::ContiguityGraph& graph, const AttributeMatrix& attributes,
                  const std::vector<double>& floor_values, const RegionalizeOptions& options) {
    const std::size_t n = graph.zone_count();
    if (n == 0) {
        throw InputError("the contiguity graph has no areas to regionalize");
    }
    if (attributes.rows != n || attributes.values.size() != attributes.rows * attributes.cols) {
        throw InputError("the attribute matrix has " + std::to_string(attributes.rows) +
                         " rows but the graph has " + std::to_string(n) + " areas");
    }
    if (options.k < 0) {
        throw UsageError("k = " + std::to_string(options.k) +
                         " is negative: use 0 for as many localities as the floor allows");
    }
    if (!std::isfinite(options.floor) || options.floor < 0.0) {
        throw UsageError("the floor " + detail::format_amount(options.floor) +
                         " must be a finite number >= 0");
    }
    if (static_cast<std::size_t>(options.k) > n) {
        throw InfeasibleError("k = " + std::to_string(options.k) + " exceeds the " + std::to_string(n) +
                              " areas");
    }
    if (options.floor > 0.0 && floor_values.size() != n) {
        throw InputError("floor values have " + std::to_string(floor_values.size()) +
                         " entries but the graph has " + std::to_string(n) + " areas");
    }
    if (options.floor > 0.0) {
        double total = 0.0;
        for (const double v : floor_values) {
            total += v;
        }
        if (total < options.floor) {
            throw InfeasibleError("the total population " + detail::format_amount(total) +
                                  " is below the floor " + detail::format_amount(options.floor) + " by " +
                                  detail::format_amount(options.floor - total));
        }
    }
}

/**
 * Copy of the attributes with every column centred on its mean. The SSD is translation
 * invariant, and centring keeps sumsq - |sum|^2/count from cancelling catastrophically when a
 * column has a large mean (raw populations, say).
 */
AttributeMatrix centred_copy(const AttributeMatrix& attributes) {
    AttributeMatrix out = attributes;
    const double n = static_cast<double>(out.rows);
    for (std::size_t c = 0; c < out.cols; ++c) {
        double sum = 0.0;
        for (std::size_t r = 0; r < out.rows; ++r) {
            sum += out.at(r, c);
        }
        const double mean = sum / n;
        for (std::size_t r = 0; r < out.rows; ++r) {
            out.at(r, c) -= mean;
        }
    }
    return out;
}

/** Labels the forest's components 0.. in order of their lowest zone. */
std::vector<RegionId> label_regions(const Forest& forest, int& region_count) {
    const std::size_t n = forest.zone_count();
    std::vector<RegionId> region_of(n, -1);
    std::vector<ZoneId> stack;
    region_count = 0;
    for (std::size_t start = 0; start < n; ++start) {
        if (region_of[start] >= 0) {
            continue;
        }
        const RegionId id = region_count++;
        region_of[start] = id;
        stack.assign(1, static_cast<ZoneId>(start));
        while (!stack.empty()) {
            const ZoneId z = stack.back();
            stack.pop_back();
            forest.for_each_neighbour(z, [&](ZoneId next, std::size_t) {
                if (region_of[static_cast<std::size_t>(next)] < 0) {
                    region_of[static_cast<std::size_t>(next)] = id;
                    stack.push_back(next);
                }
            });
        }
    }
    return region_of;
}

}  // namespace

Regionalization skater(const graph::ContiguityGraph& graph, const AttributeMatrix& attributes,
                       const std::vector<double>& floor_values, const RegionalizeOptions& options) {
    check_inputs(graph, attributes, floor_values, options);
    // options.seed is reserved: SKATER as implemented is fully deterministic (ties broken by
    // zone ids), so nothing here draws random numbers yet.
    const std::size_t n = graph.zone_count();
    const AttributeMatrix centred = centred_copy(attributes);
    const std::vector<Edge> tree = minimum_spanning_tree(n, graph.edges(), centred);
    if (tree.size() + 1 < n) {
        throw InfeasibleError("the contiguity graph is not connected (" + std::to_string(n - tree.size()) +
                              " separate parts): bridge islands to their nearest neighbours first");
    }
    Forest forest(n, tree);
    const double floor = options.floor > 0.0 ? options.floor : 0.0;
    const std::vector<double> no_floor;
    TreeEvaluator evaluator(forest, centred, floor > 0.0 ? floor_values : no_floor, floor);

    // One entry per tree that still has a feasible cut. A tree changes only when its own entry is
    // popped and cut, so entries never go stale and only the two new trees are re-evaluated.
    std::priority_queue<Candidate, std::vector<Candidate>, CandidateLess> queue;
    if (auto first = evaluator.best_cut(0)) {
        queue.push(*first);
    }
    const std::size_t target = options.k > 0 ? static_cast<std::size_t>(options.k) : n;
    std::size_t regions = 1;
    while (regions < target && !queue.empty()) {
        const Candidate best = queue.top();
        queue.pop();
        forest.cut(best.edge);
        ++regions;
        for (const ZoneId side : {forest.edge(best.edge).first, forest.edge(best.edge).second}) {
            if (auto next = evaluator.best_cut(side)) {
                queue.push(*next);
            }
        }
    }
    if (options.k > 0 && regions < target) {
        throw InfeasibleError("cannot make " + std::to_string(options.k) + " localities of at least " +
                              detail::format_amount(floor) + ": stopped at " + std::to_string(regions));
    }
    Regionalization result;
    result.region_of = label_regions(forest, result.region_count);
    result.within_ss = within_sum_of_squares(attributes, result.region_of, result.region_count);
    return result;
}

}  // namespace locality::regionalize
