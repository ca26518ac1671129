// libFuzzer target: a decisions file (`run --decisions`) from memory through its reader,
// against Winter Grid, with its diagnostics formatted.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "scenario/Decisions.hpp"
#include "scenario/Loader.hpp"

namespace {

const demarche::ScenarioDef& winterGrid() {
  static const demarche::ScenarioDef def = [] {
    auto loaded = demarche::scenario::loadScenario(DEMARCHE_SOURCE_DIR "/scenarios/winter-grid.yaml");
    if (!loaded.scenario) {
      std::cerr << demarche::scenario::formatDiagnostics(loaded);
      std::abort();
    }
    return std::move(*loaded.scenario);
  }();
  return def;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto result = demarche::scenario::loadDecisionsFromString(text, "fuzz.decisions.yaml", winterGrid());
  (void)demarche::scenario::formatDiagnostics(result);
  return 0;
}
