// SPDX-License-Identifier: MIT
#pragma once
// Exhaustive search over the connected k-partitions of small graphs (at most 16 zones, bitmasks):
// the exact optimum the engine's tests compare with.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "locality/graph/contiguity_graph.hpp"
#include "locality/regionalize/attribute_matrix.hpp"
#include "locality/regionalize/problem.hpp"

namespace locality::test {

using Mask = std::uint32_t;

/** Exhaustive search over connected k-partitions of at most 16 zones. */
class Exhaustive {
public:
    /**
     * `extra(mask)`, when given, adds a cost of its own to each part's within SS (a shape term):
     * the optimum is then that of the combined objective.
     */
    Exhaustive(const graph::ContiguityGraph& g, const regionalize::AttributeMatrix& m,
               const regionalize::Bound* bound, const std::function<double(Mask)>& extra = {})
        : m_n(g.zone_count()),
          m_adjacent(m_n, 0),
          m_ssd(std::size_t{1} << m_n),
          m_ok(std::size_t{1} << m_n, 1) {
        for (std::size_t z = 0; z < m_n; ++z) {
            for (const ZoneId* it = g.begin(static_cast<ZoneId>(z)); it != g.end(static_cast<ZoneId>(z));
                 ++it) {
                m_adjacent[z] |= Mask{1} << *it;
            }
        }
        // Within SS and bound check of every subset, by the textbook two-pass formula.
        for (Mask s = 1; s < (Mask{1} << m_n); ++s) {
            double ssd = 0.0;
            double count = 0.0;
            double total = 0.0;
            for (std::size_t z = 0; z < m_n; ++z) {
                if ((s >> z & 1U) != 0) {
                    count += 1.0;
                    total += bound != nullptr ? bound->values[z] : 0.0;
                }
            }
            for (std::size_t c = 0; c < m.cols; ++c) {
                double mean = 0.0;
                for (std::size_t z = 0; z < m_n; ++z) mean += (s >> z & 1U) != 0 ? m.at(z, c) : 0.0;
                mean /= count;
                for (std::size_t z = 0; z < m_n; ++z) {
                    if ((s >> z & 1U) != 0) ssd += (m.at(z, c) - mean) * (m.at(z, c) - mean);
                }
            }
            m_ssd[s] = extra ? ssd + extra(s) : ssd;
            m_ok[s] = bound == nullptr || (total >= bound->min && total <= bound->max);
        }
    }

    /** Lowest WSS (plus extra) over partitions into k connected parts meeting the bound; +inf if none. */
    double optimum(int k) {
        m_best = std::numeric_limits<double>::infinity();
        search((Mask{1} << m_n) - 1, k, 0.0);
        return m_best;
    }

private:
    bool connected(Mask s) const {
        Mask reach = s & (~s + 1);
        for (Mask grown = reach;; reach = grown) {
            for (std::size_t z = 0; z < m_n; ++z) {
                if ((reach >> z & 1U) != 0) grown |= m_adjacent[z] & s;
            }
            if (grown == reach) return reach == s;
        }
    }

    /** Parts are taken in order of their lowest zone, so each partition is visited once. */
    void search(Mask rest, int k, double so_far) {
        if (so_far >= m_best) return;
        if (k == 1) {
            if (m_ok[rest] && connected(rest)) m_best = std::min(m_best, so_far + m_ssd[rest]);
            return;
        }
        const Mask low = rest & (~rest + 1);
        const Mask others = rest & ~low;
        // Every subset of the other zones, joined to the lowest one.
        for (Mask sub = others;; sub = (sub - 1) & others) {
            const Mask part = sub | low;
            if (part != rest && m_ok[part] && connected(part))
                search(rest & ~part, k - 1, so_far + m_ssd[part]);
            if (sub == 0) break;
        }
    }

    std::size_t m_n;
    std::vector<Mask> m_adjacent;
    std::vector<double> m_ssd;
    std::vector<char> m_ok;
    double m_best = 0.0;
};

}  // namespace locality::test
