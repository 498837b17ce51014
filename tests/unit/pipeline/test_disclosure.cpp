// SPDX-License-Identifier: MIT
// Disclosure control: every withheld count must stay unknown to a reader who holds every published
// count and total. The reader is simulated by an exact solver written here (integer elimination and
// rank comparison), independent of the library's.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <numeric>
#include <random>
#include <vector>

#include "../../../src/pipeline/disclosure.hpp"

using locality::pipeline::AdditiveTable;
using locality::pipeline::suppress;

namespace {

using Matrix = std::vector<std::vector<std::int64_t>>;

// Rank by fraction-free elimination on integers (each row divided by its gcd keeps entries small).
std::size_t rank_of(Matrix m) {
    std::size_t rank = 0;
    const std::size_t columns = m.empty() ? 0 : m.front().size();
    for (std::size_t c = 0; c < columns && rank < m.size(); ++c) {
        std::size_t pivot = rank;
        while (pivot < m.size() && m[pivot][c] == 0) {
            ++pivot;
        }
        if (pivot == m.size()) {
            continue;
        }
        std::swap(m[rank], m[pivot]);
        for (std::size_t r = 0; r < m.size(); ++r) {
            if (r == rank || m[r][c] == 0) {
                continue;
            }
            const std::int64_t a = m[rank][c];
            const std::int64_t b = m[r][c];
            std::int64_t g = 0;
            for (std::size_t k = 0; k < columns; ++k) {
                m[r][k] = m[r][k] * a - m[rank][k] * b;
                g = std::gcd(g, std::llabs(m[r][k]));
            }
            if (g > 1) {
                for (std::int64_t& v : m[r]) {
                    v /= g;
                }
            }
        }
        ++rank;
    }
    return rank;
}

// The withheld values a reader can recompute: x_i is determined by the sums when adding the
// equation "x_i = t" does not raise the rank of the system in the withheld unknowns.
std::vector<std::size_t> reader_recovers(const AdditiveTable& table, const std::vector<bool>& withheld) {
    std::vector<std::size_t> unknowns;
    std::vector<long> column(table.values.size(), -1);
    for (std::size_t i = 0; i < withheld.size(); ++i) {
        if (withheld[i]) {
            column[i] = static_cast<long>(unknowns.size());
            unknowns.push_back(i);
        }
    }
    Matrix system;
    for (const AdditiveTable::Sum& sum : table.sums) {
        std::vector<std::int64_t> row(unknowns.size(), 0);
        if (column[sum.total] >= 0) {
            row[static_cast<std::size_t>(column[sum.total])] -= 1;
        }
        for (const std::size_t part : sum.parts) {
            if (column[part] >= 0) {
                row[static_cast<std::size_t>(column[part])] += 1;
            }
        }
        system.push_back(row);
    }
    const std::size_t base = rank_of(system);
    std::vector<std::size_t> out;
    for (std::size_t u = 0; u < unknowns.size(); ++u) {
        Matrix with = system;
        with.emplace_back(unknowns.size(), 0);
        with.back()[u] = 1;
        if (rank_of(with) == base) {
            out.push_back(unknowns[u]);
        }
    }
    return out;
}

/** A rows x columns table with row totals, and column and grand totals locked (published anyway). */
AdditiveTable two_way(const Matrix& cells) {
    AdditiveTable table;
    const std::size_t columns = cells.front().size();
    std::vector<AdditiveTable::Sum> column_sums(columns);
    AdditiveTable::Sum grand;
    std::int64_t all = 0;
    std::vector<std::int64_t> column_totals(columns, 0);
    for (const auto& row : cells) {
        AdditiveTable::Sum sum;
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
        column_sums[c].total = table.add(column_totals[c], true);
        table.sums.push_back(column_sums[c]);
    }
    grand.total = table.add(all, true);
    table.sums.push_back(grand);
    return table;
}

void check_protected(const AdditiveTable& table, const std::vector<bool>& withheld, std::int64_t threshold) {
    for (std::size_t i = 0; i < table.values.size(); ++i) {
        INFO("value " << i << " = " << table.values[i]);
        if (table.values[i] > 0 && table.values[i] < threshold && !table.locked[i]) {
            CHECK(withheld[i]);
        }
        if (table.locked[i]) {
            CHECK_FALSE(withheld[i]);
        }
    }
    CHECK(reader_recovers(table, withheld).empty());
}

}  // namespace

TEST_CASE("A single small count is withheld with the smallest other count of its row", "[pipeline][disclosure]") {
    AdditiveTable table;
    AdditiveTable::Sum row;
    for (const std::int64_t v : {2, 9, 7}) {
        row.parts.push_back(table.add(v));
    }
    row.total = table.add(18);
    table.sums.push_back(row);
    const std::vector<bool> withheld = suppress(table, 5);
    // 2 is below 5; alone, 18 - 9 - 7 gives it back, so 7 (smaller than 9 and 18) goes too.
    CHECK(withheld == std::vector<bool>{true, false, true, false});
    CHECK(reader_recovers(table, withheld).empty());
}

TEST_CASE("Zeros are published and a threshold of zero withholds nothing", "[pipeline][disclosure]") {
    AdditiveTable table;
    AdditiveTable::Sum row;
    for (const std::int64_t v : {0, 9, 7}) {
        row.parts.push_back(table.add(v));
    }
    row.total = table.add(16);
    table.sums.push_back(row);
    CHECK(suppress(table, 5) == std::vector<bool>(4, false));
    const AdditiveTable small = two_way({{1, 2}, {3, 4}});
    CHECK(suppress(small, 0) == std::vector<bool>(small.values.size(), false));
}

TEST_CASE("A withheld count cannot be recomputed from row and column totals", "[pipeline][disclosure]") {
    // Hand-checked: 3 (row 1) is withheld; row 1's total gives it back unless another count of row 1
    // goes, and then column totals give that one back unless more go.
    const AdditiveTable table = two_way({{10, 3, 12}, {8, 9, 7}});
    const std::vector<bool> withheld = suppress(table, 5);
    check_protected(table, withheld, 5);
    CHECK(std::count(withheld.begin(), withheld.end(), true) >= 4);  // at least a 2 x 2 block
}

TEST_CASE("Random tables: no withheld count can be recovered from the published ones", "[pipeline][disclosure]") {
    std::mt19937 random(20261128);
    std::geometric_distribution<int> small_counts(0.2);
    std::uniform_int_distribution<std::size_t> size(1, 6);
    for (int trial = 0; trial < 300; ++trial) {
        // Two localities at least: with one, its counts are the run's own totals per agency, which
        // summary.json publishes (docs/decisions/0008).
        const std::size_t rows = 1 + size(random);
        const std::size_t columns = size(random);
        Matrix cells(rows, std::vector<std::int64_t>(columns));
        for (auto& row : cells) {
            for (std::int64_t& v : row) {
                v = small_counts(random);
            }
        }
        INFO("trial " << trial << ": " << rows << " x " << columns);
        const AdditiveTable table = two_way(cells);
        check_protected(table, suppress(table, 5), 5);
    }
}
