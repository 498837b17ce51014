// SPDX-License-Identifier: MIT
#include <chrono>
#include <ctime>
#include <unordered_map>

#include "locality/core/version.hpp"
#include "locality/io/connection.hpp"
#include "pipeline/share_package.hpp"
#include "summary.hpp"

namespace locality::pipeline {

namespace {

using json = nlohmann::ordered_json;

json file_json(const io::FileInfo& file, const std::string& label) {
    json out;
    out["source"] = label;
    if (file.is_file) {
        out["size_bytes"] = file.size_bytes;
        out["sha256"] = file.sha256;
    }
    return out;
}

std::string utc_timestamp() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

json parameters_json(const StageOptions& config) {
    json p;
    p["area_id_field"] = config.area_id_field;
    p["population_field"] = config.population_field.empty() ? json() : json(config.population_field);
    p["area_name_field"] = config.area_name_field.empty() ? json() : json(config.area_name_field);
    p["agency_spellings"] = config.merge_agency_spellings ? "merge" : "refuse";
    p["agency_names"] = config.agency_names_file.empty() ? json() : json(config.agency_names_file);
    p["areas_crs"] = config.areas_crs.empty() ? json() : json(config.areas_crs);
    p["agency_field"] = config.agency_field.empty() ? json() : json(config.agency_field);
    p["cases_crs"] = config.cases_crs.empty() ? json() : json(config.cases_crs);
    p["x_field"] = config.x_field.empty() ? json() : json(config.x_field);
    p["y_field"] = config.y_field.empty() ? json() : json(config.y_field);
    p["k"] = config.k > 0 ? json(config.k) : json();
    p["min_population"] = config.min_population > 0 ? json(config.min_population) : json();
    p["seed"] = config.seed;
    p["tolerance_m"] = config.tolerance_m;
    return p;
}

json cases_json(const OverlayData& data) {
    json agencies = json::array();
    json total = {{"read", 0}, {"assigned", 0}, {"outside", 0}, {"unlocated", 0}};
    for (const AgencyTally& tally : data.agencies) {
        agencies.push_back({{"agency", tally.name},
                            {"name", tally.full_name.empty() ? json() : json(tally.full_name)},
                            {"column", tally.column},
                            {"read", tally.read},
                            {"assigned", tally.assigned},
                            {"outside", tally.outside},
                            {"unlocated", tally.unlocated}});
        total["read"] = total["read"].get<std::int64_t>() + tally.read;
        total["assigned"] = total["assigned"].get<std::int64_t>() + tally.assigned;
        total["outside"] = total["outside"].get<std::int64_t>() + tally.outside;
        total["unlocated"] = total["unlocated"].get<std::int64_t>() + tally.unlocated;
    }
    json out;
    out["rule"] =
        "read = assigned + outside + unlocated, per agency; a point on a shared boundary goes to "
        "the area read first (lowest index) among those that cover it";
    out["agencies"] = agencies;
    out["total"] = total;
    return out;
}

json coverage_json(const CoverageReport& report) {
    auto issues = [](const std::vector<CoverageIssue>& list) {
        json out = json::array();
        for (const CoverageIssue& issue : list) {
            out.push_back({{"area_m2", issue.area_m2}, {"ids", issue.ids}});
        }
        return out;
    };
    return {
        {"overlap_pairs", report.overlap_pairs},
        {"overlap_m2", report.overlap_m2},
        {"gaps", report.gaps},
        {"gap_m2", report.gap_m2},
        {"gap_rule", "holes inside the union of the areas, smaller than the median area of one small area"},
        {"gap_threshold_m2", report.gap_threshold_m2},
        {"largest_overlaps", issues(report.worst_overlaps)},
        {"largest_gaps", issues(report.worst_gaps)}};
}

json areas_json(const OverlayData& data) {
    json out;
    out["count"] = data.areas.ids.size();
    out["id_field"] = data.areas.id_field;
    if (data.has_population()) {
        out["total_population"] = data.total_population();
        out["null_population_ids"] = data.areas.null_value_ids;
        std::size_t zero = 0;
        for (const double value : data.areas.values) {
            zero += value <= 0.0 ? 1 : 0;
        }
        out["zero_population_count"] = zero;
    }
    out["repaired_geometries"] = data.repaired_area_ids.size();
    out["repaired_ids"] = data.repaired_area_ids;
    out["skipped_ids"] = data.areas.empty_geometry_ids;
    out["dropped_after_repair_ids"] = data.dropped_area_ids;
    out["stray_parts"] = {{"rule",
                           "parts smaller than the tolerance squared and farther than the tolerance from "
                           "their area's largest part are dropped"},
                          {"dropped", data.stray_parts_dropped},
                          {"area_ids", data.stray_part_area_ids}};
    out["coverage"] = coverage_json(data.coverage);
    out["names"] = data.areas.names.empty() ? json() : json::object();
    return out;
}

json service_json(const OverlayData& data) {
    json out = json::array();
    for (const ServiceLayer& service : data.service_layers) {
        std::size_t uncovered = 0;
        for (const overlay::AreaShares& shares : service.shares) {
            uncovered += shares.shares.empty() ? 1 : 0;
        }
        json entry = file_json(service.file, service.layer.label);
        entry["name"] = service.name;
        entry["id_field"] = service.layer.id_field;
        entry["features"] = service.layer.ids.size();
        entry["crs"] = service.source_crs;  // as read, like the areas' and the cases' (not the working CRS)
        entry["repaired_geometries"] = service.repaired_ids.size();
        entry["repaired_ids"] = service.repaired_ids;
        entry["skipped_ids"] = service.layer.empty_geometry_ids;
        entry["areas_outside_every_service_area"] = uncovered;
        out.push_back(entry);
    }
    return out;
}

}  // namespace

void add_area_names(json& summary, const OverlayData& data, const std::vector<std::string>& ids) {
    if (ids.empty() || data.areas.names.size() != data.areas.ids.size()) {
        return;
    }
    std::unordered_map<std::string, std::size_t> index_of;
    for (std::size_t i = 0; i < data.areas.ids.size(); ++i) {
        index_of.emplace(data.areas.ids[i], i);
    }
    json& names = summary["areas"]["names"];
    for (const std::string& id : ids) {
        if (const auto at = index_of.find(id);
            at != index_of.end() && !data.areas.names[at->second].empty()) {
            names[id] = data.areas.names[at->second];
        }
    }
}

json overlay_summary(const StageOptions& config, const OverlayData& data, const std::string& command) {
    json summary;
    summary["locality_version"] = k_version;
    summary["command"] = command;
    summary["created"] = utc_timestamp();
    json command_line = json::array();
    for (const std::string& argument : config.command_line) {
        command_line.push_back(io::redact_credentials(argument));  // a PG: string may hold a password
    }
    summary["command_line"] = command_line;
    summary["parameters"] = parameters_json(config);
    if (!config.config_file.empty()) {
        summary["config_file"] = file_json(io::describe_source({config.config_file, {}}), config.config_file);
    }

    json inputs;
    inputs["areas"] = file_json(data.areas_file, data.areas.label);
    inputs["areas"]["driver"] = data.areas.driver;
    inputs["areas"]["crs"] = data.areas_source_crs;
    json cases = json::array();
    for (const CaseSourceRecord& record : data.case_sources) {
        json entry = file_json(record.file, record.label);
        entry["agency"] = record.agency.empty() ? json() : json(record.agency);
        entry["driver"] = record.stats.driver;
        if (!record.stats.x_field.empty()) {
            entry["x_field"] = record.stats.x_field;
            entry["y_field"] = record.stats.y_field;
        }
        std::int64_t read = 0;
        std::int64_t unlocated = 0;
        for (std::size_t a = 0; a < record.stats.read.size(); ++a) {
            read += record.stats.read[a];
            unlocated += record.stats.unlocated[a];
        }
        entry["read"] = read;
        entry["unlocated"] = unlocated;
        entry["inside"] = record.inside;
        entry["outside"] = record.outside;
        if (!record.crs.empty()) {
            entry["crs"] = record.crs;  // the CRS its points were read in, a layer's own included
        }
        if (record.stats.ragged_rows > 0) {
            entry["ragged_rows"] = {{"count", record.stats.ragged_rows},
                                    {"first_row", record.stats.first_ragged_row},
                                    {"header_fields", record.stats.header_fields}};
        }
        if (record.stats.empty_rows > 0) {
            entry["empty_rows"] = {{"count", record.stats.empty_rows},
                                   {"first_row", record.stats.first_empty_row}};
        }
        cases.push_back(entry);
    }
    inputs["cases"] = cases;
    summary["inputs"] = inputs;
    summary["working_crs"] = {{"name", data.working.name()},
                              {"units", data.working.is_defined() ? "metre" : "unknown (the layer's own)"},
                              {"wkt", data.working.wkt()}};
    summary["areas"] = areas_json(data);
    // The areas listed above by id (repaired, with a null population, with stray parts), named.
    add_area_names(summary, data, data.repaired_area_ids);
    add_area_names(summary, data, data.areas.null_value_ids);
    add_area_names(summary, data, data.stray_part_area_ids);
    summary["cases"] = cases_json(data);
    summary["service_areas"] = service_json(data);
    if (!data.shared.empty()) {
        summary["data_sharing"] = data_sharing_json(data);
    }
    return summary;
}

}  // namespace locality::pipeline
