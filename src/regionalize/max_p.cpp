// SPDX-License-Identifier: MIT
#include "max_p.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <string>
#include <vector>

#include "enclaves.hpp"
#include "fixed_k.hpp"
#include "local_search.hpp"
#include "locality/core/error.hpp"
#include "multistart.hpp"
#include "recombination.hpp"
#include "region_growing.hpp"
#include "region_state.hpp"
#include "skater_bridge.hpp"
#include "sub_problem.hpp"

namespace locality::regionalize::detail {

namespace {

/** Work per solve spent on constructions, in zone + edge visits: about a second on one core. */
constexpr double k_construction_budget = 4.0e6;
constexpr int k_min_starts = 8;
constexpr int k_max_starts = 1024;
/**
 * Zone + edge visits that decide how many of the best constructions get count maximisation and
 * local search: every start on small problems (where single-zone moves from one partition often
 * stall short of the optimum, and many cheap descents from different partitions find it), a few on large.
 */
constexpr double k_refine_budget = 2.0e4;
constexpr int k_min_refined = 4;
/**
 * The best partitions after stage 1 that get the full (annealing / tabu) local search: four, or
 * more on tiny problems where a full search costs little (zone + edge visits budget).
 */
constexpr double k_polish_budget = 2.0e3;
constexpr std::size_t k_min_polished = 4;
/**
 * Above this many zones, Auto refines with greedy descent only, which keeps 40,000 areas within
 * seconds: the full search measured 90 s there (its tabu phase scans the whole boundary per
 * move) for a 4 % lower WSS, against 5 s.
 */
constexpr std::size_t k_tabu_zone_limit = 20000;
/**
 * Rounds of recombination (each over every neighbouring pair, then a descent) for the shape term, at
 * most: they stop when no pair improves. Measured: uscounty's mean Polsby-Popper 0.276 after 3 rounds,
 * 0.284 after 10, the same after 25.
 */
constexpr int k_recombination_rounds = 10;
/** Constructions tried inside one region when splitting it. */
constexpr int k_split_tries = 8;

/**
 * Mixes greedy and randomised starts: the greedy rule alone gives the best single partition,
 * the randomised ones reach partitions it never would, which pays on small and irregular layouts.
 */
double randomness_of(int start) {
    constexpr double k_levels[] = {0.0, 0.15, 0.3, 0.45, 1.0, 0.15, 0.3, 1.0};
    return k_levels[start % 8];
}

/** More regions first, then lower WSS: the max-p order. */
bool better(const Regionalization& a, const Regionalization& b) {
    if (a.region_count != b.region_count) {
        return a.region_count > b.region_count;
    }
    return a.within_ss + a.shape_cost + a.disruption_cost < b.within_ss + b.shape_cost + b.disruption_cost;
}

int start_count(const Problem& problem, const SolveOptions& options) {
    if (options.starts > 0) {
        return options.starts;
    }
    const double size = static_cast<double>(problem.graph->zone_count() + problem.graph->edge_count());
    return std::clamp(static_cast<int>(k_construction_budget / std::max(size, 1.0)), k_min_starts,
                      k_max_starts);
}

std::size_t refined_count(const Problem& problem) {
    const double size = static_cast<double>(problem.graph->zone_count() + problem.graph->edge_count());
    return static_cast<std::size_t>(
        std::clamp(static_cast<int>(k_refine_budget / std::max(size, 1.0)), k_min_refined, k_max_starts));
}

LocalSearch search_for(const Problem& problem, LocalSearch requested) {
    if (requested == LocalSearch::Auto && problem.graph->zone_count() > k_tabu_zone_limit) {
        return LocalSearch::Greedy;
    }
    return requested;
}

std::size_t polished_count(const Problem& problem) {
    const double size = static_cast<double>(problem.graph->zone_count() + problem.graph->edge_count());
    return std::max(k_min_polished, static_cast<std::size_t>(k_polish_budget / std::max(size, 1.0)));
}

/** Whether a region's totals reach twice every floor, so two regions might fit in it. */
bool may_split(const Problem& problem, const std::vector<ZoneId>& members) {
    bool has_floor = false;
    for (const Bound& bound : problem.bounds) {
        if (!std::isfinite(bound.min)) {
            continue;
        }
        has_floor = true;
        double total = 0.0;
        for (const ZoneId z : members) {
            total += bound.values[static_cast<std::size_t>(z)];
        }
        if (total < 2.0 * bound.min) {
            return false;
        }
    }
    return has_floor && members.size() > 1;
}

/** Whether the constructions grow compact regions: with a shape term (solve() keeps shapes only then). */
bool compact_growth(const Problem& problem) {
    return problem.shapes != nullptr && problem.shape_weight > 0.0;
}

/** The best of a few constructions inside one region (region_count 0 if none completes). */
Regionalization best_split(const Problem& sub, std::uint64_t seed, bool compact) {
    Regionalization best;
    for (int t = 0; t < k_split_tries; ++t) {
        Regionalization tried = grow_partition(sub, {start_seed(seed, t), randomness_of(t), compact});
        if (tried.region_count > 0 && (best.region_count == 0 || better(tried, best))) {
            best = std::move(tried);
        }
    }
    return best;
}

/**
 * Count maximisation: a region holding twice every floor is re-grown inside itself; when that
 * gives two or more regions, they replace it (and are tried again). Sub-regions of a feasible
 * region keep its ceilings, and each meets the floors by construction, so the result stays feasible.
 */
void split_large_regions(const Problem& problem, Regionalization& part, std::uint64_t seed) {
    std::vector<std::vector<ZoneId>> members(static_cast<std::size_t>(part.region_count));
    for (std::size_t z = 0; z < part.region_of.size(); ++z) {
        members[static_cast<std::size_t>(part.region_of[z])].push_back(static_cast<ZoneId>(z));
    }
    std::vector<ZoneId> local_of(part.region_of.size(), -1);
    std::vector<RegionId> queue(static_cast<std::size_t>(part.region_count));
    std::iota(queue.begin(), queue.end(), 0);
    for (std::size_t i = 0; i < queue.size(); ++i) {
        const RegionId r = queue[i];
        if (!may_split(problem, members[static_cast<std::size_t>(r)])) {
            continue;
        }
        const SubProblem sub(problem, members[static_cast<std::size_t>(r)], local_of);
        const Regionalization split = best_split(sub.problem(), start_seed(seed, r), compact_growth(problem));
        if (split.region_count < 2) {
            continue;
        }
        const std::vector<ZoneId> old = std::move(members[static_cast<std::size_t>(r)]);
        std::vector<RegionId> ids(static_cast<std::size_t>(split.region_count), r);
        for (std::size_t s = 1; s < ids.size(); ++s) {
            ids[s] = part.region_count++;
            members.emplace_back();
        }
        members[static_cast<std::size_t>(r)].clear();
        for (std::size_t i_local = 0; i_local < old.size(); ++i_local) {
            const RegionId id = ids[static_cast<std::size_t>(split.region_of[i_local])];
            part.region_of[static_cast<std::size_t>(old[i_local])] = id;
            members[static_cast<std::size_t>(id)].push_back(old[i_local]);
        }
        queue.insert(queue.end(), ids.begin(), ids.end());
    }
    relabel_by_lowest_zone(part);
    part.within_ss = within_sum_of_squares(*problem.attributes, part.region_of, part.region_count);
}

/** Sorts start indices best first: more regions, lower WSS, then the lower start index. */
void rank(const std::vector<Regionalization>& built, std::vector<std::size_t>& order) {
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return better(built[a], built[b]) || (!better(built[b], built[a]) && a < b);
    });
}

