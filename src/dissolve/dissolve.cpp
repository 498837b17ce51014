// SPDX-License-Identifier: MIT
#include "locality/dissolve/dissolve.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "coverage_union.hpp"
#include "locality/core/error.hpp"
#include "locality/geom/polygon_parts.hpp"
#include "locality/geom/validity.hpp"

namespace locality::dissolve {

namespace {
// Coverage union is only trusted when its area matches the sum of the parts this closely; a
// non-clean coverage (shared edges without shared vertices, overlaps) shows up as a mismatch.
constexpr double k_area_tolerance = 1e-6;
}  // namespace

namespace detail {

geom::GeomPtr try_coverage_union(const geom::GeosContext& ctx, const GEOSGeometry* coll, double parts_area) {
    GEOSGeometry* raw = GEOSCoverageUnion_r(ctx.handle(), coll);
    if (raw == nullptr) {
        return nullptr;
    }
    geom::GeomPtr u(raw, geom::GeomDeleter{ctx.handle()});
    if (GEOSisValid_r(ctx.handle(), u.get()) != 1) {
        return nullptr;
    }
    double a = 0.0;
    if (GEOSArea_r(ctx.handle(), u.get(), &a) == 0) {
        return nullptr;
    }
    const double scale = std::max(std::abs(parts_area), 1e-300);
    if (std::abs(a - parts_area) > k_area_tolerance * scale) {
        return nullptr;
    }
    return u;
}

}  // namespace detail

namespace {

using detail::try_coverage_union;

using geom::collect_polygons;
using geom::GeomPtr;
using geom::GeosContext;
using geom::make_collection;

// Regions are processed in batches so that progress is reported (and cancellation honoured) on
// the calling thread only, as ProgressSink requires.
constexpr std::size_t k_batch_size = 64;

// Grid the union is snap-rounded to, working CRS metres (decision 43). Neighbours whose common border is
// not noded alike (a vertex on one side only, a float off the other's edge: the NYC tracts) leave
// hairline cracks, 1e-7 to 1e-5 m wide and up to 750 m long, in a union (the coverage union
// too: its area check cannot see them): notches open to the outside that count as perimeter, and no
// hole filling reaches them. Snap-rounding nodes every vertex into the segments passing within half
// a cell, so the cracks close; 1 mm is far below any
// real feature and below the GeoJSON's own rounding (1e-7 degrees, about 1 cm).
constexpr double k_crack_grid = 1e-3;

bool is_polygonal(int type) { return type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON; }

// The polygonal parts of `g` as a Polygon (one part) or a MultiPolygon (otherwise, including empty).
GeomPtr polygonal_parts(const GeosContext& ctx, GeomPtr g) {
    if (is_polygonal(GEOSGeomTypeId_r(ctx.handle(), g.get()))) {
        return g;
    }
    std::vector<GeomPtr> parts;
    collect_polygons(ctx, g.get(), parts);
    return parts.size() == 1 ? std::move(parts.front())
                             : make_collection(ctx, GEOS_MULTIPOLYGON, std::move(parts));
}

// A valid Polygon (one part) or MultiPolygon (otherwise, including empty) from any geometry.
GeomPtr to_valid_polygonal(const GeosContext& ctx, GeomPtr g) {
    g = polygonal_parts(ctx, std::move(g));
    if (GEOSisValid_r(ctx.handle(), g.get()) != 1) {
        // Polygonal parts that touch along edges (or a repaired input) need a real union.
        GEOSGeometry* repaired = GEOSUnaryUnion_r(ctx.handle(), g.get());
        if (repaired == nullptr || GEOSisValid_r(ctx.handle(), repaired) != 1) {
            if (repaired != nullptr) {
                GEOSGeom_destroy_r(ctx.handle(), repaired);
            }
            repaired = GEOSMakeValid_r(ctx.handle(), g.get());
        }
        std::vector<GeomPtr> parts;
        collect_polygons(ctx, geom::check(ctx, repaired).get(), parts);
        g = parts.size() == 1 ? std::move(parts.front())
                              : make_collection(ctx, GEOS_MULTIPOLYGON, std::move(parts));
    }
    return g;
}

// Union of the given areas, as GEOS gives it: coverage union (when `try_coverage`), else unary union,
// else unary union of repaired parts. `used_coverage` (optional) tells whether the coverage union was kept.
GeomPtr plain_union(const GeosContext& ctx, const std::vector<geom::Wkb>& areas,
                    const std::vector<std::size_t>& members, int region, bool try_coverage,
                    bool* used_coverage = nullptr) {
    // The members' polygons (and their total area when `area` is given), read from the WKB: a second
    // time only for the last resort below (unary union may reject invalid inputs, self-intersections).
    const auto member_parts = [&](double* area) {
        std::vector<GeomPtr> parts;
        for (std::size_t i : members) {
            GeomPtr g = geom::from_wkb(ctx, areas[i]);
            if (area != nullptr) {
                *area += geom::area(ctx, g.get());
            }
            collect_polygons(ctx, g.get(), parts);
        }
        return parts;
    };
    double parts_area = 0.0;
    const GeomPtr coll =
        make_collection(ctx, GEOS_GEOMETRYCOLLECTION, member_parts(try_coverage ? &parts_area : nullptr));
    if (try_coverage) {
        if (GeomPtr u = try_coverage_union(ctx, coll.get(), parts_area)) {
            if (used_coverage != nullptr) {
                *used_coverage = true;
            }
            return u;
        }
    }
    if (GEOSGeometry* u = GEOSUnaryUnion_r(ctx.handle(), coll.get())) {
        return GeomPtr(u, geom::GeomDeleter{ctx.handle()});
    }
    std::vector<GeomPtr> repaired;
    for (GeomPtr& p : member_parts(nullptr)) {
        if (GEOSisValid_r(ctx.handle(), p.get()) == 1) {
            repaired.push_back(std::move(p));
        } else {
            const GeomPtr fixed = geom::check(ctx, GEOSMakeValid_r(ctx.handle(), p.get()));
            collect_polygons(ctx, fixed.get(), repaired);
        }
    }
    const GeomPtr fixed_coll = make_collection(ctx, GEOS_GEOMETRYCOLLECTION, std::move(repaired));
    GEOSGeometry* u = GEOSUnaryUnion_r(ctx.handle(), fixed_coll.get());
    if (u == nullptr) {
        throw GeometryError("cannot dissolve locality " + std::to_string(region + 1) + ": " +
                            ctx.last_error());
    }
    return GeomPtr(u, geom::GeomDeleter{ctx.handle()});
}

// `g` snap-rounded to k_crack_grid, which closes its cracks (and only them: no point moves by more than
// a cell's half diagonal); null when `g` is empty or GEOS refuses, as it may for an invalid union. The
// snap-rounded overlay's result is valid by construction (GEOS's OverlayNG), so it is not tested again.
GeomPtr close_cracks(const GeosContext& ctx, const GEOSGeometry* g) {
    if (GEOSisEmpty_r(ctx.handle(), g) == 1) {
        return nullptr;  // nothing to close; GEOS would make an empty Polygon of an empty MultiPolygon
    }
    return GeomPtr(GEOSGeom_setPrecision_r(ctx.handle(), g, k_crack_grid, 0),
                   geom::GeomDeleter{ctx.handle()});
}

// One region's shape as written: the union of its areas, cracks closed, sliver holes (mean width
// under `max_sliver_width`) filled and counted in `filled`.
geom::Wkb region_shape(const GeosContext& ctx, const std::vector<geom::Wkb>& areas,
                       const std::vector<std::size_t>& members, int region, bool try_coverage,
                       double max_sliver_width, std::size_t& filled, bool* used_coverage = nullptr) {
    GeomPtr u = plain_union(ctx, areas, members, region, try_coverage, used_coverage);
    GeomPtr closed = close_cracks(ctx, u.get());
    const GeomPtr shape =
        closed ? polygonal_parts(ctx, std::move(closed)) : to_valid_polygonal(ctx, std::move(u));
    const GeomPtr without_slivers = geom::fill_sliver_holes(ctx, shape.get(), max_sliver_width, filled);
    return geom::to_wkb(ctx, without_slivers.get());
}

}  // namespace

std::vector<geom::Wkb> dissolve_regions(const std::vector<geom::Wkb>& areas,
                                        const std::vector<RegionId>& region_of, int region_count,
                                        const ProgressSink& progress, double max_sliver_width,
                                        std::size_t* slivers_filled) {
    if (areas.size() != region_of.size()) {
        throw InputError("dissolve: " + std::to_string(areas.size()) + " areas but " +
                         std::to_string(region_of.size()) + " region assignments");
    }
    if (region_count < 0) {
        throw InputError("dissolve: negative region count " + std::to_string(region_count));
    }
    std::vector<std::vector<std::size_t>> members(static_cast<std::size_t>(region_count));
    for (std::size_t i = 0; i < region_of.size(); ++i) {
        const RegionId r = region_of[i];
        if (r < 0 || r >= region_count) {
            throw InputError("dissolve: area " + std::to_string(i) + " has region " + std::to_string(r) +
                             " outside 0.." + std::to_string(region_count - 1));
        }
        members[static_cast<std::size_t>(r)].push_back(i);
    }

    const ScaledProgress scaled(progress, 0.0, 1.0);
    scaled.report(0.0, "dissolve");
    std::vector<geom::Wkb> result(members.size());
    // A failed coverage union costs as much as the unary union that follows it, and a layer that is
    // not a clean coverage (the usual case for real boundary files) fails for every region. So the
    // first region decides, sequentially, whether the others try it: deterministic and thread-free.
    bool clean_coverage = false;
    std::size_t first = 0;
    std::vector<std::size_t> filled_per_region(members.size(), 0);  // summed afterwards: no shared counter
    if (!members.empty()) {
        const GeosContext ctx;
        result[0] = region_shape(ctx, areas, members[0], 0, true, max_sliver_width, filled_per_region[0],
                                 &clean_coverage);
        first = 1;
    }
    // GEOS contexts are not thread-safe: one per worker thread, created lazily.
    tbb::enumerable_thread_specific<GeosContext> contexts;
    for (std::size_t begin = first; begin < members.size(); begin += k_batch_size) {
        const std::size_t end = std::min(members.size(), begin + k_batch_size);
        tbb::parallel_for(
            tbb::blocked_range<std::size_t>(begin, end), [&](const tbb::blocked_range<std::size_t>& range) {
                GeosContext& ctx = contexts.local();
                for (std::size_t r = range.begin(); r != range.end(); ++r) {
                    result[r] = region_shape(ctx, areas, members[r], static_cast<int>(r), clean_coverage,
                                             max_sliver_width, filled_per_region[r]);
                }
            });
        scaled.report(static_cast<double>(end) / static_cast<double>(members.size()), "dissolve");
    }
    if (members.size() <= 1) {
        scaled.report(1.0, "dissolve");
    }
    if (slivers_filled != nullptr) {
        *slivers_filled = 0;
        for (const std::size_t n : filled_per_region) {
            *slivers_filled += n;
        }
    }
    return result;
}

}  // namespace locality::dissolve
