// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "locality/core/progress.hpp"
#include "locality/pipeline/options.hpp"

namespace locality::pipeline {

// One options aggregate per command, each made of the parts (options.hpp) the command uses.

/** `locality overlay`: count the cases per area, overlay the service areas. */
struct OverlayOptions : InputOptions, ShareOptions, OutputOptions, DisclosureOptions {};

/** `locality propose`: overlay, then cluster the areas into localities of shared need. */
struct ProposeOptions : InputOptions,
                        CountsOptions,
                        ClusterOptions,
                        SweepOptions,
                        OutputOptions,
                        PublicationOptions {};

/** `locality regionalize`: cluster an area layer by its own fields, no cases. */
struct RegionalizeOptions : AreaOptions, ClusterOptions, OutputOptions, FormatOptions {};

/** `locality evaluate`: score given localities as propose scores its own. */
struct EvaluateOptions : InputOptions,
                         BoundOptions,
                         GivenLocalityOptions,
                         PlanFieldOptions,
                         OutputOptions,
                         PublicationOptions {};

/** `locality compare`: score several plans side by side. */
struct CompareOptions : InputOptions,
                        BoundOptions,
                        PlanOptions,
                        PlanFieldOptions,
                        OutputOptions,
                        DisclosureOptions {};

/** What a run produced. */
struct PipelineResult {
    std::string summary_json;           ///< the content of summary.json
    std::vector<std::string> warnings;  ///< data problems worth a line on stderr (counted in the summary too)
    std::vector<std::string> files;     ///< paths written
};

/** Overlay only: writes area_counts.csv, service_area_shares.csv (with service areas) and summary.json. */
PipelineResult run_overlay(const OverlayOptions& options, const ProgressSink& progress = {});

/** Whole pipeline: overlay, contiguity, localities, dissolve; writes localities.geojson, assignment.csv,
 * summary.json. */
PipelineResult run_propose(const ProposeOptions& options, const ProgressSink& progress = {});

/**
 * Scores given localities (`assignment` or `localities`) as propose would publish them, with the
 * constraints checked and reported rather than enforced; writes the same files as run_propose.
 */
PipelineResult run_evaluate(const EvaluateOptions& options, const ProgressSink& progress = {});

/**
 * Scores several plans (`plans`) on the same inputs as run_evaluate scores one; writes
 * comparison.csv, summary.json (with `comparison`) and report.html.
 */
PipelineResult run_compare(const CompareOptions& options, const ProgressSink& progress = {});

/**
 * Clusters an area layer by its own fields (`attributes`), no cases: contiguity, localities, dissolve;
 * writes the same files as run_propose.
 */
PipelineResult run_regionalize(const RegionalizeOptions& options, const ProgressSink& progress = {});

}  // namespace locality::pipeline
