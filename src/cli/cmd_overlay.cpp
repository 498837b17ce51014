// SPDX-License-Identifier: MIT
#include "cli_run.hpp"

namespace locality::cli {

void register_overlay(CLI::App& app, CliRun& run) {
    CLI::App* command = app.add_subcommand(
        "overlay",
        "Count each agency's cases per small area and overlay existing service areas (no clustering)");
    add_input_options(*command, run);
    add_run_options(*command, run);
    add_disclosure_option(*command, run);
    command
        ->add_option(
            "--share", run.config.share_dir,
            "Also write one counts package per agency, DIR/<agency>/counts.csv and manifest.json, to hand "
            "to the analyst instead of the cases (docs/data-sharing.md)")
        ->type_name("DIR")
        ->group("Output");
    command
        ->add_option(
            "--period", run.config.period,
            "With --share: what the cases cover, as you state it (e.g. '2018-06'), recorded in each manifest")
        ->type_name("TEXT")
        ->group("Output");
    command->footer(
        "Writes area_counts.csv, service_area_shares.csv and summary.json; with --share, the counts "
        "packages. See docs/cli/overlay.md and docs/data-sharing.md.");
    command->callback([&run]() { run.verb = Verb::overlay; });
}

}  // namespace locality::cli
