// SPDX-License-Identifier: MIT
#include "locality/overlay/area_shares.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <memory>
#include <string>

#include "locality/core/error.hpp"
#include "locality/geom/spatial_index.hpp"
#include "locality/geom/thread_geometries.hpp"
#include "locality/geom/validity.hpp"

namespace locality::overlay {

namespace {

using geom::ThreadGeometries;

// Small areas per progress report: reports come from the calling thread between batches,
// never from inside the parallel loop (ProgressSink is not thread-safe).
constexpr std::size_t k_batch = 256;

/** Shares of one small area: intersection areas over its area, filtered and sorted. */
AreaShares shares_of(const ThreadGeometries& services, const geom::EnvelopeIndex& index, const geom::Wkb& wkb,
                     std::size_t area_index, double min_share) {
    const geom::GeosContext& ctx = services.ctx();
    GEOSContextHandle_t h = services.handle();
    geom::GeomPtr area;
    try {
        area = geom::from_wkb(ctx, wkb);
    } catch (const GeometryError& e) {
        throw GeometryError("small area " + std::to_string(area_index) + ": " + e.what());
    }
    AreaShares result;
    const double total = geom::area(ctx, area.get());
    if (!(total > 0.0)) {
        return result;  // empty or degenerate: no meaningful share
    }
    std::vector<std::size_t> candidates;
    index.query(geom::envelope(ctx, area.get()), candidates);
    for (const std::size_t s : candidates) {
        if (!services.predicate(GEOSPreparedIntersects_r(h, services.prepared(s), area.get()),
                                "prepared intersects")) {
            continue;
        }
        GEOSGeometry* raw = GEOSIntersection_r(h, area.get(), services.geom(s));
        if (raw == nullptr) {
            throw GeometryError("small area " + std::to_string(area_index) + " x service area " +
                                std::to_string(s) + ": GEOS intersection failed (" + ctx.last_error() +
                                "); repair both layers with make_valid_polygonal first");
        }
        const geom::GeomPtr piece(raw, geom::GeomDeleter{h});
        const double share = std::min(1.0, geom::area(ctx, piece.get()) / total);
        if (share >= min_share && share > 0.0) {
            result.shares.push_back({s, share});
        }
    }
    std::sort(result.shares.begin(), result.shares.end(), [](const ServiceShare& a, const ServiceShare& b) {
        return a.share != b.share ? a.share > b.share : a.service_area < b.service_area;
    });
    return result;
}

}  // namespace

std::vector<AreaShares> compute_area_shares(const std::vector<geom::Wkb>& areas,
                                            const std::vector<geom::Wkb>& service_areas, double min_share,
                                            const ProgressSink& progress) {
    const ScaledProgress report(progress, 0.0, 1.0);
    report.report(0.0, "area shares");
    std::vector<AreaShares> result(areas.size());
    if (areas.empty() || service_areas.empty()) {
        report.report(1.0, "area shares");
        return result;
    }
    // Envelopes once, on this thread; workers get their own GEOS copy of the service areas.
    std::vector<Box> envelopes;
    {
        const ThreadGeometries local(service_areas, "service area");
        envelopes.reserve(local.size());
        for (std::size_t i = 0; i < local.size(); ++i) {
            envelopes.push_back(geom::envelope(local.ctx(), local.geom(i)));
        }
    }
    const geom::EnvelopeIndex index(envelopes);
    tbb::enumerable_thread_specific<std::unique_ptr<ThreadGeometries>> states;
    for (std::size_t start = 0; start < areas.size(); start += k_batch) {
        const std::size_t stop = std::min(areas.size(), start + k_batch);
        tbb::parallel_for(
            tbb::blocked_range<std::size_t>(start, stop, 8), [&](const tbb::blocked_range<std::size_t>& r) {
                std::unique_ptr<ThreadGeometries>& services = states.local();
                if (!services) {
                    services = std::make_unique<ThreadGeometries>(service_areas, "service area");
                }
                for (std::size_t i = r.begin(); i != r.end(); ++i) {
                    result[i] = shares_of(*services, index, areas[i], i, min_share);
                }
            });
        report.report(static_cast<double>(stop) / static_cast<double>(areas.size()), "area shares");
    }
    return result;
}

}  // namespace locality::overlay
