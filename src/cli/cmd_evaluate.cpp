// SPDX-License-Identifier: MIT
#include "cli_run.hpp"

namespace locality::cli {

namespace {

constexpr const char* k_group = "Localities";

}  // namespace

void register_evaluate(CLI::App& app, CliRun& run) {
    CLI::App* command = app.add_subcommand(
        "evaluate",
        "Score given localities (an assignment or boundary polygons) as propose scores its own, "
        "with each partner's cost");
    add_input_options(*command, run);
    AllOptions& c = run.config;
    auto* assignment =
        command
            ->add_option(
                "--assignment", run.assignment_text,
                "The localities as a table of area id and locality: a CSV, or any GDAL layer such as "
                "the areas layer of localities.gpkg")
            ->type_name("SOURCE")
            ->group(k_group);
    command->add_option("--assignment-area-field", c.assignment_area_field, "Area id field of --assignment")
        ->type_name("FIELD")
        ->default_val("area_id")
        ->group(k_group);
    command->add_option("--locality-field", c.locality_field, "Locality field of --assignment")
        ->type_name("FIELD")
        ->default_val("locality")
        ->group(k_group);
    auto* localities =
        command
            ->add_option(
                "--localities", run.localities_text,
                "The localities as polygons (e.g. today's police sectors); each area goes to the polygon "
                "covering most of it")
            ->type_name("SOURCE")
            ->group(k_group)
            ->excludes(assignment);
    assignment->excludes(localities);
    command->add_option("--locality-id", c.locality_id_field, "Id field of --localities (default: detected)")
        ->type_name("FIELD")
        ->group(k_group);
    add_bound_options(*command, run, /*with_cases=*/true, /*with_sweeps=*/false);
    command
        ->add_flag(
            "--strict", c.strict,
            "Exit 1 when a locality is not contiguous, breaches a bound or an area is left out (default: "
            "reported, exit 0)")
        ->group(k_group);
    add_run_options(*command, run);
    add_publication_options(*command, run);
    command->footer(
        "Writes what propose writes (localities.geojson with localities.qml, localities.gpkg, "
        "assignment.csv, summary.json with `evaluation` and `disruption`, report.html). See "
        "docs/cli/evaluate.md and docs/output.md.");
    command->callback([&run]() { run.verb = Verb::evaluate; });
}

}  // namespace locality::cli
