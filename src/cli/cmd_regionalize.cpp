// SPDX-License-Identifier: MIT
#include "verb_commands.hpp"

namespace locality::cli {

template <>
void RegionalizeCommand::setup(CLI::App& command) {
    add_area_options(command, m_run);
    add_tolerance_option(command, m_run);
    add_cluster_options(command, m_run, false);
    add_run_options(command, m_run);
    add_format_option(command, m_run);
    command.footer(
        "Writes localities.geojson (with its QGIS style localities.qml) and localities.gpkg (localities "
        "and areas, styled; --format chooses), with each locality's mean of every attribute and total of "
        "every bound field, assignment.csv, summary.json and report.html. See docs/cli/regionalize.md.");
}

}  // namespace locality::cli
