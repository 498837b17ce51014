// SPDX-License-Identifier: MIT
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

namespace locality::test {

/** A file in the system temp folder, removed on destruction. Name unique per process and call. */
class TempFile {
public:
    TempFile(const std::string& suffix, const std::string& content) {
        static std::atomic<int> counter{0};
        m_path = std::filesystem::temp_directory_path() /
                 ("locality_io_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + suffix);
        std::ofstream out(m_path, std::ios::binary);
        out << content;
    }
    ~TempFile() {
        std::error_code ignored;
        std::filesystem::remove(m_path, ignored);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    std::string path() const { return m_path.string(); }

private:
    std::filesystem::path m_path;
};

}  // namespace locality::test
