// SPDX-License-Identifier: MIT
#include "scenarios.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "area_disclosure.hpp"
#include "disruption.hpp"
#include "frontier.hpp"
#include "localities_stage.hpp"
#include "locality/core/error.hpp"
#include "locality/geom/shape_measures.hpp"
#include "locality/output/styles.hpp"
#include "locality/output/write_gpkg.hpp"
#include "locality/output/write_layers.hpp"
#include "plan_figures.hpp"
#include "publish.hpp"
#include "report_stage.hpp"
#include "rounding.hpp"
#include "summary/summary.hpp"

namespace locality::pipeline {

namespace {

using json = nlohmann::ordered_json;

constexpr const char* k_scenarios_gpkg = "scenarios.gpkg";
constexpr const char* k_frontier_csv = "frontier.csv";
constexpr const char* k_area_counts_csv = "area_counts.csv";

struct Scenario {
    std::string tag;  ///< `k06`, `min50000`: in file names and in scenarios.csv
    StageOptions config;
};

std::vector<Scenario> scenarios_of(const StageOptions& config) {
    std::vector<Scenario> out;
    if (is_frontier(config)) {
        for (auto& [tag, point] : frontier_configs(config)) {
            out.push_back({tag, std::move(point)});
        }
    }
    if (!config.k_sweep.empty() && !config.min_population_sweep.empty()) {
        throw UsageError(
            "sweep one option at a time: a range or list for --k, or a list for --min-population");
    }
    if (config.confidence_runs > 0) {
        throw UsageError(
            "--confidence is for a single run, not a sweep: run the chosen scenario alone with "
            "--confidence N");
    }
    std::set<std::string> tags;
    const int max_k =
        config.k_sweep.empty() ? 0 : *std::max_element(config.k_sweep.begin(), config.k_sweep.end());
    const int width = std::max(2, static_cast<int>(std::to_string(max_k).size()));
    for (const int k : config.k_sweep) {
        Scenario s{fmt::format("k{:0{}d}", k, width), config};
        s.config.k = k;
        out.push_back(std::move(s));
    }
    for (const double floor : config.min_population_sweep) {
        Scenario s{fmt::format("min{:.0f}", floor), config};
        s.config.min_population = floor;
        out.push_back(std::move(s));
    }
    for (Scenario& s : out) {
        s.config.k_sweep.clear();
        s.config.min_population_sweep.clear();
        if (!tags.insert(s.tag).second) {
            throw UsageError("scenario '" + s.tag + "' is listed twice; list each value once");
        }
    }
    return out;
}

/** The files a sweep writes: per scenario its layer in each format asked for and its assignment. */
std::vector<std::string> output_names(const StageOptions& config, const std::vector<Scenario>& scenarios) {
    std::vector<std::string> names;
    for (const Scenario& s : scenarios) {
        if (wants_format(config, OutputFormat::geojson)) {
            names.push_back("localities_" + s.tag + ".geojson");
            names.push_back("localities_" + s.tag + ".qml");
        }
        names.push_back("assignment_" + s.tag + ".csv");
    }
    if (config.area_counts) {
        names.emplace_back(k_area_counts_csv);
    }
    if (wants_format(config, OutputFormat::gpkg)) {
        names.emplace_back(k_scenarios_gpkg);
    }
    for (const char* name :
         {is_frontier(config) ? k_frontier_csv : "scenarios.csv", "summary.json", k_report_name}) {
        names.emplace_back(name);
    }
    return names;
}

/** Appends column `from_name` of `from` to `to` as `to_name`; `to` gets one row per row of `from` when it has
 * none. */
void copy_column(const output::Table& from, const std::string& from_name, const std::string& to_name,
                 output::Table& to) {
    const auto field = std::find_if(from.fields.begin(), from.fields.end(),
                                    [&](const output::Field& f) { return f.name == from_name; });
    if (field == from.fields.end()) {
        throw Error("scenarios: internal error: no column '" + from_name + "' to copy");
    }
    const auto at = static_cast<std::size_t>(field - from.fields.begin());
    to.fields.push_back({to_name, field->type});
    to.rows.resize(from.rows.size());
    for (std::size_t r = 0; r < from.rows.size(); ++r) {
        to.rows[r].push_back(from.rows[r][at]);
    }
}

/**
 * A sweep's area_counts.csv, one for all its scenarios: every scenario withholds the same area counts
 * (the base pattern, audited jointly with every scenario's localities: decision 0042), so the counts
 * are written once, with each scenario's locality (`locality_TAG`) in place of a run's `locality`.
 */
void add_scenario_localities(const std::string& tag, const output::Table& scenario, output::Table& sweep) {
    if (sweep.fields.empty()) {
        sweep = scenario;
        const auto locality = std::find_if(sweep.fields.begin(), sweep.fields.end(),
                                           [](const output::Field& f) { return f.name == "locality"; });
        const auto at = locality - sweep.fields.begin();
        sweep.fields.erase(locality);
        for (std::vector<output::Value>& row : sweep.rows) {
            row.erase(row.begin() + at);
        }
    }
    copy_column(scenario, "locality", "locality_" + tag, sweep);
}

/**
 * scenarios.gpkg, gathered scenario by scenario and written once at the end (write_gpkg writes a
 * whole GeoPackage in one transaction): one localities layer per scenario, the small areas with each
 * scenario's locality, and the service areas with the number of localities each scenario gives them.
 */
class ScenarioGpkg {
public:
    explicit ScenarioGpkg(const OverlayData& data) : m_data(data) {}

