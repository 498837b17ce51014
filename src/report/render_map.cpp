// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "html.hpp"

namespace locality::report {

namespace {

constexpr double k_width_px = 800.0;
constexpr double k_degrees_to_radians = 3.14159265358979323846 / 180.0;

/**
 * Equirectangular projection scaled by the cosine of the middle latitude: areas and shapes are
 * right to within a few percent over a city or a county, which is all a printed overview needs,
 * and it needs no projection library in the renderer.
 */
class MapProjection {
public:
    explicit MapProjection(const ReportMap& map) {
        auto widen = [this](const MapLayer& layer) {
            for (const MapFeature& f : layer.features) {
                for (const auto& ring : f.rings) {
                    for (const LonLat& p : ring) {
                        m_min_lon = std::min(m_min_lon, p.lon);
                        m_max_lon = std::max(m_max_lon, p.lon);
                        m_min_lat = std::min(m_min_lat, p.lat);
                        m_max_lat = std::max(m_max_lat, p.lat);
                    }
                }
            }
        };
        widen(map.localities);
        for (const MapLayer& layer : map.outlines) {
            widen(layer);
        }
        if (m_min_lon > m_max_lon) {
            m_min_lon = m_max_lon = m_min_lat = m_max_lat = 0.0;
        }
        // Planar coordinates (a layer without a CRS) are drawn as they are.
        m_x_factor = map.planar ? 1.0 : std::cos((m_min_lat + m_max_lat) / 2.0 * k_degrees_to_radians);
        const double width = std::max((m_max_lon - m_min_lon) * m_x_factor, 1e-9);
        m_scale = k_width_px / width;
    }
    double x(const LonLat& p) const { return (p.lon - m_min_lon) * m_x_factor * m_scale; }
    double y(const LonLat& p) const { return (m_max_lat - p.lat) * m_scale; }
    double height() const { return std::max((m_max_lat - m_min_lat) * m_scale, 1.0); }

private:
    double m_min_lon = std::numeric_limits<double>::max();
    double m_max_lon = std::numeric_limits<double>::lowest();
    double m_min_lat = std::numeric_limits<double>::max();
    double m_max_lat = std::numeric_limits<double>::lowest();
    double m_x_factor = 1.0;
    double m_scale = 1.0;
};

/** Rounded to a tenth of a pixel: finer than any screen or printer shows, and short. */
std::string coordinate(double v) {
    std::string s = fmt::format("{:.1f}", v);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) {
        s.resize(s.size() - 2);
    }
    return s == "-0" ? "0" : s;
}

std::string path_data(const MapProjection& proj, const MapFeature& feature) {
    std::string d;
    for (const auto& ring : feature.rings) {
        std::string last;
        bool first = true;
        // A closed ring repeats its first vertex last; 'Z' closes it instead.
        for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
            const std::string point = coordinate(proj.x(ring[i])) + " " + coordinate(proj.y(ring[i]));
            if (point == last) {
                continue;  // vertices that round to the same tenth of a pixel
            }
            if (first) {
                d += "M" + point + "L";
                first = false;
            } else {
                d += (d.back() == 'L' ? "" : " ") + point;
            }
            last = point;
        }
        if (!first) {
            d += "Z";
        }
    }
    return d;
}

// Outline colours of the service-area layers (ColorBrewer Set1-like, distinct from the fills).
constexpr std::array<const char*, 4> k_outline_colours{"#d7191c", "#2b83ba", "#1a9641", "#7b3294"};

}  // namespace

