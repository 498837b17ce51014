// SPDX-License-Identifier: MIT
// The coverage check's shortcut from shared edges (coverage_edges.hpp) against the union it replaces:
// on random layouts with gaps, pinched gaps, overlaps and unmatched vertices injected, measure_coverage
// reports what a plain GEOS unary union and a brute-force pair search report, and the shortcut itself
// answers (the union is only its fallback) with the union's holes and overlap.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "fixtures.hpp"
#include "locality/overlay/coverage.hpp"
#include "overlay/coverage_edges.hpp"

namespace geom = locality::geom;
using locality::overlay::CoverageIssue;
using locality::overlay::CoverageReport;
using locality::overlay::k_coverage_worst;
using locality::overlay::measure_coverage;
using locality::overlay::detail::coverage_from_edges;
using namespace locality::test;

namespace {

constexpr int k_side = 12;  // 12 x 12 cells of 400 to 1600 m

struct Layout {
    std::vector<geom::Wkb> cells;
    std::vector<std::string> ids;
    double overlap_m2 = 0.0;  // the union's shortfall against the sum of the areas
};

/**
 * A grid of random column widths and row heights, optionally warped by a smooth shift that moves
 * shared corners alike (edges stay shared, no longer axis-aligned), with defects drawn from `rng`:
 * missing cells (holes inside, bays at the border), two cells missing corner to corner (a pinch),
 * a cell reaching 30 m into its neighbour (overlap), a cell split in two halves whose middle vertex
 * its neighbours lack (not exact, no overlap).
 */
Layout random_layout(const geom::GeosContext& ctx, std::mt19937_64& rng) {
    std::uniform_real_distribution<double> size(400.0, 1600.0);
    std::vector<double> xs{500000.0};
    std::vector<double> ys{4500000.0};
    for (int k = 0; k < k_side; ++k) {
        xs.push_back(xs.back() + size(rng));
        ys.push_back(ys.back() + size(rng));
    }
    const bool warp = rng() % 2 == 0;
    const auto wx = [&](double x, double y) { return warp ? x + 40.0 * std::sin(y / 700.0) : x; };
    const auto wy = [&](double x, double y) { return warp ? y + 40.0 * std::sin(x / 900.0) : y; };
    const auto pt = [&](double x, double y) {
        return std::to_string(wx(x, y)) + " " + std::to_string(wy(x, y));
    };
    std::uniform_int_distribution<int> any(0, k_side - 1);
    std::uniform_int_distribution<int> inner(1, k_side - 3);
    std::vector<bool> missing(k_side * k_side, false);
    const int removed = static_cast<int>(rng() % 4);
    for (int k = 0; k < removed; ++k) {
        missing[static_cast<std::size_t>(any(rng) * k_side + any(rng))] = true;
    }
    if (rng() % 3 == 0) {
        const int r = inner(rng);
        const int c = inner(rng);
        missing[static_cast<std::size_t>(r * k_side + c)] = true;
        missing[static_cast<std::size_t>((r + 1) * k_side + c + 1)] = true;
    }
    const int grown = rng() % 3 == 0 ? inner(rng) * k_side + inner(rng) : -1;
    const int split = !warp && rng() % 3 == 0 ? inner(rng) * k_side + inner(rng) : -1;

    Layout layout;
    for (int r = 0; r < k_side; ++r) {
        for (int c = 0; c < k_side; ++c) {
            const int i = r * k_side + c;
            if (missing[static_cast<std::size_t>(i)]) {
                continue;
            }
            // to_string keeps 6 decimals, rounding a shared corner the same way in every cell it belongs to.
            const double x0 = xs[static_cast<std::size_t>(c)];
            const double y0 = ys[static_cast<std::size_t>(r)];
            const double y1 = ys[static_cast<std::size_t>(r + 1)];
            double x1 = xs[static_cast<std::size_t>(c + 1)];
            const std::string id = "r" + std::to_string(r) + "c" + std::to_string(c);
            if (i == grown && !missing[static_cast<std::size_t>(i + 1)]) {
                x1 += 30.0;
            }
            if (i == split) {
                const double ym = 0.5 * (y0 + y1);
                for (const auto& [lo, hi] : {std::pair{y0, ym}, std::pair{ym, y1}}) {
                    layout.cells.push_back(wkt_wkb(ctx, "POLYGON((" + pt(x0, lo) + "," + pt(x1, lo) + "," +
                                                            pt(x1, hi) + "," + pt(x0, hi) + "," + pt(x0, lo) +
                                                            "))"));
                    layout.ids.push_back(id + (lo == y0 ? "s" : "n"));
                }
                continue;
            }
            layout.cells.push_back(wkt_wkb(ctx, "POLYGON((" + pt(x0, y0) + "," + pt(x1, y0) + "," +
                                                    pt(x1, y1) + "," + pt(x0, y1) + "," + pt(x0, y0) + "))"));
            layout.ids.push_back(id);
        }
    }
    return layout;
}

/** The holes of a union, each a polygon of its ring. */
std::vector<geom::GeomPtr> holes_of(const geom::GeosContext& ctx, const GEOSGeometry* u) {
    const GEOSContextHandle_t h = ctx.handle();
    std::vector<geom::GeomPtr> holes;
    for (int k = 0; k < GEOSGetNumGeometries_r(h, u); ++k) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(h, u, k);
        for (int r = 0; r < GEOSGetNumInteriorRings_r(h, part); ++r) {
            holes.push_back(geom::check(
                ctx, GEOSGeom_createPolygon_r(h, GEOSGeom_clone_r(h, GEOSGetInteriorRingN_r(h, part, r)),
                                              nullptr, 0)));
        }
    }
    return holes;
}

