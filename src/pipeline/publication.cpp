// SPDX-License-Identifier: MIT
// Assembles what a proposal publishes: profiles and alignment of the localities, disclosure control
// of every count, and the tables and summary entries made from them.
#include <algorithm>
#include <cmath>
#include <map>

#include "area_disclosure.hpp"
#include "area_fields.hpp"
#include "constraints.hpp"
#include "locality/output/styles.hpp"
#include "locality/output/write_layers.hpp"
#include "profiles.hpp"
#include "publish.hpp"
#include "rounding.hpp"

namespace locality::pipeline {

namespace {

using json = nlohmann::ordered_json;
using output::Field;
using output::FieldType;
using output::Table;
using output::Value;

// A published real rounded to `decimals`, or null when withheld or undefined. (Branches, not a
// conditional expression of Values: GCC 12 warns falsely about the variant's string.)
Value real_or_null(double value, int decimals, bool withheld = false) {
    Value out;
    if (!withheld && std::isfinite(value)) {
        out = round_to(value, decimals);
    }
    return out;
}

Value text_or_null(const std::string& text) {
    Value out;
    if (!text.empty()) {
        out = text;
    }
    return out;
}

json to_json(const Value& value) {
    return std::visit(
        [](const auto& v) -> json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return nullptr;
            } else {
                return v;
            }
        },
        value);
}

// The part of an agency column name after `cases_`.
std::string slug(const AgencyTally& agency) { return agency.column.substr(6); }

// Area-level counts: area id, locality, population, one column per agency, total; withheld cells null.
Table area_counts_published(const OverlayData& data, const std::vector<RegionId>& region_of,
                            const Withheld& withheld) {
    Table table = areas_table(data, region_of, withheld.totals);
    for (const AgencyTally& agency : data.agencies) {
        table.fields.push_back({agency.column, FieldType::integer});
    }
    table.fields.push_back({"cases_total", FieldType::integer});
    for (std::size_t z = 0; z < region_of.size(); ++z) {
        std::vector<Value>& row = table.rows[z];
        for (std::size_t a = 0; a < data.agencies.size(); ++a) {
            row.emplace_back(data.counts.at(static_cast<ZoneId>(z), a));
        }
        row.emplace_back(data.counts.zone_total(static_cast<ZoneId>(z)));
    }
    withhold_counts(table, data.agencies, withheld);
    return table;
}

// Agencies whose demand is most over-represented: the three largest positive z-scores among the
// published counts (a withheld count is not ranked, so the list cannot hint at it).
std::vector<std::string> over_represented(const OverlayData& data, const LocalityProfile& profile,
                                          const std::vector<bool>& withheld) {
    std::vector<std::size_t> order;
    for (std::size_t a = 0; a < data.agencies.size(); ++a) {
        if (!withheld[a] && std::isfinite(profile.z[a]) && profile.z[a] > 0.0) {
            order.push_back(a);
        }
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return profile.z[x] > profile.z[y]; });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < order.size() && i < 3; ++i) {
        out.push_back(data.agencies[order[i]].name);
    }
    return out;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) {
        out += (out.empty() ? "" : ",") + item;
    }
    return out;
}

// The properties of each locality: the counts of localities_table() with the withheld ones nulled,
// then rates, need z-scores, compactness, alignment and the list of withheld fields.
// Whether a locality's dominant_case_share would give away a small count: with the published total,
// share x total estimates the cases in the dominant service area and the rest those outside it. Beside
// a withheld total, any share says the total is not 0 (a null share means "no cases"), and with the
// locality's other counts published as 0 gives a withheld count back (issue 18 item 2).
bool share_discloses(double share, const LocalityFigures& figures, bool total_withheld,
                     std::int64_t threshold) {
    if (share < 0.0) {
        return false;
    }
    if (total_withheld) {
        return true;
    }
    const auto inside = std::llround(share * static_cast<double>(figures.cases_total));
    const std::int64_t outside = figures.cases_total - inside;
    return (inside > 0 && inside < threshold) || (outside > 0 && outside < threshold);
}

