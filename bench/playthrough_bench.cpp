// Random-policy playthroughs of the default scenario (scenarios/winter-grid.yaml, loaded once
// with the scenario library) per second on one core: the unlogged loop the target is about
// (issue 3: >= 20,000/s), and for comparison what a save and a replay of one game cost.
// Figures: docs/performance.md, "Playthroughs".
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "core/RandomPolicy.hpp"
#include "core/Save.hpp"
#include "core/Session.hpp"
#include "scenario/Loader.hpp"

namespace {

using namespace demarche;

const ScenarioDef& winterGrid() {
  static const ScenarioDef def = [] {
    auto loaded = scenario::loadScenario(std::string(DEMARCHE_SOURCE_DIR) + "/scenarios/winter-grid.yaml");
    if (!loaded.ok()) {
      std::fputs(scenario::formatDiagnostics(loaded).c_str(), stderr);
      std::exit(1);
    }
    return std::move(*loaded.scenario);
  }();
  return def;
}

struct Seats {
  std::vector<RandomPolicy> policies;
  std::vector<Policy*> seats;
  explicit Seats(std::size_t actors) {
    for (std::size_t a = 0; a < actors; ++a) policies.emplace_back(1000 + a);
    for (auto& p : policies) seats.push_back(&p);
  }
};

// A complete game per iteration: initial state, every phase of every turn, to the ending;
// a new seed each time (the policies' generators run on, so every game differs). One state
// is refilled from game to game (Engine::initialState into a state), as `simulate` does.
void BM_Playthrough(benchmark::State& st) {
  const Engine engine(winterGrid());
  Seats seats(winterGrid().actors.size());
  std::uint64_t seed = 1;
  std::size_t turns = 0;
  GameState state;
  for (auto _ : st) {
    engine.initialState(seed++, state);
    playOut(engine, state, seats.seats);
    turns += static_cast<std::size_t>(state.turn);
    benchmark::DoNotOptimize(state.tension);
  }
  st.counters["playthroughs_per_s"] =
      benchmark::Counter(static_cast<double>(st.iterations()), benchmark::Counter::kIsRate);
  st.counters["turns_per_game"] = static_cast<double>(turns) / static_cast<double>(st.iterations());
}
BENCHMARK(BM_Playthrough);

// The same through a Session (log, per-turn snapshot and hash) plus the save text, which is
// what `demarche run` does each game (without the disk write).
void BM_PlaythroughLoggedAndSaved(benchmark::State& st) {
  const Engine engine(winterGrid());
  Seats seats(winterGrid().actors.size());
  std::uint64_t seed = 1;
  for (auto _ : st) {
    Session session(engine, seed++);
    playOut(session, seats.seats);
    std::string text = formatSave(session, "winter-grid.yaml");
    benchmark::DoNotOptimize(text.data());
  }
  st.counters["playthroughs_per_s"] =
      benchmark::Counter(static_cast<double>(st.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PlaythroughLoggedAndSaved);

// `demarche replay` without the process and file: parse a finished game's save, parse its
// commands, replay them and check every per-turn hash.
void BM_ReplayCheck(benchmark::State& st) {
  const Engine engine(winterGrid());
  Seats seats(winterGrid().actors.size());
  Session session(engine, 7);
  playOut(session, seats.seats);
  const std::string text = formatSave(session, "winter-grid.yaml");
  for (auto _ : st) {
    SaveRead read = parseSave(text);
    std::vector<Command> commands;
    if (!read.log || parseSaveCommands(*read.log, engine.def(), commands))
      st.SkipWithError("save does not load");
    const ReplayResult result = replaySave(engine, *read.log, commands);
    if (!result.identical) st.SkipWithError("replay diverged");
    benchmark::DoNotOptimize(result.commandsReplayed);
  }
  st.counters["commands"] = static_cast<double>(session.commands().size());
}
BENCHMARK(BM_ReplayCheck);

}  // namespace

BENCHMARK_MAIN();
