// SPDX-License-Identifier: MIT
#include "verb_commands.hpp"

namespace locality::cli {

namespace {

constexpr const char* k_group = "Localities";

}  // namespace

template <>
void EvaluateCommand::setup(CLI::App& command) {
    add_input_options(command, m_run);
    AllOptions& c = m_run.config;
    auto* assignment =
        command
            .add_option("--assignment", m_run.assignment_text,
                        "The localities as a table of area id and locality: a CSV, or any GDAL layer such as "
                        "the areas layer of localities.gpkg")
            ->type_name("SOURCE")
            ->group(k_group);
    command.add_option("--assignment-area-field", c.assignment_area_field, "Area id field of --assignment")
        ->type_name("FIELD")
        ->default_val("area_id")
        ->group(k_group);
    command.add_option("--locality-field", c.locality_field, "Locality field of --assignment")
        ->type_name("FIELD")
        ->default_val("locality")
        ->group(k_group);
    auto* localities =
        command
            .add_option(
                "--localities", m_run.localities_text,
                "The localities as polygons (e.g. today's police sectors); each area goes to the polygon "
                "covering most of it")
            ->type_name("SOURCE")
            ->group(k_group)
            ->excludes(assignment);
    assignment->excludes(localities);
    command.add_option("--locality-id", c.locality_id_field, "Id field of --localities (default: detected)")
        ->type_name("FIELD")
        ->group(k_group);
    add_bound_options(command, m_run, /*with_cases=*/true, /*with_sweeps=*/false);
    command
        .add_flag(
            "--strict", c.strict,
            "Exit 1 when a locality is not contiguous, breaches a bound or an area is left out (default: "
            "reported, exit 0)")
        ->group(k_group);
    add_run_options(command, m_run);
    add_publication_options(command, m_run);
    command.footer(
        "Writes what propose writes (localities.geojson with localities.qml, localities.gpkg, "
        "assignment.csv, summary.json with `evaluation` and `disruption`, report.html). See "
        "docs/cli/evaluate.md and docs/output.md.");
}

}  // namespace locality::cli
