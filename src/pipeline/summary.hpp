// SPDX-License-Identifier: MIT
// Internal to the pipeline: the machine-readable account of a run (summary.json).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "inputs.hpp"

namespace locality::pipeline {

/** Parameters, inputs (sizes, hashes, CRS), area and case accounting and service-area layers. */
nlohmann::ordered_json overlay_summary(const PipelineConfig& config, const OverlayData& data,
                                       const std::string& command);

/** Serialises with two-space indentation and a final newline. */
std::string dump_summary(const nlohmann::ordered_json& summary);

}  // namespace locality::pipeline
