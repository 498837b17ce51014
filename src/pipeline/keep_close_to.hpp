// SPDX-License-Identifier: MIT
// Internal to the pipeline: propose --keep-close-to AGENCY[=WEIGHT], each partner's teams as a soft
// term of the engine's objective (docs/decisions, keep close to a partner's teams).
#pragma once

#include <vector>

#include "inputs.hpp"
#include "locality/regionalize/disruption_term.hpp"

namespace locality::pipeline {

/**
 * The engine's case table of each --keep-close-to name, from the same inputs as the partner's cost
 * (disruption.hpp): an agency of the cases with its service layer (--service-agency, else the layer of
 * its name), else a service layer of that name with the caseload its cost counts (its agency's, or every
 * agency's when it has none); each small area handled by the team covering most of it. InputError
 * naming the agencies and layers when the name is neither, or an agency has no service layer.
 */
std::vector<regionalize::KeptAgency> kept_agencies(const StageOptions& config, const OverlayData& data);

/** summary.json's parameters.keep_close_to: [{agency, weight}] in the order given. */
nlohmann::ordered_json keep_close_to_json(const StageOptions& config);

}  // namespace locality::pipeline
