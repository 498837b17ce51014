// SPDX-License-Identifier: MIT
// The constraint parser (`--min FIELD=VALUE`, `--max ...`): it throws UsageError or returns a field
// that is not empty and a value that is finite and not negative, as it promises.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "locality/core/error.hpp"
#include "locality/pipeline/constraint_spec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const locality::pipeline::ConstraintSpec spec = locality::pipeline::parse_constraint(text, "--min");
        if (spec.field.empty() || !std::isfinite(spec.value) || spec.value < 0.0) {
            std::abort();
        }
    } catch (const locality::UsageError&) {
    }
    return 0;
}
