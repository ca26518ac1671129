// Many playthroughs on worker threads; each run's seed depends only on (seed, run index).
#include "agents/Simulation.hpp"

#include <algorithm>
#include <memory>
#include <thread>

#include "core/AfterAction.hpp"
#include "core/Engine.hpp"
#include "core/RandomPolicy.hpp"

namespace demarche::agents {

namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

void addInto(std::vector<long long>& into, const std::vector<long long>& from) {
  if (into.size() < from.size()) into.resize(from.size(), 0);
  for (std::size_t i = 0; i < from.size(); ++i) into[i] += from[i];
}

// Records which measures are legal for the actor about to act, before it acts. Measures
// already known to be legal (in this simulation, by any worker) are not checked again:
// the final set is the same whichever worker found a measure first.
class CoverageProbe final : public Policy {
 public:
  CoverageProbe(std::vector<std::atomic<std::uint8_t>>& known) : m_known(known) {}
  Policy* inner = nullptr;

  void act(const Engine& engine, const GameState& state, int actor, int round,
           std::vector<Command>& out) override {
    if (round == 0) probe(engine, state, actor);
    inner->act(engine, state, actor, round, out);
  }

 private:
  void probe(const Engine& engine, const GameState& state, int actor) {
    const ScenarioDef& def = engine.def();
    for (int m = 0; m < state.measureCount; ++m) {
      if (m_known[at(m)].load(std::memory_order_relaxed)) continue;
      const MeasureDef& md = def.measures[at(m)];
      if (md.cost > state.capital[at(actor)]) continue;
      const bool needsActor = namesActor(md.target);
      const bool needsIncident = namesIncident(md.target);
      bool legal = false;
      if (md.target == TargetKind::Entities)
        for (int i = 0; i < state.incidentCount && !legal; ++i)
          for (int owner : def.incidents[at(i)].candidates)
            if (!legal && owner != actor)
              legal = engine.checkCode(state, TakeMeasure{actor, m, -1, i,
                                                          engine.listableNow(state, actor, m, i, owner)}) ==
                      ReasonCode::None;
      for (int i = needsIncident ? 0 : -1; i <= (needsIncident ? state.incidentCount - 1 : -1) && !legal; ++i)
        for (int t = needsActor ? 0 : -1; t <= (needsActor ? state.actorCount - 1 : -1) && !legal; ++t)
          legal = t != actor && engine.checkCode(state, TakeMeasure{actor, m, t, i}) == ReasonCode::None;
      if (legal) m_known[at(m)].store(1, std::memory_order_relaxed);
    }
  }
  std::vector<std::atomic<std::uint8_t>>& m_known;
};

// What one worker keeps from run to run: its agents (restarted with each run's seeds) and
// the state (refilled), so a run allocates little. Runs play exactly as with new ones.
struct RunBuffers {
  std::vector<std::unique_ptr<Agent>> agents;
  GameState state;
};

void playRun(const Engine& engine, const AgentCatalogue& catalogue, const SimulationOptions& options,
             std::vector<std::atomic<std::uint8_t>>* known, int index, SimulationSummary& sum,
             RunBuffers& buffers) {
  const ScenarioDef& def = engine.def();
  const int n = static_cast<int>(def.actors.size());
  const std::uint64_t seed = runSeed(options.seed != 0 ? options.seed : def.seed, index);
  std::vector<std::unique_ptr<Agent>>& agents = buffers.agents;
  std::vector<std::unique_ptr<RandomPolicy>> randoms;
  std::vector<Policy*> seats;
  std::vector<std::unique_ptr<CoverageProbe>> probes;
  const bool reuse = static_cast<int>(agents.size()) == n;
  for (int a = 0; a < n; ++a) {
    const std::uint64_t actorSeed = deriveSeed(seed, static_cast<std::uint64_t>(a) + 1);
    Policy* p = nullptr;
    if (options.policy == SimulationPolicy::Ai) {
      if (reuse)
        agents[at(a)]->restart(actorSeed);
      else
        agents.push_back(std::make_unique<Agent>(catalogue, actorSeed, options.difficulty));
      p = agents[at(a)].get();
    } else {
      randoms.push_back(std::make_unique<RandomPolicy>(actorSeed));
      p = randoms.back().get();
    }
    if (known) {
      probes.push_back(std::make_unique<CoverageProbe>(*known));
      probes.back()->inner = p;
      p = probes.back().get();
    }
    seats.push_back(p);
  }
  GameState& state = buffers.state;
  engine.initialState(seed, state);
  int peak = state.rung;
  PlayOptions play;
  play.rounds = options.rounds;
  playOut(engine, state, seats, play);
  const std::size_t measures = def.measures.size();
  for (const Event& e : state.timeline) {
    if (e.kind == EventKind::RungChanged) peak = std::max(peak, e.b);
    if (e.kind == EventKind::MeasureResolved && e.actor >= 0 && e.actor < n &&
        def.measures[at(e.a)].target != TargetKind::Entities) {
      const int slot = e.b >= 0 && e.b < n ? 1 + static_cast<int>(def.actors[at(e.b)].kind) : 0;
      ++sum.measureUse[(at(e.actor) * measures + at(e.a)) * SimulationSummary::kTargetSlots + at(slot)];
    }
    // A listing counts once per kind of actor whose entities it named.
    if (e.kind == EventKind::EntitiesListed && e.actor >= 0 && e.actor < n && e.b >= 0 &&
        e.b < static_cast<int>(state.listings.size())) {
      std::uint8_t kinds = 0;
      for (const EntityDef& en : def.entities)
        if (en.owner >= 0 && (state.listings[at(e.b)].entities >> (&en - def.entities.data())) & 1u)
          kinds =
              static_cast<std::uint8_t>(kinds | (1u << static_cast<unsigned>(def.actors[at(en.owner)].kind)));
      for (int k = 0; k + 1 < SimulationSummary::kTargetSlots; ++k)
        if ((kinds >> k) & 1u)
          ++sum.measureUse[(at(e.actor) * measures + at(e.a)) * SimulationSummary::kTargetSlots + at(k + 1)];
    }
  }

  ++sum.runs;
  sum.turnsPlayed += state.turn;
  ++sum.endings[at(state.ending + 1)];
  if (peak >= 0 && peak < static_cast<int>(sum.peakRung.size())) ++sum.peakRung[at(peak)];
  const auto objectives = evaluateObjectives(engine, state);
  for (std::size_t o = 0; o < objectives.size() && o < sum.objectives.size(); ++o) {
    if (objectives[o].achieved) ++sum.objectives[o];
    const int actor = objectives[o].actor;
    if (actor >= 0 && actor < n) sum.actorScore[at(actor)] += objectives[o].score;
  }
  for (int j = 0; j < state.injectCount; ++j)
    if (state.injectFired[at(j)] > 0) ++sum.injectFired[at(j)];
  for (int m = 0; m < state.measureCount; ++m) {
    bool taken = false;
    for (int a = 0; a < n && !taken; ++a) taken = state.timesUsed(a, m) > 0;
    if (taken) ++sum.measureTaken[at(m)];
  }
}

SimulationSummary emptySummary(const ScenarioDef& def) {
  SimulationSummary s;
  s.endings.assign(def.endings.size() + 1, 0);
  s.objectives.assign(def.objectives.size(), 0);
  s.peakRung.assign(std::max<std::size_t>(def.ladder.rungs.size(), 1), 0);
  s.actorScore.assign(def.actors.size(), 0);
  s.injectFired.assign(def.injects.size(), 0);
  s.measureTaken.assign(def.measures.size(), 0);
  s.measureLegal.assign(def.measures.size(), 0);
  s.measureUse.assign(def.actors.size() * def.measures.size() * SimulationSummary::kTargetSlots, 0);
  return s;
}

}  // namespace

