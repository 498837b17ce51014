// SPDX-License-Identifier: MIT
// Earlier runs' published tables read back from their output folders (decision 0041). Everything
// comes from the files partners hold (summary.json, the assignments, the locality layers,
// area_counts.csv), and every published count is checked against this run's counts: a folder made
// from other cases cannot be mistaken for a release of these.
#include "released_runs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_map>

#include "inputs.hpp"
#include "locality/core/error.hpp"
#include "locality/io/attribute_table.hpp"
#include "locality/io/file_info.hpp"

namespace locality::pipeline {

namespace {

using SummaryJson = nlohmann::json;  // as read (key order does not matter)

std::string in_folder(const std::string& folder, const std::string& name) {
    return (std::filesystem::path(folder) / name).string();
}

[[noreturn]] void refuse(const std::string& folder, const std::string& what) {
    throw InputError(fmt::format("--released {}: {}", folder, what));
}

SummaryJson read_summary(const std::string& folder) {
    std::ifstream in(in_folder(folder, "summary.json"), std::ios::binary);
    if (!in) {
        refuse(folder,
               "no summary.json there: give the output folder of an earlier locality run "
               "(propose, evaluate or overlay), as it was handed over");
    }
    SummaryJson summary;
    try {
        summary = SummaryJson::parse(in);
    } catch (const SummaryJson::exception&) {
        refuse(folder, "its summary.json is not JSON: not a locality output folder");
    }
    if (!summary.is_object() || !summary.contains("locality_version") || !summary.contains("command")) {
        refuse(folder, "its summary.json was not written by locality: not a locality output folder");
    }
    const std::string command = summary["command"].is_string() ? summary["command"].get<std::string>() : "";
    if (command != "propose" && command != "evaluate" && command != "overlay") {
        refuse(folder,
               fmt::format("it is the output of `locality {}`, which publishes no case counts of "
                           "localities or areas: give the folders of propose, evaluate or overlay runs",
                           command));
    }
    return summary;
}

/** A number of summary.json at `path` (keys), or `fallback` when absent. */
std::int64_t number_at(const SummaryJson& summary, const std::vector<std::string>& path,
                       std::int64_t fallback) {
    const SummaryJson* at = &summary;
    for (const std::string& key : path) {
        if (!at->is_object() || !at->contains(key)) {
            return fallback;
        }
        at = &(*at)[key];
    }
    return at->is_number_integer() ? at->get<std::int64_t>() : fallback;
}

void check_rules(const std::string& folder, const SummaryJson& summary, std::int64_t threshold) {
    const std::int64_t theirs = number_at(summary, {"parameters", "suppress_below"}, -1);
    if (theirs != threshold) {
        refuse(folder,
               fmt::format("made with --suppress-below {}, this run {}: give the same threshold (a "
                           "reader of both would hold two patterns of other rules)",
                           theirs < 0 ? std::string("(none recorded)") : std::to_string(theirs), threshold));
    }
}

/** The same agencies with the same assigned cases, and the same case files where both name theirs. */
void check_cases(const std::string& folder, const SummaryJson& summary, const OverlayData& data) {
    const SummaryJson agencies = summary.contains("cases") && summary["cases"].is_object()
                                     ? summary["cases"].value("agencies", SummaryJson::array())
                                     : SummaryJson::array();
    std::map<std::string, std::int64_t> theirs;
    for (const SummaryJson& agency : agencies) {
        if (agency.is_object() && agency.contains("column") && agency["column"].is_string()) {
            theirs[agency["column"].get<std::string>()] = number_at(agency, {"assigned"}, -1);
        }
    }
    for (const AgencyTally& agency : data.agencies) {
        const auto found = theirs.find(agency.column);
        if (found == theirs.end()) {
            refuse(folder,
                   fmt::format("made from other cases: it has no agency {} (this run's {} has {} cases)",
                               agency.column, agency.name, agency.assigned));
        }
        if (found->second != agency.assigned) {
            refuse(folder,
                   fmt::format("made from other cases: {} has {} cases located in the areas there, {} "
                               "here",
                               agency.column, found->second, agency.assigned));
        }
        theirs.erase(found);
    }
    if (!theirs.empty()) {
        refuse(folder, fmt::format("made from other cases: it has agency {}, which this run's cases lack",
                                   theirs.begin()->first));
    }
    std::vector<std::string> their_files;
    if (summary.contains("inputs") && summary["inputs"].is_object()) {
        for (const SummaryJson& source : summary["inputs"].value("cases", SummaryJson::array())) {
            if (source.is_object() && source.contains("sha256") && source["sha256"].is_string()) {
                their_files.push_back(source["sha256"].get<std::string>());
            }
        }
    }
    std::vector<std::string> our_files;
    for (const CaseSourceRecord& record : data.case_sources) {
        if (!record.file.sha256.empty()) {
            our_files.push_back(record.file.sha256);
        }
    }
    std::sort(their_files.begin(), their_files.end());
    std::sort(our_files.begin(), our_files.end());
    if (!their_files.empty() && !our_files.empty() && their_files != our_files) {
        refuse(folder,
               "made from other case files (their SHA-256s in its summary.json's inputs.cases differ "
               "from this run's): give the folders of runs over the same case files");
    }
}

/** Parses a published count ("" = withheld). */
std::optional<std::int64_t> count_of(const std::string& folder, const std::string& label,
                                     const std::string& text) {
    if (text.empty()) {
        return std::nullopt;
    }
    std::size_t used = 0;
    std::int64_t value = -1;
    try {
        value = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || value < 0) {
        refuse(folder, fmt::format("{} holds '{}', not a count: the file was changed after the run wrote it",
                                   label, text));
    }
    return value;
}

class AreaIndex {
public:
    explicit AreaIndex(const OverlayData& data) {
        for (std::size_t z = 0; z < data.areas.ids.size(); ++z) {
            m_index.emplace(data.areas.ids[z], z);
        }
    }
    std::size_t at(const std::string& folder, const std::string& label, const std::string& id) const {
        const auto found = m_index.find(id);
        if (found == m_index.end()) {
            refuse(folder,
                   fmt::format("{} names area '{}', which this run's areas do not have: made over other "
                               "areas",
                               label, id));
        }
        return found->second;
    }

private:
    std::unordered_map<std::string, std::size_t> m_index;
};

/** An assignment file: each area's locality (0-based, in the order of the locality numbers). */
struct ReleasedAssignment {
    std::vector<RegionId> region_of;
    std::vector<std::string> numbers;  ///< per locality: its number as published
};

ReleasedAssignment read_assignment(const std::string& folder, const std::string& name,
                                   const OverlayData& data, const AreaIndex& areas) {
    const io::TextColumns table =
        io::read_text_columns({in_folder(folder, name), ""}, {"area_id", "locality"}, "released assignment");
    std::vector<std::string> locality_of(data.areas.ids.size());
    std::vector<bool> seen(data.areas.ids.size(), false);
    std::map<std::int64_t, std::string> numbers;
    for (const std::vector<std::string>& row : table.rows) {
        const std::size_t z = areas.at(folder, name, row[0]);
        const std::optional<std::int64_t> number = count_of(folder, name + " (locality)", row[1]);
        if (seen[z] || !number) {
            refuse(folder, fmt::format("{} gives area '{}' {}: the file was changed after the run wrote it",
                                       name, row[0], seen[z] ? "twice" : "no locality"));
        }
        seen[z] = true;
        locality_of[z] = row[1];
        numbers[*number] = row[1];
    }
    if (const auto missing = std::find(seen.begin(), seen.end(), false); missing != seen.end()) {
        refuse(folder, fmt::format("{} lacks area '{}' of this run's areas: made over other areas", name,
                                   data.areas.ids[static_cast<std::size_t>(missing - seen.begin())]));
    }
    ReleasedAssignment out;
    std::map<std::string, RegionId> index;
    for (const auto& entry : numbers) {
        index[entry.second] = static_cast<RegionId>(out.numbers.size());
        out.numbers.push_back(entry.second);
    }
    for (const std::string& number : locality_of) {
        out.region_of.push_back(index.at(number));
    }
    return out;
}

/** Each locality's true counts (agencies, then the total) from this run's area counts. */
std::vector<std::vector<std::int64_t>> locality_counts(const OverlayData& data,
                                                       const std::vector<RegionId>& region_of,
                                                       std::size_t localities) {
    const std::size_t agencies = data.agencies.size();
    std::vector<std::vector<std::int64_t>> out(localities, std::vector<std::int64_t>(agencies + 1, 0));
    for (std::size_t z = 0; z < region_of.size(); ++z) {
        std::vector<std::int64_t>& row = out[static_cast<std::size_t>(region_of[z])];
        for (std::size_t a = 0; a < agencies; ++a) {
            row[a] += data.counts.at(static_cast<ZoneId>(z), a);
        }
        row[agencies] += data.counts.zone_total(static_cast<ZoneId>(z));
    }
    return out;
}

/**
 * The withheld counts of a published locality layer, each published count checked against this
 * run's counts. A GeoJSON layer leaves out a count field null in every locality: withheld everywhere.
 */
disclosure::Withheld read_locality_layer(const std::string& folder, const io::SourceSpec& layer,
                                         const ReleasedAssignment& assignment, const OverlayData& data) {
    const std::size_t agencies = data.agencies.size();
    std::vector<std::string> columns;
    for (const AgencyTally& agency : data.agencies) {
        columns.push_back(agency.column);
    }
    columns.push_back("cases_total");
    std::vector<std::string> fields{"locality"};
    std::vector<std::size_t> field_of(columns.size(), 0);  // 0: not in the layer
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (io::has_fields(layer, {columns[c]}, "released localities")) {
            field_of[c] = fields.size();
            fields.push_back(columns[c]);
        }
    }
    const io::TextColumns table = io::read_text_columns(layer, fields, "released localities");
    const std::size_t localities = assignment.numbers.size();
    const std::vector<std::vector<std::int64_t>> truth =
        locality_counts(data, assignment.region_of, localities);
    disclosure::Withheld out{std::vector<std::vector<bool>>(localities, std::vector<bool>(agencies, true)),
                             std::vector<bool>(localities, true), 0};
    std::vector<bool> seen(localities, false);
    for (const std::vector<std::string>& row : table.rows) {
        const auto number = std::find(assignment.numbers.begin(), assignment.numbers.end(), row[0]);
        const auto l = static_cast<std::size_t>(number - assignment.numbers.begin());
        if (number == assignment.numbers.end() || seen[l]) {
            refuse(folder,
                   fmt::format("{} has locality '{}' {}: the files were changed after the run wrote them",
                               layer.label(), row[0],
                               number == assignment.numbers.end() ? "that its assignment lacks" : "twice"));
        }
        seen[l] = true;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const std::optional<std::int64_t> published =
                field_of[c] == 0 ? std::nullopt
                                 : count_of(folder, layer.label() + " " + columns[c], row[field_of[c]]);
            if (published && *published != truth[l][c]) {
                refuse(folder,
                       fmt::format("made from other cases: locality {}'s {} is {} in {}, {} with this run's "
                                   "cases",
                                   row[0], columns[c], *published, layer.label(), truth[l][c]));
            }
            const bool withheld = !published;
            if (c < agencies) {
                out.cells[l][c] = withheld;
            } else {
                out.totals[l] = withheld;
            }
            out.count += withheld ? 1 : 0;
        }
    }
    if (const auto missing = std::find(seen.begin(), seen.end(), false); missing != seen.end()) {
        refuse(
            folder,
            fmt::format("{} lacks locality {} of its assignment: the files were changed after the run "
                        "wrote them",
                        layer.label(), assignment.numbers[static_cast<std::size_t>(missing - seen.begin())]));
    }
    return out;
}

