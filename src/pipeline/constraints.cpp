// SPDX-License-Identifier: MIT
#include "constraints.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "containers.hpp"
#include "locality/core/error.hpp"
#include "locality/regionalize/amount_format.hpp"

namespace locality::pipeline {

namespace {

using regionalize::detail::format_amount;

std::string option_text(const char* option, const ConstraintSpec& spec) {
    return fmt::format("{} {}={}", option, spec.field, spec.value);  // as the user wrote it
}

double total_of(const std::vector<double>& values, const std::vector<ZoneId>& zones) {
    double total = 0.0;
    for (const ZoneId z : zones) {
        total += values[z];
    }
    return total;
}

BoundRequest make_request(const std::string& name, std::string option, std::vector<double> values) {
    BoundRequest request;
    request.name = name;
    request.option = std::move(option);
    request.values = std::move(values);
    return request;
}

/**
 * A floor above a ceiling of the same field: no locality can hold both, whatever the partition (max-p
 * used to spend every start before a refusal that named neither option).
 */
void check_floors_below_ceilings(const std::vector<BoundRequest>& requests) {
    for (const BoundRequest& floor : requests) {
        for (const BoundRequest& ceiling : requests) {
            if (floor.name == ceiling.name && floor.min > ceiling.max) {
                throw InfeasibleError(fmt::format(
                    "{} is above {}: no locality can have at least {} {} and at most {}; lower the floor "
                    "or raise the ceiling",
                    floor.option, ceiling.option, format_amount(floor.min), floor.name,
                    format_amount(ceiling.max)));
            }
        }
    }
}

}  // namespace

std::vector<BoundRequest> bound_requests(const StageOptions& config, const AreaFields& fields) {
    std::vector<BoundRequest> requests;
    if (config.min_population > 0.0) {
        BoundRequest floor =
            make_request("population", fmt::format("--min-population {}", config.min_population),
                         fields.values("population", "--min-population"));
        floor.min = config.min_population;
        requests.push_back(std::move(floor));
    }
    for (const ConstraintSpec& spec : config.min_bounds) {
        BoundRequest floor =
            make_request(spec.field, option_text("--min", spec), fields.values(spec.field, "--min"));
        floor.min = spec.value;
        requests.push_back(std::move(floor));
    }
    for (const ConstraintSpec& spec : config.max_bounds) {
        BoundRequest ceiling =
            make_request(spec.field, option_text("--max", spec), fields.values(spec.field, "--max"));
        ceiling.max = spec.value;
        requests.push_back(std::move(ceiling));
    }
    if (config.balance_pct > 0.0) {
        BoundRequest balance =
            make_request(config.balance_field,
                         fmt::format("--balance {} (of {})", config.balance_pct, config.balance_field),
                         fields.values(config.balance_field, "--balance-field"));
        balance.balance_pct = config.balance_pct;
        requests.push_back(std::move(balance));
    }
    return requests;
}

regionalize::Bound group_bound(const BoundRequest& request, const std::vector<ZoneId>& zones, int k) {
    regionalize::Bound bound{request.name, {}, request.min, request.max};
    bound.values.reserve(zones.size());
    for (const ZoneId z : zones) {
        bound.values.push_back(request.values[z]);
    }
    if (request.balance_pct > 0.0 && k > 0) {
        const double mean = total_of(request.values, zones) / k;
        bound.min = std::max(bound.min, mean * (1.0 - request.balance_pct / 100.0));
        bound.max = std::min(bound.max, mean * (1.0 + request.balance_pct / 100.0));
    }
    return bound;
}

void check_group_feasible(const std::vector<BoundRequest>& requests, const std::vector<ZoneId>& zones, int k,
                          const std::string& where, const std::vector<std::string>& area_ids) {
    check_floors_below_ceilings(requests);
    if (k > 0 && static_cast<std::size_t>(k) > zones.size()) {
        throw InfeasibleError(fmt::format("--k {} exceeds the {} areas of {} (by {}); choose --k {} or fewer",
                                          k, zones.size(), where, static_cast<std::size_t>(k) - zones.size(),
                                          zones.size()));
    }
    for (const BoundRequest& request : requests) {
        const regionalize::Bound bound = group_bound(request, zones, k);
        const double total = total_of(request.values, zones);
        if (bound.min > 0.0 && total < bound.min) {
            throw InfeasibleError(
                fmt::format("{}: the total {} of {} is {}, below the floor {} (by {}); lower it",
                            request.option, request.name, where, format_amount(total),
                            format_amount(bound.min), format_amount(bound.min - total)));
        }
        if (bound.min > 0.0 && k > 0 && total < bound.min * k) {
            throw InfeasibleError(fmt::format(
                "{}: {} localities of at least {} {} need {}, but {} holds {} (short by {}); lower --k or "
                "the floor",
                request.option, k, format_amount(bound.min), request.name, format_amount(bound.min * k),
                where, format_amount(total), format_amount(bound.min * k - total)));
        }
        if (std::isfinite(bound.max) && k > 0 && total > bound.max * k) {
            throw InfeasibleError(fmt::format(
                "{}: {} localities of at most {} {} hold {}, but {} has {} (over by {}); raise --k or the "
                "ceiling",
                request.option, k, format_amount(bound.max), request.name, format_amount(bound.max * k),
                where, format_amount(total), format_amount(total - bound.max * k)));
        }
        for (std::size_t i = 0; i < zones.size(); ++i) {
            // Localities are grown until they reach a floor: a negative value undoes that growth, and
            // the search ended in a floor error about a partition nobody asked for.
            if (bound.min > 0.0 && bound.values[i] < 0.0) {
                throw InputError(fmt::format(
                    "{}: area '{}' has {} {}, below 0; a floor needs values of 0 or more: fix the value or "
                    "choose another field",
                    request.option, area_ids[zones[i]], request.name, format_amount(bound.values[i])));
            }
            if (bound.values[i] > bound.max) {
                throw InfeasibleError(fmt::format(
                    "{}: area '{}' of {} alone has {} {}, above the ceiling {} (by {}); raise the ceiling",
                    request.option, area_ids[zones[i]], where, format_amount(bound.values[i]), request.name,
                    format_amount(bound.max), format_amount(bound.values[i] - bound.max)));
            }
        }
    }
}

void check_containers_reach_floors(const std::vector<BoundRequest>& requests,
                                   const std::vector<int>& container_of,
                                   const std::vector<std::string>& container_ids) {
    for (const BoundRequest& request : requests) {
        if (!(request.min > 0.0)) {
            continue;  // a balance floor depends on each container's k: checked per group
        }
        std::vector<double> totals(container_ids.size(), 0.0);
        std::vector<bool> used(container_ids.size(), false);
        for (std::size_t z = 0; z < container_of.size(); ++z) {
            totals[static_cast<std::size_t>(container_of[z])] += request.values[z];
            used[static_cast<std::size_t>(container_of[z])] = true;
        }
        std::vector<std::string> short_of;
        double worst = 0.0;
        for (std::size_t c = 0; c < totals.size(); ++c) {
            if (used[c] && totals[c] < request.min) {
                short_of.push_back(fmt::format("'{}' ({})", container_ids[c], format_amount(totals[c])));
                worst = std::max(worst, request.min - totals[c]);
            }
        }
        if (!short_of.empty()) {
            throw InfeasibleError(
                fmt::format("{}: {} container(s) hold less {} than the floor {} (short by up to {}): {}; "
                            "lower the floor or "
                            "use other containers",
                            request.option, short_of.size(), request.name, format_amount(request.min),
                            format_amount(worst), listed(short_of, false)));
        }
    }
}

}  // namespace locality::pipeline
