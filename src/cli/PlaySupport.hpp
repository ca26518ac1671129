// Helpers shared by `demarche run` and `demarche replay`: loading a scenario with its
// diagnostics, loading a save against it, writing a report, and the per-turn seeds of the
// built-in policy (a function of the seed, turn and actor, so a resumed run plays on exactly as
// an uninterrupted one would).
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/AfterAction.hpp"
#include "core/Save.hpp"
#include "core/SeatDriver.hpp"
#include "scenario/Loader.hpp"

namespace demarche::cli {

// Exit codes of run and replay (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;  // run: invalid scenario/decisions/save content; replay: diverged
inline constexpr int kExitUsage = 2;    // usage error, unreadable or unwritable file

// Whether diagnostics are coloured: `--color=auto|always|never` (any subcommand). Auto colours
// a terminal unless NO_COLOR is set to something or TERM is "dumb".
enum class ColourChoice { Auto, Always, Never };
void setColourChoice(ColourChoice choice);
// For text about to be written to `fd` (STDERR_FILENO, STDOUT_FILENO).
bool useColour(int fd);

// Loads a scenario; on failure prints its diagnostics to stderr and returns nullopt with
// `exitCode` set (2 unreadable, 1 invalid). Warnings are printed and ignored.
std::optional<ScenarioDef> loadScenarioOrReport(const std::filesystem::path& file, int& exitCode);

// Reads and checks a save for `def`, parses its commands. On failure prints the error
// ("FILE:LINE:COL: message") to stderr and returns false.
bool loadSaveOrReport(const std::filesystem::path& saveFile, const ScenarioDef& def,
                      const std::filesystem::path& scenarioFile, SaveLog& log,
                      std::vector<Command>& commands);
// The same for a save already read (readSave), so a command that read it to find its scenario
// does not hold it twice.
bool checkSaveOrReport(const std::filesystem::path& saveFile, const ScenarioDef& def,
                       const std::filesystem::path& scenarioFile, const SaveLog& log,
                       std::vector<Command>& commands);

// The path of `file` (a scenario, a decisions file) to record in a save at `savePath`: relative
// to the save's directory, so a folder of scenario, decisions and save can be moved as one.
std::string pathForSave(const std::filesystem::path& file, const std::filesystem::path& savePath);
// Where a path recorded in a save at `savePath` is, seen from the current directory.
std::filesystem::path pathFromSave(const std::string& recorded, const std::filesystem::path& savePath);

// The scenario path to record in a save at `savePath`: relative to the save's directory.
std::string scenarioPathForSave(const std::filesystem::path& scenarioFile,
                                const std::filesystem::path& savePath);
// Where a save's recorded scenario file is, seen from the current directory.
std::filesystem::path scenarioPathFromSave(const SaveLog& log, const std::filesystem::path& savePath);

// The scenario file of a save: `given` when not empty, else the path the save records (relative
// to the save). nullopt, having said why on stderr, when the recorded file is not there.
std::optional<std::filesystem::path> scenarioFileOfSave(const SaveLog& log,
                                                        const std::filesystem::path& savePath,
                                                        const std::string& given);

// A save read, checked and replayed, with the definitions and engine its session refers to.
struct ReplayedSave {
  std::unique_ptr<ScenarioDef> def;
  std::unique_ptr<Engine> engine;
  ReplayResult replay;
};
// nullopt (with the reason on stderr and `exitCode` set: 2 unreadable, 1 diverged) when the
// save cannot be read or does not replay identically.
std::optional<ReplayedSave> replaySaveFile(const std::filesystem::path& save, const std::string& scenario,
                                           int& exitCode);

// Renders the report in the format of `path`'s extension and writes it atomically. Returns
// an error sentence on failure.
std::optional<std::string> writeReport(const std::filesystem::path& path, const AfterAction& aa);
// Checks --report's extension before anything is played: true when `report` is empty or
// names a known format, else says why on stderr as `<command>: --report PATH: ...`.
bool reportOptionIsUsable(std::string_view command, const std::string& report);

// --seed: a whole number in 0..kMaxSeed, refused in words otherwise ("-1", "1e3", 2^64...).
CLI::Validator seedValidator();
// A turn number option (--stop-after, --branch-at, --turn): a whole number, 1 or more.
CLI::Validator turnValidator();

}  // namespace demarche::cli
