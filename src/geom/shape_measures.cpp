// SPDX-License-Identifier: MIT
#include "locality/geom/shape_measures.hpp"

namespace locality::geom {

namespace {

/** `measure(ctx, geometry)` of every shape, parsed one at a time. */
template <typename T, typename Measure>
std::vector<T> measure_each(const std::vector<Wkb>& shapes, Measure measure) {
    const GeosContext ctx;
    std::vector<T> out;
    out.reserve(shapes.size());
    for (const Wkb& wkb : shapes) {
        out.push_back(measure(ctx, from_wkb(ctx, wkb).get()));
    }
    return out;
}

}  // namespace

std::vector<double> areas(const std::vector<Wkb>& shapes) {
    return measure_each<double>(shapes,
                                [](const GeosContext& ctx, const GEOSGeometry* g) { return area(ctx, g); });
}

std::vector<double> polsby_popper_scores(const std::vector<Wkb>& shapes) {
    return measure_each<double>(
        shapes, [](const GeosContext& ctx, const GEOSGeometry* g) { return polsby_popper(ctx, g); });
}

std::vector<std::size_t> part_counts(const std::vector<Wkb>& shapes) {
    return measure_each<std::size_t>(shapes, [](const GeosContext& ctx, const GEOSGeometry* g) {
        return static_cast<std::size_t>(GEOSGetNumGeometries_r(ctx.handle(), g));
    });
}

std::vector<std::array<double, 2>> centroids(const std::vector<Wkb>& shapes) {
    return measure_each<std::array<double, 2>>(shapes, [](const GeosContext& ctx, const GEOSGeometry* g) {
        std::array<double, 2> xy{0.0, 0.0};
        const GeomPtr centroid = check(ctx, GEOSGetCentroid_r(ctx.handle(), g));
        // An empty shape has an empty centroid, whose coordinates GEOS refuses: it stays at (0, 0).
        GEOSGeomGetX_r(ctx.handle(), centroid.get(), &xy[0]);
        GEOSGeomGetY_r(ctx.handle(), centroid.get(), &xy[1]);
        return xy;
    });
}

}  // namespace locality::geom