// A locality's dominant_case_share as published. Under disclosure control it is banded, rounded down to
// a tenth ("at least 0.7"), and withheld unless a tenth of the total is at least `threshold` cases:
// share x total is a linear constraint on the areas' counts, with coefficients a reader can compute
// from the geometries, and exact it pinned the one area straddling the service area's edge (issue 18
// item 1); banded it only bounds their sum within a window at least `threshold` cases wide
// (decision 0025). Without control, 4 decimals as before.
Value published_share(double share, const LocalityFigures& figures, bool total_withheld,
                      std::int64_t threshold) {
    if (share < 0.0 || share_discloses(share, figures, total_withheld, threshold)) {
        return Value();
    }
    if (threshold <= 1) {
        return real_or_null(share, 4);
    }
    if (figures.cases_total < 10 * threshold) {
        return Value();
    }
    return real_or_null(std::floor(share * 10.0 + 1e-9) / 10.0, 1);
}

Table localities_published(const OverlayData& data, const std::vector<LocalityFigures>& figures,
                           const std::vector<LocalityProfile>& profiles, const Withheld& withheld,
                           std::int64_t threshold) {
    Table table = localities_table(data, figures);
    withhold_counts(table, data.agencies, withheld, false);
    const bool rated = data.has_population() && data.has_cases();  // regionalize has no caseload to rate
    if (rated) {
        table.fields.push_back({"rate_total", FieldType::real});
        for (const AgencyTally& agency : data.agencies) {
            table.fields.push_back({"rate_" + slug(agency), FieldType::real});
        }
    }
    for (const AgencyTally& agency : data.agencies) {
        table.fields.push_back({"z_" + slug(agency), FieldType::real});
    }
    table.fields.push_back({"over_represented", FieldType::string});
    table.fields.push_back({"polsby_popper", FieldType::real});
    for (const ServiceLayer& service : data.service_layers) {
        table.fields.push_back({service.name + "_touched", FieldType::integer});
        table.fields.push_back({service.name + "_dominant", FieldType::string});
        table.fields.push_back({service.name + "_dominant_case_share", FieldType::real});
        table.fields.push_back({service.name + "_ids", FieldType::string});
    }
    table.fields.push_back({"suppressed", FieldType::string});
    for (std::size_t l = 0; l < figures.size(); ++l) {
        std::vector<Value>& row = table.rows[l];
        const LocalityProfile& p = profiles[l];
        const std::vector<bool>& cells = withheld.cells[l];
        if (rated) {
            row.push_back(real_or_null(p.rate_total, 3, withheld.totals[l]));
            for (std::size_t a = 0; a < data.agencies.size(); ++a) {
                row.push_back(real_or_null(p.rates[a], 3, cells[a]));
            }
        }
        for (std::size_t a = 0; a < data.agencies.size(); ++a) {
            row.push_back(real_or_null(p.z[a], 3, cells[a]));
        }
        row.emplace_back(join(over_represented(data, p, cells)));
        row.push_back(real_or_null(p.polsby_popper, 4));
        for (const ServiceAlignment& alignment : p.alignment) {
            row.emplace_back(alignment.touched);
            row.push_back(text_or_null(alignment.dominant));
            // -1: the locality has no cases.
            row.push_back(
                published_share(alignment.dominant_case_share, figures[l], withheld.totals[l], threshold));
            row.emplace_back(join(alignment.ids));
        }
        row.emplace_back(withheld_fields(data.agencies, cells, withheld.totals[l]));
    }
    return table;
}