/** The published area counts (area_counts.csv), checked against this run's counts. */
disclosure::Withheld read_area_counts(const std::string& folder, const OverlayData& data,
                                      const AreaIndex& areas) {
    const std::size_t agencies = data.agencies.size();
    std::vector<std::string> fields{"area_id"};
    for (const AgencyTally& agency : data.agencies) {
        fields.push_back(agency.column);
    }
    fields.push_back("cases_total");
    const io::TextColumns table =
        io::read_text_columns({in_folder(folder, "area_counts.csv"), ""}, fields, "released area counts");
    const std::size_t count = data.areas.ids.size();
    disclosure::Withheld out{std::vector<std::vector<bool>>(count, std::vector<bool>(agencies, false)),
                             std::vector<bool>(count, false), 0};
    if (table.rows.size() != count) {
        refuse(folder,
               fmt::format("its area_counts.csv has {} rows for this run's {} areas: made over other areas",
                           table.rows.size(), count));
    }
    for (const std::vector<std::string>& row : table.rows) {
        const std::size_t z = areas.at(folder, "area_counts.csv", row[0]);
        for (std::size_t c = 0; c <= agencies; ++c) {
            const std::optional<std::int64_t> published =
                count_of(folder, "area_counts.csv " + fields[c + 1], row[c + 1]);
            const std::int64_t truth = c < agencies ? data.counts.at(static_cast<ZoneId>(z), c)
                                                    : data.counts.zone_total(static_cast<ZoneId>(z));
            if (published && *published != truth) {
                refuse(folder,
                       fmt::format("made from other cases: area '{}''s {} is {} in area_counts.csv, {} with "
                                   "this run's cases",
                                   row[0], fields[c + 1], *published, truth));
            }
            if (c < agencies) {
                out.cells[z][c] = !published;
            } else {
                out.totals[z] = !published;
            }
            out.count += published ? 0 : 1;
        }
    }
    return out;
}

