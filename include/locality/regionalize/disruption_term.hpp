// SPDX-License-Identifier: MIT
// The disruption term of the engine's objective (propose --keep-close-to, docs/decisions, keep close
// to a partner's teams): plain numbers, no geometry.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "locality/core/types.hpp"

namespace locality::regionalize {

/**
 * One agency the localities should keep close to: each zone's cases split by the service area
 * (team) handling them today, sparse. A locality is served by the team holding most of its cases;
 * the agency's "cases moved" share is 1 - sum over localities of that largest single-team caseload /
 * the agency's total (cases of zones with no team count in neither).
 */
struct KeptAgency {
    std::string name;     ///< for messages and the summary
    double weight = 0.0;  ///< W of the term, > 0
    int teams = 0;        ///< service areas 0..teams-1
    /** Zone z's (team, cases) pairs are entries[first[z] .. first[z + 1]); first has zones + 1 entries. */
    std::vector<std::size_t> first;
    std::vector<std::pair<int, double>> entries;

    std::size_t zone_count() const noexcept { return first.empty() ? 0 : first.size() - 1; }
    /** The agency's cases in zones with a team. */
    double total() const;
};

/** `agency` restricted to some zones, zone i of the result being members[i] (a group's problem). */
KeptAgency restrict_to(const KeptAgency& agency, const std::vector<ZoneId>& members);

/** The agency's cases-moved share under a partition, from scratch (0 when it has no cases). */
double cases_moved_share(const KeptAgency& agency, const std::vector<RegionId>& region_of, int region_count);

/**
 * The shape-blind partition the disruption term is measured against (as the shape term's,
 * docs/decisions 0028): the construction of the solve's first start. Computed once per problem by
 * solve() (disruption_reference()), so every start, search and ranking compare on the same constants.
 */
struct DisruptionReference {
    /** E0 = 1 - WSS0 / TSS, its share of variation explained, in (0, 1] (1 when the data have no variance).
     */
    double explained = 0.0;
    /** D0 per kept agency (Problem::kept order): its cases-moved share, in [0, 1). */
    std::vector<double> moved;

    bool set() const noexcept { return explained > 0.0 && !moved.empty(); }
};

}  // namespace locality::regionalize
