// SPDX-License-Identifier: MIT
// A published table of rows x categories with row totals, column totals and a grand total, protected
// by disclosure control (docs/decisions/0008). Standard library only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "locality/disclosure/suppression.hpp"

namespace locality::disclosure {

/** Which counts of a table of rows x categories (agencies) are withheld: per cell, and the row's total. */
struct Withheld {
    std::vector<std::vector<bool>> cells;  ///< [row][category]
    std::vector<bool> totals;              ///< the row's total (cases_total)
    std::size_t count = 0;                 ///< withheld values in all, the row totals included
    bool ranges_audited = true;            ///< false: too large for the range repair (k_range_audit_values)
};

/**
 * The largest table (values, cells and totals) whose withheld counts get the range repair
 * (widen_ranges()): its cost grows faster than the table (about 2 s of CPU for the demo's 2,166
 * tracts x 17 agencies, 39,005 values; 40,000 x 6 did not end in minutes). A larger table is still
 * protected against recomputation (bridges), and the run says that its ranges were not audited.
 */
inline constexpr std::size_t k_range_audit_values = 100000;

/**
 * A table of rows x categories with each row's total, the column totals and the grand total, as sums
 * of an AdditiveTable. Cells and row totals are unlocked; the column and grand totals are given
 * with whether the reader knows them.
 */
class CountTable {
public:
    explicit CountTable(std::size_t categories) : columns_(categories) {}

    /** Appends a row: its counts per category and its total. */
    void add_row(const std::vector<std::int64_t>& counts, std::int64_t total);

    /** Closes the table with its column totals and grand total; `known`: published anyway. */
    void close(const std::vector<std::int64_t>& column_totals, const std::vector<bool>& column_known,
               std::int64_t grand_total, bool grand_known);

    /**
     * Suppresses the table (suppress(), after add_second_categories() with `one_category_check`); the
     * unknown column and grand totals are withheld too (they are withheld in another table). Adds the rows'
     * flags to `out` and returns how many rows' values it withheld. `also` (one flag per row and
     * category, and per row total, or null): counts to withhold from the start (a joint audit's).
     */
    std::size_t suppress_into(Withheld& out, std::int64_t threshold, bool one_category_check = false,
                              const Withheld* also = nullptr) const;

    /**
     * "All in one category" (group attribute disclosure, decision 0025): a row whose total is
     * withheld, with one withheld cell and every published cell zero, would show that all its cases
     * are that category's; one of its zeros is withheld too (the category with the most cases in all).
     */
    void add_second_categories(std::vector<bool>& already, std::int64_t threshold) const;

private:
    std::size_t row_values() const { return cells_.size() * (columns_.size() + 1); }

    AdditiveTable table_;
    std::vector<AdditiveTable::Sum> columns_;
    AdditiveTable::Sum grand_;
    std::vector<std::vector<std::size_t>> cells_;
    std::vector<std::size_t> totals_;
};

}  // namespace locality::disclosure
