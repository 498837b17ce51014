// SPDX-License-Identifier: MIT
// One class per subcommand (osmium-tool's Command, GDAL's gdalalg_*): it declares its options and runs
// the library. The list of them is command_table.cpp.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "locality/core/progress.hpp"
#include "locality/pipeline/pipeline.hpp"

namespace CLI {
class App;
}  // namespace CLI

namespace locality::cli {

struct CliRun;

/** A subcommand: `setup` declares its options on its CLI11 subcommand, `run` calls the library. */
class Command {
public:
    explicit Command(CliRun& run) : m_run(run) {}
    virtual ~Command() = default;
    Command(const Command&) = delete;
    Command& operator=(const Command&) = delete;

    /** Declares the options, their checks and dependencies, and the footer on `command`. */
    virtual void setup(CLI::App& command) = 0;
    /** Runs the command on the options parsed (after finish_parse); the library's result. */
    virtual pipeline::PipelineResult run(const ProgressSink& progress) const = 0;

protected:
    CliRun& m_run;  ///< where the shared option helpers bind (cli_run.hpp)
};

/** A row of the command table. */
struct CommandEntry {
    const char* name;         ///< the verb: `locality <name>`
    const char* description;  ///< one line in `locality --help`
    std::unique_ptr<Command> (*make)(CliRun& run);
};

/** Every subcommand, in the order `locality --help` lists them: the one list of the verbs. */
const std::vector<CommandEntry>& command_table();

}  // namespace locality::cli
