// Policies play seats that no team and no scripted decision plays; playOut drives a whole
// exercise with them (what `demarche run` and the benchmarks call). RandomPolicy is the simple
// built-in one: seeded random legal measures, random replies, random attributions.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/Command.hpp"
#include "core/Engine.hpp"
#include "core/Random.hpp"
#include "core/Session.hpp"

namespace demarche {

// Something that chooses commands for one actor. playOut calls act() during deliberation in
// rounds (round 0, 1, ...): round 0 for measures, proposals and decisions, later rounds for
// replies to the proposals made in earlier rounds. Append commands to `out`; a refused
// command is skipped (and reported through PlayOptions::onRefused).
class Policy {
 public:
  virtual ~Policy() = default;
  virtual void act(const Engine& engine, const GameState& state, int actor, int round,
                   std::vector<Command>& out) = 0;
};

struct RandomPolicyOptions {
  double measureChance = 0.7;   // per measure slot: take a random legal measure
  int maxMeasures = 2;          // measure slots per turn
  int sampleAttempts = 24;      // random candidates tried per slot before giving up
  double decideChance = 0.5;    // per revealed undecided incident: decide on the leading candidate
  double discloseChance = 0.3;  // per decided undisclosed incident: disclose publicly
  double proposeChance = 0.15;  // propose one random term to one random actor
  double acceptChance = 0.5;    // per proposal received
};

class RandomPolicy final : public Policy {
 public:
  explicit RandomPolicy(std::uint64_t seed, RandomPolicyOptions options = {});
  void act(const Engine& engine, const GameState& state, int actor, int round,
           std::vector<Command>& out) override;

 private:
  Rng m_rng;
  RandomPolicyOptions m_options;
  std::vector<int> m_affordable;  // reused between calls: no allocation per turn
};

struct PlayOptions {
  int rounds = 2;      // deliberation rounds per turn
  int stopAtTurn = 0;  // stop when this turn's briefing is reached (0 = play to the end)
  // Called for every refused command a policy proposed (for --decisions diagnostics).
  std::function<void(int actor, const Command& command, const Refusal& refusal)> onRefused;
};

// Plays until the exercise ends (or PlayOptions::stopAtTurn): at each phase the loop acts as
// the facilitator and submits EndPhase; in deliberation seats[actor] (null = passive seat)
// acts for each actor in actor order, round by round. seats.size() must be the actor count.
// Pauses are lifted first (a headless run has nobody to wait for).
void playOut(Session& session, const std::vector<Policy*>& seats, const PlayOptions& options = {});
// The same without a log or snapshots (benchmarks, AI look-ahead).
void playOut(const Engine& engine, GameState& state, const std::vector<Policy*>& seats,
             const PlayOptions& options = {});

}  // namespace demarche
