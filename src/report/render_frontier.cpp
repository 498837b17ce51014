// SPDX-License-Identifier: MIT
// The report's trade-off chart (--frontier): each point's share of need explained against what its weight
// buys (roundness, or fewer of the agency's cases moved), the knee ringed, dominated points hollow.
#include <fmt/format.h>

#include <algorithm>

#include "html.hpp"

namespace locality::report {

namespace {

constexpr int k_w = 640;
constexpr int k_h = 300;
constexpr int k_pad = 50;
constexpr const char* k_colour = "#2b83ba";

/** A value's place on an axis spanning the points' own range (0.5 when they are all equal). */
struct Axis {
    double low = 0.0;
    double high = 0.0;
    double fraction(double v) const { return high > low ? (v - low) / (high - low) : 0.5; }
};

Axis axis_of(const json& points, const std::string& key) {
    Axis a;
    bool first = true;
    for (const json& p : points) {
        const json& v = member(p, key);
        if (v.is_number()) {
            a.low = first ? v.get<double>() : std::min(a.low, v.get<double>());
            a.high = first ? v.get<double>() : std::max(a.high, v.get<double>());
            first = false;
        }
    }
    return a;
}

}  // namespace

std::string render_frontier(const json& summary) {
    const json& frontier = member(summary, "frontier");
    const json& points = member(frontier, "points");
    if (!points.is_array() || points.empty()) {
        return {};
    }
    const std::string traded = member(frontier, "traded").is_string()
                                   ? member(frontier, "traded").get<std::string>()
                                   : "mean_polsby_popper";
    const bool lower_better = member(frontier, "traded_better") == json("lower");
    const Axis x = axis_of(points, traded);
    const Axis y = axis_of(points, "share_explained");
    // Better to the right whatever the criterion: fewer cases moved plots rightwards.
    auto x_at = [&](double v) {
        const double f = x.fraction(v);
        return k_pad + (k_w - 2.0 * k_pad) * (lower_better ? 1.0 - f : f);
    };
    auto y_at = [&](double v) { return k_h - k_pad - (k_h - 2.0 * k_pad) * y.fraction(v); };
    std::string line;
    std::string marks;
    for (const json& p : points) {
        const json& xv = member(p, traded);
        const json& yv = member(p, "share_explained");
        if (!xv.is_number() || !yv.is_number()) {
            continue;  // a withheld figure has no place on the chart; the table says so
        }
        const double px = x_at(xv.get<double>());
        const double py = y_at(yv.get<double>());
        const bool dominated = member(p, "dominated") == json(true);
        if (!dominated) {
            line += fmt::format("{:.1f},{:.1f} ", px, py);
        }
        marks += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"{}\" stroke=\"{}\"/>", px,
                             py, dominated ? "#fff" : k_colour, k_colour);
        if (member(p, "knee") == json(true)) {
            marks += fmt::format(
                "<circle class=\"knee\" cx=\"{0:.1f}\" cy=\"{1:.1f}\" r=\"9\" fill=\"none\" "
                "stroke=\"#d7191c\" "
                "stroke-width=\"2\"/><text x=\"{0:.1f}\" y=\"{2:.1f}\" text-anchor=\"middle\" "
                "fill=\"#d7191c\">knee</text>",
                px, py, py + 22);
        }
        marks += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">W {}</text>\n", px,
                             py - 8, show_number(member(p, "weight"), 3));
    }
    std::string out = fmt::format(
        "<figure class=\"scenario-chart frontier-chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
        "viewBox=\"0 0 {} {}\">\n",
        k_w, k_h);
    out += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>", k_pad,
                       k_w - k_pad, k_h - k_pad);
    out += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>\n", k_pad, k_pad,
                       k_h - k_pad);
    out += fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"start\">{}</text><text x=\"{}\" y=\"{}\" "
        "text-anchor=\"end\">{}</text>\n",
        k_pad, k_h - k_pad + 16, show_number(lower_better ? x.high : x.low, 4), k_w - k_pad, k_h - k_pad + 16,
        show_number(lower_better ? x.low : x.high, 4));
    out += fmt::format(
        "<text x=\"{0}\" y=\"{1:.1f}\" text-anchor=\"end\">{2}</text><text x=\"{0}\" y=\"{3:.1f}\" "
        "text-anchor=\"end\">{4}</text>\n",
        k_pad - 4, y_at(y.low) + 4, show_number(y.low, 4), y_at(y.high) + 4, show_number(y.high, 4));
    out += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", line,
                       k_colour);
    out +=
        marks + "</svg>\n<figcaption>Across: " + escape(traded) +
        (lower_better ? " (fewer to the right)" : " (rounder to the right)") +
        "; up: share of need explained. Filled points are the frontier (no other point is as good on every "
        "published figure and better on one), hollow ones dominated; the ring marks the knee. Each axis "
        "spans the points' own range.</figcaption></figure>\n";
    return out;
}

}  // namespace locality::report
