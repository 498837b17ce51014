// SPDX-License-Identifier: MIT
#include "disruption_term.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "fixed_k.hpp"
#include "locality/core/error.hpp"
#include "max_p.hpp"

namespace locality::regionalize {

double KeptAgency::total() const {
    double sum = 0.0;
    for (const auto& entry : entries) sum += entry.second;
    return sum;
}

KeptAgency restrict_to(const KeptAgency& agency, const std::vector<ZoneId>& members) {
    KeptAgency out;
    out.name = agency.name;
    out.weight = agency.weight;
    out.teams = agency.teams;
    out.first.reserve(members.size() + 1);
    out.first.push_back(0);
    for (const ZoneId z : members) {
        const std::size_t zi = static_cast<std::size_t>(z);
        out.entries.insert(out.entries.end(),
                           agency.entries.begin() + static_cast<std::ptrdiff_t>(agency.first[zi]),
                           agency.entries.begin() + static_cast<std::ptrdiff_t>(agency.first[zi + 1]));
        out.first.push_back(out.entries.size());
    }
    return out;
}

double cases_moved_share(const KeptAgency& agency, const std::vector<RegionId>& region_of, int region_count) {
    const std::size_t teams = static_cast<std::size_t>(agency.teams);
    std::vector<double> cases(static_cast<std::size_t>(region_count) * teams, 0.0);
    for (std::size_t z = 0; z < agency.zone_count(); ++z) {
        for (std::size_t e = agency.first[z]; e < agency.first[z + 1]; ++e) {
            cases[static_cast<std::size_t>(region_of[z]) * teams +
                  static_cast<std::size_t>(agency.entries[e].first)] += agency.entries[e].second;
        }
    }
    const double total = agency.total();
    if (!(total > 0.0)) return 0.0;
    double kept = 0.0;
    for (std::size_t r = 0; r < static_cast<std::size_t>(region_count); ++r) {
        const auto row = cases.begin() + static_cast<std::ptrdiff_t>(r * teams);
        if (teams > 0) kept += *std::max_element(row, row + static_cast<std::ptrdiff_t>(teams));
    }
    return 1.0 - kept / total;
}

DisruptionReference disruption_reference(const Problem& problem, const SolveOptions& options) {
    if (problem.kept.empty()) return {};
    // The constructions know nothing of the terms: the first start's is the same with or without them.
    Problem blind = problem;
    blind.kept.clear();
    const Regionalization first = problem.k > 0 ? detail::first_construction_fixed_k(blind, options)
                                                : detail::first_construction_max_p(blind, options);
    if (first.region_count <= 0) return {};
    return detail::measure_disruption_reference(problem, first.region_of, first.region_count);
}

}  // namespace locality::regionalize

