// SPDX-License-Identifier: MIT
// Hostile and malformed CSV input: every row accounted for, clear refusals naming the row.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/io/csv_reader.hpp"
#include "locality/io/point_source.hpp"
#include "temp_dir.hpp"

using namespace locality;
using namespace locality::io;

namespace {

using Records = std::vector<std::vector<std::string>>;

Records read_all(CsvReader reader) {
    Records records;
    std::vector<std::string_view> fields;
    while (reader.next(fields)) {
        records.emplace_back(fields.begin(), fields.end());
    }
    return records;
}

struct Read {
    PointReadStats stats;
    std::vector<std::pair<double, double>> located;
    std::int64_t read() const {
        return std::accumulate(stats.read.begin(), stats.read.end(), std::int64_t{0});
    }
    std::int64_t unlocated() const {
        return std::accumulate(stats.unlocated.begin(), stats.unlocated.end(), std::int64_t{0});
    }
};

/** Reads `text` as a CSV of x/y in UTM 18N (working CRS too, so coordinates pass unchanged). */
Read read_csv_text(const std::string& text) {
    test::TempFile file(".csv", text);
    PointSourceOptions options;
    options.source.path = file.path();
    options.agency = "police";
    options.crs = "EPSG:32618";
    AgencyRegistry agencies;
    Read out;
    out.stats =
        read_points(options, Crs::from_user_input("EPSG:32618", "test"), agencies, [&](const PointBatch& b) {
            for (std::size_t i = 0; i < b.size(); ++i) {
                out.located.emplace_back(b.x[i], b.y[i]);
            }
        });
    return out;
}

}  // namespace

TEST_CASE("CSV records do not depend on where the read buffer is refilled", "[io][hostile]") {
    const std::string text =
        "\xEF\xBB\xBFid;x;\"y\"\r\n\r\n1;\"a;\"\"b\"\"\";3\r2;\"multi\nline\"\"\";4\n3;;\n\"open;5\n6;7";
    const Records whole = read_all(CsvReader::from_string(text));
    REQUIRE(whole.size() == 5);  // header, three records, and the unterminated one running to the end
    REQUIRE(whole[1] == std::vector<std::string>{"1", "a;\"b\"", "3"});
    REQUIRE(whole[2] == std::vector<std::string>{"2", "multi\nline\"", "4"});
    for (std::size_t size = 1; size <= text.size() + 1; ++size) {
        INFO("buffer of " << size << " bytes");
        REQUIRE(read_all(CsvReader::from_string(text, size)) == whole);
    }
}

TEST_CASE("The reader tells when a record ended inside a quote that was never closed", "[io][hostile]") {
    CsvReader reader = CsvReader::from_string("a,b\n1,\"2\n3,4\n");
    std::vector<std::string_view> fields;
    REQUIRE(reader.next(fields));
    REQUIRE_FALSE(reader.unterminated_quote());
    REQUIRE(reader.next(fields));
    REQUIRE(reader.unterminated_quote());
    REQUIRE(fields.size() == 2);
    REQUIRE(fields[1] == "2\n3,4\n");
}

TEST_CASE("Coordinates: strict numbers, NaN and infinities refused, decimal commas only when asked",
          "[io][hostile]") {
    double v = 0.0;
    REQUIRE((parse_coordinate(" -73.5 ", v) && v == -73.5));
    REQUIRE((parse_coordinate("+1e3", v) && v == 1000.0));
    REQUIRE((parse_coordinate("1e300", v) && v == 1e300));  // finite: PROJ refuses it later (unlocated)
    for (const char* bad : {"", " ", "nan", "NaN", "-nan", "inf", "-Infinity", "1e400", "1,5", "1.5.2",
                            "0x10", "1 2", "--1", "12abc"}) {
        INFO(bad);
        REQUIRE_FALSE(parse_coordinate(bad, v));
    }
    REQUIRE((parse_coordinate("40,7128", v, true) && v == Approx(40.7128)));
    REQUIRE((parse_coordinate("-3,5e2", v, true) && v == -350.0));
    REQUIRE_FALSE(parse_coordinate("1,234.5", v, true));  // a thousands separator, not a decimal comma
    REQUIRE_FALSE(parse_coordinate("1,2,3", v, true));
    REQUIRE_FALSE(parse_coordinate(std::string(70, '1'), v));  // no coordinate is that long
}

