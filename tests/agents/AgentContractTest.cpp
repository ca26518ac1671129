// What every agent guarantees whatever its doctrine: only legal commands, no knowledge of
// hidden truth it should not have, the same choices for the same seed, a reason for every
// choice; and `demarche simulate` output that depends on the seed only.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>

#include "AgentFixture.hpp"
#include "agents/Simulation.hpp"
#include "core/CommandText.hpp"

namespace demarche::agents::test {
namespace {

// Plays with `inner` on the real state; at every call also asks an agent what it would do
// on a copy, and applies its batch there one command at a time, checking each first.
class LegalityProbe final : public Policy {
 public:
  LegalityProbe(const AgentCatalogue& cat, Policy& inner, std::uint64_t seed, Difficulty d)
      : m_agent(cat, seed, d), m_inner(inner) {}
  long long checked = 0;
  long long states = 0;

  void act(const Engine& engine, const GameState& state, int actor, int round,
           std::vector<Command>& out) override {
    GameState copy = state;
    std::vector<Command> batch;
    m_agent.act(engine, copy, actor, round, batch);
    ++states;
    for (const Command& c : batch) {
      const auto refusal = engine.check(copy, c);
      EXPECT_FALSE(refusal.has_value()) << formatCommand(engine.def(), c) << ": " << refusal->message;
      if (refusal) return;
      engine.apply(copy, c);
      ++checked;
    }
    m_inner.act(engine, state, actor, round, out);
  }

