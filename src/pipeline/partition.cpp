// SPDX-License-Identifier: MIT
#include "partition.hpp"

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <numeric>

#include "containers.hpp"
#include "locality/core/error.hpp"
#include "locality/regionalize/amount_format.hpp"

namespace locality::pipeline {

namespace {

/** The areas of each container, ascending; one list of every area without containers. */
std::vector<std::vector<ZoneId>> zones_by_container(const std::vector<int>& container_of, std::size_t zones) {
    if (container_of.empty()) {
        std::vector<ZoneId> all(zones);
        std::iota(all.begin(), all.end(), ZoneId{0});
        return {all};
    }
    const int count = *std::max_element(container_of.begin(), container_of.end()) + 1;
    std::vector<std::vector<ZoneId>> out(static_cast<std::size_t>(count));
    for (std::size_t z = 0; z < zones; ++z) {
        out[static_cast<std::size_t>(container_of[z])].push_back(static_cast<ZoneId>(z));
    }
    return out;
}

/** The graph `geometric` induces on `zones` (ascending), over local indices. */
graph::ContiguityGraph induced(const graph::ContiguityGraph& geometric, const std::vector<ZoneId>& zones) {
    std::vector<std::pair<ZoneId, ZoneId>> edges;
    for (std::size_t i = 0; i < zones.size(); ++i) {
        for (const ZoneId* n = geometric.begin(zones[i]); n != geometric.end(zones[i]); ++n) {
            const auto it = std::lower_bound(zones.begin(), zones.end(), *n);
            if (it != zones.end() && *it == *n && *n > zones[i]) {
                edges.emplace_back(static_cast<ZoneId>(i), static_cast<ZoneId>(it - zones.begin()));
            }
        }
    }
    return graph::ContiguityGraph(zones.size(), edges);
}

std::vector<geom::Wkb> subset(const std::vector<geom::Wkb>& areas, const std::vector<ZoneId>& zones) {
    std::vector<geom::Wkb> out;
    out.reserve(zones.size());
    for (const ZoneId z : zones) {
        out.push_back(areas[z]);
    }
    return out;
}

/** Adds one group per landmass of `local` (more than one). */
void split_landmasses(const ZoneGroup& whole, const graph::Components& parts,
                      std::vector<ZoneGroup>& groups) {
    std::vector<ZoneGroup> pieces(static_cast<std::size_t>(parts.count));
    for (std::size_t i = 0; i < whole.zones.size(); ++i) {
        pieces[static_cast<std::size_t>(parts.component[i])].zones.push_back(whole.zones[i]);
    }
    for (std::size_t c = 0; c < pieces.size(); ++c) {
        pieces[c].container = whole.container;
        pieces[c].landmass = static_cast<int>(c) + 1;
        pieces[c].graph = induced(whole.graph, [&] {
            // local indices of the piece within the whole group
            std::vector<ZoneId> local;
            for (std::size_t i = 0; i < whole.zones.size(); ++i) {
                if (parts.component[i] == static_cast<int>(c)) {
                    local.push_back(static_cast<ZoneId>(i));
                }
            }
            return local;
        }());
        groups.push_back(std::move(pieces[c]));
    }
}

/** Areas off the largest landmass of a group (ties: the one with the lowest area is kept). */
void collect_islands(const ZoneGroup& group, const graph::Components& parts,
                     const std::vector<std::string>& area_ids, std::vector<std::string>& islands) {
    const std::vector<std::size_t> sizes = parts.sizes();
    const auto main = static_cast<int>(std::max_element(sizes.begin(), sizes.end()) - sizes.begin());
    for (std::size_t i = 0; i < group.zones.size(); ++i) {
        if (parts.component[i] != main) {
            islands.push_back(area_ids[group.zones[i]]);
        }
    }
}

}  // namespace

std::string group_label(const ZoneGroup& group, const std::vector<std::string>& container_ids,
                        const std::vector<std::string>& area_ids) {
    std::string label =
        group.container >= 0
            ? fmt::format("container '{}'", container_ids[static_cast<std::size_t>(group.container)])
            : std::string("the areas");
    if (group.landmass > 0) {
        label = fmt::format(
            "landmass {} of {} (area '{}'{})", group.landmass, label, area_ids[group.zones.front()],
            group.zones.size() > 1 ? fmt::format(" and {} more", group.zones.size() - 1) : "");
    }
    return label;
}

Partition partition_areas(const graph::ContiguityGraph& geometric, const std::vector<geom::Wkb>& areas,
                          const std::vector<int>& container_of, IslandPolicy policy,
                          const std::vector<std::string>& area_ids) {
    Partition out;
    out.geometric_edges = geometric.edge_count();
    out.components = graph::connected_components(geometric);
    std::vector<std::string> islands;
    const std::vector<std::vector<ZoneId>> by_container = zones_by_container(container_of, areas.size());
    for (std::size_t c = 0; c < by_container.size(); ++c) {
        ZoneGroup group;
        group.container = container_of.empty() ? -1 : static_cast<int>(c);
        group.zones = by_container[c];
        if (group.zones.empty()) {
            continue;  // a container that no area falls in mostly: nothing to solve
        }
        group.graph = induced(geometric, group.zones);
        const graph::Components parts = graph::connected_components(group.graph);
        if (parts.count <= 1) {
            out.groups.push_back(std::move(group));
        } else if (policy == IslandPolicy::own) {
            split_landmasses(group, parts, out.groups);
        } else if (policy == IslandPolicy::error) {
            collect_islands(group, parts, area_ids, islands);
        } else {
            const std::vector<graph::Bridge> local =
                graph::bridge_components(group.graph, subset(areas, group.zones));
            std::vector<std::pair<ZoneId, ZoneId>> extra;
            for (const graph::Bridge& bridge : local) {
                extra.emplace_back(bridge.from, bridge.to);
                out.bridges.push_back({group.zones[bridge.from], group.zones[bridge.to], bridge.distance});
            }
            group.graph = group.graph.with_edges(extra);
            out.groups.push_back(std::move(group));
        }
    }
    if (!islands.empty()) {
        throw InputError(
            fmt::format("--islands error: {} area(s) lie apart from the main landmass{}: {}; use "
                        "--islands bridge or --islands own",
                        islands.size(), container_of.empty() ? "" : " of their container", listed(islands)));
    }
    return out;
}

void attach_shapes(std::vector<ZoneGroup>& groups, const graph::ContiguityGraph& geometric,
                   const graph::ZoneShapes& whole) {
    const ZoneId* first = geometric.zone_count() > 0 ? geometric.begin(0) : nullptr;
    for (ZoneGroup& group : groups) {
        graph::ZoneShapes& local = group.shapes;
        local = graph::ZoneShapes{};
        const ZoneId* local_first = group.zones.empty() ? nullptr : group.graph.begin(0);
        local.shared.assign(2 * group.graph.edge_count(), 0.0);
        for (std::size_t i = 0; i < group.zones.size(); ++i) {
            const ZoneId z = group.zones[i];
            local.area.push_back(whole.area[z]);
            local.perimeter.push_back(whole.perimeter[z]);
            const auto li = static_cast<ZoneId>(i);
            for (const ZoneId* n = group.graph.begin(li); n != group.graph.end(li); ++n) {
                const ZoneId other = group.zones[static_cast<std::size_t>(*n)];
                const ZoneId* hit = std::lower_bound(geometric.begin(z), geometric.end(z), other);
                if (hit != geometric.end(z) && *hit == other) {  // else a bridge: no shared border
                    local.shared[static_cast<std::size_t>(n - local_first)] =
                        whole.shared[static_cast<std::size_t>(hit - first)];
                }
            }
        }
    }
}

void apportion_k(std::vector<ZoneGroup>& groups, int k, const std::vector<double>& weights,
                 const std::string& groups_named, const std::vector<int>& least,
                 const std::vector<int>& most) {
    const std::size_t n = groups.size();
    // At least one locality each, and one per locality pinned inside the group (--fixed).
    std::vector<int> floor_of(n, 1);
    std::vector<int> cap_of(n);
    for (std::size_t g = 0; g < n; ++g) {
        floor_of[g] = g < least.size() ? std::max(1, least[g]) : 1;
        cap_of[g] = static_cast<int>(groups[g].zones.size());
        if (g < most.size()) {
            cap_of[g] = std::max(floor_of[g], std::min(cap_of[g], most[g]));
        }
    }
    const auto needed = static_cast<std::size_t>(std::accumulate(floor_of.begin(), floor_of.end(), 0));
    if (static_cast<std::size_t>(k) < n) {
        throw InfeasibleError(
            fmt::format("--k {} is below the {} {} (each holds at least one locality; short by "
                        "{}); raise --k to {} or more, or leave --k out for max-p",
                        k, n, groups_named, n - static_cast<std::size_t>(k), n));
    }
    if (static_cast<std::size_t>(k) < needed) {
        throw InfeasibleError(
            fmt::format("--k {} is below the {} localities the {} {} need (one each, and one per locality "
                        "--fixed pins inside them; short by {}); raise --k to {} or more, or pin fewer",
                        k, needed, n, groups_named, needed - static_cast<std::size_t>(k), needed));
    }
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<double> quota(n);
    int given = 0;
    for (std::size_t g = 0; g < n; ++g) {
        quota[g] = total > 0.0 ? k * weights[g] / total : static_cast<double>(k) / static_cast<double>(n);
        groups[g].k = std::min(cap_of[g], std::max(floor_of[g], static_cast<int>(std::floor(quota[g]))));
        given += groups[g].k;
    }
    // Hand out (or take back) one at a time by remainder; ties go to the earlier group.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return quota[a] - groups[a].k > quota[b] - groups[b].k;
    });
    // Each loop ends after a whole round that changes nothing (every group at its cap or floor).
    for (std::size_t i = 0, idle = 0; given < k && idle < n; ++i) {
        ZoneGroup& group = groups[order[i % n]];
        idle = group.k < cap_of[order[i % n]] ? 0 : idle + 1;
        if (idle == 0) {
            ++group.k;
            ++given;
        }
    }
    for (std::size_t i = 0, idle = 0; given > k && idle < n; ++i) {
        const std::size_t g = order[n - 1 - i % n];
        idle = groups[g].k > floor_of[g] ? 0 : idle + 1;
        if (idle == 0) {
            --groups[g].k;
            --given;
        }
    }
    if (given != k) {
        throw InfeasibleError(
            fmt::format("--k {} exceeds the {} areas of the {} (by {}); lower --k", k,
                        std::accumulate(groups.begin(), groups.end(), std::size_t{0},
                                        [](std::size_t s, const ZoneGroup& g) { return s + g.zones.size(); }),
                        groups_named, k - given));
    }
}