void SimulationSummary::merge(const SimulationSummary& other) {
  runs += other.runs;
  turnsPlayed += other.turnsPlayed;
  addInto(endings, other.endings);
  addInto(objectives, other.objectives);
  addInto(peakRung, other.peakRung);
  addInto(actorScore, other.actorScore);
  addInto(injectFired, other.injectFired);
  addInto(measureTaken, other.measureTaken);
  addInto(measureUse, other.measureUse);
}

std::uint64_t runSeed(std::uint64_t seed, int index) {
  const std::uint64_t s = deriveSeed(seed, static_cast<std::uint64_t>(index));
  return s != 0 ? s : 1;  // 0 would mean "the scenario's seed" to Engine::initialState
}

SimulationSummary simulate(const ScenarioDef& def, const SimulationOptions& options) {
  const Engine engine(def);
  const AgentCatalogue catalogue(def);
  const int runs = std::max(0, options.runs);
  const int jobs = std::max(1, std::min(options.jobs, std::max(1, runs)));
  std::vector<std::atomic<std::uint8_t>> known(def.measures.size());
  for (auto& k : known) k.store(0);
  std::vector<std::atomic<std::uint8_t>>* knownPtr = options.coverage ? &known : nullptr;

  std::atomic<int> next{0};
  std::atomic<int> finished{0};
  std::vector<SimulationSummary> partial(at(jobs), emptySummary(def));
  auto worker = [&](int w) {
    SimulationSummary& sum = partial[at(w)];
    RunBuffers buffers;
    for (int i = next.fetch_add(1); i < runs; i = next.fetch_add(1)) {
      playRun(engine, catalogue, options, knownPtr, i, sum, buffers);
      const int done = finished.fetch_add(1) + 1;
      if (options.progress) options.progress(done);
    }
  };
  if (jobs == 1) {
    worker(0);
  } else {
    std::vector<std::thread> threads;
    for (int w = 0; w < jobs; ++w) threads.emplace_back(worker, w);
    for (auto& t : threads) t.join();
  }
  SimulationSummary total = emptySummary(def);
  for (const SimulationSummary& p : partial) total.merge(p);
  total.coverage = options.coverage;
  for (std::size_t m = 0; m < known.size(); ++m) total.measureLegal[m] = known[m].load();
  return total;
}

RationaleLog explainRun(const ScenarioDef& def, const SimulationOptions& options, int index,
                        GameState& final) {
  const Engine engine(def);
  const AgentCatalogue catalogue(def);
  const int n = static_cast<int>(def.actors.size());
  const std::uint64_t seed = runSeed(options.seed != 0 ? options.seed : def.seed, index);
  RationaleLog log;
  final = engine.initialState(seed);
  std::vector<std::unique_ptr<Agent>> agents;
  std::vector<Policy*> seats;
  for (int a = 0; a < n; ++a) {
    agents.push_back(std::make_unique<Agent>(catalogue, deriveSeed(seed, static_cast<std::uint64_t>(a) + 1),
                                             options.difficulty));
    agents.back()->setRationaleSink(log.sinkFor(final));
    seats.push_back(agents.back().get());
  }
  PlayOptions play;
  play.rounds = options.rounds;
  playOut(engine, final, seats, play);
  return log;
}

}  // namespace demarche::agents
