// Shared set-up for the agents' tests: the shipped Winter Grid scenario, id lookups, and
// helpers that put a state into a named situation and ask one agent what it does.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "agents/Agent.hpp"
#include "core/Engine.hpp"
#include "core/Session.hpp"
#include "scenario/Loader.hpp"

namespace demarche::agents::test {

inline const ScenarioDef& winterGrid() {
  static const ScenarioDef def = [] {
    auto result = scenario::loadScenario(std::string(DEMARCHE_SOURCE_DIR) + "/scenarios/winter-grid.yaml");
    if (!result.ok()) throw std::runtime_error(scenario::formatDiagnostics(result));
    return *result.scenario;
  }();
  return def;
}

template <class V>
int indexOf(const V& items, const std::string& id) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<int>(i);
  throw std::runtime_error("no id " + id);
}

inline int actor(const ScenarioDef& d, const std::string& id) { return indexOf(d.actors, id); }
inline int measure(const ScenarioDef& d, const std::string& id) { return indexOf(d.measures, id); }
inline int incident(const ScenarioDef& d, const std::string& id) { return indexOf(d.incidents, id); }
inline int term(const ScenarioDef& d, const std::string& id) { return indexOf(d.terms, id); }

// Ends phases until the state is in `turn`'s deliberation (nobody acts on the way).
inline void deliberationOfTurn(const Engine& e, GameState& s, int turn) {
  while (!(s.turn == turn && s.phase == Phase::Deliberation) && s.phase != Phase::Ended)
    e.apply(s, EndPhase{});
}

// Sets `who`'s belief in each candidate of `incident`: of(candidate) for each.
template <class F>
void setBeliefs(const Engine& e, GameState& s, int who, int inc, F of) {
  const auto& cands = e.def().incidents[static_cast<std::size_t>(inc)].candidates;
  int offset = 0;
  for (int i = 0; i < inc; ++i)
    offset += static_cast<int>(e.def().incidents[static_cast<std::size_t>(i)].candidates.size());
  for (std::size_t k = 0; k < cands.size(); ++k)
    s.belief[static_cast<std::size_t>(who * s.candidateTotal + offset) + k] = of(cands[k]);
}

// Sets how strongly `who` believes `candidate` ran `incident` (the rest shared evenly).
inline void setBelief(const Engine& e, GameState& s, int who, int inc, int candidate, double p) {
  const auto& cands = e.def().incidents[static_cast<std::size_t>(inc)].candidates;
  const double rest = (1 - p) / static_cast<double>(cands.size() - 1);
  setBeliefs(e, s, who, inc, [&](int c) { return c == candidate ? p : rest; });
}

inline void setTension(const Engine& e, GameState& s, double tension) {
  s.tension = tension;
  s.rung = e.rungFor(tension);
}

struct Choice {
  std::vector<Command> commands;
  std::vector<std::string> rationales;
};

// What a fresh agent for `who` chooses in `round`, with its rationales.
inline Choice choose(const Engine& e, const AgentCatalogue& cat, const GameState& s, int who, int round,
                     std::uint64_t seed = 1, Difficulty difficulty = Difficulty::Expert) {
  Agent agent(cat, seed, difficulty);
  Choice c;
  agent.setRationaleSink([&](int, const Command&, const std::string& why) { c.rationales.push_back(why); });
  agent.act(e, s, who, round, c.commands);
  return c;
}

inline std::vector<TakeMeasure> measuresOf(const Choice& c) {
  std::vector<TakeMeasure> out;
  for (const Command& cmd : c.commands)
    if (auto* m = std::get_if<TakeMeasure>(&cmd)) out.push_back(*m);
  return out;
}

inline std::vector<Reply> repliesOf(const Choice& c) {
  std::vector<Reply> out;
  for (const Command& cmd : c.commands)
    if (auto* r = std::get_if<Reply>(&cmd)) out.push_back(*r);
  return out;
}

// Every scenario that ships (scenarios/*.yaml), in file-name order.
inline std::vector<std::filesystem::path> shippedScenarios() {
  std::vector<std::filesystem::path> out;
  for (const auto& e :
       std::filesystem::directory_iterator(std::filesystem::path(DEMARCHE_SOURCE_DIR) / "scenarios"))
    if (e.path().extension() == ".yaml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// One seeded exercise with the standard AI on every seat, played to its end.
inline Session playSeededAiGame(const Engine& engine, const AgentCatalogue& catalogue, std::uint64_t seed) {
  Session session(engine, seed);
  auto agents = makeAgents(catalogue, session.state().actorCount, seed, Difficulty::Standard);
  std::vector<Policy*> seats;
  for (auto& a : agents) seats.push_back(a.get());
  playOut(session, seats);
  return session;
}

}  // namespace demarche::agents::test