namespace {

using regionalize::detail::format_amount;

double group_total(const BoundRequest& request, const ZoneGroup& group) {
    double total = 0.0;
    for (const ZoneId z : group.zones) {
        total += request.values[z];
    }
    return total;
}

/**
 * "container 'W': 2,700 population, room for 2 under --min-population 950; ...": each group's limit
 * and the option it comes from (`by[g]`; none: the group's count of areas).
 */
std::string limits_text(const std::vector<ZoneGroup>& groups, const std::vector<std::string>& labels,
                        const std::vector<int>& count, const std::vector<const BoundRequest*>& by,
                        const char* what) {
    std::string out;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const BoundRequest* request = by[g];
        out += (out.empty() ? "" : "; ") +
               (request == nullptr
                    ? fmt::format("{}: {} area(s), {} {}", labels[g], groups[g].zones.size(), what, count[g])
                    : fmt::format("{}: {} {}, {} {} under {}", labels[g],
                                  format_amount(group_total(*request, groups[g])), request->name, what,
                                  count[g], request->option));
    }
    return out;
}

}  // namespace

GroupLimits group_limits(const std::vector<ZoneGroup>& groups, const std::vector<BoundRequest>& requests,
                         int k, const std::vector<std::string>& labels, const std::vector<int>& pinned,
                         const std::string& groups_named) {
    const std::size_t n = groups.size();
    GroupLimits out;
    out.least.assign(n, 1);
    out.most.resize(n);
    std::vector<const BoundRequest*> least_by(n, nullptr);
    std::vector<const BoundRequest*> most_by(n, nullptr);
    for (std::size_t g = 0; g < n; ++g) {
        out.least[g] = std::max(1, g < pinned.size() ? pinned[g] : 0);
        out.most[g] = static_cast<int>(groups[g].zones.size());
        for (const BoundRequest& request : requests) {
            const double total = group_total(request, groups[g]);
            // A relative epsilon: a total of exactly twice the floor holds 2, whatever the summing order.
            if (request.min > 0.0) {
                const double room = std::floor(total / request.min * (1.0 + 1e-12));
                if (room < out.most[g]) {
                    out.most[g] = static_cast<int>(std::max(0.0, room));
                    most_by[g] = &request;
                }
            }
            if (std::isfinite(request.max) && request.max > 0.0) {
                const double need = std::ceil(total / request.max * (1.0 - 1e-12));
                if (need > out.least[g]) {
                    out.least[g] = static_cast<int>(std::min(need, 1e9));
                    least_by[g] = &request;
                }
            }
        }
    }
    const int most = std::accumulate(out.most.begin(), out.most.end(), 0);
    const int least = std::accumulate(out.least.begin(), out.least.end(), 0);
    if (most < k) {
        throw InfeasibleError(fmt::format(
            "--k {} cannot be shared among the {} {}: their floors leave room for at most {} localities "
            "({}); lower --k to {} or a floor",
            k, n, groups_named, most, limits_text(groups, labels, out.most, most_by, "room for"), most));
    }
    if (least > k) {
        throw InfeasibleError(fmt::format(
            "--k {} cannot be shared among the {} {}: their ceilings need at least {} localities ({}); "
            "raise --k to {} or a ceiling",
            k, n, groups_named, least, limits_text(groups, labels, out.least, least_by, "needing"), least));
    }
    return out;
}

