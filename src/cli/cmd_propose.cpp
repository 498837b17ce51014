// SPDX-License-Identifier: MIT
#include "cli_run.hpp"
#include "command.hpp"

namespace locality::cli {

namespace {

class ProposeCommand final : public Command {
public:
    using Command::Command;

    void setup(CLI::App& command) override {
        add_input_options(command, m_run);
        command
            .add_option(
                "--counts", m_run.config.counts_packages,
                "A partner's counts package instead of its case points, repeatable, mixable with --cases: "
                "the "
                "folder locality overlay --share wrote (one agency, or all of them), or a manifest.json "
                "(docs/data-sharing.md)")
            ->type_name("PACKAGE")
            ->group("Inputs");
        add_cluster_options(command, m_run, true);
        add_run_options(command, m_run);
        add_publication_options(command, m_run);
        command.footer(
            "Writes localities.geojson (with its QGIS style localities.qml), localities.gpkg (styled "
            "layers), "
            "assignment.csv and summary.json. See docs/cli/propose.md and docs/output.md.");
        // --cases or --counts, at least one of them: a parse error like any missing required option.
        command.get_option("--cases")->required(false);
        command.callback([this]() {
            if (m_run.cases_text.empty() && m_run.config.counts_packages.empty()) {
                throw CLI::RequiredError("--cases or --counts");
            }
        });
    }

    pipeline::PipelineResult run(const ProgressSink& progress) const override {
        return pipeline::run_propose(pipeline::shared_parts<pipeline::ProposeOptions>(m_run.config),
                                     progress);
    }
};

}  // namespace

std::unique_ptr<Command> make_propose_command(CliRun& run) { return std::make_unique<ProposeCommand>(run); }

}  // namespace locality::cli
