// SPDX-License-Identifier: MIT
#include "fixed_k.hpp"

#include <cmath>
#include <string>

#include "local_search.hpp"
#include "locality/core/error.hpp"
#include "multistart.hpp"
#include "region_state.hpp"
#include "ward.hpp"

namespace locality::regionalize::detail {

namespace {

/** Largest problem where Auto gives half the starts to tabu search. */
constexpr std::size_t k_tabu_zones = 1000;

/** Default number of starts: many on small problems, where each is cheap, few on large ones. */
int default_starts(std::size_t zones) {
    if (zones <= 200) return 32;  // nc (100 areas): 32 starts gave a 2 % lower median WSS than 16
    if (zones <= 1000) return 16;
    if (zones <= 5000) return 8;
    return 4;
}

/** The one floor SKATER honours during its cuts, or nullptr (other bounds are repaired afterwards). */
const Bound* single_floor(const Problem& problem) {
    if (problem.bounds.size() != 1) return nullptr;
    const Bound& b = problem.bounds.front();
    return std::isfinite(b.min) && !std::isfinite(b.max) && b.min > 0.0 ? &b : nullptr;
}

/** SKATER with the floor when there is exactly one, else plain; falls back to plain when the floor blocks k
 * cuts. */
Regionalization skater_start(const Problem& problem, std::uint64_t seed) {
    if (const Bound* floor = single_floor(problem)) {
        try {
            return skater(*problem.graph, *problem.attributes, floor->values,
                          RegionalizeOptions{problem.k, floor->min, seed});
        } catch (const InfeasibleError&) {
            // The greedy cut order can strand a floor that a repaired partition still meets.
        }
    }
    return skater(*problem.graph, *problem.attributes, {}, RegionalizeOptions{problem.k, 0.0, seed});
}

/**
 * The construction of one start. Auto: start 0 is Ward keeping ceilings, start 1 SKATER, later
 * starts Ward with growing seeded jitter on the merge costs, alternately keeping ceilings or
 * leaving them to repair (the better of the two depends on the data). Ward alone: the same
 * without SKATER.
 */
Regionalization construct(const Problem& problem, Construction construction, int start, std::uint64_t seed) {
    const double jitter = 0.02 * static_cast<double>(start);
    switch (construction) {
        case Construction::Skater:
            return skater_start(problem, seed);
        case Construction::Ward:
            return ward(problem, problem.k, jitter, seed, start % 2 == 0);
        case Construction::Grow:
            throw UsageError(
                "the grow construction builds max-p localities: use --method ward or skater with --k");
        case Construction::Auto:
            break;
    }
    if (start == 1) return skater_start(problem, seed);
    return ward(problem, problem.k, start == 0 ? 0.0 : 0.02 * static_cast<double>(start - 1), seed,
                start % 2 == 0);
}

/** Infeasible after repair: names the first bound still broken. */
[[noreturn]] void throw_unrepaired(const Problem& problem, const Regionalization& result) {
    validate_regionalization(problem, result);
    throw InfeasibleError("no partition into " + std::to_string(problem.k) +
                          " localities meeting every bound was found");
}

/**
 * Auto alternates two searches over the starts: annealing then tabu on even starts, tabu alone
 * on odd ones. Measured: neither wins on every dataset (annealing on the benchmark's real sets,
 * tabu on some uniform random grids), and the multi-start keeps the better. Above
 * k_tabu_zones tabu's full scans cost too much for what they find, so every start anneals.
 */
LocalSearch search_for_start(LocalSearch search, int start, std::size_t zones) {
    if (search != LocalSearch::Auto || start % 2 == 0 || zones > k_tabu_zones) return search;
    return LocalSearch::Tabu;
}

int start_count(const Problem& problem, const Method& method, const SolveOptions& options) {
    const bool plain_skater =
        method.construction == Construction::Skater && method.search == LocalSearch::None;
    return plain_skater         ? 1
           : options.starts > 0 ? options.starts
                                : default_starts(problem.graph->zone_count());
}

}  // namespace

Regionalization first_construction_fixed_k(const Problem& problem, const SolveOptions& options) {
    const int starts = start_count(problem, options.method, options);
    for (int start = 0; start < starts; ++start) {
        try {
            return construct(problem, options.method.construction, start, start_seed(options.seed, start));
        } catch (const InfeasibleError&) {
            // That start cannot build k regions; the next one may.
        }
    }
    return {};
}

Regionalization solve_fixed_k(const Problem& problem, const SolveOptions& options,
                              const ProgressSink& progress) {
    (void)progress;
    const Method method = options.method;
    const int starts = start_count(problem, method, options);
    return best_of_starts(starts, options.seed, [&](int start, std::uint64_t seed) {
        Regionalization result = construct(problem, method.construction, start, seed);
        if (!repair(problem, result, seed)) {
            if (!options.best_effort) throw_unrepaired(problem, result);
            // Best effort: the repaired partition as it stands, still k contiguous regions.
            validate_regionalization(*problem.graph, result, {}, 0.0);
            result.bound_violation = RegionState(problem, result.region_of, result.region_count).violation();
            return result;
        }
        improve(problem, result, search_for_start(method.search, start, problem.graph->zone_count()), seed);
        // The search tracks bound totals incrementally; a start whose exact totals miss a bound
        // by rounding is dropped here rather than returned.
        validate_regionalization(problem, result);
        return result;
    });
}

}  // namespace locality::regionalize::detail
