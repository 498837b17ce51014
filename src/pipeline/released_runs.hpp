// SPDX-License-Identifier: MIT
// Internal to the pipeline: earlier runs' published tables (`--released DIR`), read back from their
// output folders so that this run's disclosure audit protects everything published together
// (decision 0041).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "locality/core/types.hpp"
#include "locality/disclosure/count_table.hpp"
#include "released_shares.hpp"

namespace locality::pipeline {

struct OverlayData;
struct StageOptions;

/** What one earlier output folder published, as its files show it. */
struct ReleasedRun {
    std::string folder;                               ///< as given
    std::vector<std::vector<RegionId>> partitions;    ///< per locality table: each area's locality (0-based)
    std::vector<disclosure::Withheld> withheld;       ///< per locality table: its withheld counts
    std::optional<disclosure::Withheld> area_counts;  ///< its area_counts.csv's withheld counts, if any
    std::vector<ReleasedShare> shares;            ///< its dominant-case shares of this run's service layers
    std::vector<std::string> shares_not_rebuilt;  ///< its service layers this run does not read
    nlohmann::ordered_json record;                ///< summary.json's `disclosure.released` entry
};

/**
 * Reads every `--released` folder of `config` against this run's areas and counts. Throws InputError
 * naming the folder and what differs when it is not a locality output folder (no summary.json, a
 * command that publishes no case counts), was made with another `--suppress-below`, from other cases
 * (another agency's assigned cases, other case files, a published count that these cases do not
 * give) or over other areas (an area id missing or unknown).
 */
std::vector<ReleasedRun> read_released_runs(const StageOptions& config, const OverlayData& data);

/**
 * Refuses (InputError) a released area_counts.csv that withholds other counts than `base`, this run's
 * base pattern: the area counts of one set of cases have one pattern (decision 0032), so another says
 * other suppression rules (another version of locality).
 */
void check_released_area_counts(const std::vector<ReleasedRun>& released, const disclosure::Withheld& base);

/** summary.json's `disclosure.released`: one entry per folder. */
nlohmann::ordered_json released_json(const std::vector<ReleasedRun>& released);

}  // namespace locality::pipeline
