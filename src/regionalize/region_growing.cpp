// SPDX-License-Identifier: MIT
#include "region_growing.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <vector>

#include "enclaves.hpp"
#include "local_search.hpp"
#include "region_state.hpp"
#include "seeded_random.hpp"

namespace locality::regionalize::detail {

namespace {

/** A zone given up by a failed region: it joins a neighbour later, never seeds or grows a region. */
constexpr RegionId k_enclave = -2;

/**
 * One construction. Zone states live in m_region_of: k_unassigned (free), k_enclave, or a region.
 * m_free_neighbours[z] counts z's free neighbours; the seed buckets index free zones by that
 * count, lazily (an entry is stale when the zone is taken or its count has dropped since).
 */
class Grower {
public:
    Grower(const Problem& problem, const GrowthOptions& options)
        : m_problem(problem),
          m_graph(*problem.graph),
          m_random(options.seed),
          m_randomness(options.randomness),
          m_shapes(options.compact ? problem.shapes : nullptr),
          m_region_of(m_graph.zone_count(), k_unassigned),
          m_free_neighbours(m_graph.zone_count(), 0),
          m_tie(m_graph.zone_count(), 0),
          m_frontier_stamp(m_graph.zone_count(), 0),
          m_totals(problem.bounds.size(), 0.0),
          m_sum(problem.attributes->cols, 0.0) {
        const std::size_t n = m_graph.zone_count();
        if (m_shapes != nullptr) {
            m_border.assign(n, 0.0);
        }
        std::vector<ZoneId> order(n);
        std::iota(order.begin(), order.end(), 0);
        m_random.shuffle(order);
        std::size_t max_degree = 0;
        for (std::size_t z = 0; z < n; ++z) {
            m_free_neighbours[z] = static_cast<int>(m_graph.degree(static_cast<ZoneId>(z)));
            max_degree = std::max(max_degree, m_graph.degree(static_cast<ZoneId>(z)));
        }
        m_buckets.resize(max_degree + 1);
        for (std::size_t i = 0; i < n; ++i) {
            m_tie[static_cast<std::size_t>(order[i])] = static_cast<std::uint32_t>(i);
            m_buckets[static_cast<std::size_t>(m_free_neighbours[static_cast<std::size_t>(order[i])])]
                .push_back(order[i]);
        }
        for (std::size_t b = 0; b < problem.bounds.size(); ++b) {
            if (std::isfinite(problem.bounds[b].min)) {
                m_floors.push_back(b);
            }
            if (std::isfinite(problem.bounds[b].max)) {
                m_ceilings.push_back(b);
            }
        }
    }

    Regionalization run() {
        RegionId count = 0;
        for (ZoneId seed = next_seed(); seed >= 0; seed = next_seed()) {
            if (grow_region(seed, count)) {
                ++count;
            }
        }
        for (RegionId& r : m_region_of) {
            r = r == k_enclave ? k_unassigned : r;
        }
        Regionalization result;
        if (count == 0) {
            // Not even one region could complete: the whole set is the only candidate.
            std::fill(m_region_of.begin(), m_region_of.end(), 0);
            if (!whole_set_fits()) {
                return result;
            }
            count = 1;
        } else if (!assign_enclaves(m_problem, m_region_of, count, m_shapes != nullptr)) {
            return result;
        }
        result.region_of = std::move(m_region_of);
        result.region_count = count;
        relabel_by_lowest_zone(result);
        result.within_ss = within_sum_of_squares(*m_problem.attributes, result.region_of, count);
        return result;
    }

private:
    /** The free zone with the fewest free neighbours, the most recently exposed first; -1 when none is left.
     */
    ZoneId next_seed() {
        while (m_lowest < m_buckets.size()) {
            std::vector<ZoneId>& bucket = m_buckets[m_lowest];
            if (bucket.empty()) {
                ++m_lowest;
                continue;
            }
            const ZoneId z = bucket.back();
            bucket.pop_back();
            const auto zi = static_cast<std::size_t>(z);
            if (m_region_of[zi] == k_unassigned &&
                static_cast<std::size_t>(m_free_neighbours[zi]) == m_lowest) {
                return z;
            }
        }
        return -1;
    }

