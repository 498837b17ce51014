// SPDX-License-Identifier: MIT
// The report's "Plans compared" chart: each plan's share of need explained and each partner's cases
// moved, as bars on one 0-100 % scale.
#include <fmt/format.h>

#include "html.hpp"

namespace locality::report {

namespace {

constexpr int k_width = 640;
constexpr int k_label = 120;  // room for the plan's name
constexpr int k_bar = 14;
constexpr int k_gap = 10;  // between plans
constexpr const char* k_colours[] = {"#2b83ba", "#d7191c", "#fdae61", "#abdda4", "#7b3294", "#636363"};

/** The series of the chart: the share explained, then each partner's cases moved share. */
struct Bar {
    std::string key;    ///< member of a comparison row
    std::string label;  ///< for the legend
};

std::vector<Bar> bars_of(const json& summary, const json& first_row) {
    std::vector<Bar> out{{"share_explained", "share of need explained"}};
    for (const json& partner : member(summary, "disruption")) {
        const std::string layer = member(partner, "service_layer").get<std::string>();
        if (first_row.contains(layer + "_cases_moved_share")) {
            out.push_back({layer + "_cases_moved_share", "cases moved: " + layer});
        }
    }
    return out;
}

}  // namespace

std::string render_comparison(const json& summary) {
    const json& rows = member(member(summary, "comparison"), "table");
    if (!rows.is_array() || rows.empty()) {
        return {};
    }
    const std::vector<Bar> bars = bars_of(summary, rows.front());
    const double scale = k_width - k_label - 60.0;
    const int group = static_cast<int>(bars.size()) * k_bar + k_gap;
    const int height = static_cast<int>(rows.size()) * group + 20;
    std::string out = fmt::format(
        "<figure class=\"comparison-chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
        "viewBox=\"0 0 {} {}\">\n",
        k_width, height);
    for (std::size_t p = 0; p < rows.size(); ++p) {
        const int top = static_cast<int>(p) * group;
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", k_label - 6,
                           top + static_cast<int>(bars.size()) * k_bar / 2 + 4,
                           show_value(member(rows[p], "plan")));
        for (std::size_t b = 0; b < bars.size(); ++b) {
            const json& value = member(rows[p], bars[b].key);
            const int y = top + static_cast<int>(b) * k_bar;
            const char* colour = k_colours[b % (sizeof(k_colours) / sizeof(k_colours[0]))];
            if (!value.is_number()) {
                out += fmt::format("<text x=\"{}\" y=\"{}\">withheld</text>\n", k_label + 4, y + k_bar - 3);
                continue;
            }
            const double share = std::max(0.0, std::min(1.0, value.get<double>()));
            out += fmt::format(
                "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"/>"
                "<text x=\"{:.1f}\" y=\"{}\">{}%</text>\n",
                k_label, y, share * scale, k_bar - 2, colour, k_label + share * scale + 4, y + k_bar - 3,
                show_number(value.get<double>() * 100.0, 1));
        }
    }
    out +=
        fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{0}\" y1=\"0\" y2=\"{1}\"/>\n</svg>\n<figcaption>",
                    k_label, height - 20);
    for (std::size_t b = 0; b < bars.size(); ++b) {
        out += fmt::format("<span class=\"key\" style=\"border-color:{}\"></span>{} &nbsp; ",
                           k_colours[b % (sizeof(k_colours) / sizeof(k_colours[0]))], escape(bars[b].label));
    }
    out +=
        "(0 to 100 %; more need explained is better, fewer cases moved costs the partner less)</figcaption>"
        "</figure>\n";
    return out;
}

}  // namespace locality::report
