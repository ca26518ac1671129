// Engine benchmarks (figures in docs/performance.md, section "Engine"):
//  - BM_Resolution/N: one turn's resolution and consequences with N actors and 40 measures,
//    every actor having queued up to two random legal measures (the curve must grow no worse
//    than actors^2 x measures);
//  - BM_RandomPlaythrough*: complete random-policy playthroughs of the default scenario
//    (scenarios/winter-grid.yaml when it loads, else the generated equivalent), unlogged and
//    through a Session (log + per-turn snapshots and hashes, what `demarche run` does).
#include <benchmark/benchmark.h>

#include <memory>

#include "../tests/core/TestScenario.hpp"
#include "core/Engine.hpp"
#include "core/RandomPolicy.hpp"
#include "core/Session.hpp"
#include "scenario/Loader.hpp"

namespace {

using namespace demarche;

struct Seats {
  std::vector<RandomPolicy> policies;
  std::vector<Policy*> seats;
  Seats(int actors, std::uint64_t seed) {
    policies.reserve(static_cast<std::size_t>(actors));
    for (int a = 0; a < actors; ++a) policies.emplace_back(seed * 1000 + static_cast<std::uint64_t>(a));
    for (auto& p : policies) seats.push_back(&p);
  }
};

const ScenarioDef& defaultScenario() {
  static const ScenarioDef def = [] {
    auto loaded = scenario::loadScenario(DEMARCHE_SOURCE_DIR "/scenarios/winter-grid.yaml");
    if (loaded.ok()) return *loaded.scenario;
    return test::generatedScenario(8, 40);
  }();
  return def;
}

// State at the end of deliberation of turn 2 (turn 1 passes quietly) with every actor's queued measures.
GameState queuedTurn(const Engine& engine) {
  GameState s = engine.initialState(42);
  // Quiet first turn (random play could end a 128-actor crisis in war before turn 2).
  while (!(s.turn == 2 && s.phase == Phase::Deliberation)) engine.apply(s, EndPhase{});
  Rng rng(7);
  std::vector<TakeMeasure> legal;
  for (int a = 0; a < s.actorCount; ++a) {
    for (int k = 0; k < 2; ++k) {
      legal.clear();
      engine.legalMeasures(s, a, legal);
      if (legal.empty()) break;
      engine.apply(s, legal[static_cast<std::size_t>(rng.uniformInt(static_cast<int>(legal.size())))]);
    }
  }
  return s;
}

void BM_Resolution(benchmark::State& st) {
  const int actors = static_cast<int>(st.range(0));
  const ScenarioDef def = test::generatedScenario(actors, 40);
  const Engine engine(def);
  const GameState start = queuedTurn(engine);
  std::size_t queued = start.queue.size();
  GameState s = start;
  for (auto _ : st) {
    st.PauseTiming();
    s = start;
    st.ResumeTiming();
    engine.apply(s, EndPhase{});  // resolution
    engine.apply(s, EndPhase{});  // consequences
    benchmark::DoNotOptimize(s.tension);
  }
  st.counters["actors"] = actors;
  st.counters["queued"] = static_cast<double>(queued);
  // Time per turn divided by actors^2 x measures (ns): flat or falling means within the bound.
  st.counters["per_a2m_ns"] =
      benchmark::Counter(static_cast<double>(actors) * actors * 40,
                         benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Resolution)->Arg(8)->Arg(32)->Arg(128)->Unit(benchmark::kMicrosecond);

// Legal-measure enumeration for one actor (what the random policy and AI call every turn).
void BM_LegalMeasures(benchmark::State& st) {
  const int actors = static_cast<int>(st.range(0));
  const ScenarioDef def = test::generatedScenario(actors, 40);
  const Engine engine(def);
  GameState s = engine.initialState(42);
  engine.apply(s, EndPhase{});
  std::vector<TakeMeasure> out;
  for (auto _ : st) {
    out.clear();
    engine.legalMeasures(s, 1, out);
    benchmark::DoNotOptimize(out.data());
  }
  st.counters["legal"] = static_cast<double>(out.size());
}
BENCHMARK(BM_LegalMeasures)->Arg(8)->Arg(32)->Arg(128)->Unit(benchmark::kMicrosecond);

void BM_RandomPlaythrough(benchmark::State& st) {
  const ScenarioDef& def = defaultScenario();
  const Engine engine(def);
  const int actors = static_cast<int>(def.actors.size());
  std::uint64_t seed = 1;
  for (auto _ : st) {
    Seats seats(actors, seed);
    GameState s = engine.initialState(seed);
    playOut(engine, s, seats.seats);
    benchmark::DoNotOptimize(s.tension);
    ++seed;
  }
  st.SetLabel(def.id);
  st.counters["playthroughs_per_s"] = benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_RandomPlaythrough)->Unit(benchmark::kMicrosecond);

void BM_RandomPlaythroughSession(benchmark::State& st) {
  const ScenarioDef& def = defaultScenario();
  const Engine engine(def);
  const int actors = static_cast<int>(def.actors.size());
  std::uint64_t seed = 1;
  for (auto _ : st) {
    Seats seats(actors, seed);
    Session session(engine, seed);
    playOut(session, seats.seats);
    benchmark::DoNotOptimize(session.hash());
    ++seed;
  }
  st.SetLabel(def.id);
  st.counters["playthroughs_per_s"] = benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_RandomPlaythroughSession)->Unit(benchmark::kMicrosecond);

void BM_StateHash(benchmark::State& st) {
  const ScenarioDef& def = defaultScenario();
  const Engine engine(def);
  GameState s = engine.initialState(1);
  Seats seats(static_cast<int>(def.actors.size()), 1);
  playOut(engine, s, seats.seats);
  for (auto _ : st) benchmark::DoNotOptimize(stateHash(s));
  st.counters["events"] = static_cast<double>(s.timeline.size());
}
BENCHMARK(BM_StateHash)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
