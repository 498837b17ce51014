// SPDX-License-Identifier: MIT
// Internal to the pipeline: the `*_dominant_case_share` figures an earlier release published (`--released
// DIR`), read back so that they enter this run's disclosure audit as windows on the area totals, as this
// run's own shares do (decision 0042). Only for service layers this run reads too: a window needs each
// area's share of area in the dominant service area.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "locality/io/source_spec.hpp"

namespace locality::pipeline {

struct OverlayData;

/** One published `*_dominant_case_share` of an earlier release. */
struct ReleasedShare {
    std::size_t table = 0;     ///< which of the release's locality tables (ReleasedRun::partitions)
    std::size_t locality = 0;  ///< 0-based, as in ReleasedRun::partitions
    std::size_t service = 0;   ///< this run's service layer, the same layer as the release's
    std::string dominant;      ///< the service area published as the locality's dominant one
    double share = 0.0;        ///< as published: a tenth, rounded down, under disclosure control
};

/**
 * Per service layer of a released summary.json's `service_areas`: this run's layer of the same name
 * read from the same file (SHA-256), layer and id field, or `data.service_layers.size()` when this
 * run has no such layer.
 */
std::vector<std::size_t> same_service_layers(const nlohmann::json& released_service_areas,
                                             const OverlayData& data);

/**
 * The shares published in locality layer `layer` (table `table` of a release whose localities are
 * numbered `numbers`, 0-based in that order) for its service layers `names`, each this run's layer
 * `ours` (the same, from same_service_layers()). A share field that a GeoJSON left out (null
 * everywhere) publishes nothing. `folder`: for messages.
 */
std::vector<ReleasedShare> read_released_shares(const std::string& folder, const io::SourceSpec& layer,
                                                std::size_t table, const std::vector<std::string>& numbers,
                                                const std::vector<std::string>& names,
                                                const std::vector<std::size_t>& ours);

}  // namespace locality::pipeline
