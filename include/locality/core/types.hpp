// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <limits>

namespace locality {

/** Index of a small area in the order the area layer was read (0-based, dense). */
using ZoneId = std::int32_t;

/** Index of a locality (region), 0-based and dense in a result; written 1-based. */
using RegionId = std::int32_t;

/** "No zone": a point outside every area. */
inline constexpr ZoneId k_no_zone = -1;

/** A 2D envelope in working-CRS units. */
struct Box {
    double min_x = std::numeric_limits<double>::infinity();
    double min_y = std::numeric_limits<double>::infinity();
    double max_x = -std::numeric_limits<double>::infinity();
    double max_y = -std::numeric_limits<double>::infinity();

    bool empty() const noexcept { return min_x > max_x || min_y > max_y; }
    void expand(double x, double y) noexcept {
        min_x = x < min_x ? x : min_x;
        min_y = y < min_y ? y : min_y;
        max_x = x > max_x ? x : max_x;
        max_y = y > max_y ? y : max_y;
    }
    void expand(const Box& other) noexcept {
        if (!other.empty()) {
            expand(other.min_x, other.min_y);
            expand(other.max_x, other.max_y);
        }
    }
    Box buffered(double distance) const noexcept {
        return {min_x - distance, min_y - distance, max_x + distance, max_y + distance};
    }
    /** Whether the two boxes share a point (touching counts); false when either is empty. */
    bool intersects(const Box& other) const noexcept {
        return !empty() && !other.empty() && min_x <= other.max_x && other.min_x <= max_x &&
               min_y <= other.max_y && other.min_y <= max_y;
    }
};

}  // namespace locality
