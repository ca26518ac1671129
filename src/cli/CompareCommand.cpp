// `demarche compare SAVE_A SAVE_B`: two saves of one scenario side by side — ending, scores of
// maximum, tension over the turns, who attributed what and when — the debrief's "what if" as a
// report. Both saves are replayed and checked first.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/Commands.hpp"
#include "cli/PlaySupport.hpp"
#include "core/AtomicFile.hpp"
#include "core/Compare.hpp"
#include "report/Compare.hpp"

namespace demarche::cli {
namespace {

struct CompareOptions {
  std::string a, b;
  std::string scenario;
  std::string report;
};

int compare(const CompareOptions& options) {
  if (!reportOptionIsUsable("compare", options.report)) return kExitUsage;
  int code = kExitOk;
  std::optional<ReplayedSave> a = replaySaveFile(options.a, options.scenario, code);
  if (!a) return code;
  std::optional<ReplayedSave> b = replaySaveFile(options.b, options.scenario, code);
  if (!b) return code;
  if (a->def->id != b->def->id) {
    std::cerr << "compare: " << options.a << " plays " << a->def->id << " and " << options.b << " plays "
              << b->def->id << ": compare two saves of one scenario\n";
    return kExitUsage;
  }
  namespace fs = std::filesystem;
  const Comparison c =
      compareOutcomes(buildAfterAction(*a->replay.session), fs::path(options.a).filename().string(),
                      buildAfterAction(*b->replay.session), fs::path(options.b).filename().string());
  std::cout << report::renderComparison(c, report::Format::Markdown);
  if (!options.report.empty()) {
    const auto format = report::formatForPath(options.report);
    if (auto error = writeFileAtomically(options.report, report::renderComparison(c, *format))) {
      std::cerr << "compare: cannot write the report: " << *error << "\n";
      return kExitUsage;
    }
  }
  return kExitOk;
}

}  // namespace

void addCompareCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* command = app.add_subcommand(
      "compare",
      "Two saves of one scenario side by side (\"what if\"): ending, scores, tension, attributions.\n"
      "Exit codes: 0 compared, 1 a save does not replay identically, 2 usage error or unreadable file.");
  command->add_option("save_a", options->a, "The first save (e.g. the exercise as played)")->required();
  command->add_option("save_b", options->b, "The second save (e.g. a branch of it)")->required();
  command->add_option("--scenario", options->scenario,
                      "Scenario file (default: the path recorded in the saves)");
  command->add_option("--report", options->report, "Also write the comparison: FILE.md, .html or .json");
  command->callback([options, &exitCode] { exitCode = compare(*options); });
}

}  // namespace demarche::cli
