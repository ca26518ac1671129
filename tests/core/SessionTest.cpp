// Specifications of determinism, hashing, serialisation, the command log, undo, branches,
// random play and the after-action data.
#include <gtest/gtest.h>

#include "SmallScenario.hpp"
#include "TestScenario.hpp"
#include "core/AfterAction.hpp"
#include "core/CommandText.hpp"
#include "core/RandomPolicy.hpp"
#include "core/Session.hpp"

namespace demarche {
namespace {

using test::advanceTo;
using test::ok;
using S = test::Small;

// Random seats for every actor; the policies own their generators.
struct Seats {
  std::vector<RandomPolicy> policies;
  std::vector<Policy*> seats;
  Seats(int actors, std::uint64_t seed) {
    for (int a = 0; a < actors; ++a) policies.emplace_back(seed * 1000 + static_cast<std::uint64_t>(a));
    for (auto& p : policies) seats.push_back(&p);
  }
};

TEST(Determinism, SameSeedAndCommandsGiveTheSameHash) {
  const ScenarioDef def = test::generatedScenario(8, 40);
  Engine engine(def);
  std::uint64_t hashes[2];
  for (int run = 0; run < 2; ++run) {
    Session session(engine, 7);
    Seats seats(static_cast<int>(def.actors.size()), 7);
    playOut(session, seats.seats);
    EXPECT_EQ(session.state().phase, Phase::Ended);
    hashes[run] = session.hash();
  }
  EXPECT_EQ(hashes[0], hashes[1]);
}

TEST(Determinism, ReplayingTheLogReachesEveryPerTurnHash) {
  const ScenarioDef def = test::generatedScenario(8, 40);
  Engine engine(def);
  Session played(engine, 11);
  Seats seats(static_cast<int>(def.actors.size()), 11);
  playOut(played, seats.seats);
  Session replay(engine, 11);
  for (const Command& c : played.commands()) ASSERT_FALSE(replay.submit(c).has_value());
  ASSERT_EQ(replay.turnStarts().size(), played.turnStarts().size());
  for (std::size_t t = 0; t < played.turnStarts().size(); ++t)
    EXPECT_EQ(replay.turnStarts()[t].hash, played.turnStarts()[t].hash) << "turn " << t + 1;
  EXPECT_EQ(replay.hash(), played.hash());
}

TEST(Determinism, TheLogSurvivesItsTextForm) {
  const ScenarioDef def = test::generatedScenario(8, 40);
  Engine engine(def);
  Session played(engine, 5);
  Seats seats(static_cast<int>(def.actors.size()), 5);
  playOut(played, seats.seats);
  Session replay(engine, 5);
  for (const Command& c : played.commands()) {
    const std::string line = formatCommand(def, c);
    const CommandParse parsed = parseCommand(def, line);
    ASSERT_TRUE(parsed.command.has_value()) << line << ": " << parsed.error;
    EXPECT_EQ(*parsed.command, c) << line;
    ASSERT_FALSE(replay.submit(*parsed.command).has_value()) << line;
  }
  EXPECT_EQ(replay.hash(), played.hash());
}

TEST(Determinism, DifferentSeedsGiveDifferentGames) {
  const ScenarioDef def = test::generatedScenario(8, 40);
  Engine engine(def);
  Session a(engine, 1), b(engine, 2);
  Seats sa(static_cast<int>(def.actors.size()), 1), sb(static_cast<int>(def.actors.size()), 2);
  playOut(a, sa.seats);
  playOut(b, sb.seats);
  EXPECT_NE(a.hash(), b.hash());
}

TEST(GameStateHash, CloneEqualsOriginal) {
  S sc;
  Engine engine(sc.def);
  GameState s = engine.initialState();
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, TakeMeasure{S::ukr, sc.harden, -1, -1});
  const GameState clone = s;
  EXPECT_EQ(clone, s);
  EXPECT_EQ(stateHash(clone), stateHash(s));
  GameState changed = s;
  ok(engine, changed, EndPhase{});
  EXPECT_NE(stateHash(changed), stateHash(s));
}

TEST(GameStateHash, SerialisationRoundTripsToTheSameHash) {
  const ScenarioDef def = test::generatedScenario(8, 40);
  Engine engine(def);
  GameState s = engine.initialState(3);
  Seats seats(static_cast<int>(def.actors.size()), 3);
  PlayOptions opt;
  opt.stopAtTurn = 4;
  playOut(engine, s, seats.seats, opt);
  const std::string bytes = serializeState(s);
  const auto back = deserializeState(bytes);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(stateHash(*back), stateHash(s));
  EXPECT_EQ(serializeState(*back), bytes);
  EXPECT_FALSE(deserializeState(bytes.substr(0, bytes.size() / 2)).has_value());
  EXPECT_FALSE(deserializeState("garbage").has_value());
  EXPECT_EQ(hashHex(0x0123456789abcdefULL), "0123456789abcdef");
}

TEST(SessionUndo, UndoRestoresThePreviousTurnsHash) {
  S sc;
  Engine engine(sc.def);
  Session session(engine);
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(session.submit(EndPhase{}));  // to turn 2's briefing
  ASSERT_EQ(session.state().turn, 2);
  ASSERT_EQ(session.turnStarts().size(), 2u);
  const std::uint64_t turn1 = session.turnStarts()[0].hash;
  ASSERT_FALSE(session.submit(UndoTurn{}));  // nothing done in turn 2 yet: back to turn 1
  EXPECT_EQ(session.state().turn, 1);
  // The state is turn 1's start, plus the trace the undo leaves in the timeline and the log.
  GameState withoutTrace = session.state();
  ASSERT_FALSE(withoutTrace.timeline.empty());
  EXPECT_EQ(withoutTrace.timeline.back().kind, EventKind::TurnUndone);
  EXPECT_EQ(engine.describe(withoutTrace, withoutTrace.timeline.back()),
            "The facilitator undid turn 2 and went back to the start of turn 1 (4 commands undone)");
  withoutTrace.timeline.pop_back();
  EXPECT_EQ(stateHash(withoutTrace), turn1);
  ASSERT_EQ(session.commands().size(), 1u);
  EXPECT_EQ(session.commands()[0], (Command{RecordUndo{2, 1, 4}}));
  // A second undo has nothing left to undo: the trace is not "something done".
  auto r = session.submit(UndoTurn{});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, ReasonCode::NothingToUndo);
}

