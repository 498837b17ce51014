// SPDX-License-Identifier: MIT
// The report's "Boundary confidence" section (--confidence N): which localities' lines are firm.
#include <fmt/format.h>

#include "html.hpp"

namespace locality::report {

std::string render_confidence(const json& summary) {
    const json& confidence = member(summary, "confidence");
    if (!confidence.is_object()) {
        return {};
    }
    std::string out = fmt::format(
        "<p>The same request was solved {} more times, each from a seed of its own. An area's confidence is "
        "the "
        "share of those runs in which it sits with the core of its locality (the run's locality holding most "
        "of "
        "the locality's areas): 1 is a firm line, about 0.5 or less an arbitrary one. {}% of the areas are "
        "at {} or "
        "more. The areas layer of localities.gpkg has each area's <code>confidence</code>.</p>\n"
        "<table><tr><th>locality</th><th>mean confidence</th><th>least firm area</th><th>its "
        "lines</th></tr>\n",
        show_number(member(confidence, "runs")),
        show_number(number_or(member(confidence, "areas_firm_share"), 0) * 100, 0),
        show_number(member(confidence, "firm_threshold"), 1));
    const double firm = number_or(member(confidence, "firm_threshold"), 0.9);
    for (const json& locality : member(confidence, "localities")) {
        const double lowest = number_or(member(locality, "lowest"), 0.0);
        out += "<tr><td class=\"n\">" + show_number(member(locality, "locality")) + "</td><td class=\"n\">" +
               show_number(member(locality, "mean"), 2) + "</td><td class=\"n\">" + show_number(lowest, 2) +
               "</td><td>" + (lowest >= firm ? "firm" : "partly arbitrary") + "</td></tr>\n";
    }
    return out + "</table>\n";
}

}  // namespace locality::report
