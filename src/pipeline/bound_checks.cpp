// SPDX-License-Identifier: MIT
#include "bound_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "locality/regionalize/amount_format.hpp"
#include "rounding.hpp"

namespace locality::pipeline {

namespace {

using json = nlohmann::ordered_json;
using regionalize::detail::format_amount;

/** Each locality's total of `values` (global locality index). */
std::vector<double> totals_by_locality(const std::vector<double>& values, const SolvedGroups& solved) {
    std::vector<double> totals(static_cast<std::size_t>(solved.result.region_count), 0.0);
    for (std::size_t z = 0; z < values.size(); ++z) {
        totals[static_cast<std::size_t>(solved.result.region_of[z])] += values[z];
    }
    return totals;
}

// Sums in another order than the engine's may differ in the last bits: not a broken bound.
bool outside(double total, double bound, bool below) {
    const double slack = 1e-9 * std::max(1.0, std::abs(bound));
    return below ? total < bound - slack : total > bound + slack;
}

std::string describe(const BoundViolation& v) {
    const bool low = v.total < v.min;
    return fmt::format("locality {} has {} {}, {} {} (by {})", v.locality, v.field, format_amount(v.total),
                       low ? "below the floor" : "above the ceiling", format_amount(low ? v.min : v.max),
                       format_amount(v.by));
}

double tightest_balance(const std::vector<GroupBalance>& balances) {
    double worst = 0.0;
    for (const GroupBalance& b : balances) {
        worst = std::max(worst, b.largest_deviation_pct);
    }
    return worst;
}

std::string more(std::size_t count) {
    return count > 1 ? fmt::format(", and {} more broken bound(s)", count - 1) : std::string();
}

}  // namespace

std::vector<BoundViolation> bound_violations(const std::vector<ZoneGroup>& groups, const SolvedGroups& solved,
                                             const std::vector<BoundRequest>& requests) {
    std::vector<BoundViolation> out;
    std::vector<std::vector<double>> totals;
    std::vector<std::vector<regionalize::Bound>> bounds;  // [request][group]
    for (const BoundRequest& request : requests) {
        totals.push_back(totals_by_locality(request.values, solved));
        bounds.emplace_back();
        for (const ZoneGroup& group : groups) {
            bounds.back().push_back(group_bound(request, group.zones, group.k));
        }
    }
    for (std::size_t r = 0; r < solved.group_of_region.size(); ++r) {
        const auto g = static_cast<std::size_t>(solved.group_of_region[r]);
        for (std::size_t q = 0; q < requests.size(); ++q) {
            const regionalize::Bound& bound = bounds[q][g];
            const double total = totals[q][r];
            const bool low = outside(total, bound.min, true);
            if (low || outside(total, bound.max, false)) {
                out.push_back({static_cast<int>(r) + 1, requests[q].option, requests[q].name, total,
                               bound.min, bound.max, low ? bound.min - total : total - bound.max});
            }
        }
    }
    return out;
}

std::vector<GroupBalance> balance_by_group(const std::vector<ZoneGroup>& groups, const SolvedGroups& solved,
                                           const std::vector<BoundRequest>& requests,
                                           const std::vector<std::string>& group_labels) {
    std::vector<GroupBalance> out;
    for (const BoundRequest& request : requests) {
        if (!(request.balance_pct > 0.0)) {
            continue;
        }
        const std::vector<double> totals = totals_by_locality(request.values, solved);
        for (std::size_t g = 0; g < groups.size(); ++g) {
            GroupBalance b;
            b.group = group_labels[g];
            b.k = groups[g].k;
            b.allowed_pct = request.balance_pct;
            double sum = 0.0;
            for (const ZoneId z : groups[g].zones) {
                sum += request.values[z];
            }
            b.mean = b.k > 0 ? sum / b.k : 0.0;
            for (std::size_t r = 0; r < totals.size(); ++r) {
                if (static_cast<std::size_t>(solved.group_of_region[r]) == g && b.mean > 0.0) {
                    b.largest_deviation_pct =
                        std::max(b.largest_deviation_pct, std::abs(totals[r] - b.mean) / b.mean * 100.0);
                }
            }
            out.push_back(std::move(b));
        }
    }
    return out;
}

json balance_json(const std::vector<GroupBalance>& balances) {
    json out = json::array();
    for (const GroupBalance& b : balances) {
        out.push_back({{"group", b.group},
                       {"k", b.k},
                       {"mean", round_to(b.mean, 2)},
                       {"largest_deviation_pct", round_to(b.largest_deviation_pct, 2)},
                       {"allowed_pct", b.allowed_pct},
                       {"met", b.largest_deviation_pct <= b.allowed_pct + 1e-9}});
    }
    return out;
}

json violations_json(const std::vector<BoundViolation>& violations) {
    json out = json::array();
    for (const BoundViolation& v : violations) {
        out.push_back({{"locality", v.locality},
                       {"option", v.option},
                       {"field", v.field},
                       {"total", v.total},
                       {"min", std::isfinite(v.min) ? json(v.min) : json()},
                       {"max", std::isfinite(v.max) ? json(v.max) : json()},
                       {"by", v.by}});
    }
    return out;
}

std::string infeasible_message(const std::vector<BoundViolation>& violations,
                               const std::vector<GroupBalance>& balances, int k) {
    const BoundViolation& first = violations.front();
    const bool balance = first.option.rfind("--balance", 0) == 0;
    std::string way_out;
    if (balance) {
        const double tightest = tightest_balance(balances);
        way_out = fmt::format(
            "; the tightest balance reached is {:.1f} % of the mean: raise --balance to {:.0f} or "
            "more, change --k",
            tightest, std::ceil(tightest));
    } else {
        way_out = first.total < first.min ? "; lower the floor or --k" : "; raise the ceiling or --k";
    }
    return fmt::format(
        "{}: no partition into {} localities meeting it was found (the closest: {}{}){}, or add "
        "--best-effort to write the closest partition with every broken bound listed",
        first.option, k, describe(first), more(violations.size()), way_out);
}

std::string max_p_infeasible_message(const std::vector<BoundViolation>& violations,
                                     const std::vector<BoundRequest>& requests, int localities) {
    // Every floor and ceiling, as together they left no partition: the figures of a floor and a
    // ceiling of one field between which no whole count of localities fits.
    std::string options;
    std::string figures;
    for (const BoundRequest& request : requests) {
        if (request.min > 0.0 || std::isfinite(request.max)) {
            options += (options.empty() ? "" : " and ") + request.option;
        }
        for (const BoundRequest& ceiling : requests) {
            if (request.min > 0.0 && std::isfinite(ceiling.max) && ceiling.max > 0.0 &&
                ceiling.name == request.name && figures.empty()) {
                double total = 0.0;
                for (const double v : request.values) total += v;
                const double fewest = total / ceiling.max;
                const double most = total / request.min;
                if (std::ceil(fewest) > std::floor(most)) {
                    figures = fmt::format(
                        ": the total {} {} makes from {:.2f} to {:.2f} localities of {} to {}, and no whole "
                        "number lies between",
                        format_amount(total), request.name, fewest, most, format_amount(request.min),
                        format_amount(ceiling.max));
                }
            }
        }
    }
    return fmt::format(
        "{}: no partition into localities meets them together{} (the closest found, {} localities: {}{}); "
        "lower a floor or raise a ceiling, or add --best-effort to write the closest partition with every "
        "broken bound listed",
        options, figures, localities, describe(violations.front()), more(violations.size()));
}

std::string best_effort_warning(const std::vector<BoundViolation>& violations,
                                const std::vector<GroupBalance>& balances) {
    const BoundViolation& first = violations.front();
    std::string balance;
    if (!balances.empty()) {
        balance =
            fmt::format("; the tightest balance reached is {:.1f} % of the mean", tightest_balance(balances));
    }
    return fmt::format(
        "--best-effort: the localities written break {} bound(s), listed in summary.json "
        "(localities.violations): {}{}{}",
        violations.size(), describe(first), more(violations.size()), balance);
}

std::string population_spread_warning(const std::vector<double>& populations,
                                      const std::vector<BoundRequest>& requests) {
    for (const BoundRequest& request : requests) {
        if (request.name == "population" && (request.min > 0.0 || request.balance_pct > 0.0)) {
            return {};  // asked for: the bounds hold, whatever the spread
        }
    }
    if (populations.size() < 2) {
        return {};
    }
    const auto [smallest, largest] = std::minmax_element(populations.begin(), populations.end());
    if (!(*largest > 0.0) || *largest <= k_max_population_spread * *smallest) {
        return {};
    }
    const std::string factor =
        *smallest > 0.0 ? fmt::format("{:.0f} times", *largest / *smallest) : "infinitely";
    return fmt::format(
        "the localities are not comparable: the largest has {} residents, {} the smallest ({}); "
        "no population floor or balance was asked for: add --min-population N or --balance PCT "
        "(e.g. --balance 20)",
        format_amount(*largest), factor, format_amount(*smallest));
}

}  // namespace locality::pipeline
