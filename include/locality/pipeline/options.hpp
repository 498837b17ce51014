// SPDX-License-Identifier: MIT
// The options of the commands, as shared parts (docs/architecture.md, "Options"). Each command's options
// aggregate (pipeline.hpp) derives from the parts it uses and from no other, so a field is written once, its
// name is the same in every command, and a stage that needs one part takes that part (`const
// ClusterOptions&`) from any command's options. Plain data, filled by the CLI; text is turned into enums
// there.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "locality/io/source_spec.hpp"
#include "locality/pipeline/constraint_spec.hpp"
#include "locality/regionalize/method.hpp"

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

/** A format of the locality layers (--format). */
enum class OutputFormat {
    geojson,  ///< localities.geojson with its .qml sidecar
    gpkg      ///< localities.gpkg, styled layers
};

/** The word of `format` on the command line and in summary.json: "geojson", "gpkg". */
inline const char* format_name(OutputFormat format) {
    return format == OutputFormat::gpkg ? "gpkg" : "geojson";
}

/** The small areas: every command reads them. */
struct AreaOptions {
    io::SourceSpec areas;
    std::string area_id_field;
    std::string population_field;  ///< empty = no population
    /** --area-name: a text field carried into the outputs beside the id; empty = none */
    std::string area_name_field;
    std::string areas_crs;     ///< CRS of the areas when the layer declares none; empty = refuse such a layer
    double tolerance_m = 1.0;  ///< contiguity tolerance, metres
};

/** The cases and the agencies' service areas (overlay, propose, evaluate, compare). */
struct CaseOptions {
    std::vector<io::TaggedSource> cases;  ///< tag = agency, or empty with agency_field
    std::string agency_field;
    /** Agency names that differ only in case or punctuation are one agency (--agency-spellings merge); else
     * refused. */
    bool merge_agency_spellings = false;
    /** --agency-names: a CSV `agency,name` giving each agency code its full name for the report; empty =
     * none. */
    std::string agency_names_file;
    /** --cases-crs: the CRS of CSV coordinates, and for a layer it wins over the CRS the layer declares;
     * empty = none given (EPSG:4326 for CSV, a layer's own CRS). A source's |crs= wins over it. */
    std::string cases_crs;
    std::string x_field;
    std::string y_field;

    std::vector<io::TaggedSource> service_areas;  ///< tag = the service-area layer's name
    /** Optional id field per service-area name; otherwise detected. */
    std::vector<std::pair<std::string, std::string>> service_area_id_fields;
    /** --service-agency LAYER=AGENCY: the agency whose cases a service layer's teams handle; else the same
     * name. */
    std::vector<std::pair<std::string, std::string>> service_agencies;
    /** Count the cases of PostGIS sources in the database holding the PostGIS areas (only counts travel). */
    bool overlay_in_database = false;
};

/** Areas, cases and service areas: the inputs of the commands that count cases. */
struct InputOptions : AreaOptions, CaseOptions {};

/** Sharing counts, not cases (docs/data-sharing.md): propose reads partners' counts packages. */
struct CountsOptions {
    std::vector<std::string> counts_packages;  ///< propose --counts: package folders (or their manifest.json)
};

/** overlay --share: the counts packages it writes. */
struct ShareOptions {
    std::string share_dir;  ///< overlay --share: write one counts package per agency here; empty = none
    std::string period;     ///< overlay --period: what the package covers, as the partner states it
};

/** The bounds on each locality's sums: enforced by propose and regionalize, checked by evaluate and compare.
 */
struct BoundOptions {
    double min_population = 0.0;             ///< floor on each locality's population; 0 = none
    std::vector<ConstraintSpec> min_bounds;  ///< --min FIELD=VALUE: floors on each locality's sum
    std::vector<ConstraintSpec> max_bounds;  ///< --max FIELD=VALUE: ceilings on each locality's sum
};

/** How propose and regionalize cluster the areas into localities. */
struct ClusterOptions : BoundOptions {
    int k = 0;  ///< number of localities; 0 = as many as the floor allows
    std::uint64_t seed = 0;
    double balance_pct = 0.0;  ///< --balance: each locality within PCT % of the mean; 0 = none
    std::string balance_field = "population";
    regionalize::Method method;  ///< --method
    int starts = 0;              ///< --starts; 0 = chosen by the engine
    /** --best-effort: when no partition meets every bound, write the closest one and list what it breaks. */
    bool best_effort = false;
    std::vector<std::string>
        attributes;  ///< --attributes: cluster on these fields instead of the need profile
    Smoothing smooth = Smoothing::none;
    double compactness = 0.0;  ///< --compactness: weight of the centroid columns; 0 = none
    /** --shape-weight: weight of the perimeter-based shape term of the local search; 0 = shape-blind. */
    double shape_weight = 0.0;
    /**
     * --keep-close-to AGENCY[=WEIGHT] (propose): per agency, the weight of its cases moved (to another team
     * than its service areas') in the engine's objective; empty = none.
     */
    std::vector<std::pair<std::string, double>> keep_close_to;
    io::SourceSpec within;        ///< --within: container polygons; empty path = none
    std::string within_id_field;  ///< empty = detected
    IslandPolicy islands = IslandPolicy::bridge;
    /** --confidence N: N more independently seeded solutions give each area's boundary confidence; 0 = none.
     */
    int confidence_runs = 0;

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
};

