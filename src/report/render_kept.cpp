// SPDX-License-Identifier: MIT
// The report's "Kept from before" section: the areas --fixed pinned and the areas --start-from moved.
#include <fmt/format.h>

#include "html.hpp"

namespace locality::report {

namespace {

/** Why an area moved, in words. */
std::string reason_words(const json& why) {
    const std::string word = why.is_string() ? why.get<std::string>() : "";
    if (word == "repair-contiguity") return "its locality was in pieces";
    if (word == "repair-floor") return "a locality was below a floor";
    if (word == "repair-ceiling") return "a locality was above a ceiling";
    if (word == "improve") return "it fits its new locality's need better";
    return escape(word);
}

}  // namespace

std::string render_kept(const json& summary) {
    const json& fixed = member(summary, "fixed");
    const json& maintenance = member(summary, "maintenance");
    if (!fixed.is_object() && !maintenance.is_object()) {
        return "";
    }
    std::string out;
    if (fixed.is_object()) {
        out +=
            fmt::format("<p>{} area(s) were pinned to their locality (--fixed '{}') and never moved.</p>\n",
                        show_number(member(fixed, "pinned_areas")),
                        escape(member(member(fixed, "source"), "source").get<std::string>()));
    }
    if (maintenance.is_object()) {
        const json& by_reason = member(maintenance, "by_reason");
        out += fmt::format(
            "<p>These localities start from '{}' and change only where they must: {} area(s) moved "
            "({} to repair contiguity, {} to repair a floor, {} to repair a ceiling, {} to improve by "
            "more than the move cost of {} of the variation in need each).</p>\n",
            escape(member(member(maintenance, "source"), "source").get<std::string>()),
            show_number(member(maintenance, "moved")), show_number(member(by_reason, "repair-contiguity")),
            show_number(member(by_reason, "repair-floor")), show_number(member(by_reason, "repair-ceiling")),
            show_number(member(by_reason, "improve")), show_value(member(maintenance, "move_cost")));
        const json& moves = member(maintenance, "moves");
        if (moves.is_array() && !moves.empty()) {
            out += "<table><tr><th>area</th><th>from</th><th>to</th><th>why</th></tr>\n";
            for (const json& move : moves) {
                out += "<tr><td>" + area_label(summary, member(move, "area_id")) + "</td><td class=\"n\">" +
                       show_number(member(move, "from")) + "</td><td class=\"n\">" +
                       show_number(member(move, "to")) + "</td><td>" + reason_words(member(move, "why")) +
                       "</td></tr>\n";
            }
            out += "</table>\n";
        }
    }
    return out;
}

}  // namespace locality::report