TEST(SessionUndo, UndoInTheMiddleOfATurnGoesBackToItsStart) {
  S sc;
  Engine engine(sc.def);
  Session session(engine);
  ASSERT_FALSE(session.submit(EndPhase{}));
  ASSERT_FALSE(session.submit(TakeMeasure{S::ukr, sc.harden, -1, -1}));
  ASSERT_FALSE(session.submit(EndPhase{}));
  ASSERT_FALSE(session.submit(UndoTurn{}));
  GameState withoutTrace = session.state();
  withoutTrace.timeline.pop_back();
  EXPECT_EQ(stateHash(withoutTrace), session.turnStarts()[0].hash);
  EXPECT_EQ(session.state().phase, Phase::Briefing);
}

TEST(SessionBranch, BranchStartsFromTurnNWithTheSameHash) {
  const ScenarioDef def = test::generatedScenario(8, 40);
  Engine engine(def);
  Session session(engine, 9);
  Seats seats(static_cast<int>(def.actors.size()), 9);
  playOut(session, seats.seats);
  auto branch = session.branchAt(3);
  ASSERT_TRUE(branch.has_value());
  EXPECT_EQ(branch->state().turn, 3);
  EXPECT_EQ(branch->hash(), session.turnStarts()[2].hash);
  EXPECT_EQ(branch->turnStarts().size(), 3u);
  EXPECT_EQ(branch->commands().size(), session.turnStarts()[2].firstCommand);
  Seats other(static_cast<int>(def.actors.size()), 99);
  playOut(*branch, other.seats);
  EXPECT_EQ(branch->state().phase, Phase::Ended);
  EXPECT_FALSE(session.branchAt(99).has_value());
}

// The random-play invariant test (the persistence helper extends it with saves).
TEST(RandomPlay, InvariantsHoldForHundredsOfSeededGames) {
  const ScenarioDef def = test::generatedScenario(8, 40);
  Engine engine(def);
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    GameState s = engine.initialState(seed);
    Seats seats(static_cast<int>(def.actors.size()), seed);
    playOut(engine, s, seats.seats);
    ASSERT_EQ(s.phase, Phase::Ended) << seed;
    for (double m : s.meters) ASSERT_TRUE(m >= 0 && m <= 100) << seed;
    for (double t : s.trust) ASSERT_TRUE(t >= -100 && t <= 100) << seed;
    for (int c : s.capital) ASSERT_GE(c, 0) << seed;
    ASSERT_GE(s.tension, 0);
    ASSERT_TRUE(s.queue.empty());
    for (int a = 0; a < s.actorCount; ++a) {
      double sum = 0;
      for (int c : def.incidents[0].candidates) sum += engine.probability(s, a, 0, c);
      ASSERT_NEAR(sum, 1.0, 1e-9);
    }
  }
}

TEST(AfterActionData, HoldsTimelineSeriesTruthObjectivesEndingAndQuestions) {
  const ScenarioDef def = test::generatedScenario(8, 40);
  Engine engine(def);
  Session session(engine, 4);
  Seats seats(static_cast<int>(def.actors.size()), 4);
  playOut(session, seats.seats);
  const AfterAction aa = buildAfterAction(session);
  EXPECT_EQ(aa.scenarioId, "generated");
  EXPECT_EQ(aa.finalHash, hashHex(session.hash()));
  EXPECT_EQ(aa.timeline.size(), session.state().timeline.size());
  for (const auto& e : aa.timeline) EXPECT_FALSE(e.text.empty());
  EXPECT_EQ(aa.series.size(), session.turnStarts().size() + 1);
  EXPECT_TRUE(aa.series.back().isFinal);
  EXPECT_EQ(aa.series[0].meters.size(), def.actors.size() * def.meterNames.size());
  ASSERT_EQ(aa.incidents.size(), def.incidents.size());
  EXPECT_EQ(aa.incidents[0].operatorActor, 2);
  EXPECT_EQ(aa.incidents[0].views.size(), def.actors.size());
  EXPECT_EQ(aa.incidents[0].plantedEvidence.size(), 1u);
  EXPECT_EQ(aa.objectives.size(), def.objectives.size());
  EXPECT_FALSE(aa.endingId.empty());
  ASSERT_EQ(aa.questions.size(), 1u);
}

TEST(AfterActionData, ObjectivesScoreWhenTheirConditionHolds) {
  S sc;
  Engine engine(sc.def);
  GameState s = engine.initialState();
  advanceTo(engine, s, Phase::Deliberation);
  EXPECT_FALSE(evaluateObjectives(engine, s)[0].achieved);
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::rus});
  const auto objectives = evaluateObjectives(engine, s);
  EXPECT_TRUE(objectives[0].achieved);
  EXPECT_EQ(objectives[0].score, 20);
}

}  // namespace
}  // namespace demarche
