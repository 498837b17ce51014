// SPDX-License-Identifier: MIT
#include <algorithm>
#include <string>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/regionalize/amount_format.hpp"
#include "locality/regionalize/skater.hpp"

namespace locality::regionalize {

namespace {

/** "region index 2 (locality 3)": the index the code uses and the 1-based number users see. */
std::string region_name(RegionId id) {
    return "region index " + std::to_string(id) + " (locality " + std::to_string(id + 1) + ")";
}

/** Every zone in a region in range and every region used; returns the region sizes. */
std::vector<std::size_t> check_assignment(const graph::ContiguityGraph& graph,
                                          const Regionalization& result) {
    const std::size_t n = graph.zone_count();
    if (result.region_of.size() != n) {
        throw Error("the regionalization assigns " + std::to_string(result.region_of.size()) +
                    " areas but the graph has " + std::to_string(n));
    }
    if (result.region_count <= 0 && n > 0) {
        throw Error("the regionalization has " + std::to_string(result.region_count) + " regions for " +
                    std::to_string(n) + " areas");
    }
    std::vector<std::size_t> sizes(static_cast<std::size_t>(std::max(result.region_count, 0)), 0);
    for (std::size_t z = 0; z < n; ++z) {
        const RegionId r = result.region_of[z];
        if (r < 0 || r >= result.region_count) {
            throw Error("area " + std::to_string(z) + " has region index " + std::to_string(r) +
                        ", outside 0.." + std::to_string(result.region_count - 1));
        }
        ++sizes[static_cast<std::size_t>(r)];
    }
    for (std::size_t r = 0; r < sizes.size(); ++r) {
        if (sizes[r] == 0) {
            throw Error(region_name(static_cast<RegionId>(r)) + " has no areas");
        }
    }
    return sizes;
}

/**
 * One BFS per region from its first zone, walking only edges inside the region: a region is
 * connected iff the walk reaches all its zones. O(n + edges) over all regions together.
 */
void check_contiguity(const graph::ContiguityGraph& graph, const Regionalization& result,
                      const std::vector<std::size_t>& sizes) {
    const std::size_t n = graph.zone_count();
    std::vector<char> seen(n, 0);
    std::vector<char> started(sizes.size(), 0);
    std::vector<ZoneId> queue;
    for (std::size_t start = 0; start < n; ++start) {
        const RegionId r = result.region_of[start];
        if (started[static_cast<std::size_t>(r)] != 0) {
            if (seen[start] == 0) {
                throw Error(region_name(r) + " is not contiguous: area " + std::to_string(start) +
                            " is cut off from its other areas");
            }
            continue;
        }
        started[static_cast<std::size_t>(r)] = 1;
        seen[start] = 1;
        queue.assign(1, static_cast<ZoneId>(start));
        for (std::size_t i = 0; i < queue.size(); ++i) {
            for (const ZoneId* it = graph.begin(queue[i]); it != graph.end(queue[i]); ++it) {
                const std::size_t next = static_cast<std::size_t>(*it);
                if (seen[next] == 0 && result.region_of[next] == r) {
                    seen[next] = 1;
                    queue.push_back(*it);
                }
            }
        }
    }
}

}  // namespace

void validate_regionalization(const graph::ContiguityGraph& graph, const Regionalization& result,
                              const std::vector<double>& floor_values, double floor) {
    const std::vector<std::size_t> sizes = check_assignment(graph, result);
    check_contiguity(graph, result, sizes);
    if (floor <= 0.0) {
        return;
    }
    if (floor_values.size() != graph.zone_count()) {
        throw InputError("floor values have " + std::to_string(floor_values.size()) +
                         " entries but the graph has " + std::to_string(graph.zone_count()) + " areas");
    }
    std::vector<double> totals(sizes.size(), 0.0);
    for (std::size_t z = 0; z < floor_values.size(); ++z) {
        totals[static_cast<std::size_t>(result.region_of[z])] += floor_values[z];
    }
    for (std::size_t r = 0; r < totals.size(); ++r) {
        if (totals[r] < floor) {
            throw InfeasibleError(region_name(static_cast<RegionId>(r)) + " totals " +
                                  detail::format_amount(totals[r]) + ", below the floor " +
                                  detail::format_amount(floor) + " by " +
                                  detail::format_amount(floor - totals[r]));
        }
    }
}

}  // namespace locality::regionalize
