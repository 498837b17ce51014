// SPDX-License-Identifier: MIT
// Internal to the pipeline: the per-area numbers options may name (--min, --max, --balance-field,
// --attributes).
#pragma once

#include <string>
#include <vector>

#include "inputs.hpp"

namespace locality::pipeline {

/** The area fields a run must read besides id and population: every field an option names. */
std::vector<std::string> requested_area_fields(const StageOptions& config);

/**
 * Resolves a name to one value per area: `population` (the --population field), a numeric field of
 * the area layer (read through requested_area_fields), `cases_total`, or an agency's `cases_<agency>`
 * column as the outputs name it. An area field wins over a derived count of the same name.
 */
class AreaFields {
public:
    explicit AreaFields(const OverlayData& data);

    /**
     * The values of `name`; `option` ("--min", "--attributes") is for messages. InputError when the
     * name is unknown (listing the available ones, and a name that differs only in case) or when an
     * area field has a null (naming the field and the area id).
     */
    std::vector<double> values(const std::string& name, const std::string& option) const;

    /** Every name values() accepts, in the order listed in messages. */
    std::vector<std::string> available() const;

private:
    const OverlayData& m_data;
};

}  // namespace locality::pipeline
