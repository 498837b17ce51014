// SPDX-License-Identifier: MIT
// Internal to the report: the sections of the page render_report.cpp assembles (one file each,
// render_<section>.cpp), and the HTML tables of summary.json's values they share (tables.cpp).
#pragma once

#include <string>

#include "html.hpp"

namespace locality::report {

/** A JSON value as a table cell: numbers right-aligned (fractions to `decimals`), objects as "key: value". */
std::string cell(const json& value, int decimals = 2);

/** An array of objects as a table: one column per key seen (in first-seen order), fractions to `decimals`. */
std::string object_table(const json& rows, int decimals = 2);

/** The scalar members of an object as a two-column table. */
std::string key_value_table(const json& object);

/** Agency codes as their full names (--agency-names), comma-separated; "none" when empty. */
std::string agency_list(const json& summary, const json& value);

/** Area ids as "id (name)" with --area-name, comma-separated; "none" when empty. */
std::string area_list(const json& summary, const json& value);

/** The table of localities: size, residents, cases, rates, shape, attribute means, most over-represented. */
std::string locality_table(const json& summary);

/** Localities x service-area layers, from each locality's `alignment` (recorded by the profiles). */
std::string alignment_section(const json& summary);

/** The constraint checks: every area placed, contiguity, each bound's worst margin, the spread. */
std::string checks_section(const json& summary);

/** Data accounting: cases per agency (read = assigned + outside + unlocated), areas, contiguity, warnings. */
std::string accounting_section(const json& summary);

/** The command line that repeats the run, its parameters and the inputs' hashes. */
std::string repeat_section(const json& summary);

/** propose --counts: what each partner shared, whether individual-level data was used, the sensitivity. */
std::string sharing_section(const json& sharing);

}  // namespace locality::report