/**
 * The check as it was before the shortcut, from GEOS alone: one unary union; the pairs whose
 * interiors meet by at least 1 m2 when the union falls short of the sum; the union's holes of
 * 1 m2 up to the median area, with the areas they touch.
 */
CoverageReport by_union(const geom::GeosContext& ctx, const Layout& layout, double& shortfall) {
    const GEOSContextHandle_t h = ctx.handle();
    std::vector<geom::GeomPtr> g;
    std::vector<GEOSGeometry*> clones;
    std::vector<double> areas;
    double sum = 0.0;
    for (const geom::Wkb& w : layout.cells) {
        g.push_back(geom::from_wkb(ctx, w));
        clones.push_back(GEOSGeom_clone_r(h, g.back().get()));
        areas.push_back(geom::area(ctx, g.back().get()));
        sum += areas.back();
    }
    const geom::GeomPtr all =
        geom::check(ctx, GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, clones.data(),
                                                     static_cast<unsigned>(clones.size())));
    const geom::GeomPtr u = geom::check(ctx, GEOSUnaryUnion_r(h, all.get()));
    CoverageReport report;
    shortfall = sum - geom::area(ctx, u.get());
    std::vector<double> sorted = areas;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2),
                     sorted.end());
    report.gap_threshold_m2 = sorted[sorted.size() / 2];
    if (shortfall >= std::max(1.0, 1e-7 * sum)) {
        for (std::size_t i = 0; i < g.size(); ++i) {
            for (std::size_t j = i + 1; j < g.size(); ++j) {
                const geom::GeomPtr shared = geom::check(ctx, GEOSIntersection_r(h, g[i].get(), g[j].get()));
                const double a = geom::area(ctx, shared.get());
                if (a >= 1.0) {
                    report.overlap_m2 += a;
                    ++report.overlap_pairs;
                    report.worst_overlaps.push_back({a, {layout.ids[i], layout.ids[j]}});
                }
            }
        }
    }
    for (const geom::GeomPtr& hole : holes_of(ctx, u.get())) {
        const double a = geom::area(ctx, hole.get());
        if (a < 1.0 || a >= report.gap_threshold_m2) {
            continue;
        }
        CoverageIssue gap{a, {}};
        for (std::size_t i = 0; i < g.size(); ++i) {
            if (GEOSIntersects_r(h, g[i].get(), hole.get()) == 1) {
                gap.ids.push_back(layout.ids[i]);
            }
        }
        report.gap_m2 += a;
        ++report.gaps;
        report.worst_gaps.push_back(gap);
    }
    for (auto* issues : {&report.worst_overlaps, &report.worst_gaps}) {
        std::stable_sort(issues->begin(), issues->end(), [](const CoverageIssue& a, const CoverageIssue& b) {
            return a.area_m2 > b.area_m2;
        });
        issues->resize(std::min(issues->size(), k_coverage_worst));
    }
    return report;
}

void check_same(const std::vector<CoverageIssue>& got, const std::vector<CoverageIssue>& want) {
    REQUIRE(got.size() == want.size());
    for (std::size_t k = 0; k < got.size(); ++k) {
        CHECK(got[k].area_m2 == Approx(want[k].area_m2).epsilon(1e-9));
        CHECK(got[k].ids == want[k].ids);
    }
}

}  // namespace

TEST_CASE("Coverage check equals the union-based check on random layouts with gaps, pinches and overlaps",
          "[coverage][coverage_edges]") {
    const geom::GeosContext ctx;
    std::mt19937_64 rng(20261207);
    int overlapping = 0;
    int with_gaps = 0;
    for (int seed = 0; seed < 40; ++seed) {
        const Layout layout = random_layout(ctx, rng);
        INFO("layout " << seed);
        double shortfall = 0.0;
        const CoverageReport want = by_union(ctx, layout, shortfall);
        const CoverageReport got = measure_coverage(layout.cells, layout.ids);
        CHECK(got.gap_threshold_m2 == Approx(want.gap_threshold_m2).epsilon(1e-12));
        CHECK(got.gaps == want.gaps);
        CHECK(got.gap_m2 == Approx(want.gap_m2).epsilon(1e-9));
        CHECK(got.overlap_pairs == want.overlap_pairs);
        CHECK(got.overlap_m2 == Approx(want.overlap_m2).epsilon(1e-9));
        check_same(got.worst_gaps, want.worst_gaps);
        check_same(got.worst_overlaps, want.worst_overlaps);

        // The shortcut answers (the union is not what found the above), with the union's shortfall.
        const geom::ThreadGeometries parsed(layout.cells, "area");
        const auto edges = coverage_from_edges(parsed);
        REQUIRE(edges.has_value());
        CHECK(edges->overlap_m2 == Approx(shortfall).margin(1e-6));
        CHECK(edges->holes.size() >= want.gaps);
        overlapping += want.overlap_pairs > 0 ? 1 : 0;
        with_gaps += want.gaps > 0 ? 1 : 0;
    }
    // The random draw exercises both paths and real gaps (a test that cannot fail is a defect).
    CHECK(overlapping >= 5);
    CHECK(with_gaps >= 10);
}

