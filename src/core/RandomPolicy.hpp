// RandomPolicy is the simple built-in policy: seeded random legal measures, random replies,
// random attributions.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/Command.hpp"
#include "core/Engine.hpp"
#include "core/Policy.hpp"
#include "core/Random.hpp"

namespace demarche {

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

}  // namespace demarche
