// SPDX-License-Identifier: MIT
#include "share_package.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <unordered_map>

#include "agency_key.hpp"
#include "area_fields.hpp"
#include "localities_stage.hpp"
#include "locality/core/error.hpp"
#include "locality/core/version.hpp"
#include "locality/geom/canonical_wkb.hpp"
#include "locality/io/attribute_table.hpp"
#include "locality/io/file_info.hpp"
#include "locality/output/write_layers.hpp"
#include "period_span.hpp"

namespace locality::pipeline {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

/** The package folder of an agency: its column's slug (`cases_<slug>`), so lower-case ASCII and unique. */
std::string package_folder(const AgencyTally& agency) {
    return agency.column.substr(std::string("cases_").size());
}

void add_sized(io::Sha256& digest, const void* bytes, std::size_t size) {
    const std::uint64_t length = size;  // length-prefixed, so no two sequences of fields hash alike
    digest.add(&length, sizeof length);
    digest.add(bytes, size);
}

/** A package as read: its manifest, checked, and where it came from. */
struct Package {
    std::string manifest_path;
    json manifest;
    std::string agency;
    std::string period;  ///< "" when the partner stated none
    std::int64_t threshold = 0;
};

std::vector<fs::path> manifests_of(const std::string& source) {
    const fs::path path(source);
    std::error_code error;
    if (fs::is_regular_file(path, error)) {
        return {path};
    }
    if (fs::is_directory(path, error)) {
        if (fs::is_regular_file(path / "manifest.json", error)) {
            return {path / "manifest.json"};
        }
        std::vector<fs::path> out;  // a --share folder: one package per subfolder
        for (const fs::directory_entry& entry : fs::directory_iterator(path, error)) {
            if (entry.is_directory(error) && fs::is_regular_file(entry.path() / "manifest.json", error)) {
                out.push_back(entry.path() / "manifest.json");
            }
        }
        std::sort(out.begin(), out.end());
        if (!out.empty()) {
            return out;
        }
        throw InputError(
            fmt::format("--counts '{}': no manifest.json in the folder nor in its subfolders; give a "
                        "package folder written by locality overlay --share, or its manifest.json",
                        source));
    }
    throw InputError(
        fmt::format("--counts '{}': no such file or folder; give a package folder written by "
                    "locality overlay --share, or its manifest.json",
                    source));
}

/** The manifest's value at `key` (a path of keys), of the type `is` checks; InputError naming both otherwise.
 */
template <typename Check>
const json& manifest_value(const Package& package, const std::vector<std::string>& key, Check is,
                           const char* what) {
    const json* at = &package.manifest;
    std::string name;
    for (const std::string& part : key) {
        name += (name.empty() ? "" : ".") + part;
        if (!at->is_object() || !at->contains(part)) {
            at = nullptr;
            break;
        }
        at = &(*at)[part];
    }
    if (at == nullptr || !is(*at)) {
        throw InputError(
            fmt::format("counts package '{}': manifest key '{}' is missing or not {}; give the "
                        "manifest.json as locality overlay --share wrote it",
                        package.manifest_path, name, what));
    }
    return *at;
}

std::int64_t count_value(const Package& package, const std::vector<std::string>& key) {
    return manifest_value(
               package, key,
               [](const json& v) { return v.is_number_integer() && v.get<std::int64_t>() >= 0; },
               "a whole number >= 0")
        .get<std::int64_t>();
}

Package read_manifest(const fs::path& path) {
    Package package;
    package.manifest_path = path.string();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw IoError(fmt::format("cannot open counts package '{}'", package.manifest_path));
    }
    try {
        package.manifest = json::parse(in);
    } catch (const json::exception& e) {
        throw InputError(
            fmt::format("counts package '{}': not a JSON manifest ({}); give the manifest.json as "
                        "locality overlay --share wrote it",
                        package.manifest_path, e.what()));
    }
    const auto is_string = [](const json& v) { return v.is_string(); };
    const std::string format = manifest_value(package, {"format"}, is_string, "text").get<std::string>();
    if (format != k_share_format) {
        throw InputError(
            fmt::format("counts package '{}': format '{}' is not {}: make the package again with "
                        "locality {} (overlay --share)",
                        package.manifest_path, format, k_share_format, k_version));
    }
    package.agency = manifest_value(package, {"agency"}, is_string, "text").get<std::string>();
    const json& period = manifest_value(
        package, {"period"}, [](const json& v) { return v.is_string() || v.is_null(); }, "text or null");
    package.period = period.is_null() ? "" : period.get<std::string>();
    manifest_value(package, {"areas", "hash"}, is_string, "text");
    manifest_value(package, {"areas", "name"}, is_string, "text");
    count_value(package, {"areas", "features"});
    package.threshold = count_value(package, {"suppress_below"});
    count_value(package, {"totals", "published"});
    count_value(package, {"totals", "withheld_areas"});
    count_value(package, {"totals", "outside"});
    count_value(package, {"totals", "unlocated"});
    return package;
}