TEST_CASE("Coverage shortcut: two holes touching at a corner are two gaps, as in the union",
          "[coverage_edges]") {
    const geom::GeosContext ctx;
    // 4 x 4 cells of 100 m, (1,1) and (2,2) missing: two 10,000 m2 holes meeting at (200, 200).
    std::vector<geom::Wkb> cells;
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 4; ++c) {
            if ((r == 1 && c == 1) || (r == 2 && c == 2)) {
                continue;
            }
            cells.push_back(box_wkb(ctx, 100.0 * c, 100.0 * r, 100.0 * (c + 1), 100.0 * (r + 1)));
        }
    }
    const geom::ThreadGeometries parsed(cells, "area");
    const auto edges = coverage_from_edges(parsed);
    REQUIRE(edges.has_value());
    CHECK(edges->overlap_m2 == 0.0);
    REQUIRE(edges->holes.size() == 2);
    for (const geom::GeomPtr& hole : edges->holes) {
        CHECK(geom::area(parsed.ctx(), hole.get()) == Approx(10000.0));
    }
}

TEST_CASE("Coverage shortcut: a cell inside another (no shared edge) is an overlap", "[coverage_edges]") {
    const geom::GeosContext ctx;
    const std::vector<geom::Wkb> cells{box_wkb(ctx, 0, 0, 1000, 1000), box_wkb(ctx, 100, 100, 200, 200)};
    const geom::ThreadGeometries parsed(cells, "area");
    const auto edges = coverage_from_edges(parsed);
    REQUIRE(edges.has_value());
    CHECK(edges->overlap_m2 == Approx(10000.0));
    CHECK(edges->holes.empty());
    const CoverageReport report = measure_coverage(cells, {"big", "small"});
    CHECK(report.overlap_pairs == 1);
    CHECK(report.overlap_m2 == Approx(10000.0));
}

TEST_CASE("Coverage shortcut applies to the NYC tracts and finds the union's holes",
          "[coverage_edges][nyc]") {
    const WkbLayer tracts = read_nyc_tracts();
    if (tracts.geometries.empty()) {
        WARN("NYC tracts not installed; skipped");
        return;
    }
    const geom::ThreadGeometries parsed(tracts.geometries, "area");
    const auto edges = coverage_from_edges(parsed);
    REQUIRE(edges.has_value());
    // Truth: the holes of GEOS's unary union of the tracts.
    const geom::GeosContext& ctx = parsed.ctx();
    const GEOSContextHandle_t h = ctx.handle();
    std::vector<GEOSGeometry*> clones;
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        clones.push_back(GEOSGeom_clone_r(h, parsed.geom(i)));
    }
    const geom::GeomPtr all =
        geom::check(ctx, GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, clones.data(),
                                                     static_cast<unsigned>(clones.size())));
    const geom::GeomPtr u = geom::check(ctx, GEOSUnaryUnion_r(h, all.get()));
    double sum = 0.0;
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        sum += geom::area(ctx, parsed.geom(i));
    }
    // The tracts overlap by a few square feet of rounding: the union falls short of their sum by that.
    CHECK(edges->overlap_m2 == Approx(sum - geom::area(ctx, u.get())).margin(1.0));
    std::vector<double> want;
    for (const geom::GeomPtr& hole : holes_of(ctx, u.get())) {
        want.push_back(geom::area(ctx, hole.get()));
    }
    std::vector<double> got;
    for (const geom::GeomPtr& hole : edges->holes) {
        got.push_back(geom::area(ctx, hole.get()));
    }
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    // Pieces under 1 square unit are rounding, ignored by the check; there the union's snapping and
    // the faces differ slightly (slivers of 1e-4 to 0.05 square feet, about 2,650 of them either way),
    // and in all they agree. Above it they are the same holes (none, for the tracts).
    const auto total = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); };
    CHECK(want.size() > 2000);
    CHECK(total(got) == Approx(total(want)).margin(1.0));
    const auto drop_small = [](std::vector<double>& v) {
        v.erase(v.begin(), std::lower_bound(v.begin(), v.end(), 1.0));
    };
    drop_small(want);
    drop_small(got);
    REQUIRE(got.size() == want.size());
    for (std::size_t k = 0; k < got.size(); ++k) {
        CHECK(got[k] == Approx(want[k]).epsilon(1e-9));
    }
}
