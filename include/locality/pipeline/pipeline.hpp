// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "locality/core/progress.hpp"
#include "locality/io/source_spec.hpp"
#include "locality/pipeline/constraint_spec.hpp"

namespace locality::pipeline {

/** What to do with separate landmasses (components of the contiguity graph). */
enum class IslandPolicy {
    bridge,  ///< link each to its nearest area (listed in summary.json)
    own,     ///< solve each as its own problem, like a container
    error    ///< refuse, listing the island areas
};

/** Smoothing of the per-agency rates before they are standardised. */
enum class Smoothing {
    none,
    eb  ///< global empirical Bayes (Marshall 1991), the GeoDa convention
};

/** Everything `locality overlay` and `locality propose` need; plain data, filled by the CLI. */
struct PipelineConfig {
    io::SourceSpec areas;
    std::string area_id_field;
    std::string population_field;  ///< empty = no population
    std::string
        area_name_field;  ///< --area-name: a text field carried into the outputs beside the id; empty = none
    std::string areas_crs;  ///< CRS of the areas when the layer declares none; empty = refuse such a layer

    std::vector<io::TaggedSource> cases;  ///< tag = agency, or empty with agency_field
    std::string agency_field;
    /** Agency names that differ only in case or punctuation are one agency (--agency-spellings merge); else
     * refused. */
    bool merge_agency_spellings = false;
    /** --agency-names: a CSV `agency,name` giving each agency code its full name for the report; empty =
     * none. */
    std::string agency_names_file;
    std::string cases_crs = "EPSG:4326";
    std::string x_field;
    std::string y_field;

    std::vector<io::TaggedSource> service_areas;  ///< tag = the service-area layer's name
    /** Optional id field per service-area name; otherwise detected. */
    std::vector<std::pair<std::string, std::string>> service_area_id_fields;

    int k = 0;                    ///< number of localities; 0 = as many as the floor allows
    double min_population = 0.0;  ///< floor on each locality's population; 0 = none
    std::uint64_t seed = 0;
    double tolerance_m = 1.0;  ///< contiguity tolerance, metres

    std::vector<ConstraintSpec> min_bounds;  ///< --min FIELD=VALUE: floors on each locality's sum
    std::vector<ConstraintSpec> max_bounds;  ///< --max FIELD=VALUE: ceilings on each locality's sum
    double balance_pct = 0.0;                ///< --balance: each locality within PCT % of the mean; 0 = none
    std::string balance_field = "population";
    std::string method = "auto";  ///< --method, as parse_method reads it
    int starts = 0;               ///< --starts; 0 = chosen by the engine
    /** --best-effort: when no partition meets every bound, write the closest one and list what it breaks. */
    bool best_effort = false;
    std::vector<std::string>
        attributes;  ///< --attributes: cluster on these fields instead of the need profile
    Smoothing smooth = Smoothing::none;
    double compactness = 0.0;  ///< --compactness: weight of the centroid columns; 0 = none
    /** --shape-weight: weight of the perimeter-based shape term of the local search; 0 = shape-blind. */
    double shape_weight = 0.0;
    /**
     * --keep-close-to AGENCY[=WEIGHT]: per agency, the weight of its cases moved (to another team than its
     * service areas') in the engine's objective; empty = none.
     */
    std::vector<std::pair<std::string, double>> keep_close_to;
    io::SourceSpec within;        ///< --within: container polygons; empty path = none
    std::string within_id_field;  ///< empty = detected
    IslandPolicy islands = IslandPolicy::bridge;

    std::string output_dir;
    bool overwrite = false;
    /** Formats of the locality layers: "geojson" (with a .qml sidecar), "gpkg" (styled layers). */
    std::vector<std::string> formats{"geojson", "gpkg"};
    /** Disclosure control: counts from 1 to this minus 1 are withheld in every output; 0 = none. */
    std::int64_t suppress_below = 5;
    /** Publish area-level counts (area_counts.csv and the `areas` layer), suppressed the same way. */
    bool area_counts = false;

    /** With `output_dir` a `PG:` connection: prefix of the tables written; empty = "locality_". */
    std::string table_prefix;
    /** Count the cases of PostGIS sources in the database holding the PostGIS areas (only counts travel). */
    bool overlay_in_database = false;

