// SPDX-License-Identifier: MIT
// The command class of every verb. What all share (run: the verb's options from the parsed parts, then
// its run_<verb>) is written once, here; what each verb says itself, its options, is its `setup` in
// cmd_<verb>.cpp. command_table.cpp lists them.
#pragma once

#include <memory>

#include "cli_run.hpp"

namespace locality::cli {

/**
 * The command of a verb whose library call is `run_verb(Options, progress)`: runs it on the options parsed
 * (`shared_parts<Options>` of every part), after finish_parse.
 */
template <typename Options, pipeline::PipelineResult (*run_verb)(const Options&, const ProgressSink&)>
class VerbCommand final : public Command {
public:
    using Command::Command;

    /** Defined by the verb's cmd_<verb>.cpp (an explicit specialisation, declared below). */
    void setup(CLI::App& command) override;

    pipeline::PipelineResult run(const ProgressSink& progress) const override {
        return run_verb(pipeline::shared_parts<Options>(m_run.config), progress);
    }
};

using ProposeCommand = VerbCommand<pipeline::ProposeOptions, pipeline::run_propose>;
using OverlayCommand = VerbCommand<pipeline::OverlayOptions, pipeline::run_overlay>;
using RegionalizeCommand = VerbCommand<pipeline::RegionalizeOptions, pipeline::run_regionalize>;
using EvaluateCommand = VerbCommand<pipeline::EvaluateOptions, pipeline::run_evaluate>;
using CompareCommand = VerbCommand<pipeline::CompareOptions, pipeline::run_compare>;

template <>
void ProposeCommand::setup(CLI::App& command);
template <>
void OverlayCommand::setup(CLI::App& command);
template <>
void RegionalizeCommand::setup(CLI::App& command);
template <>
void EvaluateCommand::setup(CLI::App& command);
template <>
void CompareCommand::setup(CLI::App& command);

/** The factory of a command table row. */
template <typename VerbCommandType>
std::unique_ptr<Command> make_command(CliRun& run) {
    return std::make_unique<VerbCommandType>(run);
}

}  // namespace locality::cli
