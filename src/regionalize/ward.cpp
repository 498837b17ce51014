// SPDX-License-Identifier: MIT
#include "ward.hpp"

#include <algorithm>
#include <queue>
#include <string>
#include <vector>

#include "local_search.hpp"
#include "locality/core/error.hpp"
#include "seeded_random.hpp"

namespace locality::regionalize::detail {

namespace {

/** A candidate merge; the versions tell a stale entry (one side merged since) from a live one. */
struct Merge {
    double cost = 0.0;
    ZoneId a = 0;
    ZoneId b = 0;
    unsigned version_a = 0;
    unsigned version_b = 0;
};

/** Heap order: cheapest first, ties by cluster ids so the result never depends on heap internals. */
struct MergeGreater {
    bool operator()(const Merge& x, const Merge& y) const {
        if (x.cost != y.cost) return x.cost > y.cost;
        return x.a > y.a || (x.a == y.a && x.b > y.b);
    }
};

/** Clusters as union-find roots (a zone id), with their size, column sums and neighbour lists. */
class Clusters {
public:
    Clusters(const Problem& problem, double jitter, std::uint64_t seed, bool cap)
        : m_problem(problem),
          m_cols(problem.attributes->cols),
          m_parent(problem.graph->zone_count()),
          m_count(problem.graph->zone_count(), 1.0),
          m_sum(problem.attributes->values),
          m_version(problem.graph->zone_count(), 0),
          m_neighbours(problem.graph->zone_count()),
          m_jitter(jitter),
          m_rng(seed),
          m_cap(cap) {
        const graph::ContiguityGraph& g = *problem.graph;
        for (const Bound& b : problem.bounds) m_total.insert(m_total.end(), b.values.begin(), b.values.end());
        for (std::size_t z = 0; z < m_parent.size(); ++z) {
            m_parent[z] = static_cast<ZoneId>(z);
            m_neighbours[z].assign(g.begin(static_cast<ZoneId>(z)), g.end(static_cast<ZoneId>(z)));
        }
        for (std::size_t z = 0; z < m_parent.size(); ++z) {
            for (const ZoneId other : m_neighbours[z]) {
                if (static_cast<std::size_t>(other) > z) push(static_cast<ZoneId>(z), other);
            }
        }
    }

    ZoneId find(ZoneId z) {
        while (m_parent[static_cast<std::size_t>(z)] != z) {
            const std::size_t zi = static_cast<std::size_t>(z);
            m_parent[zi] = m_parent[static_cast<std::size_t>(m_parent[zi])];
            z = m_parent[zi];
        }
        return z;
    }

    /**
     * Merges the cheapest live pair; false when no adjacent pair is left. With the cap on, pairs
     * whose merge would break a ceiling are set aside (clusters only grow, so they never become
     * valid); when nothing else is left, the cap is lifted and they come back (repair follows).
     */
    bool merge_cheapest() {
        for (;;) {
            if (m_heap.empty()) {
                if (m_deferred.empty()) return false;
                for (const Merge& m : m_deferred) m_heap.push(m);
                m_deferred.clear();
                m_cap = false;
            }
            const Merge m = m_heap.top();
            m_heap.pop();
            if (find(m.a) != m.a || find(m.b) != m.b ||
                m_version[static_cast<std::size_t>(m.a)] != m.version_a ||
                m_version[static_cast<std::size_t>(m.b)] != m.version_b) {
                continue;
            }
            if (m_cap && breaks_ceiling(m.a, m.b)) {
                m_deferred.push_back(m);
                continue;
            }
            merge(m.a, m.b);
            return true;
        }
    }

private:
    bool breaks_ceiling(ZoneId a, ZoneId b) const {
        const std::size_t n = m_parent.size();
        for (std::size_t i = 0; i < m_problem.bounds.size(); ++i) {
            const double merged =
                m_total[i * n + static_cast<std::size_t>(a)] + m_total[i * n + static_cast<std::size_t>(b)];
            if (merged > m_problem.bounds[i].max) return true;
        }
        return false;
    }

