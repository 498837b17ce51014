// SPDX-License-Identifier: MIT
// Internal to the pipeline: the stages `propose` and `regionalize` share once the areas are read.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>

#include "confidence.hpp"
#include "containers.hpp"
#include "inputs.hpp"
#include "kept_localities.hpp"
#include "locality/output/output_set.hpp"
#include "locality/regionalize/problem.hpp"
#include "need_profile.hpp"
#include "partition.hpp"
#include "publish.hpp"
#include "tables.hpp"

namespace locality::pipeline {

/** Usage checks of the clustering options (k, bounds, balance, method, attributes...); UsageError. */
void check_cluster_options(const StageOptions& config);

/**
 * Contiguity, containers and islands, the localities under every bound, the dissolve, and the
 * outputs: localities.geojson, localities.qml, assignment.csv and `summary` completed as
 * summary.json. `progress` spans these stages only.
 */
PipelineResult cluster_and_write(const StageOptions& config, OverlayData& data, output::OutputSet& outputs,
                                 nlohmann::ordered_json summary, const ProgressSink& progress);

/** Clustering's ground, the same whatever the number of localities or the bounds: variables, containers,
 * contiguity. */
struct ClusterGround {
    ClusterVariables variables;
    std::unique_ptr<Containers> containers;  ///< null without --within
    Partition partition;                     ///< groups with k unset
    FixedAreas fixed;                        ///< --fixed: the pinned areas (empty without)
};

/** One set of localities solved under a configuration's k and bounds, validated and dissolved. */
struct Proposal {
    regionalize::Regionalization result;
    std::vector<geom::Wkb> shapes;  ///< one per locality, working CRS
    std::vector<LocalityFigures> figures;
    double within_ss = 0.0;  ///< on the reported need variables
    double total_ss = 0.0;
    std::size_t slivers_filled = 0;
    nlohmann::ordered_json constraints;  ///< summary.json's `constraints`
    nlohmann::ordered_json localities;   ///< summary.json's `localities`
    nlohmann::ordered_json containers;   ///< summary.json's `containers`; null without --within
    /** Per locality, its total of every bound's field (unsuppressed: see publish_proposal_summary). */
    std::vector<nlohmann::ordered_json> bound_totals;
    /** What the run must say about these localities (a --best-effort partition's broken bounds). */
    std::vector<std::string> warnings;
    /** With --confidence N: each area's and locality's confidence over N more solutions; runs 0 otherwise. */
    BoundaryConfidence confidence;
    /** Given localities (evaluate, --start-from): their names when one differs from its number
     * (names_unlike_numbers()), written beside the numbers as `locality_name`; empty otherwise. */
    std::vector<std::string> names;
};

/**
 * Refuses (InputError), before any costly stage, more agencies than a localities layer in a GeoPackage or
 * a PostgreSQL table can carry as columns: propose, a sweep and evaluate would otherwise find it only when
 * writing, after the whole work, with SQLite's CREATE TABLE of every column as the message.
 */
void refuse_agencies_beyond_table(const StageOptions& config, const OverlayData& data);

/** Refuses, before any costly stage, a k or bound that all the areas together cannot meet (InfeasibleError).
 */
void check_proposal_feasible(const StageOptions& config, const OverlayData& data);

/** Variables, containers and contiguity (bridges are added to `data.warnings`); `progress` spans the
 * contiguity. */
ClusterGround prepare_ground(const StageOptions& config, OverlayData& data, const ProgressSink& progress);

/** Shares `config.k` out over the ground's groups, solves each under `config`'s bounds, dissolves. */
Proposal solve_proposal(const StageOptions& config, const OverlayData& data, const ClusterGround& ground,
                        const ProgressSink& progress);

/**
 * The Proposal of localities already drawn (`result`, solved or given): heterogeneity on the reported
 * variables, the dissolve (`progress` spans it), figures, bound totals and summary.json's
 * `constraints` and `localities` head. `container_of_region` names each locality's container (empty = none).
 */
Proposal describe_proposal(const StageOptions& config, const OverlayData& data,
                           const regionalize::AttributeMatrix& reported,
                           const regionalize::Regionalization& result,
                           const std::vector<std::string>& container_of_region, const ProgressSink& progress);

/** 1 - within / total sum of squares; 0 when there is no variance. */
double share_explained(double within_ss, double total_ss);

/**
 * Publishes a proposal: layers, assignment.csv, each partner's cost, report and `summary` completed
 * as summary.json. `progress` spans the writing.
 */
PipelineResult write_proposal(const StageOptions& config, const OverlayData& data,
                              const ClusterGround& ground, const Proposal& proposal,
                              output::OutputSet& outputs, nlohmann::ordered_json summary,
                              const ProgressSink& progress);

/** summary.json's `contiguity` for a ground's partition. */
nlohmann::ordered_json contiguity_json(const StageOptions& config, const OverlayData& data,
                                       const Partition& partition);

/**
 * Completes summary.json's `localities` with the published (disclosure-controlled) profiles, each
 * locality's container and its totals of the bounds that are not case counts.
 */
void publish_proposal_summary(const StageOptions& config, const Publication& publication,
                              const Proposal& proposal, nlohmann::ordered_json& summary);

/** summary.json's `variables`. */
nlohmann::ordered_json variables_json(const StageOptions& config, const ClusterVariables& variables);

}  // namespace locality::pipeline
