// Registration of the `demarche` subcommands; each lives in its own file in src/cli.
#pragma once

#include <CLI/CLI.hpp>

namespace demarche::cli {

// Each adds one subcommand to `app`. The callback stores the exit code in `exitCode`.
void addValidateCommand(CLI::App& app, int& exitCode);
void addSchemaCommand(CLI::App& app, int& exitCode);
void addRunCommand(CLI::App& app, int& exitCode);
void addReplayCommand(CLI::App& app, int& exitCode);
void addSimulateCommand(CLI::App& app, int& exitCode);
void addBriefCommand(CLI::App& app, int& exitCode);
void addPlayCommand(CLI::App& app, int& exitCode);
void addCompareCommand(CLI::App& app, int& exitCode);
void addServeCommand(CLI::App& app, int& exitCode);

// The headless demo (no display): AI on every seat of `scenario`, the log in out/exercise.dlog
// and the debrief in out/debrief.html.
int runHeadlessDemo(const std::string& scenario);
// `demarche` with no arguments: the window on the start screen, or the headless demo.
int playDefault();

}  // namespace demarche::cli
