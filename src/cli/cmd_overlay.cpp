// SPDX-License-Identifier: MIT
#include "verb_commands.hpp"

namespace locality::cli {

template <>
void OverlayCommand::setup(CLI::App& command) {
    add_input_options(command, m_run);
    add_run_options(command, m_run);
    add_disclosure_option(command, m_run);
    command
        .add_option("--share", m_run.config.share_dir,
                    "Also write one counts package per agency, DIR/<agency>/counts.csv and "
                    "manifest.json, to hand "
                    "to the analyst instead of the cases (docs/data-sharing.md)")
        ->type_name("DIR")
        ->group("Output");
    command
        .add_option("--period", m_run.config.period,
                    "With --share: what the cases cover, as you state it (e.g. '2018-06'), recorded in "
                    "each manifest")
        ->type_name("TEXT")
        ->needs("--share")
        ->group("Output");
    command.footer(
        "Writes area_counts.csv, service_area_shares.csv and summary.json; with --share, the counts "
        "packages. See docs/cli/overlay.md and docs/data-sharing.md.");
}

}  // namespace locality::cli