/**
 * The agency a name counts as: with --agency-spellings merge, "OCB" and "ocb" are one agency (one
 * column), so a package of one spelling and points or a package of the other are the same caseload twice.
 */
std::string shared_agency_key(const std::string& name, bool merge) { return merge ? agency_key(name) : name; }

/**
 * Refuses `package` when an earlier one of the same agency covers the same period, or a period
 * overlapping it (period_span: "2018" and "2018-01"), whose cases would be counted twice in the sum.
 */
void refuse_same_period(const Package& package, const std::vector<Package>& earlier, bool merge) {
    const std::string key = shared_agency_key(package.agency, merge);
    const std::optional<PeriodSpan> span = period_span(package.period);
    for (const Package& other : earlier) {
        if (shared_agency_key(other.agency, merge) != key) {
            continue;
        }
        if (other.period == package.period) {
            throw InputError(
                fmt::format("counts packages '{}' and '{}' are both agency '{}' for {}: give each "
                            "period of an agency once",
                            other.manifest_path, package.manifest_path, package.agency,
                            package.period.empty() ? "no stated period" : "period '" + package.period + "'"));
        }
        const std::optional<PeriodSpan> other_span = period_span(other.period);
        if (span && other_span && overlap(*span, *other_span)) {
            throw InputError(fmt::format(
                "counts packages '{}' (period '{}') and '{}' (period '{}') are both agency '{}' and "
                "their periods overlap, so the cases of the days they share would be counted twice: "
                "give periods of an agency that do not overlap (e.g. each month once, or the whole year "
                "alone)",
                other.manifest_path, other.period, package.manifest_path, package.period, package.agency));
        }
    }
}

std::string short_hash(const std::string& hash) { return hash.substr(0, std::string("sha256:").size() + 16); }

/** Per area, the package's count; -1 where withheld. Refuses ids not in the areas, twice, or missing. */
std::vector<std::int64_t> read_package_counts(const Package& package, const OverlayData& data,
                                              const std::unordered_map<std::string, std::size_t>& zone_of) {
    const std::string path = (fs::path(package.manifest_path).parent_path() / "counts.csv").string();
    const io::TextColumns table = io::read_text_columns({path, ""}, {"area_id", "cases"}, "counts");
    std::vector<std::int64_t> out(data.areas.ids.size(), -2);  // -2: no row yet
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const std::string& id = table.rows[r][0];
        const std::string& text = table.rows[r][1];
        const auto at = zone_of.find(id);
        if (at == zone_of.end()) {
            throw InputError(
                fmt::format("counts package '{}' row {}: area id '{}' is not in --areas '{}': make the "
                            "package again on the same area layer",
                            path, table.fids[r], id, data.areas.label));
        }
        if (out[at->second] != -2) {
            throw InputError(
                fmt::format("counts package '{}' row {}: area id '{}' is given twice; give the file "
                            "as locality overlay --share wrote it",
                            path, table.fids[r], id));
        }
        if (text.empty()) {
            // With a threshold of 0 or 1 nothing is withheld: the interval [1, threshold - 1] is empty, and
            // an empty cell is a count lost (a row edited by hand, a spreadsheet's blank), not a withheld
            // one.
            if (package.threshold <= 1) {
                throw InputError(
                    fmt::format("counts package '{}' row {}: cases is empty (withheld) but the manifest's "
                                "suppress_below {} withholds nothing: the file was changed after locality "
                                "overlay --share wrote it; make the package again",
                                path, table.fids[r], package.threshold));
            }
            out[at->second] = -1;
            continue;
        }
        std::int64_t value = -1;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || value < 0) {
            throw InputError(
                fmt::format("counts package '{}' row {}: cases '{}' is not a whole number >= 0 (empty "
                            "= withheld)",
                            path, table.fids[r], text));
        }
        if (value > 0 && value < package.threshold) {
            throw InputError(
                fmt::format("counts package '{}' row {}: a count of {} is published though the "
                            "manifest withholds counts below {}: the package is not protected as "
                            "it says; make it again with locality overlay --share",
                            path, table.fids[r], value, package.threshold));
        }
        out[at->second] = value;
    }
    const auto missing = std::find(out.begin(), out.end(), -2);
    if (missing != out.end()) {
        throw InputError(
            fmt::format("counts package '{}': {} area(s) of --areas have no row (first: '{}'): make "
                        "the package again on the same area layer",
                        path, std::count(out.begin(), out.end(), -2),
                        data.areas.ids[static_cast<std::size_t>(missing - out.begin())]));
    }
    // The manifest's totals were written with the counts: a count changed by hand (still >= the threshold,
    // or turned into a withheld one) passes every row's check, and only the totals then disagree.
    std::int64_t published = 0;
    std::int64_t withheld = 0;
    for (const std::int64_t n : out) {
        published += n > 0 ? n : 0;
        withheld += n < 0 ? 1 : 0;
    }
    const std::int64_t stated_published = count_value(package, {"totals", "published"});
    const std::int64_t stated_withheld = count_value(package, {"totals", "withheld_areas"});
    if (published != stated_published || withheld != stated_withheld) {
        throw InputError(
            fmt::format("counts package '{}': field cases publishes {} case(s) and withholds {} area(s), but "
                        "manifest.json totals say {} and {}: the counts were changed after locality overlay "
                        "--share wrote them; make the package again, and do not edit or re-save it",
                        path, published, withheld, stated_published, stated_withheld));
    }
    return out;
}

