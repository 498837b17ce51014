// SPDX-License-Identifier: MIT
// Internal to the pipeline: keeping what was agreed. --fixed (areas pinned to a locality) and
// --start-from (maintenance mode: change existing localities only as far as needed), for propose and
// regionalize. The engine's side is regionalize::Problem::pinned and regionalize::maintain.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "constraints.hpp"
#include "inputs.hpp"
#include "locality/core/progress.hpp"
#include "locality/output/table.hpp"
#include "partition.hpp"

namespace locality::pipeline {

struct ClusterGround;
struct Proposal;

/** The areas --fixed pins. */
struct FixedAreas {
    std::vector<int> pinned;         ///< per area: -1 free, else an index into `names`; empty without --fixed
    std::vector<std::string> names;  ///< the pinned localities as the source names them
    nlohmann::ordered_json summary;  ///< summary.json's `fixed`; null without --fixed
};

/** Whether the run is in maintenance mode (--start-from or --start-from-localities). */
bool maintaining(const StageOptions& config);

/** Whether areas are pinned (--fixed or --fixed-localities). */
bool pinning(const StageOptions& config);

/** Usage checks of --fixed, --start-from, --move-cost and --max-moved (UsageError). */
void check_keep_options(const StageOptions& config);

/**
 * Reads --fixed (an assignment table; rows with an empty locality pin nothing) or --fixed-localities
 * (polygons, each area to the one covering most of it; areas outside every polygon stay free) and refuses up
 * front (InputError / InfeasibleError, naming the locality and its areas) rows naming no area, a pinned
 * locality whose areas are not contiguous or lie in different containers or landmasses, one whose
 * pinned areas alone break a ceiling, and more pinned localities than --k. Empty without either.
 */
FixedAreas read_fixed_areas(const StageOptions& config, OverlayData& data, const Partition& partition,
                            const std::vector<BoundRequest>& requests);

/**
 * Maintenance mode (--start-from, --start-from-localities): reads the starting localities (every area
 * in one, every table row an area), repairs and improves them with regionalize::maintain under the run's
 * bounds and pins, and writes moves.csv to `moves_path`. Returns the proposal and fills `maintenance`
 * (summary.json's `maintenance`).
 */
Proposal maintain_proposal(const StageOptions& config, OverlayData& data, const ClusterGround& ground,
                           const std::string& moves_path, nlohmann::ordered_json& maintenance,
                           const ProgressSink& progress);

}  // namespace locality::pipeline
