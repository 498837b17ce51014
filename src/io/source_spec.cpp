// SPDX-License-Identifier: MIT
#include "locality/io/source_spec.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "locality/core/error.hpp"
#include "locality/io/connection.hpp"

namespace locality::io {

// Labels end up in messages and summary.json: a password typed into a PG: string must not.
std::string SourceSpec::label() const {
    return redact_credentials(layer.empty() ? path : path + "|layername=" + layer);
}

namespace {

/** Where a `|key=value` of a case source goes; null for a key it does not take. */
std::string* case_option(CaseSourceOptions& options, const std::string& key) {
    if (key == "crs") {
        return &options.crs;
    }
    if (key == "x") {
        return &options.x_field;
    }
    if (key == "y") {
        return &options.y_field;
    }
    if (key == "agency_field") {
        return &options.agency_field;
    }
    return nullptr;
}

/** `PATH|key=value|...`: the layer into the spec, the case options into `options` when given (else refused).
 */
SourceSpec parse_with_options(const std::string& text, CaseSourceOptions* options) {
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
        std::string* value = key == "layername" ? &spec.layer : nullptr;
        if (value == nullptr && options != nullptr) {
            value = case_option(*options, key);
        }
        if (value == nullptr || eq == std::string::npos) {
            throw UsageError("unknown option '|" + option + "' in data source '" + text + "': " +
                             (options == nullptr
                                  ? std::string("only '|layername=NAME' is supported")
                                  : std::string("a case source takes |layername=NAME, |crs=CRS, "
                                                "|x=FIELD, |y=FIELD and |agency_field=FIELD")));
        }
        *value = option.substr(eq + 1);
        if (value->empty()) {
            throw UsageError(key == "layername"
                                 ? "empty layer name in data source '" + text + "': write '|layername=NAME'"
                                 : "empty value of '|" + key + "=' in data source '" + text + "'");
        }
        pos = next;
    }
    return spec;
}

}  // namespace

std::string CaseSourceOptions::text() const {
    std::string out;
    for (const auto& [key, value] : {std::pair<const char*, const std::string&>{"crs", crs},
                                     {"x", x_field},
                                     {"y", y_field},
                                     {"agency_field", agency_field}}) {
        if (!value.empty()) {
            out += std::string("|") + key + "=" + value;
        }
    }
    return out;
}

SourceSpec parse_source(const std::string& text) { return parse_with_options(text, nullptr); }

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

// A name as a person writes it: a tag, or words with spaces and accented letters ("Social Care",
// "Santé"). Still never a path or a connection string: no '/', '\\', ':' or '|'.
bool is_name(const std::string& text) {
    if (text.empty() || text.front() == ' ' || std::isdigit(static_cast<unsigned char>(text.front())) != 0) {
        return false;
    }
    return std::all_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x80 || std::isalnum(u) != 0 || c == '_' || c == '-' || c == '.' || c == ' ';
    });
}

// `text` with every character a tag cannot hold replaced by '_': the name to suggest.
std::string as_tag(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const bool ok = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.';
        out += ok ? c : '_';
    }
    return out;
}

}  // namespace

namespace {

TaggedSource parse_tagged(const std::string& text, bool require_tag, CaseSourceOptions* options) {
    TaggedSource tagged;
    const auto eq = text.find('=');
    const std::string head = eq == std::string::npos ? std::string() : text.substr(0, eq);
    // A service layer's name becomes a layer and field names as written: ASCII only, said plainly.
    if (eq != std::string::npos && require_tag && !is_tag(head) && is_name(head)) {
        throw UsageError("'" + head +
                         "' cannot name a layer: use ASCII letters, digits, '_', '-' or '.', e.g. " +
                         as_tag(head) + "=" + text.substr(eq + 1));
    }
    // An agency (AGENCY=, case sources only) is any name: its output column is made ASCII anyway.
    if (eq != std::string::npos && (is_tag(head) || (options != nullptr && is_name(head)))) {
        tagged.tag = head;
        if (eq + 1 == text.size()) {
            throw UsageError("no data source after '" + tagged.tag + "=': write " + tagged.tag + "=FILE");
        }
        tagged.source = parse_with_options(text.substr(eq + 1), options);
        return tagged;
    }
    if (require_tag) {
        throw UsageError("'" + text + "' has no agency name: write NAME=" + text);
    }
    tagged.source = parse_with_options(text, options);
    return tagged;
}

}  // namespace

TaggedSource parse_tagged_source(const std::string& text, bool require_tag) {
    return parse_tagged(text, require_tag, nullptr);
}

TaggedSource parse_case_source(const std::string& text) {
    CaseSourceOptions options;
    TaggedSource tagged = parse_tagged(text, false, &options);
    if (options.x_field.empty() != options.y_field.empty()) {
        throw UsageError("'|x=' and '|y=' go together in data source '" + text + "': give both or neither");
    }
    tagged.options = std::move(options);
    return tagged;
}

}  // namespace locality::io
