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

bool is_polygonal(int type) { return type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON; }

// A valid Polygon (one part) or MultiPolygon (otherwise, including empty) from any geometry.
GeomPtr to_valid_polygonal(const GeosContext& ctx, GeomPtr g) {
    if (!is_polygonal(GEOSGeomTypeId_r(ctx.handle(), g.get()))) {
        std::vector<GeomPtr> parts;
        collect_polygons(ctx, g.get(), parts);
        if (parts.size() == 1) {
            g = std::move(parts.front());
        } else {
            g = make_collection(ctx, GEOS_MULTIPOLYGON, std::move(parts));
        }
    }
    if (GEOSisValid_r(ctx.handle(), g.get()) != 1) {
        // Polygonal parts that touch along edges (or a repaired input) need a real union.
        GEOSGeometry* repaired = GEOSUnaryUnion_r(ctx.handle(), g.get());
        if (repaired == nullptr || GEOSisValid_r(ctx.handle(), repaired) != 1) {
            if (repaired != nullptr) {
                GEOSGeom_destroy_r(ctx.handle(), repaired);
            }
            repaired = GEOSMakeValid_r(ctx.handle(), g.get());
        }
        g = geom::check(ctx, repaired);
        std::vector<GeomPtr> parts;
        collect_polygons(ctx, g.get(), parts);
        g = parts.size() == 1 ? std::move(parts.front())
                              : make_collection(ctx, GEOS_MULTIPOLYGON, std::move(parts));
    }
    return g;
}

// Union of the given areas: coverage union (when `try_coverage`), else unary union, else unary union
// of repaired parts. `used_coverage` (optional) tells whether the coverage union was kept.
GeomPtr union_region(const GeosContext& ctx, const std::vector<geom::Wkb>& areas,
                     const std::vector<std::size_t>& members, int region, bool try_coverage,
                     bool* used_coverage = nullptr) {
    std::vector<GeomPtr> parts;
    double parts_area = 0.0;
    for (std::size_t i : members) {
        GeomPtr g = geom::from_wkb(ctx, areas[i]);
        parts_area += geom::area(ctx, g.get());
        collect_polygons(ctx, g.get(), parts);
    }
    // Kept aside for the last resort: unary union may reject invalid inputs (self-intersections).
    std::vector<GeomPtr> backup;
    backup.reserve(parts.size());
    for (const auto& p : parts) {
        backup.push_back(geom::check(ctx, GEOSGeom_clone_r(ctx.handle(), p.get())));
    }
    const GeomPtr coll = make_collection(ctx, GEOS_GEOMETRYCOLLECTION, std::move(parts));
    if (try_coverage) {
        if (GeomPtr u = try_coverage_union(ctx, coll.get(), parts_area)) {
            if (used_coverage != nullptr) {
                *used_coverage = true;
            }
            return to_valid_polygonal(ctx, std::move(u));
        }
    }
    if (GEOSGeometry* u = GEOSUnaryUnion_r(ctx.handle(), coll.get())) {
        return to_valid_polygonal(ctx, GeomPtr(u, geom::GeomDeleter{ctx.handle()}));
    }
    std::vector<GeomPtr> repaired;
    for (const auto& p : backup) {
        if (GEOSisValid_r(ctx.handle(), p.get()) == 1) {
            repaired.push_back(geom::check(ctx, GEOSGeom_clone_r(ctx.handle(), p.get())));
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
    return to_valid_polygonal(ctx, GeomPtr(u, geom::GeomDeleter{ctx.handle()}));
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
        const GeomPtr u = union_region(ctx, areas, members[0], 0, true, &clean_coverage);
        const GeomPtr filled = geom::fill_sliver_holes(ctx, u.get(), max_sliver_width, filled_per_region[0]);
        result[0] = geom::to_wkb(ctx, filled.get());
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
                    const GeomPtr u =
                        union_region(ctx, areas, members[r], static_cast<int>(r), clean_coverage);
                    const GeomPtr filled =
                        geom::fill_sliver_holes(ctx, u.get(), max_sliver_width, filled_per_region[r]);
                    result[r] = geom::to_wkb(ctx, filled.get());
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
