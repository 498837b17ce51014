// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <vector>

#include "locality/regionalize/problem.hpp"

namespace locality::regionalize::detail {

/** Refuses kept agencies that do not fit the problem: tables of another size, a team out of range, a weight
 * <= 0. */
void check_kept(const Problem& problem);

/** The disruption terms' reference constants of a partition (DisruptionReference). Unset without kept
 * agencies. */
DisruptionReference measure_disruption_reference(const Problem& problem,
                                                 const std::vector<RegionId>& region_of, int region_count);

/**
 * The disruption terms of a partition under local search (RegionState keeps one when the problem
 * has kept agencies): per kept agency, per region and team the region's cases of that team, and per
 * region the largest of them, so a move's change costs O(teams of the moved zone) when it does not
 * take cases from its region's largest team, else O(teams present in that region).
 */
class DisruptionTerm {
public:
    /**
     * `tss` is the objective's unit (RegionState's total sum of squares): the cost of agency a is
     * weight x tss x E0 x (cases moved / total) / D0, so that over tss it reads as the decision says.
     * Needs problem.disruption_reference set.
     */
    DisruptionTerm(const Problem& problem, const std::vector<RegionId>& region_of, int region_count,
                   double tss);

    /** The terms in objective units. */
    double cost() const noexcept;
    /** Change of cost() if zone z moved from region `from` to `to`. */
    double delta(ZoneId z, RegionId from, RegionId to) const;
    void move(ZoneId z, RegionId from, RegionId to);
    /** Kept agency a's cases-moved share now (problem.kept order; 0 for an agency without cases). */
    double moved_share(std::size_t a) const;

private:
    struct Agency {
        const KeptAgency* data = nullptr;
        double scale = 0.0;  ///< objective units per case moved; 0 = no cases, no term
        double total = 0.0;
        std::vector<double> sums;   ///< [region * teams + team]: the region's cases of that team
        std::vector<int> zones;     ///< [region * teams + team]: its zones with cases of that team
        std::vector<int> position;  ///< [region * teams + team]: index in present[region], -1 absent
        std::vector<std::vector<int>> present;  ///< per region: the teams with zones > 0
        std::vector<double> max;                ///< per region: its largest single-team caseload
        std::vector<int> max_team;              ///< per region: a team holding it, -1 none
        double kept = 0.0;                      ///< sum over regions of max
    };

    static void add(Agency& agency, std::size_t region, int team, double cases, int zones);
    /** Region r's largest single-team caseload once zone z's cases are taken out of it. */
    static double max_without(const Agency& agency, std::size_t region, ZoneId z);
    static void refresh_max(Agency& agency, std::size_t region);

    std::vector<Agency> m_agencies;
};

}  // namespace locality::regionalize::detail