/** One agency's counts from its packages (several periods summed). */
struct SharedAgency {
    std::vector<std::int64_t> counts;  ///< per zone, withheld counts imputed
    std::vector<std::int64_t> low;     ///< per zone: low end minus imputed
    std::vector<std::int64_t> high;    ///< per zone: high end minus imputed
    std::int64_t outside = 0;
    std::int64_t unlocated = 0;
    std::vector<std::string> periods;
};

json package_json(const Package& package) {
    json out;
    out["source"] = package.manifest_path;
    out["manifest_sha256"] = io::describe_source({package.manifest_path, ""}).sha256;
    const std::string counts = (fs::path(package.manifest_path).parent_path() / "counts.csv").string();
    out["counts_sha256"] = io::describe_source({counts, ""}).sha256;
    for (const auto& [key, value] : package.manifest.items()) {
        out[key] = value;  // what the partner shared, as its manifest states it
    }
    return out;
}

}  // namespace

std::int64_t imputed_withheld(std::int64_t threshold) { return std::max<std::int64_t>(1, threshold / 2); }

AreaLayerIdentity area_layer_identity(const StageOptions& config, const OverlayData& data) {
    AreaLayerIdentity out;
    // The file's name, not its folder: a partner's folders are nobody else's business.
    out.name = data.areas_file.is_file
                   ? fs::path(config.areas.path).filename().string() +
                         (config.areas.layer.empty() ? "" : "|layername=" + config.areas.layer)
                   : data.areas.label;
    out.id_field = config.area_id_field;
    out.features = data.areas.ids.size();
    std::vector<std::size_t> order(data.areas.ids.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return data.areas.ids[a] < data.areas.ids[b]; });
    geom::GeosContext ctx;
    io::Sha256 digest;
    for (const std::size_t i : order) {
        add_sized(digest, data.areas.ids[i].data(), data.areas.ids[i].size());
        const geom::Wkb wkb = geom::canonical_wkb(ctx, data.areas.geometries[i], k_identity_grid);
        add_sized(digest, wkb.data(), wkb.size());
    }
    out.hash = "sha256:" + digest.hex();
    return out;
}

