// SPDX-License-Identifier: MIT
#include "locality/io/connection.hpp"

#include <cctype>

namespace locality::io {

namespace {

constexpr std::string_view k_hidden = "***";

bool starts_with_nocase(std::string_view text, std::size_t at, std::string_view word) noexcept {
    if (text.size() - at < word.size()) {
        return false;
    }
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[at + i])) != word[i]) {
            return false;
        }
    }
    return true;
}

bool is_space(char c) noexcept { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// End of a libpq keyword value that starts at `at`: a quoted value runs to its closing quote
// (backslash escapes the next character), a bare one to the next space or '|' (where a source's
// `|layername=` begins), or in a URI query to '&'.
std::size_t value_end(std::string_view text, std::size_t at, bool in_uri) noexcept {
    if (at < text.size() && text[at] == '\'') {
        std::size_t i = at + 1;
        while (i < text.size() && text[i] != '\'') {
            i += text[i] == '\\' ? 2 : 1;
        }
        return i < text.size() ? i + 1 : text.size();
    }
    std::size_t i = at;
    while (i < text.size() && !is_space(text[i]) && text[i] != '|' &&
           !(in_uri && (text[i] == '&' || text[i] == '#'))) {
        ++i;
    }
    return i;
}

// `password = value` keywords (libpq allows spaces around '='), also as URI query parameters.
std::string redact_keywords(std::string_view text, bool in_uri) {
    constexpr std::string_view k_key = "password";
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const bool at_word_start =
            i == 0 || is_space(text[i - 1]) || text[i - 1] == '?' || text[i - 1] == '&' || text[i - 1] == ':';
        if (at_word_start && starts_with_nocase(text, i, k_key)) {
            std::size_t j = i + k_key.size();
            while (j < text.size() && is_space(text[j])) {
                ++j;
            }
            if (j < text.size() && text[j] == '=') {
                ++j;
                while (j < text.size() && is_space(text[j])) {
                    ++j;
                }
                out.append(text.substr(i, k_key.size()));
                out += '=';
                out.append(k_hidden);
                i = value_end(text, j, in_uri);
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

// `scheme://user:secret@host` → `scheme://user:***@host`.
std::string redact_uri_userinfo(const std::string& text) {
    std::string out = text;
    std::size_t from = 0;
    while ((from = out.find("://", from)) != std::string::npos) {
        const std::size_t start = from + 3;
        const std::size_t end = out.find_first_of("/?# \t\n", start);
        const std::size_t authority_end = end == std::string::npos ? out.size() : end;
        const std::size_t at = out.rfind('@', authority_end);
        if (at != std::string::npos && at >= start) {
            const std::size_t colon = out.find(':', start);
            if (colon != std::string::npos && colon < at) {
                out.replace(colon + 1, at - colon - 1, k_hidden);
            }
        }
        from = start;
    }
    return out;
}

}  // namespace

bool is_postgres_connection(std::string_view path) noexcept { return starts_with_nocase(path, 0, "pg:"); }

std::string redact_credentials(std::string_view text) {
    const bool in_uri = text.find("://") != std::string_view::npos;
    return redact_uri_userinfo(redact_keywords(text, in_uri));
}

}  // namespace locality::io
