// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/io/csv_reader.hpp"
#include "temp_dir.hpp"

using namespace locality;
using namespace locality::io;

namespace {

using Records = std::vector<std::vector<std::string>>;

Records read_all(CsvReader& reader) {
    Records records;
    std::vector<std::string_view> fields;
    while (reader.next(fields)) {
        records.emplace_back(fields.begin(), fields.end());
    }
    return records;
}

Records parse(const std::string& text) {
    CsvReader reader = CsvReader::from_string(text);
    return read_all(reader);
}

}  // namespace

TEST_CASE("CSV: a UTF-8 BOM is stripped and CRLF line ends are removed", "[io]") {
    REQUIRE(parse("\xEF\xBB\xBFlon,lat\r\n1,2\r\n3,4\r\n") ==
            Records{{"lon", "lat"}, {"1", "2"}, {"3", "4"}});
}

TEST_CASE("CSV: quoted fields hold delimiters, newlines and doubled quotes", "[io]") {
    const Records records = parse("id,text\n1,\"a,b\"\n2,\"line1\nline2\"\n3,\"say \"\"hi\"\"\"\n4,\"\"\n");
    REQUIRE(records ==
            Records{{"id", "text"}, {"1", "a,b"}, {"2", "line1\nline2"}, {"3", "say \"hi\""}, {"4", ""}});
}

TEST_CASE("CSV: the delimiter is detected from the header", "[io]") {
    CsvReader semicolon = CsvReader::from_string("lon;lat;agency\n1,5;2,5;x\n");
    REQUIRE(read_all(semicolon) == Records{{"lon", "lat", "agency"}, {"1,5", "2,5", "x"}});
    REQUIRE(semicolon.delimiter() == ';');
    CsvReader tab = CsvReader::from_string("lon\tlat\n1\t2\n");
    REQUIRE(read_all(tab) == Records{{"lon", "lat"}, {"1", "2"}});
    REQUIRE(tab.delimiter() == '\t');
    // A quoted header name with a comma inside does not count.
    CsvReader quoted = CsvReader::from_string("\"a,b,c\";d\n1;2\n");
    REQUIRE(read_all(quoted) == Records{{"a,b,c", "d"}, {"1", "2"}});
}

TEST_CASE("CSV: short rows, empty fields, blank lines and a missing final newline", "[io]") {
    REQUIRE(parse("a,b,c\n1\n,,\n\n\n4,5,6") ==
            Records{{"a", "b", "c"}, {"1"}, {"", "", ""}, {"4", "5", "6"}});
    REQUIRE(parse("a,b\r1,2\r") == Records{{"a", "b"}, {"1", "2"}});  // old Mac CR line ends
    REQUIRE(parse("").empty());
    REQUIRE(parse("\xEF\xBB\xBF").empty());
    REQUIRE(parse("a,\"unterminated\n1,2") == Records{{"a", "unterminated\n1,2"}});
    REQUIRE(parse("a,b\n\"x\"junk,y\n") == Records{{"a", "b"}, {"x", "y"}});  // lenient after a quote
}

TEST_CASE("CSV: a file read through a small buffer gives the same records as memory", "[io]") {
    // Random records with quotes, CRLF and embedded newlines, long enough to cross many 1 MiB reads.
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<int> pick(0, 9);
    Records expected;
    std::string text;
    for (int row = 0; row < 60000; ++row) {
        std::vector<std::string> record;
        for (int col = 0; col < 4; ++col) {
            std::string value = std::to_string(rng() % 1000000);
            const int kind = pick(rng);
            if (kind == 0) {
                value += "\"x\",\n;";
            } else if (kind == 1) {
                value = std::string(static_cast<std::size_t>(rng() % 200), 'q');
            }
            record.push_back(value);
            const bool quote = value.find_first_of("\",\n") != std::string::npos || kind == 2;
            std::string cell = value;
            if (quote) {
                cell.clear();
                for (const char c : value) {
                    cell += c == '"' ? std::string("\"\"") : std::string(1, c);
                }
                cell = "\"" + cell + "\"";
            }
            text += (col > 0 ? "," : "") + cell;
        }
        text += row % 3 == 0 ? "\r\n" : "\n";
        expected.push_back(record);
    }
    // The first row decides the delimiter: make it a plain header.
    text = "a,b,c,d\n" + text;
    expected.insert(expected.begin(), std::vector<std::string>{"a", "b", "c", "d"});
    REQUIRE(text.size() > 3u * (1u << 20));

    test::TempFile file(".csv", text);
    CsvReader reader(file.path());
    REQUIRE(reader.total_bytes() == text.size());
    const Records from_file = read_all(reader);
    REQUIRE(from_file.size() == expected.size());
    REQUIRE(from_file == expected);
    REQUIRE(reader.bytes_consumed() == text.size());
    REQUIRE(parse(text) == expected);
}

TEST_CASE("CSV: a missing file is an IoError naming it", "[io]") {
    REQUIRE_THROWS_AS(CsvReader("/nonexistent/locality/none.csv"), IoError);
    REQUIRE_THROWS_WITH(CsvReader("/nonexistent/locality/none.csv"), Catch::Contains("none.csv"));
}
