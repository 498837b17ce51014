// SPDX-License-Identifier: MIT
// Internal to the pipeline: which points of a trade-off frontier are dominated, and which is its knee.
// Pure functions on plain numbers (docs/output.md, frontier.csv, states the rules).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace locality::pipeline {

/**
 * Per point, whether another point is at least as good on every criterion and better on one. Each point
 * has one score per criterion, higher is better (negate a criterion where lower is better); a NaN score
 * (a withheld figure) decides nothing: that criterion is left out of the comparisons of that point.
 * Equal points do not dominate each other.
 */
std::vector<bool> dominated_points(const std::vector<std::vector<double>>& scores);

/**
 * The knee of a frontier of two criteria, both higher is better: `traded` (what the weight buys, e.g. mean
 * Polsby-Popper) and `kept` (what it costs, the share of need explained), points in the order of their
 * weight. Among the points not `dominated` and with both scores finite, each axis is normalised to [0, 1]
 * over them; the knee is the point farthest from the chord between the first and the last of them on the
 * side of the best corner (1, 1), Kneedle-like. None when fewer than three points take part or no point
 * lies strictly beyond the chord; ties go to the lower weight.
 */
std::optional<std::size_t> knee_point(const std::vector<double>& traded, const std::vector<double>& kept,
                                      const std::vector<bool>& dominated);

}  // namespace locality::pipeline
