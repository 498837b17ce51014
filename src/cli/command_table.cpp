// SPDX-License-Identifier: MIT
// The one list of the subcommands: main registers, dispatches and names them from it. A new command is a
// cmd_<verb>.cpp defining its setup, its class in verb_commands.hpp, and a row below.
#include "verb_commands.hpp"

namespace locality::cli {

const std::vector<CommandEntry>& command_table() {
    static const std::vector<CommandEntry> table{
        {"propose",
         "Overlay cases on small areas and group the areas into contiguous localities of shared need",
         make_command<ProposeCommand>},
        {"overlay",
         "Count each agency's cases per small area and overlay existing service areas (no clustering)",
         make_command<OverlayCommand>},
        {"regionalize", "Group an area layer into contiguous localities by its own fields (no case points)",
         make_command<RegionalizeCommand>},
        {"evaluate",
         "Score given localities (an assignment or boundary polygons) as propose scores its own, with each "
         "partner's cost",
         make_command<EvaluateCommand>},
        {"compare",
         "Score several plans (output folders, assignments or boundary layers) on the same inputs, side by "
         "side",
         make_command<CompareCommand>},
    };
    return table;
}

}  // namespace locality::cli
