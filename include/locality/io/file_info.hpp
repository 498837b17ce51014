// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "locality/io/source_spec.hpp"

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace locality::io {

/** Provenance of an input, for the run report. */
struct FileInfo {
    std::string path;               ///< the source path as given
    std::uintmax_t size_bytes = 0;  ///< file size; 0 when not a regular file
    std::string sha256;             ///< lowercase hex SHA-256 of the file; empty when not a regular file
    bool is_file = false;           ///< false for connection strings (`PG:`), /vsi paths and directories
};

/**
 * Size and SHA-256 of the file at `source.path` (for a shapefile, of the .shp only). Reads the
 * whole file once. Throws IoError naming the file when it exists but cannot be read.
 */
FileInfo describe_source(const SourceSpec& source);

/** An incremental SHA-256 (OpenSSL): add() the bytes, then hex() once. */
class Sha256 {
public:
    Sha256();
    void add(const void* bytes, std::size_t size);
    /** Lowercase hex of the digest; ends the digest. */
    std::string hex();

private:
    struct DigestDeleter {
        void operator()(::evp_md_ctx_st* ctx) const noexcept;
    };
    std::unique_ptr<::evp_md_ctx_st, DigestDeleter> m_ctx;
};

}  // namespace locality::io
