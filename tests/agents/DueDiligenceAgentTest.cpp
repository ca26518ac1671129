// Due diligence in the AI (docs/agents.md, rules §3.8): a norm-committed state that believes a
// group based in a state it distrusts is behind an incident holds that host responsible for
// harbouring it, and says why; a state with little commitment to norms names the group.
#include <gtest/gtest.h>

#include <algorithm>

#include "AgentFixture.hpp"

namespace demarche::agents::test {
namespace {

struct ShelteredGang {
  ScenarioDef def = winterGrid();
  int rus = -1, gang = -1, grid = -1, judge = -1;
  ShelteredGang() {
    rus = actor(def, "rus");
    gang = actor(def, "crime_gang");
    grid = incident(def, "grid_attack");
    def.actors[static_cast<std::size_t>(gang)].basedIn = rus;
    def.incidents[static_cast<std::size_t>(grid)].truth.harbouredBy = {rus};
  }
};

TEST(DueDiligenceAgent, ANormCommittedStateHoldsTheHostResponsibleForHarbouringTheGroup) {
  ShelteredGang g;
  const Engine engine(g.def);
  GameState s = engine.initialState();
  deliberationOfTurn(engine, s, 2);
  // A state that trusts rus less than zero; give it a norm-committed doctrine.
  for (int a = 0; a < s.actorCount && g.judge < 0; ++a)
    if (a != g.rus && g.def.actors[static_cast<std::size_t>(a)].kind == ActorKind::State &&
        s.trustOf(a, g.rus) < 0)
      g.judge = a;
  ASSERT_GE(g.judge, 0);
  ScenarioDef committed = g.def;
  committed.actors[static_cast<std::size_t>(g.judge)].doctrine.normCommitment = 0.9;
  const Engine e2(committed);
  const AgentCatalogue cat2(committed);
  setBelief(e2, s, g.judge, g.grid, g.gang, 0.9);
  const Choice c = choose(e2, cat2, s, g.judge, 0);
  const auto decided = std::find_if(c.commands.begin(), c.commands.end(), [&](const Command& cmd) {
    const auto* d = std::get_if<DecideAttribution>(&cmd);
    return d && d->incident == g.grid;
  });
  ASSERT_NE(decided, c.commands.end());
  const Command harbouring = DecideAttribution{g.judge, g.grid, g.rus, true};
  EXPECT_EQ(*decided, harbouring);
  EXPECT_TRUE(std::any_of(c.rationales.begin(), c.rationales.end(), [](const std::string& r) {
    return r.find("responsible for harbouring") != std::string::npos;
  }));
  // The same state with little commitment to norms names the group itself.
  committed.actors[static_cast<std::size_t>(g.judge)].doctrine.normCommitment = 0.2;
  const Engine e3(committed);
  const AgentCatalogue cat3(committed);
  const Choice c3 = choose(e3, cat3, s, g.judge, 0);
  for (const Command& cmd : c3.commands)
    if (const auto* d = std::get_if<DecideAttribution>(&cmd); d && d->incident == g.grid) {
      EXPECT_EQ(d->candidate, g.gang);
      EXPECT_FALSE(d->harbouring);
    }
}

}  // namespace
}  // namespace demarche::agents::test
