// SPDX-License-Identifier: MIT
// Internal to the pipeline: checks of the inputs that do not stop a run but must be reported.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "locality/io/crs.hpp"
#include "locality/io/point_source.hpp"
#include "locality/overlay/coverage.hpp"
#include "locality/overlay/point_locator.hpp"

namespace locality::pipeline {

/**
 * A warning when a CSV's coordinate columns look swapped: fewer than half of its first points
 * (`stats.probe_x/probe_y`, in `source_crs`) fall inside an area, but at least half do with x and y
 * exchanged. Empty when they do not. `label` names the source in the message.
 */
std::string check_swapped_columns(const io::PointReadStats& stats, const io::Crs& source_crs,
                                  const io::Crs& working, const overlay::PointLocator& locator,
                                  const std::string& label);

// The coverage check itself is geometric work, done by overlay (locality/overlay/coverage.hpp); the
// pipeline only words its result.
using overlay::CoverageIssue;
using overlay::CoverageReport;
using overlay::k_coverage_worst;
using overlay::measure_coverage;

/** One-line warning for a report that is not clean; empty when it is. */
std::string coverage_warning(const CoverageReport& report);

/**
 * The one-line error that refuses to draw localities from overlapping areas (they would overlap
 * too, decision "overlapping areas are refused"): the largest overlapping pair, its size, how many
 * others, and what to do. Empty when no pair overlaps. `label` names the area layer.
 */
std::string overlap_refusal(const CoverageReport& report, const std::string& label);

/**
 * Agencies the localities layer can carry as columns (three each, `cases_`, `rate_` and `z_`, beside
 * the layer's own, about 10): a GeoPackage table holds at most 2,000 columns (SQLite's limit), a PostgreSQL
 * table 1,600. Past these the layer cannot be written, which used to be found only when writing, after the
 * whole search, with the CREATE TABLE of every column as the message.
 */
constexpr std::size_t k_max_gpkg_agencies = 650;
constexpr std::size_t k_max_database_agencies = 520;

/**
 * The one-line error refusing `agencies` agencies before any clustering when a localities layer goes
 * to a GeoPackage (`gpkg`) or a PostgreSQL database (`database`) that cannot hold their columns;
 * empty when it can.
 */
std::string too_many_agencies(std::size_t agencies, bool gpkg, bool database);

/**
 * A hint for ids of an assignment (or fixed areas) that name no small area: when one of them, with its
 * leading zeros, is an area's id ('6037' for '06037', as a spreadsheet rewrites FIPS codes), the text
 * " (...)" saying so; empty otherwise. `area_ids` are the layer's ids.
 */
std::string lost_zeros_hint(const std::vector<std::string>& unknown_ids,
                            const std::vector<std::string>& area_ids);

}  // namespace locality::pipeline
