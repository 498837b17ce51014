// SPDX-License-Identifier: MIT
// --agency-names: the full name of each agency code, for the report's readers.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "inputs.hpp"

namespace locality::pipeline {

/** Code and full name, in the file's order. */
using AgencyNames = std::vector<std::pair<std::string, std::string>>;

/**
 * Reads a CSV with a header naming the columns `agency` and `name` (any order, other columns ignored).
 * Throws InputError naming the file and the row for a missing file or column, an empty code or name, and
 * a code given twice. An empty `path` gives no names.
 */
AgencyNames read_agency_names(const std::string& path);

/**
 * Gives each agency of `data` its full name; a code that no case has is a warning in `data`, not an error
 * (a file kept for every run, whatever its cases).
 */
void apply_agency_names(const AgencyNames& names, const std::string& path, OverlayData& data);

}  // namespace locality::pipeline
