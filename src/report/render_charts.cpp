// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "html.hpp"

namespace locality::report {

namespace {

constexpr int k_label_px = 150;  // agency names
constexpr int k_bar_px = 160;    // the overall rate sits at half of it
constexpr int k_value_px = 60;
constexpr int k_row_px = 13;

/** One bar of a profile: an agency, or "other agencies" (several folded together). */
struct AgencyRate {
    std::string name;                  ///< as shown
    std::vector<std::string> members;  ///< the agencies' names in summary.json (one, or the folded ones)
    double overall = 0.0;              ///< study-wide, in the profile's measure
};

/**
 * What a bar measures: cases per 1,000 residents, or, without a population, the agency's share (%) of
 * the cases (the mix of a locality's cases is what can be shown when there are no residents to divide by).
 */
enum class Measure { rate_per_1000, share_of_cases };

// An agency with less than this share of the study's cases is folded into "other agencies": its rates
// per locality are mostly zeros and withheld counts, which say nothing to a reader.
constexpr double k_shown_share = 0.05;

/**
 * The bars of every profile: the agencies with at least k_shown_share of the assigned cases, largest
 * first, then "other agencies" for the rest (when there are two or more of them; one is shown as itself).
 * Each bar's overall value is its assigned cases per `denominator` (the residents, or all cases) times
 * `scale`.
 */
std::vector<AgencyRate> profile_bars(const json& summary, double denominator, double scale) {
    std::vector<std::pair<std::string, double>> agencies;
    double all = 0.0;
    for (const json& agency : member(member(summary, "cases"), "agencies")) {
        const json& name = member(agency, "agency");
        if (name.is_string()) {
            agencies.emplace_back(name.get<std::string>(), number_or(member(agency, "assigned"), 0.0));
            all += agencies.back().second;
        }
    }
    std::stable_sort(agencies.begin(), agencies.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<AgencyRate> out;
    AgencyRate other{"other agencies", {}, 0.0};
    for (const auto& [name, assigned] : agencies) {
        if (all > 0.0 && assigned >= k_shown_share * all) {
            out.push_back({agency_label(summary, name), {name}, assigned / denominator * scale});
        } else {
            other.members.push_back(name);
            other.overall += assigned / denominator * scale;
        }
    }
    if (other.members.size() == 1) {
        other.name = agency_label(summary, other.members.front());
    }
    if (!other.members.empty()) {
        out.push_back(other);
    }
    return out;
}

/**
 * The published cases of a bar in one locality: the sum of its members' counts, or for "other
 * agencies" with one of them withheld, cases_total minus the shown agencies' counts (a difference of
 * published counts, which any reader can take). Null when it follows from no published figures.
 */
json bar_cases(const json& locality, const AgencyRate& bar, const std::vector<AgencyRate>& bars) {
    double cases = 0.0;
    bool complete = true;
    for (const std::string& agency : bar.members) {
        const json& count = member(member(locality, "cases"), agency);
        complete = complete && count.is_number();
        cases += number_or(count, 0.0);
    }
    if (complete || bar.members.size() == 1) {
        return complete ? json(cases) : json();
    }
    double rest = number_or(member(locality, "cases_total"), NAN);
    for (const AgencyRate& shown : bars) {
        if (&shown != &bar) {
            rest -= number_or(member(member(locality, "cases"), shown.members.front()), NAN);
        }
    }
    return std::isfinite(rest) ? json(rest) : json();
}

/** One locality's cases per 1,000 residents for a bar; null when withheld or without residents. */
json locality_rate(const json& locality, const AgencyRate& bar, const std::vector<AgencyRate>& bars) {
    if (bar.members.size() == 1) {
        const json& recorded = member(member(locality, "rates_per_1000"), bar.members.front());
        if (recorded.is_number()) {
            return recorded;
        }
    }
    const double population = number_or(member(locality, "population"), 0.0);
    const json cases = bar_cases(locality, bar, bars);
    if (!cases.is_number() || population <= 0.0) {
        return json();
    }
    return cases.get<double>() / population * 1000.0;
}

/** One locality's share (%) of its published cases that a bar holds; null when withheld or without cases. */
json locality_share(const json& locality, const AgencyRate& bar, const std::vector<AgencyRate>& bars) {
    const json cases = bar_cases(locality, bar, bars);
    const double total = number_or(member(locality, "cases_total"), 0.0);
    if (!cases.is_number() || total <= 0.0) {
        return json();
    }
    return cases.get<double>() / total * 100.0;
}

std::string profile_chart(const json& locality, const std::vector<AgencyRate>& bars, Measure measure,
                          int decimals) {
    // Wide enough for the longest label (full agency names from --agency-names), at about 6 px a character.
    int label_px = k_label_px;
    for (const AgencyRate& bar : bars) {
        label_px = std::max(label_px, static_cast<int>(bar.name.size()) * 6 + 8);
    }
    const int height = static_cast<int>(bars.size()) * k_row_px + 4;
    const int width = label_px + k_bar_px + k_value_px;
    std::string out = fmt::format(
        "<figure class=\"profile\"><figcaption>Locality {}</figcaption>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\">\n",
        show_value(member(locality, "locality")), width, height, width);
    const double middle = label_px + k_bar_px / 2.0;
    for (std::size_t a = 0; a < bars.size(); ++a) {
        const int y = static_cast<int>(a) * k_row_px + 2;
        const json rate = measure == Measure::rate_per_1000 ? locality_rate(locality, bars[a], bars)
                                                            : locality_share(locality, bars[a], bars);
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", label_px - 4, y + 10,
                           escape(bars[a].name));
        if (rate.is_number() && bars[a].overall > 0.0) {
            const double ratio = rate.get<double>() / bars[a].overall;
            const double length = std::min(ratio, 2.0) * k_bar_px / 2.0;
            out += fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\"/>",
                               ratio > 1.0 ? "over" : "under", label_px, y + 1, length, k_row_px - 3);
        }
        out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", label_px + k_bar_px + 4, y + 10,
                           rate.is_number() ? show_number(rate, decimals) : std::string("withheld"));
    }
    out +=
        fmt::format("<line class=\"overall\" x1=\"{0}\" x2=\"{0}\" y1=\"0\" y2=\"{1}\"/>\n</svg></figure>\n",
                    middle, height);
    return out;
}

}  // namespace

