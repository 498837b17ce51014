// SPDX-License-Identifier: MIT
// `locality evaluate`: the stages of propose with the clustering replaced by the localities given.
#include <fmt/format.h>

#include "area_fields.hpp"
#include "constraints.hpp"
#include "database_destination.hpp"
#include "disruption.hpp"
#include "given_localities.hpp"
#include "inputs.hpp"
#include "localities_stage.hpp"
#include "locality/core/error.hpp"
#include "locality/output/output_set.hpp"
#include "publish.hpp"
#include "summary/summary.hpp"

namespace locality::pipeline {

namespace {

void check_evaluate_config(const StageOptions& config) {
    check_config(config, false);
    if (config.assignment.path.empty() == config.localities.path.empty()) {
        throw UsageError(
            "give the localities to evaluate: --assignment SOURCE (area id and locality fields) or "
            "--localities SOURCE (polygons), one of the two");
    }
    if (config.min_population > 0.0 && config.population_field.empty()) {
        throw UsageError("--min-population needs --population FIELD (the areas' population field)");
    }
}

std::string breaches_line(const nlohmann::ordered_json& checks) {
    return fmt::format("{} locality(ies) not contiguous, {} bound(s) breached, {} area(s) left out",
                       checks["not_contiguous"].size(), checks["bounds_breached"].size(),
                       checks["areas_left_out"].size());
}

}  // namespace

PipelineResult run_evaluate(const EvaluateOptions& options, const ProgressSink& progress) {
    // Share of the whole run's progress bar taken by reading the inputs and the overlay.
    constexpr double k_overlay_share = 0.6;
    constexpr double k_contiguity_share = 0.4;
    const StageOptions config = shared_parts<StageOptions>(options);
    check_evaluate_config(config);
    const auto database = open_database_destination(config, proposal_tables());
    output::OutputSet outputs(output_folder(config, database.get()), propose_output_names(config),
                              config.overwrite);
    OverlayData data = load_and_overlay(config, ScaledProgress(progress, 0.0, k_overlay_share).sink());
    refuse_agencies_beyond_table(config, data);  // before the costly stages, not when writing
    service_agencies(config, data);              // and an unknown --service-agency
    const GivenLocalities given = read_given_localities(config, data);
    const std::vector<BoundRequest> requests = bound_requests(config, AreaFields(data));

    const double rest = 1.0 - k_overlay_share;
    const ClusterGround ground = prepare_ground(
        config, data, ScaledProgress(progress, k_overlay_share, rest * k_contiguity_share).sink());
    nlohmann::ordered_json checks = check_given_localities(
        config, given, requests, contiguity_of_all_areas(ground.partition, data.areas.ids.size()));
    if (config.strict && !checks["met"].get<bool>()) {
        throw InfeasibleError(
            fmt::format("--strict: the localities breach the constraints: {} (run without --strict "
                        "to see which in summary.json and the report)",
                        breaches_line(checks)));
    }
    if (!checks["met"].get<bool>()) {
        data.warnings.push_back("evaluate: the localities breach the constraints: " + breaches_line(checks) +
                                " (listed in summary.json)");
    }
    const double at = k_overlay_share + rest * k_contiguity_share;
    const double describe_share = (1.0 - at) / 2.0;
    Proposal proposal = describe_proposal(config, data, ground.variables.reported, given.result, {},
                                          ScaledProgress(progress, at, describe_share).sink());
    nlohmann::ordered_json head{{"method", "given"}};
    for (const auto& [key, value] : proposal.localities.items()) {
        head[key] = value;
    }
    proposal.localities = head;
    proposal.names = names_unlike_numbers(given.names);

    nlohmann::ordered_json summary = overlay_summary(config, data, "evaluate");
    nlohmann::ordered_json evaluation;
    evaluation["source"] = given.source;
    nlohmann::ordered_json names = nlohmann::ordered_json::array();
    for (std::size_t l = 0; l < given.names.size(); ++l) {
        names.push_back({{"locality", l + 1}, {"name", given.names[l]}});
    }
    evaluation["localities"] = names;
    evaluation["unknown_area_ids"] = given.unknown_area_ids;
    evaluation["empty_localities"] = given.empty_localities;
    evaluation["strict"] = config.strict;
    evaluation["checks"] = checks;
    summary["evaluation"] = evaluation;
    add_area_names(summary, data, given.left_out);
    PipelineResult out = write_proposal(config, data, ground, proposal, outputs, std::move(summary),
                                        ScaledProgress(progress, at + describe_share, describe_share).sink());
    if (database) {
        publish_to_database(*database, out);
    }
    return out;
}

}  // namespace locality::pipeline
