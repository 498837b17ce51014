// SPDX-License-Identifier: MIT
#include "frontier_flags.hpp"

#include <algorithm>
#include <cmath>

namespace locality::pipeline {

namespace {

// Below this a point counts as on the chord (normalised units): rounding noise is no knee.
constexpr double k_on_chord = 1e-9;

/** Whether `a` dominates `b`: at least as good on every criterion both have, better on one. */
bool dominates(const std::vector<double>& a, const std::vector<double>& b) {
    bool better = false;
    for (std::size_t c = 0; c < a.size() && c < b.size(); ++c) {
        if (std::isnan(a[c]) || std::isnan(b[c])) {
            continue;
        }
        if (a[c] < b[c]) {
            return false;
        }
        better = better || a[c] > b[c];
    }
    return better;
}

/** `values[at]` mapped onto [0, 1] over `values[members]`; 0 when they are all equal. */
double normalised(const std::vector<double>& values, const std::vector<std::size_t>& members,
                  std::size_t at) {
    double low = values[members.front()];
    double high = low;
    for (const std::size_t m : members) {
        low = std::min(low, values[m]);
        high = std::max(high, values[m]);
    }
    return high > low ? (values[at] - low) / (high - low) : 0.0;
}

}  // namespace

std::vector<bool> dominated_points(const std::vector<std::vector<double>>& scores) {
    std::vector<bool> out(scores.size(), false);
    for (std::size_t i = 0; i < scores.size(); ++i) {
        for (std::size_t j = 0; j < scores.size() && !out[i]; ++j) {
            out[i] = j != i && dominates(scores[j], scores[i]);
        }
    }
    return out;
}

std::optional<std::size_t> knee_point(const std::vector<double>& traded, const std::vector<double>& kept,
                                      const std::vector<bool>& dominated) {
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < traded.size() && i < kept.size(); ++i) {
        if (!dominated[i] && std::isfinite(traded[i]) && std::isfinite(kept[i])) {
            members.push_back(i);
        }
    }
    if (members.size() < 3) {
        return std::nullopt;
    }
    const double ax = normalised(traded, members, members.front());
    const double ay = normalised(kept, members, members.front());
    const double dx = normalised(traded, members, members.back()) - ax;
    const double dy = normalised(kept, members, members.back()) - ay;
    const double length = std::hypot(dx, dy);
    // Which side of the chord is the best corner: the cross product's sign there.
    const double corner = dx * (1.0 - ay) - dy * (1.0 - ax);
    if (length <= 0.0 || corner == 0.0) {
        return std::nullopt;
    }
    std::optional<std::size_t> knee;
    double farthest = k_on_chord;
    for (std::size_t m = 1; m + 1 < members.size(); ++m) {
        const std::size_t i = members[m];
        const double px = normalised(traded, members, i) - ax;
        const double py = normalised(kept, members, i) - ay;
        const double distance = (dx * py - dy * px) / length * (corner > 0.0 ? 1.0 : -1.0);
        if (distance > farthest) {
            farthest = distance;
            knee = i;
        }
    }
    return knee;
}

}  // namespace locality::pipeline