// summary.json's entry of one locality, from its published row: counts, rates and z-scores grouped
// by agency name, lists as arrays.
json locality_entry(const OverlayData& data, const Table& table, std::size_t l,
                    const std::vector<LocalityProfile>& profiles, const Withheld& withheld) {
    std::map<std::string, Value> cell;
    for (std::size_t i = 0; i < table.fields.size(); ++i) {
        cell[table.fields[i].name] = table.rows[l][i];
    }
    json entry{{"locality", to_json(cell["locality"])}, {"areas", to_json(cell["areas"])}};
    if (data.has_population()) {
        entry["population"] = to_json(cell["population"]);
    }
    entry["cases_total"] = to_json(cell["cases_total"]);
    json cases = json::object();
    json rates = json::object();
    json z = json::object();
    for (const AgencyTally& agency : data.agencies) {
        cases[agency.name] = to_json(cell[agency.column]);
        rates[agency.name] = to_json(cell["rate_" + slug(agency)]);
        z[agency.name] = to_json(cell["z_" + slug(agency)]);
    }
    entry["cases"] = cases;
    entry["area_km2"] = to_json(cell["area_km2"]);
    if (data.has_population()) {
        entry["rate_total"] = to_json(cell["rate_total"]);
        entry["rates_per_1000"] = rates;
    }
    entry["need_z"] = z;
    entry["over_represented"] = over_represented(data, profiles[l], withheld.cells[l]);
    entry["polsby_popper"] = to_json(cell["polsby_popper"]);
    json alignment = json::object();
    for (std::size_t s = 0; s < data.service_layers.size(); ++s) {
        const ServiceAlignment& a = profiles[l].alignment[s];
        alignment[data.service_layers[s].name] = {
            {"touched", a.touched},
            {"dominant", a.dominant.empty() ? json() : json(a.dominant)},
            {"dominant_case_share", to_json(cell[data.service_layers[s].name + "_dominant_case_share"])},
            {"service_areas", a.ids}};
    }
    entry["alignment"] = alignment;
    json suppressed = json::array();
    if (withheld.totals[l]) {
        suppressed.push_back("cases_total");
    }
    for (std::size_t a = 0; a < data.agencies.size(); ++a) {
        if (withheld.cells[l][a]) {
            suppressed.push_back(data.agencies[a].column);
        }
    }
    entry["suppressed"] = suppressed;
    return entry;
}

// Per service layer: how many localities each service area is split across, and the distribution.
json alignment_summary(const OverlayData& data, const std::vector<ServiceSplit>& splits) {
    json out = json::object();
    for (std::size_t s = 0; s < data.service_layers.size(); ++s) {
        const ServiceLayer& service = data.service_layers[s];
        json per_area = json::object();
        std::map<std::int64_t, std::int64_t> distribution;
        double sum = 0.0;
        for (std::size_t j = 0; j < service.layer.ids.size(); ++j) {
            per_area[service.layer.ids[j]] = splits[s].localities[j];
            ++distribution[splits[s].localities[j]];
            sum += static_cast<double>(splits[s].localities[j]);
        }
        json histogram = json::object();
        for (const auto& [localities, areas] : distribution) {
            histogram[std::to_string(localities)] = areas;
        }
        const auto n = static_cast<double>(service.layer.ids.size());
        out[service.name] = {{"service_areas", service.layer.ids.size()},
                             {"mean_localities_per_service_area", n > 0 ? round_to(sum / n, 3) : 0.0},
                             {"service_areas_by_localities", histogram},
                             {"localities_per_service_area", per_area}};
    }
    return out;
}

/**
 * `--attributes` runs (regionalize, and propose with --attributes): each locality's mean of every
 * clustering attribute over its areas (`mean_<attr>`), and its total of every bound field that is
 * neither the population nor a case count (`total_<field>`; those have their own fields), appended to
 * the localities table and to each summary entry (`attribute_means`; the totals are `bound_totals`).
 */
void add_attribute_figures(const StageOptions& config, const OverlayData& data,
                           const std::vector<RegionId>& region_of, Table& localities, json& entries) {
    if (config.attributes.empty()) {
        return;
    }
    const AreaFields fields(data);
    const std::size_t count = localities.rows.size();
    std::vector<double> areas(count, 0.0);
    for (const RegionId r : region_of) {
        areas[static_cast<std::size_t>(r)] += 1.0;
    }
    auto sums_of = [&](const std::vector<double>& values) {
        std::vector<double> sums(count, 0.0);
        for (std::size_t z = 0; z < region_of.size(); ++z) {
            sums[static_cast<std::size_t>(region_of[z])] += values[z];
        }
        return sums;
    };
    for (const std::string& attribute : config.attributes) {
        const std::vector<double> sums = sums_of(fields.values(attribute, "--attributes"));
        localities.fields.push_back({"mean_" + attribute, FieldType::real});
        for (std::size_t l = 0; l < count; ++l) {
            const double mean = areas[l] > 0.0 ? sums[l] / areas[l] : NAN;
            localities.rows[l].push_back(real_or_null(mean, 4));
            entries[l]["attribute_means"][attribute] = to_json(localities.rows[l].back());
        }
    }
    for (const BoundRequest& request : bound_requests(config, fields)) {
        const std::string name = "total_" + request.name;
        if (request.name == "population" || request.name.rfind("cases", 0) == 0 ||
            std::any_of(localities.fields.begin(), localities.fields.end(),
                        [&](const Field& field) { return field.name == name; })) {
            continue;
        }
        const std::vector<double> sums = sums_of(request.values);
        localities.fields.push_back({name, FieldType::real});
        for (std::size_t l = 0; l < count; ++l) {
            localities.rows[l].push_back(real_or_null(sums[l], 4));
        }
    }
}

}  // namespace

