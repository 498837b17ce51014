// SPDX-License-Identifier: MIT
// check_feasible: refuses requests no partition can meet, before any work, with the bound and the gap.
#include <algorithm>
#include <cmath>
#include <string>

#include "disruption_term.hpp"
#include "locality/core/error.hpp"
#include "locality/regionalize/amount_format.hpp"
#include "locality/regionalize/problem.hpp"

namespace locality::regionalize {

namespace {

using detail::format_amount;

void check_shapes(const Problem& problem) {
    if (problem.graph == nullptr || problem.attributes == nullptr) {
        throw Error("regionalization problem without a graph or attributes");
    }
    const std::size_t n = problem.graph->zone_count();
    if (n == 0) throw InputError("there are no areas to regionalize");
    if (problem.attributes->rows != n || problem.attributes->values.size() != n * problem.attributes->cols) {
        throw InputError("the attribute matrix has " + std::to_string(problem.attributes->rows) +
                         " rows but there are " + std::to_string(n) + " areas");
    }
    if (!(problem.shape_weight >= 0.0) || !std::isfinite(problem.shape_weight)) {
        throw UsageError("the shape weight must be a finite number >= 0");
    }
    const ShapeReference& ref = problem.shape_reference;
    if ((ref.explained != 0.0 || ref.inverse_polsby_popper != 0.0) &&
        !(ref.set() && ref.explained <= 1.0 && std::isfinite(ref.inverse_polsby_popper))) {
        throw UsageError(
            "a shape reference needs a share explained in (0, 1] and a mean inverse Polsby-Popper > 0");
    }
    if (problem.shapes != nullptr &&
        (problem.shapes->area.size() != n || problem.shapes->perimeter.size() != n ||
         problem.shapes->shared.size() != 2 * problem.graph->edge_count())) {
        throw Error(
            "the zone shapes do not match the graph (one area and perimeter per zone, one border per edge "
            "end)");
    }
    if (problem.k < 0) {
        throw UsageError("k = " + std::to_string(problem.k) +
                         " is negative: give a number of localities >= 1");
    }
    if (static_cast<std::size_t>(problem.k) > n) {
        throw InfeasibleError("k = " + std::to_string(problem.k) + " localities exceeds the " +
                              std::to_string(n) + " areas by " +
                              std::to_string(static_cast<std::size_t>(problem.k) - n));
    }
    for (const Bound& b : problem.bounds) {
        if (b.values.size() != n) {
            throw InputError("the bound '" + b.name + "' has " + std::to_string(b.values.size()) +
                             " values but there are " + std::to_string(n) + " areas");
        }
        const auto bad =
            std::find_if(b.values.begin(), b.values.end(), [](double v) { return !std::isfinite(v); });
        if (bad != b.values.end()) {
            throw InputError("the " + b.name + " of area index " + std::to_string(bad - b.values.begin()) +
                             " is not a finite number");
        }
        if (b.min > b.max) {
            throw UsageError("the floor " + format_amount(b.min) + " of " + b.name +
                             " is above its ceiling " + format_amount(b.max));
        }
    }
}

/** One bound against the totals: any region count (floor), then k regions (floor and ceiling). */
void check_bound(const Bound& b, int k) {
    double total = 0.0;
    for (const double v : b.values) total += v;
    const auto largest = std::max_element(b.values.begin(), b.values.end());
    const bool non_negative = *std::min_element(b.values.begin(), b.values.end()) >= 0.0;
    if (std::isfinite(b.min) && total < b.min) {
        throw InfeasibleError("the total " + b.name + " " + format_amount(total) + " is below the floor " +
                              format_amount(b.min) + " by " + format_amount(b.min - total));
    }
    // With no negative values a zone's own value is a lower bound of its locality's total.
    if (std::isfinite(b.max) && non_negative && *largest > b.max) {
        throw InfeasibleError("area index " + std::to_string(largest - b.values.begin()) + " alone has " +
                              b.name + " " + format_amount(*largest) + ", above the ceiling " +
                              format_amount(b.max) + " by " + format_amount(*largest - b.max));
    }
    if (k <= 0) return;
    const double kd = static_cast<double>(k);
    if (std::isfinite(b.min) && kd * b.min > total) {
        throw InfeasibleError(std::to_string(k) + " localities of at least " + format_amount(b.min) + " " +
                              b.name + " need " + format_amount(kd * b.min) + " but the total is " +
                              format_amount(total) + ", short by " + format_amount(kd * b.min - total));
    }
    if (std::isfinite(b.max) && kd * b.max < total) {
        throw InfeasibleError(std::to_string(k) + " localities of at most " + format_amount(b.max) + " " +
                              b.name + " hold " + format_amount(kd * b.max) + " but the total is " +
                              format_amount(total) + ", over by " + format_amount(total - kd * b.max));
    }
}

}  // namespace

void check_feasible(const Problem& problem) {
    check_shapes(problem);
    detail::check_kept(problem);
    for (const Bound& b : problem.bounds) check_bound(b, problem.k);
}

}  // namespace locality::regionalize