/** Applies `step(partition, seed)` to the listed starts in parallel, each with its own counter-based seed. */
template <typename Step>
void refine(std::vector<Regionalization>& built, const std::vector<std::size_t>& order, std::uint64_t seed,
            const Step& step) {
    tbb::parallel_for(std::size_t{0}, order.size(), [&](std::size_t i) {
        step(built[order[i]], start_seed(seed, static_cast<int>(order[i])));
    });
}

/**
 * The region counts the bounds point to: the most regions each floor leaves room for and the fewest
 * each ceiling needs (total / floor rounded down, total / ceiling rounded up), within 1..zones, ascending.
 */
std::vector<int> counts_the_bounds_suggest(const Problem& problem) {
    const auto zones = static_cast<double>(problem.graph->zone_count());
    std::vector<int> counts;
    for (const Bound& b : problem.bounds) {
        const double total = std::accumulate(b.values.begin(), b.values.end(), 0.0);
        if (b.min > 0.0 && std::isfinite(b.min)) {
            counts.push_back(static_cast<int>(std::clamp(std::floor(total / b.min), 1.0, zones)));
        }
        if (b.max > 0.0 && std::isfinite(b.max)) {
            counts.push_back(static_cast<int>(std::clamp(std::ceil(total / b.max), 1.0, zones)));
        }
    }
    if (counts.empty()) counts.push_back(1);
    std::sort(counts.begin(), counts.end());
    counts.erase(std::unique(counts.begin(), counts.end()), counts.end());
    return counts;
}

/**
 * Best effort when no construction meets every bound together (a floor and a ceiling that no count of
 * regions fits): the closest partition into each count the bounds suggest, solved as fixed k; the
 * lowest violation wins, then the lower count. Contiguous; the caller lists the broken bounds.
 */
