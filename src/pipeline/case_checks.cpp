// SPDX-License-Identifier: MIT
#include "case_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>

#include "locality/core/error.hpp"

namespace locality::pipeline {

namespace {

// Eastings and northings of every projected CRS in use (metres or US feet) stay within this.
constexpr double k_projected_range = 1e8;

bool looks_projected(double x, double y) {
    const bool beyond_degrees = std::fabs(x) > 180.0 || std::fabs(y) > 90.0;
    return beyond_degrees && std::fabs(x) < k_projected_range && std::fabs(y) < k_projected_range;
}

std::int64_t total(const std::vector<std::int64_t>& values) {
    return std::accumulate(values.begin(), values.end(), std::int64_t{0});
}

/** "(12 outside every area, 3 without usable coordinates)", leaving out a zero. */
std::string lost_detail(std::int64_t outside, std::int64_t unlocated) {
    if (outside > 0 && unlocated > 0) {
        return fmt::format("{} outside every area, {} without usable coordinates", outside, unlocated);
    }
    return outside > 0 ? fmt::format("all outside every area") : fmt::format("none with usable coordinates");
}

std::string likely_cause(const CaseSourceRecord& record) {
    if (record.stats.ragged_rows > 0) {
        // Their columns may be shifted, so their coordinates were not read at all.
        return fmt::format(
            "{} row(s) do not have the header's {} fields (first: row {}): quote fields that contain "
            "the delimiter, or remove a stray one (a trailing comma)",
            record.stats.ragged_rows, record.stats.header_fields, record.stats.first_ragged_row);
    }
    if (!record.swapped_columns.empty()) {
        return fmt::format(
            "the coordinate columns look swapped ({} as x, {} as y): give |x={}|y={} (or --x-field {} "
            "--y-field {})",
            record.stats.x_field, record.stats.y_field, record.stats.y_field, record.stats.x_field,
            record.stats.y_field, record.stats.x_field);
    }
    return fmt::format(
        "check the source's CRS (read as {}; give it with |crs= or --cases-crs) and whether its x "
        "and y columns are swapped",
        record.crs);
}

}  // namespace

void check_projected_as_degrees(const io::PointReadStats& stats, const io::Crs& source_crs,
                                const std::string& label) {
    if (!source_crs.is_geographic() || stats.probe_x.empty()) {
        return;
    }
    std::size_t projected = 0;
    for (std::size_t i = 0; i < stats.probe_x.size(); ++i) {
        projected += looks_projected(stats.probe_x[i], stats.probe_y[i]) ? 1 : 0;
    }
    if (2 * projected <= stats.probe_x.size()) {
        return;
    }
    throw InputError(fmt::format(
        "cases '{}': {} of its first {} points lie far outside +-180/+-90 ({} as "
        "longitude, {} as latitude in {}): these look like projected coordinates: give "
        "the source's CRS (e.g. --cases '{}|crs=EPSG:27700', or --cases-crs)",
        label, projected, stats.probe_x.size(), stats.x_field, stats.y_field, source_crs.name(), label));
}

void check_layer_projected_as_degrees(const io::PolygonLayer& layer, const std::string& role,
                                      const std::string& fix) {
    // Wider than +-180/+-90 in x: longitudes from 0 to 360 are read fine; a projected layer in metres
    // or feet is far beyond both unless it lies within 360 units of its false origin.
    constexpr double k_max_longitude = 360.0;
    constexpr double k_max_latitude = 90.0;
    const Box& e = layer.extent;
    if (!layer.crs.is_geographic() || e.empty()) {
        return;
    }
    const double far_x = std::max(std::fabs(e.min_x), std::fabs(e.max_x));
    const double far_y = std::max(std::fabs(e.min_y), std::fabs(e.max_y));
    if (far_x <= k_max_longitude && far_y <= k_max_latitude) {
        return;
    }
    throw InputError(fmt::format(
        "{} '{}': read as {}, its coordinates reach x {:.0f} to {:.0f}, y {:.0f} to {:.0f}: these look "
        "like projected metres or feet, not degrees (a GeoJSON without a crs member is read as lon/lat); "
        "{}",
        role, layer.label, layer.crs.name(), e.min_x, e.max_x, e.min_y, e.max_y, fix));
}

void check_case_losses(OverlayData& data) {
    for (const CaseSourceRecord& record : data.case_sources) {
        const std::int64_t read = total(record.stats.read);
        if (read == 0) {
            throw InputError(
                fmt::format("cases '{}': 0 rows: the source holds no case; give the file with its "
                            "rows or leave the source out",
                            record.label));
        }
        const std::int64_t unlocated = total(record.stats.unlocated);
        if (record.inside == 0) {
            throw InputError(fmt::format(
                "cases '{}': 0 of {} rows inside the areas ({}): nothing of it would "
                "count; {}",
                record.label, read, lost_detail(record.outside, unlocated), likely_cause(record)));
        }
        const std::int64_t lost = read - record.inside;
        if (2 * lost > read) {
            data.warnings.push_back(
                fmt::format("cases '{}': more than half lost: {} of {} rows count in no area "
                            "({} outside every area, {} without usable coordinates); {}",
                            record.label, lost, read, record.outside, unlocated, likely_cause(record)));
        }
    }
    for (const AgencyTally& tally : data.agencies) {
        if (tally.assigned > 0) {
            continue;
        }
        // An agency named by AGENCY= reached here only if one of its sources counted nothing, refused
        // above. One read from a field may be a few stray rows (the demo's 311 data has an agency with
        // one row and no coordinates): one bad row must not stop the work (decision 0012), so it is
        // said, in a line of its own, not refused.
        const std::string what = fmt::format(
            "agency '{}' has no located case: none of its {} row(s) lies inside an "
            "area ({})",
            tally.name, tally.read, lost_detail(tally.outside, tally.unlocated));
        data.warnings.push_back("cases: " + what +
                                "; its column counts nothing: correct its rows or leave them out");
    }
}

}  // namespace locality::pipeline
