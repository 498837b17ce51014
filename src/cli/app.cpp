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
    // The explicit list of subcommands (no self-registration).
    register_propose(*app, run);
    register_overlay(*app, run);
    register_regionalize(*app, run);
    register_evaluate(*app, run);
    register_compare(*app, run);
    return app;
}

}  // namespace locality::cli
