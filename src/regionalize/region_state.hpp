// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "disruption_term.hpp"
#include "locality/regionalize/problem.hpp"

namespace locality::regionalize::detail {

/** perimeter^2 / (4 pi area): 1 / Polsby-Popper, 1 for a disc; 0 for an empty region. */
double inverse_polsby_popper(double perimeter, double area);

/**
 * The shape term's reference constants of a partition: its share of variation explained and its mean
 * inverse Polsby-Popper (ShapeReference). Unset without problem.shapes.
 */
ShapeReference measure_shape_reference(const Problem& problem, const std::vector<RegionId>& region_of,
                                       int region_count);

/**
 * A partition under local search: per region the zone count, the column sums and the sum of
 * squares of the (centred) attributes, and every bound's total, so the change of the
 * within-region sum of squares (WSS) or of the bound violation of moving one zone costs
 * O(variables + bounds), and a move is applied in O(variables + bounds + degree).
 * Also keeps the list of boundary zones (those with a neighbour in another region).
 */
class RegionState {
public:
    /** `region_of` must use every region 0..region_count-1. */
    RegionState(const Problem& problem, const std::vector<RegionId>& region_of, int region_count);

    int region_count() const noexcept { return m_k; }
    std::size_t zone_count() const noexcept { return m_region_of.size(); }
    RegionId region(ZoneId z) const noexcept { return m_region_of[static_cast<std::size_t>(z)]; }
    std::size_t size(RegionId r) const noexcept { return m_count[static_cast<std::size_t>(r)]; }
    const std::vector<RegionId>& labels() const noexcept { return m_region_of; }
    const graph::ContiguityGraph& graph() const noexcept { return *m_graph; }

    /** The WSS, kept up to date by move() (recompute it from scratch for the final figure). */
    double wss() const noexcept { return m_wss; }
    /** Change of the WSS if zone z moved from its region to `to`. O(variables). */
    double wss_delta(ZoneId z, RegionId to) const;

    /**
     * What the local search minimises: the WSS plus, with a shape term, lambda x the sum over
     * regions of perimeter^2 / (4 pi area) (lambda = shape_weight x TSS x E0 / (P0 x regions), E0 and
     * P0 from problem.shape_reference, so the objective over TSS is
     * WSS / TSS + shape_weight x E0 x mean inverse Polsby-Popper / P0). Just the WSS without one.
     */
    double objective() const noexcept {
        const double wss_and_shape = m_lambda > 0.0 ? m_wss + m_lambda * m_shape_sum : m_wss;
        return m_disruption ? wss_and_shape + m_disruption->cost() : wss_and_shape;
    }
    /** Change of objective() if z moved to `to`. O(variables + degree), plus the disruption terms'. */
    double objective_delta(ZoneId z, RegionId to) const {
        const double wss_and_shape =
            m_lambda > 0.0 ? wss_delta(z, to) + m_lambda * shape_delta(z, to) : wss_delta(z, to);
        return m_disruption ? wss_and_shape + m_disruption->delta(z, region(z), to) : wss_and_shape;
    }
    /** The disruption terms (--keep-close-to) in objective units; 0 without any. */
    double disruption_cost() const noexcept { return m_disruption ? m_disruption->cost() : 0.0; }
    /** The disruption terms' state, when the problem has kept agencies. */
    const DisruptionTerm* disruption() const noexcept { return m_disruption ? &*m_disruption : nullptr; }
    /** The shape term in objective units (0 without one). */
    double shape_cost() const noexcept { return m_lambda > 0.0 ? m_lambda * m_shape_sum : 0.0; }
    /** Change of the sum over regions of perimeter^2 / (4 pi area) if z moved to `to`. O(degree). */
    double shape_delta(ZoneId z, RegionId to) const;
    /** Region r's perimeter and area, kept up to date by move() (shape term only). */
    double perimeter(RegionId r) const { return m_perimeter[static_cast<std::size_t>(r)]; }
    double area(RegionId r) const { return m_area[static_cast<std::size_t>(r)]; }

    /** Sum over bounds and regions of how far each total is outside its bound, in units of the bound. */
    double violation() const;
    /** Change of violation() if z moved to `to`. O(bounds). */
    double violation_delta(ZoneId z, RegionId to) const;
    /** Whether every bound still holds on both sides after moving z to `to` (given that it holds now). */
    bool bounds_hold_after(ZoneId z, RegionId to) const;

    /**
     * Whether z's region stays connected (and non-empty) without z. Local: searches only inside
     * the region, from z's neighbours there at once, and stops as soon as they all meet or one
     * search runs dry, so a cut-off piece costs its own size, not the region's.
     */
    bool donor_stays_connected(ZoneId z);

    /**
     * The connected pieces z's region falls into without z, largest first (ties: lowest first
     * zone). O(region size): for the rare moves that carry a cut-off piece along with z.
     */
    std::vector<std::vector<ZoneId>> pieces_without(ZoneId z) const;

    /** Total of bound b over some zones. */
    double bound_sum(std::size_t b, const std::vector<ZoneId>& zones) const;
    /** Region r's total of bound b. */
    double bound_total(std::size_t b, RegionId r) const {
        return m_total[b * static_cast<std::size_t>(m_k) + static_cast<std::size_t>(r)];
    }
    const std::vector<Bound>& bounds() const noexcept { return *m_bounds; }
    /** How far `total` is outside bound b, in units of the bound (0 inside). */
    double region_violation(std::size_t b, double total) const;

    /** Moves z to region `to` and updates every total, the WSS and the boundary list. */
    void move(ZoneId z, RegionId to);

    /** Zones with a neighbour in another region, in no particular (but deterministic) order. */
    const std::vector<ZoneId>& boundary() const noexcept { return m_boundary; }
    bool is_boundary(ZoneId z) const noexcept { return m_boundary_pos[static_cast<std::size_t>(z)] >= 0; }

private:
    void refresh_boundary(ZoneId z);
    /** Border z shares with the zones of region r. */
    double shared_with(ZoneId z, RegionId r) const;

    // Shape term (m_lambda = 0: none, and nothing below is kept).
    const ZoneShapes* m_shapes = nullptr;
    double m_lambda = 0.0;
    std::vector<double> m_perimeter;  ///< per region
    std::vector<double> m_area;       ///< per region
    double m_shape_sum = 0.0;         ///< sum over regions of perimeter^2 / (4 pi area)
    // Disruption terms (--keep-close-to): none without kept agencies.
    std::optional<DisruptionTerm> m_disruption;

    const graph::ContiguityGraph* m_graph;
    const std::vector<Bound>* m_bounds;
    std::size_t m_cols;
    int m_k;
    std::vector<double> m_data;  ///< attributes centred on their column means, row-major
    std::vector<RegionId> m_region_of;
    std::vector<std::size_t> m_count;
    std::vector<double> m_sum;    ///< [region * cols + col]
    std::vector<double> m_sumsq;  ///< per region, over every column
    std::vector<double> m_total;  ///< [bound * k + region]
    std::vector<double> m_scale;  ///< per bound: violation unit
    double m_wss = 0.0;
    std::vector<ZoneId> m_boundary;
    std::vector<std::ptrdiff_t> m_boundary_pos;
    // Scratch of donor_stays_connected: a stamp per zone instead of clearing a visited array.
    std::vector<unsigned> m_stamp;
    std::vector<int> m_owner;
    unsigned m_epoch = 0;
    std::vector<ZoneId> m_sources;
    std::vector<ZoneId> m_queue;
    std::vector<int> m_parent;
    std::vector<std::size_t> m_pending;
};

}  // namespace locality::regionalize::detail
