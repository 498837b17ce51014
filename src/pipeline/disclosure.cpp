// SPDX-License-Identifier: MIT
#include "disclosure.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace locality::pipeline {

namespace {

constexpr double k_epsilon = 1e-9;

// Gauss-Jordan elimination in place; returns, per row, the pivot column (or npos for zero rows).
std::vector<std::size_t> reduce(std::vector<std::vector<double>>& m, std::size_t columns) {
    constexpr std::size_t k_none = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> pivots(m.size(), k_none);
    std::size_t row = 0;
    for (std::size_t c = 0; c < columns && row < m.size(); ++c) {
        std::size_t best = row;
        for (std::size_t r = row + 1; r < m.size(); ++r) {
            if (std::fabs(m[r][c]) > std::fabs(m[best][c])) {
                best = r;
            }
        }
        if (std::fabs(m[best][c]) < k_epsilon) {
            continue;
        }
        std::swap(m[row], m[best]);
        const double pivot = m[row][c];
        for (double& v : m[row]) {
            v /= pivot;
        }
        for (std::size_t r = 0; r < m.size(); ++r) {
            if (r != row && std::fabs(m[r][c]) > k_epsilon) {
                const double factor = m[r][c];
                for (std::size_t k = c; k < columns; ++k) {
                    m[r][k] -= factor * m[row][k];
                }
            }
        }
        pivots[row] = c;
        ++row;
    }
    return pivots;
}

// Whether `i` is a better secondary partner than `best` (n = none yet): the smallest published value,
// non-zero first, since a reader knows zeros are never withheld for being small.
bool better_partner(const AdditiveTable& table, const std::vector<bool>& withheld, std::size_t i, std::size_t best) {
    if (withheld[i] || table.locked[i]) {
        return false;
    }
    if (best == table.values.size()) {
        return true;
    }
    return std::make_tuple(table.values[i] == 0, table.values[i], i) <
           std::make_tuple(table.values[best] == 0, table.values[best], best);
}

}  // namespace

std::size_t AdditiveTable::add(std::int64_t value, bool is_locked) {
    values.push_back(value);
    locked.push_back(is_locked);
    return values.size() - 1;
}

std::vector<std::size_t> recoverable(const AdditiveTable& table, const std::vector<bool>& withheld) {
    // Unknowns: the withheld values; published values only move to the right-hand side, which
    // does not matter for whether an unknown is determined.
    std::vector<std::size_t> column_of(table.values.size(), 0);
    std::vector<std::size_t> unknowns;
    for (std::size_t i = 0; i < table.values.size(); ++i) {
        if (withheld[i]) {
            column_of[i] = unknowns.size();
            unknowns.push_back(i);
        }
    }
    std::vector<std::vector<double>> m;
    for (const AdditiveTable::Sum& sum : table.sums) {
        std::vector<double> row(unknowns.size(), 0.0);
        bool any = false;
        if (withheld[sum.total]) {
            row[column_of[sum.total]] -= 1.0;
            any = true;
        }
        for (const std::size_t part : sum.parts) {
            if (withheld[part]) {
                row[column_of[part]] += 1.0;
                any = true;
            }
        }
        if (any) {
            m.push_back(std::move(row));
        }
    }
    const std::vector<std::size_t> pivots = reduce(m, unknowns.size());
    std::vector<std::size_t> out;
    for (std::size_t r = 0; r < m.size(); ++r) {
        if (pivots[r] == std::numeric_limits<std::size_t>::max()) {
            continue;
        }
        std::size_t nonzero = 0;
        for (const double v : m[r]) {
            nonzero += std::fabs(v) > k_epsilon ? 1 : 0;
        }
        if (nonzero == 1) {
            out.push_back(unknowns[pivots[r]]);
        }
    }
    return out;
}

std::vector<bool> suppress(const AdditiveTable& table, std::int64_t threshold, const std::vector<bool>& already) {
    const std::size_t n = table.values.size();
    std::vector<bool> withheld(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        withheld[i] = !table.locked[i] && ((table.values[i] > 0 && table.values[i] < threshold) ||
                                           (i < already.size() && already[i]));
    }
    // The sums each value takes part in.
    std::vector<std::vector<std::size_t>> sums_of(n);
    for (std::size_t s = 0; s < table.sums.size(); ++s) {
        sums_of[table.sums[s].total].push_back(s);
        for (const std::size_t part : table.sums[s].parts) {
            sums_of[part].push_back(s);
        }
    }
    // Each round withholds at least one more value, so this ends.
    for (;;) {
        const std::vector<std::size_t> exposed = recoverable(table, withheld);
        bool changed = false;
        for (const std::size_t x : exposed) {
            std::size_t best = n;
            for (const std::size_t s : sums_of[x]) {
                std::vector<std::size_t> members = table.sums[s].parts;
                members.push_back(table.sums[s].total);
                for (const std::size_t i : members) {
                    if (better_partner(table, withheld, i, best)) {
                        best = i;
                    }
                }
            }
            if (best != n) {
                withheld[best] = true;
                changed = true;
            }
        }
        if (!changed && !exposed.empty()) {
            // No published partner shares a sum with an exposed value: widen to every sum that holds
            // a withheld value.
            std::size_t best = n;
            for (const AdditiveTable::Sum& sum : table.sums) {
                std::vector<std::size_t> members = sum.parts;
                members.push_back(sum.total);
                const bool touched =
                    std::any_of(members.begin(), members.end(), [&](std::size_t i) { return withheld[i]; });
                for (const std::size_t i : members) {
                    if (touched && better_partner(table, withheld, i, best)) {
                        best = i;
                    }
                }
            }
            if (best != n) {
                withheld[best] = true;
                changed = true;
            }
        }
        if (!changed) {
            return withheld;
        }
    }
}

}  // namespace locality::pipeline
