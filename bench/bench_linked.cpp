// SPDX-License-Identifier: MIT
// The joint disclosure audit on its own (disclosure::protect_linked, decision 0040): the true area
// counts of a run (`locality overlay --suppress-below 0`'s area_counts.csv) and the assignments of the
// scenarios of a sweep (assignment_*.csv), protected together as a sweep protects them, without the
// shares' windows (they need the geometries). Prints the withheld counts and the CPU time.
// Usage: locality_bench_linked THRESHOLD AREA_COUNTS_CSV ASSIGNMENT_CSV...
#include <fmt/core.h>

#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "locality/disclosure/linked_tables.hpp"

namespace {

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        // The files read here have no quoted fields (ids, numbers).
        std::vector<std::string> fields;
        std::stringstream split(line);
        std::string field;
        while (std::getline(split, field, ',')) {
            fields.push_back(field);
        }
        if (fields.size() >= 2) {
            rows.push_back(std::move(fields));
        }
    }
    return rows;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) {
            return i;
        }
    }
    throw std::runtime_error("no column " + name);
}

double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        fmt::print(stderr, "usage: locality_bench_linked THRESHOLD AREA_COUNTS_CSV [ASSIGNMENT_CSV...]\n");
        return 2;
    }
    try {
        const std::int64_t threshold = std::stoll(argv[1]);
        const auto counts = read_csv(argv[2]);
        std::vector<std::size_t> agencies;
        for (std::size_t i = 0; i < counts.at(0).size(); ++i) {
            const std::string& name = counts[0][i];
            if (name.rfind("cases_", 0) == 0 && name != "cases_total") {
                agencies.push_back(i);
            }
        }
        locality::disclosure::LinkedTables t;
        t.category_totals.assign(agencies.size(), 0);
        std::map<std::string, std::size_t> area_of;
        const std::size_t id = column(counts[0], "area_id");
        for (std::size_t r = 1; r < counts.size(); ++r) {
            area_of[counts[r][id]] = t.counts.size();
            t.counts.emplace_back();
            std::int64_t total = 0;
            for (std::size_t a = 0; a < agencies.size(); ++a) {
                t.counts.back().push_back(std::stoll(counts[r][agencies[a]]));
                total += t.counts.back().back();
                t.category_totals[a] += t.counts.back().back();
            }
            t.totals.push_back(total);
        }
        for (int i = 3; i < argc; ++i) {
            const auto rows = read_csv(argv[i]);
            std::map<std::string, std::size_t> group_of;  // locality label -> 0-based group
            for (std::size_t r = 1; r < rows.size(); ++r) {
                group_of.emplace(rows[r][column(rows[0], "locality")], 0);
            }
            std::size_t next = 0;
            for (auto& entry : group_of) {
                entry.second = next++;
            }
            std::vector<std::size_t> partition(t.counts.size(), 0);
            for (std::size_t r = 1; r < rows.size(); ++r) {
                partition.at(area_of.at(rows[r][column(rows[0], "area_id")])) =
                    group_of[rows[r][column(rows[0], "locality")]];
            }
            t.partitions.push_back(std::move(partition));
            t.group_counts.push_back(next);
        }
        const double start = cpu_seconds();
        const auto withheld = locality::disclosure::protect_linked(t, threshold);
        const double seconds = cpu_seconds() - start;
        std::size_t groups = 0;
        for (const auto& g : withheld.groups) {
            groups += g.count;
        }
        fmt::print(
            "areas {} x {}, {} partitions: area counts withheld {}, locality counts withheld {} "
            "(joint audit {}), narrowed {}, jointly audited {}, {:.2f} s CPU\n",
            t.counts.size(), agencies.size(), t.partitions.size(), withheld.areas.count, groups,
            withheld.added, withheld.narrowed, withheld.jointly_audited, seconds);
        return 0;
    } catch (const std::exception& e) {
        fmt::print(stderr, "locality_bench_linked: {}\n", e.what());
        return 1;
    }
}
