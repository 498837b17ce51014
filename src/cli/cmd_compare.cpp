// SPDX-License-Identifier: MIT
#include "verb_commands.hpp"

namespace locality::cli {

namespace {

constexpr const char* k_group = "Plans";

}  // namespace

template <>
void CompareCommand::setup(CLI::App& command) {
    command
        .add_option("plans", m_run.plans_text,
                    "The plans, two or more: [NAME=]SOURCE, a folder written by propose or evaluate, an "
                    "assignment table (area id and locality fields) or boundary polygons (each area to the "
                    "polygon covering most of it)")
        ->type_name("PLAN")
        ->required()
        ->group(k_group);
    add_input_options(command, m_run);
    AllOptions& c = m_run.config;
    command
        .add_option("--assignment-area-field", c.assignment_area_field, "Area id field of an assignment plan")
        ->type_name("FIELD")
        ->default_val("area_id")
        ->group(k_group);
    command.add_option("--locality-field", c.locality_field, "Locality field of an assignment plan")
        ->type_name("FIELD")
        ->default_val("locality")
        ->group(k_group);
    command
        .add_option("--locality-id", c.locality_id_field,
                    "Id field of a boundary-layer plan (default: detected)")
        ->type_name("FIELD")
        ->group(k_group);
    add_bound_options(command, m_run, /*with_cases=*/true, /*with_sweeps=*/false);
    add_run_options(command, m_run);
    add_disclosure_option(command, m_run);
    add_service_agency_option(command, m_run);
    command.footer(
        "Writes comparison.csv (one row per plan), summary.json with `comparison`, and report.html "
        "(the table, a chart, and the first plan in full). See docs/cli/compare.md and docs/output.md.");
}

}  // namespace locality::cli