Regionalization closest_of_fixed_counts(const Problem& problem, const SolveOptions& options,
                                        const ProgressSink& progress) {
    Regionalization best;
    bool found = false;
    for (const int k : counts_the_bounds_suggest(problem)) {
        Problem fixed = problem;
        fixed.k = k;
        try {
            Regionalization result = solve_fixed_k(fixed, options, progress);
            if (!found || result.bound_violation < best.bound_violation) {
                best = std::move(result);
                found = true;
            }
        } catch (const InfeasibleError&) {
            // That count cannot be built at all (too few areas, a graph that will not split): the next may.
        }
    }
    if (!found) {
        throw InfeasibleError(
            "no partition into localities meets every floor and ceiling together: lower a "
            "floor or raise a ceiling");
    }
    return best;
}

}  // namespace

Regionalization first_construction_max_p(const Problem& problem, const SolveOptions& options) {
    if (options.method.construction == Construction::Skater) {
        return skater_for(problem, options.seed);
    }
    const int starts = start_count(problem, options);
    for (int s = 0; s < starts; ++s) {
        Regionalization built = grow_partition(problem, {start_seed(options.seed, s), randomness_of(s)});
        if (built.region_count > 0) return built;
    }
    return {};
}

Regionalization solve_max_p(const Problem& problem, const SolveOptions& options,
                            const ProgressSink& progress) {
    if (options.method.construction == Construction::Skater) {
        // Kept selectable for comparison with the literature; region growing serves everything else.
        Regionalization result = skater_for(problem, options.seed);
        improve(problem, result, options.method.search, options.seed);
        return result;
    }
    const ScaledProgress report(progress, 0.0, 1.0);
    const int starts = start_count(problem, options);
    std::vector<Regionalization> built(static_cast<std::size_t>(starts));
    // Each start owns its slot and its counter-based seed: the same results whatever the threads.
    const bool compact = compact_growth(problem);
    tbb::parallel_for(tbb::blocked_range<int>(0, starts, 1), [&](const tbb::blocked_range<int>& range) {
        for (int s = range.begin(); s != range.end(); ++s) {
            Regionalization& part = built[static_cast<std::size_t>(s)];
            part = grow_partition(problem, {start_seed(options.seed, s), randomness_of(s), compact});
            if (compact && part.region_count > 0) {
                // Ranked on the combined objective, so the roundest of equally fitted starts go on.
                part.shape_cost = RegionState(problem, part.region_of, part.region_count).shape_cost();
            }
        }
    });
    report.report(0.6, "max-p constructions");
    std::vector<std::size_t> order;
    for (std::size_t s = 0; s < built.size(); ++s) {
        if (built[s].region_count > 0) {
            order.push_back(s);
        }
    }
    if (order.empty() && options.best_effort) {
        return closest_of_fixed_counts(problem, options, progress);
    }
    if (order.empty()) {
        throw InfeasibleError("no partition into localities meets every floor and ceiling together (" +
                              std::to_string(starts) + " attempts): lower a floor or raise a ceiling");
    }
    rank(built, order);
    // Stage 1, many partitions: count maximisation and a greedy descent, cheap enough for every
    // start on small problems. Stage 2, the best few: the full local search asked for.
    const LocalSearch search = search_for(problem, options.method.search);
    const LocalSearch descent = search == LocalSearch::None ? LocalSearch::None : LocalSearch::Greedy;
    order.resize(std::min(order.size(), refined_count(problem)));
    refine(built, order, options.seed, [&](Regionalization& part, std::uint64_t seed) {
        split_large_regions(problem, part, seed);
        improve(problem, part, descent, seed);
    });
    report.report(0.8, "max-p count maximisation");
    rank(built, order);
    if (search != LocalSearch::Greedy && search != LocalSearch::None) {
        order.resize(std::min(order.size(), polished_count(problem)));
        refine(built, order, options.seed ^ 0x5bd1e995ULL,
               [&](Regionalization& part, std::uint64_t seed) { improve(problem, part, search, seed); });
        rank(built, order);
    }
    if (compact && search != LocalSearch::None && problem.graph->zone_count() <= k_tabu_zone_limit) {
        // Stage 3, the shape term: recombination of neighbouring pairs, where single moves stall. Not
        // on large problems: on the 40,000-area grid it cost 4x the CPU for no rounder localities.
        order.resize(std::min(order.size(), polished_count(problem)));
        refine(built, order, options.seed ^ 0x2545f4914f6cdd1dULL,
               [&](Regionalization& part, std::uint64_t seed) {
                   for (int round = 0; round < k_recombination_rounds; ++round) {
                       if (recombine_pairs(problem, part, start_seed(seed, round)) == 0) break;
                       improve(problem, part, LocalSearch::Greedy, seed);
                   }
               });
        rank(built, order);
    }
    report.report(1.0, "max-p local search");
    const std::size_t best = order.front();
    return std::move(built[best]);
}

}  // namespace locality::regionalize::detail
