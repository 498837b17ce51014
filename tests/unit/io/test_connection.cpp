// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "locality/io/connection.hpp"
#include "locality/io/source_spec.hpp"

using locality::io::is_postgres_connection;
using locality::io::parse_source;
using locality::io::redact_credentials;

TEST_CASE("PG: connection strings are recognised in any case, files are not", "[io][postgis]") {
    CHECK(is_postgres_connection("PG:dbname=x"));
    CHECK(is_postgres_connection("pg:service=prod"));
    CHECK(is_postgres_connection("PG:postgresql://u@h/db"));
    CHECK_FALSE(is_postgres_connection("out"));
    CHECK_FALSE(is_postgres_connection("PG"));
    CHECK_FALSE(is_postgres_connection("data/PG:x"));
    CHECK_FALSE(is_postgres_connection(""));
}

TEST_CASE("Passwords in keyword/value connection strings are hidden, everything else is kept",
          "[io][postgis]") {
    CHECK(redact_credentials("PG:dbname=x password=hunter2 host=h") == "PG:dbname=x password=*** host=h");
    CHECK(redact_credentials("PG:password=hunter2") == "PG:password=***");
    CHECK(redact_credentials("PG:dbname=x PASSWORD = hunter2") == "PG:dbname=x PASSWORD=***");
    // Quoted values may hold spaces and escaped quotes; all of the value goes.
    CHECK(redact_credentials(R"(PG:dbname=x password='a b\' c' user=u)") ==
          "PG:dbname=x password=*** user=u");
    // Only the keyword counts: a table or database named like it is not a password.
    CHECK(redact_credentials("PG:dbname=password_db user=u") == "PG:dbname=password_db user=u");
    CHECK(redact_credentials("PG:dbname=x mypassword=y") == "PG:dbname=x mypassword=y");
    CHECK(redact_credentials("PG:service=prod") == "PG:service=prod");
    CHECK(redact_credentials("--output") == "--output");
}

TEST_CASE("Passwords in postgresql:// URIs are hidden", "[io][postgis]") {
    CHECK(redact_credentials("PG:postgresql://ann:hunter2@db.example.org:5432/gis") ==
          "PG:postgresql://ann:***@db.example.org:5432/gis");
    CHECK(redact_credentials("PG:postgresql://ann@db/gis?password=hunter2&sslmode=require") ==
          "PG:postgresql://ann@db/gis?password=***&sslmode=require");
    CHECK(redact_credentials("PG:postgresql://db/gis") == "PG:postgresql://db/gis");
}

TEST_CASE("A source's label never shows the password of its connection string", "[io][postgis]") {
    const auto spec = parse_source("PG:dbname=gis password=hunter2|layername=public.tracts");
    CHECK(spec.path == "PG:dbname=gis password=hunter2");  // GDAL still gets the real string
    CHECK(spec.layer == "public.tracts");
    CHECK(spec.label() == "PG:dbname=gis password=***|layername=public.tracts");
}
