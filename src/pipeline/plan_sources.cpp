// SPDX-License-Identifier: MIT
#include "plan_sources.hpp"

#include <filesystem>
#include <set>

#include "locality/core/error.hpp"
#include "locality/io/attribute_table.hpp"
#include "locality/io/connection.hpp"

namespace locality::pipeline {

namespace {

namespace fs = std::filesystem;

// A plan's default name: the folder's or the file's (without extension), or the layer chosen.
std::string default_name(const io::SourceSpec& source, bool folder) {
    if (!source.layer.empty()) {
        return source.layer;
    }
    const fs::path path = fs::path(source.path).lexically_normal();
    const fs::path last = path.filename().empty() ? path.parent_path().filename() : path.filename();
    return folder ? last.string() : last.stem().string();
}

PlanSource resolve_one(const StageOptions& config, const io::TaggedSource& tagged) {
    PlanSource plan;
    plan.given = tagged.source.label();
    plan.config = config;
    plan.config.plans.clear();
    plan.config.assignment = {};
    plan.config.localities = {};
    const io::SourceSpec& source = tagged.source;
    std::error_code ec;
    const bool folder =
        !io::is_postgres_connection(source.path) && source.layer.empty() && fs::is_directory(source.path, ec);
    plan.name = tagged.tag.empty() ? default_name(source, folder) : tagged.tag;
    const std::string role = "plan '" + plan.name + "'";
    if (folder) {
        plan.kind = "folder";
        // What propose and evaluate write, with the fields they write.
        plan.config.assignment_area_field = "area_id";
        plan.config.locality_field = "locality";
        const fs::path csv = fs::path(source.path) / "assignment.csv";
        const fs::path gpkg = fs::path(source.path) / "localities.gpkg";
        if (fs::is_regular_file(csv, ec)) {
            plan.config.assignment.path = csv.string();
        } else if (fs::is_regular_file(gpkg, ec)) {
            plan.config.assignment = {gpkg.string(), "areas"};
        } else {
            throw InputError(
                role + ": folder '" + plan.given +
                "' holds neither assignment.csv nor localities.gpkg; "
                "give a folder written by locality propose or evaluate, an assignment or a boundary "
                "layer");
        }
        return plan;
    }
    // A table without geometry (a CSV, a spreadsheet) can only be an assignment: read as one, the field
    // it lacks is named (taken as polygons, it was refused for having no polygon features).
    if (io::has_fields(source, {config.assignment_area_field, config.locality_field}, role) ||
        !io::has_geometry(source, role)) {
        plan.kind = "assignment";
        plan.config.assignment = source;
    } else {
        plan.kind = "localities";
        plan.config.localities = source;
    }
    return plan;
}

}  // namespace

std::vector<PlanSource> resolve_plans(const StageOptions& config) {
    if (config.plans.size() < 2) {
        throw UsageError(
            "compare needs at least two plans (output folders, assignments or boundary layers); "
            "score a single one with locality evaluate");
    }
    std::vector<PlanSource> out;
    std::set<std::string> names;
    for (const io::TaggedSource& tagged : config.plans) {
        out.push_back(resolve_one(config, tagged));
        if (!names.insert(out.back().name).second) {
            throw UsageError("two plans are named '" + out.back().name +
                             "'; name each one: NAME=SOURCE (e.g. "
                             "today=precincts.gpkg)");
        }
    }
    return out;
}

}  // namespace locality::pipeline
