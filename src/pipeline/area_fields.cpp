// SPDX-License-Identifier: MIT
#include "area_fields.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "locality/core/error.hpp"

namespace locality::pipeline {

namespace {

constexpr const char* k_population = "population";
constexpr const char* k_cases_total = "cases_total";

bool iequal(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) {
        out += (out.empty() ? "" : ", ") + name;
    }
    return out.empty() ? "(none)" : out;
}

}  // namespace

std::vector<std::string> requested_area_fields(const StageOptions& config) {
    std::vector<std::string> names;
    auto add = [&names](const std::string& name) {
        if (name != k_population && std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
        }
    };
    for (const ConstraintSpec& spec : config.min_bounds) {
        add(spec.field);
    }
    for (const ConstraintSpec& spec : config.max_bounds) {
        add(spec.field);
    }
    if (config.balance_pct > 0.0) {
        add(config.balance_field);
    }
    for (const std::string& name : config.attributes) {
        add(name);
    }
    return names;
}

AreaFields::AreaFields(const OverlayData& data) : m_data(data) {}

std::vector<std::string> AreaFields::available() const {
    std::vector<std::string> names;
    if (m_data.has_population()) {
        names.emplace_back(k_population);
    }
    // Only numbers can be summed: a text field (a name, a code) is not worth offering.
    for (const std::string& field : m_data.areas.numeric_field_names) {
        if (field != m_data.areas.id_field) {
            names.push_back(field);
        }
    }
    if (m_data.has_cases()) {
        names.emplace_back(k_cases_total);
        for (const AgencyTally& agency : m_data.agencies) {
            names.push_back(agency.column);
        }
    }
    return names;
}

std::vector<double> AreaFields::values(const std::string& name, const std::string& option) const {
    const std::size_t zones = m_data.areas.ids.size();
    if (name == k_population && m_data.has_population()) {
        return m_data.areas.values;
    }
    const std::vector<std::string>& requested = m_data.area_fields;
    const auto field = std::find(requested.begin(), requested.end(), name);
    if (field != requested.end()) {
        const std::vector<double>& column =
            m_data.areas.extra_values[static_cast<std::size_t>(field - requested.begin())];
        if (!column.empty()) {
            for (std::size_t z = 0; z < zones; ++z) {
                if (std::isnan(column[z])) {
                    throw InputError(
                        fmt::format("areas '{}': field '{}' (named by {}) is empty for area '{}'; fill "
                                    "it in or leave the field out",
                                    m_data.areas.label, name, option, m_data.areas.ids[z]));
                }
            }
            return column;
        }
    }
    if (m_data.has_cases()) {
        // cases_total sums every agency; cases_<agency> is one column.
        std::vector<std::size_t> summed;
        for (std::size_t a = 0; a < m_data.agencies.size(); ++a) {
            if (name == k_cases_total || m_data.agencies[a].column == name) {
                summed.push_back(a);
            }
        }
        if (!summed.empty() || name == k_cases_total) {
            std::vector<double> counts(zones, 0.0);
            for (std::size_t z = 0; z < zones; ++z) {
                for (const std::size_t a : summed) {
                    counts[z] += static_cast<double>(m_data.counts.at(static_cast<ZoneId>(z), a));
                }
            }
            return counts;
        }
    }
    if (name == k_population) {
        // `population` is the name of --population's field, whatever it is called in the layer; a layer
        // field of that very name is read only through --population.
        const std::vector<std::string>& fields = m_data.areas.numeric_field_names;
        const bool in_layer = std::find(fields.begin(), fields.end(), k_population) != fields.end();
        throw UsageError(fmt::format(
            "{} population=... needs --population FIELD (the areas' population field){}", option,
            in_layer ? fmt::format("; areas '{}' have a field 'population': add --population population",
                                   m_data.areas.label)
                     : std::string()));
    }
    const std::vector<std::string> names = available();
    std::string hint;
    for (const std::string& candidate : names) {
        if (iequal(candidate, name)) {
            hint = fmt::format(" ('{}' differs only in case: names are case-sensitive)", candidate);
        }
    }
    throw InputError(fmt::format("{}: no field '{}' in areas '{}' nor among the case counts{}; available: {}",
                                 option, name, m_data.areas.label, hint, joined(names)));
}

}  // namespace locality::pipeline
