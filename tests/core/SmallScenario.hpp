// A small hand-made scenario for the rule tests: a victim (ukr), an aggressor (rus) that
// really did it, a hacktivist group it framed, two EU members (pol, deu) and the EU bloc.
#pragma once

#include <gtest/gtest.h>

#include "TestScenario.hpp"
#include "core/Engine.hpp"

namespace demarche::test {

struct Small {
  // actors
  static constexpr int eu = 0, ukr = 1, rus = 2, pol = 3, deu = 4, hack = 5;
  // meters
  static constexpr int credibility = 0, domestic = 1, economy = 2, resilience = 3;
  int grid = -1;
  int evMalware = -1, evClaim = -1, evInfra = -1, evNever = -1;
  int harden = -1, dialogue = -1, capacity = -1, forensics = -1, decide = -1, publicAttr = -1, sanctions = -1,
      euSanctions = -1, offensive = -1, hotlineCall = -1, expensive = -1, setEconomyLow = -1,
      setEconomyHigh = -1, calmCall = -1, costlySanctions = -1, covertLeak = -1;
  int termJoint = -1, termSanctions = -1, termInfo = -1, termRestraint = -1;
  int injTurn2 = -1, injTension = -1;
  ScenarioDef def;

  Small() {
    TestScenario t;
    t.def.turns = 4;
    t.actor("eu", ActorKind::Bloc, {}, 3, 0.9);
    t.actor("ukr", ActorKind::State, {}, 3, 0.8);
    t.actor("rus", ActorKind::State, {}, 3, 0.0);
    t.actor("pol", ActorKind::State, {eu}, 3, 1.0);
    t.actor("deu", ActorKind::State, {eu}, 3, 0.5);
    t.actor("hack", ActorKind::NonState, {}, 2, 0.0);
    t.relation(ukr, rus, -60);
    t.relation(ukr, pol, 40);
    grid = t.incident("grid_attack", ukr, {rus, hack}, {0.5, 0.5}, rus, 1);
    t.def.incidents[0].truth.falseFlags = {hack};
    evMalware = t.evidence("ev_malware", grid, {{rus, 2}}, 0.8, EvidenceDef::Reveal::Turn, 1, {ukr});
    evClaim = t.evidence("ev_claim", grid, {{hack, 2}}, 0.6, EvidenceDef::Reveal::Turn, 2, {}, 0.5, true);
    evInfra = t.evidence("ev_infra", grid, {{rus, 1.5}}, 0.7, EvidenceDef::Reveal::Investigation, 1, {}, 1.0);
    evNever = t.evidence("ev_never", grid, {{rus, 1}}, 0.5, EvidenceDef::Reveal::Investigation, 1, {}, 0.0);

    termJoint = t.term("joint_attribution_pact", TermKind::JointAttribution, {"trust(self, target) += 5"});
    termSanctions = t.term("coordinated_sanctions_pact", TermKind::CoordinatedSanctions);
    termInfo = t.term("information_sharing", TermKind::InformationSharing);

    using MC = MeasureCategory;
    using TK = TargetKind;
    using ET = EscalationTag;
    harden = t.measure("harden", MC::Preventive, 1, TK::None, ET::Deescalatory);
    t.effects(harden, {"meter(self, resilience) += 8"});
    dialogue = t.measure("dialogue", MC::Cooperative, 1, TK::Actor, ET::Deescalatory);
    t.effects(dialogue, {"trust(self, target) += 4"});
    capacity = t.measure("capacity_building", MC::Preventive, 1, TK::Actor, ET::Deescalatory);
    t.require(capacity, "trust(self, target) >= 0", "capacity building needs a partner that is not hostile");
    t.effects(capacity, {"meter(target, resilience) += 6"});
    forensics = t.measure("forensics", MC::Investigation, 1, TK::Incident);
    t.m(forensics).investigates = true;
    decide = t.measure("decide_attribution", MC::Investigation, 1, TK::ActorAndIncident);
    t.m(decide).attribution = AttributionAct::Decide;
    publicAttr = t.measure("public_attribution", MC::Restrictive, 2, TK::ActorAndIncident);
    t.require(publicAttr, "attributed_to(self, incident, target)",
              "needs a decided attribution to the target");
    t.m(publicAttr).minConfidence = 0.65;
    t.m(publicAttr).attribution = AttributionAct::DisclosePublicly;
    t.effects(publicAttr, {"trust(self, target) -= 15"});
    sanctions = t.measure("sanctions", MC::Restrictive, 2, TK::Actor, ET::Escalatory);
    t.effects(sanctions, {"meter(target, economy) -= 10"});
    euSanctions = t.measure("eu_sanctions", MC::Restrictive, 1, TK::Actor, ET::Escalatory);
    t.m(euSanctions).bloc = eu;
    t.effects(euSanctions, {"meter(target, economy) -= 12"});
    offensive = t.measure("offensive_op", MC::LawfulResponse, 1, TK::Actor, ET::Escalatory);
    t.m(offensive).breaksNorms = {'f', 'k'};
    t.effects(offensive, {"meter(target, resilience) -= 15"});
    hotlineCall = t.measure("hotline_call", MC::Stabilising, 1, TK::Actor, ET::Deescalatory);
    expensive = t.measure("summit", MC::Cooperative, 3, TK::None, ET::Deescalatory);
    setEconomyLow = t.measure("set_economy_low", MC::Restrictive, 0, TK::None);
    t.effects(setEconomyLow, {"meter(self, economy) = 10"});
    setEconomyHigh = t.measure("set_economy_high", MC::Preventive, 0, TK::None);
    t.effects(setEconomyHigh, {"meter(self, economy) = 90"});
    calmCall = t.measure("calm_call", MC::Stabilising, 1, TK::Actor, ET::Deescalatory);
    t.effects(calmCall, {"tension -= 3"});
    costlySanctions = t.measure("costly_sanctions", MC::Restrictive, 1, TK::Actor);
    t.effects(costlySanctions, {"meter(target, economy) -= 5", "meter(self, economy) -= 3"});
    covertLeak = t.measure("forged_leak", MC::Stabilising, 1, TK::Incident);
    t.m(covertLeak).covert = true;
    t.effects(covertLeak, {"tension += 2"});
    termRestraint = t.term("restraint_pledge", TermKind::RestraintPledge, {"tension -= 2"},
                           "used(target, offensive_op) > 0 || used(self, offensive_op) > 0", 15, 30);
    injTurn2 = t.inject("inj_turn2", 2, {}, {"meter(ukr, domestic_pressure) += 10"});
    injTension = t.inject("inj_tension", 0, "tension >= 30", {"meter(ukr, domestic_pressure) += 5"});
    t.ending("war", EndingKind::ArmedConflict, "escalation >= 3");
    t.ending("muddle", EndingKind::Stalemate, {}, true);
    t.objective("ukr_attributes", ukr, "attributed_to(ukr, grid_attack, rus)", 20);
    def = t.def;
  }
};

// The fixture the rule tests share: the small scenario, its engine and its initial state.
struct SmallGame : ::testing::Test {
  Small sc;
  Engine engine{sc.def};
  GameState s = engine.initialState();
  int countEvents(EventKind kind) const {
    int n = 0;
    for (const Event& e : s.timeline) n += e.kind == kind ? 1 : 0;
    return n;
  }
};

// Submits and fails the test with the refusal's message if refused.
inline void ok(const Engine& e, GameState& s, const Command& c) {
  auto r = e.submit(s, c);
  ASSERT_FALSE(r.has_value()) << r->message;
}

// Ends phases until `phase` of the current turn (or the next turn's briefing).
inline void advanceTo(const Engine& e, GameState& s, Phase phase) {
  for (int i = 0; i < 8 && s.phase != phase && s.phase != Phase::Ended; ++i) ok(e, s, EndPhase{});
}

// Plays the rest of the current turn and stops at the next turn's deliberation.
inline void nextTurnDeliberation(const Engine& e, GameState& s) {
  const int turn = s.turn;
  for (int i = 0; i < 8 && s.turn == turn && s.phase != Phase::Ended; ++i) ok(e, s, EndPhase{});
  advanceTo(e, s, Phase::Deliberation);
}

}  // namespace demarche::test
