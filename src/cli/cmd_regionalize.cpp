// SPDX-License-Identifier: MIT
#include "cli_run.hpp"

namespace locality::cli {

void register_regionalize(CLI::App& app, CliRun& run) {
    CLI::App* command = app.add_subcommand(
        "regionalize", "Group an area layer into contiguous localities by its own fields (no case points)");
    add_area_options(*command, run);
    add_tolerance_option(*command, run);
    add_cluster_options(*command, run, false);
    add_run_options(*command, run);
    add_format_option(*command, run);
    command->footer(
        "Writes localities.geojson (with its QGIS style localities.qml) and localities.gpkg (localities "
        "and areas, styled; --format chooses), with each locality's mean of every attribute and total of "
        "every bound field, assignment.csv, summary.json and report.html. See docs/cli/regionalize.md.");
    command->callback([&run]() { run.verb = Verb::regionalize; });
}

}  // namespace locality::cli
