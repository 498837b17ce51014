// SPDX-License-Identifier: MIT
#include "locality/overlay/coverage.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>

#include "coverage_edges.hpp"
#include "locality/core/error.hpp"
#include "locality/dissolve/dissolve.hpp"
#include "locality/geom/spatial_index.hpp"
#include "locality/geom/thread_geometries.hpp"
#include "locality/geom/validity.hpp"

namespace locality::overlay {

namespace {

// Smaller pieces are coordinate rounding between neighbours, not a coverage problem.
constexpr double k_min_piece_m2 = 1.0;
// The union of real boundary files falls short of the areas' sum by rounding alone (5 m2 in 783 km2 for
// the New York tracts): overlaps are only looked for beyond this share of the total.
constexpr double k_overlap_noise = 1e-7;

void keep_worst(std::vector<CoverageIssue>& issues) {
    std::stable_sort(issues.begin(), issues.end(),
                     [](const CoverageIssue& a, const CoverageIssue& b) { return a.area_m2 > b.area_m2; });
    if (issues.size() > k_coverage_worst) {
        issues.resize(k_coverage_worst);
    }
}

/** The areas parsed and prepared once, with their envelopes. */
struct Parsed {
    explicit Parsed(const std::vector<geom::Wkb>& geometries) : geoms(geometries, "area") {
        for (std::size_t i = 0; i < geometries.size(); ++i) {
            boxes.push_back(geom::envelope(geoms.ctx(), geoms.geom(i)));
        }
    }
    geom::ThreadGeometries geoms;  // one context: the check runs on one thread
    std::vector<Box> boxes;
};

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
            if (j <= i || GEOSPreparedIntersects_r(h, p.geoms.prepared(i), p.geoms.geom(j)) != 1 ||
                GEOSPreparedTouches_r(h, p.geoms.prepared(i), p.geoms.geom(j)) == 1) {
                continue;
            }
            const geom::GeomPtr shared =
                geom::check(ctx, GEOSIntersection_r(h, p.geoms.geom(i), p.geoms.geom(j)));
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

/** The holes of the union (each a polygon of its outer ring) as a list. */
std::vector<geom::GeomPtr> holes_of(const geom::GeosContext& ctx, const GEOSGeometry* merged) {
    const GEOSContextHandle_t h = ctx.handle();
    std::vector<geom::GeomPtr> holes;
    const int parts = GEOSGetNumGeometries_r(h, merged);
    for (int k = 0; k < parts; ++k) {
        const GEOSGeometry* polygon = GEOSGetGeometryN_r(h, merged, k);
        const int count = GEOSGetNumInteriorRings_r(h, polygon);
        for (int r = 0; r < count; ++r) {
            GEOSGeometry* ring =
                geom::check(ctx, GEOSGeom_clone_r(h, GEOSGetInteriorRingN_r(h, polygon, r))).release();
            holes.push_back(geom::check(ctx, GEOSGeom_createPolygon_r(h, ring, nullptr, 0)));
        }
    }
    return holes;
}

/** The holes of the union smaller than the threshold, with the areas around each. */
void measure_gaps(const geom::GeosContext& ctx, const Parsed& p, const geom::EnvelopeIndex& index,
                  const std::vector<geom::GeomPtr>& holes, const std::vector<std::string>& ids,
                  CoverageReport& report) {
    const GEOSContextHandle_t h = ctx.handle();
    std::vector<CoverageIssue> gaps;
    std::vector<std::size_t> candidates;
    for (const geom::GeomPtr& hole : holes) {
        const double a = geom::area(ctx, hole.get());
        if (a < k_min_piece_m2 || a >= report.gap_threshold_m2) {
            continue;
        }
        CoverageIssue gap{a, {}};
        candidates.clear();
        index.query(geom::envelope(ctx, hole.get()), candidates);
        for (const std::size_t i : candidates) {
            if (GEOSPreparedIntersects_r(h, p.geoms.prepared(i), hole.get()) == 1) {
                gap.ids.push_back(ids[i]);
            }
        }
        report.gap_m2 += a;
        ++report.gaps;
        gaps.push_back(std::move(gap));
    }
    keep_worst(gaps);
    report.worst_gaps = std::move(gaps);
}

}  // namespace

CoverageReport measure_coverage(const std::vector<geom::Wkb>& geometries,
                                const std::vector<std::string>& ids) {
    CoverageReport report;
    if (geometries.empty()) {
        return report;
    }
    const Parsed p(geometries);
    const geom::GeosContext& ctx = p.geoms.ctx();
    const geom::EnvelopeIndex index(p.boxes);
    std::vector<double> areas;
    double sum = 0.0;
    for (std::size_t i = 0; i < p.geoms.size(); ++i) {
        areas.push_back(geom::area(ctx, p.geoms.geom(i)));
        sum += areas.back();
    }
    std::nth_element(areas.begin(), areas.begin() + static_cast<std::ptrdiff_t>(areas.size() / 2),
                     areas.end());
    report.gap_threshold_m2 = areas[areas.size() / 2];
    // The edges the areas share cancel out; the faces of those left over give the union's holes and
    // the area overlapped, at a fraction of the union's cost (coverage_edges.hpp).
    std::optional<detail::EdgeCoverage> edges;
    try {
        edges = detail::coverage_from_edges(p.geoms);
    } catch (const GeometryError&) {
        edges.reset();  // GEOS failed on the free edges (a robustness error): the union decides
    }
    if (edges) {
        if (edges->overlap_m2 >= std::max(k_min_piece_m2, k_overlap_noise * sum)) {
            measure_overlaps(ctx, p, index, ids, report);
        }
        measure_gaps(ctx, p, index, edges->holes, ids, report);
        return report;
    }
    // Otherwise (a face's inner point within rounding of an edge) the union says whether anything
    // overlaps: its area falls short of the areas' sum by the overlaps. Only then are the pairs looked
    // for, as relating every pair of neighbours costs more than the union itself.
    // Holes under 1 m2 are filled on the way (rounding, never a gap); the area filled is added back
    // to the shortfall, so filling can only trigger the pair search, never hide an overlap.
    double filled_m2 = 0.0;
    const geom::GeomPtr u = geom::from_wkb(ctx, dissolve::union_all(geometries, k_min_piece_m2, &filled_m2));
    if (sum - geom::area(ctx, u.get()) + filled_m2 >= std::max(k_min_piece_m2, k_overlap_noise * sum)) {
        measure_overlaps(ctx, p, index, ids, report);
    }
    measure_gaps(ctx, p, index, holes_of(ctx, u.get()), ids, report);
    return report;
}

}  // namespace locality::overlay
