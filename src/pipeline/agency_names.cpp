// SPDX-License-Identifier: MIT
#include "agency_names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <string_view>

#include "locality/core/error.hpp"
#include "locality/io/csv_reader.hpp"

namespace locality::pipeline {

namespace {

std::string trimmed(std::string_view text) {
    const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!text.empty() && space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && space(text.back())) {
        text.remove_suffix(1);
    }
    return std::string(text);
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return text;
}

}  // namespace

AgencyNames read_agency_names(const std::string& path) {
    if (path.empty()) {
        return {};
    }
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        throw InputError(fmt::format("--agency-names '{}': no such file", path));
    }
    io::CsvReader reader(path);
    std::vector<std::string_view> fields;
    if (!reader.next(fields)) {
        throw InputError(fmt::format(
            "--agency-names '{}', row 1: no header; the file needs the columns agency,name", path));
    }
    std::size_t code_at = fields.size();
    std::size_t name_at = fields.size();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string header = lower(trimmed(fields[i]));
        if (header == "agency" && code_at == fields.size()) {
            code_at = i;
        } else if (header == "name" && name_at == fields.size()) {
            name_at = i;
        }
    }
    for (const auto& [at, column] : {std::pair{code_at, "agency"}, std::pair{name_at, "name"}}) {
        if (at == fields.size()) {
            throw InputError(
                fmt::format("--agency-names '{}', row 1: no column '{}'; the header must name the "
                            "columns agency,name",
                            path, column));
        }
    }
    AgencyNames names;
    std::map<std::string, std::size_t> row_of;
    std::size_t row = 1;
    while (reader.next(fields)) {
        ++row;
        const std::string code = code_at < fields.size() ? trimmed(fields[code_at]) : std::string();
        const std::string name = name_at < fields.size() ? trimmed(fields[name_at]) : std::string();
        if (code.empty() || name.empty()) {
            throw InputError(fmt::format("--agency-names '{}', row {}: no {}", path, row,
                                         code.empty() ? "agency code" : "name for agency '" + code + "'"));
        }
        if (const auto [at, fresh] = row_of.emplace(code, row); !fresh) {
            throw InputError(
                fmt::format("--agency-names '{}', row {}: agency '{}' is given twice (first on row {})", path,
                            row, code, at->second));
        }
        names.emplace_back(code, name);
    }
    return names;
}

void apply_agency_names(const AgencyNames& names, const std::string& path, OverlayData& data) {
    std::string unknown;
    std::size_t unknown_count = 0;
    for (const auto& [code, name] : names) {
        bool found = false;
        for (AgencyTally& tally : data.agencies) {
            if (tally.name == code) {
                tally.full_name = name;
                found = true;
            }
        }
        if (!found) {
            unknown += (unknown.empty() ? "'" : ", '") + code + "'";
            ++unknown_count;
        }
    }
    if (unknown_count > 0) {
        data.warnings.push_back(
            fmt::format("--agency-names '{}': no case has the agenc{} {} ({} name{} not used)", path,
                        unknown_count == 1 ? "y" : "ies", unknown, unknown_count == 1 ? "its" : "their",
                        unknown_count == 1 ? " is" : "s are"));
    }
}

}  // namespace locality::pipeline
