// SPDX-License-Identifier: MIT
#include "confidence.hpp"

#include <algorithm>
#include <map>

#include "rounding.hpp"

namespace locality::pipeline {

using json = nlohmann::ordered_json;

BoundaryConfidence boundary_confidence(const std::vector<RegionId>& final_region_of, int final_count,
                                       const std::vector<std::vector<RegionId>>& runs) {
    BoundaryConfidence out;
    out.runs = static_cast<int>(runs.size());
    const std::size_t areas = final_region_of.size();
    const auto localities = static_cast<std::size_t>(final_count);
    std::vector<int> with_core(areas, 0);
    for (const std::vector<RegionId>& run : runs) {
        // Per final locality, how many of its areas each run region holds (ordered: ties to the lowest).
        std::vector<std::map<RegionId, int>> held(localities);
        for (std::size_t z = 0; z < areas; ++z) {
            ++held[static_cast<std::size_t>(final_region_of[z])][run[z]];
        }
        std::vector<RegionId> core(localities, -1);
        for (std::size_t l = 0; l < localities; ++l) {
            int most = 0;
            for (const auto& [region, count] : held[l]) {
                if (count > most) {
                    most = count;
                    core[l] = region;
                }
            }
        }
        for (std::size_t z = 0; z < areas; ++z) {
            with_core[z] += run[z] == core[static_cast<std::size_t>(final_region_of[z])] ? 1 : 0;
        }
    }
    out.of_area.resize(areas, 1.0);
    std::vector<double> sum(localities, 0.0);
    std::vector<int> count(localities, 0);
    out.lowest_of_locality.assign(localities, 1.0);
    for (std::size_t z = 0; z < areas; ++z) {
        if (!runs.empty()) {
            out.of_area[z] = static_cast<double>(with_core[z]) / static_cast<double>(runs.size());
        }
        const auto l = static_cast<std::size_t>(final_region_of[z]);
        sum[l] += out.of_area[z];
        ++count[l];
        out.lowest_of_locality[l] = std::min(out.lowest_of_locality[l], out.of_area[z]);
    }
    for (std::size_t l = 0; l < localities; ++l) {
        out.of_locality.push_back(count[l] > 0 ? sum[l] / count[l] : 1.0);
    }
    return out;
}

json confidence_json(const BoundaryConfidence& confidence) {
    json localities = json::array();
    for (std::size_t l = 0; l < confidence.of_locality.size(); ++l) {
        localities.push_back({{"locality", l + 1},
                              {"mean", round_to(confidence.of_locality[l], 4)},
                              {"lowest", round_to(confidence.lowest_of_locality[l], 4)}});
    }
    std::size_t firm = 0;
    for (const double c : confidence.of_area) {
        firm += c >= k_firm_confidence ? 1 : 0;
    }
    json seeds = json::array();
    for (const std::uint64_t seed : confidence.seeds) {
        seeds.push_back(seed);
    }
    return {{"runs", confidence.runs},
            {"rule",
             "each area's share of the runs in which it sits with the core of its locality: in a run, the "
             "core of a locality is the run's locality holding the most of its areas (ties to the lowest "
             "number); each locality's mean and lowest over its areas"},
            {"firm_threshold", k_firm_confidence},
            {"areas_firm_share",
             confidence.of_area.empty()
                 ? 1.0
                 : round_to(static_cast<double>(firm) / static_cast<double>(confidence.of_area.size()), 4)},
            {"seeds", seeds},
            {"localities", localities}};
}

void add_confidence(const BoundaryConfidence& confidence, Publication& publication) {
    output::Table& areas = publication.layers.areas;
    if (!areas.fields.empty()) {
        areas.fields.push_back({"confidence", output::FieldType::real});
        for (std::size_t z = 0; z < areas.rows.size(); ++z) {
            areas.rows[z].emplace_back(round_to(confidence.of_area[z], 4));
        }
    }
    output::Table& localities = publication.layers.localities;
    localities.fields.push_back({"confidence_mean", output::FieldType::real});
    for (std::size_t l = 0; l < localities.rows.size(); ++l) {
        localities.rows[l].emplace_back(round_to(confidence.of_locality[l], 4));
    }
}

}  // namespace locality::pipeline
