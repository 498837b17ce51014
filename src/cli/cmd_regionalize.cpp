// SPDX-License-Identifier: MIT
#include "cli_run.hpp"
#include "command.hpp"

namespace locality::cli {

namespace {

class RegionalizeCommand final : public Command {
public:
    using Command::Command;

    void setup(CLI::App& command) override {
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

    pipeline::PipelineResult run(const ProgressSink& progress) const override {
        return pipeline::run_regionalize(pipeline::shared_parts<pipeline::RegionalizeOptions>(m_run.config),
                                         progress);
    }
};

}  // namespace

std::unique_ptr<Command> make_regionalize_command(CliRun& run) {
    return std::make_unique<RegionalizeCommand>(run);
}

}  // namespace locality::cli
