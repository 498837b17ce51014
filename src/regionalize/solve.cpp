// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "fixed_k.hpp"
#include "locality/core/error.hpp"
#include "locality/regionalize/amount_format.hpp"
#include "locality/regionalize/problem.hpp"
#include "max_p.hpp"
#include "pins.hpp"
#include "region_state.hpp"
#include "skater_bridge.hpp"

namespace locality::regionalize {

namespace {

Construction parse_construction(const std::string& word) {
    if (word == "auto") return Construction::Auto;
    if (word == "skater") return Construction::Skater;
    if (word == "ward") return Construction::Ward;
    if (word == "grow") return Construction::Grow;
    throw UsageError("unknown construction '" + word + "' in --method: use auto, skater, ward or grow");
}

LocalSearch parse_search(const std::string& word) {
    if (word == "auto") return LocalSearch::Auto;
    if (word == "none") return LocalSearch::None;
    if (word == "greedy") return LocalSearch::Greedy;
    if (word == "tabu") return LocalSearch::Tabu;
    if (word == "sa") return LocalSearch::Annealing;
    throw UsageError("unknown local search '" + word + "' in --method: use auto, none, greedy, tabu or sa");
}

const char* construction_word(Construction c) {
    switch (c) {
        case Construction::Skater:
            return "skater";
        case Construction::Ward:
            return "ward";
        case Construction::Grow:
            return "grow";
        case Construction::Auto:
            break;
    }
    return "auto";
}

const char* search_word(LocalSearch s) {
    switch (s) {
        case LocalSearch::None:
            return "none";
        case LocalSearch::Greedy:
            return "greedy";
        case LocalSearch::Tabu:
            return "tabu";
        case LocalSearch::Annealing:
            return "sa";
        case LocalSearch::Auto:
            break;
    }
    return "auto";
}

/** The single floor the SKATER construction understands; the stub engine supports no other bound. */
const Bound* only_floor(const Problem& problem) {
    const Bound* floor = nullptr;
    for (const Bound& b : problem.bounds) {
        if (std::isfinite(b.max) || floor != nullptr) {
            throw UsageError("this engine supports a single floor and no ceiling (bound '" + b.name + "')");
        }
        floor = &b;
    }
    return floor;
}

}  // namespace

Method parse_method(const std::string& text) {
    const std::size_t plus = text.find('+');
    Method method;
    method.construction = parse_construction(text.substr(0, plus));
    if (plus != std::string::npos) {
        method.search = parse_search(text.substr(plus + 1));
    }
    return method;
}

std::string method_name(const Method& method) {
    return std::string(construction_word(method.construction)) + "+" + search_word(method.search);
}

namespace {

/** solve() once the shape reference is settled: --fixed pins, when there are any, are imposed here. */
Regionalization solve_with_pins(const Problem& problem, const SolveOptions& options,
                                const ProgressSink& progress) {
    const bool pinned =
        std::any_of(problem.pinned.begin(), problem.pinned.end(), [](int label) { return label >= 0; });
    if (!pinned) {
        return problem.k > 0 ? detail::solve_fixed_k(problem, options, progress)
                             : detail::solve_max_p(problem, options, progress);
    }
    // --fixed: the constructions know nothing of pins, so solve as if free, then move the pinned
    // areas home and repair and improve with them held (docs/decisions: fixed and maintenance).
    Problem free = problem;
    free.pinned.clear();
    SolveOptions loose = options;
    loose.best_effort = true;  // the pins change the partition anyway: its bounds are repaired below
    Regionalization result = problem.k > 0 ? detail::solve_fixed_k(free, loose, progress)
                                           : detail::solve_max_p(free, loose, progress);
    detail::impose_pins(problem, result, options.method.search, options.seed);
    if (result.bound_violation > 0.0 && !options.best_effort) {
        validate_regionalization(problem, result);  // names the first broken bound
    }
    return result;
}

}  // namespace

ShapeReference shape_reference(const Problem& problem, const SolveOptions& options) {
    if (problem.shapes == nullptr || !(problem.shape_weight > 0.0)) return {};
    // The constructions are shape-blind: the first start's is the same with or without the term.
    const Regionalization first = problem.k > 0 ? detail::first_construction_fixed_k(problem, options)
                                                : detail::first_construction_max_p(problem, options);
    return detail::measure_shape_reference(problem, first.region_of, first.region_count);
}

namespace {

/** solve() once the shape reference is settled: the disruption terms' reference, measured once likewise. */
Regionalization solve_with_kept(const Problem& problem, const SolveOptions& options,
                                const ProgressSink& progress) {
    if (problem.kept.empty() || problem.disruption_reference.set()) {
        return solve_with_pins(problem, options, progress);
    }
    Problem kept = problem;
    kept.disruption_reference = disruption_reference(problem, options);
    if (!kept.disruption_reference.set()) kept.kept.clear();  // the reference explains nothing
    return solve_with_pins(kept, options, progress);
}

}  // namespace

Regionalization solve(const Problem& problem, const SolveOptions& options, const ProgressSink& progress) {
    check_feasible(problem);
    if (problem.shapes != nullptr && problem.shape_weight > 0.0 && !problem.shape_reference.set()) {
        // Measured once here, so every start, search and ranking compares on the same constants.
        Problem shaped = problem;
        shaped.shape_reference = shape_reference(problem, options);
        if (!shaped.shape_reference.set()) {
            shaped.shapes = nullptr;  // the reference explains nothing or has no area: nothing to weigh
            shaped.shape_weight = 0.0;
        }
        return solve_with_kept(shaped, options, progress);
    }
    return solve_with_kept(problem, options, progress);
}

namespace detail {

Regionalization skater_for(const Problem& problem, std::uint64_t seed) {
    const Bound* floor = only_floor(problem);
    const RegionalizeOptions skater_options{problem.k, floor != nullptr ? floor->min : 0.0, seed};
    return skater(*problem.graph, *problem.attributes,
                  floor != nullptr ? floor->values : std::vector<double>{}, skater_options);
}

}  // namespace detail

void validate_regionalization(const Problem& problem, const Regionalization& result) {
    validate_regionalization(*problem.graph, result, {}, 0.0);
    // Pins: one region per pin label, a different one for each label.
    std::map<int, RegionId> region_of_label;
    std::map<RegionId, int> label_of_region;
    for (std::size_t z = 0; z < problem.pinned.size(); ++z) {
        const int label = problem.pinned[z];
        if (label < 0) continue;
        const RegionId r = result.region_of[z];
        if (region_of_label.emplace(label, r).first->second != r ||
            label_of_region.emplace(r, label).first->second != label) {
            throw Error("pinned area " + std::to_string(z) + " is not in the locality it is pinned to");
        }
    }
    for (const Bound& b : problem.bounds) {
        std::vector<double> totals(static_cast<std::size_t>(result.region_count), 0.0);
        for (std::size_t z = 0; z < b.values.size(); ++z) {
            totals[static_cast<std::size_t>(result.region_of[z])] += b.values[z];
        }
        for (std::size_t r = 0; r < totals.size(); ++r) {
            if (totals[r] < b.min || totals[r] > b.max) {
                const bool low = totals[r] < b.min;
                throw InfeasibleError("locality " + std::to_string(r + 1) + " has " + b.name + " " +
                                      detail::format_amount(totals[r]) + ", " +
                                      (low ? "below the floor " : "above the ceiling ") +
                                      detail::format_amount(low ? b.min : b.max) + " by " +
                                      detail::format_amount(low ? b.min - totals[r] : totals[r] - b.max));
            }
        }
    }
}

}  // namespace locality::regionalize
