// SPDX-License-Identifier: MIT
#include "area_disclosure.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "locality/disclosure/linked_tables.hpp"

namespace locality::pipeline {

namespace {

/** The area counts of the study area and each agency's assigned cases, with the partitions given. */
disclosure::LinkedTables linked_tables(const OverlayData& data,
                                       const std::vector<std::vector<RegionId>>& region_of,
                                       const std::vector<ReleasedRun>& released = {}) {
    disclosure::LinkedTables out;
    for (std::size_t z = 0; z < data.areas.ids.size(); ++z) {
        out.counts.emplace_back();
        for (std::size_t a = 0; a < data.agencies.size(); ++a) {
            out.counts.back().push_back(data.counts.at(static_cast<ZoneId>(z), a));
        }
        out.totals.push_back(data.counts.zone_total(static_cast<ZoneId>(z)));
    }
    for (const AgencyTally& agency : data.agencies) {
        out.category_totals.push_back(agency.assigned);
    }
    // Earlier releases after this run's partitions, their patterns locked (decision 0041).
    std::vector<std::vector<RegionId>> partitions = region_of;
    for (const ReleasedRun& run : released) {
        partitions.insert(partitions.end(), run.partitions.begin(), run.partitions.end());
        out.released.insert(out.released.end(), run.withheld.begin(), run.withheld.end());
    }
    for (const std::vector<RegionId>& partition : partitions) {
        out.partitions.emplace_back();
        std::size_t groups = 0;
        for (const RegionId r : partition) {
            out.partitions.back().push_back(static_cast<std::size_t>(r));
            groups = std::max(groups, static_cast<std::size_t>(r) + 1);
        }
        out.group_counts.push_back(groups);
    }
    return out;
}

// Each published `*_dominant_case_share` as a window (decision 0032): rounded down to a tenth b,
// it says b x T <= the cases of the locality's areas inside the dominant service area (each area's
// total times its share of area there, a fraction a reader computes from the geometries) <= (b +
// 0.1) x T, T the locality's total. Assumed published wherever the rule allows (T >= 10 x threshold):
// a window too many only makes the audit stricter.
std::vector<disclosure::Window> share_windows(const OverlayData& data,
                                              const std::vector<std::vector<RegionId>>& region_of,
                                              const std::vector<std::vector<LocalityProfile>>& profiles,
                                              const disclosure::LinkedIndex& at, std::int64_t threshold) {
    constexpr double k_slack = 1e-6;  // the share was computed in floating point
    std::vector<disclosure::Window> out;
    for (std::size_t p = 0; p < profiles.size() && p < region_of.size(); ++p) {
        std::vector<std::vector<std::size_t>> members(profiles[p].size());
        for (std::size_t z = 0; z < region_of[p].size(); ++z) {
            members[static_cast<std::size_t>(region_of[p][z])].push_back(z);
        }
        for (std::size_t l = 0; l < profiles[p].size(); ++l) {
            std::int64_t total = 0;
            for (const std::size_t z : members[l]) {
                total += data.counts.zone_total(static_cast<ZoneId>(z));
            }
            for (std::size_t s = 0; s < data.service_layers.size() && s < profiles[p][l].alignment.size();
                 ++s) {
                const ServiceAlignment& a = profiles[p][l].alignment[s];
                const auto& ids = data.service_layers[s].layer.ids;
                const auto found = std::find(ids.begin(), ids.end(), a.dominant);
                if (a.dominant_case_share < 0.0 || total < 10 * threshold || found == ids.end()) {
                    continue;
                }
                const auto j = static_cast<std::size_t>(found - ids.begin());
                disclosure::Window w;
                for (const std::size_t z : members[l]) {
                    for (const overlay::ServiceShare& share : data.service_layers[s].shares[z].shares) {
                        if (share.service_area == j && share.share > 0.0) {
                            w.terms.emplace_back(at.area(z, at.categories), share.share);
                        }
                    }
                }
                const double band = std::floor(a.dominant_case_share * 10.0 + 1e-9) / 10.0;
                const auto t = static_cast<double>(total);
                w.low = band * t - k_slack * t;
                w.high = std::min(band + 0.1, 1.0) * t + k_slack * t;
                out.push_back(std::move(w));
            }
        }
    }
    return out;
}

}  // namespace

std::vector<ProposalWithheld> suppress_proposals(const OverlayData& data,
                                                 const std::vector<std::vector<RegionId>>& region_of,
                                                 std::int64_t threshold,
                                                 const std::vector<std::vector<LocalityProfile>>& profiles) {
    const disclosure::LinkedTables tables = linked_tables(data, region_of, data.released);
    const disclosure::LinkedWithheld linked = disclosure::protect_linked(
        tables, threshold,
        share_windows(data, region_of, profiles, disclosure::linked_index(tables), threshold));
    check_released_area_counts(data.released, linked.areas);
    std::vector<ProposalWithheld> out;
    for (const Withheld& localities : linked.groups) {
        ProposalWithheld p;
        p.localities = localities;
        p.areas = linked.areas;
        p.jointly_audited = linked.jointly_audited;
        p.all_withheld = linked.all_groups_withheld;
        p.joint_added = linked.added;
        p.joint_narrowed = linked.narrowed;
        out.push_back(std::move(p));
    }
    return out;
}

Withheld suppress_study_area(const OverlayData& data, std::int64_t threshold) {
    // The base pattern that a proposal's area counts share (suppress_proposals()).
    return disclosure::protect_linked(linked_tables(data, {}), threshold).areas;
}

std::string withheld_fields(const std::vector<AgencyTally>& agencies, const std::vector<bool>& cells,
                            bool total) {
    std::string out = total ? "cases_total" : "";
    for (std::size_t a = 0; a < agencies.size(); ++a) {
        if (cells[a]) {
            out += (out.empty() ? "" : ",") + agencies[a].column;
        }
    }
    return out;
}

void withhold_counts(output::Table& table, const std::vector<AgencyTally>& agencies, const Withheld& withheld,
                     bool list) {
    auto column = [&](const std::string& name) {
        return static_cast<std::size_t>(std::find_if(table.fields.begin(), table.fields.end(),
                                                     [&](const output::Field& f) { return f.name == name; }) -
                                        table.fields.begin());
    };
    std::vector<std::size_t> agency_columns;
    for (const AgencyTally& agency : agencies) {
        agency_columns.push_back(column(agency.column));
    }
    const std::size_t total_column = column("cases_total");
    if (list) {
        table.fields.push_back({"suppressed", output::FieldType::string});
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        std::vector<output::Value>& row = table.rows[r];
        for (std::size_t a = 0; a < agencies.size(); ++a) {
            if (withheld.cells[r][a]) {
                row[agency_columns[a]] = output::Value();
            }
        }
        if (withheld.totals[r]) {
            row[total_column] = output::Value();
        }
        if (list) {
            row.emplace_back(withheld_fields(agencies, withheld.cells[r], withheld.totals[r]));
        }
    }
}

}  // namespace locality::pipeline
