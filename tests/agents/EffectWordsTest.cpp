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

// The timeline says how a measure stands toward its target: against it when it harms it (a
// sanction, proceedings, a public attribution), addressed to it when it only lowers the trust
// between the two (a summons, a démarche), with it otherwise (a hotline call, a request for
// mutual legal assistance: asking a state for help is not acting against it).
TEST(EffectWords, TheTimelineSaysWhetherAMeasureIsAgainstAddressedToOrWithItsTarget) {
  test::installUkrainian();
  const ScenarioDef& def = winterGrid();
  const Engine engine(def);
  const GameState state = engine.initialState(1);
  auto index = [&](const std::string& id) {
    for (std::size_t m = 0; m < def.measures.size(); ++m)
      if (def.measures[m].id == id) return static_cast<int>(m);
    ADD_FAILURE() << "no measure " << id;
    return 0;
  };
  auto stance = [&](const std::string& id) {
    return targetStance(def.measures[static_cast<std::size_t>(index(id))]);
  };
  EXPECT_EQ(stance("national_sanctions"), TargetStance::Against);
  EXPECT_EQ(stance("legal_avenue"), TargetStance::Against);
  EXPECT_EQ(stance("public_attribution"), TargetStance::Against);
  EXPECT_EQ(stance("summon_ambassador"), TargetStance::AddressedTo);
  EXPECT_EQ(stance("hotline_call"), TargetStance::With);
  EXPECT_EQ(stance("mutual_legal_assistance"), TargetStance::With);

  const int ukr = 0;
  int pol = -1, rus = -1;
  for (std::size_t a = 0; a < def.actors.size(); ++a) {
    if (def.actors[a].id == "pol") pol = static_cast<int>(a);
    if (def.actors[a].id == "rus") rus = static_cast<int>(a);
  }
  ASSERT_GE(pol, 0);
  ASSERT_GE(rus, 0);
  auto resolved = [&](const std::string& measure, int target, std::string_view lang) {
    Event e;
    e.kind = EventKind::MeasureResolved;
    e.actor = ukr;
    e.a = index(measure);
    e.b = target;
    return engine.describe(state, e, lang);
  };
  EXPECT_EQ(resolved("mutual_legal_assistance", pol, "en"),
            "Ukraine takes Mutual legal assistance request with Poland");
  EXPECT_EQ(resolved("summon_ambassador", rus, "en"),
            "Ukraine takes Summon the ambassador addressed to Russia");
  EXPECT_EQ(resolved("legal_avenue", rus, "en"),
            "Ukraine takes International legal proceedings against Russia");
  EXPECT_EQ(resolved("summon_ambassador", rus, "uk"), "Україна вживає захід «Виклик посла» (адресат: Росія)");
}

// The facilitator's adjustment reads as a sentence: the meter's name starts lower case inside it
// in English ("Ukraine's domestic pressure"), and stands in quotation marks in Ukrainian.
TEST(EffectWords, AFacilitatorsAdjustmentNamesTheMeterWithinTheSentence) {
  test::installUkrainian();
  const ScenarioDef& def = winterGrid();
  const Engine engine(def);
  GameState state = engine.initialState(1);
  int meter = -1;
  for (std::size_t m = 0; m < def.meterNames.size(); ++m)
    if (def.meterNames[m] == "domestic_pressure") meter = static_cast<int>(m);
  ASSERT_GE(meter, 0);
  state.notes.push_back("Protests in Lviv");
  Event e;
  e.kind = EventKind::MeterAdjusted;
  e.actor = 0;  // ukr
  e.a = meter;
  e.value = 5;
  e.note = static_cast<int>(state.notes.size()) - 1;
  EXPECT_EQ(engine.describe(state, e, "en"),
            "Facilitator adjusts Ukraine's domestic pressure by +5: \"Protests in Lviv\"");
  EXPECT_EQ(engine.describe(state, e, "uk"),
            "Модератор змінює показник «Внутрішній тиск» (Україна) на +5: «Protests in Lviv»");
}

}  // namespace
}  // namespace demarche
