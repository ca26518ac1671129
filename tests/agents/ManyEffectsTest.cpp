// The look-ahead of an agent sees every effect of a measure, however many it has (it once
// kept 24 predicted changes and dropped the rest without a word).
#include <gtest/gtest.h>

#include <string>

#include "AgentFixture.hpp"

namespace demarche::agents::test {
namespace {

// One actor pair, 30 meters, and a reform whose 30th effect alone fulfils the objective.
ScenarioDef manyEffectsScenario() {
  constexpr int kMeters = 30;
  const auto m = [](int i) { return std::string(1, 'm') += std::to_string(i); };
  std::string y = "format: 1\nid: effects\ntitle: Effects\nturns: 3\nmeters: [";
  for (int i = 0; i < kMeters; ++i) y += (i ? ", " : "") + m(i);
  y += "]\nactors:\n  - {id: alpha, name: Alpha, kind: state}\n  - {id: beta, name: Beta, kind: state}\n";
  y += "escalation:\n  rungs:\n    - {id: calm, name: Calm, threshold: 0}\n"
       "    - {id: war, name: War, threshold: 90, armed_conflict: true}\n";
  y += "measures:\n  - id: reform\n    name: Reform\n    category: cooperative\n    cost: 1\n"
       "    target: none\n    escalation: proportionate\n    effects:\n";
  for (int i = 0; i < kMeters; ++i) y += "      - \"meter(self, " + m(i) + ") += 1\"\n";
  y += "objectives:\n  - {id: last, actor: alpha, description: Raise the last meter, condition: "
       "\"meter(alpha, " +
       m(kMeters - 1) + ") >= 51\", score: 40}\n";
  y += "endings:\n  - {id: war, title: War, kind: armed_conflict, when: \"escalation >= 1\"}\n"
       "  - {id: stalemate, title: Stalemate, kind: stalemate, at_last_turn: true}\n";
  auto result = scenario::loadScenarioFromString(y, "effects.yaml");
  if (!result.ok()) throw std::runtime_error(scenario::formatDiagnostics(result));
  return *result.scenario;
}

TEST(ManyEffects, LookAheadCreditsAnObjectiveOnlyTheThirtiethEffectFulfils) {
  const ScenarioDef def = manyEffectsScenario();
  const Engine engine(def);
  const AgentCatalogue cat(def);
  GameState s = engine.initialState();
  deliberationOfTurn(engine, s, 1);
  const Choice c = choose(engine, cat, s, actor(def, "alpha"), 0);
  ASSERT_EQ(measuresOf(c).size(), 1u);
  ASSERT_EQ(c.rationales.size(), c.commands.size());
  bool objective = false;
  for (const std::string& why : c.rationales)
    objective = objective || why.find("advances our objective 'Raise the last meter'") != std::string::npos;
  EXPECT_TRUE(objective) << testing::PrintToString(c.rationales);
}

}  // namespace
}  // namespace demarche::agents::test
