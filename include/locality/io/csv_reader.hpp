// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace locality::io {

/**
 * Streaming RFC 4180 record reader: large buffered reads, UTF-8 BOM stripped, delimiter (comma,
 * semicolon or tab) detected from the first record, quoted fields with doubled quotes and embedded
 * newlines, LF, CRLF or CR line ends. Blank lines are skipped. Text between a closing quote and the
 * next delimiter is ignored (lenient). Not thread-safe; the file is read once, front to back.
 */
class CsvReader {
public:
    /** Opens `path` for reading; throws IoError naming it when that fails. */
    explicit CsvReader(const std::string& path);
    /** Reads from memory (tests, fuzzing); `text` is copied. */
    static CsvReader from_string(std::string_view text);
    /**
     * Reads from memory through a buffer of `buffer_size` bytes (at least 1), refilled like a file's:
     * records cut by the buffer end take the same paths as in a large file (tests, fuzzing).
     */
    static CsvReader from_string(std::string_view text, std::size_t buffer_size);
    ~CsvReader();
    CsvReader(CsvReader&&) noexcept;
    CsvReader& operator=(CsvReader&&) noexcept;
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    /**
     * Reads the next record into `fields` (views valid until the next call); false at the end.
     * The first call detects the delimiter, so the header is normally the first record read.
     */
    bool next(std::vector<std::string_view>& fields);
    /** The delimiter in use (',' until the first record is read). */
    char delimiter() const noexcept { return m_delimiter; }
    /** True when the last record read ended inside a quoted field (a quote never closed). */
    bool unterminated_quote() const noexcept { return m_unterminated; }
    /** Bytes consumed so far (for progress). */
    std::uint64_t bytes_consumed() const noexcept { return m_consumed; }
    /** Size of the input in bytes when known (0 otherwise). */
    std::uint64_t total_bytes() const noexcept { return m_total; }

private:
    CsvReader() = default;
    /** Moves unread bytes to the front and fills the buffer; false when nothing more came. */
    bool refill();
    struct Span {
        std::size_t offset;
        std::size_t length;
        bool in_scratch;
    };
    /** Parses one record from m_pos; false (and nothing consumed) when it is cut by the buffer end. */
    bool parse(std::vector<std::string_view>& fields);
    /** Parses a quoted field's text from just after its opening quote; null when cut by the buffer end. */
    const char* parse_quoted(const char* p, const char* end, Span& span);
    char detect_delimiter() const;
    /** True when the first line (after a BOM and blank lines) is complete in the buffer. */
    bool header_in_buffer() const;

    struct FileCloser {
        void operator()(std::FILE* f) const noexcept { std::fclose(f); }
    };
    std::unique_ptr<std::FILE, FileCloser> m_file;
    std::string m_memory;          // the input of a chunked in-memory reader (no file)
    std::size_t m_memory_pos = 0;  // next byte of m_memory to hand to the buffer
    std::vector<char> m_buffer;
    std::size_t m_pos = 0;        // first unread byte
    std::size_t m_end = 0;        // one past the last valid byte
    bool m_eof = false;           // nothing more to read into the buffer
    bool m_started = false;       // BOM and delimiter handled
    bool m_unterminated = false;  // the last record's quote ran to the end of the input
    char m_delimiter = ',';
    bool m_stop[256] = {};  // bytes that end an unquoted field
    std::uint64_t m_consumed = 0;
    std::uint64_t m_total = 0;
    // Unescaped text of quoted fields that held doubled quotes (the buffer itself is never modified).
    std::string m_scratch;
    std::vector<Span> m_spans;
};

}  // namespace locality::io
