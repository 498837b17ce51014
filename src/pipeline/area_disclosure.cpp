// SPDX-License-Identifier: MIT
#include "area_disclosure.hpp"

#include <algorithm>
#include <numeric>

#include "locality/disclosure/count_table.hpp"

namespace locality::pipeline {

using disclosure::CountTable;

namespace {

std::vector<std::int64_t> area_counts(const OverlayData& data, std::size_t zone) {
    std::vector<std::int64_t> out;
    for (std::size_t a = 0; a < data.agencies.size(); ++a) {
        out.push_back(data.counts.at(static_cast<ZoneId>(zone), a));
    }
    return out;
}

// Closes `table` with each agency's assigned cases as column totals (published in summary.json, so
// known to the reader) and suppresses it.
Withheld suppress_under_run_totals(const OverlayData& data, CountTable& table, std::int64_t threshold,
                                   bool one_category_check = false) {
    std::vector<std::int64_t> assigned;
    for (const AgencyTally& agency : data.agencies) {
        assigned.push_back(agency.assigned);
    }
    table.close(assigned, std::vector<bool>(assigned.size(), true),
                std::accumulate(assigned.begin(), assigned.end(), std::int64_t{0}), true);
    Withheld out;
    out.count = table.suppress_into(out, threshold, one_category_check);
    return out;
}

}  // namespace

Withheld suppress_localities(const OverlayData& data, const std::vector<LocalityFigures>& figures,
                             std::int64_t threshold) {
    CountTable table(data.agencies.size());
    for (const LocalityFigures& f : figures) {
        table.add_row(f.cases, f.cases_total);
    }
    return suppress_under_run_totals(data, table, threshold);
}

Withheld suppress_areas_by_locality(const OverlayData& data, const std::vector<RegionId>& region_of,
                                    const std::vector<LocalityFigures>& figures, const Withheld& localities,
                                    std::int64_t threshold) {
    const std::size_t zones = region_of.size();
    std::vector<std::vector<std::size_t>> members(figures.size());
    for (std::size_t z = 0; z < zones; ++z) {
        members[static_cast<std::size_t>(region_of[z])].push_back(z);
    }
    Withheld out{std::vector<std::vector<bool>>(zones), std::vector<bool>(zones, false), 0};
    for (std::size_t l = 0; l < figures.size(); ++l) {
        CountTable table(data.agencies.size());
        for (const std::size_t z : members[l]) {
            table.add_row(area_counts(data, z), data.counts.zone_total(static_cast<ZoneId>(z)));
        }
        std::vector<bool> known;
        for (const bool withheld : localities.cells[l]) {
            known.push_back(!withheld);
        }
        table.close(figures[l].cases, known, figures[l].cases_total, !localities.totals[l]);
        Withheld block;
        out.count += table.suppress_into(block, threshold);
        for (std::size_t i = 0; i < members[l].size(); ++i) {
            out.cells[members[l][i]] = std::move(block.cells[i]);
            out.totals[members[l][i]] = block.totals[i];
        }
    }
    return out;
}

Withheld suppress_study_area(const OverlayData& data, std::int64_t threshold) {
    CountTable table(data.agencies.size());
    for (std::size_t z = 0; z < data.areas.ids.size(); ++z) {
        table.add_row(area_counts(data, z), data.counts.zone_total(static_cast<ZoneId>(z)));
    }
    // Only here so far: in a proposal the extra zeros of the area tables let the locality and area
    // tables read together give counts back (decision 0025).
    return suppress_under_run_totals(data, table, threshold, true);
}

std::string withheld_fields(const std::vector<AgencyTally>& agencies, const std::vector<bool>& cells,
                            bool total) {
    std::string out = total ? "cases_total" : "";
    for (std::size_t a = 0; a < agencies.size(); ++a) {
        if (cells[a]) {
            out += (out.empty() ? "" : ",") + agencies[a].column;
        }
    }
    return out;
}

void withhold_counts(output::Table& table, const std::vector<AgencyTally>& agencies, const Withheld& withheld,
                     bool list) {
    auto column = [&](const std::string& name) {
        return static_cast<std::size_t>(std::find_if(table.fields.begin(), table.fields.end(),
                                                     [&](const output::Field& f) { return f.name == name; }) -
                                        table.fields.begin());
    };
    std::vector<std::size_t> agency_columns;
    for (const AgencyTally& agency : agencies) {
        agency_columns.push_back(column(agency.column));
    }
    const std::size_t total_column = column("cases_total");
    if (list) {
        table.fields.push_back({"suppressed", output::FieldType::string});
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        std::vector<output::Value>& row = table.rows[r];
        for (std::size_t a = 0; a < agencies.size(); ++a) {
            if (withheld.cells[r][a]) {
                row[agency_columns[a]] = output::Value();
            }
        }
        if (withheld.totals[r]) {
            row[total_column] = output::Value();
        }
        if (list) {
            row.emplace_back(withheld_fields(agencies, withheld.cells[r], withheld.totals[r]));
        }
    }
}

}  // namespace locality::pipeline
