// SPDX-License-Identifier: MIT
#include "verb_commands.hpp"

namespace locality::cli {

template <>
void ProposeCommand::setup(CLI::App& command) {
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
    command
        .add_option(
            "--keep-close-to", m_run.keep_close_to_text,
            "Keep the agency's cases with the teams of its service areas, repeatable: weigh the share of "
            "its cases that would change team (its cases moved) in the search, W being the largest share "
            "of a reference partition's explained need it may trade (default W 1; with --start-from "
            "the start is the reference); needs a service layer for the agency (--service-areas "
            "AGENCY=... or --service-agency)")
        ->type_name("AGENCY[=W]")
        ->group("Localities");
    command
        .add_option("--frontier", m_run.frontier_text,
                    "Sweep a weight and write the trade-off (frontier.csv, one layer per weight in "
                    "scenarios.gpkg, a chart in the report): 'shape' sweeps --shape-weight, an agency its "
                    "--keep-close-to weight (needs its service areas); default weights 0, 0.1, 0.25, 0.5, "
                    "1, 2, 5, 10 for shape, 0, 0.3, 1, 3, 10, 30, 100, 300 for an agency, or your own as "
                    "shape=0,0.1,0.3. Not with a --k or --min-population sweep")
        ->type_name("shape|AGENCY[=W,...]")
        ->group("Localities");
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

}  // namespace locality::cli