namespace locality::regionalize::detail {

void check_kept(const Problem& problem) {
    const std::size_t n = problem.graph->zone_count();
    for (const KeptAgency& agency : problem.kept) {
        if (!(agency.weight > 0.0) || !std::isfinite(agency.weight)) {
            throw UsageError("the weight of keeping close to '" + agency.name +
                             "' must be a finite number > 0");
        }
        if (agency.first.size() != n + 1 || agency.first.front() != 0 ||
            agency.first.back() != agency.entries.size() ||
            !std::is_sorted(agency.first.begin(), agency.first.end())) {
            throw Error("the case table of '" + agency.name +
                        "' does not match the areas (one row per area)");
        }
        for (std::size_t z = 0; z < n; ++z) {
            for (std::size_t e = agency.first[z]; e < agency.first[z + 1]; ++e) {
                // Plain names, not a structured binding: clang 14 refuses to capture one in a lambda.
                const auto team = agency.entries[e].first;
                const auto cases = agency.entries[e].second;
                const bool repeated =
                    std::any_of(agency.entries.begin() + static_cast<std::ptrdiff_t>(agency.first[z]),
                                agency.entries.begin() + static_cast<std::ptrdiff_t>(e),
                                [&](const auto& other) { return other.first == team; });
                if (team < 0 || team >= agency.teams || !(cases >= 0.0) || !std::isfinite(cases) ||
                    repeated) {
                    throw Error("the case table of '" + agency.name + "' has a bad entry for area " +
                                std::to_string(z) + " (one team in range and cases >= 0 each)");
                }
            }
        }
    }
}

DisruptionReference measure_disruption_reference(const Problem& problem,
                                                 const std::vector<RegionId>& region_of, int region_count) {
    DisruptionReference ref;
    if (problem.kept.empty() || region_count <= 0) return ref;
    const std::size_t n = region_of.size();
    const double tss = within_sum_of_squares(*problem.attributes, std::vector<RegionId>(n, 0), 1);
    const double wss = within_sum_of_squares(*problem.attributes, region_of, region_count);
    ref.explained = tss > 0.0 ? std::clamp(1.0 - wss / tss, 0.0, 1.0) : 1.0;  // no variance: the terms decide
    for (const KeptAgency& agency : problem.kept)
        ref.moved.push_back(cases_moved_share(agency, region_of, region_count));
    return ref;
}

DisruptionTerm::DisruptionTerm(const Problem& problem, const std::vector<RegionId>& region_of,
                               int region_count, double tss) {
    const DisruptionReference& ref = problem.disruption_reference;
    if (!ref.set() || ref.moved.size() != problem.kept.size()) {
        throw Error("the disruption term has no reference partition (regionalize::disruption_reference)");
    }
    const std::size_t k = static_cast<std::size_t>(region_count);
    for (std::size_t a = 0; a < problem.kept.size(); ++a) {
        const KeptAgency& data = problem.kept[a];
        Agency agency;
        agency.data = &data;
        agency.total = data.total();
        // D0 = 0 (the reference already keeps every case): the share itself is the unit.
        const double unit = ref.moved[a] > 0.0 ? ref.moved[a] : 1.0;
        agency.scale = agency.total > 0.0 ? data.weight * tss * ref.explained / (unit * agency.total) : 0.0;
        const std::size_t cells = k * static_cast<std::size_t>(data.teams);
        agency.sums.assign(cells, 0.0);
        agency.zones.assign(cells, 0);
        agency.position.assign(cells, -1);
        agency.present.resize(k);
        agency.max.assign(k, 0.0);
        agency.max_team.assign(k, -1);
        for (std::size_t z = 0; z < data.zone_count(); ++z) {
            for (std::size_t e = data.first[z]; e < data.first[z + 1]; ++e) {
                add(agency, static_cast<std::size_t>(region_of[z]), data.entries[e].first,
                    data.entries[e].second, 1);
            }
        }
        for (std::size_t r = 0; r < k; ++r) {
            refresh_max(agency, r);
            agency.kept += agency.max[r];
        }
        m_agencies.push_back(std::move(agency));
    }
}

void DisruptionTerm::add(Agency& agency, std::size_t region, int team, double cases, int zones) {
    const std::size_t cell =
        region * static_cast<std::size_t>(agency.data->teams) + static_cast<std::size_t>(team);
    agency.sums[cell] += cases;
    const int before = agency.zones[cell];
    agency.zones[cell] += zones;
    std::vector<int>& present = agency.present[region];
    if (before == 0 && agency.zones[cell] > 0) {
        agency.position[cell] = static_cast<int>(present.size());
        present.push_back(team);
    } else if (before > 0 && agency.zones[cell] == 0) {
        // Swap with the last present team; counted zones, not sums, so no rounding decides it.
        const int last = present.back();
        const std::size_t pos = static_cast<std::size_t>(agency.position[cell]);
        present[pos] = last;
        agency.position[region * static_cast<std::size_t>(agency.data->teams) +
                        static_cast<std::size_t>(last)] = static_cast<int>(pos);
        present.pop_back();
        agency.position[cell] = -1;
        agency.sums[cell] = 0.0;  // no drift left behind in an emptied cell
    }
}

void DisruptionTerm::refresh_max(Agency& agency, std::size_t region) {
    const std::size_t base = region * static_cast<std::size_t>(agency.data->teams);
    agency.max[region] = 0.0;
    agency.max_team[region] = -1;
    for (const int team : agency.present[region]) {
        const double v = agency.sums[base + static_cast<std::size_t>(team)];
        if (agency.max_team[region] < 0 || v > agency.max[region]) {
            agency.max[region] = v;
            agency.max_team[region] = team;
        }
    }
}

double DisruptionTerm::max_without(const Agency& agency, std::size_t region, ZoneId z) {
    const KeptAgency& data = *agency.data;
    const std::size_t zi = static_cast<std::size_t>(z);
    const auto begin = data.entries.begin() + static_cast<std::ptrdiff_t>(data.first[zi]);
    const auto end = data.entries.begin() + static_cast<std::ptrdiff_t>(data.first[zi + 1]);
    const int top = agency.max_team[region];
    if (std::none_of(begin, end, [&](const auto& entry) { return entry.first == top; })) {
        return agency.max[region];  // the largest team keeps its cases; the others only lose theirs
    }
    const std::size_t base = region * static_cast<std::size_t>(data.teams);
    double best = 0.0;
    for (const int team : agency.present[region]) {
        double v = agency.sums[base + static_cast<std::size_t>(team)];
        for (auto it = begin; it != end; ++it) {
            if (it->first == team) v -= it->second;
        }
        best = std::max(best, v);
    }
    return best;
}

double DisruptionTerm::cost() const noexcept {
    double sum = 0.0;
    for (const Agency& agency : m_agencies) sum += agency.scale * (agency.total - agency.kept);
    return sum;
}

double DisruptionTerm::delta(ZoneId z, RegionId from, RegionId to) const {
    const std::size_t zi = static_cast<std::size_t>(z);
    const std::size_t a = static_cast<std::size_t>(from);
    const std::size_t b = static_cast<std::size_t>(to);
    double sum = 0.0;
    for (const Agency& agency : m_agencies) {
        const KeptAgency& data = *agency.data;
        if (agency.scale == 0.0 || data.first[zi] == data.first[zi + 1]) continue;
        double max_to = agency.max[b];
        const std::size_t base = b * static_cast<std::size_t>(data.teams);
        for (std::size_t e = data.first[zi]; e < data.first[zi + 1]; ++e) {
            const auto& [team, cases] = data.entries[e];
            max_to = std::max(max_to, agency.sums[base + static_cast<std::size_t>(team)] + cases);
        }
        const double gained = max_to - agency.max[b] + max_without(agency, a, z) - agency.max[a];
        sum -= agency.scale * gained;  // cases kept with their team are cases not moved
    }
    return sum;
}

void DisruptionTerm::move(ZoneId z, RegionId from, RegionId to) {
    const std::size_t zi = static_cast<std::size_t>(z);
    const std::size_t a = static_cast<std::size_t>(from);
    const std::size_t b = static_cast<std::size_t>(to);
    for (Agency& agency : m_agencies) {
        const KeptAgency& data = *agency.data;
        if (data.first[zi] == data.first[zi + 1]) continue;
        const bool top_loses =
            std::any_of(data.entries.begin() + static_cast<std::ptrdiff_t>(data.first[zi]),
                        data.entries.begin() + static_cast<std::ptrdiff_t>(data.first[zi + 1]),
                        [&](const auto& entry) { return entry.first == agency.max_team[a]; });
        agency.kept -= agency.max[a] + agency.max[b];
        for (std::size_t e = data.first[zi]; e < data.first[zi + 1]; ++e) {
            const auto& [team, cases] = data.entries[e];
            add(agency, a, team, -cases, -1);
            add(agency, b, team, cases, 1);
            const double v =
                agency.sums[b * static_cast<std::size_t>(data.teams) + static_cast<std::size_t>(team)];
            if (agency.max_team[b] < 0 || v > agency.max[b]) {
                agency.max[b] = v;
                agency.max_team[b] = team;
            }
        }
        if (top_loses) refresh_max(agency, a);
        agency.kept += agency.max[a] + agency.max[b];
    }
}

double DisruptionTerm::moved_share(std::size_t a) const {
    const Agency& agency = m_agencies[a];
    return agency.total > 0.0 ? 1.0 - agency.kept / agency.total : 0.0;
}

}  // namespace locality::regionalize::detail
