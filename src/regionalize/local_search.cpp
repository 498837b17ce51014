// SPDX-License-Identifier: MIT
#include "local_search.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "region_state.hpp"
#include "seeded_random.hpp"

namespace locality::regionalize::detail {

namespace {

/** Changes smaller than this are rounding noise: taking them would let the search cycle. */
constexpr double k_wss_eps = 1e-10;
constexpr double k_violation_eps = 1e-12;
/** Up to this many zones, Auto follows annealing with a full tabu phase (too slow beyond: it scans the whole
 * boundary per move). */
constexpr std::size_t k_small_problem = 1000;
/**
 * Up to this many zones, a search with the shape term ends with pair exchanges. Beyond, not: on the
 * 40,000-area grid they cost 4x the search's CPU and left the localities no rounder (measured with
 * recombination, docs/performance.md).
 */
constexpr std::size_t k_exchange_zone_limit = 20000;

/** Objective of a move or a partition: bound violation first (repair mode), then WSS. */
struct Score {
    double violation = 0.0;
    double wss = 0.0;  ///< the WSS, plus the shape term when the problem has one (RegionState::objective)
};

Score operator+(Score a, Score b) { return {a.violation + b.violation, a.wss + b.wss}; }

bool lower(Score a, Score b) {
    if (a.violation < b.violation - k_violation_eps) return true;
    if (a.violation > b.violation + k_violation_eps) return false;
    return a.wss < b.wss - k_wss_eps;
}

/** A candidate move, ordered by score then zone then destination so every choice is deterministic. */
struct Move {
    Score delta;
    ZoneId zone = 0;
    RegionId to = 0;
};

bool move_less(const Move& x, const Move& y) {
    if (lower(x.delta, y.delta)) return true;
    if (lower(y.delta, x.delta)) return false;
    return x.zone < y.zone || (x.zone == y.zone && x.to < y.to);
}

/** Bounds of one tabu run. */
struct TabuLimits {
    std::size_t tenure = 10;     ///< iterations a reversed move stays forbidden
    std::size_t stall = 100;     ///< stop after this many iterations without a new best
    std::size_t iterations = 0;  ///< hard cap on iterations
};

/**
 * The moves of one search over a RegionState. In normal mode a move must keep every bound; in
 * repair mode bounds are soft and the violation is the first objective.
 */
class Searcher {
public:
    Searcher(const Problem& problem, RegionState& state, bool repair_mode, std::uint64_t seed)
        : m_problem(problem), m_state(state), m_repair(repair_mode), m_rng(seed) {}

    Score current() const { return {m_repair ? m_state.violation() : 0.0, m_state.objective()}; }

    /** Calls f(to, delta) for each region next to z that z may move to. */
    template <typename F>
    void for_each_move(ZoneId z, F&& f) {
        const RegionId from = m_state.region(z);
        m_targets.clear();
        if (is_pinned(m_problem, z)) return;  // --fixed: a pinned zone never moves
        const graph::ContiguityGraph& g = m_state.graph();
        for (const ZoneId* it = g.begin(z); it != g.end(z); ++it) {
            const RegionId r = m_state.region(*it);
            if (r != from && std::find(m_targets.begin(), m_targets.end(), r) == m_targets.end()) {
                m_targets.push_back(r);
            }
        }
        for (const RegionId to : m_targets) {
            if (m_repair) {
                f(to, Score{m_state.violation_delta(z, to), m_state.objective_delta(z, to)});
            } else if (m_state.bounds_hold_after(z, to)) {
                f(to, Score{0.0, m_state.objective_delta(z, to)});
            }
        }
    }

