// SPDX-License-Identifier: MIT
// An earlier release's published dominant-service-area shares, read back for this run's audit
// (decision 0042).
#include "released_shares.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "inputs.hpp"
#include "locality/core/error.hpp"
#include "locality/io/attribute_table.hpp"

namespace locality::pipeline {

namespace {

/** The layer named in a source label (`file|layername=x`), "" when none. */
std::string layer_of_label(const std::string& label) {
    try {
        return io::parse_source(label).layer;
    } catch (const Error&) {
        return "";
    }
}

/** A share as published: a number from 0 to 1, or nothing when null. */
bool published_share_of(const std::string& folder, const std::string& label, const std::string& text,
                        double& share) {
    if (text.empty()) {
        return false;
    }
    std::size_t used = 0;
    try {
        share = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || !(share >= 0.0 && share <= 1.0)) {
        throw InputError(fmt::format(
            "--released {}: {} holds '{}', not a share: the file was changed after the run wrote it", folder,
            label, text));
    }
    return true;
}

}  // namespace

std::vector<std::size_t> same_service_layers(const nlohmann::json& released_service_areas,
                                             const OverlayData& data) {
    std::vector<std::size_t> out;
    if (!released_service_areas.is_array()) {
        return out;
    }
    for (const nlohmann::json& theirs : released_service_areas) {
        std::size_t found = data.service_layers.size();
        for (std::size_t s = 0; s < data.service_layers.size() && theirs.is_object(); ++s) {
            const ServiceLayer& ours = data.service_layers[s];
            // The same file (its content), the same layer in it and the same ids: each area's share
            // of area in each service area is then the same as this run's.
            if (ours.file.is_file && theirs.value("name", "") == ours.name &&
                theirs.value("sha256", nlohmann::json()).is_string() &&
                theirs["sha256"].get<std::string>() == ours.file.sha256 &&
                theirs.value("id_field", "") == ours.layer.id_field &&
                layer_of_label(theirs.value("source", "")) == layer_of_label(ours.layer.label)) {
                found = s;
            }
        }
        out.push_back(found);
    }
    return out;
}

std::vector<ReleasedShare> read_released_shares(const std::string& folder, const io::SourceSpec& layer,
                                                std::size_t table, const std::vector<std::string>& numbers,
                                                const std::vector<std::string>& names,
                                                const std::vector<std::size_t>& ours) {
    std::vector<ReleasedShare> out;
    for (std::size_t n = 0; n < names.size() && n < ours.size(); ++n) {
        const std::string dominant = names[n] + "_dominant";
        const std::string share = names[n] + "_dominant_case_share";
        if (!io::has_fields(layer, {"locality", dominant, share}, "released localities")) {
            continue;  // null everywhere (a GeoJSON leaves the field out): nothing published
        }
        const io::TextColumns columns =
            io::read_text_columns(layer, {"locality", dominant, share}, "released localities");
        for (const std::vector<std::string>& row : columns.rows) {
            ReleasedShare s;
            const auto number = std::find(numbers.begin(), numbers.end(), row[0]);
            if (number == numbers.end() ||
                !published_share_of(folder, layer.label() + " " + share, row[2], s.share) || row[1].empty()) {
                continue;  // a locality the layer reader has checked already; an unpublished share
            }
            s.table = table;
            s.locality = static_cast<std::size_t>(number - numbers.begin());
            s.service = ours[n];
            s.dominant = row[1];
            out.push_back(std::move(s));
        }
    }
    return out;
}

}  // namespace locality::pipeline
