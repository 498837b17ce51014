// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace locality {

/** Levenshtein distance in bytes: insertions, deletions and substitutions each cost 1. */
std::size_t edit_distance(const std::string& a, const std::string& b);

/**
 * The name of `known` that `typed` most likely meant, for a "did you mean" hint: the first that
 * differs from it only in ASCII case, else the nearest within a third of its length in edits (at
 * least 2; ties go to the earlier name). Empty when none is that close.
 */
std::string closest_name(const std::string& typed, const std::vector<std::string>& known);

}  // namespace locality
