// SPDX-License-Identifier: MIT
// How the engine builds and improves a partition: the value of `--method`.
#pragma once

#include <string>

namespace locality::regionalize {

/** How the first partition is built. */
enum class Construction { Auto, Skater, Ward, Grow };
/** How it is then improved by moving single areas between neighbouring regions. */
enum class LocalSearch { Auto, None, Greedy, Tabu, Annealing };

struct Method {
    Construction construction = Construction::Auto;
    LocalSearch search = LocalSearch::Auto;
};

/**
 * Parses "auto", "CONSTRUCTION" or "CONSTRUCTION+SEARCH" with CONSTRUCTION in
 * auto|skater|ward|grow and SEARCH in auto|none|greedy|tabu|sa. UsageError naming the valid
 * words otherwise.
 */
Method parse_method(const std::string& text);
/** The canonical "construction+search" spelling, as recorded in summary.json. */
std::string method_name(const Method& method);

}  // namespace locality::regionalize
