// SPDX-License-Identifier: MIT
// Internal to the pipeline: `locality compare`'s plans, resolved to what evaluate reads.
#pragma once

#include <string>
#include <vector>

#include "locality/io/source_spec.hpp"
#include "pipeline/stage_options.hpp"

namespace locality::pipeline {

/** One plan to compare: an assignment table or polygons, and the configuration that reads it. */
struct PlanSource {
    std::string name;     ///< its NAME=, else its folder's or file's name (the layer's when one is chosen)
    std::string kind;     ///< "folder", "assignment" or "localities"
    std::string given;    ///< the source as given, for messages
    StageOptions config;  ///< the run's configuration with `assignment` or `localities` set to this plan
};

/**
 * Resolves `config.plans`: a folder is a previous output (its assignment.csv, else the areas layer of
 * its localities.gpkg, read with the fields locality writes: area_id, locality); a layer with the
 * fields --assignment-area-field and --locality-field is an assignment; any other layer is boundary
 * polygons (--locality-id). UsageError for fewer than two plans or two of the same name; InputError
 * for a folder holding neither file.
 */
std::vector<PlanSource> resolve_plans(const StageOptions& config);

}  // namespace locality::pipeline
