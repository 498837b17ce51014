// SPDX-License-Identifier: MIT
#include "input_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <unordered_map>

#include "locality/core/error.hpp"

namespace locality::pipeline {

namespace {

/** Share of the points inside some area after transforming them; 0 for no point. */
double share_inside(std::vector<double> xs, std::vector<double> ys, const io::Transformer& transformer,
                    const overlay::PointLocator& locator) {
    const std::size_t n = xs.size();
    if (n == 0) {
        return 0.0;
    }
    const auto ok = std::make_unique<bool[]>(n);
    transformer.transform(n, xs.data(), ys.data(), ok.get());
    std::size_t inside = 0;
    for (std::size_t i = 0; i < n; ++i) {
        inside += ok[i] && locator.locate(xs[i], ys[i]) != k_no_zone ? 1 : 0;
    }
    return static_cast<double>(inside) / static_cast<double>(n);
}

std::string join_ids(const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) {
        out += (out.empty() ? "" : "+") + id;
    }
    return out;
}

}  // namespace

std::string check_swapped_columns(const io::PointReadStats& stats, const io::Crs& source_crs,
                                  const io::Crs& working, const overlay::PointLocator& locator,
                                  const std::string& label) {
    if (stats.probe_x.empty()) {
        return {};
    }
    const io::Transformer transformer(source_crs, working, "cases '" + label + "'");
    const double given = share_inside(stats.probe_x, stats.probe_y, transformer, locator);
    if (given >= 0.5) {
        return {};
    }
    const double swapped = share_inside(stats.probe_y, stats.probe_x, transformer, locator);
    if (swapped < 0.5) {
        return {};
    }
    return fmt::format(
        "cases '{}': the coordinate columns look swapped: {:.0f}% of its first {} points fall "
        "inside an area as read ({} as x, {} as y), {:.0f}% with x and y exchanged; if so, give "
        "--x-field {} --y-field {}",
        label, 100.0 * given, stats.probe_x.size(), stats.x_field, stats.y_field, 100.0 * swapped,
        stats.y_field, stats.x_field);
}

std::string coverage_warning(const CoverageReport& report) {
    if (report.clean()) {
        return {};
    }
    std::string what;
    std::string worst;
    if (report.overlap_pairs > 0) {
        what =
            fmt::format("{} overlapping pair(s) sharing {:.0f} m2", report.overlap_pairs, report.overlap_m2);
        worst += fmt::format("; largest overlap {} ({:.0f} m2)", join_ids(report.worst_overlaps.front().ids),
                             report.worst_overlaps.front().area_m2);
    }
    if (report.gaps > 0) {
        what += fmt::format("{}{} gap(s) of {:.0f} m2 between areas", what.empty() ? "" : " and ",
                            report.gaps, report.gap_m2);
        worst += fmt::format("; largest gap beside {} ({:.0f} m2)", join_ids(report.worst_gaps.front().ids),
                             report.worst_gaps.front().area_m2);
    }
    return fmt::format("areas: coverage problem: {}{} (details under \"coverage\" in summary.json)", what,
                       worst);
}

std::string overlap_refusal(const CoverageReport& report, const std::string& label) {
    if (report.overlap_pairs == 0 || report.worst_overlaps.empty()) {
        return {};
    }
    const CoverageIssue& largest = report.worst_overlaps.front();
    const std::string others = report.overlap_pairs == 1
                                   ? std::string()
                                   : fmt::format(" ({} other overlapping pair(s), {:.0f} m2 in all)",
                                                 report.overlap_pairs - 1, report.overlap_m2);
    return fmt::format(
        "areas '{}': areas {} and {} overlap by {:.0f} m2{}, so localities drawn from them would "
        "overlap; remove the overlaps from the area layer (clip one area of each pair by the other, "
        "e.g. with QGIS's Topology Checker), or count cases per area only with locality overlay",
        label, largest.ids.at(0), largest.ids.at(1), largest.area_m2, others);
}

std::string too_many_agencies(std::size_t agencies, bool gpkg, bool database) {
    if (database && agencies > k_max_database_agencies) {
        return fmt::format(
            "cases: {} agencies are more than the {} whose columns a PostgreSQL table of localities can "
            "hold (three per agency); group them (fewer distinct values in the agency field, or AGENCY= per "
            "source) or write to a folder with --format geojson",
            agencies, k_max_database_agencies);
    }
    if (gpkg && agencies > k_max_gpkg_agencies) {
        return fmt::format(
            "cases: {} agencies are more than the {} whose columns a GeoPackage table of localities can "
            "hold (three per agency); give --format geojson, or group them (fewer distinct values in the "
            "agency field, or AGENCY= per source)",
            agencies, k_max_gpkg_agencies);
    }
    return {};
}

std::string lost_zeros_hint(const std::vector<std::string>& unknown_ids,
                            const std::vector<std::string>& area_ids) {
    const auto without_zeros = [](const std::string& id) {
        const auto first = id.find_first_not_of('0');
        return first == std::string::npos ? std::string() : id.substr(first);
    };
    std::unordered_map<std::string, const std::string*> by_digits;
    for (const std::string& id : area_ids) {
        if (!id.empty() && id.front() == '0') {
            by_digits.emplace(without_zeros(id), &id);
        }
    }
    for (const std::string& id : unknown_ids) {
        const auto it = by_digits.find(without_zeros(id));
        if (!id.empty() && it != by_digits.end() && *it->second != id) {
            return fmt::format(
                " (the areas' ids keep their leading zeros: '{}' is '{}' there; a spreadsheet may "
                "have dropped them: store the column as text)",
                id, *it->second);
        }
    }
    return {};
}

}  // namespace locality::pipeline
