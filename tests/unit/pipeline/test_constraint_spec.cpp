// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "locality/core/error.hpp"
#include "locality/pipeline/constraint_spec.hpp"

using locality::UsageError;
using locality::pipeline::parse_constraint;

TEST_CASE("A constraint is read as a field and a number", "[pipeline][constraints]") {
    const auto plain = parse_constraint("population=20000");
    CHECK(plain.field == "population");
    CHECK(plain.value == 20000.0);
    const auto spaced = parse_constraint("  cases_police = 4e3 ", "--max");
    CHECK(spaced.field == "cases_police");
    CHECK(spaced.value == 4000.0);
    CHECK(parse_constraint("share=0.25").value == 0.25);
    CHECK(parse_constraint("x=+7").value == 7.0);
    // The first '=' splits: a field cannot hold one, the value would not parse anyway.
    CHECK_THROWS_AS(parse_constraint("a=b=3"), UsageError);
    const auto zero = parse_constraint("pop=-0");
    CHECK(zero.value == 0.0);
    CHECK_FALSE(std::signbit(zero.value));
}

TEST_CASE("A malformed constraint is a usage error naming the option and the text",
          "[pipeline][constraints]") {
    const char* bad[] = {"population",       "=20000",
                         "population=",      "population=abc",
                         "population=12x",   "population=nan",
                         "population=inf",   "population=-1",
                         "population=1e999", " = ",
                         "population=0x10",  "",
                         "population= 1 2"};
    for (const char* text : bad) {
        INFO(text);
        try {
            parse_constraint(text, "--max");
            FAIL("accepted");
        } catch (const UsageError& e) {
            const std::string message = e.what();
            CHECK(message.rfind("--max ", 0) == 0);
            CHECK(message.find('\n') == std::string::npos);
        }
    }
}

TEST_CASE("Control bytes never reach a constraint's error message", "[pipeline][constraints]") {
    const std::string text = std::string("pop\x01\n=", 6) + "1\x1b[31m";
    try {
        parse_constraint(text);
        FAIL("accepted");
    } catch (const UsageError& e) {
        for (const char c : std::string(e.what())) {
            CHECK(static_cast<unsigned char>(c) >= 0x20);
        }
    }
}
