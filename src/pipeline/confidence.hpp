// SPDX-License-Identifier: MIT
// Internal to the pipeline: boundary confidence (--confidence N), which lines of a proposal are firm
// and which arbitrary, from N independently seeded solutions of the same request.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "locality/core/types.hpp"
#include "publish.hpp"

namespace locality::pipeline {

/** Each area's and each locality's confidence over the runs. */
struct BoundaryConfidence {
    int runs = 0;
    std::vector<std::uint64_t> seeds;        ///< one per run
    std::vector<double> of_area;             ///< per area: share of runs with the core of its locality, 0..1
    std::vector<double> of_locality;         ///< per final locality: the mean of its areas'
    std::vector<double> lowest_of_locality;  ///< per final locality: its least firm area's
};

/**
 * The confidence of the final plan `final_region_of` (`final_count` localities) over `runs` (each a
 * region_of of the same areas). In a run, the *core* of a final locality is the run's region holding
 * the most of its areas (ties to the lowest region number); an area sits with the core when its run
 * region is that one. An area's confidence is the share of runs in which it does.
 */
BoundaryConfidence boundary_confidence(const std::vector<RegionId>& final_region_of, int final_count,
                                       const std::vector<std::vector<RegionId>>& runs);

/** summary.json's `confidence`: runs, seeds, the rule, per locality its mean and lowest, the firm share. */
nlohmann::ordered_json confidence_json(const BoundaryConfidence& confidence);

/** Adds the field `confidence` to the areas layer and `confidence_mean` to the localities layer. */
void add_confidence(const BoundaryConfidence& confidence, Publication& publication);

/** The confidence at or above which an area's locality is called firm (report, summary). */
constexpr double k_firm_confidence = 0.9;

}  // namespace locality::pipeline
