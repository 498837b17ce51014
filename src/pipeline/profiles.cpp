// SPDX-License-Identifier: MIT
#include "profiles.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "locality/core/error.hpp"
#include "locality/geom/shape_measures.hpp"
#include "locality/graph/colouring.hpp"

namespace locality::pipeline {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// amount[l][j]: the part of `per_area` (a size or a caseload of each small area) that falls in
// service area j from locality l, apportioned by the area shares.
std::vector<std::vector<double>> apportion(const ServiceLayer& service,
                                           const std::vector<RegionId>& region_of, std::size_t localities,
                                           const std::vector<double>& per_area) {
    std::vector<std::vector<double>> amount(localities, std::vector<double>(service.layer.ids.size(), 0.0));
    for (std::size_t z = 0; z < region_of.size(); ++z) {
        for (const overlay::ServiceShare& share : service.shares[z].shares) {
            amount[static_cast<std::size_t>(region_of[z])][share.service_area] += share.share * per_area[z];
        }
    }
    return amount;
}

ServiceAlignment align(const ServiceLayer& service, const std::vector<double>& area_in,
                       const std::vector<double>& cases_in, double locality_area, double locality_cases) {
    ServiceAlignment out;
    std::vector<std::size_t> order(area_in.size());
    for (std::size_t j = 0; j < order.size(); ++j) {
        order[j] = j;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return area_in[a] > area_in[b]; });
    for (const std::size_t j : order) {
        if (locality_area > 0.0 && area_in[j] / locality_area >= k_touch_floor) {
            out.ids.push_back(service.layer.ids[j]);
        }
    }
    out.touched = static_cast<std::int64_t>(out.ids.size());
    if (order.empty() || area_in[order.front()] <= 0.0) {
        return out;
    }
    // Most cases; ties (and a locality without cases) go to the larger area, then the first read.
    std::size_t best = order.front();
    for (const std::size_t j : order) {
        if (cases_in[j] > cases_in[best]) {
            best = j;
        }
    }
    out.dominant = service.layer.ids[best];
    if (locality_cases > 0.0) {
        out.dominant_case_share = std::min(1.0, cases_in[best] / locality_cases);
    }
    return out;
}

/** `population_total`: data.total_population(), summed once by the caller (a sum over every area per
 * locality made this quadratic: about 1 % of the national run's CPU at 200,000 areas). */
void need_figures(const OverlayData& data, double population_total, const LocalityFigures& f,
                  LocalityProfile& p) {
    const std::size_t agencies = data.agencies.size();
    double assigned_total = 0.0;
    for (const AgencyTally& agency : data.agencies) {
        assigned_total += static_cast<double>(agency.assigned);
    }
    p.rates.assign(agencies, k_nan);
    p.z.assign(agencies, k_nan);
    p.rate_total = k_nan;
    const bool rated = data.has_population() && f.population > 0.0;
    if (rated) {
        p.rate_total = 1000.0 * static_cast<double>(f.cases_total) / f.population;
    }
    for (std::size_t a = 0; a < agencies; ++a) {
        const double observed = static_cast<double>(f.cases[a]);
        const double agency_total = static_cast<double>(data.agencies[a].assigned);
        if (rated) {
            p.rates[a] = 1000.0 * observed / f.population;
        }
        double expected = 0.0;
        if (data.has_population()) {
            expected = population_total > 0.0 ? f.population / population_total * agency_total : 0.0;
        } else if (assigned_total > 0.0) {
            expected = static_cast<double>(f.cases_total) * agency_total / assigned_total;
        }
        if (expected > 0.0) {
            p.z[a] = (observed - expected) / std::sqrt(expected);
        }
    }
}

}  // namespace

std::vector<LocalityProfile> locality_profiles(const OverlayData& data,
                                               const std::vector<RegionId>& region_of,
                                               const std::vector<geom::Wkb>& shapes,
                                               const std::vector<LocalityFigures>& figures) {
    const std::size_t localities = figures.size();
    std::vector<LocalityProfile> out(localities);
    const std::vector<double> compactness = geom::polsby_popper_scores(shapes);
    const double population_total = data.has_population() ? data.total_population() : 0.0;
    for (std::size_t l = 0; l < localities; ++l) {
        need_figures(data, population_total, figures[l], out[l]);
        out[l].polsby_popper = compactness[l];
    }
    const std::vector<double> sizes = geom::areas(data.areas.geometries);
    std::vector<double> cases(region_of.size());
    std::vector<double> locality_area(localities, 0.0);
    for (std::size_t z = 0; z < region_of.size(); ++z) {
        cases[z] = static_cast<double>(data.counts.zone_total(static_cast<ZoneId>(z)));
        locality_area[static_cast<std::size_t>(region_of[z])] += sizes[z];
    }
    for (const ServiceLayer& service : data.service_layers) {
        const auto area_in = apportion(service, region_of, localities, sizes);
        const auto cases_in = apportion(service, region_of, localities, cases);
        for (std::size_t l = 0; l < localities; ++l) {
            out[l].alignment.push_back(align(service, area_in[l], cases_in[l], locality_area[l],
                                             static_cast<double>(figures[l].cases_total)));
        }
    }
    return out;
}

std::vector<ServiceSplit> service_splits(const OverlayData& data, const std::vector<RegionId>& region_of,
                                         std::size_t locality_count) {
    const std::vector<double> sizes = geom::areas(data.areas.geometries);
    std::vector<ServiceSplit> out;
    for (const ServiceLayer& service : data.service_layers) {
        const auto area_in = apportion(service, region_of, locality_count, sizes);
        ServiceSplit split;
        split.localities.assign(service.layer.ids.size(), 0);
        for (std::size_t j = 0; j < service.layer.ids.size(); ++j) {
            double covered = 0.0;
            for (std::size_t l = 0; l < locality_count; ++l) {
                covered += area_in[l][j];
            }
            for (std::size_t l = 0; l < locality_count; ++l) {
                if (covered > 0.0 && area_in[l][j] / covered >= k_touch_floor) {
                    ++split.localities[j];
                }
            }
        }
        out.push_back(std::move(split));
    }
    return out;
}

std::vector<int> map_colours(const std::vector<geom::Wkb>& shapes, double tolerance_m, int palette_size) {
    return graph::greedy_colours(graph::proximity_graph(shapes, tolerance_m), palette_size);
}

}  // namespace locality::pipeline