std::string render_map(const ReportMap& map) {
    const MapProjection proj(map);
    std::string out = map.confidence ? "<div class=\"map confidence\">\n" : "<div class=\"map\">\n";
    std::string css;
    for (std::size_t i = 0; i < map.outlines.size(); ++i) {
        out += fmt::format(
            "<input type=\"checkbox\" id=\"ol{0}\" class=\"toggle\" checked>"
            "<label for=\"ol{0}\" class=\"toggle\"><span class=\"swatch ol{0}-swatch\"></span>"
            "{1} service areas</label>\n",
            i, escape(map.outlines[i].name));
        css += fmt::format(
            "#ol{0}:not(:checked) ~ svg .ol{0} {{ display: none; }}\n.ol{0}-swatch {{ border-color: {1}; "
            "}}\n",
            i, k_outline_colours[i % k_outline_colours.size()]);
    }
    if (map.confidence) {
        css +=
            ".map.confidence .locality { stroke: #222; stroke-width: 1.2; }\n"
            ".map .unsure path { fill: url(#unsure-hatch); stroke: #fff; stroke-width: 0.8; "
            "stroke-dasharray: 3 2; fill-rule: evenodd; }\n"
            ".map-legend .firm-line { display: inline-block; width: 24px; border-top: 2px solid #222; "
            "vertical-align: middle; }\n"
            ".map-legend .unsure-swatch { display: inline-block; width: 16px; height: 10px; border: 1px "
            "dashed "
            "#999; background: repeating-linear-gradient(45deg, #bbb 0 1px, #fff 1px 4px); }\n";
    }
    if (!css.empty()) {
        out += "<style>\n" + css + "</style>\n";
    }
    out += fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" "
        "aria-label=\"Map of the proposed localities\">\n",
        coordinate(k_width_px), coordinate(proj.height()));
    out += "<g class=\"localities\">\n";
    for (std::size_t i = 0; i < map.localities.features.size(); ++i) {
        const MapFeature& f = map.localities.features[i];
        out += fmt::format("<path class=\"locality\" fill=\"{}\" d=\"{}\"><title>{}</title></path>\n",
                           f.fill.empty() ? palette_colour(i) : escape(f.fill), path_data(proj, f),
                           escape(f.label));
    }
    out += "</g>\n";
    if (map.confidence) {
        // The areas that are not firm, hatched, their lines dashed and light; the localities' own lines
        // (drawn above, dark and solid) show through only where the areas on both sides are firm.
        out +=
            "<defs><pattern id=\"unsure-hatch\" patternUnits=\"userSpaceOnUse\" width=\"5\" height=\"5\" "
            "patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"#444\" "
            "stroke-width=\"1.2\" stroke-opacity=\"0.55\"/></pattern></defs>\n<g class=\"unsure\">\n";
        for (const MapFeature& f : map.unsure.features) {
            out +=
                fmt::format("<path d=\"{}\"><title>{}</title></path>\n", path_data(proj, f), escape(f.label));
        }
        out += "</g>\n";
    }
    for (std::size_t l = 0; l < map.outlines.size(); ++l) {
        out += fmt::format("<g class=\"outline ol{}\" stroke=\"{}\">\n", l,
                           k_outline_colours[l % k_outline_colours.size()]);
        for (const MapFeature& f : map.outlines[l].features) {
            out +=
                fmt::format("<path d=\"{}\"><title>{}</title></path>\n", path_data(proj, f), escape(f.label));
        }
        out += "</g>\n";
    }
    out += "<g class=\"labels\">\n";
    for (const MapFeature& f : map.localities.features) {
        out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", coordinate(proj.x(f.label_at)),
                           coordinate(proj.y(f.label_at)), escape(f.label));
    }
    out += "</g>\n</svg>\n";
    if (map.confidence) {
        out +=
            "<p class=\"map-legend\"><span class=\"firm-line\"></span> firm boundary: the areas on both "
            "sides "
            "sit with their locality in at least 9 of 10 seeded runs &nbsp; <span "
            "class=\"unsure-swatch\"></span> "
            "hatched, dashed: an area that is not firm (confidence below 0.9); a boundary through or beside "
            "it "
            "is partly arbitrary</p>\n";
    }
    out += "</div>\n";
    return out;
}

}  // namespace locality::report
