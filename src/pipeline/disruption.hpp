// SPDX-License-Identifier: MIT
// Internal to the pipeline: what a set of localities costs each partner with service areas (cases
// moved to another team, service areas split, need explained), docs/output.md defines every figure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "inputs.hpp"
#include "locality/regionalize/attribute_matrix.hpp"
#include "locality/regionalize/skater.hpp"
#include "publish.hpp"

namespace locality::pipeline {

/** One service layer's cost under a set of localities, unsuppressed. */
struct PartnerCost {
    std::size_t layer = 0;              ///< index into data.service_layers
    int agency = -1;                    ///< index into data.agencies; -1 = every agency's cases
    std::vector<std::string> team_ids;  ///< the service areas (rows with the same id are one)
    std::vector<int>
        team_of_area;  ///< per small area: index into team_ids of the one covering most of it, -1 none
    std::vector<int> team_of_locality;  ///< per locality: the service area holding most of its cases, -1 none
    std::int64_t located = 0;           ///< the caseload in areas with a team today
    std::int64_t moved = 0;             ///< of those, handled by another team under the localities
    std::int64_t without_team = 0;      ///< the caseload in areas no service area covers
    std::vector<std::int64_t> today;    ///< per team: its caseload today
    std::vector<std::int64_t> moved_away;          ///< per service area: its cases another team would handle
    std::vector<std::int64_t> localities_of_team;  ///< per service area: localities holding areas of its team
    std::vector<std::int64_t> teams_of_locality;   ///< per locality: teams among its areas
    double explained_by_localities = 0.0;  ///< share of the need variables' variance the localities explain
    double explained_by_service_areas = 0.0;  ///< the same for the service areas as localities
};

/**
 * The agency whose cases each service layer's teams handle: --service-agency LAYER=AGENCY, else the
 * agency of the layer's name (case ignored), else none (-1: every agency's cases). InputError naming
 * the agencies when --service-agency names a layer or an agency that the run does not have.
 */
std::vector<int> service_agencies(const StageOptions& config, const OverlayData& data);

/**
 * Each service layer's cost. Today, the cases of a small area are handled by the team of the service
 * area covering most of it (the --within rule); under the localities, each locality is served by the
 * team whose service area holds most of its cases (ties to the first read).
 */
std::vector<PartnerCost> partner_costs(const StageOptions& config, const OverlayData& data,
                                       const regionalize::AttributeMatrix& reported,
                                       const regionalize::Regionalization& result);

/**
 * Publishes the costs under disclosure control: summary.json's `disruption` and the field
 * `cases_moved_share` of each service-area layer.
 */
void add_partner_costs(const StageOptions& config, const OverlayData& data,
                       const std::vector<PartnerCost>& costs, Publication& publication);

}  // namespace locality::pipeline
