// SPDX-License-Identifier: MIT
// Linear-programming bounds of withheld values with GLPK (the only file that includes it).
#include "locality/disclosure/lp_ranges.hpp"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <stdexcept>

namespace locality::disclosure {

namespace {

/** Slack for the solver's floating point: a bound within it of a whole number is that number. */
constexpr double k_tolerance = 1e-6;

}  // namespace

struct LpRanges::Solver {
    glp_prob* lp = nullptr;
    glp_smcp parameters{};
    std::vector<int> column_of;                  ///< per value: its GLPK column (1-based), 0 when published
    std::vector<std::vector<std::size_t>> rows;  ///< per GLPK row - 1: the values of its constraint
    std::vector<bool> locked;
    std::vector<double> seen_low;   ///< per GLPK column - 1: its least value in a solution found so far
    std::vector<double> seen_high;  ///< its greatest

    // Records the last solution's values: each is a feasible point, a witness for every column.
    void witness() {
        const int n = glp_get_num_cols(lp);
        for (int j = 1; j <= n; ++j) {
            const double x = glp_get_col_prim(lp, j);
            const auto i = static_cast<std::size_t>(j - 1);
            seen_low[i] = std::min(seen_low[i], x);
            seen_high[i] = std::max(seen_high[i], x);
        }
    }

    ~Solver() {
        if (lp != nullptr) {
            glp_delete_prob(lp);
        }
    }

    // Adds the row low <= sum terms <= high over the withheld values, the published ones moved to the
    // bounds; `members`: every value of the constraint. No row when no withheld value takes part.
    void add_row(const std::vector<std::pair<std::size_t, double>>& terms, double low, double high,
                 const std::vector<double>& values, std::vector<std::size_t> members) {
        std::vector<int> index{0};
        std::vector<double> coefficient{0.0};
        for (const auto& [v, c] : terms) {
            if (column_of[v] > 0) {
                index.push_back(column_of[v]);
                coefficient.push_back(c);
            } else {
                low -= c * values[v];
                high -= c * values[v];
            }
        }
        if (index.size() == 1) {
            return;
        }
        const int row = glp_add_rows(lp, 1);
        glp_set_row_bnds(lp, row, low == high ? GLP_FX : GLP_DB, low, high);
        glp_set_mat_row(lp, row, static_cast<int>(index.size() - 1), index.data(), coefficient.data());
        rows.push_back(std::move(members));
    }

