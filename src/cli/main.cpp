// SPDX-License-Identifier: MIT
// parse -> dispatch -> the single catch site that chooses the exit code.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <tbb/global_control.h>

#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>

#include "cli_run.hpp"
#include "locality/core/error.hpp"
#include "parse_error_message.hpp"
#include "progress_display.hpp"

namespace {

constexpr int k_exit_ok = 0;
constexpr int k_exit_error = 1;
constexpr int k_exit_usage = 2;

void setup_logging(const locality::cli::CliRun& run) {
    auto logger = spdlog::stderr_logger_st("locality");
    logger->set_pattern("locality: %^%l%$: %v");
    logger->set_level(run.quiet ? spdlog::level::err
                                : (run.verbose > 0 ? spdlog::level::debug : spdlog::level::warn));
    spdlog::set_default_logger(logger);
}

int run_command(locality::cli::CliRun& run, const std::vector<std::string>& arguments) {
    setup_logging(run);
    run.config.command_line = arguments;
    locality::cli::finish_parse(run);
    std::optional<tbb::global_control> threads;
    if (run.threads > 0) {
        threads.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(run.threads));
    }
    locality::cli::ProgressDisplay display(
        locality::cli::choose_progress_style(run.quiet, run.progress_flag, run.no_progress_flag),
        run.verbose > 0);
    // The stage is remembered for the out-of-memory message at the catch site.
    const locality::ProgressSink sink = [&run, shown = display.sink()](double fraction,
                                                                       std::string_view stage) {
        if (run.stage != stage) {
            run.stage.assign(stage);
        }
        return shown ? shown(fraction, stage) : true;
    };
    const locality::pipeline::PipelineResult result = run.command->run(sink);
    display.finish();
    for (const std::string& warning : result.warnings) {
        spdlog::warn("{}", warning);
    }
    for (const std::string& file : result.files) {
        spdlog::info("wrote {}", file);
    }
    if (run.json) {
        std::cout << result.summary_json << std::flush;
    }
    return k_exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
    locality::cli::CliRun run;
    std::unique_ptr<CLI::App> app = locality::cli::make_app(run);
    try {
        app->parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version are "errors" with exit code 0 in CLI11.
        if (e.get_exit_code() == 0) {
            return app->exit(e);
        }
        std::string help = "locality --help";
        for (const locality::cli::CommandEntry& command : locality::cli::command_table()) {
            if (app->got_subcommand(command.name)) {
                help = std::string("locality ") + command.name + " --help";
            }
        }
        std::fprintf(stderr, "locality: error: %s (see '%s')\n",
                     locality::cli::parse_error_message(*app, e).c_str(), help.c_str());
        return k_exit_usage;
    }
    std::vector<std::string> arguments(argv + 1, argv + argc);
    try {
        return run_command(run, arguments);
    } catch (const locality::UsageError& e) {
        std::fprintf(stderr, "locality: error: %s\n", e.what());
        return k_exit_usage;
    } catch (const locality::Error& e) {
        std::fprintf(stderr, "locality: error: %s\n", e.what());
        return k_exit_error;
    } catch (const std::bad_alloc&) {
        const std::string stage = run.stage.empty() ? std::string("starting") : run.stage;
        std::fprintf(stderr,
                     "locality: error: out of memory in stage '%s'%s; raise --max-memory, give fewer "
                     "--threads or smaller inputs\n",
                     stage.c_str(), run.config.max_memory_bytes > 0 ? " (within --max-memory)" : "");
        return k_exit_error;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "locality: internal error: %s (please report it)\n", e.what());
        return k_exit_error;
    }
}
