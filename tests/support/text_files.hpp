// SPDX-License-Identifier: MIT
#pragma once
// Whole-file reading and a small CSV parser, shared by the unit tests and by the separate
// locality_compare_output executable; header-only and std-only so that executable stays
// self-contained (it links nothing but nlohmann-json).

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace locality::test {

/** The whole file as bytes; throws std::runtime_error naming `path` when it cannot be read. */
inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/**
 * Rows of CSV text (RFC 4180 quotes, "" inside quotes for a quote). Outside quotes LF, CRLF and a
 * lone CR each end a row; inside quotes every character is kept. A last row without a line end
 * is kept; the first row is the header, like any other.
 */
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(std::move(cell));
            cell.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
            row.push_back(std::move(cell));
            cell.clear();
            rows.push_back(std::move(row));
            row.clear();
        } else {
            cell += c;
        }
    }
    if (!cell.empty() || !row.empty()) {
        row.push_back(std::move(cell));
        rows.push_back(std::move(row));
    }
    return rows;
}

/** parse_csv of the file at `path` (see read_text for errors). */
inline std::vector<std::vector<std::string>> read_csv_file(const std::string& path) {
    return parse_csv(read_text(path));
}

}  // namespace locality::test
