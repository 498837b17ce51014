// SPDX-License-Identifier: MIT
#include "locality/disclosure/count_table.hpp"

#include <algorithm>

namespace locality::disclosure {

namespace {
constexpr std::size_t k_no_cell = static_cast<std::size_t>(-1);
}  // namespace

void CountTable::add_row(const std::vector<std::int64_t>& counts, std::int64_t total) {
    AdditiveTable::Sum row;
    cells_.emplace_back();
    for (std::size_t a = 0; a < counts.size(); ++a) {
        cells_.back().push_back(table_.add(counts[a]));
        row.parts.push_back(cells_.back()[a]);
        columns_[a].parts.push_back(cells_.back()[a]);
    }
    row.total = table_.add(total);
    totals_.push_back(row.total);
    grand_.parts.push_back(row.total);
    table_.sums.push_back(row);
}

void CountTable::close(const std::vector<std::int64_t>& column_totals, const std::vector<bool>& column_known,
                       std::int64_t grand_total, bool grand_known) {
    for (std::size_t a = 0; a < columns_.size(); ++a) {
        columns_[a].total = table_.add(column_totals[a], column_known[a]);
        table_.sums.push_back(columns_[a]);
    }
    grand_.total = table_.add(grand_total, grand_known);
    table_.sums.push_back(grand_);
}

std::size_t CountTable::suppress_into(Withheld& out, std::int64_t threshold, bool one_category_check,
                                      const Withheld* also) const {
    std::vector<bool> already(table_.values.size(), false);
    for (std::size_t i = 0; i < already.size(); ++i) {
        already[i] = i >= row_values() && !table_.locked[i];
    }
    for (std::size_t r = 0; also != nullptr && r < cells_.size(); ++r) {
        for (std::size_t c = 0; c < cells_[r].size(); ++c) {
            already[cells_[r][c]] = already[cells_[r][c]] || also->cells[r][c];
        }
        already[totals_[r]] = already[totals_[r]] || also->totals[r];
    }
    if (one_category_check) {
        add_second_categories(already, threshold);
    }
    out.ranges_audited = table_.values.size() <= k_range_audit_values;
    const std::vector<bool> withheld = suppress(table_, threshold, already, out.ranges_audited);
    for (std::size_t r = 0; r < cells_.size(); ++r) {
        out.cells.emplace_back();
        for (const std::size_t cell : cells_[r]) {
            out.cells.back().push_back(withheld[cell]);
        }
        out.totals.push_back(withheld[totals_[r]]);
    }
    const auto rows_end = withheld.begin() + static_cast<long>(row_values());
    return static_cast<std::size_t>(std::count(withheld.begin(), rows_end, true));
}

void CountTable::add_second_categories(std::vector<bool>& already, std::int64_t threshold) const {
    if (threshold <= 1) {
        return;
    }
    auto small = [&](std::size_t v) { return table_.values[v] > 0 && table_.values[v] < threshold; };
    for (std::size_t r = 0; r < cells_.size(); ++r) {
        if (!small(totals_[r]) && !already[totals_[r]]) {
            continue;
        }
        std::size_t withheld_cells = 0;
        std::size_t nonzero_published = 0;
        for (const std::size_t cell : cells_[r]) {
            withheld_cells += small(cell) || already[cell] ? 1 : 0;
            nonzero_published += !small(cell) && !already[cell] && table_.values[cell] != 0 ? 1 : 0;
        }
        if (withheld_cells != 1 || nonzero_published != 0) {
            continue;
        }
        // Every case of the row is in the one withheld category: withhold a zero beside it, the one
        // whose category has the most cases in all (the likeliest to hold some), first on ties.
        std::size_t best = k_no_cell;
        for (std::size_t c = 0; c < cells_[r].size(); ++c) {
            const std::size_t cell = cells_[r][c];
            if (table_.values[cell] == 0 && !already[cell] &&
                (best == k_no_cell ||
                 table_.values[columns_[c].total] > table_.values[columns_[best].total])) {
                best = c;
            }
        }
        if (best != k_no_cell) {
            already[cells_[r][best]] = true;
        }
    }
}

}  // namespace locality::disclosure
