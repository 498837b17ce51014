// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace locality::output {

/** Column type of an output table. */
enum class FieldType { integer, real, string };

/** One column. */
struct Field {
    std::string name;
    FieldType type = FieldType::string;
};

/** A cell: null, integer, real or text. */
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

/** Rows of values, one per feature or CSV line, in `fields` order. */
struct Table {
    std::vector<Field> fields;
    std::vector<std::vector<Value>> rows;
};

}  // namespace locality::output
