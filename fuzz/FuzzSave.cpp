// libFuzzer target: a save (command log) from memory through the structural reader, then its
// seats and commands parsed against Winter Grid and, for a short log, replayed with every hash
// checked. The scenario-hash check is skipped so mutated logs reach the command parser.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string_view>
#include <vector>

#include "core/Engine.hpp"
#include "core/Save.hpp"
#include "scenario/Loader.hpp"

namespace {

constexpr std::size_t kMaxCommandsReplayed = 400;

const demarche::Engine& winterGrid() {
  static const std::unique_ptr<demarche::Engine> engine = [] {
    auto loaded = demarche::scenario::loadScenario(DEMARCHE_SOURCE_DIR "/scenarios/winter-grid.yaml");
    if (!loaded.scenario) {
      std::cerr << demarche::scenario::formatDiagnostics(loaded);
      std::abort();
    }
    static const demarche::ScenarioDef def = std::move(*loaded.scenario);
    return std::make_unique<demarche::Engine>(def);
  }();
  return *engine;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace demarche;
  const Engine& engine = winterGrid();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  SaveRead read = parseSave(text);
  if (!read.log) {
    (void)formatSaveError("fuzz.dlog", read.error);
    return 0;
  }
  (void)checkScenario(*read.log, engine.def(), "winter-grid.yaml");
  std::vector<Command> commands;
  if (parseSaveCommands(*read.log, engine.def(), commands)) return 0;
  if (commands.size() > kMaxCommandsReplayed) return 0;
  (void)replaySave(engine, *read.log, commands);
  return 0;
}
