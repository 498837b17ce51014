// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include "area_disclosure.hpp"
#include "database_destination.hpp"
#include "inputs.hpp"
#include "locality/output/output_set.hpp"
#include "locality/output/write_layers.hpp"
#include "share_package.hpp"
#include "summary/summary.hpp"
#include "tables.hpp"

namespace locality::pipeline {

PipelineResult run_overlay(const OverlayOptions& options, const ProgressSink& progress) {
    const StageOptions config = shared_parts<StageOptions>(options);
    check_config(config, false);
    std::vector<std::string> names{"area_counts.csv", "summary.json"};
    if (!config.service_areas.empty()) {
        names.insert(names.begin() + 1, "service_area_shares.csv");
    }
    // Refuses to overwrite before any work is done.
    std::vector<output::TableFile> tables{{"area_counts.csv", "area_counts"}, {"summary.json", "summary"}};
    if (!config.service_areas.empty()) {
        tables.insert(tables.begin() + 1, {"service_area_shares.csv", "service_area_shares"});
    }
    const auto database = open_database_destination(config, tables);
    output::OutputSet outputs(output_folder(config, database.get()), names, config.overwrite);

    const OverlayData data = load_and_overlay(config, ScaledProgress(progress, 0.0, 0.9).sink());
    ScaledProgress writing(progress, 0.9, 0.1);
    writing.report(0.0, "writing");
    // The per-area counts are published under the same disclosure control as a proposal's.
    output::Table counts = area_counts_table(data);
    const Withheld withheld = suppress_study_area(data, config.suppress_below);
    withhold_counts(counts, data.agencies, withheld);
    output::write_csv(outputs.staging_path("area_counts.csv"), counts);
    if (!config.service_areas.empty()) {
        output::write_csv(outputs.staging_path("service_area_shares.csv"), service_shares_table(data));
    }
    nlohmann::ordered_json summary = overlay_summary(config, data, "overlay");
    summary["parameters"]["suppress_below"] = config.suppress_below;
    summary["disclosure"] = {{"suppress_below", config.suppress_below},
                             {"rule", k_disclosure_rule},
                             {"area_counts_withheld", withheld.count},
                             {"ranges_audited", withheld.ranges_audited}};
    std::vector<std::string> warnings = data.warnings;
    if (!withheld.ranges_audited && config.suppress_below > 2) {
        warnings.push_back(fmt::format(
            "area_counts.csv has {} areas x {} agencies, too many for the attacker audit of its ranges "
            "(decision 0025): no withheld count can be recomputed, but a reader may narrow some down; "
            "publish it in parts (e.g. one per region) if that matters",
            data.areas.ids.size(), data.agencies.size()));
    }
    SharePackages share;
    if (!config.share_dir.empty()) {
        summary["share"] = share.stage(config, data);
    }
    PipelineResult result = finish_run(std::move(summary), warnings, names, outputs);
    share.commit();
    if (database) {
        publish_to_database(*database, result);
    }
    writing.report(1.0, "writing");
    return result;
}

}  // namespace locality::pipeline
