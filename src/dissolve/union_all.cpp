// SPDX-License-Identifier: MIT
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

#include "coverage_union.hpp"
#include "locality/dissolve/dissolve.hpp"
#include "locality/geom/validity.hpp"

namespace locality::dissolve {

namespace {

// Areas unioned in one GEOS call at the leaves of the split; above it the group is halved.
constexpr std::size_t k_leaf_areas = 256;
// Areas of the compact sample (the first group of the split at that size) that tells a clean coverage.
constexpr std::size_t k_sample_areas = 32;

struct Item {
    double x = 0.0;  ///< centre of the area's envelope
    double y = 0.0;
    std::size_t index = 0;
};

using ItemIt = std::vector<Item>::iterator;

/** A partial union and the area of the small holes filled on the way to it. */
struct Partial {
    geom::Wkb wkb;
    double filled_area = 0.0;
};

// The union `u` without its holes under `max_hole_area`, as a Partial.
Partial finish(const geom::GeosContext& ctx, const GEOSGeometry* u, double max_hole_area,
               double filled_before) {
    Partial out{{}, filled_before};
    const geom::GeomPtr filled = geom::fill_small_holes(ctx, u, max_hole_area, out.filled_area);
    out.wkb = geom::to_wkb(ctx, filled.get());
    return out;
}

Partial union_leaf(const std::vector<geom::Wkb>& areas, ItemIt first, ItemIt last, double max_hole_area) {
    const geom::GeosContext ctx;
    std::vector<GEOSGeometry*> parts;
    for (ItemIt it = first; it != last; ++it) {
        parts.push_back(geom::from_wkb(ctx, areas[it->index]).release());
    }
    const geom::GeomPtr coll =
        geom::check(ctx, GEOSGeom_createCollection_r(ctx.handle(), GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                     static_cast<unsigned>(parts.size())));
    if (GEOSGeometry* u = GEOSUnaryUnion_r(ctx.handle(), coll.get())) {
        const geom::GeomPtr owned(u, geom::GeomDeleter{ctx.handle()});
        return finish(ctx, owned.get(), max_hole_area, 0.0);
    }
    // Unary union refused the group (an input GEOS finds invalid): the dissolve's repairs and fallbacks.
    std::vector<geom::Wkb> members;
    for (ItemIt it = first; it != last; ++it) {
        members.push_back(areas[it->index]);
    }
    const geom::GeomPtr repaired =
        geom::from_wkb(ctx, dissolve_regions(members, std::vector<RegionId>(members.size(), 0), 1).front());
    return finish(ctx, repaired.get(), max_hole_area, 0.0);
}

// The comparison of the k-d split: along x (then y, then index) or along y.
bool before(const Item& a, const Item& b, bool by_x) {
    return by_x ? std::tie(a.x, a.y, a.index) < std::tie(b.x, b.y, b.index)
                : std::tie(a.y, a.x, a.index) < std::tie(b.y, b.x, b.index);
}

// Whether the split halves the group along x (its extent is wider than tall).
bool split_by_x(ItemIt first, ItemIt last) {
    Box extent;
    for (ItemIt it = first; it != last; ++it) {
        extent.expand(it->x, it->y);
    }
    return extent.max_x - extent.min_x >= extent.max_y - extent.min_y;
}

/**
 * The union of every area by GEOS's coverage union, when a compact sample (the first group of the
 * split with k_sample_areas areas at most) shows the layer is a clean coverage; null otherwise. On a
 * clean coverage (synthetic or topologically built layers) it is 10 to 20 times faster than the unary
 * union; on real boundary files it fails after costing as much, so a small sample decides.
 */
geom::GeomPtr coverage_union_if_clean(const geom::GeosContext& ctx, const std::vector<geom::Wkb>& areas,
                                      std::vector<Item> items) {
    ItemIt first = items.begin();
    ItemIt last = items.end();
    while (static_cast<std::size_t>(last - first) > k_sample_areas) {
        const bool by_x = split_by_x(first, last);
        const ItemIt middle = first + (last - first) / 2;
        std::nth_element(first, middle, last,
                         [by_x](const Item& a, const Item& b) { return before(a, b, by_x); });
        last = middle;
    }
    const auto collection = [&](ItemIt from, ItemIt to, double& area) {
        std::vector<GEOSGeometry*> parts;
        for (ItemIt it = from; it != to; ++it) {
            parts.push_back(geom::from_wkb(ctx, areas[it->index]).release());
            area += geom::area(ctx, parts.back());
        }
        return geom::check(ctx,
                           GEOSGeom_createCollection_r(ctx.handle(), GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                       static_cast<unsigned>(parts.size())));
    };
    double sample_area = 0.0;
    const geom::GeomPtr sample = collection(first, last, sample_area);
    if (!detail::try_coverage_union(ctx, sample.get(), sample_area)) {
        return nullptr;
    }
    double all_area = 0.0;
    const geom::GeomPtr all = collection(items.begin(), items.end(), all_area);
    return detail::try_coverage_union(ctx, all.get(), all_area);
}

Partial union_group(const std::vector<geom::Wkb>& areas, ItemIt first, ItemIt last, double max_hole_area) {
    const auto n = static_cast<std::size_t>(last - first);
    if (n <= k_leaf_areas) {
        return union_leaf(areas, first, last, max_hole_area);
    }
    // Halve at the median centre along the longer side of the group's extent (a k-d split), so
    // each half is compact and the final unions meet along one seam.
    const bool by_x = split_by_x(first, last);
    const ItemIt middle = first + static_cast<std::ptrdiff_t>(n / 2);
    std::nth_element(first, middle, last,
                     [by_x](const Item& a, const Item& b) { return before(a, b, by_x); });
    Partial left;
    Partial right;
    tbb::parallel_invoke([&] { left = union_group(areas, first, middle, max_hole_area); },
                         [&] { right = union_group(areas, middle, last, max_hole_area); });
    const geom::GeosContext ctx;
    const geom::GeomPtr a = geom::from_wkb(ctx, left.wkb);
    const geom::GeomPtr b = geom::from_wkb(ctx, right.wkb);
    const geom::GeomPtr u = geom::check(ctx, GEOSUnion_r(ctx.handle(), a.get(), b.get()));
    return finish(ctx, u.get(), max_hole_area, left.filled_area + right.filled_area);
}

}  // namespace

geom::Wkb union_all(const std::vector<geom::Wkb>& areas, double max_hole_area, double* filled_area) {
    if (filled_area != nullptr) {
        *filled_area = 0.0;
    }
    if (areas.empty()) {
        const geom::GeosContext ctx;
        const geom::GeomPtr empty = geom::check(ctx, GEOSGeom_createEmptyPolygon_r(ctx.handle()));
        return geom::to_wkb(ctx, empty.get());
    }
    std::vector<Item> items(areas.size());
    {
        const geom::GeosContext ctx;
        for (std::size_t i = 0; i < areas.size(); ++i) {
            const geom::GeomPtr g = geom::from_wkb(ctx, areas[i]);
            const Box b = geom::envelope(ctx, g.get());
            items[i] =
                b.empty() ? Item{0.0, 0.0, i} : Item{0.5 * (b.min_x + b.max_x), 0.5 * (b.min_y + b.max_y), i};
        }
    }
    if (items.size() > k_leaf_areas) {
        const geom::GeosContext ctx;
        if (const geom::GeomPtr clean = coverage_union_if_clean(ctx, areas, items)) {
            const Partial u = finish(ctx, clean.get(), max_hole_area, 0.0);
            if (filled_area != nullptr) {
                *filled_area = u.filled_area;
            }
            return u.wkb;
        }
    }
    Partial u = union_group(areas, items.begin(), items.end(), max_hole_area);
    if (filled_area != nullptr) {
        *filled_area = u.filled_area;
    }
    return std::move(u.wkb);
}

}  // namespace locality::dissolve
