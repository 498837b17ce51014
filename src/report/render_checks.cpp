// SPDX-License-Identifier: MIT
// The report's constraint checks: each bound's worst margin among the published totals.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sections.hpp"

namespace locality::report {

namespace {

std::string check_row(const std::string& what, bool ok, const std::string& detail) {
    return fmt::format("<tr><td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>\n", what, ok ? "ok" : "fail",
                       ok ? "met" : "NOT met", detail);
}

/**
 * A locality's total of a bound's field: from `bound_totals`, or for a case count (left out there)
 * its published count; NaN when disclosure control withholds it.
 */
double bound_value(const json& locality, const std::string& name, const json& agencies) {
    const json& recorded = member(member(locality, "bound_totals"), name);
    if (!recorded.is_null() || name.rfind("cases_", 0) != 0) {
        return number_or(recorded, NAN);
    }
    if (name == "cases_total") {
        return number_or(member(locality, "cases_total"), NAN);
    }
    if (agencies.is_array()) {
        for (const json& agency : agencies) {
            if (member(agency, "column") == json(name)) {
                return number_or(
                    member(member(locality, "cases"), member(agency, "agency").get<std::string>()), NAN);
            }
        }
    }
    return NAN;
}

/**
 * Floor, ceiling and balance rows of one recorded bound, with the worst locality's margin among the
 * published totals (a count withheld by disclosure control is said so, not shown).
 */
std::string bound_rows(const json& bound, const json& localities, bool grouped, const json& agencies,
                       const json& balances) {
    const json& field = member(bound, "field");
    const std::string name = field.is_string() ? field.get<std::string>() : std::string();
    double low = HUGE_VAL;
    double high = -HUGE_VAL;
    double total = 0.0;
    std::size_t withheld = 0;
    for (const json& l : localities) {
        const double v = bound_value(l, name, agencies);
        if (std::isnan(v)) {
            ++withheld;
            continue;
        }
        low = std::min(low, v);
        high = std::max(high, v);
        total += v;
    }
    const std::string what = escape(name) + " (" + show_value(member(bound, "option")) + ")";
    if (!std::isfinite(low) || !std::isfinite(high)) {
        return withheld > 0
                   ? check_row("bound on " + what, true,
                               "checked on the exact counts before writing; every locality's count is "
                               "withheld by disclosure control")
                   : std::string();
    }
    const std::string hidden =
        withheld > 0 ? fmt::format(
                           " (among published counts; {} withheld by disclosure control, checked before "
                           "writing)",
                           withheld)
                     : std::string();
    std::string out;
    const json& min = member(bound, "min");
    const json& max = member(bound, "max");
    if (min.is_number()) {
        out += check_row("floor on " + what, low >= min.get<double>(),
                         fmt::format("smallest locality {}, floor {}: margin {}{}", show_number(low),
                                     show_number(min), show_number(low - min.get<double>()), hidden));
    }
    if (max.is_number()) {
        out += check_row("ceiling on " + what, high <= max.get<double>(),
                         fmt::format("largest locality {}, ceiling {}: margin {}{}", show_number(high),
                                     show_number(max), show_number(max.get<double>() - high), hidden));
    }
    const json& pct = member(bound, "balance_pct");
    // With containers or landmasses solved apart, balance is about each group's own mean, against
    // what was asked: the summary records it per group.
    if (pct.is_number() && balances.is_array() && !balances.empty()) {
        const json* worst = &balances.front();
        bool met = true;
        for (const json& b : balances) {
            met = met && member(b, "met") == json(true);
            if (number_or(member(b, "largest_deviation_pct"), 0.0) >
                number_or(member(*worst, "largest_deviation_pct"), 0.0)) {
                worst = &b;
            }
        }
        const std::string where =
            balances.size() > 1 ? fmt::format(" (in {}, each of the {} groups on its own mean)",
                                              escape(show_value(member(*worst, "group"))), balances.size())
                                : std::string();
        out += check_row(
            "balance on " + what, met,
            fmt::format("largest deviation from the mean {}%{}, allowed {}%",
                        show_number(member(*worst, "largest_deviation_pct"), 1), where, show_number(pct, 1)));
    } else if (pct.is_number() && !localities.empty() && !grouped && withheld == 0) {
        const double mean = total / static_cast<double>(localities.size());
        const double worst = mean > 0.0 ? std::max(high - mean, mean - low) / mean * 100.0 : 0.0;
        out += check_row("balance on " + what, worst <= pct.get<double>() + 1e-9,
                         fmt::format("largest deviation from the mean {}%, allowed {}%",
                                     show_number(worst, 1), show_number(pct, 1)));
    }
    return out;
}

}  // namespace

std::string checks_section(const json& summary) {
    const json& localities = member(member(summary, "localities"), "localities");
    std::string out = "<table><tr><th>check</th><th>result</th><th>detail</th></tr>\n";
    double areas_in_localities = 0.0;
    double smallest = HUGE_VAL;
    double largest = 0.0;
    double total = 0.0;
    for (const json& l : localities) {
        areas_in_localities += number_or(member(l, "areas"), 0.0);
        const double p = number_or(member(l, "population"), 0.0);
        smallest = std::min(smallest, p);
        largest = std::max(largest, p);
        total += p;
    }
    const double areas = number_or(member(member(summary, "areas"), "count"), -1.0);
    const json& given = member(member(summary, "evaluation"), "checks");
    if (given.is_object()) {
        // Localities given to `evaluate`: checked, not enforced (see "Localities evaluated").
        const std::size_t left_out = member(given, "areas_left_out").size();
        const std::size_t apart = member(given, "not_contiguous").size();
        out += check_row("every area in a given locality", left_out == 0,
                         fmt::format("{} area(s) in no given locality", left_out));
        out += check_row("every locality contiguous", apart == 0,
                         fmt::format("{} locality(ies) in separate parts (checked, not enforced)", apart));
    } else {
        out += check_row(
            "every area in exactly one locality", areas_in_localities == areas,
            fmt::format("{} of {} areas assigned", show_number(areas_in_localities), show_number(areas)));
        const json& multipart = member(member(summary, "localities"), "multipart_localities");
        out += check_row(
            "every locality contiguous", true,
            multipart.is_array() && !multipart.empty()
                ? fmt::format("validated before writing (a run that breaks it writes nothing); {} "
                              "locality(ies) drawn in several parts, joined at a corner, by a bridge "
                              "(see contiguity) or across a gap narrower than the tolerance",
                              multipart.size())
                : std::string("validated before writing (a run that breaks it writes nothing); every "
                              "locality is drawn in one piece"));
    }
    const json& bounds = member(member(summary, "constraints"), "bounds");
    const json& floor = member(member(summary, "parameters"), "min_population");
    if (bounds.is_array()) {
        for (const json& bound : bounds) {
            out += bound_rows(bound, localities,
                              number_or(member(member(summary, "localities"), "groups_solved"), 1.0) > 1.0,
                              member(member(summary, "cases"), "agencies"),
                              member(member(summary, "localities"), "balance"));
        }
        const json& violations = member(member(summary, "localities"), "violations");
        if (violations.is_array() && !violations.empty()) {
            std::string listed;
            for (std::size_t i = 0; i < violations.size() && i < 5; ++i) {
                const json& v = violations[i];
                listed +=
                    fmt::format("{}locality {}: {} {} ({})", i > 0 ? "; " : "",
                                show_value(member(v, "locality")), escape(show_value(member(v, "field"))),
                                show_number(member(v, "total")), escape(show_value(member(v, "option"))));
            }
            if (violations.size() > 5) {
                listed += fmt::format("; and {} more in summary.json", violations.size() - 5);
            }
            out += check_row("every bound (written with --best-effort)", false,
                             fmt::format("{} broken: {}", violations.size(), listed));
        }
    } else if (floor.is_number() && !localities.empty()) {
        out += check_row(
            "population floor", smallest >= floor.get<double>(),
            fmt::format("smallest locality {} residents, floor {}: margin {}", show_number(smallest),
                        show_number(floor), show_number(smallest - floor.get<double>())));
    }
    const bool has_population = !member(member(summary, "areas"), "total_population").is_null();
    if (has_population && !localities.empty() && smallest > 0.0) {
        const double mean = total / static_cast<double>(localities.size());
        const double deviation = std::max(largest - mean, mean - smallest) / mean * 100.0;
        const bool grouped = number_or(member(member(summary, "localities"), "groups_solved"), 1.0) > 1.0;
        out += fmt::format(
            "<tr><td>{}</td><td>&ndash;</td><td>largest / smallest population {}; largest "
            "deviation from the mean {}%{}</td></tr>\n",
            grouped ? "population spread, all groups together" : "balance",
            show_number(largest / smallest, 2), show_number(deviation, 1),
            grouped ? " of all localities together (groups are solved and balanced apart, each on its own "
                      "mean: see "
                      "the balance check per group)"
                    : "");
    }
    // Earlier releases (--released): this run's counts were withheld so that all read together are
    // protected (decision 0041); the report names them so a partner knows which folders go together.
    const json& released = member(member(summary, "disclosure"), "released");
    if (released.is_array() && !released.empty()) {
        std::string folders;
        std::string
            not_rebuilt;  // service layers whose published shares are not in the audit (decision 0042)
        for (const json& run : released) {
            folders += fmt::format(
                "{}{} ({} of {})", folders.empty() ? "" : "; ", escape(show_value(member(run, "folder"))),
                escape(show_value(member(run, "command"))), escape(show_value(member(run, "created"))));
            const json& layers = member(run, "share_layers_not_rebuilt");
            for (std::size_t i = 0; layers.is_array() && i < layers.size(); ++i) {
                not_rebuilt +=
                    fmt::format("{}{} of {}", not_rebuilt.empty() ? "" : ", ", escape(show_value(layers[i])),
                                escape(show_value(member(run, "folder"))));
            }
        }
        out += check_row(
            "protected with earlier releases", true,
            fmt::format("counts withheld so that this run read together with {} earlier "
                        "release(s) of the same cases gives no small count away: {}{}",
                        released.size(), folders,
                        not_rebuilt.empty()
                            ? ""
                            : "; the dominant-case shares of service layers this run does not read (" +
                                  not_rebuilt + ") are not in the audit"));
    }
    return out + "</table>\n";
}

}  // namespace locality::report
