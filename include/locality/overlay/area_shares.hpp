// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <vector>

#include "locality/core/progress.hpp"
#include "locality/geom/geos_context.hpp"

namespace locality::overlay {

/** The part of one small area that lies in one service area. */
struct ServiceShare {
    std::size_t service_area = 0;  ///< index in the service-area layer
    double share = 0.0;            ///< area(intersection) / area(small area), in [0, 1]
};

/** Shares of one small area, largest first (ties: lowest index); empty when it touches none. */
struct AreaShares {
    std::vector<ServiceShare> shares;
    /** Index of the dominant service area (largest share), or -1 when none. */
    long dominant() const noexcept {
        return shares.empty() ? -1 : static_cast<long>(shares.front().service_area);
    }
};

/**
 * For every small area, the share of its area in each service area (area-weighted intersection,
 * working CRS, so squared metres). Shares below `min_share` (slivers from boundary noise) are
 * dropped. R-tree candidates, prepared intersects test, then GEOSIntersection_r; parallel over areas.
 */
std::vector<AreaShares> compute_area_shares(const std::vector<geom::Wkb>& areas,
                                            const std::vector<geom::Wkb>& service_areas,
                                            double min_share = 1e-6, const ProgressSink& progress = {});

}  // namespace locality::overlay
