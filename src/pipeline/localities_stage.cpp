// SPDX-License-Identifier: MIT
#include "localities_stage.hpp"

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include <cmath>
#include <memory>
#include <set>

#include "area_fields.hpp"
#include "bound_checks.hpp"
#include "constraints.hpp"
#include "containers.hpp"
#include "disruption.hpp"
#include "input_checks.hpp"
#include "keep_close_to.hpp"
#include "locality/core/error.hpp"
#include "locality/dissolve/dissolve.hpp"
#include "locality/geom/shape_measures.hpp"
#include "locality/graph/build_contiguity.hpp"
#include "locality/io/connection.hpp"
#include "locality/output/styles.hpp"
#include "locality/output/write_layers.hpp"
#include "locality/regionalize/problem.hpp"
#include "locality/regionalize/run_seeds.hpp"
#include "need_profile.hpp"
#include "partition.hpp"
#include "publish.hpp"
#include "report_stage.hpp"
#include "rounding.hpp"
#include "share_package.hpp"
#include "summary/summary.hpp"
#include "tables.hpp"

namespace locality::pipeline {

namespace {

using json = nlohmann::ordered_json;

// Share of these stages' progress.
constexpr double k_contiguity_share = 0.35;
constexpr double k_cluster_share = 0.25;
constexpr double k_dissolve_share = 0.30;

const char* island_word(IslandPolicy policy) {
    switch (policy) {
        case IslandPolicy::own:
            return "own";
        case IslandPolicy::error:
            return "error";
        case IslandPolicy::bridge:
            break;
    }
    return "bridge";
}

}  // namespace

json contiguity_json(const StageOptions& config, const OverlayData& data, const Partition& partition) {
    json out;
    out["rule"] = "queen: areas that touch or lie within tolerance_m of each other";
    out["tolerance_m"] = config.tolerance_m;
    out["edges"] = partition.geometric_edges;
    out["components"] = partition.components.count;
    json sizes = json::array();
    std::size_t islands = 0;
    for (const std::size_t size : partition.components.sizes()) {
        sizes.push_back(size);
        islands += size == 1 ? 1 : 0;
    }
    out["component_sizes"] = sizes;
    out["single_area_islands"] = islands;
    out["islands"] = island_word(config.islands);
    json bridges = json::array();
    for (const graph::Bridge& bridge : partition.bridges) {
        bridges.push_back({{"from_area", data.areas.ids[bridge.from]},
                           {"to_area", data.areas.ids[bridge.to]},
                           {"distance_m", round_to(bridge.distance, 2)}});
    }
    out["bridges"] = bridges;
    return out;
}

namespace {

std::vector<LocalityFigures> locality_figures(const OverlayData& data,
                                              const regionalize::Regionalization& result,
                                              const std::vector<std::string>& container_of_region,
                                              const std::vector<geom::Wkb>& shapes) {
    const std::size_t agencies = data.agencies.size();
    std::vector<LocalityFigures> figures(static_cast<std::size_t>(result.region_count));
    const std::vector<double> areas_m2 = geom::areas(shapes);
    for (std::size_t r = 0; r < figures.size(); ++r) {
        figures[r].locality = static_cast<int>(r) + 1;
        figures[r].cases.assign(agencies, 0);
        figures[r].area_km2 = round_to(areas_m2[r] / 1e6, 4);
        if (!container_of_region.empty()) {
            figures[r].container = container_of_region[r];
        }
    }
    for (std::size_t z = 0; z < data.areas.ids.size(); ++z) {
        LocalityFigures& f = figures[static_cast<std::size_t>(result.region_of[z])];
        f.areas += 1;
        if (data.has_population()) {
            f.population += data.areas.values[z];
        }
        for (std::size_t a = 0; a < agencies; ++a) {
            const std::int64_t n = data.counts.at(static_cast<ZoneId>(z), a);
            f.cases[a] += n;
            f.cases_total += n;
        }
    }
    return figures;
}

/** Each locality's total of every bound's field, keyed by field name. */
std::vector<json> bound_totals(const std::vector<BoundRequest>& requests,
                               const regionalize::Regionalization& result) {
    std::vector<json> totals(static_cast<std::size_t>(result.region_count), json::object());
    for (const BoundRequest& request : requests) {
        std::vector<double> sums(totals.size(), 0.0);
        for (std::size_t z = 0; z < request.values.size(); ++z) {
            sums[static_cast<std::size_t>(result.region_of[z])] += request.values[z];
        }
        for (std::size_t r = 0; r < totals.size(); ++r) {
            totals[r][request.name] = sums[r];
        }
    }
    return totals;
}

/**
 * Adds each published locality's container and its totals of the non-count bounds. Totals of case
 * counts are left out: the published profile carries those counts, under disclosure control.
 */
void add_groups_and_bounds(const std::vector<LocalityFigures>& figures, const std::vector<json>& totals,
                           json& published) {
    for (std::size_t r = 0; r < figures.size() && r < published.size(); ++r) {
        if (!figures[r].container.empty()) {
            published[r]["container"] = figures[r].container;
        }
        json kept = json::object();
        for (const auto& [name, value] : totals[r].items()) {
            if (name.rfind("cases_", 0) != 0) {
                kept[name] = value;
            }
        }
        if (!kept.empty()) {
            published[r]["bound_totals"] = kept;
        }
    }
}

json constraints_json(const StageOptions& config, const std::vector<BoundRequest>& requests) {
    json bounds = json::array();
    for (const BoundRequest& request : requests) {
        json entry{{"field", request.name}, {"option", request.option}};
        entry["min"] = std::isfinite(request.min) ? json(request.min) : json();
        entry["max"] = std::isfinite(request.max) ? json(request.max) : json();
        if (request.balance_pct > 0.0) {
            entry["balance_pct"] = request.balance_pct;
            entry["rule"] = "each locality within balance_pct % of its group's mean (total / k)";
        }
        bounds.push_back(entry);
    }
    json out;
    out["rule"] = "sums over each locality's areas; bounds inclusive";
    out["bounds"] = bounds;
    out["k"] = config.k > 0 ? json(config.k) : json();
    return out;
}

json containers_json(const Containers& containers, const std::vector<ZoneGroup>& groups) {
    json list = json::array();
    for (const ZoneGroup& group : groups) {
        list.push_back({{"container", containers.ids[static_cast<std::size_t>(group.container)]},
                        {"landmass", group.landmass > 0 ? json(group.landmass) : json()},
                        {"areas", group.zones.size()},
                        {"k", group.k > 0 ? json(group.k) : json()}});
    }
    json out;
    out["source"] = containers.label;
    if (containers.file.is_file) {
        out["size_bytes"] = containers.file.size_bytes;
        out["sha256"] = containers.file.sha256;
    }
    out["id_field"] = containers.id_field;
    out["rule"] =
        "each area goes to the container covering the largest share of it; each container is solved "
        "on its own; --k is shared by population, largest remainder, at least one each";
    out["count"] = containers.ids.size();
    out["repaired_ids"] = containers.repaired_ids;
    out["groups"] = list;
    return out;
}

/**
 * The localities (1-based) whose written shape has several parts: contiguous at a corner, through a
 * bridge or across a gap within the tolerance, not in one piece. The report says so rather than claim one
 * piece.
 */
json multipart_localities(const std::vector<geom::Wkb>& shapes) {
    json out = json::array();
    const std::vector<std::size_t> parts = geom::part_counts(shapes);
    for (std::size_t r = 0; r < shapes.size(); ++r) {
        if (parts[r] > 1) {
            out.push_back(r + 1);
        }
    }
    return out;
}

/** Weights that share --k between groups: the balance field, else population, else area count. */
std::vector<double> apportion_weights(const std::vector<ZoneGroup>& groups,
                                      const std::vector<BoundRequest>& requests, const OverlayData& data) {
    const std::vector<double>* values = data.has_population() ? &data.areas.values : nullptr;
    for (const BoundRequest& request : requests) {
        if (request.balance_pct > 0.0) {
            values = &request.values;
        }
    }
    std::vector<double> weights;
    for (const ZoneGroup& group : groups) {
        double w = 0.0;
        for (const ZoneId z : group.zones) {
            w += values != nullptr ? (*values)[z] : 1.0;
        }
        weights.push_back(w);
    }
    return weights;
}

/** The different localities --fixed pins inside each group: each needs a locality of its own there. */
std::vector<int> pinned_per_group(const std::vector<ZoneGroup>& groups, const std::vector<int>& pinned) {
    std::vector<int> out(groups.size(), 0);
    for (std::size_t g = 0; g < groups.size() && !pinned.empty(); ++g) {
        std::set<int> labels;
        for (const ZoneId z : groups[g].zones) {
            if (pinned[static_cast<std::size_t>(z)] >= 0) {
                labels.insert(pinned[static_cast<std::size_t>(z)]);
            }
        }
        out[g] = static_cast<int>(labels.size());
    }
    return out;
}

}  // namespace

void check_cluster_options(const StageOptions& config) {
    bool floor = config.min_population > 0.0;
    for (const ConstraintSpec& spec : config.min_bounds) {
        floor = floor || spec.value > 0.0;
    }
    check_keep_options(config);
    if (config.k <= 0 && !floor && !maintaining(config)) {
        throw UsageError(
            "give --k N (number of localities) or --min-population N / --min FIELD=VALUE (a floor per "
            "locality)");
    }
    if (config.min_population > 0.0 && config.population_field.empty()) {
        throw UsageError("--min-population needs --population FIELD (the areas' population field)");
    }
    if (config.balance_pct > 0.0 && config.k <= 0) {
        throw UsageError("--balance needs --k N: the mean it balances around is the total / k");
    }
    if (!(config.balance_pct >= 0.0 && config.balance_pct < 100.0)) {
        throw UsageError("--balance must be a percentage in [0, 100)");
    }
    if (!(config.compactness >= 0.0) || !std::isfinite(config.compactness)) {
        throw UsageError("--compactness must be a finite weight >= 0");
    }
    if (!(config.shape_weight >= 0.0) || !std::isfinite(config.shape_weight)) {
        throw UsageError("--shape-weight must be a finite weight >= 0 (0 = shape-blind)");
    }
    for (const auto& [agency, weight] : config.keep_close_to) {
        if (!(weight > 0.0) || !std::isfinite(weight)) {
            throw UsageError("--keep-close-to " + agency + ": the weight must be a finite number > 0");
        }
    }
    if (config.smooth == Smoothing::eb && (!config.attributes.empty() || config.population_field.empty())) {
        throw UsageError(
            "--smooth eb smooths the per-agency rates of the need profile: it needs --population and "
            "no --attributes");
    }
    if (config.starts < 0) {
        throw UsageError("--starts must be >= 0 (0 = chosen by the engine)");
    }
}

void refuse_agencies_beyond_table(const StageOptions& config, const OverlayData& data) {
    if (const std::string refusal =
            too_many_agencies(data.agencies.size(), wants_format(config, OutputFormat::gpkg),
                              io::is_postgres_connection(config.output_dir));
        !refusal.empty()) {
        throw InputError(refusal);
    }
}

void check_proposal_feasible(const StageOptions& config, const OverlayData& data) {
    const AreaFields fields(data);
    std::vector<ZoneId> all(data.areas.ids.size());
    for (std::size_t z = 0; z < all.size(); ++z) {
        all[z] = static_cast<ZoneId>(z);
    }
    check_group_feasible(bound_requests(config, fields), all, config.k,
                         fmt::format("areas '{}'", data.areas.label), data.areas.ids);
}

ClusterGround prepare_ground(const StageOptions& config, OverlayData& data, const ProgressSink& progress) {
    if (const std::string refusal = overlap_refusal(data.coverage, data.areas.label); !refusal.empty()) {
        throw InputError(refusal);
    }
    ClusterGround ground;
    ground.variables = cluster_variables(config, data, AreaFields(data));
    if (const std::vector<std::string> flat =
            config.attributes.empty() ? std::vector<std::string>{} : constant_attributes(ground.variables);
        !flat.empty()) {
        // Standardised, a field with one value in every area is zero everywhere: it weighs nothing,
        // and with no other field the localities are drawn by the bounds alone (share explained 0).
        data.warnings.push_back(fmt::format(
            "--attributes: {} the same value in every area, so {} no locality from another{}; "
            "choose fields that vary between areas",
            flat.size() == 1 ? fmt::format("field '{}' has", flat.front())
                             : fmt::format("fields {} have", listed(flat)),
            flat.size() == 1 ? "it separates" : "they separate",
            flat.size() == config.attributes.size()
                ? " and the localities follow the bounds alone (share of the attributes explained 0)"
                : ""));
    }
    if (config.attributes.empty() && !data.has_population()) {
        // Said out loud: a busy area then looks needy because it is big, not because its rate is high.
        data.warnings.push_back(
            "no --population: the localities are clustered on each agency's case counts per "
            "area (counts, not rates per resident); give --population FIELD to cluster on rates");
    }
    if (!config.within.path.empty()) {
        ground.containers = std::make_unique<Containers>(assign_containers(config, data));
        // Before the contiguity is built: a container below a floor is refused at once, all of them.
        check_containers_reach_floors(bound_requests(config, AreaFields(data)),
                                      ground.containers->container_of, ground.containers->ids);
    }
    const graph::ContiguityGraph geometric =
        graph::build_contiguity(data.areas.geometries, {config.tolerance_m}, progress);
    ground.partition =
        partition_areas(geometric, data.areas.geometries,
                        ground.containers ? ground.containers->container_of : std::vector<int>{},
                        config.islands, data.areas.ids);
    ground.fixed = read_fixed_areas(config, data, ground.partition, bound_requests(config, AreaFields(data)));
    if (config.shape_weight > 0.0) {
        // Measured once with the contiguity: the engine then keeps every perimeter incrementally.
        attach_shapes(ground.partition.groups, geometric,
                      graph::measure_borders(geometric, data.areas.geometries, {config.tolerance_m}));
    }
    if (!ground.partition.bridges.empty()) {
        data.warnings.push_back(
            fmt::format("contiguity: {} separate landmasses joined by {} bridges to their "
                        "nearest area (listed in summary.json)",
                        ground.partition.components.count, ground.partition.bridges.size()));
    }
    return ground;
}

namespace {

// --confidence N: N more solutions of the same groups and bounds, each seeded on its own stream
// (regionalize::run_seeds), solved in parallel into their own slots: the same whatever the threads.
BoundaryConfidence confidence_of(const StageOptions& config, const std::vector<ZoneGroup>& groups,
                                 const ClusterGround& ground, const std::vector<BoundRequest>& requests,
                                 const regionalize::Method& method, const SolvedGroups& solved) {
    const std::vector<std::uint64_t> seeds = regionalize::run_seeds(config.seed, config.confidence_runs);
    std::vector<std::vector<RegionId>> runs(seeds.size());
    tbb::parallel_for(std::size_t{0}, seeds.size(), [&](std::size_t i) {
        runs[i] =
            solve_groups(groups, ground.variables.solved, requests, {method, seeds[i], config.starts, true})
                .result.region_of;
    });
    BoundaryConfidence out = boundary_confidence(solved.result.region_of, solved.result.region_count, runs);
    out.seeds = seeds;
    return out;
}

}  // namespace

Proposal solve_proposal(const StageOptions& config, const OverlayData& data, const ClusterGround& ground,
                        const ProgressSink& progress) {
    const std::vector<BoundRequest> requests = bound_requests(config, AreaFields(data));
    const regionalize::Method method = config.method;
    const Containers* containers = ground.containers.get();
    const double cluster_share = k_cluster_share / (k_cluster_share + k_dissolve_share);
    const ScaledProgress cluster_progress(progress, 0.0, cluster_share);
    cluster_progress.report(0.0, "localities");
    std::vector<ZoneGroup> groups = ground.partition.groups;  // k is shared out per proposal
    std::vector<std::string> labels;
    for (const ZoneGroup& group : groups) {
        labels.push_back(group_label(
            group, containers != nullptr ? containers->ids : std::vector<std::string>{}, data.areas.ids));
    }
    if (config.k > 0 && groups.size() > 1) {
        // Shared by population, but never more localities than a group's own floors allow (a
        // container of 1,800 residents has room for one locality of 950), nor fewer than its ceilings need.
        const std::string named = containers != nullptr ? "containers and landmasses" : "landmasses";
        const GroupLimits limits = group_limits(groups, requests, config.k, labels,
                                                pinned_per_group(groups, ground.fixed.pinned), named);
        apportion_k(groups, config.k, apportion_weights(groups, requests, data), named, limits.least,
                    limits.most);
    } else if (config.k > 0) {
        groups.front().k = config.k;
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
        check_group_feasible(requests, groups[g].zones, groups[g].k, labels[g], data.areas.ids);
    }
    // The engine always keeps the closest partition when none meets every bound, so that the
    // refusal can say how close it came (and --best-effort can write it).
    const SolvedGroups solved =
        solve_groups(groups, ground.variables.solved, requests, {method, config.seed, config.starts, true},
                     ground.fixed.pinned, config.shape_weight, kept_agencies(config, data));
    const std::vector<BoundViolation> violations = bound_violations(groups, solved, requests);
    const std::vector<GroupBalance> balances = balance_by_group(groups, solved, requests, labels);
    if (!violations.empty() && !config.best_effort) {
        throw InfeasibleError(
            config.k > 0 ? infeasible_message(violations, balances, config.k)
                         : max_p_infeasible_message(violations, requests, solved.result.region_count));
    }
    BoundaryConfidence confidence;
    if (config.confidence_runs > 0) {
        cluster_progress.report(0.5, "confidence");
        confidence = confidence_of(config, groups, ground, requests, method, solved);
    }
    cluster_progress.report(1.0, "localities");
    std::vector<std::string> container_of_region;
    if (containers != nullptr) {
        for (const int g : solved.group_of_region) {
            container_of_region.push_back(
                containers->ids[static_cast<std::size_t>(groups[static_cast<std::size_t>(g)].container)]);
        }
    }
    Proposal out =
        describe_proposal(config, data, ground.variables.reported, solved.result, container_of_region,
                          ScaledProgress(progress, cluster_share, 1.0 - cluster_share).sink());
    if (!violations.empty()) {
        out.warnings.push_back(best_effort_warning(violations, balances));
    }
    out.confidence = std::move(confidence);
    if (data.has_population()) {
        std::vector<double> populations;
        for (const LocalityFigures& f : out.figures) {
            populations.push_back(f.population);
        }
        const std::string spread = population_spread_warning(populations, requests);
        if (!spread.empty()) {
            out.warnings.push_back(spread);
        }
    }
    json head{{"method", regionalize::method_name(method)},
              {"seed", config.seed},
              {"starts", config.starts > 0 ? json(config.starts) : json("auto")},
              {"groups_solved", groups.size()}};
    for (const auto& [key, value] : out.localities.items()) {
        head[key] = value;
    }
    if (!balances.empty()) {
        head["balance"] = balance_json(balances);
    }
    head["best_effort"] = config.best_effort;
    head["violations"] = violations_json(violations);
    out.localities = head;
    if (containers != nullptr) {
        out.containers = containers_json(*containers, groups);
    }
    return out;
}

Proposal describe_proposal(const StageOptions& config, const OverlayData& data,
                           const regionalize::AttributeMatrix& reported,
                           const regionalize::Regionalization& result,
                           const std::vector<std::string>& container_of_region,
                           const ProgressSink& progress) {
    // Heterogeneity on the need variables only: the shape term of --compactness is a means, not a result.
    Proposal out;
    out.within_ss = regionalize::within_sum_of_squares(reported, result.region_of, result.region_count);
    out.total_ss = regionalize::within_sum_of_squares(reported, std::vector<int>(reported.rows, 0),
                                                      reported.rows > 0 ? 1 : 0);

    // Gaps between neighbouring areas narrower than the contiguity tolerance are boundary noise: the
    // holes they leave inside a locality are filled.
    out.shapes = dissolve::dissolve_regions(data.areas.geometries, result.region_of, result.region_count,
                                            progress, config.tolerance_m, &out.slivers_filled);
    out.figures = locality_figures(data, result, container_of_region, out.shapes);
    const std::vector<BoundRequest> requests = bound_requests(config, AreaFields(data));
    out.constraints = constraints_json(config, requests);
    out.bound_totals = bound_totals(requests, result);
    out.localities = json{{"count", result.region_count},
                          {"within_ss", out.within_ss},
                          {"total_ss", out.total_ss},
                          {"share_explained", share_explained(out.within_ss, out.total_ss)},
                          {"sliver_holes_filled", out.slivers_filled},
                          {"multipart_localities", multipart_localities(out.shapes)}};
    out.result = result;
    return out;
}

double share_explained(double within_ss, double total_ss) {
    return total_ss > 0.0 ? 1.0 - within_ss / total_ss : 0.0;
}

void publish_proposal_summary(const StageOptions& config, const Publication& publication,
                              const Proposal& proposal, json& summary) {
    publish_summary(config, publication, summary);
    json& localities = summary["localities"]["localities"];
    add_groups_and_bounds(proposal.figures, proposal.bound_totals, localities);
    // The names the layers carry beside the numbers (add_locality_names), for the report's table.
    for (std::size_t l = 0; l < proposal.names.size() && l < localities.size(); ++l) {
        localities[l]["locality_name"] = proposal.names[l];
    }
}

json variables_json(const StageOptions& config, const ClusterVariables& variables) {
    return {{"description", variables.description},
            {"names", variables.names},
            {"smooth", config.smooth == Smoothing::eb ? "eb" : "none"},
            {"compactness", config.compactness},
            {"shape_weight", config.shape_weight},
            {"zero_population_areas_given_overall_rate", variables.zero_population}};
}

PipelineResult cluster_and_write(const StageOptions& config, OverlayData& data, output::OutputSet& outputs,
                                 json summary, const ProgressSink& progress) {
    refuse_agencies_beyond_table(config, data);
    service_agencies(config, data);  // refuses an unknown --service-agency before the costly stages
    kept_agencies(config, data);     // and a --keep-close-to agency without cases or service layer
    if (!config.keep_close_to.empty()) {
        summary["parameters"]["keep_close_to"] = keep_close_to_json(config);
    }
    check_proposal_feasible(config, data);
    const ClusterGround ground =
        prepare_ground(config, data, ScaledProgress(progress, 0.0, k_contiguity_share).sink());
    const double at = k_contiguity_share + k_cluster_share + k_dissolve_share;
    if (!ground.fixed.summary.is_null()) {
        summary["fixed"] = ground.fixed.summary;
    }
    if (maintaining(config)) {
        // Maintenance mode: the start's localities, changed only as far as needed.
        json maintenance;
        const Proposal kept =
            maintain_proposal(config, data, ground, outputs.staging_path("moves.csv"), maintenance,
                              ScaledProgress(progress, k_contiguity_share, at - k_contiguity_share).sink());
        if (maintenance["moved"].get<std::size_t>() > 0) {
            data.warnings.push_back(fmt::format("--start-from: {} area(s) moved (listed in moves.csv)",
                                                maintenance["moved"].get<std::size_t>()));
        }
        summary["maintenance"] = maintenance;
        return write_proposal(config, data, ground, kept, outputs, std::move(summary),
                              ScaledProgress(progress, at, 1.0 - at).sink());
    }
    const Proposal proposal = solve_proposal(
        config, data, ground, ScaledProgress(progress, k_contiguity_share, at - k_contiguity_share).sink());

    data.warnings.insert(data.warnings.end(), proposal.warnings.begin(), proposal.warnings.end());
    if (!data.shared.empty()) {  // propose --counts: how far the localities rest on the withheld counts
        summary["data_sharing"]["sensitivity"] =
            withheld_sensitivity(config, data, ground, proposal.result.region_of);
    }
    return write_proposal(config, data, ground, proposal, outputs, std::move(summary),
                          ScaledProgress(progress, at, 1.0 - at).sink());
}

PipelineResult write_proposal(const StageOptions& config, const OverlayData& data,
                              const ClusterGround& ground, const Proposal& proposal,
                              output::OutputSet& outputs, json summary, const ProgressSink& progress) {
    const ScaledProgress writing(progress, 0.0, 1.0);
    writing.report(0.0, "writing");
    Publication publication =
        make_publication(config, data, proposal.result.region_of, proposal.shapes, proposal.figures);
    const std::vector<PartnerCost> costs =
        partner_costs(config, data, ground.variables.reported, proposal.result);
    add_partner_costs(config, data, costs, publication);
    if (proposal.confidence.runs > 0) {
        add_confidence(proposal.confidence, publication);
    }
    // A locality named "5" or "02" by its source, numbered 2, must not be joined on its number alone.
    add_locality_names(publication.layers.localities, proposal.names);
    add_locality_names(publication.layers.areas, proposal.names);
    if (!publication.area_counts.fields.empty()) {
        add_locality_names(publication.area_counts, proposal.names);
    }
    write_publication(config, publication, outputs);
    output::Table assignment = assignment_table(data, proposal.result.region_of);
    add_locality_names(assignment, proposal.names);
    output::write_csv(outputs.staging_path("assignment.csv"), assignment);

    summary["variables"] = variables_json(config, ground.variables);
    summary["constraints"] = proposal.constraints;
    summary["contiguity"] = contiguity_json(config, data, ground.partition);
    if (!proposal.containers.is_null()) {
        summary["containers"] = proposal.containers;
    }
    summary["localities"] = proposal.localities;
    publish_proposal_summary(config, publication, proposal, summary);
    if (!data.service_layers.empty()) {
        summary["disruption"] = publication.disruption;
    }
    if (proposal.confidence.runs > 0) {
        summary["confidence"] = confidence_json(proposal.confidence);
    }
    const std::vector<std::string> names = propose_output_names(config);
    stage_report(outputs, summary, data, proposal.shapes, names, publication.layers.colours,
                 proposal.confidence.of_area, proposal.result.region_of);
    std::vector<std::string> warnings = data.warnings;
    warnings.insert(warnings.end(), publication.warnings.begin(), publication.warnings.end());
    PipelineResult out = finish_run(std::move(summary), warnings, names, outputs);
    writing.report(1.0, "writing");
    return out;
}

}  // namespace locality::pipeline
