// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace locality::pipeline {

/** One `--min` / `--max` argument: a field (an area field or a derived count) and a bound on its sum. */
struct ConstraintSpec {
    std::string field;   ///< as written: "population", "cases_total", "cases_police", an area field
    double value = 0.0;  ///< finite, >= 0
};

/**
 * Parses `FIELD=VALUE` ("population=20000", "cases_police=4000"). Surrounding blanks are ignored;
 * the value is a plain decimal number (an exponent is allowed). Throws UsageError with a one-line
 * message naming `option` for anything else: no '=', an empty field, a value that is empty, not a
 * number, NaN, infinite or negative. Pure: touches no file, no global state.
 */
ConstraintSpec parse_constraint(std::string_view text, std::string_view option = "--min");

}  // namespace locality::pipeline