/** The locality layer published beside assignment file `name` (TAG from `assignment_TAG.csv`). */
std::optional<io::SourceSpec> locality_layer(const std::string& folder,
                                             const std::vector<std::string>& outputs,
                                             const std::string& tag) {
    auto has = [&](const std::string& file) {
        return std::find(outputs.begin(), outputs.end(), file) != outputs.end();
    };
    const std::string gpkg = tag.empty() ? "localities.gpkg" : "scenarios.gpkg";
    const std::string suffix = tag.empty() ? "" : "_" + tag;
    // The GeoPackage keeps every field, typed; the GeoJSON leaves out a field null everywhere.
    if (has(gpkg)) {
        return io::SourceSpec{in_folder(folder, gpkg), "localities" + suffix};
    }
    if (has("localities" + suffix + ".geojson")) {
        return io::SourceSpec{in_folder(folder, "localities" + suffix + ".geojson"), ""};
    }
    return std::nullopt;
}

ReleasedRun read_released_run(const std::string& folder, const OverlayData& data, std::int64_t threshold) {
    const SummaryJson summary = read_summary(folder);
    check_rules(folder, summary, threshold);
    check_cases(folder, summary, data);
    std::vector<std::string> outputs;
    for (const SummaryJson& name : summary.value("outputs", SummaryJson::array())) {
        if (name.is_string()) {
            outputs.push_back(name.get<std::string>());
        }
    }
    const AreaIndex areas(data);
    ReleasedRun out;
    out.folder = folder;
    // Its shares enter the audit as windows where this run reads the same service layer (decision 0042).
    const SummaryJson services = summary.value("service_areas", SummaryJson::array());
    const std::vector<std::size_t> ours = same_service_layers(services, data);
    std::vector<std::string> same_names;
    std::vector<std::size_t> same;
    for (std::size_t i = 0; i < ours.size(); ++i) {
        const std::string name = services[i].is_object() ? services[i].value("name", "") : "";
        if (ours[i] < data.service_layers.size()) {
            same_names.push_back(name);
            same.push_back(ours[i]);
        } else {
            out.shares_not_rebuilt.push_back(name);
        }
    }
    nlohmann::ordered_json tables = nlohmann::ordered_json::array();
    for (const std::string& name : outputs) {
        const bool single = name == "assignment.csv";
        const bool scenario = name.rfind("assignment_", 0) == 0 && name.size() > 15 &&
                              name.compare(name.size() - 4, 4, ".csv") == 0;
        if (!single && !scenario) {
            continue;
        }
        const std::string tag = single ? "" : name.substr(11, name.size() - 15);
        const std::optional<io::SourceSpec> layer = locality_layer(folder, outputs, tag);
        if (!layer) {
            refuse(folder,
                   fmt::format("{} has no locality layer beside it (localities{}.geojson or a GeoPackage) "
                               "to read its published counts from",
                               name, tag.empty() ? "" : "_" + tag));
        }
        const ReleasedAssignment assignment = read_assignment(folder, name, data, areas);
        out.withheld.push_back(read_locality_layer(folder, *layer, assignment, data));
        out.partitions.push_back(assignment.region_of);
        const std::vector<ReleasedShare> shares = read_released_shares(
            folder, *layer, out.partitions.size() - 1, assignment.numbers, same_names, same);
        out.shares.insert(out.shares.end(), shares.begin(), shares.end());
        tables.push_back(std::filesystem::path(layer->path).filename().string() +
                         (layer->layer.empty() ? "" : "|layername=" + layer->layer));
    }
    const bool area_counts = std::find(outputs.begin(), outputs.end(), "area_counts.csv") != outputs.end();
    if (area_counts) {
        out.area_counts = read_area_counts(folder, data, areas);
    }
    const io::FileInfo file = io::describe_source({in_folder(folder, "summary.json"), ""});
    out.record = {{"folder", folder},
                  {"command", summary["command"]},
                  {"created", summary.value("created", SummaryJson())},
                  {"summary_sha256", file.sha256},
                  {"locality_tables", tables},
                  {"area_counts", area_counts},
                  {"share_windows", out.shares.size()},
                  {"share_layers_not_rebuilt", out.shares_not_rebuilt}};
    return out;
}

}  // namespace

std::vector<ReleasedRun> read_released_runs(const StageOptions& config, const OverlayData& data) {
    std::vector<ReleasedRun> out;
    for (const std::string& folder : config.released) {
        out.push_back(read_released_run(folder, data, config.suppress_below));
    }
    return out;
}

void check_released_area_counts(const std::vector<ReleasedRun>& released, const disclosure::Withheld& base) {
    for (const ReleasedRun& run : released) {
        if (!run.area_counts) {
            continue;
        }
        if (run.area_counts->cells != base.cells || run.area_counts->totals != base.totals) {
            refuse(run.folder,
                   fmt::format("its area_counts.csv withholds {} area counts where these cases' one "
                               "pattern withholds {}: made by another version of locality or other "
                               "rules; run it again with this version",
                               run.area_counts->count, base.count));
        }
    }
}

nlohmann::ordered_json released_json(const std::vector<ReleasedRun>& released) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const ReleasedRun& run : released) {
        out.push_back(run.record);
    }
    return out;
}

}  // namespace locality::pipeline
