// Shared by run and replay; see PlaySupport.hpp.
#include "cli/PlaySupport.hpp"

#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "core/AtomicFile.hpp"
#include "report/Report.hpp"

namespace demarche::cli {

namespace {
ColourChoice g_colourChoice = ColourChoice::Auto;
}  // namespace

void setColourChoice(ColourChoice choice) { g_colourChoice = choice; }

bool useColour(int fd) {
  if (g_colourChoice != ColourChoice::Auto) return g_colourChoice == ColourChoice::Always;
  const char* noColour = std::getenv("NO_COLOR");  // https://no-color.org: set and not empty
  if (noColour != nullptr && noColour[0] != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  return isatty(fd) != 0;
}

std::optional<ScenarioDef> loadScenarioOrReport(const std::filesystem::path& file, int& exitCode) {
  scenario::LoadResult result = scenario::loadScenario(file);
  if (!result.diagnostics.empty()) std::cerr << scenario::formatDiagnostics(result, useColour(STDERR_FILENO));
  if (!result.ok()) {
    exitCode = result.unreadable() ? kExitUsage : kExitInvalid;
    std::cerr << file.string() << ": the scenario does not load (" << result.errorCount() << " errors)\n";
    return std::nullopt;
  }
  return std::move(result.scenario);
}

bool loadSaveOrReport(const std::filesystem::path& saveFile, const ScenarioDef& def,
                      const std::filesystem::path& scenarioFile, SaveLog& log,
                      std::vector<Command>& commands) {
  SaveRead read = readSave(saveFile);
  if (!read.log) {
    std::cerr << formatSaveError(saveFile.string(), read.error) << "\n";
    return false;
  }
  if (!checkSaveOrReport(saveFile, def, scenarioFile, *read.log, commands)) return false;
  log = std::move(*read.log);
  return true;
}

bool checkSaveOrReport(const std::filesystem::path& saveFile, const ScenarioDef& def,
                       const std::filesystem::path& scenarioFile, const SaveLog& log,
                       std::vector<Command>& commands) {
  if (auto error = checkScenario(log, def, scenarioFile.string())) {
    std::cerr << formatSaveError(saveFile.string(), *error) << "\n";
    return false;
  }
  if (auto error = parseSaveCommands(log, def, commands)) {
    std::cerr << formatSaveError(saveFile.string(), *error) << "\n";
    return false;
  }
  return true;
}

std::string pathForSave(const std::filesystem::path& file, const std::filesystem::path& savePath) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path absolute = fs::weakly_canonical(fs::absolute(file, ec), ec);
  const fs::path dir = fs::weakly_canonical(fs::absolute(savePath, ec), ec).parent_path();
  fs::path rel = absolute.lexically_relative(dir);
  return (rel.empty() ? absolute : rel).generic_string();
}

std::filesystem::path pathFromSave(const std::string& recorded, const std::filesystem::path& savePath) {
  const std::filesystem::path path(recorded);
  if (path.is_absolute()) return path;
  return savePath.parent_path() / path;
}

std::string scenarioPathForSave(const std::filesystem::path& scenarioFile,
                                const std::filesystem::path& savePath) {
  return pathForSave(scenarioFile, savePath);
}

std::filesystem::path scenarioPathFromSave(const SaveLog& log, const std::filesystem::path& savePath) {
  return pathFromSave(log.scenarioFile, savePath);
}

bool reportOptionIsUsable(std::string_view command, const std::string& report) {
  if (report.empty() || report::formatForPath(report).has_value()) return true;
  std::cerr << command << ": --report " << report
            << ": the format is chosen by the extension: .md, .html or .json\n";
  return false;
}

std::optional<std::string> writeReport(const std::filesystem::path& path, const AfterAction& aa) {
  const auto format = report::formatForPath(path);
  if (!format) {
    std::string message = "'";
    message += path.string();
    message += "': the report format is chosen by the extension: .md, .html or .json";
    return message;
  }
  return writeFileAtomically(path, report::render(aa, *format));
}

namespace {
// The value of `text` as a whole number (no sign, no exponent, no fraction), if it is one.
std::optional<std::uint64_t> wholeNumber(const std::string& text) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || text[0] == '-' || text[0] == '+' || ec != std::errc() || ptr != end)
    return std::nullopt;
  return value;
}
}  // namespace

CLI::Validator seedValidator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const auto value = wholeNumber(text);
        if (value && *value <= kMaxSeed) return {};
        return "the seed must be a whole number from 0 to 9007199254740992 (2^53), not '" + text + "'";
      },
      "0..2^53");
}

CLI::Validator turnValidator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const auto value = wholeNumber(text);
        if (value && *value >= 1 && *value <= 1000000) return {};
        return "expected a turn number, a whole number from 1, not '" + text + "'";
      },
      "TURN >= 1");
}

}  // namespace demarche::cli

namespace demarche::cli {

std::optional<std::filesystem::path> scenarioFileOfSave(const SaveLog& log,
                                                        const std::filesystem::path& savePath,
                                                        const std::string& given) {
  namespace fs = std::filesystem;
  const fs::path file = given.empty() ? scenarioPathFromSave(log, savePath) : fs::path(given);
  if (given.empty() && !fs::exists(file)) {
    std::cerr << savePath.string() << ": the scenario it was played with, '" << log.scenarioFile
              << "', is not at " << file.string() << "; give it with --scenario FILE\n";
    return std::nullopt;
  }
  return file;
}

std::optional<ReplayedSave> replaySaveFile(const std::filesystem::path& save, const std::string& scenario,
                                           int& exitCode) {
  exitCode = kExitUsage;
  SaveRead read = readSave(save);
  if (!read.log) {
    std::cerr << formatSaveError(save.string(), read.error) << "\n";
    return std::nullopt;
  }
  const SaveLog log = std::move(*read.log);
  const auto scenarioFile = scenarioFileOfSave(log, save, scenario);
  if (!scenarioFile) return std::nullopt;
  int loadCode = kExitOk;
  std::optional<ScenarioDef> def = loadScenarioOrReport(*scenarioFile, loadCode);
  if (!def) return std::nullopt;
  ReplayedSave out;
  out.def = std::make_unique<ScenarioDef>(std::move(*def));
  std::vector<Command> commands;
  if (!checkSaveOrReport(save, *out.def, *scenarioFile, log, commands)) return std::nullopt;
  out.engine = std::make_unique<Engine>(*out.def);
  out.replay = replaySave(*out.engine, log, commands);
  if (!out.replay.identical || !out.replay.session) {
    std::cerr << save.string() << ": the save does not replay identically (turn " << out.replay.divergingTurn
              << "): " << out.replay.message << "\n";
    exitCode = kExitInvalid;
    return std::nullopt;
  }
  exitCode = kExitOk;
  return out;
}

}  // namespace demarche::cli
