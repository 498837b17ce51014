// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "html.hpp"

namespace locality::report {

namespace {

constexpr int k_label_px = 150;  // agency names
constexpr int k_bar_px = 160;    // the overall rate sits at half of it
constexpr int k_value_px = 60;
constexpr int k_row_px = 13;

struct AgencyRate {
    std::string name;
    double overall = 0.0;  ///< per `per` residents
};

/**
 * Rates are shown per 1,000 residents, or per 100,000 when that would print them all as 0.0. Without
 * a population, `share_of_cases`: each agency's percentage of the cases (of the locality, of all).
 */
struct RateUnit {
    double per = 1000.0;
    const char* text = "1,000";
    bool share_of_cases = false;
};

/** `population` is the denominator of the overall rates: the residents, or with share_of_cases all cases. */
std::vector<AgencyRate> overall_rates(const json& summary, double population, const RateUnit& unit) {
    std::vector<AgencyRate> out;
    for (const json& agency : member(member(summary, "cases"), "agencies")) {
        const json& name = member(agency, "agency");
        if (!name.is_string()) {
            continue;
        }
        out.push_back({name.get<std::string>(), number_or(member(agency, "assigned"), 0.0) / population * unit.per});
    }
    return out;
}

/** A locality's share (percent) of its cases that are `agency`'s; null when a count is withheld or there are none. */
json locality_share(const json& locality, const std::string& agency) {
    const json& cases = member(locality, "cases");
    double total = 0.0;
    for (const json& count : cases) {
        if (!count.is_number()) {
            return json();
        }
        total += count.get<double>();
    }
    const json& count = member(cases, agency);
    if (!count.is_number() || total <= 0.0) {
        return json();
    }
    return count.get<double>() / total * 100.0;
}

/** One locality's rate per agency: its own `rates_per_1000` when recorded, else from its counts. */
json locality_rate(const json& locality, const std::string& agency, const RateUnit& unit) {
    if (unit.share_of_cases) {
        return locality_share(locality, agency);
    }
    const json& recorded = member(member(locality, "rates_per_1000"), agency);
    if (!recorded.is_null()) {
        return recorded.is_number() ? json(recorded.get<double>() * unit.per / 1000.0) : recorded;
    }
    const json& count = member(member(locality, "cases"), agency);
    const double population = number_or(member(locality, "population"), 0.0);
    if (!count.is_number() || population <= 0.0) {
        return json();  // withheld, or no residents to divide by
    }
    return count.get<double>() / population * unit.per;
}

std::string profile_chart(const json& locality, const std::vector<AgencyRate>& rates, const RateUnit& unit) {
    const int height = static_cast<int>(rates.size()) * k_row_px + 4;
    const int width = k_label_px + k_bar_px + k_value_px;
    std::string out = fmt::format("<figure class=\"profile\"><figcaption>Locality {}</figcaption>\n"
                                  "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\">\n",
                                  show_value(member(locality, "locality")), width, height, width);
    const double middle = k_label_px + k_bar_px / 2.0;
    for (std::size_t a = 0; a < rates.size(); ++a) {
        const int y = static_cast<int>(a) * k_row_px + 2;
        const json rate = locality_rate(locality, rates[a].name, unit);
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", k_label_px - 4, y + 10,
                           escape(rates[a].name));
        if (rate.is_number() && rates[a].overall > 0.0) {
            const double ratio = rate.get<double>() / rates[a].overall;
            const double length = std::min(ratio, 2.0) * k_bar_px / 2.0;
            out += fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\"/>",
                               ratio > 1.0 ? "over" : "under", k_label_px, y + 1, length, k_row_px - 3);
        }
        out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", k_label_px + k_bar_px + 4, y + 10,
                           rate.is_number() ? show_number(rate, 1) : std::string("withheld"));
    }
    out += fmt::format("<line class=\"overall\" x1=\"{0}\" x2=\"{0}\" y1=\"0\" y2=\"{1}\"/>\n</svg></figure>\n", middle,
                       height);
    return out;
}

}  // namespace

std::string render_profiles(const json& summary) {
    const json& localities = member(member(summary, "localities"), "localities");
    const double population = number_or(member(member(summary, "areas"), "total_population"), 0.0);
    if (!localities.is_array() || localities.empty()) {
        return "<p class=\"absent\">No localities recorded.</p>\n";
    }
    if (population <= 0.0) {
        // No residents to divide by: the mix of each locality's cases is what can be shown.
        const double cases = number_or(member(member(member(summary, "cases"), "total"), "assigned"), 0.0);
        if (cases <= 0.0) {
            return "<p class=\"absent\">No population and no cases: nothing to profile.</p>\n";
        }
        const RateUnit shares{100.0, "%", true};
        const std::vector<AgencyRate> rates = overall_rates(summary, cases, shares);
        std::string out = "<p>No population was given (--population), so the localities were clustered on case "
                          "counts per agency, not on rates per resident. Each bar is the agency's share (%) of "
                          "the locality's cases; the line marks its share of all cases; a bar past it (dark) means "
                          "the agency's demand is over-represented in the locality. Bars stop at twice the overall "
                          "share.</p>\n<div class=\"profiles\">\n";
        for (const json& locality : localities) {
            out += profile_chart(locality, rates, shares);
        }
        return out + "</div>\n";
    }
    RateUnit unit;
    const json& total = member(member(member(summary, "cases"), "total"), "assigned");
    if (number_or(total, 0.0) / population * unit.per < 10.0) {
        unit = {100000.0, "100,000"};
    }
    const std::vector<AgencyRate> rates = overall_rates(summary, population, unit);
    std::string out = "<p>Cases per " + std::string(unit.text) + " residents, per agency. The line marks the rate of the whole area; a bar "
                      "past it (dark) means the agency's demand is over-represented in the locality. Bars stop at "
                      "twice the overall rate.</p>\n<div class=\"profiles\">\n";
    for (const json& locality : localities) {
        out += profile_chart(locality, rates, unit);
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
        marks += fmt::format("<text x=\"{0:.1f}\" y=\"{1}\" text-anchor=\"middle\">{2}</text>"
                             "<text class=\"share\" x=\"{0:.1f}\" y=\"{3:.1f}\" text-anchor=\"middle\">{4}</text>"
                             "<text class=\"heterogeneity\" x=\"{0:.1f}\" y=\"{5:.1f}\" text-anchor=\"middle\">{6}</text>\n",
                             x_at(i), k_h - k_pad + 16, show_value(member(s, "scenario")), y_at(share.fraction(i)) - 6,
                             show_number(share.values[i], 3), y_at(heterogeneity.fraction(i)) + 14,
                             show_number(heterogeneity.values[i], 0));
    }
    std::string out = "<figure class=\"scenario-chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                      std::to_string(k_w) + " " + std::to_string(k_h) + "\">\n";
    out += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>\n", k_pad, k_w - k_pad,
                       y_at(0.0));
    out += "<polyline class=\"share\" points=\"" + share_points + "\"/>\n";
    out += "<polyline class=\"heterogeneity\" points=\"" + ss_points + "\"/>\n" + marks + "</svg>\n";
    out += "<figcaption><span class=\"key share\"></span>share of the variation explained &nbsp; "
           "<span class=\"key heterogeneity\"></span>heterogeneity within localities (within_ss); each line spans "
           "its own range, from its lowest to its highest value</figcaption></figure>\n";
    return out;
}

}  // namespace locality::report
