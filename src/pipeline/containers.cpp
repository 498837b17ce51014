// SPDX-License-Identifier: MIT
#include "containers.hpp"

#include <fmt/format.h>

#include <map>

#include "locality/core/error.hpp"

namespace locality::pipeline {

std::string listed(const std::vector<std::string>& names, bool quoted) {
    constexpr std::size_t k_listed = 10;
    const std::string quote = quoted ? "'" : "";
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < k_listed; ++i) {
        out += (i == 0 ? "" : ", ") + quote + names[i] + quote;
    }
    if (names.size() > k_listed) {
        out += fmt::format(" and {} more", names.size() - k_listed);
    }
    return out;
}

void assign_by_shares(const std::vector<std::string>& row_ids, const std::vector<overlay::AreaShares>& shares,
                      Containers& out) {
    // Several rows may share an id (a multi-part container stored as parts): one container each.
    std::map<std::string, int> index_of;
    std::vector<int> container_of_row;
    for (const std::string& id : row_ids) {
        const auto [it, added] = index_of.emplace(id, static_cast<int>(out.ids.size()));
        if (added) {
            out.ids.push_back(id);
        }
        container_of_row.push_back(it->second);
    }
    // The shares of one container's parts add up: the area goes to the container, not to its largest part.
    out.container_of.assign(shares.size(), -1);
    out.container_share.assign(shares.size(), 0.0);
    for (std::size_t z = 0; z < shares.size(); ++z) {
        std::vector<double> by_container(out.ids.size(), 0.0);
        double best = 0.0;
        for (const overlay::ServiceShare& share : shares[z].shares) {
            const int c = container_of_row[share.service_area];
            by_container[static_cast<std::size_t>(c)] += share.share;
            if (by_container[static_cast<std::size_t>(c)] > best ||
                (by_container[static_cast<std::size_t>(c)] == best && c < out.container_of[z])) {
                best = by_container[static_cast<std::size_t>(c)];
                out.container_of[z] = c;
            }
        }
        out.container_share[z] = best;
    }
}

Containers assign_to_polygons(const io::SourceSpec& source, const std::string& id_field,
                              const std::string& role, OverlayData& data) {
    Containers out;
    out.file = io::describe_source(source);
    io::PolygonLayer layer = io::read_polygon_layer({source, id_field, "", role, false});
    out.label = layer.label;
    out.id_field = layer.id_field;
    if (!layer.crs.is_defined()) {
        throw InputError(
            fmt::format("{} '{}' has no CRS; give the file a CRS (e.g. a .prj) or reproject it with "
                        "ogr2ogr -a_srs",
                        role, layer.label));
    }
    io::reproject(layer, data.working);
    std::vector<std::string> dropped;
    repair_layer(layer, out.repaired_ids, dropped, role, data.warnings);

    assign_by_shares(layer.ids, overlay::compute_area_shares(data.areas.geometries, layer.geometries), out);
    return out;
}

Containers assign_containers(const StageOptions& config, OverlayData& data) {
    const std::string role = "containers (--within)";
    Containers out = assign_to_polygons(config.within, config.within_id_field, role, data);
    std::vector<std::string> outside;
    for (std::size_t z = 0; z < out.container_of.size(); ++z) {
        if (out.container_of[z] < 0) {
            outside.push_back(data.areas.ids[z]);
        }
    }
    if (!outside.empty()) {
        throw InputError(
            fmt::format("{} '{}': {} small area(s) lie outside every container: {}; extend the "
                        "containers or leave those areas out of --areas",
                        role, out.label, outside.size(), listed(outside)));
    }
    return out;
}

}  // namespace locality::pipeline
