// SPDX-License-Identifier: MIT
// Internal to the pipeline: each locality's totals against the bounds its own group was asked for,
// after solving: the bounds a best-effort partition breaks, and the balance of each group.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "constraints.hpp"
#include "partition.hpp"

namespace locality::pipeline {

/** One locality's total outside one bound of its group. */
struct BoundViolation {
    int locality = 0;    ///< 1-based, as written
    std::string option;  ///< the option as the user wrote it
    std::string field;
    double total = 0.0;
    double min = 0.0;  ///< the group's bound (a balance's floor and ceiling around the group's mean)
    double max = 0.0;
    double by = 0.0;  ///< how far outside, > 0
};

/** Every broken bound of `solved`, by locality then by request. Empty when every bound holds. */
std::vector<BoundViolation> bound_violations(const std::vector<ZoneGroup>& groups, const SolvedGroups& solved,
                                             const std::vector<BoundRequest>& requests);

/** How well one group of areas (a container, a landmass, or all the areas) is balanced on its own mean. */
struct GroupBalance {
    std::string group;  ///< group_label: "the areas", "container 'W'"
    int k = 0;
    double mean = 0.0;  ///< the group's total / k
    double largest_deviation_pct = 0.0;
    double allowed_pct = 0.0;  ///< --balance
};

/** Per group, for the --balance request (none without one): each locality against its group's mean. */
std::vector<GroupBalance> balance_by_group(const std::vector<ZoneGroup>& groups, const SolvedGroups& solved,
                                           const std::vector<BoundRequest>& requests,
                                           const std::vector<std::string>& group_labels);

/** summary.json's `localities.balance`: one object per group. */
nlohmann::ordered_json balance_json(const std::vector<GroupBalance>& balances);
/** summary.json's `localities.violations`: one object per broken bound. */
nlohmann::ordered_json violations_json(const std::vector<BoundViolation>& violations);

/**
 * The refusal of a partition that breaks `violations` (non-empty): names the option, the first
 * broken bound, the tightest balance reached (with --balance) and the ways out, --best-effort among them.
 */
std::string infeasible_message(const std::vector<BoundViolation>& violations,
                               const std::vector<GroupBalance>& balances, int k);

/**
 * The refusal of a max-p partition (no --k) that breaks `violations` (non-empty), the closest found
 * into `localities`: names every floor and ceiling of `requests` and, when a floor and a ceiling of
 * one field leave no whole count of localities between them, the total and the counts.
 */
std::string max_p_infeasible_message(const std::vector<BoundViolation>& violations,
                                     const std::vector<BoundRequest>& requests, int localities);

/** The warning of a --best-effort run that writes a partition breaking `violations` (non-empty). */
std::string best_effort_warning(const std::vector<BoundViolation>& violations,
                                const std::vector<GroupBalance>& balances);

}  // namespace locality::pipeline

namespace locality::pipeline {

/** Above this ratio of the largest to the smallest locality population, unbounded localities are not
 * comparable. */
constexpr double k_max_population_spread = 10.0;

/**
 * The warning when `populations` (one per locality) differ by more than k_max_population_spread
 * and no population floor or balance was asked for (docs/decisions, "no default floor"); empty otherwise.
 */
std::string population_spread_warning(const std::vector<double>& populations,
                                      const std::vector<BoundRequest>& requests);

}  // namespace locality::pipeline