/** Scenario sweeps (propose): one proposal per value. */
struct SweepOptions {
    /** A sweep over k (`--k 6..14`, `--k 6,8,10`): one proposal per value; empty = the single run of `k`. */
    std::vector<int> k_sweep;
    /** A sweep over the population floor (`--min-population 50000,100000`); empty = `min_population`. */
    std::vector<double> min_population_sweep;
    /** --frontier shape|AGENCY[=W,...]: sweep the shape weight ("shape") or that agency's keep_close_to
     * weight, one proposal per weight; empty = none. */
    std::string frontier;
    /** The frontier's weights, increasing; empty = the default grid (docs/cli/propose.md). */
    std::vector<double> frontier_weights;
};

/** Where a run writes, and what it records about how it was asked: every command. */
struct OutputOptions {
    std::string output_dir;
    bool overwrite = false;
    /** With `output_dir` a `PG:` connection: prefix of the tables written; empty = "locality_". */
    std::string table_prefix;
    /** Memory budget in bytes (--max-memory); 0 = none. A run estimated above it is refused up front. */
    std::uint64_t max_memory_bytes = 0;
    /** Arguments as given, recorded in summary.json so the run can be repeated. */
    std::vector<std::string> command_line;
    /** The --config file the options came from, if any (its path and hash go into summary.json). */
    std::string config_file;
};

/** Disclosure control of every published count (every command that counts cases). */
struct DisclosureOptions {
    /** Disclosure control: counts from 1 to this minus 1 are withheld in every output; 0 = none. */
    std::int64_t suppress_below = 5;
};

/** The formats of the locality layers (propose, regionalize, evaluate). */
struct FormatOptions {
    /** Formats of the locality layers, in the order given: geojson (with a .qml sidecar), gpkg (styled
     * layers). */
    std::vector<OutputFormat> formats{OutputFormat::geojson, OutputFormat::gpkg};
};

/** What propose and evaluate publish: formats, disclosure control, area-level counts. */
struct PublicationOptions : DisclosureOptions, FormatOptions {
    /** Publish area-level counts (area_counts.csv and the `areas` layer), suppressed the same way. */
    bool area_counts = false;
    /**
     * --released DIR, repeatable: output folders of earlier runs over the same cases, already handed
     * over; their published tables enter this run's disclosure audit as they are (decision 0041).
     */
    std::vector<std::string> released;
};

/** How a plan given as a table or as polygons is read (evaluate, compare). */
struct PlanFieldOptions {
    std::string assignment_area_field = "area_id";
    std::string locality_field = "locality";
    std::string locality_id_field;  ///< empty = detected
};

/** `locality evaluate`: the localities to score, from one of two sources (read with PlanFieldOptions). */
struct GivenLocalityOptions {
    io::SourceSpec assignment;  ///< --assignment: a table of area id and locality
    io::SourceSpec localities;  ///< --localities: polygons; each area goes to the one covering most of it
    bool strict = false;        ///< --strict: a breached constraint is an error (exit 1)
};

/** `locality compare`: the plans (read with PlanFieldOptions). */
struct PlanOptions {
    /**
     * The plans, `[NAME=]SOURCE` each: a previous output folder (its assignment.csv, else the areas layer
     * of its localities.gpkg), an assignment table or a boundary layer.
     */
    std::vector<io::TaggedSource> plans;
};

namespace detail {

template <typename Part, typename To, typename From>
void copy_part(To& to, const From& from) {
    if constexpr (std::is_base_of_v<Part, To> && std::is_base_of_v<Part, From>) {
        static_cast<Part&>(to) = static_cast<const Part&>(from);
    }
}

}  // namespace detail

/**
 * Options of type `To` holding every part it shares with `from`, the others at their defaults: e.g. the
 * evaluate options of a propose run's inputs and bounds. Every part is listed here once.
 */
template <typename To, typename From>
To shared_parts(const From& from) {
    To to;
    detail::copy_part<AreaOptions>(to, from);
    detail::copy_part<CaseOptions>(to, from);
    detail::copy_part<CountsOptions>(to, from);
    detail::copy_part<ShareOptions>(to, from);
    detail::copy_part<BoundOptions>(to, from);
    detail::copy_part<ClusterOptions>(to, from);
    detail::copy_part<SweepOptions>(to, from);
    detail::copy_part<OutputOptions>(to, from);
    detail::copy_part<DisclosureOptions>(to, from);
    detail::copy_part<FormatOptions>(to, from);
    detail::copy_part<PublicationOptions>(to, from);
    detail::copy_part<PlanFieldOptions>(to, from);
    detail::copy_part<GivenLocalityOptions>(to, from);
    detail::copy_part<PlanOptions>(to, from);
    return to;
}

}  // namespace locality::pipeline