TEST_CASE("A ';'-separated CSV with decimal commas is read", "[io][hostile]") {
    const Read r = read_csv_text("x;y\n580500,5;4500500,25\n581000;4501000\n");
    REQUIRE(r.read() == 2);
    REQUIRE(r.unlocated() == 0);
    REQUIRE(r.located.at(0).first == Approx(580500.5));
    REQUIRE(r.located.at(0).second == Approx(4500500.25));
}

TEST_CASE("Rows with more or fewer fields than the header are unlocated and counted with the first row",
          "[io][hostile]") {
    // Row 3 has an unquoted comma in a name: its columns are shifted, so its numbers are not trusted.
    const Read r =
        read_csv_text("name,x,y\na,580500,4500500\nb,c,580600,4500600\nd,580700,4500700\ne,580800\n");
    REQUIRE(r.read() == 4);
    REQUIRE(r.located.size() == 2);
    REQUIRE(r.unlocated() == 2);
    REQUIRE(r.stats.ragged_rows == 2);
    REQUIRE(r.stats.first_ragged_row == 3);
    REQUIRE(r.stats.header_fields == 3);
}

TEST_CASE("A quote never closed is refused, naming the row where it opens", "[io][hostile]") {
    REQUIRE_THROWS_WITH(read_csv_text("name,x,y\na,580500,4500500\n\"b,580600,4500600\nc,1,2\n"),
                        Catch::Contains("row 3 opens a quote"));
}

TEST_CASE("NaN, infinite, huge and empty coordinates are counted as unlocated, none is dropped",
          "[io][hostile]") {
    const Read r = read_csv_text(
        "x,y\nnan,4500500\n580500,inf\n1e300,1e300\n580500,\n-1e308,4500500\n580500,4500500\n,\n");
    REQUIRE(r.read() == 6);
    REQUIRE(r.located.size() + static_cast<std::size_t>(r.unlocated()) == 6);
    // A row of nothing but empty fields is no case: counted apart, not read.
    REQUIRE(r.stats.empty_rows == 1);
    REQUIRE(r.stats.first_empty_row == 8);
    for (const auto& [x, y] : r.located) {
        REQUIRE(std::isfinite(x));
        REQUIRE(std::isfinite(y));
    }
    REQUIRE(r.unlocated() >= 3);  // nan, inf, empty; the huge ones as PROJ decides, but counted
}

TEST_CASE("Agency names and headers that are not UTF-8 are refused with the way to convert",
          "[io][hostile]") {
    test::TempFile file(".csv", "x,y,agency\n580500,4500500,police\n580500,4500500,sant\xE9\n");
    PointSourceOptions options;
    options.source.path = file.path();
    options.agency_field = "agency";
    options.crs = "EPSG:32618";
    AgencyRegistry agencies;
    REQUIRE_THROWS_WITH(read_points(options, Crs::from_user_input("EPSG:32618", "test"), agencies, {}),
                        Catch::Contains("agency of row 3 is not UTF-8 text"));
    REQUIRE_THROWS_WITH(read_csv_text("x,y,r\xE9gion\n1,2,3\n"),
                        Catch::Contains("header (row 1) is not UTF-8"));
    // UTF-8 itself, BOM included, is welcome.
    REQUIRE(read_csv_text("\xEF\xBB\xBFx,y,r\xC3\xA9gion\n580500,4500500,\xC3\xA9\n").located.size() == 1);
}
