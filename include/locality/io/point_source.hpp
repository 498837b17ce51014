// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "locality/core/progress.hpp"
#include "locality/io/crs.hpp"
#include "locality/io/source_spec.hpp"

namespace locality::io {

/** Agency names, each with a dense index in order of first appearance. */
class AgencyRegistry {
public:
    /** Index of `name`, adding it when new. */
    std::int32_t index_of(const std::string& name);
    /** Names in index order. */
    const std::vector<std::string>& names() const noexcept { return m_names; }
    std::size_t size() const noexcept { return m_names.size(); }

private:
    std::vector<std::string> m_names;
};

/** The CRS of case coordinates when none is given and the source declares none. */
inline constexpr const char* k_default_cases_crs = "EPSG:4326";

/** How to read one case-point source. */
struct PointSourceOptions {
    SourceSpec source;
    /** Every point belongs to this agency; empty = read it from `agency_field`. */
    std::string agency;
    /** Field naming each point's agency (used when `agency` is empty). */
    std::string agency_field;
    /** Coordinate columns for CSV; empty = detected (longitude/latitude, lon/lat, lng/lat, x/y,
     * easting/northing). */
    std::string x_field;
    std::string y_field;
    /**
     * The CRS given for the source (its |crs=, else --cases-crs), e.g. "EPSG:3857": the CRS of CSV
     * coordinates, and for a layer it wins over the CRS the layer declares (GDAL gives every GeoJSON
     * lon/lat, whatever its numbers are). Empty = none given: CSV coordinates are k_default_cases_crs and
     * a layer is read in the CRS it declares (k_default_cases_crs when it declares none).
     */
    std::string crs;
    /** Points per batch handed to the consumer. */
    std::size_t batch_size = 65536;
};

/** Located points in the working CRS; `agency[i]` indexes the AgencyRegistry. */
struct PointBatch {
    std::vector<double> x;
    std::vector<double> y;
    std::vector<std::int32_t> agency;
    void clear() {
        x.clear();
        y.clear();
        agency.clear();
    }
    std::size_t size() const noexcept { return x.size(); }
};

/** Counts of one source, per agency index (vectors sized to the registry after reading). */
struct PointReadStats {
    std::vector<std::int64_t> read;  ///< rows/features seen, per agency
    std::vector<std::int64_t>
        unlocated;        ///< missing, non-numeric or non-finite coordinates, or not transformable
    std::string x_field;  ///< coordinate columns used (CSV), for the summary
    std::string y_field;
    std::string driver;  ///< "CSV (locality)" or the GDAL driver name
    Crs crs;             ///< the CRS the coordinates were read in (a layer's own unless one was given)
    /** The CRS a layer declares when the given CRS (PointSourceOptions::crs) differs and overrode it; else
     * empty. */
    std::string overridden_crs;
    /** CSV rows whose field count differs from the header's (counted as unlocated: columns may be shifted).
     */
    std::int64_t ragged_rows = 0;
    std::int64_t first_ragged_row = 0;  ///< its row number, the header being row 1 (0 = none)
    std::size_t header_fields = 0;      ///< fields in the CSV header
    /** CSV rows whose every field is empty or blank: not cases, so neither read nor unlocated. */
    std::int64_t empty_rows = 0;
    std::int64_t first_empty_row = 0;  ///< its row number, the header being row 1 (0 = none)
    /**
     * The first rows' coordinates as read (CSV, in the source CRS, at most k_probe_points), kept in
     * memory only so the caller can test whether the columns were swapped; never written anywhere.
     */
    std::vector<double> probe_x;
    std::vector<double> probe_y;
};

/** Rows kept in PointReadStats::probe_x/probe_y. */
constexpr std::size_t k_probe_points = 2000;

/**
 * Streams the points of one source into `consume`, in batches, transformed into `working`.
 * CSV files (by extension .csv/.tsv/.txt) are read by a fast dedicated reader; other sources by GDAL
 * (point geometries; for CSV-like drivers GDAL's own). Nothing is held in memory beyond one batch.
 * Every row is counted: read = located (handed to consume) + unlocated, per agency. CSV rows with
 * more or fewer fields than the header are unlocated and counted in `ragged_rows`; rows whose every
 * field is blank are skipped and counted in `empty_rows`. Rows with an
 * empty agency value go to agency "unspecified". Throws InputError (naming source, row or field) when
 * the source cannot be opened, the coordinate columns cannot be found, the agency field is missing,
 * a CSV quote is never closed (naming the row), or a layer holds non-point geometries.
 */
PointReadStats read_points(const PointSourceOptions& options, const Crs& working, AgencyRegistry& agencies,
                           const std::function<void(const PointBatch&)>& consume,
                           const ProgressSink& progress = {});

/**
 * Parses one coordinate strictly: the whole trimmed text must be a finite number ("+" allowed);
 * NaN, infinities, empty and trailing text are refused (false). With `decimal_comma`, a single comma
 * and no point is read as a decimal comma ("40,71"), as ';'- and tab-separated exports write them.
 */
bool parse_coordinate(std::string_view text, double& value, bool decimal_comma = false);

}  // namespace locality::io
