// SPDX-License-Identifier: MIT
#include "given_localities.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "containers.hpp"
#include "input_checks.hpp"
#include "locality/core/error.hpp"
#include "locality/io/attribute_table.hpp"
#include "rounding.hpp"

namespace locality::pipeline {

namespace {

using json = nlohmann::ordered_json;

// An integer, also when written as a whole decimal ("3.0"): a spreadsheet or pandas saves a column of
// locality numbers with a gap in it as floats, and its localities must keep their numbers.
bool is_integer(const std::string& text) {
    const std::size_t point = text.find('.');
    if (point != std::string::npos &&
        (point + 1 == text.size() || text.find_first_not_of('0', point + 1) != std::string::npos)) {
        return false;
    }
    const std::string whole = text.substr(0, point);
    if (whole.empty() || whole.size() > 18) {
        return false;
    }
    const std::size_t start = whole[0] == '-' ? 1 : 0;
    return start < whole.size() && std::all_of(whole.begin() + static_cast<std::ptrdiff_t>(start),
                                               whole.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Numbers the names: in numeric order when all are integers (a locality keeps its number when an
// assignment written by propose comes back, "3" or "3.0"), else in the order first met.
std::vector<std::string> ordered_names(std::vector<std::string> first_met) {
    if (std::all_of(first_met.begin(), first_met.end(), is_integer)) {
        std::stable_sort(first_met.begin(), first_met.end(), [](const std::string& a, const std::string& b) {
            return std::stoll(a) < std::stoll(b);
        });
    }
    return first_met;
}

json file_json(const io::FileInfo& file) {
    json out = json::object();
    if (file.is_file) {
        out["size_bytes"] = file.size_bytes;
        out["sha256"] = file.sha256;
    }
    return out;
}

// Per area, the name of its locality ("" = none), from the assignment table.
std::vector<std::string> names_from_assignment(const io::SourceSpec& assignment,
                                               const std::string& area_field,
                                               const std::string& locality_field, const std::string& role,
                                               const OverlayData& data, GivenLocalities& given) {
    const io::TextColumns table = io::read_text_columns(assignment, {area_field, locality_field}, role);
    std::map<std::string, std::size_t> area_index;
    for (std::size_t z = 0; z < data.areas.ids.size(); ++z) {
        area_index.emplace(data.areas.ids[z], z);
    }
    std::vector<std::string> name_of(data.areas.ids.size());
    std::vector<std::int64_t> row_of(data.areas.ids.size(), -1);
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const std::string& id = table.rows[i][0];
        const std::string& name = table.rows[i][1];
        const auto it = area_index.find(id);
        if (it == area_index.end()) {
            given.unknown_area_ids.push_back(id);
            continue;
        }
        const std::size_t z = it->second;
        if (!name_of[z].empty() && name_of[z] != name && !name.empty()) {
            throw InputError(
                fmt::format("{} '{}': area '{}' is given locality '{}' in feature {} and '{}' in feature "
                            "{}; keep one row per area",
                            role, table.label, id, name_of[z], row_of[z], name, table.fids[i]));
        }
        if (!name.empty()) {
            name_of[z] = name;
            row_of[z] = table.fids[i];
        }
    }
    json source{{"kind", "assignment"}, {"source", table.label}};
    source.update(file_json(io::describe_source(assignment)));
    source["area_field"] = area_field;
    source["locality_field"] = locality_field;
    source["rows"] = table.rows.size();
    given.source = source;
    return name_of;
}

// Per area, the id of the polygon covering most of it ("" = none), from --localities.
// The service layer read from the same source as --localities (with the same id field), or null.
const ServiceLayer* same_service_layer(const StageOptions& config, const io::SourceSpec& source,
                                       const std::string& id_field, const OverlayData& data) {
    for (const io::TaggedSource& tagged : config.service_areas) {
        if (tagged.source.path != source.path || tagged.source.layer != source.layer) {
            continue;
        }
        for (const ServiceLayer& service : data.service_layers) {
            if (service.name == tagged.tag && (id_field.empty() || id_field == service.layer.id_field)) {
                return &service;
            }
        }
    }
    return nullptr;
}

// --localities read and overlaid, or taken from the service layer of the same source (today's
// boundaries scored beside a proposal are read and overlaid once).
Containers locality_polygons(const StageOptions& config, const io::SourceSpec& source,
                             const std::string& id_field, const std::string& role, OverlayData& data) {
    const ServiceLayer* service = same_service_layer(config, source, id_field, data);
    if (service == nullptr) {
        return assign_to_polygons(source, id_field, role, data);
    }
    Containers out;
    out.file = service->file;
    out.label = service->layer.label;
    out.id_field = service->layer.id_field;
    out.repaired_ids = service->repaired_ids;
    assign_by_shares(service->layer.ids, service->shares, out);
    return out;
}

std::vector<std::string> names_from_polygons(const StageOptions& config, const io::SourceSpec& polygon_source,
                                             const std::string& id_field, const std::string& role,
                                             OverlayData& data, GivenLocalities& given,
                                             bool majority = false) {
    const Containers polygons = locality_polygons(config, polygon_source, id_field, role, data);
    std::vector<std::string> name_of(data.areas.ids.size());
    std::vector<bool> used(polygons.ids.size(), false);
    for (std::size_t z = 0; z < name_of.size(); ++z) {
        if (polygons.container_of[z] >= 0 && (!majority || polygons.container_share[z] > 0.5)) {
            name_of[z] = polygons.ids[static_cast<std::size_t>(polygons.container_of[z])];
            used[static_cast<std::size_t>(polygons.container_of[z])] = true;
        }
    }
    for (std::size_t c = 0; c < used.size(); ++c) {
        if (!used[c]) {
            given.empty_localities.push_back(polygons.ids[c]);
        }
    }
    json source{{"kind", "localities"}, {"source", polygons.label}};
    source.update(file_json(polygons.file));
    source["id_field"] = polygons.id_field;
    source["rule"] =
        majority ? "each area goes to the polygon covering more than half of it (rows with the same id "
                   "form one polygon); areas no polygon covers that much are in none"
                 : "each area goes to the polygon covering the largest share of it (rows with the same id "
                   "form one locality; ties to the first read)";
    source["repaired_ids"] = polygons.repaired_ids;
    given.source = source;
    return name_of;
}

// Numbers the localities named per area (`name_of`, "" = none): names, region_of, left_out.
void number_localities(const std::vector<std::string>& name_of, const OverlayData& data,
                       GivenLocalities& given) {
    std::vector<std::string> first_met;
    std::map<std::string, int> seen;
    for (const std::string& name : name_of) {
        if (!name.empty() && seen.emplace(name, 0).second) {
            first_met.push_back(name);
        }
    }
    given.names = ordered_names(first_met);
    std::map<std::string, int> number;
    for (const std::string& name : given.names) {
        number.emplace(name, static_cast<int>(number.size()));
    }
    given.result.region_of.assign(name_of.size(), 0);
    for (std::size_t z = 0; z < name_of.size(); ++z) {
        if (name_of[z].empty()) {
            given.left_out.push_back(data.areas.ids[z]);
            given.result.region_of[z] = static_cast<int>(given.names.size());
        } else {
            given.result.region_of[z] = number.at(name_of[z]);
        }
    }
    given.result.region_count = static_cast<int>(given.names.size());
}

}  // namespace

GivenLocalities read_assignment_localities(const io::SourceSpec& source, const std::string& area_field,
                                           const std::string& locality_field, const std::string& role,
                                           const OverlayData& data) {
    GivenLocalities given;
    number_localities(names_from_assignment(source, area_field, locality_field, role, data, given), data,
                      given);
    return given;
}

GivenLocalities read_polygon_localities(const StageOptions& config, const io::SourceSpec& source,
                                        const std::string& id_field, const std::string& role,
                                        OverlayData& data, bool majority) {
    GivenLocalities given;
    number_localities(names_from_polygons(config, source, id_field, role, data, given, majority), data,
                      given);
    return given;
}

GivenLocalities read_given_localities(const StageOptions& config, OverlayData& data,
                                      const std::string& plan_role) {
    GivenLocalities given;
    const bool polygons = !config.localities.path.empty();
    // evaluate names its option; compare names the plan, given without one.
    const std::string role = !plan_role.empty() ? plan_role
                             : polygons         ? "localities (--localities)"
                                                : "assignment (--assignment)";
    const std::vector<std::string> name_of =
        polygons ? names_from_polygons(config, config.localities, config.locality_id_field, role, data, given)
                 : names_from_assignment(config.assignment, config.assignment_area_field,
                                         config.locality_field, role, data, given);
    if (std::all_of(name_of.begin(), name_of.end(), [](const std::string& name) { return name.empty(); })) {
        throw InputError(
            fmt::format("{} '{}': no small area of '{}' is assigned to a locality; check the area ids "
                        "(--assignment-area-field) or the polygons' extent",
                        !plan_role.empty() ? plan_role
                        : polygons         ? "--localities"
                                           : "--assignment",
                        given.source["source"].get<std::string>(), data.areas.label));
    }
    number_localities(name_of, data, given);
    if (!given.left_out.empty()) {
        given.names.emplace_back(k_left_out_name);
        data.warnings.push_back(
            fmt::format("evaluate: {} small area(s) in no given locality, gathered in locality {} "
                        "'{}': {}",
                        given.left_out.size(), given.names.size(), k_left_out_name, listed(given.left_out)));
    }
    if (!given.unknown_area_ids.empty()) {
        data.warnings.push_back(fmt::format("evaluate: {} assignment row(s) name no small area of '{}': {}{}",
                                            given.unknown_area_ids.size(), data.areas.label,
                                            listed(given.unknown_area_ids),
                                            lost_zeros_hint(given.unknown_area_ids, data.areas.ids)));
    }
    if (!given.empty_localities.empty()) {
        data.warnings.push_back(fmt::format("evaluate: {} locality polygon(s) hold no small area: {}",
                                            given.empty_localities.size(), listed(given.empty_localities)));
    }
    given.result.region_count = static_cast<int>(given.names.size());
    return given;
}

graph::ContiguityGraph contiguity_of_all_areas(const Partition& partition, std::size_t areas) {
    std::vector<std::pair<ZoneId, ZoneId>> edges;
    for (const ZoneGroup& group : partition.groups) {
        for (const auto& [a, b] : group.graph.edges()) {
            edges.emplace_back(group.zones[a], group.zones[b]);
        }
    }
    for (const graph::Bridge& bridge : partition.bridges) {
        edges.emplace_back(bridge.from, bridge.to);
    }
    return graph::ContiguityGraph(areas, edges);
}

json check_given_localities(const StageOptions& config, const GivenLocalities& given,
                            const std::vector<BoundRequest>& requests, const graph::ContiguityGraph& graph) {
    // The areas left out are reported as such, not as a locality of their own.
    const std::size_t count = given.names.size() - (given.left_out.empty() ? 0 : 1);
    std::vector<std::vector<ZoneId>> members(given.names.size());
    for (std::size_t z = 0; z < given.result.region_of.size(); ++z) {
        members[static_cast<std::size_t>(given.result.region_of[z])].push_back(static_cast<ZoneId>(z));
    }
    json contiguity = json::array();
    for (std::size_t l = 0; l < count; ++l) {
        if (graph::is_connected_subset(graph, members[l])) {
            continue;
        }
        // Its parts: components of the subgraph the locality's areas induce.
        std::vector<std::pair<ZoneId, ZoneId>> edges;
        std::map<ZoneId, ZoneId> local;
        for (const ZoneId z : members[l]) {
            local.emplace(z, static_cast<ZoneId>(local.size()));
        }
        for (const ZoneId z : members[l]) {
            for (const ZoneId* n = graph.begin(z); n != graph.end(z); ++n) {
                const auto it = local.find(*n);
                if (it != local.end()) {
                    edges.emplace_back(local.at(z), it->second);
                }
            }
        }
        const graph::Components parts =
            graph::connected_components(graph::ContiguityGraph(members[l].size(), edges));
        contiguity.push_back({{"locality", l + 1}, {"name", given.names[l]}, {"parts", parts.count}});
    }
    json bounds = json::array();
    for (const BoundRequest& request : requests) {
        const bool counts_cases = request.name.rfind("cases_", 0) == 0;
        for (std::size_t l = 0; l < count; ++l) {
            double total = 0.0;
            for (const ZoneId z : members[l]) {
                total += request.values[z];
            }
            const bool below = total < request.min;
            const bool above = total > request.max;
            if (!below && !above) {
                continue;
            }
            // A small case count is withheld, and so is the shortfall that would give it away.
            const bool withheld =
                counts_cases && total > 0.0 && total < static_cast<double>(config.suppress_below);
            const double by = below ? request.min - total : total - request.max;
            bounds.push_back({{"locality", l + 1},
                              {"name", given.names[l]},
                              {"option", request.option},
                              {"field", request.name},
                              {"breach", below ? "below min" : "above max"},
                              {"total", withheld ? json() : json(round_to(total, 3))},
                              {"by", withheld ? json() : json(round_to(by, 3))}});
        }
    }
    json out;
    out["met"] = contiguity.empty() && bounds.empty() && given.left_out.empty();
    out["rule"] =
        "checked, not enforced: contiguity as propose sees it (bridges included), every --min/--max "
        "bound, every area in a given locality";
    out["not_contiguous"] = contiguity;
    out["bounds_breached"] = bounds;
    out["areas_left_out"] = given.left_out;
    return out;
}

}  // namespace locality::pipeline
