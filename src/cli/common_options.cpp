// SPDX-License-Identifier: MIT
#include <string>

#include "cli_run.hpp"
#include "locality/core/error.hpp"
#include "locality/io/source_spec.hpp"
#include "sweep_options.hpp"

namespace locality::cli {

namespace {

// Every input option names its value in --help and is listed under "Inputs".
template <typename T>
CLI::Option* add_input(CLI::App& command, const std::string& name, T& target, const std::string& help,
                       const std::string& value_name) {
    return command.add_option(name, target, help)->type_name(value_name)->group("Inputs");
}

}  // namespace

void add_area_options(CLI::App& command, CliRun& run) {
    AllOptions& c = run.config;
    add_input(command, "--areas", run.areas_text,
              "Small areas (polygons): any GDAL source, a layer as 'file.gpkg|layername=NAME'", "SOURCE")
        ->required();
    add_input(
        command, "--area-id", c.area_id_field,
        "Field that identifies each small area (unique); FID = the feature ids, for a layer without one",
        "FIELD")
        ->required();
    add_input(
        command, "--area-name", c.area_name_field,
        "Text field naming each small area, carried beside the id into assignment.csv and the areas layer",
        "FIELD");
    add_input(command, "--population", c.population_field, "Numeric field with each area's residents",
              "FIELD");
    add_input(
        command, "--areas-crs", c.areas_crs,
        "CRS of the areas, overriding what the layer declares (e.g. TopoJSON, a shapefile without .prj, "
        "a GeoPackage written without a CRS)",
        "CRS");
}

void add_input_options(CLI::App& command, CliRun& run) {
    AllOptions& c = run.config;
    add_area_options(command, run);
    add_input(
        command, "--cases", run.cases_text,
        "Case points, repeatable: [AGENCY=]SOURCE (CSV with coordinate columns, or any GDAL point layer); a "
        "source may carry its own options, which win over the global ones: "
        "'social_care=refs.csv|crs=EPSG:27700|x=Easting|y=Northing', 'all.csv|agency_field=owner'",
        "[AGENCY=]SOURCE[|crs=CRS][|x=F|y=F][|agency_field=F]")
        ->required();
    add_input(command, "--agency-field", c.agency_field,
              "Field holding each case's agency (for sources without AGENCY= or |agency_field=)", "FIELD");
    add_input(command, "--agency-spellings", run.agency_spellings_text,
              "Agency names that differ only in case or punctuation ('Social Care', 'social-care'): refuse "
              "(the default) or merge them into one agency",
              "refuse|merge")
        ->check(CLI::IsMember({"refuse", "merge"}));
    add_input(
        command, "--agency-names", c.agency_names_file,
        "CSV with a header and two columns, agency,name: the full name the report shows for each agency "
        "code (e.g. NYPD,New York City Police Department); the data columns keep the code",
        "FILE");
    add_input(command, "--cases-crs", c.cases_crs,
              "CRS of CSV coordinates (default EPSG:4326); for a layer of points it overrides the CRS the "
              "layer declares (a GeoJSON without a crs member reads as EPSG:4326); a source's |crs= wins",
              "CRS");
    add_input(command, "--x-field", c.x_field, "CSV column of the x / longitude (default: detected by name)",
              "FIELD");
    add_input(command, "--y-field", c.y_field, "CSV column of the y / latitude (default: detected by name)",
              "FIELD");
    add_input(command, "--service-areas", run.service_areas_text,
              "An agency's existing service areas, repeatable: NAME=SOURCE", "NAME=SOURCE");
    add_input(command, "--service-area-id", run.service_area_id_text,
              "Id field of a service-area layer, repeatable: NAME=FIELD (default: detected)", "NAME=FIELD");
    command
        .add_flag("--overlay-in-database", run.config.overlay_in_database,
                  "Count the cases of PostGIS sources inside the database that holds the PostGIS areas: "
                  "only the counts per area travel")
        ->group("Inputs");
    add_tolerance_option(command, run);
}

void add_tolerance_option(CLI::App& command, CliRun& run) {
    add_input(
        command, "--tolerance", run.config.tolerance_m,
        "Areas closer than this many metres count as neighbours (gaps in real boundary files); in the "
        "layer's own units for regionalize on areas without a CRS (default there: a millionth of the extent)",
        "METRES")
        ->default_val(1.0)
        ->check(CLI::Range(0.0, 10000.0));
}

void add_run_options(CLI::App& command, CliRun& run) {
    AllOptions& c = run.config;
    command
        .add_option("--output,-o", c.output_dir,
                    "Folder that receives the outputs (created if missing), or a PostGIS database "
                    "'PG:dbname=NAME' that receives them as tables")
        ->type_name("DIR|PG:...")
        ->required()
        ->group("Output");
    command.add_flag("--overwrite", c.overwrite, "Replace existing output files")->group("Output");
    command
        .add_option("--table-prefix", c.table_prefix,
                    "With --output PG:..., prefix of the tables written, optionally after a schema "
                    "(default 'locality_')")
        ->type_name("[SCHEMA.]PREFIX")
        ->group("Output");
    command.add_flag("--json", run.json, "Print summary.json to stdout")->group("Output");
    command.add_flag("--quiet,-q", run.quiet, "Only errors on stderr")->group("Output");
    command.add_flag("-v,--verbose", run.verbose, "More detail on stderr (repeatable)")->group("Output");
    auto* progress = command
                         .add_flag("--progress", run.progress_flag,
                                   "Show progress (the default: a bar on a terminal, plain lines otherwise)")
                         ->group("Output");
    command.add_flag("--no-progress", run.no_progress_flag, "Never show progress")
        ->excludes(progress)
        ->group("Output");
    command
        .add_option(
            "--max-memory", c.max_memory_bytes,
            "Memory budget, e.g. 500M or 2G: a run whose estimated peak (from the areas' vertices, the "
            "agencies and --threads) exceeds it is refused before the heavy work")
        ->type_name("SIZE")
        ->transform(CLI::AsSizeValue(false))
        ->group("Output");
    command
        .add_option("--threads", run.threads,
                    "Worker threads, 0 = all cores (the default); results do not depend on it")
        ->type_name("N")
        ->check(CLI::Range(0, 1024))
        ->group("Output");
}

void finish_parse(CliRun& run) {
    AllOptions& c = run.config;
    finish_sweep_options(run);
    c.areas = io::parse_source(run.areas_text);
    c.cases.clear();
    for (const std::string& text : run.cases_text) {
        c.cases.push_back(io::parse_case_source(text));
    }
    c.merge_agency_spellings = run.agency_spellings_text == "merge";
    c.service_areas.clear();
    for (const std::string& text : run.service_areas_text) {
        c.service_areas.push_back(io::parse_tagged_source(text, true));
    }
    c.service_area_id_fields.clear();
    for (const std::string& text : run.service_area_id_text) {
        const std::size_t eq = text.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
            throw UsageError("--service-area-id '" + text + "' must be NAME=FIELD");
        }
        c.service_area_id_fields.emplace_back(text.substr(0, eq), text.substr(eq + 1));
    }
    c.service_agencies.clear();
    for (const std::string& text : run.service_agency_text) {
        const std::size_t eq = text.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
            throw UsageError("--service-agency '" + text + "' must be LAYER=AGENCY (e.g. police=NYPD)");
        }
        c.service_agencies.emplace_back(text.substr(0, eq), text.substr(eq + 1));
    }
    c.assignment = run.assignment_text.empty() ? io::SourceSpec{} : io::parse_source(run.assignment_text);
    c.localities = run.localities_text.empty() ? io::SourceSpec{} : io::parse_source(run.localities_text);
    c.plans.clear();
    for (const std::string& text : run.plans_text) {
        c.plans.push_back(io::parse_tagged_source(text, false));
    }
    finish_cluster_parse(run);
}

}  // namespace locality::cli
