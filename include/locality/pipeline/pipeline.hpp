// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "locality/core/progress.hpp"
#include "locality/io/source_spec.hpp"

namespace locality::pipeline {

/** Everything `locality overlay` and `locality propose` need; plain data, filled by the CLI. */
struct PipelineConfig {
    io::SourceSpec areas;
    std::string area_id_field;
    std::string population_field;  ///< empty = no population
    std::string areas_crs;         ///< CRS of the areas when the layer declares none; empty = refuse such a layer

    std::vector<io::TaggedSource> cases;  ///< tag = agency, or empty with agency_field
    std::string agency_field;
    std::string cases_crs = "EPSG:4326";
    std::string x_field;
    std::string y_field;

    std::vector<io::TaggedSource> service_areas;  ///< tag = the service-area layer's name
    /** Optional id field per service-area name; otherwise detected. */
    std::vector<std::pair<std::string, std::string>> service_area_id_fields;

    int k = 0;                      ///< number of localities; 0 = as many as the floor allows
    double min_population = 0.0;    ///< floor on each locality's population; 0 = none
    std::uint64_t seed = 0;
    double tolerance_m = 1.0;       ///< contiguity tolerance, metres

    std::string output_dir;
    bool overwrite = false;
    /** Arguments as given, recorded in summary.json so the run can be repeated. */
    std::vector<std::string> command_line;
    /** The --config file the options came from, if any (its path and hash go into summary.json). */
    std::string config_file;
};

/** What a run produced. */
struct PipelineResult {
    std::string summary_json;            ///< the content of summary.json
    std::vector<std::string> warnings;   ///< data problems worth a line on stderr (counted in the summary too)
    std::vector<std::string> files;      ///< paths written
};

/** Overlay only: writes area_counts.csv, service_area_shares.csv (with service areas) and summary.json. */
PipelineResult run_overlay(const PipelineConfig& config, const ProgressSink& progress = {});

/** Whole pipeline: overlay, contiguity, localities, dissolve; writes localities.geojson, assignment.csv, summary.json. */
PipelineResult run_propose(const PipelineConfig& config, const ProgressSink& progress = {});

}  // namespace locality::pipeline
