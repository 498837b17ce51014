// SPDX-License-Identifier: MIT
// The report's "What changes for each partner" and "Localities evaluated" sections, in plain words.
#include <fmt/format.h>

#include "html.hpp"

namespace locality::report {

namespace {

std::string percent(const json& share) {
    return share.is_number() ? show_number(share.get<double>() * 100.0, 1) + "%" : "withheld";
}

std::string points(const json& share) {
    if (!share.is_number()) {
        return "–";
    }
    const double value = share.get<double>() * 100.0;
    return (value >= 0.0 ? "+" : "−") + show_number(value >= 0.0 ? value : -value, 1) + " points";
}

std::string partner_row(const json& summary, const json& entry) {
    const json& agency = member(entry, "agency");
    const std::string who =
        escape(member(entry, "service_layer").get<std::string>()) +
        (agency.is_string() ? " (" + escape(agency_label(summary, agency.get<std::string>())) + ")"
                            : " (all cases)");
    const json& moved = member(entry, "cases_moved");
    std::string moved_text = percent(member(entry, "cases_moved_share"));
    if (moved.is_number()) {
        moved_text +=
            " (" + show_number(moved) + " of " + show_number(member(entry, "cases_located")) + " cases)";
    }
    const json& split = member(entry, "localities_per_service_area");
    const json& touched = member(entry, "service_areas_per_locality");
    return "<tr><th>" + who + "</th><td>" + moved_text +
           " would be handled by another team</td><td>each of its areas "
           "is split across " +
           show_number(member(split, "mean"), 1) + " localities on average (at most " +
           show_number(member(split, "max")) + "); a locality touches " +
           show_number(member(touched, "mean"), 1) + " of its areas (at most " +
           show_number(member(touched, "max")) + ")</td><td>the localities explain " +
           percent(member(entry, "share_explained_by_localities")) +
           " of the differences in need, its own areas " +
           percent(member(entry, "share_explained_by_service_areas")) + ": " + points(member(entry, "gain")) +
           "</td></tr>\n";
}

}  // namespace

std::string render_partners(const json& summary) {
    const json& list = member(summary, "disruption");
    if (!list.is_array() || list.empty()) {
        return "";
    }
    std::string out =
        "<p>For each partner with service areas: the share of its cases another of its teams would handle if "
        "each "
        "locality were served by the team holding most of its cases, how its areas and the localities cut "
        "across "
        "each other, and what it gains: how much more of the differences in need the localities explain than "
        "its "
        "own areas do. Cases in an area count where the service area covering most of the area is.</p>\n"
        "<table><tr><th>partner</th><th>cases moved</th><th>split</th><th>gain</th></tr>\n";
    for (const json& entry : list) {
        out += partner_row(summary, entry);
    }
    return out + "</table>\n";
}

std::string render_evaluation(const json& summary) {
    const json& evaluation = member(summary, "evaluation");
    if (!evaluation.is_object()) {
        return "";
    }
    const json& source = member(evaluation, "source");
    const json& checks = member(evaluation, "checks");
    std::string out = "<p>These localities were given (" + escape(member(source, "kind").get<std::string>()) +
                      " '" + escape(member(source, "source").get<std::string>()) +
                      "'), not proposed: the constraints on "
                      "the command line are checked, not enforced.</p>\n<ul>\n";
    if (member(checks, "met").get<bool>()) {
        out += "<li>Every constraint is met.</li>\n";
    }
    for (const json& item : member(checks, "not_contiguous")) {
        out += fmt::format(
            "<li>Locality {} '{}' is in {} separate parts.</li>\n", show_number(member(item, "locality")),
            escape(member(item, "name").get<std::string>()), show_number(member(item, "parts")));
    }
    for (const json& item : member(checks, "bounds_breached")) {
        out += fmt::format("<li>Locality {} '{}' is {} of {} by {} (its total: {}).</li>\n",
                           show_number(member(item, "locality")),
                           escape(member(item, "name").get<std::string>()),
                           escape(member(item, "breach").get<std::string>()),
                           escape(member(item, "option").get<std::string>()),
                           show_number(member(item, "by"), 1), show_number(member(item, "total"), 1));
    }
    const json& left_out = member(checks, "areas_left_out");
    if (left_out.is_array() && !left_out.empty()) {
        // Named up to a screenful; summary.json lists them all.
        constexpr std::size_t k_listed = 20;
        std::string listed;
        for (std::size_t i = 0; i < left_out.size() && i < k_listed; ++i) {
            listed += (i == 0 ? "" : ", ") + area_label(summary, left_out[i]);
        }
        if (left_out.size() > k_listed) {
            listed += fmt::format(" and {} more", show_number(json(left_out.size() - k_listed)));
        }
        out +=
            fmt::format("<li>{} area(s) are in no given locality (gathered in the last locality): {}.</li>\n",
                        show_number(json(left_out.size())), listed);
    }
    out += "</ul>\n<table><tr><th>locality</th><th>name</th></tr>\n";
    for (const json& item : member(evaluation, "localities")) {
        out += "<tr>" + std::string("<td class=\"n\">") + show_number(member(item, "locality")) +
               "</td><td>" + escape(member(item, "name").get<std::string>()) + "</td></tr>\n";
    }
    return out + "</table>\n";
}

}  // namespace locality::report