    /** Memory budget in bytes (--max-memory); 0 = none. A run estimated above it is refused up front. */
    std::uint64_t max_memory_bytes = 0;
    /** Arguments as given, recorded in summary.json so the run can be repeated. */
    std::vector<std::string> command_line;
    /** A sweep over k (`--k 6..14`, `--k 6,8,10`): one proposal per value; empty = the single run of `k`. */
    std::vector<int> k_sweep;
    /** A sweep over the population floor (`--min-population 50000,100000`); empty = `min_population`. */
    std::vector<double> min_population_sweep;
    /** --frontier shape|AGENCY[=W,...]: sweep the shape weight ("shape") or that agency's keep_close_to
     * weight, one proposal per weight; empty = none. */
    std::string frontier;
    /** The frontier's weights, increasing; empty = the default grid (docs/cli/propose.md). */
    std::vector<double> frontier_weights;
    /** The --config file the options came from, if any (its path and hash go into summary.json). */
    std::string config_file;

    /** --service-agency LAYER=AGENCY: the agency whose cases a service layer's teams handle; else the same
     * name. */
    std::vector<std::pair<std::string, std::string>> service_agencies;

    // `locality evaluate`: the localities to score, from one of these two sources.
    io::SourceSpec assignment;  ///< --assignment: a table of area id and locality
    std::string assignment_area_field = "area_id";
    std::string locality_field = "locality";
    io::SourceSpec localities;      ///< --localities: polygons; each area goes to the one covering most of it
    std::string locality_id_field;  ///< empty = detected
    bool strict = false;            ///< --strict: a breached constraint is an error (exit 1)

    // Sharing counts, not cases (docs/data-sharing.md).
    std::string share_dir;  ///< overlay --share: write one counts package per agency here; empty = none
    std::string period;     ///< overlay --period: what the package covers, as the partner states it
    std::vector<std::string> counts_packages;  ///< propose --counts: package folders (or their manifest.json)
    // Keeping what was agreed (propose, regionalize): docs/cli/propose.md.
    io::SourceSpec fixed;  ///< --fixed: a table of area id and locality; those areas never move
    /** --fixed-localities: polygons; each area is pinned to the one covering most of it, areas outside stay
     * free. */
    io::SourceSpec fixed_localities;
    /** --fixed-field: the table's locality field (empty = "locality") or the polygons' id (empty = detected).
     */
    std::string fixed_field;
    io::SourceSpec start_from;  ///< --start-from: maintenance mode from these localities (a table)
    /** --start-from-localities: maintenance mode from polygons (each area to the one covering most of it). */
    io::SourceSpec start_from_localities;
    /** --start-from-field: the table's locality field (empty = "locality") or the polygons' id (empty =
     * detected). */
    std::string start_from_field;
    /** --move-cost: an improving move must gain more than this share of the total sum of squares. */
    double move_cost = 0.002;
    /** --max-moved: "N" areas or "PCT%" of the areas; empty = no cap. */
    std::string max_moved;
    /**
     * `locality compare`: the plans, `[NAME=]SOURCE` each: a previous output folder (its assignment.csv,
     * else the areas layer of its localities.gpkg), an assignment table or a boundary layer.
     */
    std::vector<io::TaggedSource> plans;

    /** --confidence N: N more independently seeded solutions give each area's boundary confidence; 0 = none.
     */
    int confidence_runs = 0;
};

/** What a run produced. */
struct PipelineResult {
    std::string summary_json;           ///< the content of summary.json
    std::vector<std::string> warnings;  ///< data problems worth a line on stderr (counted in the summary too)
    std::vector<std::string> files;     ///< paths written
};

/** Overlay only: writes area_counts.csv, service_area_shares.csv (with service areas) and summary.json. */
PipelineResult run_overlay(const PipelineConfig& config, const ProgressSink& progress = {});

/** Whole pipeline: overlay, contiguity, localities, dissolve; writes localities.geojson, assignment.csv,
 * summary.json. */
PipelineResult run_propose(const PipelineConfig& config, const ProgressSink& progress = {});

/**
 * Scores given localities (`assignment` or `localities`) as propose would publish them, with the
 * constraints checked and reported rather than enforced; writes the same files as run_propose.
 */
PipelineResult run_evaluate(const PipelineConfig& config, const ProgressSink& progress = {});

/**
 * Scores several plans (`plans`) on the same inputs as run_evaluate scores one; writes
 * comparison.csv, summary.json (with `comparison`) and report.html.
 */
PipelineResult run_compare(const PipelineConfig& config, const ProgressSink& progress = {});

/**
 * Clusters an area layer by its own fields (`attributes`), no cases: contiguity, localities, dissolve;
 * writes the same files as run_propose.
 */
PipelineResult run_regionalize(const PipelineConfig& config, const ProgressSink& progress = {});

}  // namespace locality::pipeline
