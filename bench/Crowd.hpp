// The generated crowd of issue 10 (BM_AgentsDecide, callgrind_games crowd): shared by the
// benchmark programs of bench/ (a header, so the folder's one-program-per-.cpp rule holds).
#pragma once

#include <stdexcept>
#include <string>

#include "core/Definitions.hpp"
#include "scenario/Loader.hpp"

namespace demarche::bench {

// A crowd for issue 10: `actors` states with varied doctrines, a ring of quarrels and
// friendships, one incident and five measures per actor (restrictive, hostile, cooperative,
// stabilising, an investigation), all aimed at an actor but the last.
inline ScenarioDef crowd(int actors) {
  const auto id = [](const char* prefix, int i) { return std::string(prefix) + std::to_string(i); };
  const auto fraction = [](int i, int k) { return std::to_string(((i * k) % 10) / 10.0); };
  std::string y =
      "format: 1\nid: crowd\ntitle: Crowd\nturns: 4\nmeters: [credibility, economy]\n"
      "actors:\n";
  for (int i = 0; i < actors; ++i)
    y += "  - {id: " + id("a", i) + ", name: Actor " + std::to_string(i) +
         ", kind: state, capital_per_turn: 6, meters: {credibility: 50, economy: 50}, doctrine: "
         "{risk_tolerance: " +
         fraction(i, 3) + ", norm_commitment: " + fraction(i, 7) + ", reciprocity: " + fraction(i, 9) +
         ", alliance_loyalty: " + fraction(i, 1) + ", escalation_aversion: " + fraction(i, 13) +
         ", domestic_sensitivity: " + fraction(i, 17) + "}}\n";
  y += "relations:\n";
  for (int i = 0; i < actors; ++i) {
    y += "  - {between: [" + id("a", i) + ", " + id("a", (i + 1) % actors) + "], trust: -60}\n";
    y += "  - {between: [" + id("a", i) + ", " + id("a", (i + 7) % actors) + "], trust: 50}\n";
  }
  y += "escalation:\n  rungs:\n    - {id: calm, name: Calm, threshold: 0}\n"
       "    - {id: tense, name: Tense, threshold: 40}\n"
       "    - {id: war, name: War, threshold: 90, armed_conflict: true}\n";
  y += "incidents:\n  - {id: hack, title: Hack, victim: a0, reveal_turn: 1, candidates: [a1, a2, a3],\n"
       "     priors: {a1: 0.5, a2: 0.3, a3: 0.2}, truth: {operator: a1}}\n";
  y += "measures:\n";
  for (int i = 0; i < actors; ++i) {
    const std::string k = std::to_string(1 + i % 5);
    y += "  - {id: " + id("sanction", i) + ", name: Sanction, category: restrictive, cost: " + k +
         ", target: actor, escalation: proportionate, effects: [\"meter(target, economy) -= " + k + "\"]}\n";
    y += "  - {id: " + id("expel", i) +
         ", name: Expel, category: hostile, cost: 1, target: actor,\n"
         "     escalation: escalatory, effects: [\"trust(target, self) -= " +
         k + "\"]}\n";
    y += "  - {id: " + id("aid", i) +
         ", name: Aid, category: cooperative, cost: 2, target: actor,\n"
         "     escalation: deescalatory, effects: [\"meter(target, economy) += " +
         k + "\"]}\n";
    y += "  - {id: " + id("talk", i) +
         ", name: Talk, category: stabilising, cost: 1, target: actor,\n"
         "     escalation: deescalatory, effects: [\"trust(self, target) += " +
         k + "\"]}\n";
    y +=
        "  - {id: " + id("probe", i) +
        ", name: Probe, category: investigation, cost: 1, target: incident,\n"
        "     investigates: true, escalation: proportionate, effects: [\"meter(self, credibility) += 1\"]}\n";
  }
  y += "endings:\n  - {id: war, title: War, kind: armed_conflict, when: \"escalation >= 2\"}\n"
       "  - {id: stalemate, title: Stalemate, kind: stalemate, at_last_turn: true}\n";
  auto result = scenario::loadScenarioFromString(y, "crowd.yaml");
  if (!result.ok()) throw std::runtime_error(scenario::formatDiagnostics(result));
  return *result.scenario;
}

}  // namespace demarche::bench
