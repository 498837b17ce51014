// SPDX-License-Identifier: MIT
#include "cli_run.hpp"

namespace locality::cli {

void register_overlay(CLI::App& app, CliRun& run) {
    CLI::App* command = app.add_subcommand(
        "overlay", "Count each agency's cases per small area and overlay existing service areas (no clustering)");
    add_input_options(*command, run);
    add_run_options(*command, run);
    add_disclosure_option(*command, run);
    command->footer("Writes area_counts.csv, service_area_shares.csv and summary.json. See docs/cli/overlay.md.");
    command->callback([&run]() { run.verb = Verb::overlay; });
}

}  // namespace locality::cli
