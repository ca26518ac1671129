// The brute force the options tests compare measureOptions against: every (measure, target,
// incident) an actor could name, out-of-range indices included, asked of Engine::check.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/Engine.hpp"
#include "core/Options.hpp"
#include "core/RandomPolicy.hpp"

namespace demarche::test {

// Whether measureOptions lists (measure, target, incident) at all: the measure is usable by the
// actor's kind, the target and incident fit the measure's target spec, the target is not the
// actor and is of a kind the measure is aimed at (target_kinds), and the incident is public.
inline bool listable(const Engine& e, const GameState& s, int actor, int m, int t, int i) {
  if (m < 0 || m >= s.measureCount || !e.usableBy(actor, m)) return false;
  const TargetKind kind = e.def().measures[static_cast<std::size_t>(m)].target;
  const bool wantsActor = kind == TargetKind::Actor || kind == TargetKind::ActorAndIncident;
  const bool wantsIncident = kind == TargetKind::Incident || kind == TargetKind::ActorAndIncident;
  const bool actorOk =
      wantsActor ? (t >= 0 && t < s.actorCount && t != actor && e.targetableBy(m, t)) : t == -1;
  const bool incidentOk =
      wantsIncident ? (i >= 0 && i < s.incidentCount && s.incidentRevealed[static_cast<std::size_t>(i)] != 0)
                    : i == -1;
  return actorOk && incidentOk;
}

// Compares the option list of `actor` in `s` with Engine::check on every combination.
inline ::testing::AssertionResult optionsMatchBruteForce(const Engine& e, const GameState& s, int actor) {
  const std::vector<MeasureOption> options = measureOptions(e, s, actor);
  std::map<std::tuple<int, int, int, std::uint64_t>, const MeasureOption*> listed;
  for (const MeasureOption& o : options) {
    if (!listed.emplace(std::make_tuple(o.measure, o.target, o.incident, o.entities), &o).second)
      return ::testing::AssertionFailure() << "option listed twice: measure " << o.measure;
  }
  std::vector<TakeMeasure> bruteLegal;
  for (int m = 0; m < s.measureCount; ++m) {
    // A listing (rules §2.2): per incident and would-be owner, every entity of it the measure
    // lists and the actor has not listed with it there yet (all of them when none is left).
    const bool lists = e.def().measures[static_cast<std::size_t>(m)].target == TargetKind::Entities;
    for (int t = -1; t <= s.actorCount; ++t) {
      for (int i = -1; i <= s.incidentCount; ++i) {
        TakeMeasure tm{actor, m, t, i};
        bool shouldList = listable(e, s, actor, m, t, i);
        if (lists) {
          // t stands for the owner here; the command names no target.
          if (t < 0 || t >= s.actorCount || i < 0 || i >= s.incidentCount) continue;
          tm.target = -1;
          tm.entities = e.listableNow(s, actor, m, i, t);
          if (tm.entities == 0) tm.entities = e.listable(m, t);
          const auto& cands = e.def().incidents[static_cast<std::size_t>(i)].candidates;
          shouldList = e.usableBy(actor, m) && t != actor && tm.entities != 0 &&
                       s.incidentRevealed[static_cast<std::size_t>(i)] != 0 &&
                       std::find(cands.begin(), cands.end(), t) != cands.end();
          if (tm.entities == 0) continue;
        }
        const auto refusal = e.check(s, Command{tm});
        if (!refusal) bruteLegal.push_back(tm);
        const auto it = listed.find(std::make_tuple(m, tm.target, i, tm.entities));
        const std::string what = e.def().measures[static_cast<std::size_t>(m)].id + " target " +
                                 std::to_string(t) + " incident " + std::to_string(i) + " for actor " +
                                 std::to_string(actor);
        if (it == listed.end()) {
          if (shouldList) return ::testing::AssertionFailure() << "missing option " << what;
          if (!refusal) return ::testing::AssertionFailure() << "a legal measure is not listed: " << what;
          continue;
        }
        if (!shouldList) return ::testing::AssertionFailure() << "option listed that should not be: " << what;
        const MeasureOption& o = *it->second;
        if (o.legal != !refusal.has_value())
          return ::testing::AssertionFailure() << what << ": option legal=" << o.legal << ", check says "
                                               << (refusal ? refusal->message : "legal");
        if (o.cost != e.def().measures[static_cast<std::size_t>(m)].cost)
          return ::testing::AssertionFailure() << what << ": wrong cost " << o.cost;
        if (refusal && (o.reason != refusal->code || o.reasonText != refusal->message))
          return ::testing::AssertionFailure()
                 << what << ": option says '" << o.reasonText << "', check says '" << refusal->message << "'";
        if (!refusal && (o.reason != ReasonCode::None || !o.reasonText.empty()))
          return ::testing::AssertionFailure() << what << ": a legal option with a reason";
      }
    }
  }
  std::vector<TakeMeasure> engineLegal;
  e.legalMeasures(s, actor, engineLegal);
  std::vector<TakeMeasure> optionLegal;
  for (const MeasureOption& o : options)
    if (o.legal) optionLegal.push_back({actor, o.measure, o.target, o.incident, o.entities});
  const auto key = [](const TakeMeasure& x) {
    return std::make_tuple(x.measure, x.target, x.incident, x.entities);
  };
  const auto byKey = [&](const TakeMeasure& x, const TakeMeasure& y) { return key(x) < key(y); };
  std::sort(engineLegal.begin(), engineLegal.end(), byKey);
  std::sort(optionLegal.begin(), optionLegal.end(), byKey);
  std::sort(bruteLegal.begin(), bruteLegal.end(), byKey);
  if (optionLegal != engineLegal)
    return ::testing::AssertionFailure()
           << "legal options (" << optionLegal.size() << ") differ from Engine::legalMeasures ("
           << engineLegal.size() << ")";
  if (optionLegal != bruteLegal)
    return ::testing::AssertionFailure() << "legal options differ from the brute force";
  return ::testing::AssertionSuccess();
}

// A seat that plays like RandomPolicy and, each time it is asked to act, first checks the
// options of its actor in the state it is shown; counts the states checked.
class OptionsProbe final : public Policy {
 public:
  explicit OptionsProbe(std::uint64_t seed) : m_inner(seed) {}
  void act(const Engine& engine, const GameState& state, int actor, int round,
           std::vector<Command>& out) override {
    EXPECT_TRUE(optionsMatchBruteForce(engine, state, actor)) << "turn " << state.turn << " round " << round;
    ++statesChecked;
    m_inner.act(engine, state, actor, round, out);
  }
  int statesChecked = 0;

