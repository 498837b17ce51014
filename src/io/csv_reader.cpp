// SPDX-License-Identifier: MIT
#include "locality/io/csv_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "locality/core/error.hpp"

namespace locality::io {

namespace {
// Large reads keep the syscall count negligible; records longer than this grow the buffer.
constexpr std::size_t k_buffer_size = std::size_t{1} << 20;
}  // namespace

CsvReader::CsvReader(const std::string& path) {
    m_file.reset(std::fopen(path.c_str(), "rb"));
    if (!m_file) {
        throw IoError("cannot open '" + path + "': " + std::strerror(errno));
    }
    if (std::fseek(m_file.get(), 0, SEEK_END) == 0) {
        const long size = std::ftell(m_file.get());
        m_total = size > 0 ? static_cast<std::uint64_t>(size) : 0;
        std::fseek(m_file.get(), 0, SEEK_SET);
    }
    m_buffer.resize(k_buffer_size);
}

CsvReader CsvReader::from_string(std::string_view text) {
    CsvReader reader;
    reader.m_buffer.assign(text.begin(), text.end());
    reader.m_end = text.size();
    reader.m_eof = true;
    reader.m_total = text.size();
    return reader;
}

CsvReader CsvReader::from_string(std::string_view text, std::size_t buffer_size) {
    CsvReader reader;
    reader.m_memory.assign(text.begin(), text.end());
    reader.m_buffer.resize(std::max<std::size_t>(buffer_size, 1));
    reader.m_total = text.size();
    return reader;
}

CsvReader::~CsvReader() = default;
CsvReader::CsvReader(CsvReader&&) noexcept = default;
CsvReader& CsvReader::operator=(CsvReader&&) noexcept = default;

bool CsvReader::refill() {
    if (m_eof) {
        return false;
    }
    const std::size_t unread = m_end - m_pos;
    std::memmove(m_buffer.data(), m_buffer.data() + m_pos, unread);
    m_pos = 0;
    m_end = unread;
    if (m_end == m_buffer.size()) {
        m_buffer.resize(m_buffer.size() * 2);  // one record fills the buffer
    }
    const std::size_t room = m_buffer.size() - m_end;
    std::size_t got = 0;
    if (m_file) {
        got = std::fread(m_buffer.data() + m_end, 1, room, m_file.get());
    } else {
        got = std::min(room, m_memory.size() - m_memory_pos);
        std::memcpy(m_buffer.data() + m_end, m_memory.data() + m_memory_pos, got);
        m_memory_pos += got;
    }
    m_end += got;
    if (got == 0) {
        if (m_file && std::ferror(m_file.get()) != 0) {
            throw IoError(std::string("read error in CSV file: ") + std::strerror(errno));
        }
        m_eof = true;
        return false;
    }
    return true;
}

bool CsvReader::header_in_buffer() const {
    // The delimiter is detected from the whole first line, so it must be in the buffer, however the
    // input is cut into reads.
    std::size_t i = m_pos;
    if (m_end - i < 3) {
        return false;  // cannot tell a BOM yet
    }
    if (std::memcmp(m_buffer.data() + i, "\xEF\xBB\xBF", 3) == 0) {
        i += 3;
    }
    while (i < m_end && (m_buffer[i] == '\n' || m_buffer[i] == '\r')) {
        ++i;
    }
    bool quoted = false;
    for (; i < m_end; ++i) {
        const char c = m_buffer[i];
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            return true;
        }
    }
    return false;
}

char CsvReader::detect_delimiter() const {
    // Count candidates in the first line, outside quotes; most frequent wins, comma on ties.
    std::size_t counts[3] = {0, 0, 0};
    const char candidates[3] = {',', ';', '\t'};
    bool quoted = false;
    for (std::size_t i = m_pos; i < m_end; ++i) {
        const char c = m_buffer[i];
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            break;
        } else if (!quoted) {
            for (int k = 0; k < 3; ++k) {
                counts[k] += c == candidates[k] ? 1 : 0;
            }
        }
    }
    int best = 0;
    for (int k = 1; k < 3; ++k) {
        best = counts[k] > counts[best] ? k : best;
    }
    return candidates[best];
}

