// SPDX-License-Identifier: MIT
#include "input_checks.hpp"

#include <algorithm>
#include <cstddef>
#include <map>

#include <fmt/format.h>

#include "locality/core/error.hpp"
#include "locality/dissolve/dissolve.hpp"
#include "locality/geom/spatial_index.hpp"
#include "locality/geom/validity.hpp"

namespace locality::pipeline {

namespace {

// Smaller pieces are coordinate rounding between neighbours, not a coverage problem.
constexpr double k_min_piece_m2 = 1.0;
// The union of real boundary files falls short of the areas' sum by rounding alone (5 m2 in 783 km2 for
// the New York tracts): overlaps are only looked for beyond this share of the total.
constexpr double k_overlap_noise = 1e-7;

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

void keep_worst(std::vector<CoverageIssue>& issues) {
    std::stable_sort(issues.begin(), issues.end(),
                     [](const CoverageIssue& a, const CoverageIssue& b) { return a.area_m2 > b.area_m2; });
    if (issues.size() > k_coverage_worst) {
        issues.resize(k_coverage_worst);
    }
}

struct Parsed {
    std::vector<geom::GeomPtr> geoms;
    std::vector<geom::PreparedPtr> prepared;
    std::vector<Box> boxes;
};

Parsed parse_all(const geom::GeosContext& ctx, const std::vector<geom::Wkb>& geometries) {
    Parsed p;
    for (const geom::Wkb& wkb : geometries) {
        p.geoms.push_back(geom::from_wkb(ctx, wkb));
        p.prepared.push_back(geom::prepare(ctx, p.geoms.back().get()));
        p.boxes.push_back(geom::envelope(ctx, p.geoms.back().get()));
    }
    return p;
}

/** Pairs of areas whose interiors meet (they intersect and do not merely touch), with the shared area. */
void measure_overlaps(const geom::GeosContext& ctx, const Parsed& p, const geom::EnvelopeIndex& index,
                      const std::vector<std::string>& ids, CoverageReport& report) {
    const GEOSContextHandle_t h = ctx.handle();
    std::vector<CoverageIssue> overlaps;
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < p.geoms.size(); ++i) {
        candidates.clear();
        index.query(p.boxes[i], candidates);
        for (const std::size_t j : candidates) {
            if (j <= i || GEOSPreparedIntersects_r(h, p.prepared[i].get(), p.geoms[j].get()) != 1 ||
                GEOSPreparedTouches_r(h, p.prepared[i].get(), p.geoms[j].get()) == 1) {
                continue;
            }
            const geom::GeomPtr shared = geom::check(ctx, GEOSIntersection_r(h, p.geoms[i].get(), p.geoms[j].get()));
            const double a = geom::area(ctx, shared.get());
            if (a >= k_min_piece_m2) {
                report.overlap_m2 += a;
                ++report.overlap_pairs;
                overlaps.push_back({a, {ids[i], ids[j]}});
            }
        }
    }
    keep_worst(overlaps);
    report.worst_overlaps = std::move(overlaps);
}

/** Holes of `merged` (the union) smaller than the threshold, with the areas around each. */
void measure_gaps(const geom::GeosContext& ctx, const Parsed& p, const geom::EnvelopeIndex& index,
                  const GEOSGeometry* merged, const std::vector<std::string>& ids, CoverageReport& report) {
    const GEOSContextHandle_t h = ctx.handle();
    std::vector<CoverageIssue> gaps;
    std::vector<std::size_t> candidates;
    const int parts = GEOSGetNumGeometries_r(h, merged);
    for (int k = 0; k < parts; ++k) {
        const GEOSGeometry* polygon = GEOSGetGeometryN_r(h, merged, k);
        const int holes = GEOSGetNumInteriorRings_r(h, polygon);
        for (int r = 0; r < holes; ++r) {
            GEOSGeometry* ring = geom::check(ctx, GEOSGeom_clone_r(h, GEOSGetInteriorRingN_r(h, polygon, r))).release();
            const geom::GeomPtr hole = geom::check(ctx, GEOSGeom_createPolygon_r(h, ring, nullptr, 0));
            const double a = geom::area(ctx, hole.get());
            if (a < k_min_piece_m2 || a >= report.gap_threshold_m2) {
                continue;
            }
            CoverageIssue gap{a, {}};
            candidates.clear();
            index.query(geom::envelope(ctx, hole.get()), candidates);
            for (const std::size_t i : candidates) {
                if (GEOSPreparedIntersects_r(h, p.prepared[i].get(), hole.get()) == 1) {
                    gap.ids.push_back(ids[i]);
                }
            }
            report.gap_m2 += a;
            ++report.gaps;
            gaps.push_back(std::move(gap));
        }
    }
    keep_worst(gaps);
    report.worst_gaps = std::move(gaps);
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
    return fmt::format("cases '{}': the coordinate columns look swapped: {:.0f}% of its first {} points fall "
                       "inside an area as read ({} as x, {} as y), {:.0f}% with x and y exchanged; if so, give "
                       "--x-field {} --y-field {}",
                       label, 100.0 * given, stats.probe_x.size(), stats.x_field, stats.y_field, 100.0 * swapped,
                       stats.y_field, stats.x_field);
}

CoverageReport measure_coverage(const std::vector<geom::Wkb>& geometries, const std::vector<std::string>& ids) {
    CoverageReport report;
    if (geometries.empty()) {
        return report;
    }
    geom::GeosContext ctx;
    const Parsed p = parse_all(ctx, geometries);
    const geom::EnvelopeIndex index(p.boxes);
    std::vector<double> areas;
    double sum = 0.0;
    for (const auto& g : p.geoms) {
        areas.push_back(geom::area(ctx, g.get()));
        sum += areas.back();
    }
    std::nth_element(areas.begin(), areas.begin() + static_cast<std::ptrdiff_t>(areas.size() / 2), areas.end());
    report.gap_threshold_m2 = areas[areas.size() / 2];
    // The union says whether anything overlaps: its area falls short of the areas' sum by the
    // overlaps. Only then are the pairs looked for, as relating every pair of neighbours costs more
    // than the union itself.
    // Holes under 1 m2 are filled on the way (rounding, never a gap); the area filled is added back
    // to the shortfall, so filling can only trigger the pair search, never hide an overlap.
    double filled_m2 = 0.0;
    const geom::GeomPtr u = geom::from_wkb(ctx, dissolve::union_all(geometries, k_min_piece_m2, &filled_m2));
    if (sum - geom::area(ctx, u.get()) + filled_m2 >= std::max(k_min_piece_m2, k_overlap_noise * sum)) {
        measure_overlaps(ctx, p, index, ids, report);
    }
    measure_gaps(ctx, p, index, u.get(), ids, report);
    return report;
}

std::string coverage_warning(const CoverageReport& report) {
    if (report.clean()) {
        return {};
    }
    std::string what;
    std::string worst;
    if (report.overlap_pairs > 0) {
        what = fmt::format("{} overlapping pair(s) sharing {:.0f} m2", report.overlap_pairs, report.overlap_m2);
        worst += fmt::format("; largest overlap {} ({:.0f} m2)", join_ids(report.worst_overlaps.front().ids),
                             report.worst_overlaps.front().area_m2);
    }
    if (report.gaps > 0) {
        what += fmt::format("{}{} gap(s) of {:.0f} m2 between areas", what.empty() ? "" : " and ", report.gaps,
                            report.gap_m2);
        worst += fmt::format("; largest gap beside {} ({:.0f} m2)", join_ids(report.worst_gaps.front().ids),
                             report.worst_gaps.front().area_m2);
    }
    return fmt::format("areas: coverage problem: {}{} (details under \"coverage\" in summary.json)", what, worst);
}

std::string overlap_refusal(const CoverageReport& report, const std::string& label) {
    if (report.overlap_pairs == 0 || report.worst_overlaps.empty()) {
        return {};
    }
    const CoverageIssue& largest = report.worst_overlaps.front();
    const std::string others =
        report.overlap_pairs == 1
            ? std::string()
            : fmt::format(" ({} other overlapping pair(s), {:.0f} m2 in all)", report.overlap_pairs - 1,
                          report.overlap_m2);
    return fmt::format("areas '{}': areas {} and {} overlap by {:.0f} m2{}, so localities drawn from them would "
                       "overlap; remove the overlaps from the area layer (clip one area of each pair by the other, "
                       "e.g. with QGIS's Topology Checker), or count cases per area only with locality overlay",
                       label, largest.ids.at(0), largest.ids.at(1), largest.area_m2, others);
}

}  // namespace locality::pipeline
