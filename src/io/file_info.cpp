// SPDX-License-Identifier: MIT
#include "locality/io/file_info.hpp"

#include <openssl/evp.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

#include "locality/core/error.hpp"

namespace locality::io {

namespace {

struct FileCloser {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

std::string sha256_of(const std::string& path) {
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) {
        throw IoError("cannot read '" + path + "' to fingerprint it: " + std::strerror(errno));
    }
    Sha256 digest;
    std::vector<unsigned char> buffer(std::size_t{1} << 20);
    std::size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) {
        digest.add(buffer.data(), got);
    }
    if (std::ferror(file.get()) != 0) {
        throw IoError("read error while fingerprinting '" + path + "': " + std::strerror(errno));
    }
    return digest.hex();
}

}  // namespace

void Sha256::DigestDeleter::operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }

Sha256::Sha256() : m_ctx(EVP_MD_CTX_new()) {
    if (!m_ctx || EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr) != 1) {
        throw IoError("cannot initialise SHA-256 (OpenSSL)");
    }
}

void Sha256::add(const void* bytes, std::size_t size) { EVP_DigestUpdate(m_ctx.get(), bytes, size); }

std::string Sha256::hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_ctx.get(), digest, &length);
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += k_hex[digest[i] >> 4];
        out += k_hex[digest[i] & 0xF];
    }
    return out;
}

FileInfo describe_source(const SourceSpec& source) {
    FileInfo info;
    info.path = source.path;
    std::error_code error;
    if (source.path.rfind("/vsi", 0) == 0 || !std::filesystem::is_regular_file(source.path, error)) {
        return info;
    }
    info.is_file = true;
    info.size_bytes = std::filesystem::file_size(source.path, error);
    if (error) {
        throw IoError("cannot get the size of '" + source.path + "': " + error.message());
    }
    info.sha256 = sha256_of(source.path);
    return info;
}

}  // namespace locality::io