json SharePackages::stage(const StageOptions& config, const OverlayData& data) {
    json record;
    record["folder"] = config.share_dir;
    record["packages"] = json::array();
    if (config.share_dir.empty()) {
        return record;
    }
    const AreaLayerIdentity identity = area_layer_identity(config, data);
    std::vector<std::size_t> order(data.areas.ids.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return data.areas.ids[a] < data.areas.ids[b]; });
    for (std::size_t a = 0; a < data.agencies.size(); ++a) {
        const AgencyTally& agency = data.agencies[a];
        const std::string folder = package_folder(agency);
        m_sets.push_back(std::make_unique<output::OutputSet>(
            (fs::path(config.share_dir) / folder).string(),
            std::vector<std::string>{"counts.csv", "manifest.json"}, config.overwrite));
        // Counts from 1 to the threshold - 1 withheld, and no total that includes them: each withheld
        // count is then only known to lie in [1, threshold - 1] (docs/decisions, counts packages).
        output::Table counts;
        counts.fields = {{"area_id", output::FieldType::string}, {"cases", output::FieldType::integer}};
        std::int64_t published = 0;
        std::int64_t withheld = 0;
        for (const std::size_t z : order) {
            const std::int64_t n = data.counts.at(static_cast<ZoneId>(z), a);
            const bool hide = n > 0 && n < config.suppress_below;
            counts.rows.push_back({data.areas.ids[z], hide ? output::Value() : output::Value(n)});
            published += hide ? 0 : n;
            withheld += hide ? 1 : 0;
        }
        output::write_csv(m_sets.back()->staging_path("counts.csv"), counts);
        json manifest;
        manifest["format"] = k_share_format;
        manifest["agency"] = agency.name;
        manifest["period"] = config.period.empty() ? json() : json(config.period);
        manifest["areas"] = {{"name", identity.name},
                             {"id_field", identity.id_field},
                             {"features", identity.features},
                             {"hash", identity.hash}};
        manifest["suppress_below"] = config.suppress_below;
        manifest["tool_version"] = k_version;
        manifest["totals"] = {{"published", published},
                              {"withheld_areas", withheld},
                              {"outside", agency.outside},
                              {"unlocated", agency.unlocated}};
        output::write_text_file(m_sets.back()->staging_path("manifest.json"), manifest.dump(2) + "\n");
        record["packages"].push_back({{"agency", agency.name},
                                      {"folder", folder},
                                      {"published", published},
                                      {"withheld_areas", withheld}});
    }
    return record;
}

void SharePackages::commit() {
    for (const auto& set : m_sets) {
        set->commit();
    }
}

