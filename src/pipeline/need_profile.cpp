// SPDX-License-Identifier: MIT
#include "need_profile.hpp"

namespace locality::pipeline {

regionalize::AttributeMatrix need_profile(const OverlayData& data, std::size_t& zero_population) {
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
    regionalize::standardize(matrix);
    return matrix;
}

}  // namespace locality::pipeline
