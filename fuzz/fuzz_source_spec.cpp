// SPDX-License-Identifier: MIT
// The input-source parser: `PATH|layername=NAME`, `[AGENCY=]SOURCE` and a case source's
// `|crs=|x=|y=|agency_field=`. It either throws UsageError or returns a source with a path; a parsed source
// written back as its label parses to itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "locality/core/error.hpp"
#include "locality/io/source_spec.hpp"

namespace {

void check(const locality::io::SourceSpec& spec) {
    if (spec.path.empty()) {
        std::abort();
    }
    // A label hides a connection's password (`password=***`, `user:***@host`): it is for display and
    // does not parse back to the same source.
    const std::string label = spec.label();
    if (spec.layer.find('|') == std::string::npos && label.find("***") == std::string::npos) {
        const locality::io::SourceSpec again = locality::io::parse_source(label);
        if (again.path != spec.path || again.layer != spec.layer) {
            std::abort();
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        check(locality::io::parse_source(text));
    } catch (const locality::UsageError&) {
    }
    try {
        // A case source's options, written back after its path, parse to themselves.
        const locality::io::TaggedSource tagged = locality::io::parse_case_source(text);
        check(tagged.source);
        const std::string options = tagged.options.text();
        if (!options.empty()) {
            const locality::io::TaggedSource again = locality::io::parse_case_source("x" + options);
            if (again.options.text() != options) {
                std::abort();
            }
        }
    } catch (const locality::UsageError&) {
    }
    for (const bool require_tag : {false, true}) {
        try {
            const locality::io::TaggedSource tagged = locality::io::parse_tagged_source(text, require_tag);
            if (require_tag && tagged.tag.empty()) {
                std::abort();
            }
            check(tagged.source);
        } catch (const locality::UsageError&) {
        }
    }
    return 0;
}
