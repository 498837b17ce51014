// SPDX-License-Identifier: MIT
// Internal to the pipeline: the trade-off frontier (--frontier shape|AGENCY), a scenario sweep over a
// weight. run_scenarios drives it; this file says which points, what each row holds and the flags.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "inputs.hpp"
#include "localities_stage.hpp"
#include "locality/pipeline/pipeline.hpp"
#include "publish.hpp"

namespace locality::pipeline {

/** The weights --frontier shape sweeps when none are given (docs/cli/propose.md says why these). */
const std::vector<double>& default_shape_frontier_weights();

/** The weights --frontier AGENCY sweeps when none are given (--keep-close-to's; docs/cli/propose.md). */
const std::vector<double>& default_agency_frontier_weights();

/** True when `config` asks for a frontier (`frontier` set). */
bool is_frontier(const StageOptions& config);

/**
 * One configuration per weight of the frontier, with its tag (`shape0150` for the shape weight 0.15,
 * `close0500` for the agency's weight 0.5): the shape weight, or the agency's keep_close_to weight
 * (added, or replacing the one given). UsageError on weights not increasing, negative or with more than
 * three decimals, and with a k or floor sweep.
 */
std::vector<std::pair<std::string, StageOptions>> frontier_configs(const StageOptions& config);

/**
 * Refuses (InputError, naming the agencies and layers) an AGENCY frontier whose agency the cases do not
 * have or no service layer serves (the --service-agency rule): its cases moved could not be counted.
 */
void check_frontier_agency(const StageOptions& config, const OverlayData& data);

/**
 * A point's row of frontier.csv: weight, localities, share explained, mean and worst Polsby-Popper, and
 * per service layer its cases moved and share moved as `publication.disruption` publishes them (withheld
 * counts stay null). `point` is the point's configuration.
 */
nlohmann::ordered_json frontier_row(const StageOptions& point, const Proposal& proposal,
                                    const Publication& publication);

/**
 * summary.json's `frontier`: what was swept, the column traded against the share explained, the knee's tag,
 * the point shown in full (the knee, else the first) and the rows (`points`), each given its `dominated`
 * and `knee` flags.
 */
nlohmann::ordered_json frontier_summary(const StageOptions& config, const OverlayData& data,
                                        nlohmann::ordered_json rows, const std::vector<std::string>& tags);

}  // namespace locality::pipeline