void add_shared_counts(const StageOptions& config, OverlayData& data) {
    if (config.counts_packages.empty()) {
        return;
    }
    const AreaLayerIdentity identity = area_layer_identity(config, data);
    // Keyed by the id without surrounding spaces: the package's counts.csv is read back trimmed
    // (io::read_text_columns), so an area layer's ' 0101 ' must be found as '0101'.
    std::unordered_map<std::string, std::size_t> zone_of;
    for (std::size_t z = 0; z < data.areas.ids.size(); ++z) {
        const std::string& id = data.areas.ids[z];
        const std::size_t first = id.find_first_not_of(" \t");
        const std::string key =
            first == std::string::npos ? "" : id.substr(first, id.find_last_not_of(" \t") - first + 1);
        const auto [at, fresh] = zone_of.emplace(key, z);
        if (!fresh) {
            throw InputError(fmt::format(
                "areas '{}': ids '{}' and '{}' of field '{}' differ only in surrounding spaces, which a "
                "counts package's CSV does not keep: make the ids unique without them",
                data.areas.label, data.areas.ids[at->second], id, config.area_id_field));
        }
    }
    const std::size_t zones = data.areas.ids.size();
    std::map<std::string, SharedAgency> shared;
    std::vector<Package> packages;  // read so far
    for (const std::string& source : config.counts_packages) {
        for (const fs::path& path : manifests_of(source)) {
            const Package package = read_manifest(path);
            const std::string hash = package.manifest["areas"]["hash"].get<std::string>();
            if (hash != identity.hash) {
                throw InputError(fmt::format(
                    "counts package '{}' (agency '{}') was counted on area layer '{}' ({} features, {}) but "
                    "--areas is '{}' ({} features, {}): the counts would land on other areas; make the "
                    "package "
                    "again on the same area layer",
                    package.manifest_path, package.agency,
                    package.manifest["areas"]["name"].get<std::string>(),
                    package.manifest["areas"]["features"].get<std::int64_t>(), short_hash(hash),
                    identity.name, identity.features, short_hash(identity.hash)));
            }
            const std::string key = shared_agency_key(package.agency, config.merge_agency_spellings);
            for (const AgencyTally& tally : data.agencies) {
                if (shared_agency_key(tally.name, config.merge_agency_spellings) == key) {
                    throw InputError(fmt::format(
                        "agency '{}' comes both from --cases{} and from counts package '{}': "
                        "give its caseload one way",
                        package.agency, tally.name == package.agency ? "" : " (as '" + tally.name + "')",
                        package.manifest_path));
                }
            }
            refuse_same_period(package, packages, config.merge_agency_spellings);
            const std::vector<std::int64_t> counts = read_package_counts(package, data, zone_of);
            SharedAgency& agency = shared[package.agency];
            agency.counts.resize(zones, 0);
            agency.low.resize(zones, 0);
            agency.high.resize(zones, 0);
            const std::int64_t imputed = imputed_withheld(package.threshold);
            for (std::size_t z = 0; z < zones; ++z) {
                if (counts[z] >= 0) {
                    agency.counts[z] += counts[z];
                    continue;
                }
                agency.counts[z] += imputed;
                agency.low[z] += 1 - imputed;
                agency.high[z] += package.threshold - 1 - imputed;
                ++data.shared.withheld;
                data.shared.withheld_imputed += imputed;
                data.shared.withheld_high += package.threshold - 1;
            }
            agency.outside += package.manifest["totals"]["outside"].get<std::int64_t>();
            agency.unlocated += package.manifest["totals"]["unlocated"].get<std::int64_t>();
            agency.periods.push_back(package.period.empty() ? "(none stated)" : package.period);
            data.shared.packages.push_back(package_json(package));
            packages.push_back(package);
        }
    }
    std::string summed;  // said once, in one line: "NYPD (2018-06, 2022-05-01), DOF (...)"
    std::size_t summed_agencies = 0;
    for (const auto& [name, agency] : shared) {
        if (agency.periods.size() > 1) {
            std::string periods;
            for (const std::string& period : agency.periods) {
                periods += (periods.empty() ? "" : ", ") + period;
            }
            summed += fmt::format("{}'{}' ({})", summed.empty() ? "" : ", ", name, periods);
            ++summed_agencies;
        }
    }
    if (summed_agencies > 0) {
        data.warnings.push_back(
            fmt::format("counts: {} agency(ies) come in packages of several periods, summed: {}",
                        summed_agencies, summed));
    }

    // The agencies of --cases and of the packages, sorted by name as read_cases sorts them.
    std::vector<std::string> names;
    for (const AgencyTally& tally : data.agencies) {
        names.push_back(tally.name);
    }
    for (const auto& entry : shared) {
        names.push_back(entry.first);
    }
    std::vector<std::size_t> group;  // per input agency (cases first, then packages)
    const AgencyColumns columns = sorted_agency_columns(names, config.merge_agency_spellings, group);
    const std::size_t groups = columns.names.size();
    overlay::CaseCounts counts(zones, groups);
    std::vector<AgencyTally> tallies;
    for (std::size_t g = 0; g < groups; ++g) {
        tallies.push_back(AgencyTally{columns.names[g], columns.columns[g], 0, 0, 0, 0, {}});
    }
    data.shared.low_shift.assign(zones * groups, 0);
    data.shared.high_shift.assign(zones * groups, 0);
    const std::size_t from_cases = data.agencies.size();
    for (std::size_t i = 0; i < from_cases; ++i) {
        const AgencyTally& old = data.agencies[i];
        AgencyTally& tally = tallies[group[i]];
        tally.read += old.read;
        tally.assigned += old.assigned;
        tally.outside += old.outside;
        tally.unlocated += old.unlocated;
        for (std::size_t z = 0; z < zones; ++z) {
            counts.counts[z * groups + group[i]] += data.counts.at(static_cast<ZoneId>(z), i);
        }
    }
    std::size_t i = from_cases;
    for (const auto& [name, agency] : shared) {
        AgencyTally& tally = tallies[group[i]];
        const std::int64_t assigned =
            std::accumulate(agency.counts.begin(), agency.counts.end(), std::int64_t{0});
        tally.assigned += assigned;
        tally.outside += agency.outside;
        tally.unlocated += agency.unlocated;
        tally.read += assigned + agency.outside + agency.unlocated;
        for (std::size_t z = 0; z < zones; ++z) {
            counts.counts[z * groups + group[i]] += agency.counts[z];
            data.shared.low_shift[z * groups + group[i]] += agency.low[z];
            data.shared.high_shift[z * groups + group[i]] += agency.high[z];
        }
        ++i;
    }
    for (std::size_t g = 0; g < groups; ++g) {
        counts.assigned[g] = tallies[g].assigned;
        counts.outside[g] = tallies[g].outside;
    }
    for (CaseSourceRecord& record : data.case_sources) {  // their per-agency figures follow the new order
        io::PointReadStats& stats = record.stats;
        std::vector<std::int64_t> read(groups, 0);
        std::vector<std::int64_t> unlocated(groups, 0);
        for (std::size_t a = 0; a < stats.read.size(); ++a) {
            read[group[a]] += stats.read[a];
            unlocated[group[a]] += stats.unlocated[a];
        }
        stats.read = std::move(read);
        stats.unlocated = std::move(unlocated);
    }
    data.agencies = std::move(tallies);
    data.counts = std::move(counts);
}

