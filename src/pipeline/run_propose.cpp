// SPDX-License-Identifier: MIT
#include <cmath>

#include <fmt/format.h>

#include "inputs.hpp"
#include "locality/core/error.hpp"
#include "locality/dissolve/dissolve.hpp"
#include "locality/geom/geos_context.hpp"
#include "locality/graph/build_contiguity.hpp"
#include "locality/output/output_set.hpp"
#include "locality/output/styles.hpp"
#include "locality/output/write_layers.hpp"
#include "locality/regionalize/problem.hpp"
#include "need_profile.hpp"
#include "report_stage.hpp"
#include "summary.hpp"
#include "tables.hpp"

namespace locality::pipeline {

namespace {

using json = nlohmann::ordered_json;

// Share of the whole run's progress bar per stage.
constexpr double k_overlay_share = 0.55;
constexpr double k_contiguity_share = 0.15;
constexpr double k_cluster_share = 0.10;
constexpr double k_dissolve_share = 0.15;

/** Rounds to `decimals` places; dividing by the power of ten gives the double nearest the decimal. */
double round_to(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

/** The contiguity graph made connected, and what was found on the way. */
struct Contiguity {
    graph::ContiguityGraph graph;  ///< with bridges
    std::size_t geometric_edges = 0;
    graph::Components components;  ///< before bridging
    std::vector<graph::Bridge> bridges;
};

Contiguity build_connected_graph(const PipelineConfig& config, const OverlayData& data, const ProgressSink& progress) {
    Contiguity out;
    graph::ContiguityGraph geometric =
        graph::build_contiguity(data.areas.geometries, {config.tolerance_m}, progress);
    out.geometric_edges = geometric.edge_count();
    out.components = graph::connected_components(geometric);
    if (out.components.count > 1) {
        out.bridges = graph::bridge_components(geometric, data.areas.geometries);
    }
    std::vector<std::pair<ZoneId, ZoneId>> extra;
    for (const graph::Bridge& bridge : out.bridges) {
        extra.emplace_back(bridge.from, bridge.to);
    }
    out.graph = geometric.with_edges(extra);
    return out;
}

json contiguity_json(const PipelineConfig& config, const OverlayData& data, const Contiguity& contiguity) {
    json out;
    out["rule"] = "queen: areas that touch or lie within tolerance_m of each other";
    out["tolerance_m"] = config.tolerance_m;
    out["edges"] = contiguity.geometric_edges;
    out["components"] = contiguity.components.count;
    json sizes = json::array();
    std::size_t islands = 0;
    for (const std::size_t size : contiguity.components.sizes()) {
        sizes.push_back(size);
        islands += size == 1 ? 1 : 0;
    }
    out["component_sizes"] = sizes;
    out["single_area_islands"] = islands;
    json bridges = json::array();
    for (const graph::Bridge& bridge : contiguity.bridges) {
        bridges.push_back({{"from_area", data.areas.ids[bridge.from]},
                           {"to_area", data.areas.ids[bridge.to]},
                           {"distance_m", round_to(bridge.distance, 2)}});
    }
    out["bridges"] = bridges;
    return out;
}

void check_feasible(const PipelineConfig& config, const OverlayData& data) {
    const std::size_t zones = data.areas.ids.size();
    if (config.k > 0 && static_cast<std::size_t>(config.k) > zones) {
        throw InfeasibleError(fmt::format("--k {} exceeds the {} areas of '{}'; choose --k {} or fewer", config.k,
                                          zones, data.areas.label, zones));
    }
    if (config.min_population > 0.0) {
        const double total = data.total_population();
        if (total < config.min_population) {
            throw InfeasibleError(fmt::format(
                "--min-population {:.0f} exceeds the total population {:.0f} of '{}' (by {:.0f}); lower the floor",
                config.min_population, total, data.areas.label, config.min_population - total));
        }
        if (config.k > 0 && total < config.min_population * config.k) {
            throw InfeasibleError(fmt::format(
                "--k {} localities of at least {:.0f} residents need {:.0f}, but the areas hold {:.0f}; lower "
                "--k or --min-population",
                config.k, config.min_population, config.min_population * config.k, total));
        }
    }
}

std::vector<LocalityFigures> locality_figures(const OverlayData& data, const regionalize::Regionalization& result,
                                              const std::vector<geom::Wkb>& shapes) {
    const std::size_t agencies = data.agencies.size();
    std::vector<LocalityFigures> figures(static_cast<std::size_t>(result.region_count));
    geom::GeosContext ctx;
    for (std::size_t r = 0; r < figures.size(); ++r) {
        figures[r].locality = static_cast<int>(r) + 1;
        figures[r].cases.assign(agencies, 0);
        const geom::GeomPtr shape = geom::from_wkb(ctx, shapes[r]);
        figures[r].area_km2 = round_to(geom::area(ctx, shape.get()) / 1e6, 4);
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

json localities_json(const OverlayData& data, const regionalize::Regionalization& result, double total_ss,
                     const std::vector<LocalityFigures>& figures) {
    json out;
    out["method"] = "skater (minimum spanning tree partitioning with a population floor)";
    out["count"] = result.region_count;
    out["within_ss"] = result.within_ss;
    out["total_ss"] = total_ss;
    out["share_explained"] = total_ss > 0.0 ? 1.0 - result.within_ss / total_ss : 0.0;
    json list = json::array();
    for (const LocalityFigures& f : figures) {
        json entry{{"locality", f.locality}, {"areas", f.areas}};
        if (data.has_population()) {
            entry["population"] = f.population;
        }
        entry["cases_total"] = f.cases_total;
        json cases;
        for (std::size_t a = 0; a < data.agencies.size(); ++a) {
            cases[data.agencies[a].name] = f.cases[a];
        }
        entry["cases"] = cases;
        entry["area_km2"] = f.area_km2;
        list.push_back(entry);
    }
    out["localities"] = list;
    return out;
}

}  // namespace

PipelineResult run_propose(const PipelineConfig& config, const ProgressSink& progress) {
    check_config(config, true);
    std::vector<std::string> names{"localities.geojson", "localities.qml", "assignment.csv", "summary.json"};
    names.push_back(k_report_name);
    output::OutputSet outputs(config.output_dir, names, config.overwrite);

    OverlayData data = load_and_overlay(config, ScaledProgress(progress, 0.0, k_overlay_share).sink());
    check_feasible(config, data);

    double at = k_overlay_share;
    const ScaledProgress contiguity_progress(progress, at, k_contiguity_share);
    contiguity_progress.report(0.0, "contiguity");
    const Contiguity contiguity = build_connected_graph(config, data, contiguity_progress.sink());
    if (!contiguity.bridges.empty()) {
        data.warnings.push_back(fmt::format("contiguity: {} separate landmasses joined by {} bridges to their "
                                            "nearest area (listed in summary.json)",
                                            contiguity.components.count, contiguity.bridges.size()));
    }
    at += k_contiguity_share;

    const ScaledProgress cluster_progress(progress, at, k_cluster_share);
    cluster_progress.report(0.0, "localities");
    std::size_t zero_population = 0;
    const regionalize::AttributeMatrix profile = need_profile(data, zero_population);
    const std::vector<double> floor_values = data.has_population() ? data.areas.values : std::vector<double>{};
    regionalize::Problem problem{&contiguity.graph, &profile, {}, config.k};
    if (config.min_population > 0.0) {
        problem.bounds.push_back({"population", floor_values, config.min_population});
    }
    const regionalize::Regionalization result = regionalize::solve(problem, {{}, config.seed, 0});
    // Never write a result that breaks a promise: contiguity, one locality per area, every bound.
    regionalize::validate_regionalization(problem, result);
    const double total_ss =
        regionalize::within_sum_of_squares(profile, std::vector<int>(profile.rows, 0), profile.rows > 0 ? 1 : 0);
    cluster_progress.report(1.0, "localities");
    at += k_cluster_share;

    // Gaps between neighbouring areas narrower than the contiguity tolerance are boundary noise: the
    // holes they leave inside a locality are filled.
    std::size_t slivers_filled = 0;
    const std::vector<geom::Wkb> shapes = dissolve::dissolve_regions(
        data.areas.geometries, result.region_of, result.region_count,
        ScaledProgress(progress, at, k_dissolve_share).sink(), config.tolerance_m, &slivers_filled);
    at += k_dissolve_share;
    const std::vector<LocalityFigures> figures = locality_figures(data, result, shapes);

    const ScaledProgress writing(progress, at, 1.0 - at);
    writing.report(0.0, "writing");
    output::write_geojson(outputs.staging_path("localities.geojson"), localities_table(data, figures), shapes,
                          data.working);
    output::write_text_file(outputs.staging_path("localities.qml"), std::string(output::localities_style_qml()));
    output::write_csv(outputs.staging_path("assignment.csv"), assignment_table(data, result.region_of));

    json summary = overlay_summary(config, data, "propose");
    summary["need_profile"] = {
        {"variables", data.has_population() ? "cases per 1,000 residents, per agency, standardised (z-scores)"
                                            : "cases per agency, standardised (z-scores)"},
        {"zero_population_areas_given_overall_rate", zero_population}};
    summary["contiguity"] = contiguity_json(config, data, contiguity);
    summary["localities"] = localities_json(data, result, total_ss, figures);
    summary["localities"]["sliver_holes_filled"] = slivers_filled;
    stage_report(outputs, summary, data, shapes, names);
    PipelineResult out = finish_run(std::move(summary), data.warnings, names, outputs);
    writing.report(1.0, "writing");
    return out;
}

}  // namespace locality::pipeline
