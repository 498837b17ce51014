// SPDX-License-Identifier: MIT
// Internal to the pipeline: the stages `propose` and `regionalize` share once the areas are read.
#pragma once

#include <nlohmann/json.hpp>

#include "inputs.hpp"
#include "locality/output/output_set.hpp"

namespace locality::pipeline {

/** The files both clustering commands write. */
const std::vector<std::string>& locality_output_names();

/** Usage checks of the clustering options (k, bounds, balance, method, attributes...); UsageError. */
void check_cluster_options(const PipelineConfig& config);

/**
 * Contiguity, containers and islands, the localities under every bound, the dissolve, and the
 * outputs: localities.geojson, localities.qml, assignment.csv and `summary` completed as
 * summary.json. `progress` spans these stages only.
 */
PipelineResult cluster_and_write(const PipelineConfig& config, OverlayData& data, output::OutputSet& outputs,
                                 nlohmann::ordered_json summary, const ProgressSink& progress);

}  // namespace locality::pipeline
