// SPDX-License-Identifier: MIT
// Internal to the pipeline: a sweep of proposals over k, the population floor or a frontier's weight.
#pragma once

#include "pipeline/stage_options.hpp"

namespace locality::pipeline {

/** True when `config` asks for several proposals (k_sweep, min_population_sweep or frontier). */
bool is_sweep(const StageOptions& config);

/**
 * Reads and overlays the inputs and builds the contiguity once, then solves one proposal per value
 * of the sweep, in order (each internally parallel). Writes, per scenario TAG (`k06`, `min50000`),
 * assignment_TAG.csv and, when `formats` has "geojson", localities_TAG.geojson with its
 * localities_TAG.qml; when `formats` has "gpkg", one scenarios.gpkg (a styled layer localities_TAG
 * per scenario, `areas` with a column locality_TAG per scenario, `service_<name>` with a column
 * localities_TAG per scenario); then scenarios.csv (one row of figures per scenario), summary.json
 * (the first scenario's localities in full, every scenario's figures under `scenarios`) and
 * report.html (with the scenario chart). A frontier (frontier.hpp) writes frontier.csv and summary.json's
 * `frontier` instead of scenarios.csv and `scenarios`, and shows its knee (else its first point) in full.
 */
PipelineResult run_scenarios(const StageOptions& config, const ProgressSink& progress);

}  // namespace locality::pipeline
