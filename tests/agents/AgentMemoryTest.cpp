// An agent's memory between turns is rebuilt from the state: an agent created in the middle
// of a game (as `demarche run` creates them every turn) knows what its actor proposed before,
// so it does not ask the same partner for the same terms again the very next turn.
#include <memory>

#include "AgentFixture.hpp"

namespace demarche::agents::test {
namespace {

TEST(AgentMemory, AnAgentStartedMidGameDoesNotRepeatLastTurnsProposals) {
  const ScenarioDef& def = winterGrid();
  const Engine engine(def);
  const AgentCatalogue catalogue(def);
  const int n = static_cast<int>(def.actors.size());
  int checked = 0, forgettingWouldRepeat = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed)
    for (int turn = 2; turn <= 5; ++turn) {
      GameState s = engine.initialState(seed);
      std::vector<std::unique_ptr<Agent>> agents;
      std::vector<Policy*> seats;
      for (int a = 0; a < n; ++a) {
        agents.push_back(std::make_unique<Agent>(catalogue, deriveSeed(seed, static_cast<std::uint64_t>(a))));
        agents.back()->setRationaleSink([](int, const Command&, const std::string&) {});
        seats.push_back(agents.back().get());
      }
      PlayOptions play;
      play.rounds = 3;
      play.stopAtTurn = turn;
      playOut(engine, s, seats, play);
      deliberationOfTurn(engine, s, turn);
      if (s.phase == Phase::Ended) continue;
      for (std::size_t k = 0; k < s.proposals.size(); ++k) {
        const Proposal& p = s.proposals[k];
        if (p.turn != turn - 1 || p.counterOf >= 0) continue;
        auto repeats = [&](const Choice& c) {
          for (const Command& cmd : c.commands) {
            const auto* again = std::get_if<Propose>(&cmd);
            if (!again) continue;
            for (int to : again->to)
              for (int term : again->terms)
                if (std::find(p.to.begin(), p.to.end(), to) != p.to.end() &&
                    std::find(p.terms.begin(), p.terms.end(), term) != p.terms.end())
                  return true;
          }
          return false;
        };
        // A fresh agent, with another random stream, for the proposer.
        EXPECT_FALSE(repeats(choose(engine, catalogue, s, p.from, 0, seed + 100, Difficulty::Standard)))
            << def.actors[static_cast<std::size_t>(p.from)].id << " repeats proposal " << k << " (seed "
            << seed << ")";
        // The same state with that proposal dated long ago: the memory came from the state.
        GameState forgotten = s;
        forgotten.proposals[k].turn = -100;
        forgettingWouldRepeat +=
            repeats(choose(engine, catalogue, forgotten, p.from, 0, seed + 100, Difficulty::Standard)) ? 1
                                                                                                       : 0;
        ++checked;
      }
    }
  EXPECT_GT(checked, 0) << "agents make proposals in turn 1 of Winter Grid";
  EXPECT_GT(forgettingWouldRepeat, 0) << "the situation would make them ask again";
}

// simulate and the benchmarks restart their agents and refill one state from game to game:
// nothing of a game may leak into the next, whatever difficulty, and even after a game that
// stopped halfway (with proposals open and measures queued).
TEST(AgentMemory, RestartedAgentsAndARefilledStatePlayEachGameAsNewOnes) {
  const ScenarioDef& def = winterGrid();
  const Engine engine(def);
  const AgentCatalogue catalogue(def);
  const int n = static_cast<int>(def.actors.size());
  for (const Difficulty difficulty : {Difficulty::Novice, Difficulty::Standard, Difficulty::Expert}) {
    std::vector<std::unique_ptr<Agent>> reused;
    GameState refilled;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
      PlayOptions play;
      play.rounds = 3;
      play.stopAtTurn = seed % 3 == 0 ? 3 : 0;  // some games stop in the middle

      GameState fresh = engine.initialState(seed);
      auto agents = makeAgents(catalogue, n, seed, difficulty);
      std::vector<Policy*> seats;
      for (auto& a : agents) seats.push_back(a.get());
      playOut(engine, fresh, seats, play);

      engine.initialState(seed, refilled);
      EXPECT_EQ(refilled, engine.initialState(seed)) << "seed " << seed;
      makeAgents(catalogue, n, seed, difficulty, reused);
      seats.clear();
      for (auto& a : reused) seats.push_back(a.get());
      playOut(engine, refilled, seats, play);

      EXPECT_EQ(refilled, fresh) << difficultyName(difficulty) << ", seed " << seed;
      EXPECT_EQ(stateHash(refilled), stateHash(fresh));
    }
  }
}

}  // namespace
}  // namespace demarche::agents::test
