// `demarche replay LOG`: re-runs a command log from the start and checks every per-turn state
// hash and the final one, so a session can be shown to be reproducible (or the first turn where
// a build plays differently found). Optionally writes the after-action report of the log.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/Commands.hpp"
#include "cli/PlaySupport.hpp"
#include "core/AfterAction.hpp"
#include "core/Save.hpp"

namespace demarche::cli {
namespace {

struct ReplayOptions {
  std::string log;
  std::string scenario;
  std::string report;
};

int replay(const ReplayOptions& options) {
  namespace fs = std::filesystem;
  if (!reportOptionIsUsable("replay", options.report)) return kExitUsage;
  SaveRead read = readSave(options.log);
  if (!read.log) {
    std::cerr << formatSaveError(options.log, read.error) << "\n";
    return kExitUsage;
  }
  const SaveLog log = std::move(*read.log);
  const std::optional<fs::path> found = scenarioFileOfSave(log, options.log, options.scenario);
  if (!found) return kExitUsage;
  const fs::path& scenarioFile = *found;
  int exitCode = kExitOk;
  const std::optional<ScenarioDef> def = loadScenarioOrReport(scenarioFile, exitCode);
  if (!def) return kExitUsage;
  std::vector<Command> commands;
  if (!checkSaveOrReport(options.log, *def, scenarioFile, log, commands)) return kExitUsage;

  const Engine engine(*def);
  const ReplayResult result = replaySave(engine, log, commands);
  if (!result.identical) {
    std::cout << fmt::format("diverged at turn {}: {}\n", result.divergingTurn, result.message);
    std::cout << fmt::format("(replayed {} of {} commands before the divergence)\n", result.commandsReplayed,
                             commands.size());
    return kExitInvalid;
  }
  std::cout << fmt::format("replayed {} turns, {} commands: identical\n", result.turnsReplayed,
                           result.commandsReplayed);
  if (!options.report.empty()) {
    if (auto error = writeReport(options.report, buildAfterAction(*result.session))) {
      std::cerr << "replay: cannot write the report: " << *error << "\n";
      return kExitUsage;
    }
  }
  return kExitOk;
}

}  // namespace

void addReplayCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<ReplayOptions>();
  CLI::App* command = app.add_subcommand(
      "replay",
      "Re-run a command log and check the state hash at the start of every turn and at the end.\n"
      "Exit codes: 0 identical, 1 diverged (the first diverging turn is named), 2 usage error or\n"
      "unreadable file (missing, malformed, newer format, changed scenario).");
  command->add_option("log", options->log, "The command log (a save or an autosave)")->required();
  command->add_option("--scenario", options->scenario,
                      "Scenario file (default: the path recorded in the log, relative to the log)");
  command->add_option("--report", options->report,
                      "Also write the after-action report: FILE.md, .html or .json");
  command->callback([options, &exitCode] { exitCode = replay(*options); });
}

}  // namespace demarche::cli
