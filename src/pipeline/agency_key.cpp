// SPDX-License-Identifier: MIT
#include "agency_key.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdint>

namespace locality::pipeline {

namespace {

/** The code point at `at` (advanced past it); a byte that is not well-formed UTF-8 stands for itself. */
char32_t next_code_point(const std::string& text, std::size_t& at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const std::size_t length = lead < 0x80           ? 1
                               : (lead >> 5) == 0x6  ? 2
                               : (lead >> 4) == 0xE  ? 3
                               : (lead >> 3) == 0x1E ? 4
                                                     : 0;
    if (length <= 1 || at + length > text.size()) {
        ++at;
        return lead;
    }
    char32_t cp = lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        const auto c = static_cast<unsigned char>(text[at + i]);
        if ((c >> 6) != 0x2) {
            ++at;
            return lead;
        }
        cp = (cp << 6) | (c & 0x3F);
    }
    at += length;
    return cp;
}

void append_utf8(char32_t cp, std::string& out) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/** Spaces, punctuation and symbols beyond ASCII: separators, as ASCII punctuation is. */
bool separator_beyond_ascii(char32_t cp) {
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
           cp == 0x3000 || cp == 0xFEFF;
}

/** The lower case of the capitals of Latin-1, Latin Extended-A, Greek and Cyrillic; else `cp`. */
char32_t lower_case(char32_t cp) {
    const bool even = cp % 2 == 0;
    if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) ||
        (cp >= 0x410 && cp <= 0x42F)) {
        return cp + 0x20;
    }
    if (((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177) || (cp >= 0x460 && cp <= 0x481) ||
         (cp >= 0x48A && cp <= 0x4BF)) &&
        even) {
        return cp + 1;
    }
    if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) && !even) {
        return cp + 1;
    }
    if (cp >= 0x400 && cp <= 0x40F) {
        return cp + 0x50;
    }
    switch (cp) {
        case 0x386:
            return 0x3AC;  // Greek capitals with tonos
        case 0x388:
            return 0x3AD;
        case 0x389:
            return 0x3AE;
        case 0x38A:
            return 0x3AF;
        case 0x38C:
            return 0x3CC;
        case 0x38E:
            return 0x3CD;
        case 0x38F:
            return 0x3CE;
        case 0x3C2:
            return 0x3C3;  // final sigma
        case 0x178:
            return 0xFF;
        default:
            return cp;
    }
}

}  // namespace

std::string agency_key(const std::string& name) {
    std::string out;
    for (std::size_t at = 0; at < name.size();) {
        const char32_t cp = next_code_point(name, at);
        const bool ascii_word = cp < 0x80 && std::isalnum(static_cast<int>(cp)) != 0;
        if (ascii_word || (cp >= 0x80 && !separator_beyond_ascii(cp))) {
            append_utf8(
                ascii_word ? static_cast<char32_t>(std::tolower(static_cast<int>(cp))) : lower_case(cp), out);
        } else if (!out.empty() && out.back() != '_') {
            out += '_';
        }
    }
    while (!out.empty() && out.back() == '_') {
        out.pop_back();
    }
    return out;
}

std::string agency_slug(const std::string& name) {
    std::string out;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 && u < 128) {
            out += static_cast<char>(std::tolower(u));
        } else if (!out.empty() && out.back() != '_') {
            out += '_';
        }
    }
    while (!out.empty() && out.back() == '_') {
        out.pop_back();
    }
    return out.empty() ? "agency" : out;
}

bool has_letters_beyond_ascii(const std::string& name) {
    for (std::size_t at = 0; at < name.size();) {
        const char32_t cp = next_code_point(name, at);
        if (cp >= 0x80 && !separator_beyond_ascii(cp)) {
            return true;
        }
    }
    return false;
}

std::string short_text_hash(const std::string& text) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : text) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    return fmt::format("{:06x}", hash & 0xFFFFFF);
}

}  // namespace locality::pipeline
