// SPDX-License-Identifier: MIT
// Internal to the pipeline: report.html, drawn from the summary and the dissolved localities.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "inputs.hpp"
#include "locality/core/types.hpp"
#include "locality/output/output_set.hpp"

namespace locality::pipeline {

/** The name of the report among a run's outputs. */
inline constexpr const char* k_report_name = "report.html";

/**
 * Renders report.html into `outputs`' staging area from `summary` (completed with `warnings` and
 * `names`, as finish_run will write it), the localities' shapes (working CRS) and the service-area
 * layers of `data`, all simplified for the map. Each locality is filled with the colour its QGIS
 * style gives it (`colours`: palette index per locality, map_colours()), so neighbours differ.
 * With --confidence, `area_confidence` (one per area of `data`) marks on the map the areas below the
 * firm threshold, dissolved within each locality (`area_locality`, 0-based); empty otherwise.
 */
void stage_report(output::OutputSet& outputs, nlohmann::ordered_json summary, const OverlayData& data,
                  const std::vector<geom::Wkb>& shapes, const std::vector<std::string>& names,
                  const std::vector<int>& colours, const std::vector<double>& area_confidence = {},
                  const std::vector<RegionId>& area_locality = {});

}  // namespace locality::pipeline
