// SPDX-License-Identifier: MIT
#include "cli_run.hpp"
#include "config_file.hpp"
#include "locality/core/version.hpp"

namespace locality::cli {

std::unique_ptr<CLI::App> make_app(CliRun& run) {
    auto app = std::make_unique<CLI::App>(
        "locality: group small areas into operational localities drawn from shared multi-agency need",
        "locality");
    app->set_version_flag("--version", std::string("locality ") + k_version);
    app->require_subcommand(1);
    app->footer(
        "Run 'locality <command> --help' for a command's options. Exit codes: 0 success, 1 data or "
        "runtime error, 2 usage error.");
    add_config_option(*app, run);
    // The explicit list of subcommands (no self-registration): command_table.cpp.
    run.commands.clear();
    for (const CommandEntry& entry : command_table()) {
        CLI::App* sub = app->add_subcommand(entry.name, entry.description);
        run.commands.push_back(entry.make(run));
        run.commands.back()->setup(*sub);
        sub->preparse_callback([&run, &entry, command = run.commands.back().get()](std::size_t) {
            run.verb = entry.name;
            run.command = command;
        });
    }
    return app;
}

}  // namespace locality::cli
