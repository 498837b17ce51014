// SPDX-License-Identifier: MIT
// Internal to the pipeline: the variables localities are made homogeneous in.
#pragma once

#include <string>
#include <vector>

#include "area_fields.hpp"
#include "inputs.hpp"
#include "locality/regionalize/attribute_matrix.hpp"

namespace locality::pipeline {

/**
 * Each area's need profile, standardised (z-scores, population sd): per-agency caseload rates per
 * 1,000 residents when areas have a population, else per-agency counts. Areas with no residents get
 * the overall rate of each agency, so an empty park neither attracts nor repels its neighbours;
 * `zero_population` receives how many there were. With Smoothing::eb the rates are global empirical
 * Bayes estimates (smoothing.hpp) before they are standardised.
 */
regionalize::AttributeMatrix need_profile(const OverlayData& data, std::size_t& zero_population,
                                          Smoothing smoothing = Smoothing::none);

/** The variables of one run: what heterogeneity is reported on, and what the engine minimises. */
struct ClusterVariables {
    regionalize::AttributeMatrix reported;  ///< the need variables, standardised
    regionalize::AttributeMatrix solved;    ///< `reported` plus the weighted shape columns of --compactness
    std::vector<std::string> names;         ///< one per column of `reported`
    std::string description;                ///< for summary.json
    std::size_t zero_population = 0;        ///< need profile only
};

/**
 * The need profile (or the --attributes fields, standardised), and with --compactness W the area
 * centroids (working CRS, centred, scaled by one common standard deviation so distances keep their
 * shape, times sqrt(W)) appended as two more columns of `solved`.
 */
ClusterVariables cluster_variables(const StageOptions& config, const OverlayData& data,
                                   const AreaFields& fields);

/** The --attributes fields (`names`) whose standardised column is zero in every area: one value everywhere.
 */
std::vector<std::string> constant_attributes(const ClusterVariables& variables);

}  // namespace locality::pipeline