std::string render_profiles(const json& summary) {
    const json& localities = member(member(summary, "localities"), "localities");
    const double population = number_or(member(member(summary, "areas"), "total_population"), 0.0);
    if (!localities.is_array() || localities.empty()) {
        return "<p class=\"absent\">No localities recorded.</p>\n";
    }
    const double assigned = number_or(member(member(member(summary, "cases"), "total"), "assigned"), 0.0);
    if (population <= 0.0) {
        if (assigned <= 0.0) {
            return "<p class=\"absent\">No population and no cases: nothing to profile.</p>\n";
        }
        const std::vector<AgencyRate> bars = profile_bars(summary, assigned, 100.0);
        std::string out = fmt::format(
            "<p>No population was given (--population), so the localities were clustered on case counts per "
            "agency, "
            "not on rates per resident. Each bar is the agency's share (%) of the locality's cases; the line "
            "marks its "
            "share of all cases; a bar past it (dark) means the agency's demand is over-represented in the "
            "locality. "
            "Bars stop at twice the overall share. Agencies with less than {}% of all cases are counted "
            "together as "
            "\"other agencies\"; \"withheld\" marks a share whose count is withheld by disclosure "
            "control.</p>\n"
            "<div class=\"profiles\">\n",
            show_number(k_shown_share * 100.0, 0));
        for (const json& locality : localities) {
            out += profile_chart(locality, bars, Measure::share_of_cases, 1);
        }
        return out + "</div>\n";
    }
    const std::vector<AgencyRate> bars = profile_bars(summary, population, 1000.0);
    std::string out = fmt::format(
        "<p>Cases per 1,000 residents, per agency. The line marks the rate of the whole study area; a bar "
        "past it "
        "(dark) means the agency's demand is over-represented in the locality. Bars stop at twice the "
        "overall rate. "
        "Agencies with less than {}% of all cases are counted together as \"other agencies\"; \"withheld\" "
        "marks a "
        "rate whose count is withheld by disclosure control.</p>\n<div class=\"profiles\">\n",
        show_number(k_shown_share * 100.0, 0));
    // One unit throughout; a third decimal where the rates are below 1 per 1,000 (else they read 0.00).
    const double overall = assigned / population * 1000.0;
    for (const json& locality : localities) {
        out += profile_chart(locality, bars, Measure::rate_per_1000, overall < 1.0 ? 3 : 2);
    }
    return out + "</div>\n";
}

