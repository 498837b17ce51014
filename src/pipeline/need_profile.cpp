// SPDX-License-Identifier: MIT
#include "need_profile.hpp"

#include <array>
#include <cmath>

#include "locality/core/error.hpp"
#include "locality/geom/shape_measures.hpp"
#include "locality/pipeline/smoothing.hpp"

namespace locality::pipeline {

namespace {

/** Per-agency rates per 1,000 residents, empirical Bayes estimates (areas without residents: overall rate).
 */
void smoothed_rates(const OverlayData& data, regionalize::AttributeMatrix& matrix) {
    const std::size_t zones = data.areas.ids.size();
    std::vector<double> events(zones);
    for (std::size_t a = 0; a < data.agencies.size(); ++a) {
        for (std::size_t z = 0; z < zones; ++z) {
            events[z] = static_cast<double>(data.counts.at(static_cast<ZoneId>(z), a));
        }
        const std::vector<double> rates = empirical_bayes_rates(events, data.areas.values);
        for (std::size_t z = 0; z < zones; ++z) {
            matrix.at(z, a) = 1000.0 * rates[z];
        }
    }
}

/** Centroids of the areas (working CRS) as two columns centred and scaled by their common sd. */
std::vector<double> scaled_centroids(const OverlayData& data) {
    const std::size_t zones = data.areas.ids.size();
    std::vector<double> xy(2 * zones, 0.0);
    const std::vector<std::array<double, 2>> centroids = geom::centroids(data.areas.geometries);
    double mean_x = 0.0;
    double mean_y = 0.0;
    for (std::size_t z = 0; z < zones; ++z) {
        xy[2 * z] = centroids[z][0];
        xy[2 * z + 1] = centroids[z][1];
        mean_x += xy[2 * z];
        mean_y += xy[2 * z + 1];
    }
    mean_x /= static_cast<double>(zones);
    mean_y /= static_cast<double>(zones);
    double variance = 0.0;
    for (std::size_t z = 0; z < zones; ++z) {
        xy[2 * z] -= mean_x;
        xy[2 * z + 1] -= mean_y;
        variance += xy[2 * z] * xy[2 * z] + xy[2 * z + 1] * xy[2 * z + 1];
    }
    // One scale for both axes: a round cluster stays round.
    const double sd = std::sqrt(variance / (2.0 * static_cast<double>(zones)));
    for (double& v : xy) {
        v = sd > 0.0 ? v / sd : 0.0;
    }
    return xy;
}

}  // namespace

regionalize::AttributeMatrix need_profile(const OverlayData& data, std::size_t& zero_population,
                                          Smoothing smoothing) {
    const std::size_t zones = data.areas.ids.size();
    const std::size_t agencies = data.agencies.size();
    regionalize::AttributeMatrix matrix(zones, agencies);
    zero_population = 0;
    if (!data.has_population()) {
        for (std::size_t z = 0; z < zones; ++z) {
            for (std::size_t a = 0; a < agencies; ++a) {
                matrix.at(z, a) = static_cast<double>(data.counts.at(static_cast<ZoneId>(z), a));
            }
        }
        regionalize::standardize(matrix);
        return matrix;
    }
    const double total_population = data.total_population();
    for (std::size_t z = 0; z < zones; ++z) {
        const double population = data.areas.values[z];
        if (population <= 0.0) {
            ++zero_population;
        }
        for (std::size_t a = 0; a < agencies; ++a) {
            double rate = 0.0;
            if (population > 0.0) {
                rate = 1000.0 * static_cast<double>(data.counts.at(static_cast<ZoneId>(z), a)) / population;
            } else if (total_population > 0.0) {
                rate = 1000.0 * static_cast<double>(data.agencies[a].assigned) / total_population;
            }
            matrix.at(z, a) = rate;
        }
    }
    if (smoothing == Smoothing::eb) {
        smoothed_rates(data, matrix);
    }
    regionalize::standardize(matrix);
    return matrix;
}

std::vector<std::string> constant_attributes(const ClusterVariables& variables) {
    const regionalize::AttributeMatrix& m = variables.reported;
    std::vector<std::string> out;
    for (std::size_t c = 0; c < m.cols && c < variables.names.size(); ++c) {
        bool flat = m.rows > 1;
        for (std::size_t r = 0; r < m.rows && flat; ++r) {
            flat = m.at(r, c) == 0.0;
        }
        if (flat) {
            out.push_back(variables.names[c]);
        }
    }
    return out;
}

ClusterVariables cluster_variables(const StageOptions& config, const OverlayData& data,
                                   const AreaFields& fields) {
    ClusterVariables out;
    const std::size_t zones = data.areas.ids.size();
    if (config.attributes.empty()) {
        out.reported = need_profile(data, out.zero_population, config.smooth);
        for (const AgencyTally& agency : data.agencies) {
            out.names.push_back(agency.column);
        }
        out.description = data.has_population()
                              ? std::string("cases per 1,000 residents, per agency") +
                                    (config.smooth == Smoothing::eb ? ", empirical Bayes smoothed" : "") +
                                    ", standardised (z-scores)"
                              : "cases per agency, standardised (z-scores)";
    } else {
        out.reported = regionalize::AttributeMatrix(zones, config.attributes.size());
        for (std::size_t c = 0; c < config.attributes.size(); ++c) {
            const std::vector<double> values = fields.values(config.attributes[c], "--attributes");
            for (std::size_t z = 0; z < zones; ++z) {
                out.reported.at(z, c) = values[z];
            }
        }
        regionalize::standardize(out.reported);
        out.names = config.attributes;
        out.description = "the --attributes fields, standardised (z-scores)";
    }
    if (!(config.compactness > 0.0)) {
        out.solved = out.reported;
        return out;
    }
    const std::size_t cols = out.reported.cols;
    out.solved = regionalize::AttributeMatrix(zones, cols + 2);
    const std::vector<double> xy = scaled_centroids(data);
    const double weight = std::sqrt(config.compactness);
    for (std::size_t z = 0; z < zones; ++z) {
        for (std::size_t c = 0; c < cols; ++c) {
            out.solved.at(z, c) = out.reported.at(z, c);
        }
        out.solved.at(z, cols) = weight * xy[2 * z];
        out.solved.at(z, cols + 1) = weight * xy[2 * z + 1];
    }
    return out;
}

}  // namespace locality::pipeline
