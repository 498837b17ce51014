// SPDX-License-Identifier: MIT
#include "cli_run.hpp"

namespace locality::cli {

void register_propose(CLI::App& app, CliRun& run) {
    CLI::App* command = app.add_subcommand(
        "propose", "Overlay cases on small areas and group the areas into contiguous localities of shared need");
    add_input_options(*command, run);
    pipeline::PipelineConfig& c = run.config;
    command->add_option("--k", c.k, "Number of localities")
        ->type_name("N")->check(CLI::Range(1, 1000000))->group("Localities");
    command->add_option("--min-population", c.min_population,
                        "Floor: every locality holds at least this many residents (needs --population); "
                        "without --k, as many localities as the floor allows")
        ->type_name("N")
        ->check(CLI::Range(0.0, 1e15))
        ->group("Localities");
    command->add_option("--seed", c.seed, "Seed of every random choice; same inputs and seed, same output")
        ->type_name("N")
        ->default_val(0)
        ->group("Localities");
    add_run_options(*command, run);
    command->footer("Writes localities.geojson (with its QGIS style localities.qml), assignment.csv and summary.json. See "
                    "docs/cli/propose.md.");
    command->callback([&run]() { run.verb = Verb::propose; });
}

}  // namespace locality::cli
