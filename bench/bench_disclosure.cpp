// SPDX-License-Identifier: MIT
// Disclosure control on its own: disclosure::suppress on random rows x agencies tables with row totals
// and published column totals (the shape of the locality table, and of `locality overlay`'s area
// table). Prints, per size: primary (1..4) and all withheld counts, and the time.
// Usage: locality_bench_disclosure [ROWSxCOLUMNS ...]   (default: the sizes of docs/performance.md)
#include <fmt/core.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "locality/disclosure/suppression.hpp"

namespace {

using locality::disclosure::AdditiveTable;

// Counts drawn geometric with mean 11.5 (about a third below 5), seed 42.
AdditiveTable random_table(std::size_t rows, std::size_t columns) {
    std::mt19937 random(42);
    std::geometric_distribution<int> counts(1.0 / 12.5);
    AdditiveTable table;
    std::vector<AdditiveTable::Sum> column_sums(columns);
    std::vector<std::int64_t> column_totals(columns, 0);
    for (std::size_t r = 0; r < rows; ++r) {
        AdditiveTable::Sum row;
        std::int64_t total = 0;
        for (std::size_t c = 0; c < columns; ++c) {
            const int v = counts(random);
            const std::size_t i = table.add(v);
            row.parts.push_back(i);
            column_sums[c].parts.push_back(i);
            total += v;
            column_totals[c] += v;
        }
        row.total = table.add(total);
        table.sums.push_back(row);
    }
    for (std::size_t c = 0; c < columns; ++c) {
        column_sums[c].total = table.add(column_totals[c], true);
        table.sums.push_back(column_sums[c]);
    }
    return table;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::pair<std::size_t, std::size_t>> sizes{
        {41, 17}, {364, 17}, {2166, 17}, {40000, 6}, {200000, 6}};
    if (argc > 1) {
        sizes.clear();
        for (int i = 1; i < argc; ++i) {
            std::size_t rows = 0;
            std::size_t columns = 0;
            if (std::sscanf(argv[i], "%zux%zu", &rows, &columns) != 2 || rows == 0 || columns == 0) {
                std::fprintf(stderr, "locality_bench_disclosure: '%s' is not ROWSxCOLUMNS, e.g. 2166x17\n",
                             argv[i]);
                return 2;
            }
            sizes.emplace_back(rows, columns);
        }
    }
    fmt::print("| table | values | below 5 | withheld | seconds |\n|---|---:|---:|---:|---:|\n");
    for (const auto& [rows, columns] : sizes) {
        const AdditiveTable table = random_table(rows, columns);
        std::size_t small = 0;
        for (std::size_t i = 0; i < table.values.size(); ++i) {
            small += !table.locked[i] && table.values[i] > 0 && table.values[i] < 5 ? 1 : 0;
        }
        const auto start = std::chrono::steady_clock::now();
        const std::vector<bool> withheld = locality::disclosure::suppress(table, 5);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::size_t count = 0;
        for (const bool w : withheld) {
            count += w ? 1 : 0;
        }
        fmt::print("| {} x {} | {} | {} | {} | {:.3f} |\n", rows, columns, table.values.size(), small, count,
                   seconds);
    }
    return 0;
}
