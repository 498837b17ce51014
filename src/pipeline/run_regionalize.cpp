// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include "inputs.hpp"
#include "localities_stage.hpp"
#include "locality/core/error.hpp"
#include "locality/output/output_set.hpp"
#include "publish.hpp"
#include "summary/summary.hpp"

namespace locality::pipeline {

namespace {

// Reading the areas is quick next to contiguity and clustering.
constexpr double k_read_share = 0.2;

void check_regionalize_config(const RegionalizeOptions& config) {
    if (config.area_id_field.empty()) {
        throw UsageError("--area-id is required: name the field that identifies each small area");
    }
    if (config.attributes.empty()) {
        throw UsageError(
            "--attributes is required: name the area fields to cluster on, e.g. --attributes a,b,c");
    }
    if (!(config.tolerance_m >= 0.0)) {
        throw UsageError("--tolerance must be a distance in metres >= 0");
    }
}

}  // namespace

PipelineResult run_regionalize(const RegionalizeOptions& options, const ProgressSink& progress) {
    const StageOptions config = shared_parts<StageOptions>(options);
    check_regionalize_config(options);
    check_cluster_options(config);
    output::OutputSet outputs(config.output_dir, propose_output_names(config), config.overwrite);
    // No cases to bring together with the areas: a layer without a CRS is clustered in its own units.
    OverlayData data = load_areas(config, ScaledProgress(progress, 0.0, k_read_share).sink(), true);
    StageOptions effective = config;
    effective.tolerance_m = data.tolerance;  // scaled to the layer when it has no CRS
    check_area_coverage(data);
    nlohmann::ordered_json summary = overlay_summary(config, data, "regionalize");
    // No cases and no service areas: their (empty) accounting would only mislead.
    summary.erase("cases");
    summary.erase("service_areas");
    summary["inputs"].erase("cases");
    return cluster_and_write(effective, data, outputs, std::move(summary),
                             ScaledProgress(progress, k_read_share, 1.0 - k_read_share).sink());
}

}  // namespace locality::pipeline
