// SPDX-License-Identifier: MIT
#include "locality/disclosure/count_table.hpp"

#include <algorithm>

namespace locality::disclosure {

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

std::size_t CountTable::suppress_into(Withheld& out, std::int64_t threshold) const {
    std::vector<bool> already(table_.values.size(), false);
    for (std::size_t i = 0; i < already.size(); ++i) {
        already[i] = i >= row_values() && !table_.locked[i];
    }
    const std::vector<bool> withheld = suppress(table_, threshold, already);
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

}  // namespace locality::disclosure
