// SPDX-License-Identifier: MIT
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

namespace locality::test {

/**
 * A fresh, empty folder in the system temp folder, removed with its content on destruction.
 * The name is unique per process and construction, so parallel test processes never share one.
 */
class TempDir {
public:
    explicit TempDir(const std::string& stem = "locality_test") {
        static std::atomic<int> counter{0};
        m_path = std::filesystem::temp_directory_path() /
                 (stem + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    /** The folder itself. */
    std::string path() const { return m_path.string(); }
    /** A path inside the folder (the file need not exist). */
    std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

/** A file with the given content, alone in its own TempDir (so its name can keep a meaningful suffix). */
class TempFile {
public:
    TempFile(const std::string& suffix, const std::string& content)
        : m_dir("locality_file"), m_path(m_dir.file("input" + suffix)) {
        std::ofstream out(m_path, std::ios::binary);
        out << content;
    }
    std::string path() const { return m_path; }

private:
    TempDir m_dir;
    std::string m_path;
};

}  // namespace locality::test
