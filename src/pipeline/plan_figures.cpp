// SPDX-License-Identifier: MIT
#include "plan_figures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "rounding.hpp"

namespace locality::pipeline {

using json = nlohmann::ordered_json;

Compactness polsby_popper_of(const std::vector<geom::Wkb>& shapes) {
    Compactness out;
    double sum = 0.0;
    const std::vector<double> scores = geom::polsby_popper_scores(shapes);
    for (std::size_t i = 0; i < scores.size(); ++i) {
        sum += scores[i];
        out.worst = i == 0 ? scores[i] : std::min(out.worst, scores[i]);
    }
    out.mean = scores.empty() ? 0.0 : sum / static_cast<double>(scores.size());
    return out;
}

void add_population_balance(const OverlayData& data, const std::vector<LocalityFigures>& figures, json& row) {
    if (!data.has_population() || figures.empty()) {
        return;
    }
    double low = HUGE_VAL;
    double high = 0.0;
    double total = 0.0;
    for (const LocalityFigures& f : figures) {
        low = std::min(low, f.population);
        high = std::max(high, f.population);
        total += f.population;
    }
    const double mean = total / static_cast<double>(figures.size());
    row["population_max_min_ratio"] = low > 0.0 ? json(round_to(high / low, 4)) : json();
    row["population_max_deviation_pct"] =
        mean > 0.0 ? json(round_to(std::max(high - mean, mean - low) / mean * 100.0, 2)) : json();
}

output::Table rows_table(const json& rows, const char* text_column) {
    output::Table table;
    for (const auto& item : rows.front().items()) {
        const bool text = item.key() == text_column;
        table.fields.push_back({item.key(), text ? output::FieldType::string : output::FieldType::real});
    }
    for (const json& row : rows) {
        std::vector<output::Value> values;
        for (const auto& item : row.items()) {
            if (item.value().is_string()) {
                values.emplace_back(item.value().get<std::string>());
            } else if (item.value().is_boolean()) {
                values.emplace_back(static_cast<std::int64_t>(item.value().get<bool>() ? 1 : 0));
            } else if (item.value().is_number_integer()) {
                values.emplace_back(item.value().get<std::int64_t>());
            } else if (item.value().is_number()) {
                values.emplace_back(item.value().get<double>());
            } else {
                values.emplace_back(std::monostate{});
            }
        }
        table.rows.push_back(std::move(values));
    }
    return table;
}

}  // namespace locality::pipeline
