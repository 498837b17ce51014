// SPDX-License-Identifier: MIT
#include "cli_run.hpp"

namespace locality::cli {

namespace {

constexpr const char* k_group = "Plans";

}  // namespace

void register_compare(CLI::App& app, CliRun& run) {
    CLI::App* command = app.add_subcommand(
        "compare",
        "Score several plans (output folders, assignments or boundary layers) on the same inputs, side "
        "by side");
    command
        ->add_option("plans", run.plans_text,
                     "The plans, two or more: [NAME=]SOURCE, a folder written by propose or evaluate, an "
                     "assignment table (area id and locality fields) or boundary polygons (each area to the "
                     "polygon covering most of it)")
        ->type_name("PLAN")
        ->required()
        ->group(k_group);
    add_input_options(*command, run);
    AllOptions& c = run.config;
    command
        ->add_option("--assignment-area-field", c.assignment_area_field,
                     "Area id field of an assignment plan")
        ->type_name("FIELD")
        ->default_val("area_id")
        ->group(k_group);
    command->add_option("--locality-field", c.locality_field, "Locality field of an assignment plan")
        ->type_name("FIELD")
        ->default_val("locality")
        ->group(k_group);
    command
        ->add_option("--locality-id", c.locality_id_field,
                     "Id field of a boundary-layer plan (default: detected)")
        ->type_name("FIELD")
        ->group(k_group);
    add_bound_options(*command, run, /*with_cases=*/true, /*with_sweeps=*/false);
    add_run_options(*command, run);
    add_disclosure_option(*command, run);
    add_service_agency_option(*command, run);
    command->footer(
        "Writes comparison.csv (one row per plan), summary.json with `comparison`, and report.html "
        "(the table, a chart, and the first plan in full). See docs/cli/compare.md and docs/output.md.");
    command->callback([&run]() { run.verb = Verb::compare; });
}

}  // namespace locality::cli