    double cost(ZoneId a, ZoneId b) const {
        const std::size_t ai = static_cast<std::size_t>(a);
        const std::size_t bi = static_cast<std::size_t>(b);
        double d2 = 0.0;
        for (std::size_t c = 0; c < m_cols; ++c) {
            const double d = m_sum[ai * m_cols + c] / m_count[ai] - m_sum[bi * m_cols + c] / m_count[bi];
            d2 += d * d;
        }
        return m_count[ai] * m_count[bi] / (m_count[ai] + m_count[bi]) * d2;
    }

    void push(ZoneId a, ZoneId b) {
        if (a > b) std::swap(a, b);
        double c = cost(a, b);
        if (m_jitter > 0.0) c *= 1.0 + m_jitter * m_rng.uniform();
        m_heap.push(
            Merge{c, a, b, m_version[static_cast<std::size_t>(a)], m_version[static_cast<std::size_t>(b)]});
    }

    /** Folds the cluster with the shorter neighbour list into the other (small into large). */
    void merge(ZoneId a, ZoneId b) {
        if (m_neighbours[static_cast<std::size_t>(a)].size() <
            m_neighbours[static_cast<std::size_t>(b)].size()) {
            std::swap(a, b);
        }
        const std::size_t ai = static_cast<std::size_t>(a);
        const std::size_t bi = static_cast<std::size_t>(b);
        m_parent[bi] = a;
        m_count[ai] += m_count[bi];
        for (std::size_t c = 0; c < m_cols; ++c) m_sum[ai * m_cols + c] += m_sum[bi * m_cols + c];
        const std::size_t n = m_parent.size();
        for (std::size_t i = 0; i < m_problem.bounds.size(); ++i) m_total[i * n + ai] += m_total[i * n + bi];
        ++m_version[ai];
        std::vector<ZoneId>& list = m_neighbours[ai];
        list.insert(list.end(), m_neighbours[bi].begin(), m_neighbours[bi].end());
        std::vector<ZoneId>().swap(m_neighbours[bi]);
        // Stale ids (clusters merged since) are resolved to their roots, then deduplicated.
        for (ZoneId& other : list) other = find(other);
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        list.erase(std::remove(list.begin(), list.end(), a), list.end());
        for (const ZoneId other : list) push(a, other);
    }

    const Problem& m_problem;
    std::size_t m_cols;
    std::vector<ZoneId> m_parent;
    std::vector<double> m_count;
    std::vector<double> m_sum;  ///< [root * cols + col]
    std::vector<unsigned> m_version;
    std::vector<std::vector<ZoneId>> m_neighbours;
    std::priority_queue<Merge, std::vector<Merge>, MergeGreater> m_heap;
    std::vector<double> m_total;  ///< [bound * zones + root]: each cluster's bound totals
    std::vector<Merge> m_deferred;
    double m_jitter;
    SeededRandom m_rng;
    bool m_cap;
};

}  // namespace

Regionalization ward(const Problem& problem, int k, double jitter, std::uint64_t seed,
                     bool respect_ceilings) {
    const std::size_t n = problem.graph->zone_count();
    Clusters clusters(problem, jitter, seed, respect_ceilings);
    std::size_t count = n;
    while (count > static_cast<std::size_t>(k)) {
        if (!clusters.merge_cheapest()) {
            throw InfeasibleError("the contiguity graph has " + std::to_string(count) +
                                  " separate parts, more than k = " + std::to_string(k) +
                                  ": bridge islands to their nearest neighbours first");
        }
        --count;
    }
    Regionalization result;
    result.region_count = static_cast<int>(count);
    result.region_of.resize(n);
    for (std::size_t z = 0; z < n; ++z) result.region_of[z] = clusters.find(static_cast<ZoneId>(z));
    // Root zone ids as labels, then canonical 0..k-1 numbering.
    std::vector<RegionId> roots = result.region_of;
    std::sort(roots.begin(), roots.end());
    roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
    for (RegionId& r : result.region_of) {
        r = static_cast<RegionId>(std::lower_bound(roots.begin(), roots.end(), r) - roots.begin());
    }
    relabel_by_lowest_zone(result);
    result.within_ss = within_sum_of_squares(*problem.attributes, result.region_of, result.region_count);
    return result;
}

}  // namespace locality::regionalize::detail
