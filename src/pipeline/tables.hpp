// SPDX-License-Identifier: MIT
// Internal to the pipeline: the output tables built from overlay and clustering results.
#pragma once

#include <string>
#include <vector>

#include "inputs.hpp"
#include "locality/output/table.hpp"

namespace locality::pipeline {

/** Figures of one locality (also the properties of its GeoJSON feature). */
struct LocalityFigures {
    int locality = 0;  ///< 1-based number
    std::int64_t areas = 0;
    double population = 0.0;
    std::vector<std::int64_t> cases;  ///< per agency (sorted order)
    std::int64_t cases_total = 0;
    double area_km2 = 0.0;
    std::string container;  ///< id of the --within container it lies in; empty without
};

/** area_counts.csv: id, population, one column per agency, total, dominant service area and its share per
 * layer. */
output::Table area_counts_table(const OverlayData& data);

/** service_area_shares.csv: one row per (area, layer, service area) with a share above the noise floor. */
output::Table service_shares_table(const OverlayData& data);

/** assignment.csv: area_id, locality (1-based). */
output::Table assignment_table(const OverlayData& data, const std::vector<RegionId>& region_of);

/**
 * The names of localities given by a table or polygons, kept only when one differs from its number
 * (precincts 1, 5, 6... numbered 1, 2, 3...; "02" numbered 2): empty when every name is its number,
 * as in an assignment written by propose.
 */
std::vector<std::string> names_unlike_numbers(const std::vector<std::string>& names);

/**
 * Appends `locality_name` to a table with a `locality` column (1-based): each row's locality as the
 * given table or polygons named it. Nothing when `names` is empty.
 */
void add_locality_names(output::Table& table, const std::vector<std::string>& names);

/**
 * Each area's need class: 1..5, the fifth of the classed areas its caseload rate (cases per 1,000
 * residents, or cases without a population) falls in, counting the areas with a strictly lower rate,
 * so ties share a class. Areas without residents (no rate) and areas whose total is withheld by
 * disclosure control (`withheld_totals[z]`; empty: none) get 0: no class. Only published totals are
 * ranked, so a class says no more about a count than the protected area table does (decision 0008).
 * Without cases (regionalize) no area has a class.
 */
std::vector<int> need_quintiles(const OverlayData& data, const std::vector<bool>& withheld_totals);

/**
 * The `areas` layer: area_id, locality, population, need_quintile (no counts; see disclosure), the
 * class null where the area's total is withheld (`withheld_totals`, as need_quintiles()).
 */
output::Table areas_table(const OverlayData& data, const std::vector<RegionId>& region_of,
                          const std::vector<bool>& withheld_totals);

/** A `service_<name>` layer: the service area's id, one row per service area. */
output::Table service_area_table(const ServiceLayer& service);

/** Properties of localities.geojson, one row per locality. */
output::Table localities_table(const OverlayData& data, const std::vector<LocalityFigures>& figures);

}  // namespace locality::pipeline
