// SPDX-License-Identifier: MIT
#include "cli_run.hpp"
#include "locality/core/error.hpp"
#include "locality/io/source_spec.hpp"

namespace locality::cli {

void add_input_options(CLI::App& command, CliRun& run) {
    pipeline::PipelineConfig& c = run.config;
    command.add_option("--areas", run.areas_text,
                       "Small areas (polygons): any GDAL source, a layer as 'file.gpkg|layername=NAME'")
        ->type_name("SOURCE")
        ->required()
        ->group("Inputs");
    command.add_option("--area-id", c.area_id_field, "Field that identifies each small area (unique)")
        ->type_name("FIELD")
        ->required()
        ->group("Inputs");
    command.add_option("--population", c.population_field, "Numeric field with each area's residents")
        ->type_name("FIELD")
        ->group("Inputs");
    command.add_option("--cases", run.cases_text,
                       "Case points, repeatable: [AGENCY=]SOURCE (CSV with coordinate columns, or any GDAL "
                       "point layer)")
        ->type_name("[AGENCY=]SOURCE")
        ->required()
        ->group("Inputs");
    command.add_option("--agency-field", c.agency_field, "Field holding each case's agency (for sources without AGENCY=)")
        ->type_name("FIELD")
        ->group("Inputs");
    command.add_option("--cases-crs", c.cases_crs, "CRS of CSV coordinates (and of layers without one)")
        ->type_name("CRS")
        ->default_val("EPSG:4326")
        ->group("Inputs");
    command.add_option("--x-field", c.x_field, "CSV column of the x / longitude (default: detected by name)")
        ->type_name("FIELD")
        ->group("Inputs");
    command.add_option("--y-field", c.y_field, "CSV column of the y / latitude (default: detected by name)")
        ->type_name("FIELD")
        ->group("Inputs");
    command.add_option("--service-areas", run.service_areas_text,
                       "An agency's existing service areas, repeatable: NAME=SOURCE")
        ->type_name("NAME=SOURCE")
        ->group("Inputs");
    command.add_option("--service-area-id", run.service_area_id_text,
                       "Id field of a service-area layer, repeatable: NAME=FIELD (default: detected)")
        ->type_name("NAME=FIELD")
        ->group("Inputs");
    command.add_option("--tolerance", c.tolerance_m,
                       "Areas closer than this many metres count as neighbours (gaps in real boundary files)")
        ->type_name("METRES")
        ->default_val(1.0)
        ->check(CLI::Range(0.0, 10000.0))
        ->group("Inputs");
}

void add_run_options(CLI::App& command, CliRun& run) {
    pipeline::PipelineConfig& c = run.config;
    command.add_option("--output,-o", c.output_dir, "Folder that receives the outputs (created if missing)")
        ->type_name("DIR")
        ->required()
        ->group("Output");
    command.add_flag("--overwrite", c.overwrite, "Replace existing output files")->group("Output");
    command.add_flag("--json", run.json, "Print summary.json to stdout")->group("Output");
    command.add_flag("--quiet,-q", run.quiet, "Only errors on stderr")->group("Output");
    command.add_flag("-v,--verbose", run.verbose, "More detail on stderr (repeatable)")->group("Output");
    auto* progress = command.add_flag("--progress", run.progress_flag, "Show progress (the default: a bar on a terminal, plain lines otherwise)")
                         ->group("Output");
    command.add_flag("--no-progress", run.no_progress_flag, "Never show progress")->excludes(progress)->group("Output");
    command.add_option("--threads", run.threads, "Worker threads (default: all cores); results do not depend on it")
        ->type_name("N")
        ->check(CLI::Range(1, 1024))
        ->group("Output");
}

void finish_parse(CliRun& run) {
    pipeline::PipelineConfig& c = run.config;
    c.areas = io::parse_source(run.areas_text);
    c.cases.clear();
    for (const std::string& text : run.cases_text) {
        c.cases.push_back(io::parse_tagged_source(text, false));
    }
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
}

}  // namespace locality::cli