    // Optimises value v's column one way; returns the optimum, or +-HUGE_VAL when unbounded, NAN
    // when infeasible.
    double optimise(std::size_t v, bool high) {
        const int n = glp_get_num_cols(lp);
        for (int j = 1; j <= n; ++j) {
            glp_set_obj_coef(lp, j, 0.0);
        }
        glp_set_obj_coef(lp, column_of[v], 1.0);
        glp_set_obj_dir(lp, high ? GLP_MAX : GLP_MIN);
        if (glp_simplex(lp, &parameters) != 0) {
            // A lost basis (rare): start again from a standard one.
            glp_std_basis(lp);
            if (glp_simplex(lp, &parameters) != 0) {
                throw std::runtime_error("disclosure: the linear program of the protection ranges failed");
            }
        }
        switch (glp_get_status(lp)) {
            case GLP_OPT:
                witness();
                return glp_get_obj_val(lp);
            case GLP_UNBND:
                return high ? HUGE_VAL : -HUGE_VAL;
            default:
                return NAN;
        }
    }
};

LpRanges::LpRanges(const AdditiveTable& table, const std::vector<bool>& withheld,
                   const std::vector<Range>& bounds, const std::vector<Window>& windows)
    : solver_(std::make_unique<Solver>()) {
    Solver& s = *solver_;
    glp_term_out(GLP_OFF);
    s.lp = glp_create_prob();
    glp_init_smcp(&s.parameters);
    s.parameters.msg_lev = GLP_MSG_OFF;
    s.parameters.presolve = GLP_OFF;  // keeps the basis from one question to the next
    s.locked = table.locked;
    s.column_of.assign(table.values.size(), 0);
    std::vector<double> values(table.values.size());
    for (std::size_t v = 0; v < table.values.size(); ++v) {
        values[v] = static_cast<double>(table.values[v]);
        if (!withheld[v]) {
            continue;
        }
        const int column = glp_add_cols(s.lp, 1);
        s.column_of[v] = column;
        const Range& b = bounds[v];
        if (b.high == k_unbounded) {
            glp_set_col_bnds(s.lp, column, GLP_LO, static_cast<double>(b.low), 0.0);
        } else {
            glp_set_col_bnds(s.lp, column, b.low == b.high ? GLP_FX : GLP_DB, static_cast<double>(b.low),
                             static_cast<double>(b.high));
        }
    }
    for (const AdditiveTable::Sum& sum : table.sums) {
        std::vector<std::pair<std::size_t, double>> terms{{sum.total, -1.0}};
        std::vector<std::size_t> members{sum.total};
        for (const std::size_t p : sum.parts) {
            terms.emplace_back(p, 1.0);
            members.push_back(p);
        }
        s.add_row(terms, 0.0, 0.0, values, std::move(members));
    }
    for (const Window& w : windows) {
        std::vector<std::size_t> members;
        for (const auto& term : w.terms) {
            members.push_back(term.first);
        }
        s.add_row(w.terms, w.low, w.high, values, std::move(members));
    }
    if (glp_get_num_cols(s.lp) > 0 && glp_get_num_rows(s.lp) > 0) {
        glp_adv_basis(s.lp, 0);
    }
    s.seen_low.assign(static_cast<std::size_t>(glp_get_num_cols(s.lp)), HUGE_VAL);
    s.seen_high.assign(static_cast<std::size_t>(glp_get_num_cols(s.lp)), -HUGE_VAL);
}

std::vector<bool> LpRanges::reach_lower_bounds(const std::vector<std::size_t>& values) {
    Solver& s = *solver_;
    std::vector<bool> out(values.size(), false);
    if (glp_get_num_rows(s.lp) == 0) {
        std::fill(out.begin(), out.end(), true);
        return out;
    }
    const int n = glp_get_num_cols(s.lp);
    // Least sum of values [first, last): reached together when it is the sum of their lower bounds.
    std::function<void(std::size_t, std::size_t)> settle = [&](std::size_t first, std::size_t last) {
        if (first == last) {
            return;
        }
        for (int j = 1; j <= n; ++j) {
            glp_set_obj_coef(s.lp, j, 0.0);
        }
        double bounds = 0.0;
        for (std::size_t i = first; i < last; ++i) {
            glp_set_obj_coef(s.lp, s.column_of[values[i]], 1.0);
            bounds += glp_get_col_lb(s.lp, s.column_of[values[i]]);
        }
        glp_set_obj_dir(s.lp, GLP_MIN);
        if (glp_simplex(s.lp, &s.parameters) != 0) {
            glp_std_basis(s.lp);
            glp_simplex(s.lp, &s.parameters);
        }
        if (glp_get_status(s.lp) == GLP_OPT) {
            s.witness();
            if (glp_get_obj_val(s.lp) <= bounds + k_tolerance) {
                std::fill(out.begin() + static_cast<long>(first), out.begin() + static_cast<long>(last),
                          true);
                return;
            }
        }
        if (last - first == 1) {
            return;
        }
        const std::size_t middle = first + (last - first) / 2;
        settle(first, middle);
        settle(middle, last);
    };
    settle(0, values.size());
    return out;
}

std::vector<Range> LpRanges::ranges(const std::vector<std::size_t>& values) {
    Solver& s = *solver_;
    std::vector<Range> out(values.size());
    if (glp_get_num_rows(s.lp) == 0) {
        for (std::size_t i = 0; i < values.size(); ++i) {
            out[i] = range(values[i]);
        }
        return out;
    }
    const int n = glp_get_num_cols(s.lp);
    // Each column's bounds implied by a single row and the other columns' bounds: the LP cannot
    // go beyond them, so a solution seen at one is that end of the range.
    std::vector<double> low(static_cast<std::size_t>(n) + 1);
    std::vector<double> high(static_cast<std::size_t>(n) + 1);
    for (int j = 1; j <= n; ++j) {
        low[static_cast<std::size_t>(j)] = glp_get_col_lb(s.lp, j);
        high[static_cast<std::size_t>(j)] =
            glp_get_col_type(s.lp, j) == GLP_LO ? HUGE_VAL : glp_get_col_ub(s.lp, j);
    }
    const std::vector<double> own_low = low;
    const std::vector<double> own_high = high;
    std::vector<int> index(static_cast<std::size_t>(n) + 1);
    std::vector<double> coefficient(static_cast<std::size_t>(n) + 1);
    for (int r = 1; r <= glp_get_num_rows(s.lp); ++r) {
        const int length = glp_get_mat_row(s.lp, r, index.data(), coefficient.data());
        // The least and greatest of the row's terms, the infinite ones counted apart.
        double least = 0.0;
        double greatest = 0.0;
        int least_infinite = 0;
        int greatest_infinite = 0;
        auto term = [&](int k, bool greatest_end) {
            const auto j = static_cast<std::size_t>(index[static_cast<std::size_t>(k)]);
            const double a = coefficient[static_cast<std::size_t>(k)];
            const double bound = (a > 0) == greatest_end ? own_high[j] : own_low[j];
            return a * bound;
        };
        for (int k = 1; k <= length; ++k) {
            const double lo = term(k, false);
            const double hi = term(k, true);
            if (std::isinf(lo)) {
                ++least_infinite;
            } else {
                least += lo;
            }
            if (std::isinf(hi)) {
                ++greatest_infinite;
            } else {
                greatest += hi;
            }
        }
        const double row_low = glp_get_row_lb(s.lp, r);
        const double row_high = glp_get_row_ub(s.lp, r);
        for (int k = 1; k <= length; ++k) {
            const auto j = static_cast<std::size_t>(index[static_cast<std::size_t>(k)]);
            const double a = coefficient[static_cast<std::size_t>(k)];
            const double lo = term(k, false);
            const double hi = term(k, true);
            // a x = row - the others: at most row_high - their least, at least row_low - their greatest.
            const int others_least_infinite = least_infinite - (std::isinf(lo) ? 1 : 0);
            const int others_greatest_infinite = greatest_infinite - (std::isinf(hi) ? 1 : 0);
            const double up =
                others_least_infinite > 0 ? HUGE_VAL : row_high - (least - (std::isinf(lo) ? 0.0 : lo));
            const double down =
                others_greatest_infinite > 0 ? -HUGE_VAL : row_low - (greatest - (std::isinf(hi) ? 0.0 : hi));
            if (a > 0) {
                high[j] = std::min(high[j], up / a);
                low[j] = std::max(low[j], down / a);
            } else {
                high[j] = std::min(high[j], down / a);
                low[j] = std::max(low[j], up / a);
            }
        }
    }
    // Optimises the sum of the values whose bound no solution has shown yet; an optimal vertex shows
    // most at theirs. A value no sum moves is optimised alone, which settles it.
    std::vector<double> least(values.size(), NAN);
    std::vector<double> greatest(values.size(), NAN);
    for (const bool up : {false, true}) {
        std::vector<double>& found = up ? greatest : least;
        auto settled = [&](std::size_t i) {
            const auto j = static_cast<std::size_t>(s.column_of[values[i]]);
            const double seen = up ? s.seen_high[j - 1] : s.seen_low[j - 1];
            const bool reached = up ? seen >= high[j] - k_tolerance : seen <= low[j] + k_tolerance;
            if (reached) {
                found[i] = up ? high[j] : low[j];
            }
            return reached;
        };
        std::vector<std::size_t> open;
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (s.column_of[values[i]] != 0 && !settled(i)) {
                open.push_back(i);
            }
        }
        while (!open.empty()) {
            for (int j = 1; j <= n; ++j) {
                glp_set_obj_coef(s.lp, j, 0.0);
            }
            for (const std::size_t i : open) {
                glp_set_obj_coef(s.lp, s.column_of[values[i]], 1.0);
            }
            glp_set_obj_dir(s.lp, up ? GLP_MAX : GLP_MIN);
            if (glp_simplex(s.lp, &s.parameters) != 0) {
                glp_std_basis(s.lp);
                glp_simplex(s.lp, &s.parameters);
            }
            if (glp_get_status(s.lp) == GLP_OPT) {
                s.witness();
            }
            std::vector<std::size_t> still;
            for (const std::size_t i : open) {
                if (!settled(i)) {
                    still.push_back(i);
                }
            }
            if (still.size() == open.size()) {
                found[still.front()] = s.optimise(values[still.front()], up);
                still.erase(still.begin());
            }
            open = std::move(still);
        }
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (s.column_of[values[i]] == 0) {
            continue;  // published: the default range, as range() gives
        }
        if (std::isnan(least[i]) || std::isnan(greatest[i])) {
            out[i] = {1, 0};
            continue;
        }
        out[i].low = std::isinf(least[i]) ? 0 : static_cast<std::int64_t>(std::ceil(least[i] - k_tolerance));
        out[i].high = std::isinf(greatest[i])
                          ? k_unbounded
                          : static_cast<std::int64_t>(std::floor(greatest[i] + k_tolerance));
    }
    return out;
}

