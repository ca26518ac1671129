// The reusable random-play test (after OpenSpiel's RandomSimTest): for every shipped scenario,
// hundreds of seeded games of random commands — legal ones from the built-in policy and
// arbitrary ones that must be refused without a trace — and at every turn start the state
// invariants, copy == original, canonical bytes round trip, save -> load -> replay to the same
// per-turn hashes, and undo back to the previous turn's start.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>

#include "core/CommandText.hpp"
#include "core/RandomPolicy.hpp"
#include "core/Save.hpp"
#include "core/Session.hpp"
#include "scenario/Loader.hpp"

namespace demarche {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> shippedScenarios() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(DEMARCHE_SOURCE_DIR) / "scenarios")) {
    if (e.path().extension() == ".yaml") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Plays like RandomPolicy, and also throws in arbitrary commands (bad indices, wrong
// phases, unaffordable measures, replies to nothing); each must be refused by check() with a
// message, and a refused submit must leave the state exactly as it was.
class ChaosPolicy final : public Policy {
 public:
  explicit ChaosPolicy(std::uint64_t seed) : m_rng(seed ^ 0x5eed), m_inner(seed) {}

  void act(const Engine& engine, const GameState& state, int actor, int round,
           std::vector<Command>& out) override {
    m_inner.act(engine, state, actor, round, out);
    for (int i = 0; i < 3; ++i) {
      const Command c = arbitrary(state, actor);
      const ReasonCode code = engine.checkCode(state, c);
      const auto refusal = engine.check(state, c);
      ASSERT_EQ(code == ReasonCode::None, !refusal.has_value()) << "check and checkCode disagree";
      if (refusal) {
        ++refusedChecked;
        EXPECT_FALSE(refusal->message.empty()) << "a refusal without a reason";
        GameState copy = state;
        EXPECT_TRUE(engine.submit(copy, c).has_value());
        EXPECT_EQ(copy, state) << "a refused command changed the state";
      } else if (!std::holds_alternative<EndExercise>(c) || m_rng.chance(0.005)) {
        out.push_back(c);
      }
    }
  }
  int refusedChecked = 0;

 private:
  int pick(int n) { return m_rng.uniformInt(n + 2) - 1; }  // -1 .. n: includes invalid indices
  Command arbitrary(const GameState& s, int actor) {
    switch (m_rng.uniformInt(8)) {
      case 0:
        return TakeMeasure{actor, pick(s.measureCount), pick(s.actorCount), pick(s.incidentCount)};
      case 1:
        return DecideAttribution{actor, pick(s.incidentCount), pick(s.actorCount)};
      case 2:
        return Disclose{
            actor, pick(s.incidentCount), static_cast<Disclosure>(m_rng.uniformInt(4)), {pick(s.actorCount)}};
      case 3:
        return Reply{actor,
                     pick(static_cast<int>(s.proposals.size())),
                     static_cast<ReplyKind>(m_rng.uniformInt(4)),
                     {pick(s.termCount)},
                     m_rng.chance(0.5) ? "because" : ""};
      case 4:
        return Propose{actor, {pick(s.actorCount)}, {pick(s.termCount)}, pick(s.incidentCount), {}};
      case 5:
        return AdjustMeter{pick(s.actorCount), pick(s.meterCount), m_rng.chance(0.5) ? 60.0 : -60.0,
                           m_rng.chance(0.9) ? "facilitator test" : ""};
      case 6:
        return InjectNow{pick(s.injectCount)};
      default:
        return EndExercise{};
    }
  }
  Rng m_rng;
  RandomPolicy m_inner;
};

void expectInvariants(const Engine& engine, const GameState& s, const std::string& where) {
  for (double m : s.meters) ASSERT_TRUE(m >= 0 && m <= 100) << where << ": meter " << m;
  for (double t : s.trust) ASSERT_TRUE(t >= -100 && t <= 100) << where << ": trust " << t;
  for (int c : s.capital) ASSERT_GE(c, 0) << where << ": capital";
  ASSERT_GE(s.rung, 0);
  ASSERT_LT(static_cast<std::size_t>(s.rung), engine.def().ladder.rungs.size());
  for (int a = 0; a < s.actorCount; ++a) {
    for (int i = 0; i < s.incidentCount; ++i) {
      const Assessment as = engine.assessment(s, a, i);
      double sum = 0;
      for (const auto& c : as.candidates) {
        ASSERT_TRUE(c.probability >= 0 && c.probability <= 1) << where;
        sum += c.probability;
      }
      ASSERT_NEAR(sum, 1.0, 1e-6) << where << ": probabilities of actor " << a << ", incident " << i;
    }
  }
}

void expectSaveReplays(const Engine& engine, const Session& session, const std::string& where) {
  SaveRead read = parseSave(formatSave(session, "scenario.yaml"));
  ASSERT_TRUE(read.log) << where << ": " << read.error.message;
  ASSERT_FALSE(checkScenario(*read.log, engine.def(), "scenario.yaml"));
  std::vector<Command> commands;
  const auto parseError = parseSaveCommands(*read.log, engine.def(), commands);
  ASSERT_FALSE(parseError) << where << ": line " << parseError->line << ": " << parseError->message;
  // check() refuses fields a command's kind does not take, so every logged command survives
  // its text form exactly.
  ASSERT_EQ(commands.size(), session.commands().size()) << where;
  for (std::size_t i = 0; i < commands.size(); ++i)
    ASSERT_TRUE(commands[i] == session.commands()[i])
        << where << ": command " << i
        << " does not survive its text form: " << formatCommand(engine.def(), session.commands()[i]);
  const ReplayResult replay = replaySave(engine, *read.log, commands);
  ASSERT_TRUE(replay.identical) << where << ": " << replay.message;
  ASSERT_EQ(replay.session->hash(), session.hash());
  ASSERT_EQ(replay.session->turnStarts().size(), session.turnStarts().size());
}

TEST(RandomPlay, EveryShippedScenarioKeepsItsInvariantsAndReplaysUnderRandomCommands) {
  const auto scenarios = shippedScenarios();
  ASSERT_FALSE(scenarios.empty());
  constexpr int kGames = 300;
  for (const fs::path& file : scenarios) {
    const scenario::LoadResult loaded = scenario::loadScenario(file);
    ASSERT_TRUE(loaded.ok()) << scenario::formatDiagnostics(loaded);
    const Engine engine(*loaded.scenario);
    const int actors = static_cast<int>(loaded.scenario->actors.size());
    int refused = 0, turns = 0, endings = 0;
    for (int game = 0; game < kGames; ++game) {
      const auto seed = static_cast<std::uint64_t>(1000 + game);
      Session session(engine, seed);
      // A third of the games use only legal commands, so they run to the scenario's end.
      std::vector<std::unique_ptr<Policy>> owned;
      std::vector<ChaosPolicy*> chaos;
      std::vector<Policy*> seats;
      for (int a = 0; a < actors; ++a) {
        if (game % 3 == 0) {
          owned.push_back(std::make_unique<RandomPolicy>(seed * 131 + static_cast<std::uint64_t>(a)));
        } else {
          auto c = std::make_unique<ChaosPolicy>(seed * 131 + static_cast<std::uint64_t>(a));
          chaos.push_back(c.get());
          owned.push_back(std::move(c));
        }
        seats.push_back(owned.back().get());
      }
      while (session.state().phase != Phase::Ended) {
        const int turn = session.state().turn;
        const std::string where =
            file.filename().string() + " seed " + std::to_string(seed) + " turn " + std::to_string(turn);
        PlayOptions options;
        options.stopAtTurn = turn + 1;
        playOut(session, seats, options);
        if (HasFatalFailure()) return;
        ++turns;
        const GameState& s = session.state();
        expectInvariants(engine, s, where);
        // copy == original, same hash; canonical bytes round trip.
        const GameState copy = s;
        ASSERT_EQ(copy, s) << where;
        ASSERT_EQ(stateHash(copy), stateHash(s)) << where;
        const auto back = deserializeState(serializeState(s));
        ASSERT_TRUE(back.has_value()) << where;
        ASSERT_EQ(stateHash(*back), stateHash(s)) << where;
        expectSaveReplays(engine, session, where);
        if (HasFatalFailure()) return;
        // Undo goes back to the start of the turn just played.
        if (s.phase != Phase::Ended && session.turnStarts().size() >= 2) {
          Session undone = session;
          ASSERT_FALSE(undone.undoTurn().has_value()) << where;
          const Session::TurnStart& previous = session.turnStarts()[session.turnStarts().size() - 2];
          // ... and leaves its trace: one event and one logged command.
          GameState withoutTrace = undone.state();
          ASSERT_FALSE(withoutTrace.timeline.empty()) << where;
          ASSERT_EQ(withoutTrace.timeline.back().kind, EventKind::TurnUndone) << where;
          withoutTrace.timeline.pop_back();
          ASSERT_EQ(stateHash(withoutTrace), previous.hash) << where;
          ASSERT_EQ(withoutTrace, previous.snapshot) << where;
          ASSERT_EQ(undone.commands().size(), previous.firstCommand + 1) << where;
          ASSERT_TRUE(std::holds_alternative<RecordUndo>(undone.commands().back())) << where;
        }
        ASSERT_LE(turns, kGames * (engine.def().turns + 1)) << "a game does not end";
      }
      endings += session.state().ending >= 0 ? 1 : 0;
      for (ChaosPolicy* c : chaos) refused += c->refusedChecked;
    }
    // The test would prove little if the arbitrary commands were never refused or no game ended.
    EXPECT_GT(refused, kGames * 10) << file;
    EXPECT_GT(endings, 0) << file;
    RecordProperty(file.stem().string() + "_turns", turns);
    std::cout << file.filename().string() << ": " << kGames << " games, " << turns << " turns, " << refused
              << " arbitrary commands refused, " << endings << " endings\n";
  }
}

}  // namespace
}  // namespace demarche
