// SPDX-License-Identifier: MIT
#include "locality/regionalize/amount_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace locality::regionalize::detail {

std::string format_amount(double value) {
    if (!std::isfinite(value)) {
        return fmt::format("{}", value);
    }
    const double rounded = std::round(value);
    const bool integral = std::fabs(value - rounded) <= 1e-9 * std::max(1.0, std::fabs(value));
    const std::string digits =
        integral ? fmt::format("{:.0f}", std::fabs(rounded)) : fmt::format("{:.2f}", std::fabs(value));
    const std::size_t dot = digits.find('.');
    const std::size_t int_end = dot == std::string::npos ? digits.size() : dot;
    std::string out = (value < 0 && !(integral && rounded == 0.0)) ? "-" : "";
    for (std::size_t i = 0; i < int_end; ++i) {
        if (i > 0 && (int_end - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    out += digits.substr(int_end);
    return out;
}

}  // namespace locality::regionalize::detail
