// measureOptions lists every measure a team could take with the engine's own answer: legal, or
// refused with the sentence Engine::check gives. Checked against a brute force over random games.
#include <gtest/gtest.h>

#include "OptionsCheck.hpp"
#include "SmallScenario.hpp"
#include "core/Options.hpp"

namespace demarche::test {
namespace {

TEST(Options, AgreeWithEngineCheckOverHundredsOfRandomStates) {
  const Small sc;
  const int checked = checkOptionsOverRandomGames(sc.def, 40);
  EXPECT_GE(checked, 500);
}

TEST(Options, RefusedOptionsCarryThePlayersSentence) {
  const Small sc;
  const Engine engine(sc.def);
  GameState s = engine.initialState();
  advanceTo(engine, s, Phase::Deliberation);
  s.capital[Small::ukr] = 1;
  const auto options = measureOptions(engine, s, Small::ukr);
  bool sawCapital = false;
  for (const MeasureOption& o : options) {
    if (o.measure == sc.expensive) {
      EXPECT_FALSE(o.legal);
      EXPECT_EQ(o.reasonText, "costs 3 capital, 1 left");
      sawCapital = true;
    }
    if (o.measure == sc.harden) {
      EXPECT_TRUE(o.legal);
    }
  }
  EXPECT_TRUE(sawCapital);
}

TEST(Options, LeaveOutIncidentsNobodyKnowsAndTheActorItself) {
  Small sc;
  sc.def.incidents[0].revealTurn = 3;
  const Engine engine(sc.def);
  GameState s = engine.initialState();
  advanceTo(engine, s, Phase::Deliberation);
  for (const MeasureOption& o : measureOptions(engine, s, Small::ukr)) {
    EXPECT_EQ(o.incident, -1) << "an option over an incident that is not public";
    EXPECT_NE(o.target, Small::ukr);
  }
}

TEST(Options, OutsideDeliberationEveryOptionIsRefusedWithThePhase) {
  const Small sc;
  const Engine engine(sc.def);
  const GameState s = engine.initialState();
  const auto options = measureOptions(engine, s, Small::ukr);
  ASSERT_FALSE(options.empty());
  for (const MeasureOption& o : options) {
    EXPECT_FALSE(o.legal);
    EXPECT_EQ(o.reason, ReasonCode::WrongPhase);
  }
}

}  // namespace
}  // namespace demarche::test
