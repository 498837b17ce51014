// SPDX-License-Identifier: MIT
#include "cli_run.hpp"

namespace locality::cli {

void register_propose(CLI::App& app, CliRun& run) {
    CLI::App* command = app.add_subcommand(
        "propose", "Overlay cases on small areas and group the areas into contiguous localities of shared need");
    add_input_options(*command, run);
    add_cluster_options(*command, run, true);
    add_run_options(*command, run);
    command->footer("Writes localities.geojson (with its QGIS style localities.qml), assignment.csv and summary.json. See "
                    "docs/cli/propose.md.");
    command->callback([&run]() { run.verb = Verb::propose; });
}

}  // namespace locality::cli