 private:
  RandomPolicy m_inner;
};

// Plays `games` seeded random games of `def` with probes on every seat; returns the number of
// (state, actor) pairs checked. Also checks the briefing of turn 1 (every option refused: phase).
inline int checkOptionsOverRandomGames(const ScenarioDef& def, int games) {
  const Engine engine(def);
  int checked = 0;
  for (int g = 0; g < games; ++g) {
    const std::uint64_t seed = 1000 + static_cast<std::uint64_t>(g);
    GameState state = engine.initialState(seed);
    for (int a = 0; a < state.actorCount; ++a) {
      EXPECT_TRUE(optionsMatchBruteForce(engine, state, a)) << "initial briefing";
      ++checked;
    }
    std::vector<OptionsProbe> probes;
    for (int a = 0; a < state.actorCount; ++a) probes.emplace_back(seed * 31 + static_cast<std::uint64_t>(a));
    std::vector<Policy*> seats;
    for (OptionsProbe& p : probes) seats.push_back(&p);
    playOut(engine, state, seats);
    for (int a = 0; a < state.actorCount; ++a) {
      EXPECT_TRUE(optionsMatchBruteForce(engine, state, a)) << "after the end";
      ++checked;
    }
    for (const OptionsProbe& p : probes) checked += p.statesChecked;
    if (::testing::Test::HasFailure()) break;
  }
  return checked;
}

}  // namespace demarche::test
