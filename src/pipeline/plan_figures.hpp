// SPDX-License-Identifier: MIT
// Internal to the pipeline: the figures that set plans side by side (scenarios of a sweep, plans
// of `compare`), and their table.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "localities_stage.hpp"
#include "locality/geom/shape_measures.hpp"
#include "locality/output/table.hpp"

namespace locality::pipeline {

/** Polsby-Popper compactness, 4 pi area / perimeter^2 (1 for a disc), over a plan's localities. */
struct Compactness {
    double mean = 0.0;
    double worst = 0.0;  ///< the least compact locality's
};

/** The mean and worst Polsby-Popper compactness of `shapes` (0 and 0 when there is none). */
Compactness polsby_popper_of(const std::vector<geom::Wkb>& shapes);

/**
 * Adds `population_max_min_ratio` and `population_max_deviation_pct` (the largest locality's
 * departure from the mean, in %) of `figures` to `row`; null when undefined. Nothing without population.
 */
void add_population_balance(const OverlayData& data, const std::vector<LocalityFigures>& figures,
                            nlohmann::ordered_json& row);

/**
 * A table of `rows` (objects with the same members, in the same order): the members as columns,
 * `text_column` as text, the others as numbers (null = empty).
 */
output::Table rows_table(const nlohmann::ordered_json& rows, const char* text_column);

}  // namespace locality::pipeline