const char* CsvReader::parse_quoted(const char* p, const char* end, Span& span) {
    const char* const base = m_buffer.data();
    const char* start = p;
    bool escaped = false;
    for (;;) {
        const char* q = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
        if (q == nullptr && m_eof) {
            q = end;  // unterminated quote: the field runs to the end of the input
            m_unterminated = true;
        } else if (q == nullptr || (q + 1 == end && !m_eof)) {
            return nullptr;  // the closing quote (or what follows it) is not in the buffer yet
        }
        if (q + 1 < end && q[1] == '"') {
            // A doubled quote: from here on the field is assembled in the scratch string.
            if (!escaped) {
                span = Span{m_scratch.size(), 0, true};
                escaped = true;
            }
            m_scratch.append(start, static_cast<std::size_t>(q + 1 - start));
            p = q + 2;
            start = p;
            continue;
        }
        if (escaped) {
            m_scratch.append(start, static_cast<std::size_t>(q - start));
            span.length = m_scratch.size() - span.offset;
        } else {
            span = Span{static_cast<std::size_t>(start - base), static_cast<std::size_t>(q - start), false};
        }
        return q == end ? end : q + 1;
    }
}

bool CsvReader::parse(std::vector<std::string_view>& fields) {
    const char* const base = m_buffer.data();
    const char* p = base + m_pos;
    const char* const end = base + m_end;
    const char delimiter = m_delimiter;
    // One table lookup per byte instead of three comparisons: this loop is the CSV hot path.
    const bool* const stop = m_stop;
    m_spans.clear();
    m_scratch.clear();
    m_unterminated = false;
    for (;;) {
        const char* start = p;
        Span span{static_cast<std::size_t>(p - base), 0, false};
        if (p < end && *p == '"') {
            p = parse_quoted(p + 1, end, span);
            if (p == nullptr) {
                return false;
            }
            // Lenient: bytes between the closing quote and the delimiter are ignored.
            while (p < end && *p != delimiter && *p != '\n' && *p != '\r') {
                ++p;
            }
        } else {
            while (p < end && !stop[static_cast<unsigned char>(*p)]) {
                ++p;
            }
            span.length = static_cast<std::size_t>(p - start);
        }
        if (p == end && !m_eof) {
            return false;
        }
        m_spans.push_back(span);
        if (p < end && *p == delimiter) {
            ++p;
            continue;
        }
        // End of record: LF, CR, CRLF or end of input.
        if (p < end && *p == '\r') {
            ++p;
            if (p == end && !m_eof) {
                return false;  // cannot tell CR from CRLF yet
            }
            if (p < end && *p == '\n') {
                ++p;
            }
        } else if (p < end) {
            ++p;
        }
        break;
    }
    m_consumed += static_cast<std::uint64_t>(p - (base + m_pos));
    m_pos = static_cast<std::size_t>(p - base);
    fields.clear();
    for (const Span& s : m_spans) {
        fields.emplace_back(s.in_scratch ? m_scratch.data() + s.offset : base + s.offset, s.length);
    }
    return true;
}

bool CsvReader::next(std::vector<std::string_view>& fields) {
    for (;;) {
        if (!m_started && (m_eof || header_in_buffer())) {
            m_started = true;
            if (m_end - m_pos >= 3 && std::memcmp(m_buffer.data() + m_pos, "\xEF\xBB\xBF", 3) == 0) {
                m_pos += 3;
                m_consumed += 3;
            }
            // Skip leading blank lines so the header decides the delimiter.
            while (m_pos < m_end && (m_buffer[m_pos] == '\n' || m_buffer[m_pos] == '\r')) {
                ++m_pos;
                ++m_consumed;
            }
            m_delimiter = detect_delimiter();
            m_stop[static_cast<unsigned char>(m_delimiter)] = true;
            m_stop[static_cast<unsigned char>('\n')] = true;
            m_stop[static_cast<unsigned char>('\r')] = true;
        }
        if (m_started) {
            // Blank lines are not records.
            while (m_pos < m_end && (m_buffer[m_pos] == '\n' || m_buffer[m_pos] == '\r')) {
                ++m_pos;
                ++m_consumed;
            }
            if (m_pos == m_end && m_eof) {
                return false;
            }
            if (m_pos < m_end && parse(fields)) {
                return true;
            }
        }
        if (!refill() && m_pos == m_end) {
            if (!m_started) {
                m_started = true;
            }
            return false;
        }
    }
}

}  // namespace locality::io