json data_sharing_json(const OverlayData& data) {
    json out;
    const bool individual = !data.case_sources.empty();
    out["individual_level_data"] = individual;
    out["statement"] =
        individual ? "individual-level data was used: the case points of --cases (inputs.cases); the other "
                     "caseloads came as protected counts per area (packages)"
                   : "no individual-level data was used: every caseload came as protected counts per area "
                     "(packages)";
    out["packages"] = data.shared.packages;
    out["withheld"] = {{"counts", data.shared.withheld},
                       {"cases_imputed", data.shared.withheld_imputed},
                       {"cases_range", {data.shared.withheld, data.shared.withheld_high}},
                       {"interval", "[1, suppress_below - 1] of the package"},
                       {"imputed_as",
                        "floor(suppress_below / 2), at least 1: the midpoint of the interval rounded "
                        "down"}};
    return out;
}

std::size_t areas_changing_locality(const std::vector<RegionId>& base, const std::vector<RegionId>& other) {
    std::map<std::pair<RegionId, RegionId>, std::size_t> overlap;
    for (std::size_t z = 0; z < base.size(); ++z) {
        ++overlap[{base[z], other[z]}];
    }
    std::vector<std::pair<std::size_t, std::pair<RegionId, RegionId>>> pairs;
    for (const auto& [key, n] : overlap) {
        pairs.emplace_back(n, key);
    }
    // Largest overlaps first; ties by locality numbers, so the matching does not depend on the map's order.
    std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::set<RegionId> used_base;
    std::set<RegionId> used_other;
    std::size_t kept = 0;
    for (const auto& [n, key] : pairs) {
        if (used_base.count(key.first) == 0 && used_other.count(key.second) == 0) {
            used_base.insert(key.first);
            used_other.insert(key.second);
            kept += n;
        }
    }
    return base.size() - kept;
}

json withheld_sensitivity(const StageOptions& config, OverlayData& data, const ClusterGround& ground,
                          const std::vector<RegionId>& region_of) {
    json out;
    out["method"] =
        "the localities solved again with every withheld count at 1 (low) and at suppress_below - 1 "
        "(high); areas_changed: areas whose locality differs, localities matched one to one by their "
        "largest overlap";
    out["areas"] = region_of.size();
    if (data.shared.withheld == 0) {
        out["low"] = {{"areas_changed", 0}};
        out["high"] = {{"areas_changed", 0}};
        return out;
    }
    const overlay::CaseCounts imputed = data.counts;
    for (const auto& [name, shift] :
         {std::make_pair("low", &data.shared.low_shift), std::make_pair("high", &data.shared.high_shift)}) {
        for (std::size_t i = 0; i < imputed.counts.size(); ++i) {
            data.counts.counts[i] = imputed.counts[i] + (*shift)[i];
        }
        ClusterGround extreme;
        extreme.variables = cluster_variables(config, data, AreaFields(data));
        extreme.partition = ground.partition;
        if (ground.containers) {
            extreme.containers = std::make_unique<Containers>(*ground.containers);
        }
        try {
            const Proposal proposal = solve_proposal(config, data, extreme, {});
            out[name] = {{"areas_changed", areas_changing_locality(region_of, proposal.result.region_of)}};
        } catch (const InfeasibleError& e) {
            out[name] = {{"areas_changed", nullptr}, {"infeasible", e.what()}};
        }
    }
    data.counts = imputed;
    return out;
}

}  // namespace locality::pipeline
