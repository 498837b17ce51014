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
#include "profiles.hpp"
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
 * A proposal's counts under disclosure control, protected jointly with the area counts (decision
 * "linked-table protection"): the area counts have the study area's one base pattern
 * (suppress_study_area(), as `locality overlay` publishes them), and the localities x agencies
 * table (published row totals, each agency's assigned cases as column totals) is widened until,
 * read with the area counts and every other partition given, it narrows no small count.
 */
struct ProposalWithheld {
    Withheld localities;
    Withheld areas;               ///< the base pattern, the same in every ProposalWithheld
    bool jointly_audited = true;  ///< false: too large for the joint audit
    bool all_withheld = false;  ///< every locality count withheld (a sweep too large, or the fallback below)
    /** Small counts that withholding some locality counts left narrowed (decision 0042); 0 otherwise. */
    std::size_t narrowed_unless_all_withheld = 0;
    std::size_t joint_added = 0;     ///< locality counts withheld by the joint audit (all partitions)
    std::size_t joint_narrowed = 0;  ///< small counts it could not widen (all partitions; 0 when protected)
};

/**
 * The run's warning when every locality count is withheld because withholding only some left small
 * counts narrowed (decision 0042); "" otherwise. `runs`: "this run" or "this sweep"; `released`:
 * whether earlier releases (--released) were in the audit.
 */
std::string all_withheld_warning(const ProposalWithheld& withheld, const std::string& runs, bool released);

/**
 * One ProposalWithheld per partition of the areas into localities (`region_of` each; several in a
 * sweep, whose tables are then protected jointly: differencing two scenarios' localities gives
 * nothing back). `profiles` (per partition, or empty): their `*_dominant_case_share`, published in
 * tenths where the total is at least 10 x `threshold`, enter the audit as windows on the area totals
 * (share_windows()).
 */
std::vector<ProposalWithheld> suppress_proposals(
    const OverlayData& data, const std::vector<std::vector<RegionId>>& region_of, std::int64_t threshold,
    const std::vector<std::vector<LocalityProfile>>& profiles = {});

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