SolvedGroups solve_groups(const std::vector<ZoneGroup>& groups,
                          const regionalize::AttributeMatrix& attributes,
                          const std::vector<BoundRequest>& requests, const regionalize::SolveOptions& options,
                          const std::vector<int>& pinned, double shape_weight,
                          const std::vector<regionalize::KeptAgency>& kept) {
    std::vector<regionalize::Regionalization> results(groups.size());
    std::vector<std::exception_ptr> errors(groups.size());
    tbb::parallel_for(std::size_t{0}, groups.size(), [&](std::size_t g) {
        try {
            const ZoneGroup& group = groups[g];
            regionalize::AttributeMatrix local(group.zones.size(), attributes.cols);
            for (std::size_t i = 0; i < group.zones.size(); ++i) {
                std::copy(attributes.row(group.zones[i]), attributes.row(group.zones[i]) + attributes.cols,
                          local.values.begin() + static_cast<std::ptrdiff_t>(i * attributes.cols));
            }
            regionalize::Problem problem{&group.graph, &local, {}, group.k, {}};
            if (shape_weight > 0.0 && !group.shapes.area.empty()) {
                problem.shapes = &group.shapes;
                problem.shape_weight = shape_weight;
            }
            for (const BoundRequest& request : requests) {
                problem.bounds.push_back(group_bound(request, group.zones, group.k));
            }
            for (const regionalize::KeptAgency& agency : kept) {
                problem.kept.push_back(regionalize::restrict_to(agency, group.zones));
            }
            if (!pinned.empty()) {
                for (const ZoneId z : group.zones)
                    problem.pinned.push_back(pinned[static_cast<std::size_t>(z)]);
            }
            results[g] = regionalize::solve(problem, options);
            // Never write a result that breaks a promise: contiguity, one locality per area, every bound
            // (a best-effort result breaks bounds by definition: the caller lists them).
            if (results[g].bound_violation > 0.0) {
                regionalize::validate_regionalization(group.graph, results[g], {}, 0.0);
            } else {
                regionalize::validate_regionalization(problem, results[g]);
            }
        } catch (...) {
            errors[g] = std::current_exception();
        }
    });
    for (const std::exception_ptr& error : errors) {
        if (error) {
            std::rethrow_exception(error);
        }
    }
    SolvedGroups out;
    const std::size_t zones = attributes.rows;
    out.result.region_of.assign(zones, -1);
    for (std::size_t g = 0; g < groups.size(); ++g) {
        for (std::size_t i = 0; i < groups[g].zones.size(); ++i) {
            out.result.region_of[groups[g].zones[i]] = out.result.region_count + results[g].region_of[i];
        }
        out.result.region_count += results[g].region_count;
        out.group_of_region.insert(out.group_of_region.end(),
                                   static_cast<std::size_t>(results[g].region_count), static_cast<int>(g));
    }
    return out;
}

}  // namespace locality::pipeline
