// Plays a fixed set of winter-grid games, as BM_AiPlaythrough* and BM_Playthrough do, for
// instruction counts under callgrind (the repeatable measure on a shared VM; see
// docs/performance.md). Only the games are meant to be counted:
//   valgrind --tool=callgrind --toggle-collect='*playAiGame*' build/bench/callgrind_games ai 300
//   valgrind --tool=callgrind --toggle-collect='*playRandomGame*' build/bench/callgrind_games random 1000
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

#include "agents/Agent.hpp"
#include "agents/Simulation.hpp"
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

}  // namespace

int main(int argc, char** argv) {
  std::string_view mode = argc > 1 ? argv[1] : "ai";
  const bool fresh = mode.ends_with("-fresh");
  if (fresh) mode.remove_suffix(6);
  const int games = argc > 2 ? std::atoi(argv[2]) : 300;
  const std::string_view level = argc > 3 ? argv[3] : "standard";
  const auto difficulty = agents::parseDifficulty(level);
  if ((mode != "ai" && mode != "random") || games < 1 || !difficulty) {
    std::fputs("usage: callgrind_games ai|random|ai-fresh|random-fresh [games] [novice|standard|expert]\n",
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
