// SPDX-License-Identifier: MIT
// `locality compare`: several plans scored as evaluate scores one, on the same inputs, side by side.
#include <fmt/format.h>

#include "area_fields.hpp"
#include "constraints.hpp"
#include "containers.hpp"
#include "disruption.hpp"
#include "given_localities.hpp"
#include "inputs.hpp"
#include "localities_stage.hpp"
#include "locality/core/error.hpp"
#include "locality/io/connection.hpp"
#include "locality/output/output_set.hpp"
#include "locality/output/write_layers.hpp"
#include "plan_figures.hpp"
#include "plan_sources.hpp"
#include "publish.hpp"
#include "report_stage.hpp"
#include "rounding.hpp"
#include "summary/summary.hpp"

namespace locality::pipeline {

namespace {

using json = nlohmann::ordered_json;

constexpr const char* k_table_name = "comparison.csv";

void check_compare_config(const StageOptions& config) {
    check_config(config, false);
    if (io::is_postgres_connection(config.output_dir) || !config.table_prefix.empty()) {
        throw UsageError(
            "compare writes files (comparison.csv, summary.json, report.html): give --output a folder");
    }
    if (config.min_population > 0.0 && config.population_field.empty()) {
        throw UsageError("--min-population needs --population FIELD (the areas' population field)");
    }
}

// A plan that does not cover the same small areas cannot be set beside the others: its figures
// would be over other areas and other cases.
void refuse_other_areas(const PlanSource& plan, const GivenLocalities& given, const OverlayData& data) {
    if (!given.unknown_area_ids.empty()) {
        throw InputError(
            fmt::format("plan '{}' ({}): {} row(s) name areas that '{}' lacks ({}); compare plans over "
                        "the same small areas (--areas, --area-id)",
                        plan.name, plan.given, given.unknown_area_ids.size(), data.areas.label,
                        listed(given.unknown_area_ids)));
    }
    if (!given.left_out.empty()) {
        throw InputError(
            fmt::format("plan '{}' ({}): {} small area(s) in no locality ({}); every plan must assign "
                        "every area (score it alone with locality evaluate, which reports them)",
                        plan.name, plan.given, given.left_out.size(), listed(given.left_out)));
    }
}

// read_given_localities speaks as evaluate; in a comparison its warnings name the plan.
void name_plan_in_warnings(std::vector<std::string>& warnings, std::size_t from, const std::string& plan) {
    const std::string prefix = "evaluate: ";
    for (std::size_t i = from; i < warnings.size(); ++i) {
        std::string& w = warnings[i];
        w = "plan '" + plan + "': " + (w.rfind(prefix, 0) == 0 ? w.substr(prefix.size()) : w);
    }
}

/** One plan scored: its row of comparison.csv and its entry of summary.json's comparison.plans. */
struct ScoredPlan {
    json row;
    json entry;
};

ScoredPlan score_plan(const OverlayData& data, const PlanSource& plan, const GivenLocalities& given,
                      const Proposal& proposal, const json& checks, const Publication& publication) {
    ScoredPlan out;
    const Compactness compactness = polsby_popper_of(proposal.shapes);
    json& row = out.row;
    row["plan"] = plan.name;
    row["localities"] = proposal.result.region_count;
    row["share_explained"] = round_to(share_explained(proposal.within_ss, proposal.total_ss), 4);
    add_population_balance(data, proposal.figures, row);
    row["mean_polsby_popper"] = round_to(compactness.mean, 4);
    row["worst_polsby_popper"] = round_to(compactness.worst, 4);
    row["constraints_met"] = checks["met"].get<bool>();
    row["not_contiguous"] = checks["not_contiguous"].size();
    row["bounds_breached"] = checks["bounds_breached"].size();
    for (const json& partner : publication.disruption) {
        const std::string layer = partner["service_layer"].get<std::string>();
        row[layer + "_cases_moved"] = partner["cases_moved"];
        row[layer + "_cases_moved_share"] = partner["cases_moved_share"];
        row[layer + "_localities_per_service_area"] = partner["localities_per_service_area"]["mean"];
        row[layer + "_max_localities_per_service_area"] = partner["localities_per_service_area"]["max"];
    }
    json names = json::array();
    for (std::size_t l = 0; l < given.names.size(); ++l) {
        names.push_back({{"locality", l + 1}, {"name", given.names[l]}});
    }
    out.entry = {{"plan", plan.name},   {"kind", plan.kind}, {"source", given.source},
                 {"localities", names}, {"checks", checks},  {"disruption", publication.disruption}};
    return out;
}

}  // namespace

PipelineResult run_compare(const CompareOptions& options, const ProgressSink& progress) {
    // Shares of the progress bar: reading and overlay, contiguity, then the plans in equal parts.
    constexpr double k_overlay_share = 0.5;
    constexpr double k_ground_share = 0.15;
    const StageOptions config = shared_parts<StageOptions>(options);
    check_compare_config(config);
    const std::vector<PlanSource> plans = resolve_plans(config);
    const std::vector<std::string> names{k_table_name, "summary.json", k_report_name};
    output::OutputSet outputs(config.output_dir, names, config.overwrite);
    OverlayData data = load_and_overlay(config, ScaledProgress(progress, 0.0, k_overlay_share).sink());
    service_agencies(config, data);  // refuses an unknown --service-agency before the costly stages
    const std::vector<BoundRequest> requests = bound_requests(config, AreaFields(data));
    const ClusterGround ground =
        prepare_ground(config, data, ScaledProgress(progress, k_overlay_share, k_ground_share).sink());
    const graph::ContiguityGraph graph = contiguity_of_all_areas(ground.partition, data.areas.ids.size());

    json summary = overlay_summary(config, data, "compare");
    json rows = json::array();
    json entries = json::array();
    const double each = (1.0 - k_overlay_share - k_ground_share) / static_cast<double>(plans.size());
    std::vector<geom::Wkb> first_shapes;
    std::vector<int> first_colours;
    for (std::size_t i = 0; i < plans.size(); ++i) {
        const PlanSource& plan = plans[i];
        const std::size_t warned = data.warnings.size();
        const GivenLocalities given = read_given_localities(plan.config, data, "plan '" + plan.name + "'");
        name_plan_in_warnings(data.warnings, warned, plan.name);
        refuse_other_areas(plan, given, data);
        const json checks = check_given_localities(plan.config, given, requests, graph);
        if (!checks["met"].get<bool>()) {
            data.warnings.push_back(
                fmt::format("plan '{}': {} locality(ies) not contiguous, {} bound(s) breached "
                            "(listed in summary.json)",
                            plan.name, checks["not_contiguous"].size(), checks["bounds_breached"].size()));
        }
        const double at = k_overlay_share + k_ground_share + each * static_cast<double>(i);
        Proposal proposal = describe_proposal(plan.config, data, ground.variables.reported, given.result, {},
                                              ScaledProgress(progress, at, each).sink());
        Publication publication =
            make_publication(plan.config, data, proposal.result.region_of, proposal.shapes, proposal.figures);
        add_partner_costs(plan.config, data,
                          partner_costs(plan.config, data, ground.variables.reported, proposal.result),
                          publication);
        ScoredPlan scored = score_plan(data, plan, given, proposal, checks, publication);
        rows.push_back(std::move(scored.row));
        entries.push_back(std::move(scored.entry));
        if (i == 0) {
            // The report's map, profiles, partners and checks show the first plan in full.
            summary["constraints"] = proposal.constraints;
            json head{{"method", "given"}};
            for (const auto& [key, value] : proposal.localities.items()) {
                head[key] = value;
            }
            summary["localities"] = head;
            publish_proposal_summary(plan.config, publication, proposal, summary);
            if (!data.service_layers.empty()) {
                summary["disruption"] = publication.disruption;
            }
            first_shapes = std::move(proposal.shapes);
            first_colours = publication.layers.colours;
        }
    }
    output::write_csv(outputs.staging_path(k_table_name), rows_table(rows, "plan"));
    summary["variables"] = variables_json(config, ground.variables);
    summary["contiguity"] = contiguity_json(config, data, ground.partition);
    summary["comparison"] = {{"shown", plans.front().name}, {"plans", entries}, {"table", rows}};
    stage_report(outputs, summary, data, first_shapes, names, first_colours);
    return finish_run(std::move(summary), data.warnings, names, outputs);
}

}  // namespace locality::pipeline