    /** Sweeps the boundary in a seeded order, moving each zone to its best region while that improves. */
    void greedy(std::size_t max_sweeps = 1000) {
        std::vector<ZoneId> order;
        for (std::size_t sweep = 0; sweep < max_sweeps; ++sweep) {
            order = m_state.boundary();
            std::sort(order.begin(), order.end());
            m_rng.shuffle(order);
            bool moved = false;
            for (const ZoneId z : order) {
                if (!m_state.is_boundary(z)) continue;
                Move best{Score{0.0, 0.0}, z, -1};
                for_each_move(z, [&](RegionId to, Score d) {
                    if (lower(d, best.delta)) best = Move{d, z, to};
                });
                if (best.to >= 0 && m_state.donor_stays_connected(z)) {
                    m_state.move(z, best.to);
                    moved = true;
                }
            }
            if (!moved) break;
        }
    }

    void tabu(const TabuLimits& limits);
    void anneal();
    bool carry_piece();
    bool exchange_pass();

private:
    /** The best admissible move (not tabu, or tabu but reaching a new best), or to = -1. */
    Move best_tabu_move(Score now, Score best, std::size_t iteration);

    const Problem& m_problem;
    RegionState& m_state;
    bool m_repair;
    SeededRandom m_rng;
    std::vector<RegionId> m_targets;
    std::vector<Move> m_moves;
    std::vector<RegionId> m_tabu_region;
    std::vector<std::size_t> m_tabu_until;
};

Move Searcher::best_tabu_move(Score now, Score best, std::size_t iteration) {
    m_moves.clear();
    for (const ZoneId z : m_state.boundary()) {
        const std::size_t zi = static_cast<std::size_t>(z);
        for_each_move(z, [&](RegionId to, Score d) {
            const bool forbidden = m_tabu_region[zi] == to && m_tabu_until[zi] > iteration;
            if (!forbidden || lower(now + d, best)) m_moves.push_back(Move{d, z, to});
        });
    }
    // A heap, popped until a move keeps its donor connected: usually the first one does.
    const auto greater = [](const Move& x, const Move& y) { return move_less(y, x); };
    std::make_heap(m_moves.begin(), m_moves.end(), greater);
    ZoneId refused = -1;
    while (!m_moves.empty()) {
        std::pop_heap(m_moves.begin(), m_moves.end(), greater);
        const Move m = m_moves.back();
        m_moves.pop_back();
        if (m.zone == refused) continue;  // connectivity depends on the zone only
        if (m_state.donor_stays_connected(m.zone)) return m;
        refused = m.zone;
    }
    return Move{Score{}, 0, -1};
}

void Searcher::tabu(const TabuLimits& limits) {
    const std::size_t n = m_state.zone_count();
    m_tabu_region.assign(n, -1);
    m_tabu_until.assign(n, 0);
    Score now = current();
    Score best = now;
    std::vector<RegionId> best_labels = m_state.labels();
    std::size_t stall = 0;
    for (std::size_t iteration = 1; iteration <= limits.iterations && stall < limits.stall; ++iteration) {
        if (m_repair && best.violation <= k_violation_eps) break;
        const Move m = best_tabu_move(now, best, iteration);
        if (m.to < 0) break;
        const RegionId from = m_state.region(m.zone);
        m_state.move(m.zone, m.to);
        m_tabu_region[static_cast<std::size_t>(m.zone)] = from;
        m_tabu_until[static_cast<std::size_t>(m.zone)] = iteration + limits.tenure;
        now = current();
        if (lower(now, best)) {
            best = now;
            best_labels = m_state.labels();
            stall = 0;
        } else {
            ++stall;
        }
    }
    if (lower(best, now)) {
        m_state = RegionState(m_problem, best_labels, m_state.region_count());
    }
}

/**
 * Simulated annealing with a geometric cooling schedule. With bounds, the walk may cross
 * infeasible partitions (single moves under hard bounds often cannot reach a better basin):
 * the energy is WSS + penalty x violation, the penalty growing each level so the walk ends
 * feasible, and only feasible partitions can become the best kept.
 */
void Searcher::anneal() {
    const bool hard = m_repair;
    m_repair = !m_problem.bounds.empty();  // soft bounds: for_each_move offers every move
    // Start hot enough to accept a typical worsening move about half the time; the first penalty
    // makes a typical violation cost as much as a typical move.
    double typical = 0.0;
    double typical_violation = 0.0;
    std::size_t samples = 0;
    std::size_t violating = 0;
    for (std::size_t i = 0; i < 200 && !m_state.boundary().empty(); ++i) {
        const ZoneId z = m_state.boundary()[m_rng.below(m_state.boundary().size())];
        for_each_move(z, [&](RegionId, Score d) {
            typical += std::abs(d.wss);
            ++samples;
            if (d.violation > 0.0) {
                typical_violation += d.violation;
                ++violating;
            }
        });
    }
    if (samples == 0) {
        m_repair = hard;
        return;
    }
    typical /= static_cast<double>(samples);
    double penalty = violating > 0 ? typical / (typical_violation / static_cast<double>(violating)) : 0.0;
    constexpr double k_cooling = 0.9;
    constexpr double k_penalty_growth = 1.15;
    constexpr int k_levels = 60;  // start * 0.9^60 ~ start / 550: cold enough to finish greedily
    std::vector<RegionId> best_labels = m_state.labels();
    double best = m_state.objective();
    std::vector<Move> choices;
    double temperature = typical / std::log(2.0);
    for (int level = 0; level < k_levels; ++level, temperature *= k_cooling, penalty *= k_penalty_growth) {
        const std::size_t steps = std::max<std::size_t>(100, m_state.boundary().size());
        for (std::size_t step = 0; step < steps; ++step) {
            const ZoneId z = m_state.boundary()[m_rng.below(m_state.boundary().size())];
            choices.clear();
            for_each_move(z, [&](RegionId to, Score d) { choices.push_back(Move{d, z, to}); });
            if (choices.empty()) continue;
            const Move m = choices[m_rng.below(choices.size())];
            const double d = m.delta.wss + penalty * m.delta.violation;
            if (d > 0.0 && m_rng.uniform() >= std::exp(-d / temperature)) continue;
            if (!m_state.donor_stays_connected(z)) continue;
            m_state.move(z, m.to);
            if (m_state.objective() < best - k_wss_eps && (!m_repair || m_state.violation() <= 0.0)) {
                best = m_state.objective();
                best_labels = m_state.labels();
            }
        }
    }
    if (best < m_state.objective() - k_wss_eps || (m_repair && m_state.violation() > 0.0)) {
        m_state = RegionState(m_problem, best_labels, m_state.region_count());
    }
    m_repair = hard;
}

/**
 * Repair's last resort. When every zone on a region's edge holds the region together, no single
 * move can pass population on; this moves such a zone together with the pieces it would cut off
 * (one piece stays) to a neighbouring region, choosing the move that lowers the violation most.
 * Returns whether it moved anything.
 */
bool Searcher::carry_piece() {
    std::vector<ZoneId> order = m_state.boundary();
    std::sort(order.begin(), order.end());
    const std::size_t bounds = m_state.bounds().size();
    double best_delta = -k_violation_eps;
    std::vector<ZoneId> best_carried;
    RegionId best_to = -1;
    std::vector<double> carried_sum(bounds);
    for (const ZoneId z : order) {
        if (m_state.donor_stays_connected(z)) continue;  // single moves already covered it
        const RegionId from = m_state.region(z);
        const std::vector<std::vector<ZoneId>> pieces = m_state.pieces_without(z);
        for_each_move(z, [](RegionId, Score) {});  // fills m_targets
        const std::vector<RegionId> targets = m_targets;
        for (std::size_t keep = 0; keep < pieces.size(); ++keep) {
            std::vector<ZoneId> carried{z};
            for (std::size_t p = 0; p < pieces.size(); ++p) {
                if (p != keep) carried.insert(carried.end(), pieces[p].begin(), pieces[p].end());
            }
            if (std::any_of(carried.begin(), carried.end(),
                            [&](ZoneId c) { return is_pinned(m_problem, c); })) {
                continue;  // a pinned zone is never carried along
            }
            for (std::size_t b = 0; b < bounds; ++b) carried_sum[b] = m_state.bound_sum(b, carried);
            for (const RegionId to : targets) {
                double delta = 0.0;
                for (std::size_t b = 0; b < bounds; ++b) {
                    const double tf = m_state.bound_total(b, from);
                    const double tt = m_state.bound_total(b, to);
                    delta +=
                        m_state.region_violation(b, tf - carried_sum[b]) - m_state.region_violation(b, tf) +
                        m_state.region_violation(b, tt + carried_sum[b]) - m_state.region_violation(b, tt);
                }
                if (delta < best_delta) {
                    best_delta = delta;
                    best_carried = carried;
                    best_to = to;
                }
            }
        }
    }
    for (const ZoneId z : best_carried) m_state.move(z, best_to);
    return best_to >= 0;
}

/**
 * Pair exchanges, for the shape term: zone z leaves region A for B while a zone y of B, within two
 * steps of z and touching A, enters A. Under a floor a single move often cannot straighten a border
 * (A would fall short or B is at its ceiling) where the exchange can. Takes each exchange that lowers
 * the objective and keeps every bound and both regions connected. Returns whether it took any.
 */
bool Searcher::exchange_pass() {
    std::vector<ZoneId> order = m_state.boundary();
    std::sort(order.begin(), order.end());
    m_rng.shuffle(order);
    const graph::ContiguityGraph& g = m_state.graph();
    bool exchanged = false;
    std::vector<RegionId> targets;
    std::vector<Move> entering;
    const auto touches = [&](ZoneId y, RegionId r) {
        for (const ZoneId* it = g.begin(y); it != g.end(y); ++it) {
            if (m_state.region(*it) == r) return true;
        }
        return false;
    };
    for (const ZoneId z : order) {
        if (!m_state.is_boundary(z)) continue;
        for_each_move(z, [](RegionId, Score) {});  // fills m_targets (none for a pinned zone)
        targets = m_targets;
        const RegionId a = m_state.region(z);
        if (targets.empty() || !m_state.donor_stays_connected(z)) continue;
        for (const RegionId b : targets) {
            const double leaving = m_state.objective_delta(z, b);
            m_state.move(z, b);
            entering.clear();
            const auto consider = [&](ZoneId y) {
                if (y == z || m_state.region(y) != b || is_pinned(m_problem, y) || !touches(y, a) ||
                    !m_state.bounds_hold_after(y, a)) {
                    return;
                }
                const double delta = leaving + m_state.objective_delta(y, a);
                if (delta < -k_wss_eps) entering.push_back(Move{Score{0.0, delta}, y, a});
            };
            for (const ZoneId* it = g.begin(z); it != g.end(z); ++it) {
                consider(*it);
                for (const ZoneId* jt = g.begin(*it); jt != g.end(*it); ++jt) consider(*jt);
            }
            std::sort(entering.begin(), entering.end(), move_less);
            bool taken = false;
            for (std::size_t i = 0; i < entering.size() && !taken; ++i) {
                if (i > 0 && entering[i].zone == entering[i - 1].zone) continue;
                if (m_state.donor_stays_connected(entering[i].zone)) {
                    m_state.move(entering[i].zone, a);
                    taken = true;
                }
            }
            if (taken) {
                exchanged = true;
                break;
            }
            m_state.move(z, a);  // no exchange: z goes back
        }
    }
    return exchanged;
}

/** Tabu limits scaled to the problem: a full search on small problems, a bounded one on large. */
TabuLimits tabu_limits(std::size_t zones, bool bounded) {
    TabuLimits limits;
    limits.tenure =
        std::clamp<std::size_t>(static_cast<std::size_t>(std::sqrt(static_cast<double>(zones))), 5, 40);
    limits.stall = bounded ? 300 : std::max<std::size_t>(100, 2 * zones);
    limits.iterations = bounded ? 3000 : std::max<std::size_t>(1000, 20 * zones);
    return limits;
}

void write_back(const Problem& problem, const RegionState& state, Regionalization& result) {
    result.region_of = state.labels();
    relabel_by_lowest_zone(result);
    result.within_ss = within_sum_of_squares(*problem.attributes, result.region_of, result.region_count);
    result.shape_cost = state.shape_cost();
    result.disruption_cost = state.disruption_cost();
}

}  // namespace

void relabel_by_lowest_zone(Regionalization& result) {
    std::vector<RegionId> map(static_cast<std::size_t>(result.region_count), -1);
    RegionId next = 0;
    for (RegionId& r : result.region_of) {
        RegionId& to = map[static_cast<std::size_t>(r)];
        if (to < 0) to = next++;
        r = to;
    }
}

bool repair(const Problem& problem, Regionalization& result, std::uint64_t seed) {
    RegionState state(problem, result.region_of, result.region_count);
    if (state.violation() <= 0.0) return true;
    Searcher searcher(problem, state, true, seed);
    // Reaching feasibility may need many sideways and uphill moves (a chain of regions passing
    // population along), so repair gets a longer tabu run than the polish, and moves carrying
    // whole pieces when single moves are stuck.
    TabuLimits limits = tabu_limits(state.zone_count(), state.zone_count() > k_small_problem);
    limits.stall *= 5;
    limits.iterations *= 5;
    constexpr int k_rounds = 100;
    for (int round = 0; round < k_rounds; ++round) {
        searcher.greedy();
        if (state.violation() <= 0.0) break;
        searcher.tabu(limits);
        if (state.violation() <= 0.0 || !searcher.carry_piece()) break;
    }
    write_back(problem, state, result);
    return state.violation() <= 0.0;
}

void improve(const Problem& problem, Regionalization& result, LocalSearch kind, std::uint64_t seed) {
    if (kind == LocalSearch::None) {
        // Not searched, but ranked against searched starts on the same objective.
        if (problem.shapes != nullptr && problem.shape_weight > 0.0) {
            result.shape_cost = RegionState(problem, result.region_of, result.region_count).shape_cost();
        }
        if (!problem.kept.empty()) {
            result.disruption_cost =
                RegionState(problem, result.region_of, result.region_count).disruption_cost();
        }
        return;
    }
    repair(problem, result, seed);
    RegionState state(problem, result.region_of, result.region_count);
    if (state.violation() > 0.0) return;  // still infeasible: the caller reports it
    Searcher searcher(problem, state, false, seed);
    const std::size_t n = state.zone_count();
    switch (kind) {
        case LocalSearch::Greedy:
            searcher.greedy();
            break;
        case LocalSearch::Tabu:
            searcher.greedy();
            searcher.tabu(tabu_limits(n, n > k_small_problem));
            break;
        case LocalSearch::Annealing:
            searcher.anneal();
            searcher.greedy();
            break;
        case LocalSearch::Auto:
        case LocalSearch::None:
            // Measured on the benchmark sets: annealing finds far better basins than tabu alone
            // for the same time; a tabu phase then polishes small problems.
            searcher.anneal();
            searcher.greedy();
            if (n <= k_small_problem) searcher.tabu(tabu_limits(n, false));
            break;
    }
    if (problem.shapes != nullptr && problem.shape_weight > 0.0 && n <= k_exchange_zone_limit) {
        // Single moves stall short of round shapes under a floor; exchanges of two zones go on.
        constexpr int k_exchange_rounds = 20;
        for (int round = 0; round < k_exchange_rounds && searcher.exchange_pass(); ++round) searcher.greedy();
    }
    write_back(problem, state, result);
}

}  // namespace locality::regionalize::detail
