// SPDX-License-Identifier: MIT
// Internal to the pipeline: disclosure control of the counts published per locality and per area
// (docs/decisions/0008).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "inputs.hpp"
#include "locality/disclosure/count_table.hpp"
#include "locality/output/table.hpp"
#include "tables.hpp"

namespace locality::pipeline {

/** The rule, as summary.json states it. */
inline constexpr const char* k_disclosure_rule =
    "counts from 1 to suppress_below - 1 are withheld (null, named in `suppressed`), and further counts "
    "until "
    "none can be recomputed from the published counts and totals; zeros are published";

/** Which counts of a table of rows x agencies are withheld (disclosure::Withheld). */
using disclosure::Withheld;

/**
 * Localities x agencies with published row totals (cases_total) and column totals (each agency's
 * assigned cases in summary.json, known to the reader: they concern the whole study area).
 */
Withheld suppress_localities(const OverlayData& data, const std::vector<LocalityFigures>& figures,
                             std::int64_t threshold);

/**
 * Area counts under a proposal: one table per locality, its areas x agencies with the area totals,
 * and the locality's own counts as column totals: known to the reader where published, and kept
 * withheld (protected by area counts withheld with them) where `localities` withholds them.
 * `count` leaves out the locality counts (counted by suppress_localities()).
 */
Withheld suppress_areas_by_locality(const OverlayData& data, const std::vector<RegionId>& region_of,
                                    const std::vector<LocalityFigures>& figures, const Withheld& localities,
                                    std::int64_t threshold);

/**
 * Area counts of the whole study area (`locality overlay`): one table of every area x agency with
 * the area totals, and each agency's assigned cases (published in summary.json) as column totals.
 */
Withheld suppress_study_area(const OverlayData& data, std::int64_t threshold);

/**
 * Nulls the withheld counts of `table` (one row per row of `withheld`, holding the agency columns
 * and cases_total); with `list`, appends `suppressed`: the row's withheld fields, comma-separated.
 */
void withhold_counts(output::Table& table, const std::vector<AgencyTally>& agencies, const Withheld& withheld,
                     bool list = true);

/** Comma-separated names of the withheld fields of one row ("" when none). */
std::string withheld_fields(const std::vector<AgencyTally>& agencies, const std::vector<bool>& cells,
                            bool total);

}  // namespace locality::pipeline
