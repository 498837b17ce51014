// SPDX-License-Identifier: MIT
#include "locality/io/source_spec.hpp"

#include <cctype>

#include "locality/core/error.hpp"
#include "locality/io/connection.hpp"

namespace locality::io {

// Labels end up in messages and summary.json: a password typed into a PG: string must not.
std::string SourceSpec::label() const {
    return redact_credentials(layer.empty() ? path : path + "|layername=" + layer);
}

SourceSpec parse_source(const std::string& text) {
    // QGIS writes `path|layername=x`; '|' does not occur in ordinary paths or PG: strings.
    const auto bar = text.find('|');
    SourceSpec spec;
    spec.path = text.substr(0, bar);
    if (spec.path.empty()) {
        throw UsageError("empty data source in '" + text + "': give a file path or a GDAL connection string");
    }
    std::size_t pos = bar;
    while (pos != std::string::npos) {
        const auto next = text.find('|', pos + 1);
        const std::string option =
            text.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
        const auto eq = option.find('=');
        const std::string key = option.substr(0, eq);
        if (key != "layername" || eq == std::string::npos) {
            throw UsageError("unknown option '|" + option + "' in data source '" + text +
                             "': only '|layername=NAME' is supported");
        }
        spec.layer = option.substr(eq + 1);
        if (spec.layer.empty()) {
            throw UsageError("empty layer name in data source '" + text + "': write '|layername=NAME'");
        }
        pos = next;
    }
    return spec;
}

namespace {

// A tag is an identifier, so `PG:dbname=x` and `C:\a=b.csv` are never mistaken for `tag=source`.
bool is_tag(const std::string& text) {
    if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front())) != 0) {
        return false;
    }
    for (const char c : text) {
        const bool ok = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
        if (!ok) {
            return false;
        }
    }
    return true;
}

}  // namespace

TaggedSource parse_tagged_source(const std::string& text, bool require_tag) {
    TaggedSource tagged;
    const auto eq = text.find('=');
    if (eq != std::string::npos && is_tag(text.substr(0, eq))) {
        tagged.tag = text.substr(0, eq);
        if (eq + 1 == text.size()) {
            throw UsageError("no data source after '" + tagged.tag + "=': write " + tagged.tag + "=FILE");
        }
        tagged.source = parse_source(text.substr(eq + 1));
        return tagged;
    }
    if (require_tag) {
        throw UsageError("'" + text + "' has no agency name: write NAME=" + text);
    }
    tagged.source = parse_source(text);
    return tagged;
}

}  // namespace locality::io