Publication make_publication(const StageOptions& config, const OverlayData& data,
                             const std::vector<RegionId>& region_of, const std::vector<geom::Wkb>& shapes,
                             const std::vector<LocalityFigures>& figures, const ProposalWithheld* given) {
    Publication out;
    const std::vector<LocalityProfile> profiles = locality_profiles(data, region_of, shapes, figures);
    const std::vector<ServiceSplit> splits = service_splits(data, region_of, figures.size());
    const ProposalWithheld protection =
        given != nullptr ? *given
                         : suppress_proposals(data, {region_of}, config.suppress_below, {profiles}).front();
    const Withheld& withheld = protection.localities;
    // A sweep warns once itself.
    if (const std::string w = all_withheld_warning(protection, "this run", !data.released.empty());
        given == nullptr && !w.empty()) {
        out.warnings.push_back(w);
    }
    out.layers.data = &data;
    out.layers.shapes = &shapes;
    out.layers.localities = localities_published(data, figures, profiles, withheld, config.suppress_below);
    out.layers.colours = map_colours(shapes, config.tolerance_m, output::qualitative_palette_size());
    // The area counts are protected even when they are not published: the need class of an area
    // is published only where its total would be (decision 0008).
    const Withheld& areas = protection.areas;
    std::size_t area_withheld = 0;
    if (config.area_counts) {
        area_withheld = areas.count;
        out.area_counts = area_counts_published(data, region_of, areas);
        out.layers.areas = out.area_counts;
    } else {
        out.layers.areas = areas_table(data, region_of, areas.totals);
    }
    for (std::size_t s = 0; s < data.service_layers.size(); ++s) {
        Table table = service_area_table(data.service_layers[s]);
        table.fields.push_back({"localities", FieldType::integer});
        for (std::size_t j = 0; j < table.rows.size(); ++j) {
            table.rows[j].emplace_back(splits[s].localities[j]);
        }
        out.layers.service_areas.push_back(std::move(table));
    }
    out.localities = json::array();
    for (std::size_t l = 0; l < figures.size(); ++l) {
        out.localities.push_back(locality_entry(data, out.layers.localities, l, profiles, withheld));
    }
    add_attribute_figures(config, data, region_of, out.layers.localities, out.localities);
    out.alignment = alignment_summary(data, splits);
    out.disclosure = {{"suppress_below", config.suppress_below},
                      {"rule", k_disclosure_rule},
                      {"locality_counts_withheld", withheld.count},
                      {"area_counts_published", config.area_counts},
                      {"area_counts_withheld", area_withheld},
                      {"jointly_audited", protection.jointly_audited},
                      {"joint_withheld", protection.joint_added},
                      {"joint_narrowed", protection.joint_narrowed},
                      {"all_locality_counts_withheld", protection.all_withheld},
                      {"narrowed_unless_all_withheld", protection.narrowed_unless_all_withheld},
                      {"released", released_json(data.released)}};
    return out;
}

void write_publication(const StageOptions& config, const Publication& publication,
                       output::OutputSet& outputs) {
    write_locality_layers(config, publication.layers, outputs);
    if (config.area_counts) {
        output::write_csv(outputs.staging_path("area_counts.csv"), publication.area_counts);
    }
}

void publish_summary(const StageOptions& config, const Publication& publication,
                     nlohmann::ordered_json& summary) {
    nlohmann::ordered_json formats = nlohmann::ordered_json::array();
    for (const OutputFormat format : config.formats) {
        formats.push_back(format_name(format));
    }
    summary["parameters"]["formats"] = formats;
    summary["parameters"]["suppress_below"] = config.suppress_below;
    summary["parameters"]["area_counts"] = config.area_counts;
    summary["localities"]["localities"] = publication.localities;
    summary["alignment"] = publication.alignment;
    summary["disclosure"] = publication.disclosure;
}

}  // namespace locality::pipeline
