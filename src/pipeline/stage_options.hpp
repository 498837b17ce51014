// SPDX-License-Identifier: MIT
// Internal to the pipeline: what the stages shared by several commands read.
#pragma once

#include "locality/pipeline/pipeline.hpp"

namespace locality::pipeline {

/**
 * Every part of every command's options: a run_* function turns its command's options into this with
 * shared_parts (the parts the command lacks keep their defaults), so the stages shared by several commands
 * (loading and overlay, clustering, publication, the summary) read one type. A stage that needs a single
 * part takes that part instead.
 */
struct StageOptions : InputOptions,
                      CountsOptions,
                      ShareOptions,
                      ClusterOptions,
                      SweepOptions,
                      OutputOptions,
                      PublicationOptions,
                      PlanFieldOptions,
                      GivenLocalityOptions,
                      PlanOptions {};

}  // namespace locality::pipeline
