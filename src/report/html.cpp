// SPDX-License-Identifier: MIT
#include "html.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>

namespace locality::report {

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string show_number(const json& value, int decimals) {
    if (!value.is_number()) {
        return "&ndash;";
    }
    const double x = value.get<double>();
    if (!std::isfinite(x)) {
        return "&ndash;";
    }
    std::string digits = fmt::format("{:.{}f}", std::fabs(x), decimals);
    const std::size_t point = digits.find('.');
    const std::size_t whole = point == std::string::npos ? digits.size() : point;
    std::string grouped;
    for (std::size_t i = 0; i < whole; ++i) {
        if (i > 0 && (whole - i) % 3 == 0) {
            grouped += ',';
        }
        grouped += digits[i];
    }
    grouped += digits.substr(whole);
    const bool negative = x < 0.0 && std::stod(digits) != 0.0;
    return (negative ? "-" : "") + grouped;
}

std::string show_value(const json& value) {
    if (value.is_null()) {
        return "&ndash;";
    }
    if (value.is_string()) {
        return escape(value.get<std::string>());
    }
    return escape(value.dump());
}

double number_or(const json& value, double fallback) {
    return value.is_number() ? value.get<double>() : fallback;
}

const json& member(const json& object, const std::string& key) {
    static const json k_null;  // immutable: a shared empty answer, not state
    if (!object.is_object()) {
        return k_null;
    }
    const auto found = object.find(key);
    return found == object.end() ? k_null : *found;
}

std::string agency_label(const json& summary, const std::string& code) {
    for (const json& agency : member(member(summary, "cases"), "agencies")) {
        if (member(agency, "agency") == json(code) && member(agency, "name").is_string() &&
            !member(agency, "name").get<std::string>().empty()) {
            return member(agency, "name").get<std::string>();
        }
    }
    return code;
}

std::string area_label(const json& summary, const json& id) {
    const json& name =
        member(member(member(summary, "areas"), "names"), id.is_string() ? id.get<std::string>() : id.dump());
    return show_value(id) + (name.is_string() && !name.get<std::string>().empty()
                                 ? " (" + escape(name.get<std::string>()) + ")"
                                 : "");
}

std::string palette_colour(std::size_t i) {
    // A qualitative palette (ColorBrewer Set3 and Paired, light enough for black labels).
    static constexpr std::array<const char*, 12> k_palette{"#8dd3c7", "#ffffb3", "#bebada", "#fb8072",
                                                           "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
                                                           "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f"};
    return k_palette[i % k_palette.size()];
}

}  // namespace locality::report
