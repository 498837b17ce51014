// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "locality/core/error.hpp"
#include "locality/io/source_spec.hpp"

using namespace locality;
using namespace locality::io;

TEST_CASE("A plain path parses to a source without a layer", "[io]") {
    const SourceSpec spec = parse_source("data/tracts.gpkg");
    REQUIRE(spec.path == "data/tracts.gpkg");
    REQUIRE(spec.layer.empty());
    REQUIRE(spec.label() == "data/tracts.gpkg");
}

TEST_CASE("A QGIS-style layername suffix selects the layer and round-trips in the label", "[io]") {
    const SourceSpec spec = parse_source("nyc.gpkg|layername=tract");
    REQUIRE(spec.path == "nyc.gpkg");
    REQUIRE(spec.layer == "tract");
    REQUIRE(spec.label() == "nyc.gpkg|layername=tract");
}

TEST_CASE("PostGIS connection strings and Windows paths are kept whole", "[io]") {
    const SourceSpec pg = parse_source("PG:dbname=gis host=localhost user=me");
    REQUIRE(pg.path == "PG:dbname=gis host=localhost user=me");
    REQUIRE(pg.layer.empty());
    const SourceSpec pg_layer = parse_source("PG:dbname=gis|layername=public.tracts");
    REQUIRE(pg_layer.path == "PG:dbname=gis");
    REQUIRE(pg_layer.layer == "public.tracts");
    const SourceSpec win = parse_source("C:\\data\\x=1.gpkg|layername=tract");
    REQUIRE(win.path == "C:\\data\\x=1.gpkg");
    REQUIRE(win.layer == "tract");
}

TEST_CASE("Unknown or malformed source options are usage errors", "[io]") {
    REQUIRE_THROWS_AS(parse_source("x.gpkg|layerid=3"), UsageError);
    REQUIRE_THROWS_AS(parse_source("x.gpkg|tract"), UsageError);
    REQUIRE_THROWS_AS(parse_source("x.gpkg|layername="), UsageError);
    REQUIRE_THROWS_AS(parse_source(""), UsageError);
    REQUIRE_THROWS_AS(parse_source("|layername=tract"), UsageError);
    REQUIRE_THROWS_WITH(parse_source("x.gpkg|layerid=3"), Catch::Contains("layerid=3"));
}

TEST_CASE("A NAME= prefix is a tag only when it is an identifier", "[io]") {
    const TaggedSource tagged = parse_tagged_source("police=incidents.csv", true);
    REQUIRE(tagged.tag == "police");
    REQUIRE(tagged.source.path == "incidents.csv");

    const TaggedSource dotted = parse_tagged_source("fire-dept.v2=a.gpkg|layername=calls", true);
    REQUIRE(dotted.tag == "fire-dept.v2");
    REQUIRE(dotted.source.layer == "calls");

    const TaggedSource pg = parse_tagged_source("PG:dbname=x", false);
    REQUIRE(pg.tag.empty());
    REQUIRE(pg.source.path == "PG:dbname=x");

    const TaggedSource win = parse_tagged_source("C:\\a=b.csv", false);
    REQUIRE(win.tag.empty());
    REQUIRE(win.source.path == "C:\\a=b.csv");

    const TaggedSource digit = parse_tagged_source("311=calls.csv", false);
    REQUIRE(digit.tag.empty());
    REQUIRE(digit.source.path == "311=calls.csv");
}

TEST_CASE("An agency's AGENCY= may have spaces and accents; a service layer's name is refused plainly",
          "[io]") {
    // Agencies come with such names from an agency field; AGENCY= said they had no agency.
    const TaggedSource spaced = parse_case_source("Social Care=refs.csv|crs=EPSG:27700");
    REQUIRE(spaced.tag == "Social Care");
    REQUIRE(spaced.source.path == "refs.csv");
    REQUIRE(spaced.options.crs == "EPSG:27700");
    REQUIRE(parse_case_source("Sant\xc3\xa9=refs.csv").tag == "Sant\xc3\xa9");
    // Paths and connection strings stay whole.
    REQUIRE(parse_case_source("PG:dbname=x").tag.empty());
    REQUIRE(parse_case_source("data/a b=c.csv").tag.empty());
    // A service layer named with a space used to be told to write NAME= in front of its own NAME=.
    REQUIRE_THROWS_WITH(parse_tagged_source("Police Dept=police.gpkg", true),
                        "'Police Dept' cannot name a layer: use ASCII letters, digits, '_', '-' or '.', e.g. "
                        "Police_Dept=police.gpkg");
}

TEST_CASE("A missing tag or an empty source after the tag is a usage error", "[io]") {
    REQUIRE_THROWS_AS(parse_tagged_source("incidents.csv", true), UsageError);
    REQUIRE_THROWS_AS(parse_tagged_source("PG:dbname=x", true), UsageError);
    REQUIRE_THROWS_AS(parse_tagged_source("police=", true), UsageError);
    REQUIRE(parse_tagged_source("incidents.csv", false).source.path == "incidents.csv");
}

TEST_CASE("A case source carries its own CRS, coordinate columns and agency field", "[io][source_options]") {
    const TaggedSource utm =
        locality::io::parse_case_source("social_care=refs.csv|crs=EPSG:27700|x=Easting|y=Northing");
    CHECK(utm.tag == "social_care");
    CHECK(utm.source.path == "refs.csv");
    CHECK(utm.source.layer.empty());
    CHECK(utm.options.crs == "EPSG:27700");
    CHECK(utm.options.x_field == "Easting");
    CHECK(utm.options.y_field == "Northing");
    CHECK(utm.options.agency_field.empty());
    // Written back, the options parse to themselves (the config file resolves paths this way).
    CHECK(utm.options.text() == "|crs=EPSG:27700|x=Easting|y=Northing");

    const TaggedSource owner =
        locality::io::parse_case_source("2020.gpkg|layername=cases|agency_field=owner");
    CHECK(owner.tag.empty());
    CHECK(owner.source.path == "2020.gpkg");
    CHECK(owner.source.layer == "cases");
    CHECK(owner.options.agency_field == "owner");
    CHECK(owner.options.text() == "|agency_field=owner");

    // Areas and service areas take only |layername=.
    REQUIRE_THROWS_WITH(parse_source("a.csv|crs=EPSG:27700"), Catch::Contains("only '|layername=NAME'"));
    REQUIRE_THROWS_WITH(parse_tagged_source("police=a.gpkg|x=E", true),
                        Catch::Contains("only '|layername=NAME'"));
}

TEST_CASE("An unknown or empty case-source option, or x without y, is a usage error naming it",
          "[io][source_options]") {
    REQUIRE_THROWS_AS(locality::io::parse_case_source("a.csv|colour=red"), UsageError);
    REQUIRE_THROWS_WITH(locality::io::parse_case_source("a.csv|colour=red"),
                        Catch::Contains("'|colour=red'") && Catch::Contains("|crs=CRS") &&
                            Catch::Contains("|agency_field=FIELD"));
    REQUIRE_THROWS_WITH(locality::io::parse_case_source("a.csv|crs="),
                        Catch::Contains("empty value of '|crs='"));
    REQUIRE_THROWS_WITH(locality::io::parse_case_source("a.csv|x=E"),
                        Catch::Contains("'|x=' and '|y=' go together"));
    REQUIRE_THROWS_AS(locality::io::parse_case_source("a.csv|crs"), UsageError);
}
