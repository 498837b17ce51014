// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "pipeline/period_span.hpp"

using locality::pipeline::overlap;
using locality::pipeline::period_span;

namespace {

bool spans_overlap(const std::string& a, const std::string& b) {
    const auto x = period_span(a);
    const auto y = period_span(b);
    REQUIRE(x.has_value());
    REQUIRE(y.has_value());
    return overlap(*x, *y);
}

}  // namespace

TEST_CASE("A stated period covers the days of its year, quarter, month, day or interval", "[share]") {
    CHECK(period_span("2018")->first == 20180101);
    CHECK(period_span("2018")->last == 20181231);
    CHECK(period_span("2018-06")->first == 20180601);
    CHECK(period_span("2018-Q2")->first == 20180401);
    CHECK(period_span("2018-Q2")->last == 20180631);
    CHECK(period_span("2022-05-01")->last == 20220501);
    CHECK(period_span("2018-01/2018-03")->last == 20180331);
    CHECK(period_span("2018-01..2018-03")->first == 20180101);
    // Anything else is compared as text: free wording, a reversed interval, a 13th month.
    for (const char* text : {"", "June 2018", "2018-13", "2018-Q5", "2018-06/2018-01", "18-06", "2018-6"}) {
        CAPTURE(text);
        CHECK_FALSE(period_span(text).has_value());
    }
}

TEST_CASE("Periods overlap when they share a day, whatever their precision", "[share]") {
    CHECK(spans_overlap("2018", "2018-01"));
    CHECK(spans_overlap("2018-06", "2018-06-30"));
    CHECK(spans_overlap("2018-Q2", "2018-05"));
    CHECK(spans_overlap("2018-01/2018-06", "2018-06..2018-12"));
    CHECK_FALSE(spans_overlap("2018", "2019-01"));
    CHECK_FALSE(spans_overlap("2018-06", "2018-07"));
    CHECK_FALSE(spans_overlap("2018-Q1", "2018-04"));
    CHECK_FALSE(spans_overlap("2018-01/2018-06", "2018-07/2018-12"));
}
