// SPDX-License-Identifier: MIT
// Internal to the pipeline: the profile of each locality (rates, need z-scores, compactness) and its
// alignment with the existing service areas (docs/output.md defines every figure).
#pragma once

#include <string>
#include <vector>

#include "inputs.hpp"
#include "tables.hpp"

namespace locality::pipeline {

/** A locality is said to touch a service area when at least this share of its area lies in it. */
constexpr double k_touch_floor = 0.01;

/** How one locality sits on one service-area layer. */
struct ServiceAlignment {
    std::int64_t touched = 0;      ///< service areas holding at least k_touch_floor of the locality's area
    std::vector<std::string> ids;  ///< those service areas, largest share of the locality first
    std::string dominant;          ///< the service area holding most of its caseload (by area without cases)
    double dominant_case_share = -1.0;  ///< share of the caseload in `dominant`, in [0, 1]; -1 = no cases
};

/** Figures of one locality beyond its counts. */
struct LocalityProfile {
    std::vector<double> rates;  ///< per agency, cases per 1,000 residents; NaN without residents
    double rate_total = 0.0;    ///< all cases per 1,000 residents; NaN without residents
    std::vector<double> z;  ///< per agency: (observed - expected) / sqrt(expected); NaN when expected is 0
    double polsby_popper = 0.0;  ///< 4 pi area / perimeter^2 of the dissolved locality, in (0, 1]
    std::vector<ServiceAlignment> alignment;  ///< per service layer
};

/** How the localities split one service-area layer. */
struct ServiceSplit {
    std::vector<std::int64_t>
        localities;  ///< per service area: localities holding >= k_touch_floor of its area
};

/**
 * Profiles of the localities. Expected counts are those at the overall rate: population share times
 * the agency's assigned cases, or, without a population, the locality's caseload split as the
 * whole caseload is. Caseloads are apportioned to service areas by the area shares of the overlay.
 */
std::vector<LocalityProfile> locality_profiles(const OverlayData& data,
                                               const std::vector<RegionId>& region_of,
                                               const std::vector<geom::Wkb>& shapes,
                                               const std::vector<LocalityFigures>& figures);

/** Per service layer, how many localities each service area is split across. */
std::vector<ServiceSplit> service_splits(const OverlayData& data, const std::vector<RegionId>& region_of,
                                         std::size_t locality_count);

/**
 * A colour for each locality on the map, as an index into a palette of `palette_size`: greedy in
 * locality order, the first colour no neighbour (a locality within `tolerance_m`) has yet, so
 * neighbouring localities never share a colour while the palette lasts.
 */
std::vector<int> map_colours(const std::vector<geom::Wkb>& shapes, double tolerance_m, int palette_size);

}  // namespace locality::pipeline
