// What a team reads under each measure it may queue (the window's "Expected:" line): its effects
// in words, in the team's language ("Resilience (target) +6", "Trust: we → target +5"), not
// the expressions the scenario author wrote ("meter(target, resilience) += 6").
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../tools/Ukrainian.hpp"
#include "AgentFixture.hpp"
#include "scenario/Loader.hpp"

namespace demarche {
namespace {

using agents::test::shippedScenarios;
using agents::test::winterGrid;

std::vector<std::string> effectsOf(const Engine& engine, const std::string& measure, std::string_view lang) {
  std::vector<std::string> out;
  for (const MeasureDef& m : engine.def().measures)
    if (m.id == measure)
      for (const EffectDef& e : m.effects) out.push_back(engine.effectText(e, lang));
  return out;
}

TEST(EffectWords, AMeasuresEffectsReadInWordsInTheTeamsLanguage) {
  test::installUkrainian();
  const Engine engine(winterGrid());
  EXPECT_EQ(effectsOf(engine, "capacity_building", ""),
            (std::vector<std::string>{"Cyber defence (target) +1", "Resilience (target) +6",
                                      "Trust: we \u2192 target +5"}));
  EXPECT_EQ(effectsOf(engine, "capacity_building", "uk"),
            (std::vector<std::string>{"Кіберзахист (ціль) +1", "Стійкість (ціль) +6",
                                      "Довіра: ми \u2192 ціль +5"}));
}

// Every effect of every shipped measure reads in words, except those whose amount is computed
// or that reveal evidence: those read as written.
TEST(EffectWords, EveryShippedEffectReadsInWordsUnlessItsAmountIsComputed) {
  int inWords = 0;
  for (const auto& path : shippedScenarios()) {
    auto loaded = scenario::loadScenario(path);
    ASSERT_TRUE(loaded.ok()) << path;
    const Engine engine(*loaded.scenario);
    for (const MeasureDef& m : loaded.scenario->measures)
      for (const EffectDef& e : m.effects) {
        const std::string text = engine.effectText(e);
        if (text == e.source) {
          const bool computed = e.source.find("reveal(") != std::string::npos ||
                                e.source.find_first_of("*/(", e.source.find('=')) != std::string::npos;
          EXPECT_TRUE(computed) << path.filename() << " " << m.id << ": " << e.source;
          continue;
        }
        ++inWords;
        EXPECT_EQ(text.find('_'), std::string::npos) << m.id << ": " << text;
        EXPECT_EQ(text.find("+="), std::string::npos) << m.id << ": " << text;
      }
  }
  EXPECT_GT(inWords, 200);
}

}  // namespace
}  // namespace demarche