    /** Takes `zone` out of the free area, updating its neighbours' counts and seed buckets. */
    void take(ZoneId zone, RegionId label) {
        m_region_of[static_cast<std::size_t>(zone)] = label;
        for (const ZoneId* it = m_graph.begin(zone); it != m_graph.end(zone); ++it) {
            const auto y = static_cast<std::size_t>(*it);
            if (m_region_of[y] == k_unassigned) {
                const auto count = static_cast<std::size_t>(--m_free_neighbours[y]);
                m_buckets[count].push_back(*it);
                m_lowest = std::min(m_lowest, count);
            }
        }
    }

    void add(ZoneId zone, RegionId region) {
        take(zone, region);
        m_members.push_back(zone);
        const auto z = static_cast<std::size_t>(zone);
        for (std::size_t b = 0; b < m_totals.size(); ++b) {
            m_totals[b] += m_problem.bounds[b].values[z];
        }
        const double* x = m_problem.attributes->row(z);
        for (std::size_t c = 0; c < m_sum.size(); ++c) {
            m_sum[c] += x[c];
        }
        for (const ZoneId* it = m_graph.begin(zone); it != m_graph.end(zone); ++it) {
            const auto y = static_cast<std::size_t>(*it);
            if (m_region_of[y] == k_unassigned && m_frontier_stamp[y] != m_attempt) {
                m_frontier_stamp[y] = m_attempt;
                m_frontier.push_back(*it);
                if (m_shapes != nullptr) {
                    m_border[y] = 0.0;
                }
            }
        }
        if (m_shapes != nullptr) {
            add_shape(zone);
        }
    }

    /** Compact growth: adds `zone` to the region's perimeter and area and to its free neighbours' borders. */
    void add_shape(ZoneId zone) {
        const auto z = static_cast<std::size_t>(zone);
        const ZoneId* first = m_graph.begin(0);
        // m_border[zone] is the border it shares with the region (0 for the seed).
        m_perimeter += m_shapes->perimeter[z] - 2.0 * m_border[z];
        m_area += m_shapes->area[z];
        for (const ZoneId* it = m_graph.begin(zone); it != m_graph.end(zone); ++it) {
            const auto y = static_cast<std::size_t>(*it);
            if (m_region_of[y] == k_unassigned) {
                m_border[y] += m_shapes->shared[static_cast<std::size_t>(it - first)];
            }
        }
    }

    /** The region's perimeter^2 / (4 pi area) with `zone` added: 1 for a disc, larger the less compact. */
    double inverse_compactness_with(ZoneId zone) const {
        const auto z = static_cast<std::size_t>(zone);
        const double perimeter = m_perimeter + m_shapes->perimeter[z] - 2.0 * m_border[z];
        return inverse_polsby_popper(perimeter, m_area + m_shapes->area[z]);
    }

    bool grow_region(ZoneId seed, RegionId region) {
        ++m_attempt;
        m_members.clear();
        m_frontier.clear();
        std::fill(m_totals.begin(), m_totals.end(), 0.0);
        std::fill(m_sum.begin(), m_sum.end(), 0.0);
        m_perimeter = 0.0;
        m_area = 0.0;
        if (m_shapes != nullptr) {
            m_border[static_cast<std::size_t>(seed)] = 0.0;
        }
        if (!fits_ceilings(seed)) {
            take(seed, k_enclave);
            return false;
        }
        add(seed, region);
        while (!floors_met(k_no_zone)) {
            const std::ptrdiff_t pick = choose();
            if (pick < 0) {
                for (const ZoneId z : m_members) {
                    m_region_of[static_cast<std::size_t>(z)] = k_enclave;
                }
                return false;
            }
            const ZoneId zone = m_frontier[static_cast<std::size_t>(pick)];
            m_frontier[static_cast<std::size_t>(pick)] = m_frontier.back();
            m_frontier.pop_back();
            add(zone, region);
        }
        return true;
    }

