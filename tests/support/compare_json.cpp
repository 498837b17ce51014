// SPDX-License-Identifier: MIT
// Semantic comparison of an expected output with an actual one, for the end-to-end tests:
//   locality_compare_output EXPECTED ACTUAL
// JSON/GeoJSON: every member of EXPECTED must be in ACTUAL with an equal value (a subset match, so
// golden files list only what is stable); numbers equal within 1e-6 relative (1e-7 absolute for
// coordinates); GeoJSON features are matched after sorting both sides by their properties.
// CSV: same header, same rows in any order, numeric cells within 1e-6 relative.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "text_files.hpp"

namespace {

using json = nlohmann::json;
using locality::test::parse_csv;
using locality::test::read_text;

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool numbers_equal(double a, double b) {
    return std::fabs(a - b) <= std::max(1e-7, 1e-6 * std::max(std::fabs(a), std::fabs(b)));
}

bool subset(const json& expected, const json& actual, const std::string& where, std::string& why) {
    if (expected.is_number() && actual.is_number()) {
        if (numbers_equal(expected.get<double>(), actual.get<double>())) {
            return true;
        }
        why = where + ": expected " + expected.dump() + ", got " + actual.dump();
        return false;
    }
    if (expected.type() != actual.type()) {
        why =
            where + ": expected " + expected.dump().substr(0, 200) + ", got " + actual.dump().substr(0, 200);
        return false;
    }
    if (expected.is_object()) {
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            if (!actual.contains(it.key())) {
                why = where + ": missing member '" + it.key() + "'";
                return false;
            }
            if (!subset(it.value(), actual.at(it.key()), where + "." + it.key(), why)) {
                return false;
            }
        }
        return true;
    }
    if (expected.is_array()) {
        if (expected.size() != actual.size()) {
            why = where + ": expected " + std::to_string(expected.size()) + " elements, got " +
                  std::to_string(actual.size());
            return false;
        }
        for (std::size_t i = 0; i < expected.size(); ++i) {
            if (!subset(expected[i], actual[i], where + "[" + std::to_string(i) + "]", why)) {
                return false;
            }
        }
        return true;
    }
    if (expected != actual) {
        why = where + ": expected " + expected.dump() + ", got " + actual.dump();
        return false;
    }
    return true;
}

void sort_features(json& doc) {
    if (doc.is_object() && doc.contains("features") && doc["features"].is_array()) {
        auto& features = doc["features"];
        std::sort(features.begin(), features.end(), [](const json& a, const json& b) {
            return a.value("properties", json::object()).dump() <
                   b.value("properties", json::object()).dump();
        });
    }
}

bool cells_equal(const std::string& a, const std::string& b) {
    if (a == b) {
        return true;
    }
    char* end_a = nullptr;
    char* end_b = nullptr;
    const double x = std::strtod(a.c_str(), &end_a);
    const double y = std::strtod(b.c_str(), &end_b);
    return !a.empty() && !b.empty() && *end_a == '\0' && *end_b == '\0' && numbers_equal(x, y);
}

bool compare_csv(const std::string& expected_text, const std::string& actual_text, std::string& why) {
    auto expected = parse_csv(expected_text);
    auto actual = parse_csv(actual_text);
    if (expected.empty() || actual.empty() || expected.front() != actual.front()) {
        why = "CSV headers differ";
        return false;
    }
    if (expected.size() != actual.size()) {
        why = "expected " + std::to_string(expected.size() - 1) + " rows, got " +
              std::to_string(actual.size() - 1);
        return false;
    }
    std::sort(expected.begin() + 1, expected.end());
    std::sort(actual.begin() + 1, actual.end());
    for (std::size_t r = 1; r < expected.size(); ++r) {
        if (expected[r].size() != actual[r].size()) {
            why = "row " + std::to_string(r) + " has a different number of cells";
            return false;
        }
        for (std::size_t c = 0; c < expected[r].size(); ++c) {
            if (!cells_equal(expected[r][c], actual[r][c])) {
                why = "row " + std::to_string(r) + " column '" + expected.front()[c] + "': expected '" +
                      expected[r][c] + "', got '" + actual[r][c] + "'";
                return false;
            }
        }
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: locality_compare_output EXPECTED ACTUAL\n");
        return 2;
    }
    const std::string expected_path = argv[1];
    const std::string actual_path = argv[2];
    try {
        std::string why;
        bool same = false;
        if (ends_with(expected_path, ".csv")) {
            same = compare_csv(read_text(expected_path), read_text(actual_path), why);
        } else if (ends_with(expected_path, ".json") || ends_with(expected_path, ".geojson")) {
            json expected = json::parse(read_text(expected_path));
            json actual = json::parse(read_text(actual_path));
            sort_features(expected);
            sort_features(actual);
            same = subset(expected, actual, "$", why);
        } else {
            same = read_text(expected_path) == read_text(actual_path);
            why = "contents differ";
        }
        if (!same) {
            std::fprintf(stderr, "%s differs from %s: %s\n", actual_path.c_str(), expected_path.c_str(),
                         why.c_str());
            return 1;
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "compare: %s\n", e.what());
        return 1;
    }
}
