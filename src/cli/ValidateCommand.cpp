// `demarche validate FILE...`: checks scenario files and prints diagnostics, as text for
// authors or JSON for tools; `--summary` describes a valid scenario in a few lines.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/Commands.hpp"
#include "cli/PlaySupport.hpp"
#include "core/Calendar.hpp"
#include "core/Names.hpp"
#include "scenario/Loader.hpp"

namespace demarche::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  std::string format = "text";
  bool json = false;  // --json, the same as --format json
  bool strict = false;
  bool summary = false;
};

nlohmann::json turnDates(const ScenarioDef& s) {
  nlohmann::json out = nlohmann::json::array();
  for (int day : s.turnDates) out.push_back(isoDate(day));
  return out;
}

std::string summarise(const ScenarioDef& s) {
  const std::string& lang = s.language;
  std::string out;
  out += s.title.get(lang) + " (" + s.id + (s.version.empty() ? "" : " v" + s.version) + ")\n";
  const std::string label = s.turnLabel.empty() ? "turn" : s.turnLabel.get(lang);
  out += "  " + std::to_string(s.turns) + " turns (a turn is a " + label + "), seed " +
         std::to_string(s.seed) + "\n";
  if (!s.turnDates.empty())
    out += "  dated turns: " + longDate(s.turnDates.front(), lang) + " to " +
           longDate(s.turnDates.back(), lang) + "\n";
  out += "  actors (" + std::to_string(s.actors.size()) + "):";
  for (std::size_t i = 0; i < s.actors.size(); ++i) {
    out += (i == 0 ? " " : ", ") + s.actors[i].id + " [" + std::string(displayName(s.actors[i].kind)) + "]";
  }
  out += "\n  incidents (" + std::to_string(s.incidents.size()) + "):";
  for (std::size_t i = 0; i < s.incidents.size(); ++i) out += (i == 0 ? " " : ", ") + s.incidents[i].id;
  out += "\n  evidence: " + std::to_string(s.evidence.size()) + " items\n";
  std::map<std::string_view, int> byCategory;
  for (const MeasureDef& m : s.measures) ++byCategory[displayName(m.category)];
  out += "  measures (" + std::to_string(s.measures.size()) + "):";
  bool first = true;
  for (const auto& [name, count] : byCategory) {
    out += (first ? " " : ", ") + std::string(name) + " " + std::to_string(count);
    first = false;
  }
  out += "\n  terms: " + std::to_string(s.terms.size()) + ", injects: " + std::to_string(s.injects.size()) +
         ", objectives: " + std::to_string(s.objectives.size()) + "\n";
  out += "  endings (" + std::to_string(s.endings.size()) + "):";
  for (std::size_t i = 0; i < s.endings.size(); ++i) out += (i == 0 ? " " : ", ") + s.endings[i].id;
  out += "\n  content hash " + s.contentHash + "\n";
  return out;
}

// The same as summarise(), for tools.
nlohmann::json summaryJson(const ScenarioDef& s) {
  const std::string& lang = s.language;
  nlohmann::json actors = nlohmann::json::array();
  for (const ActorDef& a : s.actors)
    actors.push_back({{"id", a.id}, {"kind", std::string(displayName(a.kind))}});
  nlohmann::json incidents = nlohmann::json::array();
  for (const IncidentDef& i : s.incidents) incidents.push_back(i.id);
  nlohmann::json measures = nlohmann::json::object();
  for (const MeasureDef& m : s.measures) {
    nlohmann::json& count = measures[std::string(displayName(m.category))];
    count = count.is_null() ? 1 : count.get<int>() + 1;
  }
  nlohmann::json endings = nlohmann::json::array();
  for (const EndingDef& e : s.endings) endings.push_back(e.id);
  return {{"id", s.id},
          {"title", s.title.get(lang)},
          {"version", s.version},
          {"turns", s.turns},
          {"turn_label", s.turnLabel.empty() ? std::string("turn") : s.turnLabel.get(lang)},
          {"turn_dates", turnDates(s)},
          {"seed", s.seed},
          {"actors", actors},
          {"incidents", incidents},
          {"evidence", s.evidence.size()},
          {"measures", s.measures.size()},
          {"measures_by_category", measures},
          {"terms", s.terms.size()},
          {"injects", s.injects.size()},
          {"objectives", s.objectives.size()},
          {"endings", endings},
          {"content_hash", s.contentHash}};
}

