// SPDX-License-Identifier: MIT
// Internal to the pipeline: the inputs read, reprojected and overlaid, shared by overlay and propose.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "input_checks.hpp"
#include "locality/core/progress.hpp"
#include "locality/io/crs.hpp"
#include "locality/io/file_info.hpp"
#include "locality/io/point_source.hpp"
#include "locality/io/polygon_layer.hpp"
#include "locality/overlay/area_shares.hpp"
#include "locality/overlay/point_locator.hpp"
#include "pipeline/stage_options.hpp"
#include "released_runs.hpp"

namespace locality::pipeline {

/** Case accounting of one agency; read = assigned + outside + unlocated. */
struct AgencyTally {
    std::string name;    ///< as found in the data or given as AGENCY=
    std::string column;  ///< output column, `cases_<slug>`
    std::int64_t read = 0;
    std::int64_t assigned = 0;
    std::int64_t outside = 0;
    std::int64_t unlocated = 0;
    std::string full_name;  ///< from --agency-names, for the report; empty = none given
};

/** One case source as read, for the summary. */
struct CaseSourceRecord {
    io::FileInfo file;
    std::string label;
    std::string agency;  ///< fixed agency, or empty when read from the agency field
    std::string
        crs;  ///< the CRS its points were read in (stats.crs's name); empty when counted in a database
    io::PointReadStats stats;  ///< per agency index of the final (sorted) order
    std::int64_t inside = 0;   ///< its points that fell inside an area
    std::int64_t outside = 0;  ///< its points located outside every area
    /** Its coordinate columns look swapped (check_swapped_columns): the likely cause of its losses. */
    std::string swapped_columns;
};

/** One service-area layer, reprojected and overlaid on the small areas. */
struct ServiceLayer {
    std::string name;
    io::FileInfo file;
    io::PolygonLayer layer;
    std::string source_crs;  ///< the CRS the file declares (the layer is reprojected to the working CRS)
    std::vector<std::string> repaired_ids;
    std::vector<overlay::AreaShares> shares;  ///< per small area
};

/** The counts packages a run read instead of case points (propose --counts; docs/data-sharing.md). */
struct SharedCounts {
    nlohmann::ordered_json packages = nlohmann::ordered_json::array();  ///< per package: what it shared
    std::size_t withheld = 0;           ///< withheld counts, each imputed (share_package.hpp)
    std::int64_t withheld_imputed = 0;  ///< their sum as imputed
    std::int64_t withheld_high = 0;     ///< their sum at the high end (the low end: `withheld`)
    /** Per zone x agency (as OverlayData::counts): the withheld counts at their low / high end minus as
     * imputed. */
    std::vector<std::int64_t> low_shift;
    std::vector<std::int64_t> high_shift;
    bool empty() const { return packages.empty(); }
};

/** Everything the overlay stage knows. Agencies are sorted by name. */
struct OverlayData {
    io::FileInfo areas_file;
    io::PolygonLayer areas;                ///< reprojected to `working`, repaired
    std::vector<std::string> area_fields;  ///< the extra fields asked of the layer (areas.extra_values)
    std::string areas_source_crs;          ///< name of the areas' own CRS
    io::Crs working;
    std::vector<std::string> repaired_area_ids;
    std::vector<std::string> dropped_area_ids;  ///< nothing polygonal survived the repair
    /** Areas that lost stray parts (geom::drop_stray_parts), and how many parts in all. */
    std::vector<std::string> stray_part_area_ids;
    std::size_t stray_parts_dropped = 0;
    /**
     * The contiguity tolerance in the working CRS's units: --tolerance in metres, or, for areas
     * without a CRS (regionalize), scaled to the layer (k_unknown_units_tolerance of its extent).
     */
    double tolerance = 1.0;
    CoverageReport coverage;  ///< overlaps and gaps between the areas
    std::vector<AgencyTally> agencies;
    std::vector<CaseSourceRecord> case_sources;
    overlay::CaseCounts counts;  ///< zones x agencies (sorted order)
    std::vector<ServiceLayer> service_layers;
    std::vector<std::string> warnings;
    SharedCounts shared;                ///< counts packages read (propose --counts); empty = none
    std::vector<ReleasedRun> released;  ///< earlier runs' published tables (--released); empty = none

    bool has_population() const { return !areas.values.empty(); }
    /** False for `locality regionalize`, which reads no cases. */
    bool has_cases() const { return !case_sources.empty() || !shared.empty(); }
    double total_population() const;
};

/** Reads areas, cases and service areas, overlays them; `progress` spans the whole stage. */
OverlayData load_and_overlay(const StageOptions& config, const ProgressSink& progress);

/**
 * Reads, reprojects and repairs the small areas only (with the fields options name); no cases.
 * With `crs_optional` (regionalize: nothing else to bring together), areas without a CRS, or with
 * a placeholder for one, are worked in their own units, with a warning and a scaled tolerance.
 */
OverlayData load_areas(const StageOptions& config, const ProgressSink& progress, bool crs_optional = false);

/** Share of the larger side of the extent used as the contiguity tolerance of a layer in unknown units. */
constexpr double k_unknown_units_tolerance = 1e-6;

/** Measures overlaps and gaps between the areas (data.coverage) and warns about them. */
void check_area_coverage(OverlayData& data);

/**
 * Repairs invalid polygons in place (GEOS make-valid); lists the ids repaired, drops (and lists)
 * those with nothing polygonal left. `role` names the layer in warnings.
 */
void repair_layer(io::PolygonLayer& layer, std::vector<std::string>& repaired,
                  std::vector<std::string>& dropped, const std::string& role,
                  std::vector<std::string>& warnings);

/** Checks option combinations that no parser can; throws UsageError. */
void check_config(const StageOptions& config, bool clustering);

/** The output agencies of a list of agency names: each with its `cases_<slug>` column. */
struct AgencyColumns {
    std::vector<std::string> names;     ///< per output agency: the first of its spellings
    std::vector<std::string> columns;   ///< per output agency: `cases_<slug>`, lower-case ASCII, unique
    std::vector<std::size_t> group_of;  ///< per input name: its output agency
};

/**
 * The `cases_<slug>` columns of agency names (sorted). Names with the same agency_key() ("Social Care",
 * "social-care") are one agency, named by the first spelling, when `merge`; else InputError naming
 * both. Different agencies whose slugs coincide because of letters beyond ASCII (two Greek names,
 * both "agency") are told apart by a hash of each such name (`cases_agency_3fa2c1`).
 */
AgencyColumns agency_columns(const std::vector<std::string>& names, bool merge);

/** agency_columns() of `names` in any order, sorted by name first; `group[i]`: the output agency of names[i].
 */
AgencyColumns sorted_agency_columns(const std::vector<std::string>& names, bool merge,
                                    std::vector<std::size_t>& group);

}  // namespace locality::pipeline
