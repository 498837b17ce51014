// SPDX-License-Identifier: MIT
#include "keep_close_to.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "containers.hpp"
#include "disruption.hpp"
#include "locality/core/closest_name.hpp"
#include "locality/core/error.hpp"

namespace locality::pipeline {

std::vector<regionalize::KeptAgency> kept_agencies(const StageOptions& config, const OverlayData& data) {
    std::vector<regionalize::KeptAgency> out;
    if (config.keep_close_to.empty()) return out;
    const std::vector<int> agency_of = service_agencies(config, data);
    std::vector<std::string> agency_names;
    for (const AgencyTally& agency : data.agencies) agency_names.push_back(agency.name);
    std::vector<std::string> layer_names;
    for (const ServiceLayer& service : data.service_layers) layer_names.push_back(service.name);
    for (const auto& [name, weight] : config.keep_close_to) {
        // An agency of the cases, served by its service layer; else a service layer by name, with the
        // caseload its partner's cost counts (its agency's, or every agency's when it has none).
        const auto a = std::find(agency_names.begin(), agency_names.end(), name);
        const auto named_layer = std::find(layer_names.begin(), layer_names.end(), name);
        int agency = -1;
        std::size_t layer = 0;
        if (a != agency_names.end()) {
            agency = static_cast<int>(a - agency_names.begin());
            const auto handling = std::find(agency_of.begin(), agency_of.end(), agency);  // the first
            if (handling == agency_of.end()) {
                throw InputError(fmt::format(
                    "--keep-close-to {}: no service layer handles agency '{}' (service layers: {}); give "
                    "--service-areas {}=SOURCE or --service-agency LAYER={}",
                    name, name, layer_names.empty() ? std::string("none") : listed(layer_names), name, name));
            }
            layer = static_cast<std::size_t>(handling - agency_of.begin());
        } else if (named_layer != layer_names.end()) {
            layer = static_cast<std::size_t>(named_layer - layer_names.begin());
            agency = agency_of[layer];
        } else {
            // The close match first: the list of names may be cut ("and 6 more") before it.
            std::vector<std::string> known = agency_names;
            known.insert(known.end(), layer_names.begin(), layer_names.end());
            const std::string near = closest_name(name, known);
            throw InputError(fmt::format(
                "--keep-close-to {}: no agency or service layer named '{}'{} (agencies: {}; "
                "service layers: {})",
                name, name, near.empty() ? "" : "; did you mean '" + near + "'?", listed(agency_names),
                layer_names.empty() ? std::string("none") : listed(layer_names)));
        }
        const ServiceLayer& service = data.service_layers[layer];
        // The teams as the partner's cost finds them: rows with the same id are one service area.
        Containers by_team;
        assign_by_shares(service.layer.ids, service.shares, by_team);
        regionalize::KeptAgency kept;
        kept.name = name;
        kept.weight = weight;
        kept.teams = static_cast<int>(by_team.ids.size());
        kept.first.push_back(0);
        for (std::size_t z = 0; z < data.areas.ids.size(); ++z) {
            const ZoneId zone = static_cast<ZoneId>(z);
            const std::int64_t cases = agency < 0 ? data.counts.zone_total(zone)
                                                  : data.counts.at(zone, static_cast<std::size_t>(agency));
            if (by_team.container_of[z] >= 0 && cases > 0) {
                kept.entries.emplace_back(by_team.container_of[z], static_cast<double>(cases));
            }
            kept.first.push_back(kept.entries.size());
        }
        out.push_back(std::move(kept));
    }
    return out;
}

nlohmann::ordered_json keep_close_to_json(const StageOptions& config) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& [agency, weight] : config.keep_close_to)
        list.push_back({{"agency", agency}, {"weight", weight}});
    return list;
}

}  // namespace locality::pipeline