nlohmann::json toJson(const scenario::LoadResult& result) {
  nlohmann::json list = nlohmann::json::array();
  for (const scenario::Diagnostic& d : result.diagnostics) {
    list.push_back({{"file", d.file},
                    {"line", d.line},
                    {"column", d.column},
                    {"severity", std::string(scenario::severityName(d.severity))},
                    {"code", d.code},
                    {"message", d.message},
                    {"suggestion", d.suggestion}});
  }
  return list;
}

// Diagnostics go to stderr (coloured as --color and the terminal say); the verdict of each file
// to stdout. With JSON, stdout holds one document with everything, diagnostics included.
int run(const ValidateOptions& options) {
  const bool json = options.json || options.format == "json";
  const bool colour = useColour(STDERR_FILENO);
  int exitCode = 0;
  nlohmann::json files = nlohmann::json::object();
  nlohmann::json suppressed = nlohmann::json::object();
  nlohmann::json summaries = nlohmann::json::object();
  for (const std::string& file : options.files) {
    const scenario::LoadResult result = scenario::loadScenario(file);
    const bool failed =
        result.errorCount() > 0 || result.suppressed > 0 || (options.strict && result.warningCount() > 0);
    if (result.unreadable()) {
      exitCode = 2;
    } else if (failed && exitCode == 0) {
      exitCode = 1;
    }
    if (json) {
      files[file] = toJson(result);
      if (result.suppressed > 0) suppressed[file] = result.suppressed;
      if (options.summary && !failed && result.scenario) summaries[file] = summaryJson(*result.scenario);
      continue;
    }
    std::cerr << scenario::formatDiagnostics(result, colour);
    if (!failed && result.scenario) {
      if (options.summary) {
        std::cout << summarise(*result.scenario);
      } else {
        std::cout << file << ": ok";
        if (result.warningCount() > 0) std::cout << " (" << result.warningCount() << " warnings)";
        std::cout << "\n";
      }
    } else {
      std::cout << file << ": " << result.errorCount() << " errors, " << result.warningCount() << " warnings";
      if (result.suppressed > 0) std::cout << " (and " << result.suppressed << " more not shown)";
      if (options.strict && result.errorCount() == 0) std::cout << " (--strict: warnings are fatal)";
      std::cout << "\n";
    }
    std::cout.flush();  // each verdict after its diagnostics, when both go to one terminal
  }
  if (json) {
    nlohmann::json out = {{"files", files}, {"exit_code", exitCode}};
    if (!suppressed.empty()) out["suppressed"] = suppressed;
    if (options.summary) out["summaries"] = summaries;
    std::cout << out.dump(2) << "\n";
  }
  return exitCode;
}

}  // namespace

void addValidateCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* command = app.add_subcommand(
      "validate",
      "Check scenario files and report every problem with file:line:col.\n"
      "Exit codes: 0 valid, 1 errors (or warnings with --strict), 2 usage error or unreadable file.");
  command->add_option("files", options->files, "Scenario files (YAML)")->required();
  command->add_option("--format", options->format, "Output: text (for people) or json (for tools)")
      ->check(CLI::IsMember({"text", "json"}));
  command->add_flag("--json", options->json, "The same as --format json");
  command->add_flag("--strict", options->strict, "Treat warnings as errors");
  command->add_flag("--summary", options->summary, "Print a short summary of each valid scenario");
  command->callback([options, &exitCode] { exitCode = run(*options); });
}

}  // namespace demarche::cli
