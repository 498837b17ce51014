// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "locality/report/map_geometry.hpp"

namespace locality::report {

/**
 * Renders `report.html`: one self-contained page (inline CSS and SVG, no script, no network
 * reference) for partner agencies, readable offline and printable. A pure function of the run's
 * summary.json text and the map; every section is drawn from the summary fields it needs and left
 * out, or marked "not recorded", when they are absent, so older and newer summaries both render.
 *
 * Sections: the map (localities coloured and labelled, each service-area layer's outline switchable),
 * a rate profile per locality, the locality table, the alignment matrix (when the summary holds
 * `alignment`), the constraint checks, scenarios (when it holds `scenarios`), the data accounting,
 * and the parameters, input hashes and command line to repeat the run.
 *
 * All text that comes from the data (ids, names, agencies) is HTML-escaped. Throws InputError when
 * `summary_json` is not a JSON object.
 */
std::string render_report(const std::string& summary_json, const ReportMap& map);

}  // namespace locality::report