namespace {

/** A series' values mapped onto its own range, so small differences between scenarios show. */
struct Series {
    std::vector<double> values;
    double low = 0.0;
    double high = 0.0;
    double fraction(std::size_t i) const { return high > low ? (values[i] - low) / (high - low) : 0.5; }
};

Series series_of(const json& scenarios, const char* key) {
    Series s;
    for (const json& scenario : scenarios) {
        s.values.push_back(number_or(member(scenario, key), 0.0));
    }
    s.low = *std::min_element(s.values.begin(), s.values.end());
    s.high = *std::max_element(s.values.begin(), s.values.end());
    return s;
}

}  // namespace

std::string render_scenarios(const json& summary) {
    const json& scenarios = member(summary, "scenarios");
    if (!scenarios.is_array() || scenarios.empty()) {
        return {};
    }
    constexpr int k_w = 640;
    constexpr int k_h = 240;
    constexpr int k_pad = 40;
    const std::size_t n = scenarios.size();
    auto x_at = [&](std::size_t i) {
        return k_pad + (n > 1 ? (k_w - 2.0 * k_pad) * static_cast<double>(i) / static_cast<double>(n - 1)
                              : (k_w - 2.0 * k_pad) / 2);
    };
    auto y_at = [&](double fraction) { return k_h - k_pad - (k_h - 2.0 * k_pad) * fraction; };
    const Series share = series_of(scenarios, "share_explained");
    const Series heterogeneity = series_of(scenarios, "within_ss");
    std::string share_points;
    std::string ss_points;
    std::string marks;
    for (std::size_t i = 0; i < n; ++i) {
        const json& s = scenarios[i];
        share_points += fmt::format("{:.1f},{:.1f} ", x_at(i), y_at(share.fraction(i)));
        ss_points += fmt::format("{:.1f},{:.1f} ", x_at(i), y_at(heterogeneity.fraction(i)));
        marks += fmt::format(
            "<text x=\"{0:.1f}\" y=\"{1}\" text-anchor=\"middle\">{2}</text>"
            "<text class=\"share\" x=\"{0:.1f}\" y=\"{3:.1f}\" text-anchor=\"middle\">{4}</text>"
            "<text class=\"heterogeneity\" x=\"{0:.1f}\" y=\"{5:.1f}\" text-anchor=\"middle\">{6}</text>\n",
            x_at(i), k_h - k_pad + 16, show_value(member(s, "scenario")), y_at(share.fraction(i)) - 6,
            show_number(share.values[i], 3), y_at(heterogeneity.fraction(i)) + 14,
            show_number(heterogeneity.values[i], 0));
    }
    std::string out =
        "<figure class=\"scenario-chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
        std::to_string(k_w) + " " + std::to_string(k_h) + "\">\n";
    out += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>\n", k_pad,
                       k_w - k_pad, y_at(0.0));
    out += "<polyline class=\"share\" points=\"" + share_points + "\"/>\n";
    out += "<polyline class=\"heterogeneity\" points=\"" + ss_points + "\"/>\n" + marks + "</svg>\n";
    out +=
        "<figcaption><span class=\"key share\"></span>share of the variation explained &nbsp; "
        "<span class=\"key heterogeneity\"></span>heterogeneity within localities (within_ss); each line "
        "spans "
        "its own range, from its lowest to its highest value</figcaption></figure>\n";
    return out;
}

}  // namespace locality::report
