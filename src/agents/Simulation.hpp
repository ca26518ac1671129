// Autoplay for scenario authors: many complete exercises with a policy on every seat, and
// what they add up to — endings, objective success, peak escalation, scores, and coverage
// (injects, endings and measures that never fired or were never legal). `demarche simulate`
// prints it; tests and benchmarks call it directly.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "agents/Agent.hpp"
#include "core/Definitions.hpp"

namespace demarche::agents {

enum class SimulationPolicy : std::uint8_t { Ai, Random };

struct SimulationOptions {
  int runs = 100;
  int jobs = 1;            // worker threads
  std::uint64_t seed = 0;  // 0 = the scenario's seed
  SimulationPolicy policy = SimulationPolicy::Ai;
  Difficulty difficulty = Difficulty::Standard;
  int rounds = 3;        // deliberation rounds per turn (propose, reply, counter-reply)
  bool coverage = true;  // also record which measures were ever legal (costs a little)
  // Called from the worker threads after each finished run with the number finished so far.
  std::function<void(int finished)> progress;
};

// Sums over runs. Every figure is an integer count, so merging workers' partial sums gives
// the same totals in any order: the result depends on the seed only, not on the job count.
struct SimulationSummary {
  int runs = 0;
  std::vector<long long> endings;          // [ending + 1]: index 0 = ended without an ending
  std::vector<long long> objectives;       // [objective]: runs in which it was achieved
  std::vector<long long> peakRung;         // [rung]: runs whose highest rung was this one
  std::vector<long long> actorScore;       // [actor]: sum of earned objective scores
  std::vector<long long> injectFired;      // [inject]: runs in which it fired
  std::vector<long long> measureTaken;     // [measure]: runs in which some actor took it
  std::vector<std::uint8_t> measureLegal;  // [measure]: legal for some actor at some point
  // How often each actor's measures resolved, by the kind of their target:
  // [(actor * measures + measure) * kTargetSlots + slot], slot 0 = no target actor, else
  // 1 + the target's ActorKind. An author sees a hotline call to a company at a glance.
  static constexpr int kTargetSlots = 6;
  std::vector<long long> measureUse;
  long long turnsPlayed = 0;
  bool coverage = false;  // measureLegal was recorded

  void merge(const SimulationSummary& other);
};

// The seed of run `index` of a simulation seeded with `seed`.
std::uint64_t runSeed(std::uint64_t seed, int index);

// Plays `options.runs` exercises of `def` on `options.jobs` threads.
SimulationSummary simulate(const ScenarioDef& def, const SimulationOptions& options);

// Plays run `index` alone with AI agents and records every rationale (simulate --explain).
RationaleLog explainRun(const ScenarioDef& def, const SimulationOptions& options, int index,
                        GameState& final);

}  // namespace demarche::agents
