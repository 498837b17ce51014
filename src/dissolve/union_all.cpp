// SPDX-License-Identifier: MIT
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "locality/dissolve/dissolve.hpp"
#include "locality/geom/validity.hpp"

namespace locality::dissolve {

namespace {

// Areas unioned in one GEOS call at the leaves of the split; above it the group is halved.
constexpr std::size_t k_leaf_areas = 256;

struct Item {
    double x = 0.0;  ///< centre of the area's envelope
    double y = 0.0;
    std::size_t index = 0;
};

using ItemIt = std::vector<Item>::iterator;

geom::Wkb union_leaf(const std::vector<geom::Wkb>& areas, ItemIt first, ItemIt last) {
    const geom::GeosContext ctx;
    std::vector<GEOSGeometry*> parts;
    for (ItemIt it = first; it != last; ++it) {
        parts.push_back(geom::from_wkb(ctx, areas[it->index]).release());
    }
    const geom::GeomPtr coll = geom::check(
        ctx, GEOSGeom_createCollection_r(ctx.handle(), GEOS_GEOMETRYCOLLECTION, parts.data(),
                                         static_cast<unsigned>(parts.size())));
    if (GEOSGeometry* u = GEOSUnaryUnion_r(ctx.handle(), coll.get())) {
        const geom::GeomPtr owned(u, geom::GeomDeleter{ctx.handle()});
        return geom::to_wkb(ctx, owned.get());
    }
    // Unary union refused the group (an input GEOS finds invalid): the dissolve's repairs and fallbacks.
    std::vector<geom::Wkb> members;
    for (ItemIt it = first; it != last; ++it) {
        members.push_back(areas[it->index]);
    }
    return dissolve_regions(members, std::vector<RegionId>(members.size(), 0), 1).front();
}

geom::Wkb union_group(const std::vector<geom::Wkb>& areas, ItemIt first, ItemIt last) {
    const auto n = static_cast<std::size_t>(last - first);
    if (n <= k_leaf_areas) {
        return union_leaf(areas, first, last);
    }
    // Halve at the median centre along the longer side of the group's extent (a k-d split), so
    // each half is compact and the final unions meet along one seam.
    Box extent;
    for (ItemIt it = first; it != last; ++it) {
        extent.expand(it->x, it->y);
    }
    const bool by_x = extent.max_x - extent.min_x >= extent.max_y - extent.min_y;
    const ItemIt middle = first + static_cast<std::ptrdiff_t>(n / 2);
    std::nth_element(first, middle, last, [by_x](const Item& a, const Item& b) {
        return by_x ? std::tie(a.x, a.y, a.index) < std::tie(b.x, b.y, b.index)
                    : std::tie(a.y, a.x, a.index) < std::tie(b.y, b.x, b.index);
    });
    geom::Wkb left;
    geom::Wkb right;
    tbb::parallel_invoke([&] { left = union_group(areas, first, middle); },
                         [&] { right = union_group(areas, middle, last); });
    const geom::GeosContext ctx;
    const geom::GeomPtr a = geom::from_wkb(ctx, left);
    const geom::GeomPtr b = geom::from_wkb(ctx, right);
    const geom::GeomPtr u = geom::check(ctx, GEOSUnion_r(ctx.handle(), a.get(), b.get()));
    return geom::to_wkb(ctx, u.get());
}

}  // namespace

geom::Wkb union_all(const std::vector<geom::Wkb>& areas) {
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
            items[i] = b.empty() ? Item{0.0, 0.0, i} : Item{0.5 * (b.min_x + b.max_x), 0.5 * (b.min_y + b.max_y), i};
        }
    }
    return union_group(areas, items.begin(), items.end());
}

}  // namespace locality::dissolve
