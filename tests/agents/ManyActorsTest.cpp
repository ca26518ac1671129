// Agents in scenarios with many actors: every actor is judged on its own relations, whatever
// its index (agents once kept their per-actor scores in 64 slots, and actors from 64 on were
// all given actor 63's).
#include <gtest/gtest.h>

#include <string>

#include "AgentFixture.hpp"

namespace demarche::agents::test {
namespace {

constexpr int kActors = 100;

// `kActors` states, all on neutral terms (trust 0) except `self` and `enemy` (trust -80), and
// two harmful measures aimed at an actor: only hostility tells the agent whom to aim them at.
ScenarioDef crowdedScenario(int self, int enemy) {
  const auto a = [](int i) { return std::string(1, 'a') += std::to_string(i); };
  std::string y = "format: 1\nid: crowd\ntitle: Crowd\nturns: 3\nmeters: [economy]\nactors:\n";
  for (int i = 0; i < kActors; ++i) {
    y += "  - {id: " + a(i) + ", name: Actor " + std::to_string(i) + ", kind: state, meters: {economy: 50}";
    if (i == self)
      y += ", doctrine: {risk_tolerance: 0.9, norm_commitment: 0.2, reciprocity: 0.9, alliance_loyalty: 0.5, "
           "escalation_aversion: 0.1, domestic_sensitivity: 0.2}";
    y += "}\n";
  }
  y += "relations:\n  - {between: [" + a(self) + ", " + a(enemy) + "], trust: -80}\n";
  y += "escalation:\n  rungs:\n    - {id: calm, name: Calm, threshold: 0}\n"
       "    - {id: war, name: War, threshold: 90, armed_conflict: true}\n";
  y += "measures:\n"
       "  - {id: sanction, name: Sanction, category: restrictive, cost: 1, target: actor,\n"
       "     escalation: proportionate, effects: [\"meter(target, economy) -= 20\"]}\n"
       "  - {id: embargo, name: Embargo, category: restrictive, cost: 1, target: actor,\n"
       "     escalation: proportionate, effects: [\"meter(target, economy) -= 15\"]}\n";
  y += "endings:\n  - {id: war, title: War, kind: armed_conflict, when: \"escalation >= 1\"}\n"
       "  - {id: stalemate, title: Stalemate, kind: stalemate, at_last_turn: true}\n";
  auto result = scenario::loadScenarioFromString(y, "crowd.yaml");
  if (!result.ok()) throw std::runtime_error(scenario::formatDiagnostics(result));
  return *result.scenario;
}

struct Pair {
  int self;
  int enemy;
};

class ManyActors : public ::testing::TestWithParam<Pair> {};

TEST_P(ManyActors, AgentAimsItsHarmfulMeasuresAtItsOwnEnemyOnly) {
  const auto [self, enemy] = GetParam();
  const ScenarioDef def = crowdedScenario(self, enemy);
  ASSERT_EQ(static_cast<int>(def.actors.size()), kActors);
  const Engine engine(def);
  const AgentCatalogue cat(def);
  GameState s = engine.initialState();
  deliberationOfTurn(engine, s, 1);
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const Choice c = choose(engine, cat, s, self, 0, seed);
    const std::vector<TakeMeasure> measures = measuresOf(c);
    ASSERT_FALSE(measures.empty()) << "seed " << seed << ": a hawk facing an enemy acts";
    for (const TakeMeasure& m : measures)
      EXPECT_EQ(m.target, enemy) << "seed " << seed << ": "
                                 << def.measures[static_cast<std::size_t>(m.measure)].id << " aimed at a"
                                 << m.target << ", who is neutral to a" << self;
  }
}

// An enemy past the old 64 slots; an agent seated past them; and actor 63 itself, whose
// hostility was lent to every actor after it.
INSTANTIATE_TEST_SUITE_P(Crowd, ManyActors, ::testing::Values(Pair{0, 90}, Pair{80, 81}, Pair{0, 63}),
                         [](const ::testing::TestParamInfo<Pair>& p) {
                           return "self" + std::to_string(p.param.self) + "_enemy" +
                                  std::to_string(p.param.enemy);
                         });

}  // namespace
}  // namespace demarche::agents::test
