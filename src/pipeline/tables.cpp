// SPDX-License-Identifier: MIT
#include "tables.hpp"

#include <algorithm>

namespace locality::pipeline {

using output::Field;
using output::FieldType;
using output::Table;
using output::Value;

namespace {

Value population_value(const OverlayData& data, std::size_t zone) {
    return data.has_population() ? Value(data.areas.values[zone]) : Value();
}

/**
 * With --area-name, an `area_name` column at the end of a table with one row per area (at the end, so
 * scripts that read the columns by position keep working).
 */
void add_area_names(const OverlayData& data, Table& table) {
    if (data.areas.names.empty()) {
        return;
    }
    table.fields.push_back({"area_name", FieldType::string});
    for (std::size_t z = 0; z < table.rows.size(); ++z) {
        table.rows[z].emplace_back(data.areas.names[z]);
    }
}

}  // namespace

Table area_counts_table(const OverlayData& data) {
    Table table;
    table.fields.push_back({"area_id", FieldType::string});
    table.fields.push_back({"population", FieldType::real});
    for (const AgencyTally& agency : data.agencies) {
        table.fields.push_back({agency.column, FieldType::integer});
    }
    table.fields.push_back({"cases_total", FieldType::integer});
    for (const ServiceLayer& service : data.service_layers) {
        table.fields.push_back({service.name, FieldType::string});
        table.fields.push_back({service.name + "_share", FieldType::real});
    }
    const std::size_t agencies = data.agencies.size();
    for (std::size_t z = 0; z < data.areas.ids.size(); ++z) {
        std::vector<Value> row{data.areas.ids[z], population_value(data, z)};
        for (std::size_t a = 0; a < agencies; ++a) {
            row.emplace_back(data.counts.at(static_cast<ZoneId>(z), a));
        }
        row.emplace_back(data.counts.zone_total(static_cast<ZoneId>(z)));
        for (const ServiceLayer& service : data.service_layers) {
            const overlay::AreaShares& shares = service.shares[z];
            if (shares.shares.empty()) {
                row.emplace_back();
                row.emplace_back();
            } else {
                row.emplace_back(service.layer.ids[shares.shares.front().service_area]);
                row.emplace_back(shares.shares.front().share);
            }
        }
        table.rows.push_back(std::move(row));
    }
    add_area_names(data, table);
    return table;
}

Table service_shares_table(const OverlayData& data) {
    Table table;
    table.fields = {{"area_id", FieldType::string},
                    {"layer", FieldType::string},
                    {"service_area", FieldType::string},
                    {"share", FieldType::real}};
    for (std::size_t z = 0; z < data.areas.ids.size(); ++z) {
        for (const ServiceLayer& service : data.service_layers) {
            for (const overlay::ServiceShare& share : service.shares[z].shares) {
                table.rows.push_back(
                    {data.areas.ids[z], service.name, service.layer.ids[share.service_area], share.share});
            }
        }
    }
    return table;
}

Table assignment_table(const OverlayData& data, const std::vector<RegionId>& region_of) {
    Table table;
    table.fields = {{"area_id", FieldType::string}, {"locality", FieldType::integer}};
    for (std::size_t z = 0; z < data.areas.ids.size(); ++z) {
        table.rows.push_back({data.areas.ids[z], static_cast<std::int64_t>(region_of[z]) + 1});
    }
    add_area_names(data, table);
    return table;
}

std::vector<std::string> names_unlike_numbers(const std::vector<std::string>& names) {
    for (std::size_t l = 0; l < names.size(); ++l) {
        if (names[l] != std::to_string(l + 1)) {
            return names;
        }
    }
    return {};
}

void add_locality_names(Table& table, const std::vector<std::string>& names) {
    if (names.empty()) {
        return;
    }
    const auto locality = std::find_if(table.fields.begin(), table.fields.end(),
                                       [](const output::Field& f) { return f.name == "locality"; });
    if (locality == table.fields.end()) {
        return;
    }
    const auto column = static_cast<std::size_t>(locality - table.fields.begin());
    table.fields.push_back({"locality_name", FieldType::string});
    for (std::vector<Value>& row : table.rows) {
        const auto number = static_cast<std::size_t>(std::get<std::int64_t>(row[column]));
        row.emplace_back(names.at(number - 1));
    }
}

std::vector<int> need_quintiles(const OverlayData& data, const std::vector<bool>& withheld_totals) {
    const std::size_t zones = data.areas.ids.size();
    std::vector<double> rate(zones, -1.0);  // -1: no rate, or no class published
    for (std::size_t z = 0; z < zones && data.has_cases(); ++z) {
        if (!withheld_totals.empty() && withheld_totals[z]) {
            continue;
        }
        const double cases = static_cast<double>(data.counts.zone_total(static_cast<ZoneId>(z)));
        if (!data.has_population()) {
            rate[z] = cases;
        } else if (data.areas.values[z] > 0.0) {
            rate[z] = 1000.0 * cases / data.areas.values[z];
        }
    }
    std::vector<double> sorted;
    for (const double r : rate) {
        if (r >= 0.0) {
            sorted.push_back(r);
        }
    }
    std::sort(sorted.begin(), sorted.end());
    std::vector<int> out(zones, 0);
    for (std::size_t z = 0; z < zones; ++z) {
        if (rate[z] >= 0.0) {
            const auto lower = static_cast<std::size_t>(
                std::lower_bound(sorted.begin(), sorted.end(), rate[z]) - sorted.begin());
            out[z] = 1 + static_cast<int>(5 * lower / sorted.size());
        }
    }
    return out;
}

Table areas_table(const OverlayData& data, const std::vector<RegionId>& region_of,
                  const std::vector<bool>& withheld_totals) {
    Table table;
    table.fields = {{"area_id", FieldType::string},
                    {"locality", FieldType::integer},
                    {"population", FieldType::real},
                    {"need_quintile", FieldType::integer}};
    const std::vector<int> quintiles = need_quintiles(data, withheld_totals);
    for (std::size_t z = 0; z < data.areas.ids.size(); ++z) {
        table.rows.push_back({data.areas.ids[z], static_cast<std::int64_t>(region_of[z]) + 1,
                              population_value(data, z),
                              quintiles[z] > 0 ? Value(static_cast<std::int64_t>(quintiles[z])) : Value()});
    }
    add_area_names(data, table);
    return table;
}

Table service_area_table(const ServiceLayer& service) {
    Table table;
    table.fields = {{"service_area", FieldType::string}};
    for (const std::string& id : service.layer.ids) {
        table.rows.push_back({id});
    }
    return table;
}

Table localities_table(const OverlayData& data, const std::vector<LocalityFigures>& figures) {
    Table table;
    table.fields = {{"locality", FieldType::integer}, {"areas", FieldType::integer}};
    const bool containers = !figures.empty() && !figures.front().container.empty();
    if (containers) {
        table.fields.push_back({"container", FieldType::string});
    }
    if (data.has_population()) {
        table.fields.push_back({"population", FieldType::real});
    }
    if (data.has_cases()) {
        table.fields.push_back({"cases_total", FieldType::integer});
        for (const AgencyTally& agency : data.agencies) {
            table.fields.push_back({agency.column, FieldType::integer});
        }
    }
    table.fields.push_back({"area_km2", FieldType::real});
    for (const LocalityFigures& f : figures) {
        std::vector<Value> row{static_cast<std::int64_t>(f.locality), f.areas};
        if (containers) {
            row.emplace_back(f.container);
        }
        if (data.has_population()) {
            row.emplace_back(f.population);
        }
        if (data.has_cases()) {
            row.emplace_back(f.cases_total);
            for (const std::int64_t n : f.cases) {
                row.emplace_back(n);
            }
        }
        row.emplace_back(f.area_km2);
        table.rows.push_back(std::move(row));
    }
    return table;
}

}  // namespace locality::pipeline
