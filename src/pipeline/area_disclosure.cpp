// SPDX-License-Identifier: MIT
#include "area_disclosure.hpp"

#include <fmt/format.h>

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

/**
 * The window of one published `*_dominant_case_share` (decision 0032): rounded down to a tenth b,
 * it says b x T <= the cases of the locality's areas `members` inside service area j of layer s
 * (each area's total times its share of area there, a fraction a reader computes from the
 * geometries) <= (b + 0.1) x T, T the locality's total.
 */
disclosure::Window share_window(const OverlayData& data, const std::vector<std::size_t>& members,
                                std::size_t s, std::size_t j, double share,
                                const disclosure::LinkedIndex& at) {
    constexpr double k_slack = 1e-6;  // the share was computed in floating point
    std::int64_t total = 0;
    disclosure::Window w;
    for (const std::size_t z : members) {
        total += data.counts.zone_total(static_cast<ZoneId>(z));
        for (const overlay::ServiceShare& area_share : data.service_layers[s].shares[z].shares) {
            if (area_share.service_area == j && area_share.share > 0.0) {
                w.terms.emplace_back(at.area(z, at.categories), area_share.share);
            }
        }
    }
    const double band = std::floor(share * 10.0 + 1e-9) / 10.0;
    const auto t = static_cast<double>(total);
    w.low = band * t - k_slack * t;
    w.high = std::min(band + 0.1, 1.0) * t + k_slack * t;
    return w;
}

/** Each group's areas, of a partition of the areas into `groups` groups. */
std::vector<std::vector<std::size_t>> members_of(const std::vector<RegionId>& region_of, std::size_t groups) {
    std::vector<std::vector<std::size_t>> members(groups);
    for (std::size_t z = 0; z < region_of.size(); ++z) {
        members[static_cast<std::size_t>(region_of[z])].push_back(z);
    }
    return members;
}

/** The index of service area `id` in layer s; the layer's size when it has none. */
std::size_t service_area_index(const OverlayData& data, std::size_t s, const std::string& id) {
    const auto& ids = data.service_layers[s].layer.ids;
    return static_cast<std::size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin());
}

// Each `*_dominant_case_share` this run can publish as a window. Assumed published wherever the rule
// allows (T >= 10 x threshold): a window too many only makes the audit stricter.
std::vector<disclosure::Window> share_windows(const OverlayData& data,
                                              const std::vector<std::vector<RegionId>>& region_of,
                                              const std::vector<std::vector<LocalityProfile>>& profiles,
                                              const disclosure::LinkedIndex& at, std::int64_t threshold) {
    std::vector<disclosure::Window> out;
    for (std::size_t p = 0; p < profiles.size() && p < region_of.size(); ++p) {
        const std::vector<std::vector<std::size_t>> members = members_of(region_of[p], profiles[p].size());
        for (std::size_t l = 0; l < profiles[p].size(); ++l) {
            std::int64_t total = 0;
            for (const std::size_t z : members[l]) {
                total += data.counts.zone_total(static_cast<ZoneId>(z));
            }
            for (std::size_t s = 0; s < data.service_layers.size() && s < profiles[p][l].alignment.size();
                 ++s) {
                const ServiceAlignment& a = profiles[p][l].alignment[s];
                const std::size_t j = service_area_index(data, s, a.dominant);
                if (a.dominant_case_share < 0.0 || total < 10 * threshold ||
                    j == data.service_layers[s].layer.ids.size()) {
                    continue;
                }
                out.push_back(share_window(data, members[l], s, j, a.dominant_case_share, at));
            }
        }
    }
    return out;
}

// Each share the earlier releases published for a service layer this run reads too (decision 0042):
// the same windows, from the published figures.
std::vector<disclosure::Window> released_share_windows(const OverlayData& data,
                                                       const disclosure::LinkedIndex& at) {
    std::vector<disclosure::Window> out;
    for (const ReleasedRun& run : data.released) {
        std::vector<std::vector<std::vector<std::size_t>>> members;  // [table][locality]
        for (const std::vector<RegionId>& partition : run.partitions) {
            std::size_t groups = 0;
            for (const RegionId r : partition) {
                groups = std::max(groups, static_cast<std::size_t>(r) + 1);
            }
            members.push_back(members_of(partition, groups));
        }
        for (const ReleasedShare& share : run.shares) {
            const std::size_t j = service_area_index(data, share.service, share.dominant);
            if (j < data.service_layers[share.service].layer.ids.size() &&
                share.locality < members[share.table].size()) {
                out.push_back(share_window(data, members[share.table][share.locality], share.service, j,
                                           share.share, at));
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
    const disclosure::LinkedIndex at = disclosure::linked_index(tables);
    std::vector<disclosure::Window> windows = share_windows(data, region_of, profiles, at, threshold);
    const std::vector<disclosure::Window> released = released_share_windows(data, at);
    windows.insert(windows.end(), released.begin(), released.end());
    const disclosure::LinkedWithheld linked = disclosure::protect_linked(tables, threshold, windows);
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
        p.narrowed_unless_all_withheld = linked.narrowed_unless_all_withheld;
        out.push_back(std::move(p));
    }
    return out;
}

std::string all_withheld_warning(const ProposalWithheld& withheld, const std::string& runs, bool released) {
    if (withheld.narrowed_unless_all_withheld == 0) {
        return "";
    }
    return fmt::format(
        "no locality count of {} is published: withholding only some of them would leave {} withheld small "
        "{} narrowed (the area counts{}, read with a reader's knowledge that a withheld locality count is "
        "small, bound {}); fewer, larger localities (a higher --min-population or a lower --k) leave fewer "
        "small counts to withhold",
        runs, withheld.narrowed_unless_all_withheld,
        withheld.narrowed_unless_all_withheld == 1 ? "count" : "counts",
        released ? " and the --released runs" : "",
        withheld.narrowed_unless_all_withheld == 1 ? "it" : "them");
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
