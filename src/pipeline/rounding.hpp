// SPDX-License-Identifier: MIT
// Internal to the pipeline: how published figures are rounded.
#pragma once

#include <cmath>

namespace locality::pipeline {

/** Rounds to `decimals` places; dividing by the power of ten gives the double nearest the decimal. */
inline double round_to(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

}  // namespace locality::pipeline
