// Plays a fixed set of winter-grid games, as BM_AiPlaythrough* and BM_Playthrough do, for
// instruction counts under callgrind (the repeatable measure on a shared VM; see
// docs/performance.md). Only the games are meant to be counted:
//   valgrind --tool=callgrind --toggle-collect='*playAiGame*' build/bench/callgrind_games ai 300
//   valgrind --tool=callgrind --toggle-collect='*playRandomGame*' build/bench/callgrind_games random 1000
//   valgrind --tool=callgrind --toggle-collect='*decideCrowdTurn*' build/bench/callgrind_games crowd 20
// `crowd` is BM_AgentsDecide/128's work (issue 10): every seat of the 128-actor crowd decides
// round 0 of turn 1, `games` times on the same state (the commands are not applied), after
// one warm-up turn that is not counted; its fold is of the commands' text.
// As the benchmarks and `simulate`, one game reuses the agents and the state of the one before
// (Agent::restart, Engine::initialState into a state); `ai-fresh` and `random-fresh` make new
// ones for every game, as the benchmarks did before 2026-12-02.
// It prints a fold of the final state hashes, so two builds can be checked to play the same games.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "Crowd.hpp"
#include "agents/Agent.hpp"
#include "agents/Simulation.hpp"
#include "core/CommandText.hpp"
#include "core/RandomPolicy.hpp"
#include "core/SeatDriver.hpp"
#include "scenario/Loader.hpp"

namespace {

using namespace demarche;

// One AI game: agents made (or restarted), the game played (the final state is hashed outside).
[[gnu::noinline]] void playAiGame(const Engine& engine, const agents::AgentCatalogue& catalogue, int actors,
                                  std::uint64_t seed, agents::Difficulty difficulty, GameState& state,
                                  std::vector<std::unique_ptr<agents::Agent>>& seats, bool fresh) {
  PlayOptions options;
  options.rounds = 3;
  if (fresh) {
    seats = agents::makeAgents(catalogue, actors, seed, difficulty);
    state = engine.initialState(seed);
  } else {
    agents::makeAgents(catalogue, actors, seed, difficulty, seats);
    engine.initialState(seed, state);
  }
  std::vector<Policy*> policies;
  for (auto& a : seats) policies.push_back(a.get());
  playOut(engine, state, policies, options);
  if (fresh) seats.clear();  // the agents gone, inside the counted call
}

[[gnu::noinline]] void playRandomGame(const Engine& engine, const std::vector<Policy*>& seats,
                                      std::uint64_t seed, GameState& state, bool fresh) {
  if (fresh)
    state = engine.initialState(seed);
  else
    engine.initialState(seed, state);
  playOut(engine, state, seats);
}

// One round 0 of the crowd: every seat decides on the same state.
inline void crowdTurn(const Engine& engine, const GameState& state,
                      std::vector<std::unique_ptr<agents::Agent>>& seats,
                      std::vector<std::vector<Command>>& out) {
  for (std::size_t a = 0; a < seats.size(); ++a) {
    out[a].clear();
    seats[a]->act(engine, state, static_cast<int>(a), 0, out[a]);
  }
}
[[gnu::noinline]] void decideCrowdTurn(const Engine& engine, const GameState& state,
                                       std::vector<std::unique_ptr<agents::Agent>>& seats,
                                       std::vector<std::vector<Command>>& out) {
  crowdTurn(engine, state, seats, out);
}

// FNV-1a of the commands' text, folded into `fold`.
std::uint64_t foldCommands(std::uint64_t fold, const ScenarioDef& def,
                           const std::vector<std::vector<Command>>& out) {
  for (const auto& seat : out)
    for (const Command& c : seat) {
      std::uint64_t h = 0xcbf29ce484222325ULL;
      for (const char ch : formatCommand(def, c)) h = (h ^ static_cast<unsigned char>(ch)) * 0x100000001b3ULL;
      fold = fold * 31 + h;
    }
  return fold;
}

int crowdTurns(int turns) {
  const ScenarioDef def = bench::crowd(128);
  const Engine engine(def);
  const agents::AgentCatalogue catalogue(def);
  auto seats = agents::makeAgents(catalogue, 128, 1, agents::Difficulty::Standard);
  GameState state = engine.initialState(1);
  for (int guard = 0; state.phase != Phase::Deliberation && guard < 10; ++guard)
    engine.tryApply(state, EndPhase{});
  if (state.phase != Phase::Deliberation) {
    std::fputs("crowd: no deliberation\n", stderr);
    return 1;
  }
  std::vector<std::vector<Command>> out(seats.size());
  crowdTurn(engine, state, seats, out);  // the warm-up, not counted
  std::uint64_t fold = foldCommands(0, def, out);
  std::size_t commands = 0;
  for (int t = 0; t < turns; ++t) {
    decideCrowdTurn(engine, state, seats, out);
    fold = foldCommands(fold, def, out);
    for (const auto& seat : out) commands += seat.size();
  }
  std::printf("crowd games=%d commands=%zu fold=%016llx\n", turns, commands,
              static_cast<unsigned long long>(fold));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string_view mode = argc > 1 ? argv[1] : "ai";
  const bool fresh = mode.ends_with("-fresh");
  if (fresh) mode.remove_suffix(6);
  const int games = argc > 2 ? std::atoi(argv[2]) : 300;
  if (mode == "crowd" && !fresh && games >= 1) return crowdTurns(games);
  const std::string_view level = argc > 3 ? argv[3] : "standard";
  const auto difficulty = agents::parseDifficulty(level);
  if ((mode != "ai" && mode != "random") || games < 1 || !difficulty) {
    std::fputs(
        "usage: callgrind_games ai|random|ai-fresh|random-fresh|crowd [games] [novice|standard|expert]\n",
        stderr);
    return 2;
  }
  auto loaded = scenario::loadScenario(std::string(DEMARCHE_SOURCE_DIR) + "/scenarios/winter-grid.yaml");
  if (!loaded.ok()) {
    std::fputs(scenario::formatDiagnostics(loaded).c_str(), stderr);
    return 1;
  }
  const ScenarioDef& def = *loaded.scenario;
  const Engine engine(def);
  const int actors = static_cast<int>(def.actors.size());
  std::uint64_t fold = 0;
  if (mode == "ai") {
    const agents::AgentCatalogue catalogue(def);
    std::vector<std::unique_ptr<agents::Agent>> seats;
    GameState state;
    for (int run = 0; run < games; ++run) {
      playAiGame(engine, catalogue, actors, agents::runSeed(def.seed, run), *difficulty, state, seats, fresh);
      fold = fold * 31 + stateHash(state);
    }
  } else {
    std::vector<RandomPolicy> policies;
    for (int a = 0; a < actors; ++a) policies.emplace_back(1000 + static_cast<std::uint64_t>(a));
    std::vector<Policy*> seats;
    for (auto& p : policies) seats.push_back(&p);
    GameState state;
    for (int g = 0; g < games; ++g) {
      playRandomGame(engine, seats, static_cast<std::uint64_t>(g) + 1, state, fresh);
      fold = fold * 31 + stateHash(state);
    }
  }
  std::printf("%.*s games=%d fold=%016llx\n", static_cast<int>(mode.size()), mode.data(), games,
              static_cast<unsigned long long>(fold));
  return 0;
}
