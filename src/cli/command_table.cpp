// SPDX-License-Identifier: MIT
// The one list of the subcommands: main registers, dispatches and names them from it. A new command is a
// cmd_<verb>.cpp defining make_<verb>_command, and a line in each list below.
#include "command.hpp"

namespace locality::cli {

std::unique_ptr<Command> make_propose_command(CliRun& run);
std::unique_ptr<Command> make_overlay_command(CliRun& run);
std::unique_ptr<Command> make_regionalize_command(CliRun& run);
std::unique_ptr<Command> make_evaluate_command(CliRun& run);
std::unique_ptr<Command> make_compare_command(CliRun& run);

const std::vector<CommandEntry>& command_table() {
    static const std::vector<CommandEntry> table{
        {"propose",
         "Overlay cases on small areas and group the areas into contiguous localities of shared need",
         make_propose_command},
        {"overlay",
         "Count each agency's cases per small area and overlay existing service areas (no clustering)",
         make_overlay_command},
        {"regionalize", "Group an area layer into contiguous localities by its own fields (no case points)",
         make_regionalize_command},
        {"evaluate",
         "Score given localities (an assignment or boundary polygons) as propose scores its own, with each "
         "partner's cost",
         make_evaluate_command},
        {"compare",
         "Score several plans (output folders, assignments or boundary layers) on the same inputs, side by "
         "side",
         make_compare_command},
    };
    return table;
}

}  // namespace locality::cli