bool LpRanges::reaches(std::size_t v, std::int64_t low, std::int64_t high) {
    Solver& s = *solver_;
    if (s.column_of[v] == 0) {
        return false;
    }
    if (glp_get_num_rows(s.lp) == 0) {
        const Range r = range(v);
        return r.low <= low && r.high >= high;
    }
    const auto j = static_cast<std::size_t>(s.column_of[v] - 1);
    if (s.seen_low[j] > static_cast<double>(low) + k_tolerance) {
        s.optimise(v, false);
    }
    if (s.seen_low[j] > static_cast<double>(low) + k_tolerance) {
        return false;
    }
    if (s.seen_high[j] < static_cast<double>(high) - k_tolerance) {
        s.optimise(v, true);
    }
    return s.seen_high[j] >= static_cast<double>(high) - k_tolerance;
}

LpRanges::~LpRanges() = default;

Range LpRanges::range(std::size_t v) {
    Solver& s = *solver_;
    if (s.column_of[v] == 0) {
        return {};
    }
    if (glp_get_num_rows(s.lp) == 0) {
        // No constraint: the value's own bounds.
        const int j = s.column_of[v];
        const double low = glp_get_col_lb(s.lp, j);
        const bool bounded = glp_get_col_type(s.lp, j) != GLP_LO;
        return {static_cast<std::int64_t>(low),
                bounded ? static_cast<std::int64_t>(glp_get_col_ub(s.lp, j)) : k_unbounded};
    }
    const double low = s.optimise(v, false);
    const double high = s.optimise(v, true);
    if (std::isnan(low) || std::isnan(high)) {
        return {1, 0};
    }
    Range out;
    out.low = std::isinf(low) ? 0 : static_cast<std::int64_t>(std::ceil(low - k_tolerance));
    out.high = std::isinf(high) ? k_unbounded : static_cast<std::int64_t>(std::floor(high + k_tolerance));
    return out;
}

std::vector<std::size_t> LpRanges::binding(std::size_t v, bool high) {
    Solver& s = *solver_;
    std::set<std::size_t> out;
    if (s.column_of[v] == 0 || glp_get_num_rows(s.lp) == 0 || std::isnan(s.optimise(v, high))) {
        return {};
    }
    for (std::size_t r = 0; r < s.rows.size(); ++r) {
        if (std::abs(glp_get_row_dual(s.lp, static_cast<int>(r + 1))) <= k_tolerance) {
            continue;
        }
        for (const std::size_t member : s.rows[r]) {
            if (s.column_of[member] == 0 && !s.locked[member]) {
                out.insert(member);
            }
        }
    }
    return {out.begin(), out.end()};
}

}  // namespace locality::disclosure
