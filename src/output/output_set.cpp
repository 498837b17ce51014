// SPDX-License-Identifier: MIT
#include "locality/output/output_set.hpp"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <system_error>

#include "locality/core/error.hpp"

namespace locality::output {

namespace {

namespace fs = std::filesystem;

// 64 random bits in hex: two runs writing into the same folder never share a staging name.
std::string random_suffix() {
    std::random_device device;
    const std::uint64_t bits = (static_cast<std::uint64_t>(device()) << 32U) ^ device();
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out(16, '0');
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = k_hex[(bits >> (4U * i)) & 0xFU];
    }
    return out;
}

std::string join(const std::string& directory, const std::string& name) {
    return (fs::path(directory) / name).string();
}

// `.<name>.<16 hex>.tmp`, as staging_path() makes them, or the SQLite journal a GeoPackage being
// written keeps beside it (`.tmp-journal`, `.tmp-wal`, `.tmp-shm`) when its run is killed.
bool is_staging_name(const std::string& file, const std::string& name) {
    const std::string head = "." + name + ".";
    if (file.size() < head.size() + 16 || file.compare(0, head.size(), head) != 0) {
        return false;
    }
    const std::string tail = file.substr(head.size() + 16);
    if (tail != ".tmp" && tail != ".tmp-journal" && tail != ".tmp-wal" && tail != ".tmp-shm") {
        return false;
    }
    return std::all_of(file.begin() + static_cast<std::ptrdiff_t>(head.size()),
                       file.begin() + static_cast<std::ptrdiff_t>(head.size() + 16),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// The files a previous run recorded in its summary.json (`outputs`), as plain file names; none when
// there is no such record or it cannot be read (a summary.json that is not a run's is not trusted).
std::vector<std::string> recorded_outputs(const std::string& summary_path) {
    std::ifstream in(summary_path, std::ios::binary);
    if (!in) {
        return {};
    }
    const nlohmann::json summary = nlohmann::json::parse(in, nullptr, false);
    if (!summary.is_object() || !summary.contains("locality_version") || !summary.contains("outputs") ||
        !summary["outputs"].is_array()) {
        return {};
    }
    std::vector<std::string> out;
    for (const nlohmann::json& name : summary["outputs"]) {
        const std::string text = name.is_string() ? name.get<std::string>() : std::string();
        if (!text.empty() && text != "." && text != ".." && text.find('/') == std::string::npos &&
            text.find('\\') == std::string::npos) {
            out.push_back(text);
        }
    }
    return out;
}

void check_name(const std::string& name) {
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos) {
        throw IoError("output file name '" + name + "' must be a plain file name");
    }
}

}  // namespace

OutputSet::OutputSet(std::string directory, std::vector<std::string> names, bool overwrite)
    : m_directory(std::move(directory)), m_names(std::move(names)), m_suffix(random_suffix()) {
    if (m_directory.empty()) {
        m_directory = ".";
    }
    std::error_code ec;
    if (fs::exists(m_directory, ec) && !fs::is_directory(m_directory, ec)) {
        throw IoError("'" + m_directory + "' exists and is not a folder; choose another --output folder");
    }
    // Every refusal happens before anything is created, so a refused run leaves no trace.
    for (std::size_t i = 0; i < m_names.size(); ++i) {
        check_name(m_names[i]);
        if (std::find(m_names.begin(), m_names.begin() + static_cast<std::ptrdiff_t>(i), m_names[i]) !=
            m_names.begin() + static_cast<std::ptrdiff_t>(i)) {
            throw IoError("output file name '" + m_names[i] + "' is listed twice");
        }
        const std::string target = final_path(m_names[i]);
        const fs::file_status status = fs::symlink_status(target, ec);
        if (!fs::exists(status)) {
            continue;
        }
        if (!overwrite) {
            throw IoError("'" + target + "' exists; use --overwrite or choose another --output folder");
        }
        if (fs::is_directory(status)) {
            throw IoError("'" + target +
                          "' is a folder and cannot be overwritten; choose another --output folder");
        }
    }
    if (overwrite && std::find(m_names.begin(), m_names.end(), "summary.json") != m_names.end()) {
        for (const std::string& name : recorded_outputs(final_path("summary.json"))) {
            if (std::find(m_names.begin(), m_names.end(), name) == m_names.end()) {
                m_replaced.push_back(name);
            }
        }
    }
    fs::create_directories(m_directory, ec);
    if (ec) {
        throw IoError("cannot create the output folder '" + m_directory + "': " + ec.message());
    }
}

OutputSet::~OutputSet() {
    if (m_committed) {
        return;
    }
    // Only our own staging names are removed; anything else in the folder is left alone.
    for (const auto& name : m_names) {
        std::error_code ec;
        fs::remove(staging_path(name), ec);
    }
}

std::string OutputSet::staging_path(const std::string& name) const {
    if (std::find(m_names.begin(), m_names.end(), name) == m_names.end()) {
        throw IoError("'" + name + "' is not one of the files this run declared");
    }
    // Hidden and in the same folder, so the final rename stays on one file system (atomic).
    return join(m_directory, "." + name + "." + m_suffix + ".tmp");
}

std::string OutputSet::final_path(const std::string& name) const { return join(m_directory, name); }

void OutputSet::commit() {
    if (m_committed) {
        return;
    }
    // Check everything first, so a missing file does not leave half of the run in place.
    for (const auto& name : m_names) {
        std::error_code ec;
        if (!fs::is_regular_file(staging_path(name), ec)) {
            throw IoError("'" + final_path(name) + "' was not written; nothing was replaced");
        }
    }
    for (const auto& name : m_names) {
        std::error_code ec;
        fs::rename(staging_path(name), final_path(name), ec);
        if (ec) {
            throw IoError("cannot move the output into place as '" + final_path(name) + "': " + ec.message());
        }
    }
    m_committed = true;
    remove_replaced_outputs();
    remove_stale_staging();
}

void OutputSet::remove_replaced_outputs() const {
    for (const std::string& name : m_replaced) {
        std::error_code ec;
        if (fs::is_regular_file(fs::symlink_status(final_path(name), ec))) {
            fs::remove(final_path(name), ec);  // best effort: the run itself has succeeded
        }
    }
}

void OutputSet::remove_stale_staging() const {
    // A run killed before its commit leaves its staging files; they are hidden, never final names,
    // and the next successful run into the folder removes them. Only exact staging names of this
    // run's outputs are touched.
    std::error_code ec;
    for (fs::directory_iterator it(m_directory, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string file = it->path().filename().string();
        for (const auto& name : m_names) {
            if (is_staging_name(file, name)) {
                std::error_code ignored;
                fs::remove(it->path(), ignored);
            }
        }
    }
}

void write_text_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
        throw IoError("cannot create '" + path +
                      "': " + std::error_code(errno, std::generic_category()).message());
    }
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
        throw IoError("cannot write '" + path +
                      "': " + std::error_code(errno, std::generic_category()).message());
    }
}

}  // namespace locality::output
