// SPDX-License-Identifier: MIT
#include "locality/core/progress.hpp"

#include <algorithm>

#include "locality/core/error.hpp"

namespace locality {

void ScaledProgress::report(double fraction, std::string_view stage) const {
    if (!m_parent) {
        return;
    }
    const double clamped = std::clamp(fraction, 0.0, 1.0);
    if (!m_parent(m_start + m_span * clamped, stage)) {
        throw CancelledError("cancelled by the user during " + std::string(stage));
    }
}

ProgressSink ScaledProgress::sink() const {
    if (!m_parent) {
        return {};
    }
    ScaledProgress copy = *this;
    return [copy](double fraction, std::string_view stage) {
        copy.report(fraction, stage);
        return true;
    };
}

}  // namespace locality