    /** Adds scenario `tag`: its published localities with `shapes` (taken), and its columns of the other
     * layers. */
    void add(const std::string& tag, const Publication& publication, std::vector<geom::Wkb> shapes) {
        const LayerSet& layers = publication.layers;
        const std::size_t count = layers.localities.rows.size();
        m_localities.push_back(
            {"localities_" + tag,
             fmt::format("Scenario {}: {} {}", tag, count, count == 1 ? "locality" : "localities"),
             layers.localities, std::move(shapes), localities_qml(layers)});
        if (m_areas.fields.empty()) {
            for (const char* name : {"area_id", "population", "need_quintile"}) {
                copy_column(layers.areas, name, name, m_areas);
            }
            m_services.resize(layers.service_areas.size());
            for (std::size_t s = 0; s < m_services.size(); ++s) {
                copy_column(layers.service_areas[s], "service_area", "service_area", m_services[s]);
            }
        }
        copy_column(layers.areas, "locality", "locality_" + tag, m_areas);
        for (std::size_t s = 0; s < m_services.size(); ++s) {
            copy_column(layers.service_areas[s], "localities", "localities_" + tag, m_services[s]);
        }
    }

    /** Writes the GeoPackage to `path`; the gathered layers are given up. */
    void write(const std::string& path) {
        std::vector<output::GpkgLayer> layers = std::move(m_localities);
        layers.push_back(areas_gpkg_layer(m_data, "Small areas with their locality in each scenario and need",
                                          std::move(m_areas)));
        add_service_gpkg_layers(m_data, m_services, layers);
        output::write_gpkg(path, layers, m_data.working);
    }

private:
    const OverlayData& m_data;
    std::vector<output::GpkgLayer> m_localities;  ///< one per scenario, in order
    output::Table m_areas;                        ///< area_id, population, need_quintile, locality_<tag>...
    std::vector<output::Table> m_services;        ///< per service layer: service_area, localities_<tag>...
};

/**
 * Per service-area layer: over its service areas, the mean number of localities each is split
 * across, each small area counted in its dominant service area (largest share of its area).
 */
std::vector<double> localities_per_service_area(const OverlayData& data, const std::vector<int>& region_of) {
    std::vector<double> out;
    for (const ServiceLayer& layer : data.service_layers) {
        std::vector<std::set<int>> localities(layer.layer.ids.size());
        for (std::size_t z = 0; z < layer.shares.size(); ++z) {
            const long s = layer.shares[z].dominant();
            if (s >= 0) {
                localities[static_cast<std::size_t>(s)].insert(region_of[z]);
            }
        }
        double sum = 0.0;
        std::size_t counted = 0;
        for (const std::set<int>& set : localities) {
            sum += static_cast<double>(set.size());
            counted += set.empty() ? 0 : 1;
        }
        out.push_back(counted > 0 ? sum / static_cast<double>(counted) : 0.0);
    }
    return out;
}

json scenario_row(const Scenario& s, const Proposal& p, const OverlayData& data) {
    json row{{"scenario", s.tag},
             {"k", s.config.k > 0 ? json(s.config.k) : json()},
             {"min_population", s.config.min_population > 0.0 ? json(s.config.min_population) : json()},
             {"localities", p.result.region_count},
             {"within_ss", p.within_ss},
             {"share_explained", p.total_ss > 0.0 ? 1.0 - p.within_ss / p.total_ss : 0.0}};
    add_population_balance(data, p.figures, row);
    row["mean_polsby_popper"] = round_to(polsby_popper_of(p.shapes).mean, 4);
    const std::vector<double> alignment = localities_per_service_area(data, p.result.region_of);
    for (std::size_t l = 0; l < alignment.size(); ++l) {
        row["localities_per_" + data.service_layers[l].name + "_area"] = round_to(alignment[l], 3);
    }
    return row;
}

/**
 * A scenario's GeoJSON layer (when asked for) and assignment, with its counts under the same
 * disclosure control as a single run, protected jointly with the other scenarios' (`withheld`).
 */
Publication write_scenario_layers(const StageOptions& config, output::OutputSet& outputs,
                                  const std::string& tag, const OverlayData& data, const Proposal& p,
                                  const ProposalWithheld& withheld) {
    Publication publication =
        make_publication(config, data, p.result.region_of, p.shapes, p.figures, &withheld);
    if (wants_format(config, OutputFormat::geojson)) {
        write_localities_geojson(publication.layers, outputs.staging_path("localities_" + tag + ".geojson"),
                                 outputs.staging_path("localities_" + tag + ".qml"));
    }
    output::write_csv(outputs.staging_path("assignment_" + tag + ".csv"),
                      assignment_table(data, p.result.region_of));
    return publication;
}

}  // namespace

bool is_sweep(const StageOptions& config) {
    return !config.k_sweep.empty() || !config.min_population_sweep.empty() || is_frontier(config);
}

PipelineResult run_scenarios(const StageOptions& config, const ProgressSink& progress) {
    // Shares of the progress bar: reading and overlay, contiguity, then the scenarios in equal parts.
    constexpr double k_overlay_share = 0.45;
    constexpr double k_ground_share = 0.15;
    const std::vector<Scenario> scenarios = scenarios_of(config);
    for (const Scenario& s : scenarios) {
        check_config(s.config, true);
    }
    const std::vector<std::string> names = output_names(config, scenarios);
    output::OutputSet outputs(config.output_dir, names, config.overwrite);
    OverlayData data =
        load_and_overlay(scenarios.front().config, ScaledProgress(progress, 0.0, k_overlay_share).sink());
    refuse_agencies_beyond_table(config, data);  // scenarios.gpkg holds a localities layer per scenario
    for (const Scenario& s : scenarios) {
        check_proposal_feasible(s.config, data);  // every scenario, before the costly stages
    }
    check_frontier_agency(config, data);
    const ClusterGround ground =
        prepare_ground(config, data, ScaledProgress(progress, k_overlay_share, k_ground_share).sink());

    json summary = overlay_summary(config, data, "propose");
    json rows = json::array();
    const double each = (1.0 - k_overlay_share - k_ground_share) / static_cast<double>(scenarios.size());
    std::vector<geom::Wkb> shown_shapes;
    std::vector<int> shown_colours;
    // The report's map, profiles and tables show one scenario in full: the first, or a frontier's knee.
    auto show = [&](const StageOptions& c, const Proposal& p, const Publication& publication) {
        summary["constraints"] = p.constraints;
        summary["localities"] = p.localities;
        publish_proposal_summary(c, publication, p, summary);
        if (is_frontier(config) && !data.service_layers.empty()) {
            summary["disruption"] = publication.disruption;
        }
        shown_shapes = p.shapes;
        shown_colours = publication.layers.colours;
    };
    // A frontier's points, kept until the knee is known.
    std::vector<std::pair<Proposal, Publication>> points;
    ScenarioGpkg gpkg(data);
    output::Table area_counts;  // with --area-counts
    std::vector<Proposal> proposals;
    std::vector<std::vector<RegionId>> partitions;
    std::vector<std::vector<LocalityProfile>> profiles;  // for their published shares (windows)
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        const double at = k_overlay_share + k_ground_share + each * static_cast<double>(i);
        proposals.push_back(
            solve_proposal(scenarios[i].config, data, ground, ScaledProgress(progress, at, each).sink()));
        const Proposal& p = proposals.back();
        partitions.push_back(p.result.region_of);
        profiles.push_back(locality_profiles(data, p.result.region_of, p.shapes, p.figures));
    }
    // Every scenario's localities over the same areas, protected together: subtracting two
    // scenarios' counts gives no withheld count back (decision: linked-table protection).
    const std::vector<ProposalWithheld> withheld =
        suppress_proposals(data, partitions, config.suppress_below, profiles);
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        const Scenario& s = scenarios[i];
        Proposal& p = proposals[i];
        Publication publication = write_scenario_layers(s.config, outputs, s.tag, data, p, withheld[i]);
        if (is_frontier(config)) {
            add_partner_costs(s.config, data,
                              partner_costs(s.config, data, ground.variables.reported, p.result),
                              publication);
            rows.push_back(frontier_row(s.config, p, publication));
        } else {
            rows.push_back(scenario_row(s, p, data));
        }
        for (const std::string& w : p.warnings) {
            data.warnings.push_back(fmt::format("scenario {}: {}", s.tag, w));
        }
        if (is_frontier(config)) {
            points.emplace_back(p, publication);
        } else if (i == 0) {
            show(s.config, p, publication);
        }
        if (config.area_counts) {
            add_scenario_localities(s.tag, publication.area_counts, area_counts);
        }
        if (wants_format(config, OutputFormat::gpkg)) {
            gpkg.add(s.tag, publication, std::move(p.shapes));
        }
    }
    if (config.area_counts) {
        output::write_csv(outputs.staging_path(k_area_counts_csv), area_counts);
    }
    if (wants_format(config, OutputFormat::gpkg)) {
        gpkg.write(outputs.staging_path(k_scenarios_gpkg));
    }
    summary["variables"] = variables_json(config, ground.variables);
    summary["contiguity"] = contiguity_json(config, data, ground.partition);
    if (is_frontier(config)) {
        std::vector<std::string> tags;
        for (const Scenario& s : scenarios) {
            tags.push_back(s.tag);
        }
        summary["frontier"] = frontier_summary(config, data, std::move(rows), tags);
        const auto shown = static_cast<std::size_t>(
            std::find(tags.begin(), tags.end(), summary["frontier"]["shown"].get<std::string>()) -
            tags.begin());
        show(scenarios[shown].config, points[shown].first, points[shown].second);
        output::write_csv(outputs.staging_path(k_frontier_csv),
                          rows_table(summary["frontier"]["points"], "point"));
    } else {
        output::write_csv(outputs.staging_path("scenarios.csv"), rows_table(rows, "scenario"));
        summary["scenarios_shown"] = scenarios.front().tag;
        summary["scenarios"] = rows;
    }
    stage_report(outputs, summary, data, shown_shapes, names, shown_colours);
    std::vector<std::string> warnings = data.warnings;
    const std::string all_withheld =
        withheld.empty() ? "" : all_withheld_warning(withheld.front(), "this sweep", !data.released.empty());
    if (!all_withheld.empty()) {
        warnings.push_back(all_withheld);
    } else if (!withheld.empty() && withheld.front().all_withheld) {
        warnings.emplace_back(
            "a sweep of " + std::to_string(scenarios.size()) +
            " scenarios is too large to audit jointly (more than 3 scenarios with more than 1,000 locality "
            "counts in all, or more than 100,000 counts), so no scenario's locality counts are published "
            "(read together, they would give back small counts); run the chosen scenario alone (propose "
            "with its options) for its counts");
    }
    return finish_run(std::move(summary), warnings, names, outputs);
}

}  // namespace locality::pipeline
