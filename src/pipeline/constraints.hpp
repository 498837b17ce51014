// SPDX-License-Identifier: MIT
// Internal to the pipeline: the bounds the options ask for (--min, --max, --min-population, --balance).
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "area_fields.hpp"
#include "locality/regionalize/problem.hpp"

namespace locality::pipeline {

/** One bound as the user asked it, over all areas, before it is cut to a group of areas. */
struct BoundRequest {
    std::string name;            ///< the field, as written
    std::string option;          ///< "--min population=20000", for messages and summary.json
    std::vector<double> values;  ///< one per area
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    double balance_pct = 0.0;  ///< > 0: min and max come from each group's mean (total / k)
};

/** Every bound the options ask for; resolves field names (InputError when unknown). */
std::vector<BoundRequest> bound_requests(const StageOptions& config, const AreaFields& fields);

/** The engine's bound for the areas `zones` (ascending) cut into `k` localities (0 = max-p). */
regionalize::Bound group_bound(const BoundRequest& request, const std::vector<ZoneId>& zones, int k);

/**
 * Refuses, before any work, what no partition of `zones` into `k` localities (0 = as many as the
 * floors allow) can meet: a floor above a ceiling of its field, a floor above the total, k floors
 * above it, a ceiling below one area's
 * value, k above the number of areas. InfeasibleError names the constraint, `where` and the gap.
 */
void check_group_feasible(const std::vector<BoundRequest>& requests, const std::vector<ZoneId>& zones, int k,
                          const std::string& where, const std::vector<std::string>& area_ids);

/**
 * Refuses, before contiguity is built, floors that some containers cannot reach whatever the
 * partition: InfeasibleError listing every such container with its total (first 10 and the count).
 */
void check_containers_reach_floors(const std::vector<BoundRequest>& requests,
                                   const std::vector<int>& container_of,
                                   const std::vector<std::string>& container_ids);

}  // namespace locality::pipeline
