// SPDX-License-Identifier: MIT
// Internal to the pipeline: the machine-readable account of a run (summary.json). The summary's file
// group: overlay_summary.cpp (parameters, inputs, area and case accounting), finish_run.cpp (the last
// step of every command). Other stages add their own sections to the same JSON object.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "locality/output/output_set.hpp"
#include "pipeline/inputs.hpp"

namespace locality::pipeline {

/** Parameters, inputs (sizes, hashes, CRS), area and case accounting and service-area layers. */
nlohmann::ordered_json overlay_summary(const StageOptions& config, const OverlayData& data,
                                       const std::string& command);

/** Serialises with two-space indentation and a final newline. */
/**
 * With --area-name: adds the name of each of `ids` to summary.json's `areas.names` (id -> name), so the
 * report can show "id (name)" wherever it lists them; nothing without --area-name or for an empty name.
 */
void add_area_names(nlohmann::ordered_json& summary, const OverlayData& data,
                    const std::vector<std::string>& ids);

std::string dump_summary(const nlohmann::ordered_json& summary);

/**
 * The last step of every command: records the warnings and outputs in `summary`, stages summary.json,
 * renames every staged file into place and tells the caller what was written.
 */
PipelineResult finish_run(nlohmann::ordered_json summary, const std::vector<std::string>& warnings,
                          const std::vector<std::string>& names, output::OutputSet& outputs);

}  // namespace locality::pipeline
