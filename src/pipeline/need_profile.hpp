// SPDX-License-Identifier: MIT
// Internal to the pipeline: the variables localities are made homogeneous in.
#pragma once

#include "inputs.hpp"
#include "locality/regionalize/attribute_matrix.hpp"

namespace locality::pipeline {

/**
 * Each area's need profile, standardised (z-scores, population sd): per-agency caseload rates per
 * 1,000 residents when areas have a population, else per-agency counts. Areas with no residents get
 * the overall rate of each agency, so an empty park neither attracts nor repels its neighbours;
 * `zero_population` receives how many there were.
 */
regionalize::AttributeMatrix need_profile(const OverlayData& data, std::size_t& zero_population);

}  // namespace locality::pipeline
