// SPDX-License-Identifier: MIT
// The point CSV reader and the coordinate parser. Besides crashes and sanitizer reports, two oracles:
// the records must not depend on how the input is cut into buffer refills, and a parsed coordinate
// is finite.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "locality/io/csv_reader.hpp"
#include "locality/io/point_source.hpp"

namespace {

std::vector<std::vector<std::string>> read_all(locality::io::CsvReader reader) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string_view> fields;
    while (reader.next(fields)) {
        std::vector<std::string> record(fields.begin(), fields.end());
        for (const std::string_view field : fields) {
            double value = 0.0;
            for (const bool decimal_comma : {false, true}) {
                if (locality::io::parse_coordinate(field, value, decimal_comma) && !std::isfinite(value)) {
                    std::abort();
                }
            }
        }
        records.push_back(std::move(record));
    }
    return records;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    // The first byte chooses the buffer size (1..64 bytes), the rest is the file.
    const std::size_t buffer_size = 1 + data[0] % 64;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto whole = read_all(locality::io::CsvReader::from_string(text));
    const auto chunked = read_all(locality::io::CsvReader::from_string(text, buffer_size));
    if (whole != chunked) {
        std::abort();  // the records depend on where the buffer was refilled
    }
    return 0;
}