    /** Index in the frontier of the next zone to add, or -1 when no neighbour keeps every ceiling. */
    std::ptrdiff_t choose() {
        std::ptrdiff_t best = -1;
        bool best_completes = false;
        double best_primary = 0.0;
        double best_secondary = 0.0;
        std::uint32_t best_tie = 0;
        std::ptrdiff_t random_pick = -1;
        std::size_t admissible = 0;
        for (std::size_t i = 0; i < m_frontier.size(); ++i) {
            const ZoneId zone = m_frontier[i];
            if (!fits_ceilings(zone)) {
                continue;
            }
            ++admissible;
            if (m_randomness > 0.0 && m_random.below(admissible) == 0) {
                random_pick = static_cast<std::ptrdiff_t>(i);  // reservoir sample of one
            }
            const bool completes = floors_met(zone);
            // Completing comes first in both rules (it keeps the count high); then compact growth ranks
            // on the region's shape, the plain rule on overshoot, or on holes left behind.
            const double primary = m_shapes != nullptr ? inverse_compactness_with(zone)
                                   : completes         ? overshoot(zone)
                                                       : m_free_neighbours[static_cast<std::size_t>(zone)];
            const double secondary =
                completes ? m_free_neighbours[static_cast<std::size_t>(zone)] : distance(zone);
            const std::uint32_t tie = m_tie[static_cast<std::size_t>(zone)];
            const bool better = best < 0 || (completes != best_completes   ? completes
                                             : primary != best_primary     ? primary < best_primary
                                             : secondary != best_secondary ? secondary < best_secondary
                                                                           : tie < best_tie);
            if (better) {
                best = static_cast<std::ptrdiff_t>(i);
                best_completes = completes;
                best_primary = primary;
                best_secondary = secondary;
                best_tie = tie;
            }
        }
        // Random steps only while the floor is still far: completing with the least overshoot is
        // what keeps the count high, so only the fully random starts (randomness 1) trade it away.
        if ((!best_completes || m_randomness >= 1.0) && m_randomness > 0.0 &&
            m_random.uniform() < m_randomness) {
            return random_pick;
        }
        return best;
    }

    /** Whether the current region meets every floor, with `extra` added when it is a zone (k_no_zone: as it
     * is). */
    bool floors_met(ZoneId extra) const {
        for (const std::size_t b : m_floors) {
            const double value =
                extra >= 0 ? m_problem.bounds[b].values[static_cast<std::size_t>(extra)] : 0.0;
            if (m_totals[b] + value < m_problem.bounds[b].min) {
                return false;
            }
        }
        return true;
    }

    bool fits_ceilings(ZoneId zone) const {
        for (const std::size_t b : m_ceilings) {
            if (m_totals[b] + m_problem.bounds[b].values[static_cast<std::size_t>(zone)] >
                m_problem.bounds[b].max) {
                return false;
            }
        }
        return true;
    }

    /** Sum over the floors of the relative excess once `zone` is added. */
    double overshoot(ZoneId zone) const {
        double excess = 0.0;
        for (const std::size_t b : m_floors) {
            const Bound& bound = m_problem.bounds[b];
            const double scale = std::max(std::abs(bound.min), std::numeric_limits<double>::min());
            excess += (m_totals[b] + bound.values[static_cast<std::size_t>(zone)] - bound.min) / scale;
        }
        return excess;
    }

    /** Squared distance from `zone` to the region's attribute mean. */
    double distance(ZoneId zone) const {
        const double* x = m_problem.attributes->row(static_cast<std::size_t>(zone));
        const double n = static_cast<double>(m_members.size());
        double d2 = 0.0;
        for (std::size_t c = 0; c < m_sum.size(); ++c) {
            const double d = x[c] - m_sum[c] / n;
            d2 += d * d;
        }
        return d2;
    }

    bool whole_set_fits() const {
        for (const Bound& bound : m_problem.bounds) {
            const double total = std::accumulate(bound.values.begin(), bound.values.end(), 0.0);
            if (total < bound.min || total > bound.max) {
                return false;
            }
        }
        return true;
    }

    const Problem& m_problem;
    const graph::ContiguityGraph& m_graph;
    SeededRandom m_random;
    double m_randomness;
    const ZoneShapes* m_shapes;  // compact growth only
    std::vector<RegionId> m_region_of;
    std::vector<int> m_free_neighbours;
    std::vector<std::uint32_t> m_tie;             // random rank per zone: ties broken by the seed
    std::vector<std::uint32_t> m_frontier_stamp;  // attempt whose frontier holds the zone
    std::vector<std::vector<ZoneId>> m_buckets;   // seed candidates by free-neighbour count
    std::size_t m_lowest = 0;
    std::uint32_t m_attempt = 0;
    std::vector<std::size_t> m_floors;
    std::vector<std::size_t> m_ceilings;
    std::vector<ZoneId> m_members;
    std::vector<ZoneId> m_frontier;
    std::vector<double> m_totals;
    std::vector<double> m_sum;
    // Compact growth: the current region's perimeter and area, and per frontier zone its border with it.
    double m_perimeter = 0.0;
    double m_area = 0.0;
    std::vector<double> m_border;
};

}  // namespace

Regionalization grow_partition(const Problem& problem, const GrowthOptions& options) {
    return Grower(problem, options).run();
}

}  // namespace locality::regionalize::detail
