// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "pipeline/agency_key.hpp"
#include "pipeline/inputs.hpp"

using locality::pipeline::agency_columns;
using locality::pipeline::agency_key;

TEST_CASE("Agency names are one agency when they differ only in case or punctuation, in any script",
          "[agencies]") {
    CHECK(agency_key("Social Care") == agency_key("social-care"));
    CHECK(agency_key("ΑΣΤΥΝΟΜΙΑ") == agency_key("αστυνομια"));
    CHECK(agency_key("ПОЛИЦИЯ") == agency_key("полиция"));
    CHECK(agency_key("ÉCOLES") == agency_key("écoles"));
    CHECK(agency_key("Ёлки") == agency_key("ёлки"));
    CHECK(agency_key("police\u00a0") == agency_key("police"));  // a no-break space is punctuation
    // Different names stay apart, even where ASCII folding would see only punctuation.
    CHECK(agency_key("Αστυνομία") != agency_key("Πυροσβεστική"));
    CHECK(agency_key("Полиция") != agency_key("Пожарные"));
    CHECK(agency_key("Café") != agency_key("Caf"));
    CHECK(agency_key("警察") != agency_key("消防"));
}

TEST_CASE("Different agencies whose ASCII columns coincide get columns of their own", "[agencies]") {
    const auto columns = agency_columns({"Αστυνομία", "Πυροσβεστική", "police"}, false);
    REQUIRE(columns.names.size() == 3);
    CHECK(columns.columns[0] != columns.columns[1]);
    CHECK(columns.columns[0].rfind("cases_agency_", 0) == 0);
    CHECK(columns.columns[0].size() == std::string("cases_agency_").size() + 6);
    CHECK(columns.columns[2] == "cases_police");
    // A column depends on its own name only, not on the other agencies of the run.
    CHECK(agency_columns({"Αστυνομία", "Пожарные"}, false).columns[0] == columns.columns[0]);
    // An agency alone keeps the plain column, as before.
    CHECK(agency_columns({"Polícia"}, false).columns[0] == "cases_pol_cia");
    CHECK_THROWS_WITH(agency_columns({"ΑΣΤΥΝΟΜΙΑ", "αστυνομια"}, false),
                      Catch::Contains("differ only in case or punctuation"));
    CHECK(agency_columns({"ΑΣΤΥΝΟΜΙΑ", "αστυνομια"}, true).names.size() == 1);
}
