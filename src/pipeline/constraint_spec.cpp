// SPDX-License-Identifier: MIT
#include "locality/pipeline/constraint_spec.hpp"

#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <cmath>

#include "locality/core/error.hpp"

namespace locality::pipeline {

namespace {

std::string_view trim(std::string_view text) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && blank(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && blank(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

/** Printable for a one-line message: control bytes (a fuzzer's favourite) become '?'. */
std::string printable(std::string_view text) {
    std::string out;
    for (const char c : text.substr(0, 80)) {
        out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
    }
    return text.size() > 80 ? out + "..." : out;
}

}  // namespace

ConstraintSpec parse_constraint(std::string_view text, std::string_view option) {
    const std::size_t eq = text.find('=');
    if (eq == std::string_view::npos) {
        throw UsageError(fmt::format("{} '{}' must be FIELD=VALUE, e.g. {} population=20000", option,
                                     printable(text), option));
    }
    const std::string_view field = trim(text.substr(0, eq));
    const std::string_view number = trim(text.substr(eq + 1));
    if (field.empty()) {
        throw UsageError(
            fmt::format("{} '{}' names no field before '='; write FIELD=VALUE", option, printable(text)));
    }
    if (number.empty()) {
        throw UsageError(
            fmt::format("{} '{}' has no value after '='; write FIELD=VALUE", option, printable(text)));
    }
    double value = 0.0;
    const char* first = number.data();
    const char* last = number.data() + number.size();
    if (*first == '+') {
        ++first;
    }
    // fast_float also reads "nan" and "inf": refused below, with the rest of the non-finite values.
    const auto result = fast_float::from_chars(first, last, value);
    if (first == last || result.ec != std::errc() || result.ptr != last) {
        throw UsageError(
            fmt::format("{} '{}': '{}' is not a number", option, printable(text), printable(number)));
    }
    if (!std::isfinite(value)) {
        throw UsageError(fmt::format("{} '{}': the value must be a finite number", option, printable(text)));
    }
    if (value < 0.0) {
        throw UsageError(fmt::format("{} '{}': the value must be >= 0", option, printable(text)));
    }
    return {std::string(field), value == 0.0 ? 0.0 : value};  // no -0 in summaries
}

}  // namespace locality::pipeline
