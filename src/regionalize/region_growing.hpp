// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include "locality/regionalize/problem.hpp"

namespace locality::regionalize::detail {

/** How one max-p construction picks its zones. */
struct GrowthOptions {
    /** Seed of the construction's own random stream (seed order, ties, random steps). */
    std::uint64_t seed = 0;
    /**
     * Share of the growth steps that add a random admissible neighbour instead of the preferred
     * one, in [0, 1]: 0 is the plain greedy rule; higher values spread the starts wider; only 1
     * also picks at random among the neighbours that would complete the floors.
     */
    double randomness = 0.0;
    /**
     * Compact growth (the shape term is on; needs problem.shapes): a neighbour that completes the
     * floors still comes first, but among them, and among the others, the one that leaves the region
     * with the lowest perimeter^2 / (4 pi area) (the closest to its mean on a tie); enclaves join the
     * neighbouring region they share the longest border with. Off, the shape-blind rule below, bit
     * for bit.
     */
    bool compact = false;
};

/**
 * One max-p construction (Duque, Anselin and Rey 2012; Wei, Rey and Knaap 2021). Seeds are taken
 * from the periphery of the area still free (the zone with the fewest free neighbours, the most
 * recently exposed first), and each region grows by free neighbours until every floor holds
 * without breaking a ceiling: a neighbour that completes every floor with the least overshoot
 * first, else the one with the fewest free neighbours (it would otherwise become a hole), then
 * the one closest to the region's mean. A region that cannot complete is dissolved into
 * enclaves, which finally join the neighbouring region with the lowest WSS increase that keeps
 * its ceilings (assign_enclaves). GrowthOptions::compact swaps the growth and enclave rules for
 * shape-aware ones. Returns region_count 0 when this construction found no
 * partition meeting every bound. Linear in zones + edges, plus the frontier scans of each region.
 */
Regionalization grow_partition(const Problem& problem, const GrowthOptions& options);

}  // namespace locality::regionalize::detail
