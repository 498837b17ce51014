// SPDX-License-Identifier: MIT
// Internal to the pipeline: the layers of a proposal in the formats asked for, with their styles.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "inputs.hpp"
#include "locality/output/database_output.hpp"
#include "locality/output/output_set.hpp"
#include "locality/output/table.hpp"
#include "locality/output/write_gpkg.hpp"
#include "tables.hpp"

namespace locality::pipeline {

/** Whether `options.formats` asks for `format`. */
bool wants_format(const FormatOptions& options, OutputFormat format);

/** The files `propose` writes for this configuration (layers per format, tables, summary.json). */
std::vector<std::string> propose_output_names(const StageOptions& config);

/** The tables of a proposal's files with `--output PG:...` (propose and evaluate alike). */
std::vector<output::TableFile> proposal_tables();

/** What the layers of a proposal are drawn from. Tables are published as given (already suppressed). */
struct LayerSet {
    const OverlayData* data = nullptr;
    const std::vector<geom::Wkb>* shapes = nullptr;  ///< dissolved localities, working CRS
    output::Table localities;                        ///< one row per shape
    std::vector<int> colours;                        ///< palette index per locality (map colouring)
    output::Table areas;                             ///< one row per small area
    std::vector<output::Table> service_areas;        ///< per service layer, one row per service area
};

/** Everything a proposal publishes beyond the assignment: layers, tables and their summary entries. */
struct Publication {
    LayerSet layers;
    output::Table area_counts;          ///< area_counts.csv (with --area-counts)
    nlohmann::ordered_json localities;  ///< summary.json: localities.localities
    nlohmann::ordered_json alignment;   ///< summary.json: alignment
    nlohmann::ordered_json disclosure;  ///< summary.json: disclosure
    nlohmann::ordered_json disruption =
        nlohmann::ordered_json::array();  ///< summary.json: disruption (each partner's cost)
    std::vector<std::string> warnings;    ///< the run's warnings about what is published
};

struct ProposalWithheld;

/**
 * Builds the publication of a proposal: locality profiles, alignment with the service areas, and
 * disclosure control applied to every count. `figures` are the unsuppressed locality figures.
 * `withheld`: the counts withheld, when protected jointly with other scenarios (a sweep);
 * null: this proposal's alone (suppress_proposals(), with the area counts' base pattern).
 */
Publication make_publication(const StageOptions& config, const OverlayData& data,
                             const std::vector<RegionId>& region_of, const std::vector<geom::Wkb>& shapes,
                             const std::vector<LocalityFigures>& figures,
                             const ProposalWithheld* withheld = nullptr);

/**
 * The QGIS style of the localities layer, filled in for these localities; its labels name only the
 * fields of `written` (the layer as written, by default `layers.localities`).
 */
std::string localities_qml(const LayerSet& layers, const output::Table* written = nullptr);

/**
 * Writes `layers`' localities to `geojson_path` and their style to `qml_path`, the style naming only
 * the properties the GeoJSON keeps (output::without_null_numeric_columns()).
 */
void write_localities_geojson(const LayerSet& layers, const std::string& geojson_path,
                              const std::string& qml_path);

/**
 * The GeoPackage layer `areas`: the small areas' geometries with `areas` (one row per area, with the
 * field `need_quintile`), styled graduated by need class.
 */
output::GpkgLayer areas_gpkg_layer(const OverlayData& data, std::string description, output::Table areas);

/** Appends one GeoPackage layer `service_<name>` per service-area layer of `data`, `tables[s]` its rows,
 * styled. */
void add_service_gpkg_layers(const OverlayData& data, const std::vector<output::Table>& tables,
                             std::vector<output::GpkgLayer>& gpkg);

/** Stages the layers and area_counts.csv of `publication`. */
void write_publication(const StageOptions& config, const Publication& publication,
                       output::OutputSet& outputs);

/** Records the publication's figures in summary.json (replacing the unsuppressed locality list). */
void publish_summary(const StageOptions& config, const Publication& publication,
                     nlohmann::ordered_json& summary);

/**
 * Stages the layers: localities.geojson with localities.qml when "geojson" is asked for;
 * localities.gpkg (localities, areas, service_<name>, each with its default style) when "gpkg" is.
 */
void write_locality_layers(const StageOptions& config, const LayerSet& layers, output::OutputSet& outputs);

}  // namespace locality::pipeline
