// SPDX-License-Identifier: MIT
// Internal to the report: small HTML and number helpers shared by its renderers.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "locality/report/map_geometry.hpp"

namespace locality::report {

using json = nlohmann::ordered_json;

/** Escapes & < > " ' so any text is safe in element content and in quoted attributes. */
std::string escape(std::string_view text);

/** A number for people: thousands separated, `decimals` places; "–" for null or non-numbers. */
std::string show_number(const json& value, int decimals = 0);

/** Any JSON scalar as escaped text (strings unquoted); arrays and objects compact. */
std::string show_value(const json& value);

/** `value` as a double, or `fallback` when it is null or not a number (e.g. a withheld count). */
double number_or(const json& value, double fallback);

/** The member `key` of `object`, or null when `object` is not an object or lacks it. */
const json& member(const json& object, const std::string& key);

/** An agency as a reader knows it: its full name from summary.json's cases.agencies[].name, else its code. */
std::string agency_label(const json& summary, const std::string& code);

/** An area as a reader knows it: "id (name)" with summary.json's areas.names (--area-name), else the id;
 * escaped. */
std::string area_label(const json& summary, const json& id);

/** A qualitative colour (hex) for the i-th locality, cycling through a fixed palette. */
std::string palette_colour(std::size_t i);

/** The SVG map of the localities with switchable service-area outlines. */
std::string render_map(const ReportMap& map);

/** One horizontal bar chart per locality: its rate per agency against the overall rate. */
std::string render_profiles(const json& summary);

/** "What changes for each partner": summary.json's `disruption` in plain words; "" without it. */
std::string render_partners(const json& summary);

/** The localities `evaluate` was given and the constraints checked on them; "" for a proposal. */
std::string render_evaluation(const json& summary);

/** "Kept from before": the areas --fixed pinned and every area --start-from moved; "" without either. */
std::string render_kept(const json& summary);

/** The scenario sweep's table and a chart of heterogeneity and share explained against the scenario. */
std::string render_scenarios(const json& summary);

/** --frontier's chart: share of need explained against the traded figure per weight, knee marked; "" without.
 */
std::string render_frontier(const json& summary);

/** `locality compare`'s chart: per plan, the share of need explained and each partner's cases moved; ""
 * otherwise. */
std::string render_comparison(const json& summary);

/** --confidence N: each locality's boundary confidence, firm or partly arbitrary; "" without it. */
std::string render_confidence(const json& summary);

}  // namespace locality::report
