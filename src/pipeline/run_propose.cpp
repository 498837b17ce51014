// SPDX-License-Identifier: MIT
#include "database_destination.hpp"
#include "inputs.hpp"
#include "localities_stage.hpp"
#include "locality/output/output_set.hpp"
#include "publish.hpp"
#include "scenarios.hpp"
#include "summary/summary.hpp"

namespace locality::pipeline {

PipelineResult run_propose(const ProposeOptions& options, const ProgressSink& progress) {
    // Share of the whole run's progress bar taken by reading the inputs and the overlay.
    constexpr double k_overlay_share = 0.55;
    const StageOptions config = shared_parts<StageOptions>(options);
    if (is_sweep(config)) {
        return run_scenarios(config, progress);
    }
    check_config(config, true);
    const auto database = open_database_destination(config, proposal_tables());
    output::OutputSet outputs(output_folder(config, database.get()), propose_output_names(config),
                              config.overwrite);
    OverlayData data = load_and_overlay(config, ScaledProgress(progress, 0.0, k_overlay_share).sink());
    PipelineResult out =
        cluster_and_write(config, data, outputs, overlay_summary(config, data, "propose"),
                          ScaledProgress(progress, k_overlay_share, 1.0 - k_overlay_share).sink());
    if (database) {
        publish_to_database(*database, out);
    }
    return out;
}

}  // namespace locality::pipeline
