// SPDX-License-Identifier: MIT
// Internal to the pipeline: the days a counts package's stated period covers, so that two packages
// of one agency whose periods overlap ("2018" and "2018-01") are not summed.
#pragma once

#include <optional>
#include <string>

namespace locality::pipeline {

/** The first and last day of a period, each as YYYYMMDD (a month's last day as 31: only the order counts). */
struct PeriodSpan {
    int first = 0;
    int last = 0;
};

/**
 * The days `period` covers when it is a date as ISO 8601 writes it, to the year, month or day
 * (`2018`, `2018-06`, `2018-06-01`), a quarter (`2018-Q2`), or an interval of two of them
 * (`2018-01/2018-06`, `2018-01..2018-06`); empty for any other text (compared as text instead).
 */
std::optional<PeriodSpan> period_span(const std::string& period);

/** Whether two spans share a day. */
bool overlap(const PeriodSpan& a, const PeriodSpan& b);

}  // namespace locality::pipeline
