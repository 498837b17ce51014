// SPDX-License-Identifier: MIT
#include "disruption.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "containers.hpp"
#include "localities_stage.hpp"
#include "locality/core/error.hpp"
#include "rounding.hpp"

namespace locality::pipeline {

namespace {

using json = nlohmann::ordered_json;

bool same_name(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::int64_t caseload(const OverlayData& data, int agency, std::size_t z) {
    return agency < 0 ? data.counts.zone_total(static_cast<ZoneId>(z))
                      : data.counts.at(static_cast<ZoneId>(z), static_cast<std::size_t>(agency));
}

// Share explained by `groups` (per area, -1 gathered in a group of its own) on the reported variables.
double explained_by(const regionalize::AttributeMatrix& reported, const std::vector<int>& groups,
                    double total_ss) {
    std::map<int, int> number;
    std::vector<int> region_of;
    for (const int g : groups) {
        region_of.push_back(number.emplace(g, static_cast<int>(number.size())).first->second);
    }
    return share_explained(
        regionalize::within_sum_of_squares(reported, region_of, static_cast<int>(number.size())), total_ss);
}

// A count is withheld from 1 to threshold - 1, and so is one that gives away such a count (its rest).
bool discloses(std::int64_t part, std::int64_t whole, std::int64_t threshold) {
    const std::int64_t rest = whole - part;
    return (part > 0 && part < threshold) || (rest > 0 && rest < threshold);
}

// Mean and largest of `counts`, those of 0 left out (a team with no area, the left-out locality's none).
json stat(const std::vector<std::int64_t>& counts) {
    double sum = 0.0;
    std::int64_t max = 0;
    std::size_t n = 0;
    for (const std::int64_t count : counts) {
        if (count > 0) {
            sum += static_cast<double>(count);
            max = std::max(max, count);
            ++n;
        }
    }
    return {{"mean", n > 0 ? round_to(sum / static_cast<double>(n), 3) : 0.0}, {"max", max}};
}

}  // namespace

std::vector<int> service_agencies(const StageOptions& config, const OverlayData& data) {
    std::vector<int> out(data.service_layers.size(), -1);
    std::vector<std::string> agency_names;
    for (const AgencyTally& agency : data.agencies) {
        agency_names.push_back(agency.name);
    }
    for (std::size_t s = 0; s < data.service_layers.size(); ++s) {
        for (std::size_t a = 0; a < data.agencies.size(); ++a) {
            if (same_name(data.service_layers[s].name, data.agencies[a].name)) {
                out[s] = static_cast<int>(a);
            }
        }
    }
    for (const auto& [layer, agency] : config.service_agencies) {
        // A named copy: C++17 lambdas cannot capture a structured binding (clang refuses it).
        const std::string& layer_name = layer;
        const auto s = std::find_if(data.service_layers.begin(), data.service_layers.end(),
                                    [&](const ServiceLayer& service) { return service.name == layer_name; });
        if (s == data.service_layers.end()) {
            throw InputError(
                fmt::format("--service-agency {}={}: no --service-areas named '{}'", layer, agency, layer));
        }
        const auto a = std::find(agency_names.begin(), agency_names.end(), agency);
        if (a == agency_names.end()) {
            throw InputError(
                fmt::format("--service-agency {}={}: no agency '{}' among the cases (agencies: {})", layer,
                            agency, agency, listed(agency_names)));
        }
        out[static_cast<std::size_t>(s - data.service_layers.begin())] =
            static_cast<int>(a - agency_names.begin());
    }
    return out;
}

std::vector<PartnerCost> partner_costs(const StageOptions& config, const OverlayData& data,
                                       const regionalize::AttributeMatrix& reported,
                                       const regionalize::Regionalization& result) {
    const std::vector<int> agency_of = service_agencies(config, data);
    const std::size_t areas = data.areas.ids.size();
    const auto localities = static_cast<std::size_t>(result.region_count);
    const double total_ss = regionalize::within_sum_of_squares(reported, std::vector<int>(reported.rows, 0),
                                                               reported.rows > 0 ? 1 : 0);
    const double by_localities = explained_by(reported, result.region_of, total_ss);
    std::vector<PartnerCost> out;
    for (std::size_t s = 0; s < data.service_layers.size(); ++s) {
        const ServiceLayer& service = data.service_layers[s];
        PartnerCost cost;
        cost.layer = s;
        cost.agency = agency_of[s];
        // Rows with the same id are one service area, as for --within and --localities.
        Containers by_team;
        assign_by_shares(service.layer.ids, service.shares, by_team);
        cost.team_ids = by_team.ids;
        cost.team_of_area = by_team.container_of;
        const std::size_t teams = cost.team_ids.size();
        // cases[l][j]: the caseload of locality l that team j handles today.
        std::vector<std::vector<std::int64_t>> cases(localities, std::vector<std::int64_t>(teams, 0));
        for (std::size_t z = 0; z < areas; ++z) {
            const std::int64_t n = caseload(data, cost.agency, z);
            if (cost.team_of_area[z] < 0) {
                cost.without_team += n;
            } else {
                cases[static_cast<std::size_t>(result.region_of[z])]
                     [static_cast<std::size_t>(cost.team_of_area[z])] += n;
            }
        }
        cost.today.assign(teams, 0);
        cost.moved_away.assign(teams, 0);
        cost.team_of_locality.assign(localities, -1);
        for (std::size_t l = 0; l < localities; ++l) {
            const auto best = std::max_element(cases[l].begin(), cases[l].end());  // first of equals
            if (best != cases[l].end() && *best > 0) {
                cost.team_of_locality[l] = static_cast<int>(best - cases[l].begin());
            }
            for (std::size_t j = 0; j < teams; ++j) {
                cost.today[j] += cases[l][j];
                cost.located += cases[l][j];
                if (static_cast<int>(j) != cost.team_of_locality[l]) {
                    cost.moved_away[j] += cases[l][j];
                    cost.moved += cases[l][j];
                }
            }
        }
        // Split, on the same footing as the cases: which localities hold each team's areas.
        std::vector<std::set<int>> localities_of(teams);
        std::vector<std::set<int>> teams_of(localities);
        for (std::size_t z = 0; z < areas; ++z) {
            if (cost.team_of_area[z] >= 0) {
                localities_of[static_cast<std::size_t>(cost.team_of_area[z])].insert(result.region_of[z]);
                teams_of[static_cast<std::size_t>(result.region_of[z])].insert(cost.team_of_area[z]);
            }
        }
        for (const std::set<int>& set : localities_of) {
            cost.localities_of_team.push_back(static_cast<std::int64_t>(set.size()));
        }
        for (const std::set<int>& set : teams_of) {
            cost.teams_of_locality.push_back(static_cast<std::int64_t>(set.size()));
        }
        cost.explained_by_localities = by_localities;
        cost.explained_by_service_areas = explained_by(reported, cost.team_of_area, total_ss);
        out.push_back(std::move(cost));
    }
    return out;
}

void add_partner_costs(const StageOptions& config, const OverlayData& data,
                       const std::vector<PartnerCost>& costs, Publication& publication) {
    const std::int64_t threshold = config.suppress_below;
    json list = json::array();
    for (const PartnerCost& cost : costs) {
        const ServiceLayer& service = data.service_layers[cost.layer];
        const bool withheld = discloses(cost.moved, cost.located, threshold);
        json suppressed = json::array();
        json entry{
            {"service_layer", service.name},
            {"agency",
             cost.agency >= 0 ? json(data.agencies[static_cast<std::size_t>(cost.agency)].name) : json()},
            {"caseload", cost.agency >= 0 ? "the agency's cases"
                                          : "every agency's cases (no agency of this "
                                            "name; see --service-agency)"},
            {"cases_located", cost.located}};
        entry["cases_moved"] = withheld ? json() : json(cost.moved);
        entry["cases_moved_share"] = withheld || cost.located == 0
                                         ? json()
                                         : json(round_to(static_cast<double>(cost.moved) / cost.located, 4));
        if (withheld) {
            suppressed.push_back("cases_moved");
        }
        const bool outside_withheld = cost.without_team > 0 && cost.without_team < threshold;
        entry["cases_outside_service_areas"] = outside_withheld ? json() : json(cost.without_team);
        if (outside_withheld) {
            suppressed.push_back("cases_outside_service_areas");
        }
        entry["localities_per_service_area"] = stat(cost.localities_of_team);
        entry["service_areas_per_locality"] = stat(cost.teams_of_locality);
        entry["share_explained_by_localities"] = round_to(cost.explained_by_localities, 4);
        entry["share_explained_by_service_areas"] = round_to(cost.explained_by_service_areas, 4);
        entry["gain"] = round_to(cost.explained_by_localities - cost.explained_by_service_areas, 4);
        entry["suppressed"] = suppressed;
        list.push_back(entry);

        // The service-area layer: the share of each team's cases another team would handle.
        output::Table& table = publication.layers.service_areas[cost.layer];
        table.fields.push_back({"cases_moved_share", output::FieldType::real});
        std::map<std::string, std::size_t> team_of_id;
        for (std::size_t t = 0; t < cost.team_ids.size(); ++t) {
            team_of_id.emplace(cost.team_ids[t], t);
        }
        for (std::size_t row = 0; row < table.rows.size(); ++row) {
            const std::size_t j = team_of_id.at(service.layer.ids[row]);
            output::Value value;
            if (cost.today[j] > 0 && !discloses(cost.moved_away[j], cost.today[j], threshold)) {
                value = round_to(static_cast<double>(cost.moved_away[j]) / cost.today[j], 4);
            }
            table.rows[row].push_back(value);
        }
    }
    publication.disruption = list;
}

}  // namespace locality::pipeline
