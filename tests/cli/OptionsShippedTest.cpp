// measureOptions against the brute force (tests/core/OptionsCheck.hpp) on every shipped
// scenario: the options a team is shown are exactly what the engine would answer.
#include <gtest/gtest.h>

#include <filesystem>

#include "../core/OptionsCheck.hpp"
#include "scenario/Loader.hpp"

namespace demarche::test {
namespace {

TEST(Options, AgreeWithEngineCheckOnEveryShippedScenario) {
  namespace fs = std::filesystem;
  int scenarios = 0;
  for (const auto& e : fs::directory_iterator(fs::path(DEMARCHE_SOURCE_DIR) / "scenarios")) {
    if (e.path().extension() != ".yaml") continue;
    auto loaded = scenario::loadScenario(e.path());
    ASSERT_TRUE(loaded.ok()) << scenario::formatDiagnostics(loaded);
    const int checked = checkOptionsOverRandomGames(*loaded.scenario, 4);
    EXPECT_GE(checked, 150) << e.path();  // a 45-minute class has 4 turns and 5 actors
    ++scenarios;
  }
  EXPECT_GE(scenarios, 1);
}

}  // namespace
}  // namespace demarche::test
