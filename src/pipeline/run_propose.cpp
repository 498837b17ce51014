// SPDX-License-Identifier: MIT
#include "inputs.hpp"
#include "localities_stage.hpp"
#include "locality/output/output_set.hpp"
#include "scenarios.hpp"
#include "summary.hpp"

namespace locality::pipeline {

namespace {

// Share of the whole run's progress bar taken by the overlay; the rest is clustering and output.
constexpr double k_overlay_share = 0.55;

}  // namespace

PipelineResult run_propose(const PipelineConfig& config, const ProgressSink& progress) {
    if (is_sweep(config)) {
        return run_scenarios(config, progress);
    }
    check_config(config, true);
    output::OutputSet outputs(config.output_dir, locality_output_names(), config.overwrite);
    OverlayData data = load_and_overlay(config, ScaledProgress(progress, 0.0, k_overlay_share).sink());
    return cluster_and_write(config, data, outputs, overlay_summary(config, data, "propose"),
                             ScaledProgress(progress, k_overlay_share, 1.0 - k_overlay_share).sink());
}

}  // namespace locality::pipeline
