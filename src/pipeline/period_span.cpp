// SPDX-License-Identifier: MIT
#include "period_span.hpp"

#include <cctype>

namespace locality::pipeline {

namespace {

/** The number of `digits` digits at `at`, or -1. */
int digits_at(const std::string& text, std::size_t at, std::size_t digits) {
    if (at + digits > text.size()) {
        return -1;
    }
    int value = 0;
    for (std::size_t i = at; i < at + digits; ++i) {
        if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
            return -1;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

/** One date to the year, month, day or quarter. */
std::optional<PeriodSpan> date_span(const std::string& text) {
    const int year = digits_at(text, 0, 4);
    if (year < 0) {
        return std::nullopt;
    }
    const int base = year * 10000;
    if (text.size() == 4) {
        return PeriodSpan{base + 101, base + 1231};
    }
    if (text.size() == 7 && text[4] == '-' && (text[5] == 'Q' || text[5] == 'q')) {
        const int quarter = digits_at(text, 6, 1);
        if (quarter < 1 || quarter > 4) {
            return std::nullopt;
        }
        return PeriodSpan{base + (3 * quarter - 2) * 100 + 1, base + 3 * quarter * 100 + 31};
    }
    const int month = text.size() >= 7 && text[4] == '-' ? digits_at(text, 5, 2) : -1;
    if (month < 1 || month > 12) {
        return std::nullopt;
    }
    if (text.size() == 7) {
        return PeriodSpan{base + month * 100 + 1, base + month * 100 + 31};
    }
    const int day = text.size() == 10 && text[7] == '-' ? digits_at(text, 8, 2) : -1;
    if (day < 1 || day > 31) {
        return std::nullopt;
    }
    return PeriodSpan{base + month * 100 + day, base + month * 100 + day};
}

}  // namespace

std::optional<PeriodSpan> period_span(const std::string& period) {
    for (const std::string separator : {"/", ".."}) {
        const std::size_t at = period.find(separator);
        if (at == std::string::npos) {
            continue;
        }
        const std::optional<PeriodSpan> from = date_span(period.substr(0, at));
        const std::optional<PeriodSpan> to = date_span(period.substr(at + separator.size()));
        if (!from || !to || to->last < from->first) {
            return std::nullopt;
        }
        return PeriodSpan{from->first, to->last};
    }
    return date_span(period);
}

bool overlap(const PeriodSpan& a, const PeriodSpan& b) { return a.first <= b.last && b.first <= a.last; }

}  // namespace locality::pipeline
