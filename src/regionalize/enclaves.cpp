// SPDX-License-Identifier: MIT
#include "enclaves.hpp"

#include <cmath>
#include <cstddef>
#include <deque>
#include <limits>

namespace locality::regionalize::detail {

namespace {

/** Running sums of one partition, enough to price adding a zone to any region. */
class RegionSums {
public:
    RegionSums(const Problem& problem, const std::vector<RegionId>& region_of, int region_count)
        : m_problem(problem),
          m_cols(problem.attributes->cols),
          m_count(static_cast<std::size_t>(region_count), 0.0),
          m_sums(static_cast<std::size_t>(region_count) * m_cols, 0.0),
          m_totals(static_cast<std::size_t>(region_count) * problem.bounds.size(), 0.0) {
        for (std::size_t z = 0; z < region_of.size(); ++z) {
            if (region_of[z] != k_unassigned) {
                add(static_cast<ZoneId>(z), region_of[z]);
            }
        }
    }

    void add(ZoneId zone, RegionId region) {
        const auto r = static_cast<std::size_t>(region);
        const auto z = static_cast<std::size_t>(zone);
        m_count[r] += 1.0;
        const double* x = m_problem.attributes->row(z);
        for (std::size_t c = 0; c < m_cols; ++c) {
            m_sums[r * m_cols + c] += x[c];
        }
        const std::size_t nb = m_problem.bounds.size();
        for (std::size_t b = 0; b < nb; ++b) {
            m_totals[r * nb + b] += m_problem.bounds[b].values[z];
        }
    }

    /** Whether every ceiling of `region` still holds with `zone` added. */
    bool fits(ZoneId zone, RegionId region) const {
        const std::size_t nb = m_problem.bounds.size();
        for (std::size_t b = 0; b < nb; ++b) {
            const Bound& bound = m_problem.bounds[b];
            if (m_totals[static_cast<std::size_t>(region) * nb + b] +
                    bound.values[static_cast<std::size_t>(zone)] >
                bound.max) {
                return false;
            }
        }
        return true;
    }

    /** Growth of the region's sum of squares when `zone` joins it: n / (n + 1) |x - mean|^2. */
    double added_ss(ZoneId zone, RegionId region) const {
        const auto r = static_cast<std::size_t>(region);
        const double n = m_count[r];
        const double* x = m_problem.attributes->row(static_cast<std::size_t>(zone));
        double distance = 0.0;
        for (std::size_t c = 0; c < m_cols; ++c) {
            const double d = x[c] - m_sums[r * m_cols + c] / n;
            distance += d * d;
        }
        return n / (n + 1.0) * distance;
    }

private:
    const Problem& m_problem;
    std::size_t m_cols;
    std::vector<double> m_count;
    std::vector<double> m_sums;
    std::vector<double> m_totals;
};

/** Length of the border `zone` shares with the zones of `region` (problem.shapes set). */
double border_with(const Problem& problem, const std::vector<RegionId>& region_of, ZoneId zone,
                   RegionId region) {
    const graph::ContiguityGraph& graph = *problem.graph;
    const ZoneId* first = graph.begin(0);
    double length = 0.0;
    for (const ZoneId* it = graph.begin(zone); it != graph.end(zone); ++it) {
        if (region_of[static_cast<std::size_t>(*it)] == region) {
            length += problem.shapes->shared[static_cast<std::size_t>(it - first)];
        }
    }
    return length;
}

}  // namespace

bool assign_enclaves(const Problem& problem, std::vector<RegionId>& region_of, int region_count,
                     bool by_border) {
    const graph::ContiguityGraph& graph = *problem.graph;
    by_border = by_border && problem.shapes != nullptr;
    RegionSums sums(problem, region_of, region_count);
    // Breadth-first from the regions: a zone is priced once a neighbour belongs to a region and
    // again each time another neighbour joins one, so every step is O(degree x variables).
    std::deque<ZoneId> queue;
    for (std::size_t z = 0; z < region_of.size(); ++z) {
        if (region_of[z] == k_unassigned) {
            queue.push_back(static_cast<ZoneId>(z));
        }
    }
    std::size_t left = queue.size();
    while (!queue.empty()) {
        const ZoneId zone = queue.front();
        queue.pop_front();
        if (region_of[static_cast<std::size_t>(zone)] != k_unassigned) {
            continue;
        }
        RegionId best = k_unassigned;
        double best_cost = std::numeric_limits<double>::infinity();
        double best_border = 0.0;
        for (const ZoneId* it = graph.begin(zone); it != graph.end(zone); ++it) {
            const RegionId r = region_of[static_cast<std::size_t>(*it)];
            if (r == k_unassigned || !sums.fits(zone, r)) {
                continue;
            }
            const double cost = sums.added_ss(zone, r);
            if (by_border) {
                const double border = border_with(problem, region_of, zone, r);
                if (best == k_unassigned || border > best_border ||
                    (border == best_border && (cost < best_cost || (cost == best_cost && r < best)))) {
                    best = r;
                    best_cost = cost;
                    best_border = border;
                }
                continue;
            }
            if (cost < best_cost || (cost == best_cost && r < best)) {
                best = r;
                best_cost = cost;
            }
        }
        if (best == k_unassigned) {
            continue;  // priced again when a neighbour joins a region
        }
        region_of[static_cast<std::size_t>(zone)] = best;
        sums.add(zone, best);
        --left;
        for (const ZoneId* it = graph.begin(zone); it != graph.end(zone); ++it) {
            if (region_of[static_cast<std::size_t>(*it)] == k_unassigned) {
                queue.push_back(*it);
            }
        }
    }
    return left == 0;
}

}  // namespace locality::regionalize::detail
