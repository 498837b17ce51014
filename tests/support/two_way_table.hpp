// SPDX-License-Identifier: MIT
// Test support: two-way count tables as disclosure::AdditiveTable, for the disclosure tests.
#pragma once

#include <cstdint>
#include <vector>

#include "locality/disclosure/suppression.hpp"

namespace locality::test {

/**
 * rows x columns `cells` with each row's total, each column's total and the grand total as sums;
 * `margins_locked`: the column and grand totals are published whatever happens (known to a reader).
 */
inline disclosure::AdditiveTable two_way_table(const std::vector<std::vector<std::int64_t>>& cells,
                                               bool margins_locked) {
    disclosure::AdditiveTable table;
    const std::size_t columns = cells.front().size();
    std::vector<disclosure::AdditiveTable::Sum> column_sums(columns);
    disclosure::AdditiveTable::Sum grand;
    std::vector<std::int64_t> column_totals(columns, 0);
    std::int64_t all = 0;
    for (const auto& row : cells) {
        disclosure::AdditiveTable::Sum sum;
        std::int64_t total = 0;
        for (std::size_t c = 0; c < columns; ++c) {
            const std::size_t i = table.add(row[c]);
            sum.parts.push_back(i);
            column_sums[c].parts.push_back(i);
            total += row[c];
            column_totals[c] += row[c];
        }
        sum.total = table.add(total);
        grand.parts.push_back(sum.total);
        all += total;
        table.sums.push_back(sum);
    }
    for (std::size_t c = 0; c < columns; ++c) {
        column_sums[c].total = table.add(column_totals[c], margins_locked);
        table.sums.push_back(column_sums[c]);
    }
    grand.total = table.add(all, margins_locked);
    table.sums.push_back(grand);
    return table;
}

}  // namespace locality::test