 private:
  Agent m_agent;
  Policy& m_inner;
};

void expectOnlyLegalCommands(const ScenarioDef& def, int games, bool aiPlays) {
  const Engine engine(def);
  const AgentCatalogue cat(def);
  long long checked = 0, states = 0;
  for (int g = 0; g < games; ++g) {
    const int n = static_cast<int>(def.actors.size());
    std::vector<std::unique_ptr<Policy>> inner;
    std::vector<std::unique_ptr<LegalityProbe>> probes;
    std::vector<Policy*> seats;
    for (int a = 0; a < n; ++a) {
      const auto seed = static_cast<std::uint64_t>(g * 131 + a + 1);
      if (aiPlays)
        inner.push_back(std::make_unique<Agent>(cat, seed, static_cast<Difficulty>(g % 3)));
      else
        inner.push_back(std::make_unique<RandomPolicy>(seed));
      probes.push_back(
          std::make_unique<LegalityProbe>(cat, *inner.back(), seed * 7, static_cast<Difficulty>(a % 3)));
      seats.push_back(probes.back().get());
    }
    GameState s = engine.initialState(static_cast<std::uint64_t>(g + 1));
    PlayOptions options;
    options.rounds = 3;
    options.onRefused = [&](int, const Command& c, const Refusal& r) {
      if (aiPlays) ADD_FAILURE() << "refused: " << formatCommand(def, c) << ": " << r.message;
    };
    playOut(engine, s, seats, options);
    for (const auto& p : probes) checked += p->checked, states += p->states;
    if (::testing::Test::HasFailure()) return;
  }
  EXPECT_GT(states, 1000);
  EXPECT_GT(checked, 100);
}

TEST(AgentContract, NeverSubmitsAnIllegalCommandInStatesReachedByRandomPlay) {
  expectOnlyLegalCommands(winterGrid(), 150, false);
}

TEST(AgentContract, NeverSubmitsAnIllegalCommandInStatesReachedByAiPlay) {
  expectOnlyLegalCommands(winterGrid(), 60, true);
}

TEST(AgentContract, NeverSubmitsAnIllegalCommandInTheMinimalScenario) {
  auto result =
      scenario::loadScenario(std::string(DEMARCHE_SOURCE_DIR) + "/tests/fixtures/valid/minimal.yaml");
  ASSERT_TRUE(result.ok());
  expectOnlyLegalCommands(*result.scenario, 100, false);
}

TEST(AgentContract, StatesDifferingOnlyInHiddenTruthYieldIdenticalChoices) {
  // Germany neither ran nor sponsored either incident; only the truth of the grid attack
  // changes (the gang instead of Russia, no sponsor).
  const ScenarioDef& a = winterGrid();
  ScenarioDef b = a;
  const int grid = incident(b, "grid_attack");
  b.incidents[static_cast<std::size_t>(grid)].truth = {actor(b, "crime_gang"), -1, -1, {actor(b, "rus")}, {}};
  const Engine ea(a), eb(b);
  const AgentCatalogue ca(a), cb(b);
  GameState sa = ea.initialState(), sb = eb.initialState();
  for (const char* who : {"deu", "ukr", "usa", "pol"}) {
    const int self = actor(a, who);
    for (int turn = 1; turn <= 5; ++turn) {
      deliberationOfTurn(ea, sa, turn);
      deliberationOfTurn(eb, sb, turn);
      for (int round = 0; round < 2; ++round) {
        const Choice x = choose(ea, ca, sa, self, round, 99, Difficulty::Standard);
        const Choice y = choose(eb, cb, sb, self, round, 99, Difficulty::Standard);
        EXPECT_EQ(x.commands, y.commands) << who << " turn " << turn << " round " << round;
        EXPECT_EQ(x.rationales, y.rationales) << who << " turn " << turn;
      }
    }
    sa = ea.initialState();
    sb = eb.initialState();
  }
}

TEST(AgentContract, OperatorKnowsItsOwnOperation) {
  const ScenarioDef& def = winterGrid();
  const Engine engine(def);
  GameState s = engine.initialState();
  deliberationOfTurn(engine, s, 1);
  Observation rus, deu;
  observe(engine, s, actor(def, "rus"), rus);
  observe(engine, s, actor(def, "deu"), deu);
  const int grid = incident(def, "grid_attack");
  EXPECT_TRUE(rus.incidents[static_cast<std::size_t>(grid)].knowsTruth);
  EXPECT_FALSE(deu.incidents[static_cast<std::size_t>(grid)].knowsTruth);
}

TEST(AgentContract, SameSeedGivesSameChoicesAndEveryChoiceHasAReason) {
  const ScenarioDef& def = winterGrid();
  const Engine engine(def);
  const AgentCatalogue cat(def);
  for (int d = 0; d < 3; ++d) {
    auto run = [&](std::vector<std::string>& why) {
      GameState s = engine.initialState(5);
      RationaleLog log;
      auto agents = makeAgents(cat, static_cast<int>(def.actors.size()), 42, static_cast<Difficulty>(d));
      std::vector<Policy*> seats;
      for (auto& a : agents) {
        a->setRationaleSink(log.sinkFor(s));
        seats.push_back(a.get());
      }
      PlayOptions o;
      o.rounds = 3;
      playOut(engine, s, seats, o);
      for (const auto& e : log.entries()) {
        EXPECT_FALSE(e.text.empty()) << formatCommand(def, e.command);
        why.push_back(formatCommand(def, e.command) + " | " + e.text);
      }
      return stateHash(s);
    };
    std::vector<std::string> w1, w2;
    EXPECT_EQ(run(w1), run(w2));
    EXPECT_EQ(w1, w2);
    EXPECT_GT(w1.size(), 20u);
  }
}

std::string runBinary(const std::string& args) {
  const std::string command = std::string(DEMARCHE_BINARY) + " " + args + " 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string out;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while (pipe && (n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0) out.append(buf.data(), n);
  return out;
}

TEST(Simulate, OutputIsDeterministicForASeedAndIndependentOfTheJobCount) {
  const std::string scenarioFile = std::string(DEMARCHE_SOURCE_DIR) + "/scenarios/winter-grid.yaml";
  const std::string args = "simulate " + scenarioFile + " --runs 300 --seed 7 --json";
  const std::string once = runBinary(args + " --jobs 1");
  ASSERT_NE(once.find("\"never_fired\""), std::string::npos) << once;
  EXPECT_EQ(once, runBinary(args + " --jobs 1"));
  EXPECT_EQ(once, runBinary(args + " --jobs 2"));
  for (const char* key : {"\"runs\": 300", "\"endings\"", "\"objectives\"", "\"escalation_peak\"",
                          "\"injects\"", "\"measures\""})
    EXPECT_NE(once.find(key), std::string::npos) << key;
  EXPECT_NE(once, runBinary("simulate " + scenarioFile + " --runs 300 --seed 8 --json --jobs 2"))
      << "another seed plays other games";
}

TEST(Simulate, CountsEveryRunOnceAndReportsCoverage) {
  const ScenarioDef& def = winterGrid();
  SimulationOptions o;
  o.runs = 50;
  o.jobs = 2;
  o.seed = 3;
  const SimulationSummary s = simulate(def, o);
  EXPECT_EQ(s.runs, 50);
  long long endings = 0, peaks = 0;
  for (long long e : s.endings) endings += e;
  for (long long p : s.peakRung) peaks += p;
  EXPECT_EQ(endings, 50);
  EXPECT_EQ(peaks, 50);
  // An inject that fires at turn 1 always fires; taken measures were legal.
  EXPECT_EQ(s.injectFired[static_cast<std::size_t>(indexOf(def.injects, "inj_blackout"))], 50);
  for (std::size_t m = 0; m < def.measures.size(); ++m) {
    if (s.measureTaken[m] > 0) {
      EXPECT_TRUE(s.measureLegal[m]) << def.measures[m].id;
    }
  }
}

}  // namespace
}  // namespace demarche::agents::test
