// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/core/progress.hpp"

using namespace locality;

TEST_CASE("Scaled progress maps a stage's 0..1 onto its slice of the parent", "[core]") {
    std::vector<double> seen;
    ProgressSink parent = [&](double f, std::string_view) {
        seen.push_back(f);
        return true;
    };
    ScaledProgress stage(parent, 0.25, 0.5);
    stage.report(0.0, "a");
    stage.report(0.5, "a");
    stage.report(1.0, "a");
    stage.report(2.0, "a");  // clamped
    REQUIRE(seen == std::vector<double>{0.25, 0.5, 0.75, 0.75});
}

TEST_CASE("A progress sink returning false cancels with CancelledError", "[core]") {
    ProgressSink parent = [](double, std::string_view) { return false; };
    ScaledProgress stage(parent, 0.0, 1.0);
    REQUIRE_THROWS_AS(stage.report(0.1, "overlay"), CancelledError);
}

TEST_CASE("An empty progress sink is ignored", "[core]") {
    ProgressSink none;
    ScaledProgress stage(none, 0.0, 1.0);
    REQUIRE_NOTHROW(stage.report(0.5, "x"));
    REQUIRE_FALSE(static_cast<bool>(stage.sink()));
}
