// SPDX-License-Identifier: MIT
#include "locality/graph/colouring.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>

#include "locality/core/error.hpp"
#include "locality/geom/spatial_index.hpp"
#include "locality/geom/thread_geometries.hpp"
#include "locality/geom/validity.hpp"

namespace locality::graph {

ContiguityGraph proximity_graph(const std::vector<geom::Wkb>& shapes, double tolerance) {
    const geom::ThreadGeometries geoms(shapes, "shape");
    const GEOSContextHandle_t h = geoms.handle();
    std::vector<Box> boxes;
    boxes.reserve(shapes.size());
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        boxes.push_back(geom::envelope(geoms.ctx(), geoms.geom(i)).buffered(tolerance));
    }
    // Touching is the common case and cheap on prepared shapes; otherwise the facet-indexed distance.
    const auto within = [&](std::size_t a, std::size_t b) {
        if (GEOSPreparedIntersects_r(h, geoms.prepared(a), geoms.geom(b)) == 1) {
            return true;
        }
        double distance = 0.0;
        if (GEOSDistanceIndexed_r(h, geoms.geom(a), geoms.geom(b), &distance) == 0) {
            throw GeometryError("shapes " + std::to_string(a) + " and " + std::to_string(b) +
                                ": GEOS cannot measure their distance: " + geoms.ctx().last_error());
        }
        return distance <= tolerance;
    };
    const geom::EnvelopeIndex index(boxes);
    std::vector<std::pair<ZoneId, ZoneId>> edges;
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        candidates.clear();
        index.query(boxes[i], candidates);
        for (const std::size_t j : candidates) {
            if (j < i && within(j, i)) {
                edges.emplace_back(static_cast<ZoneId>(j), static_cast<ZoneId>(i));
            }
        }
    }
    return ContiguityGraph(shapes.size(), edges);
}

std::vector<int> greedy_colours(const ContiguityGraph& graph, int palette_size) {
    if (palette_size < 1) {
        throw UsageError("a colouring needs at least one colour, got " + std::to_string(palette_size));
    }
    const std::size_t n = graph.zone_count();
    std::vector<int> colour(n, 0);
    std::vector<bool> taken(static_cast<std::size_t>(palette_size));
    for (std::size_t i = 0; i < n; ++i) {
        std::fill(taken.begin(), taken.end(), false);
        const auto zone = static_cast<ZoneId>(i);
        for (const ZoneId* j = graph.begin(zone); j != graph.end(zone); ++j) {
            if (static_cast<std::size_t>(*j) < i) {
                taken[static_cast<std::size_t>(colour[static_cast<std::size_t>(*j)])] = true;
            }
        }
        const auto free = std::find(taken.begin(), taken.end(), false);
        colour[i] =
            free != taken.end() ? static_cast<int>(free - taken.begin()) : static_cast<int>(i) % palette_size;
    }
    return colour;
}

}  // namespace locality::graph
