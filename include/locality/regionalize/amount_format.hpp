// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace locality::regionalize::detail {

/**
 * Formats a floor or population amount for a user message: thousands separated by commas,
 * integers without decimals ("4,500"), anything else with two decimals ("12,345.68"). Public (in
 * detail) because the pipeline's constraint messages use it too.
 */
std::string format_amount(double value);

}  // namespace locality::regionalize::detail
