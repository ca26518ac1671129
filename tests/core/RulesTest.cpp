// Specifications of the turn, measures, escalation, norms, commitments, endings and the
// facilitator's commands (docs/rules.md).
#include <gtest/gtest.h>

#include <algorithm>

#include "SmallScenario.hpp"
#include "core/Engine.hpp"
#include "core/View.hpp"

namespace demarche {
namespace {

using test::advanceTo;
using test::nextTurnDeliberation;
using test::ok;
using S = test::Small;

struct Rules : test::SmallGame {
  double meter(int actor, int m) const { return s.meter(actor, m); }
};

TEST_F(Rules, TurnPhasesRunBriefingDeliberationResolutionConsequencesThenNextBriefing) {
  EXPECT_EQ(s.turn, 1);
  EXPECT_EQ(s.phase, Phase::Briefing);
  const Phase expected[] = {Phase::Deliberation, Phase::Resolution, Phase::Consequences, Phase::Briefing};
  for (Phase p : expected) {
    ok(engine, s, EndPhase{});
    EXPECT_EQ(s.phase, p);
  }
  EXPECT_EQ(s.turn, 2);
}

TEST_F(Rules, BriefingRefillsCapitalToCapitalPerTurnWithoutSaving) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, TakeMeasure{S::ukr, sc.harden, -1, -1});
  EXPECT_EQ(s.capital[S::ukr], 2);  // reserved when queued
  nextTurnDeliberation(engine, s);
  EXPECT_EQ(s.capital[S::ukr], 3);
  EXPECT_EQ(s.capital[S::hack], 2);
}

TEST_F(Rules, InjectsFireAtTheirTurnAndWhenTheirConditionHolds) {
  EXPECT_EQ(s.injectFired[static_cast<std::size_t>(sc.injTurn2)], 0);
  const double before = meter(S::ukr, S::domestic);
  nextTurnDeliberation(engine, s);
  EXPECT_EQ(s.injectFired[static_cast<std::size_t>(sc.injTurn2)], 1);
  EXPECT_DOUBLE_EQ(meter(S::ukr, S::domestic), before + 10);
  EXPECT_EQ(s.injectFired[static_cast<std::size_t>(sc.injTension)], 0);
  s.tension = 35;  // the condition inject watches tension at the next briefing
  nextTurnDeliberation(engine, s);
  EXPECT_EQ(s.injectFired[static_cast<std::size_t>(sc.injTension)], 1);
}

TEST_F(Rules, EvidenceIsRevealedAtItsTurnToItsAudienceOnly) {
  EXPECT_TRUE(s.hasSeen(S::ukr, sc.evMalware));
  EXPECT_FALSE(s.hasSeen(S::pol, sc.evMalware));
  EXPECT_FALSE(s.hasSeen(S::ukr, sc.evClaim));
  nextTurnDeliberation(engine, s);
  EXPECT_TRUE(s.hasSeen(S::ukr, sc.evClaim));
  EXPECT_TRUE(s.hasSeen(S::pol, sc.evClaim));
}

TEST_F(Rules, CheckHasNoSideEffects) {
  advanceTo(engine, s, Phase::Deliberation);
  const std::uint64_t before = stateHash(s);
  const GameState copy = s;
  EXPECT_FALSE(engine.check(s, TakeMeasure{S::ukr, sc.harden, -1, -1}).has_value());
  EXPECT_FALSE(engine.check(s, TakeMeasure{S::ukr, sc.expensive, -1, -1}).has_value());
  EXPECT_TRUE(engine.check(s, TakeMeasure{S::hack, sc.expensive, -1, -1}).has_value());
  EXPECT_TRUE(engine.check(s, TakeMeasure{S::ukr, sc.capacity, S::rus, -1}).has_value());
  EXPECT_TRUE(engine.check(s, Reply{S::pol, 7, ReplyKind::Accept, {}, "x"}).has_value());
  std::vector<TakeMeasure> legal;
  engine.legalMeasures(s, S::ukr, legal);
  EXPECT_FALSE(legal.empty());
  EXPECT_EQ(stateHash(s), before);
  EXPECT_EQ(s, copy);
}

TEST_F(Rules, RefusalSaysWhatCapitalItCostsAndWhatIsLeft) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, TakeMeasure{S::hack, sc.dialogue, S::ukr, -1});
  auto r = engine.check(s, TakeMeasure{S::hack, sc.expensive, -1, -1});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, ReasonCode::NotEnoughCapital);
  EXPECT_EQ(r->message, "costs 3 capital, 1 left");
}

TEST_F(Rules, RefusalQuotesTheRequiresReason) {
  advanceTo(engine, s, Phase::Deliberation);
  auto r = engine.check(s, TakeMeasure{S::ukr, sc.capacity, S::rus, -1});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, ReasonCode::RequiresFailed);
  EXPECT_EQ(r->message, "capacity building needs a partner that is not hostile");
}

TEST_F(Rules, MeasuresAreOnlyLegalInDeliberation) {
  auto r = engine.check(s, TakeMeasure{S::ukr, sc.harden, -1, -1});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, ReasonCode::WrongPhase);
}

TEST_F(Rules, TargetsMustMatchTheMeasure) {
  advanceTo(engine, s, Phase::Deliberation);
  EXPECT_EQ(engine.checkCode(s, TakeMeasure{S::ukr, sc.dialogue, -1, -1}), ReasonCode::TargetMissing);
  EXPECT_EQ(engine.checkCode(s, TakeMeasure{S::ukr, sc.dialogue, S::ukr, -1}), ReasonCode::TargetIsSelf);
  EXPECT_EQ(engine.checkCode(s, TakeMeasure{S::ukr, sc.harden, S::rus, -1}), ReasonCode::TargetNotAllowed);
  EXPECT_EQ(engine.checkCode(s, TakeMeasure{S::ukr, sc.forensics, -1, -1}), ReasonCode::IncidentMissing);
}

TEST_F(Rules, ResolutionOrderIsCategoryThenActorThenSubmission) {
  advanceTo(engine, s, Phase::Deliberation);
  // Restrictive resolves after preventive whatever the submission order: economy ends at 10.
  ok(engine, s, TakeMeasure{S::ukr, sc.setEconomyLow, -1, -1});
  ok(engine, s, TakeMeasure{S::ukr, sc.setEconomyHigh, -1, -1});
  ok(engine, s, EndPhase{});
  EXPECT_DOUBLE_EQ(meter(S::ukr, S::economy), 10);
  std::vector<int> order;
  for (const Event& e : s.timeline)
    if (e.kind == EventKind::MeasureResolved) order.push_back(e.a);
  ASSERT_EQ(order.size(), 2u);
  EXPECT_EQ(order[0], sc.setEconomyHigh);
  EXPECT_EQ(order[1], sc.setEconomyLow);
}

TEST_F(Rules, PrerequisitesAreCheckedAgainAtResolutionAndFailuresAreRefunded) {
  advanceTo(engine, s, Phase::Deliberation);
  // Legal when queued (pol trusts rus at 2), no longer at resolution (trust fell to -5, as an
  // inject or an earlier measure could make it).
  s.trust[static_cast<std::size_t>(S::pol * s.actorCount + S::rus)] = 2;
  ok(engine, s, TakeMeasure{S::pol, sc.capacity, S::rus, -1});
  const int capitalAfterQueue = s.capital[S::pol];
  s.trust[static_cast<std::size_t>(S::pol * s.actorCount + S::rus)] = -5;
  ok(engine, s, EndPhase{});
  const auto failed = std::find_if(s.timeline.begin(), s.timeline.end(),
                                   [](const Event& e) { return e.kind == EventKind::MeasureFailed; });
  ASSERT_NE(failed, s.timeline.end());
  EXPECT_EQ(failed->reason, ReasonCode::RequiresFailed);
  EXPECT_EQ(s.capital[S::pol], capitalAfterQueue + 1);
  EXPECT_NE(engine.describe(s, *failed).find("not hostile"), std::string::npos);
}

TEST_F(Rules, EffectsAreClampedToTheirRanges) {
  advanceTo(engine, s, Phase::Deliberation);
  s.meters[static_cast<std::size_t>(S::ukr * s.meterCount + S::resilience)] = 97;
  s.trust[static_cast<std::size_t>(S::ukr * s.actorCount + S::pol)] = 98;
  ok(engine, s, TakeMeasure{S::ukr, sc.harden, -1, -1});
  ok(engine, s, TakeMeasure{S::ukr, sc.dialogue, S::pol, -1});
  ok(engine, s, EndPhase{});
  EXPECT_DOUBLE_EQ(meter(S::ukr, S::resilience), 100);
  EXPECT_DOUBLE_EQ(s.trustOf(S::ukr, S::pol), 100);
  s.tension = 2;
  ok(engine, s, EndPhase{});  // consequences: two de-escalatory measures (-8 each)
  EXPECT_DOUBLE_EQ(s.tension, 0);
}

TEST_F(Rules, EscalatoryMeasuresRaiseTensionAndTheRungFollows) {
  advanceTo(engine, s, Phase::Deliberation);
  s.tension = 25;
  ok(engine, s, TakeMeasure{S::ukr, sc.sanctions, S::rus, -1});
  advanceTo(engine, s, Phase::Consequences);
  EXPECT_DOUBLE_EQ(s.tension, 35);  // escalatory_step 10
  EXPECT_EQ(s.rung, 1);             // crisis starts at 30
  EXPECT_EQ(countEvents(EventKind::RungChanged), 1);
}

TEST_F(Rules, DeescalatoryMeasuresLowerTensionAndOffRampsLowerItMore) {
  sc.def.ladder.rungs[1].offRamps = {sc.hotlineCall};
  Engine e2(sc.def);
  GameState st = e2.initialState();
  advanceTo(e2, st, Phase::Deliberation);
  st.tension = 40;
  st.rung = 1;
  ok(e2, st, TakeMeasure{S::ukr, sc.hotlineCall, S::rus, -1});
  ok(e2, st, TakeMeasure{S::ukr, sc.harden, -1, -1});  // the victim: a party to the crisis
  advanceTo(e2, st, Phase::Consequences);
  EXPECT_DOUBLE_EQ(st.tension, 40 - 16 - 8);
  EXPECT_EQ(st.rung, 0);
}

TEST_F(Rules, BreakingNormsCostsCredibilityAndTrustOfNormCommittedActors) {
  advanceTo(engine, s, Phase::Deliberation);
  const double credBefore = meter(S::rus, S::credibility);
  const double polTrust = s.trustOf(S::pol, S::rus), hackTrust = s.trustOf(S::hack, S::rus);
  ok(engine, s, TakeMeasure{S::rus, sc.offensive, S::ukr, -1});
  advanceTo(engine, s, Phase::Consequences);
  // two norms; mean commitment of the others = (0.9 + 0.8 + 1.0 + 0.5 + 0.0) / 5 = 0.64
  EXPECT_NEAR(meter(S::rus, S::credibility), credBefore - 5 * 2 * 0.64, 1e-9);
  EXPECT_NEAR(s.trustOf(S::pol, S::rus), polTrust - 10 * 2 * 1.0, 1e-9);  // pol: committed
  EXPECT_NEAR(s.trustOf(S::hack, S::rus), hackTrust, 1e-9);               // hack: not at all
  EXPECT_EQ(countEvents(EventKind::NormBroken), 1);
}

TEST_F(Rules, SanctionsCostTheImposerToo) {
  advanceTo(engine, s, Phase::Deliberation);
  const double imposer = meter(S::ukr, S::economy), target = meter(S::rus, S::economy);
  ok(engine, s, TakeMeasure{S::ukr, sc.sanctions, S::rus, -1});
  ok(engine, s, EndPhase{});
  EXPECT_DOUBLE_EQ(meter(S::rus, S::economy), target - 10);
  EXPECT_DOUBLE_EQ(meter(S::ukr, S::economy), imposer - engine.constants().sanctionsImposerEconomy);
}

TEST_F(Rules, MaxUsesCountQueuedMeasures) {
  sc.def.measures[static_cast<std::size_t>(sc.harden)].maxUses = 1;
  Engine e2(sc.def);
  GameState st = e2.initialState();
  advanceTo(e2, st, Phase::Deliberation);
  ok(e2, st, TakeMeasure{S::ukr, sc.harden, -1, -1});
  EXPECT_EQ(e2.checkCode(st, TakeMeasure{S::ukr, sc.harden, -1, -1}), ReasonCode::AlreadyQueued);
  nextTurnDeliberation(e2, st);
  EXPECT_EQ(e2.checkCode(st, TakeMeasure{S::ukr, sc.harden, -1, -1}), ReasonCode::MaxUsesReached);
}

TEST_F(Rules, BrokenCommitmentCostsTheBreakerCredibilityAndTrust) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, Propose{S::ukr, {S::rus}, {sc.termRestraint}, -1, "Stand down"});
  ok(engine, s, Reply{S::rus, 0, ReplyKind::Accept, {}, "We were never there"});
  ASSERT_EQ(s.commitments.size(), 1u);
  nextTurnDeliberation(engine, s);
  const double cred = meter(S::rus, S::credibility);
  const double trust = s.trustOf(S::ukr, S::rus);
  ok(engine, s, TakeMeasure{S::rus, sc.offensive, S::ukr, -1});
  advanceTo(engine, s, Phase::Consequences);
  EXPECT_TRUE(s.commitments[0].broken);
  EXPECT_EQ(s.commitments[0].breaker, S::rus);
  // 15 for the breach plus the norm cost of the offensive operation
  EXPECT_NEAR(meter(S::rus, S::credibility), cred - 15 - 5 * 2 * 0.64, 1e-9);
  EXPECT_NEAR(s.trustOf(S::ukr, S::rus), std::max(-100.0, trust - 30 - 10 * 2 * 0.8), 1e-9);
  EXPECT_EQ(countEvents(EventKind::CommitmentBroken), 1);
}

TEST_F(Rules, FirstMatchingEndingInFileOrderEndsTheExercise) {
  advanceTo(engine, s, Phase::Deliberation);
  s.tension = 85;
  ok(engine, s, TakeMeasure{S::rus, sc.sanctions, S::ukr, -1});
  advanceTo(engine, s, Phase::Consequences);
  EXPECT_EQ(s.phase, Phase::Ended);
  EXPECT_EQ(s.ending, 0);  // war
  EXPECT_TRUE(s.truthRevealed);
  EXPECT_EQ(engine.checkCode(s, EndPhase{}), ReasonCode::ExerciseEnded);
}

TEST_F(Rules, AtLastTurnEndingFiresWhenTimeRunsOut) {
  for (int i = 0; i < 100 && s.phase != Phase::Ended; ++i) ok(engine, s, EndPhase{});
  EXPECT_EQ(s.phase, Phase::Ended);
  EXPECT_EQ(s.turn, sc.def.turns);
  EXPECT_EQ(s.ending, 1);  // muddle
}

TEST_F(Rules, WhilePausedOnlyTheFacilitatorActs) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, Pause{});
  EXPECT_EQ(engine.checkCode(s, TakeMeasure{S::ukr, sc.harden, -1, -1}), ReasonCode::Paused);
  EXPECT_EQ(engine.checkCode(s, EndPhase{}), ReasonCode::Paused);
  EXPECT_EQ(engine.checkCode(s, Pause{}), ReasonCode::AlreadyPaused);
  ok(engine, s, AdjustMeter{S::ukr, S::domestic, 5, "Protests in Kyiv"});
  ok(engine, s, InjectNow{sc.injTension});
  ok(engine, s, Resume{});
  EXPECT_FALSE(engine.check(s, TakeMeasure{S::ukr, sc.harden, -1, -1}).has_value());
}

TEST_F(Rules, AdjustMeterIsLoggedWithItsReason) {
  const double before = meter(S::ukr, S::domestic);
  EXPECT_EQ(engine.checkCode(s, AdjustMeter{S::ukr, S::domestic, 5, ""}), ReasonCode::EmptyReason);
  ok(engine, s, AdjustMeter{S::ukr, S::domestic, 5, "Protests in Kyiv"});
  EXPECT_DOUBLE_EQ(meter(S::ukr, S::domestic), before + 5);
  const Event& e = s.timeline.back();
  EXPECT_EQ(e.kind, EventKind::MeterAdjusted);
  EXPECT_NE(engine.describe(s, e).find("Protests in Kyiv"), std::string::npos);
}

TEST_F(Rules, InjectNowFiresAnInjectImmediately) {
  const double before = meter(S::ukr, S::domestic);
  ok(engine, s, InjectNow{sc.injTurn2});
  EXPECT_DOUBLE_EQ(meter(S::ukr, S::domestic), before + 10);
  EXPECT_EQ(s.timeline.back().kind, EventKind::InjectFired);
  EXPECT_EQ(s.timeline.back().b, 1);
}

TEST_F(Rules, EndExerciseEndsWithoutAnEndingAndRevealsTheTruth) {
  ok(engine, s, EndExercise{});
  EXPECT_EQ(s.phase, Phase::Ended);
  EXPECT_EQ(s.ending, -1);
  EXPECT_TRUE(s.truthRevealed);
}

TEST_F(Rules, UndoIsTheSessionsBusiness) {
  auto r = engine.check(s, UndoTurn{});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, ReasonCode::HandledBySession);
}

TEST_F(Rules, ApplyRefusesIllegalCommandsWithoutChangingTheState) {
  const std::uint64_t before = stateHash(s);
  EXPECT_THROW(engine.apply(s, TakeMeasure{S::ukr, sc.harden, -1, -1}), std::invalid_argument);
  EXPECT_EQ(stateHash(s), before);
}

}  // namespace
}  // namespace demarche

namespace demarche {
namespace {

TEST(Briefing, ConditionEvidenceIsRevealedWhenItsConditionHolds) {
  test::Small sc;
  test::TestScenario t;
  t.def = sc.def;
  const int ev = t.evidence("ev_when", sc.grid, {{test::Small::rus, 1}}, 0.5, EvidenceDef::Reveal::Condition);
  t.def.evidence[static_cast<std::size_t>(ev)].revealWhen = test::parseCond(t.def, "tension >= 30", {});
  Engine engine(t.def);
  GameState s = engine.initialState();
  EXPECT_FALSE(s.hasSeen(test::Small::ukr, ev));
  s.tension = 40;
  test::nextTurnDeliberation(engine, s);
  EXPECT_TRUE(s.hasSeen(test::Small::ukr, ev));
  EXPECT_TRUE(s.hasSeen(test::Small::hack, ev));
}

TEST(Briefing, RepeatingInjectsFireEveryBriefingTheirConditionHolds) {
  test::Small sc;
  sc.def.injects[static_cast<std::size_t>(sc.injTension)].repeat = true;
  Engine engine(sc.def);
  GameState s = engine.initialState();
  for (int turn = 0; turn < 2; ++turn) {
    s.tension = 50;
    test::nextTurnDeliberation(engine, s);
  }
  EXPECT_EQ(s.injectFired[static_cast<std::size_t>(sc.injTension)], 2);
}

}  // namespace
}  // namespace demarche

namespace demarche {
namespace {

// A session must never crash on a bad command (a typo in a --decisions file, a stale GUI):
// out-of-range indices and odd values are refused with a reason, never applied.
TEST(Robustness, GarbageCommandsAreRefusedNotApplied) {
  test::Small sc;
  Engine engine(sc.def);
  GameState s = engine.initialState();
  test::advanceTo(engine, s, Phase::Deliberation);
  Rng rng(3);
  const auto any = [&rng] { return rng.uniformInt(40) - 10; };  // -10..29: mostly out of range
  for (int i = 0; i < 5000; ++i) {
    Command c;
    switch (rng.uniformInt(7)) {
      case 0:
        c = TakeMeasure{any(), any(), any(), any()};
        break;
      case 1:
        c = Propose{any(), {any(), any()}, {any()}, any(), "x"};
        break;
      case 2:
        c = Reply{any(), any(), static_cast<ReplyKind>(rng.uniformInt(4)), {any()}, "r"};
        break;
      case 3:
        c = DecideAttribution{any(), any(), any()};
        break;
      case 4:
        c = Disclose{any(), any(), static_cast<Disclosure>(rng.uniformInt(4)), {any()}};
        break;
      case 5:
        c = AdjustMeter{any(), any(), rng.uniform01() < 0.5 ? 1e308 * 10 : -3.0, "why"};
        break;
      default:
        c = InjectNow{any()};
        break;
    }
    const ReasonCode code = engine.checkCode(s, c);
    if (code != ReasonCode::None) {
      const std::uint64_t before = stateHash(s);
      EXPECT_FALSE(engine.refusalMessage(s, c, code).empty());
      EXPECT_THROW(engine.apply(s, c), std::invalid_argument);
      EXPECT_EQ(stateHash(s), before);
    } else {
      engine.apply(s, c);
    }
  }
  for (double m : s.meters) EXPECT_TRUE(m >= 0 && m <= 100);
  for (const Event& e : s.timeline) EXPECT_FALSE(engine.describe(s, e).empty());
}

// §5.1: hotline calls between allies, or with a bystander, do not ease a crisis between others.
TEST_F(Rules, OffRampsCountOnlyBetweenPartiesToTheCrisis) {
  sc.def.ladder.rungs[1].offRamps = {sc.hotlineCall, sc.calmCall};
  Engine e2(sc.def);
  GameState st = e2.initialState();
  advanceTo(e2, st, Phase::Deliberation);
  st.tension = 40;
  st.rung = 1;
  EXPECT_TRUE(e2.across(st, S::ukr, S::rus));    // the victim and a candidate
  EXPECT_TRUE(e2.across(st, S::ukr, S::hack));   // every candidate is a suspect
  EXPECT_FALSE(e2.across(st, S::pol, S::ukr));   // allies
  EXPECT_FALSE(e2.across(st, S::pol, S::rus));   // pol has accused nobody: not a party
  EXPECT_FALSE(e2.across(st, S::rus, S::hack));  // both suspects: the same side
  ok(e2, st, TakeMeasure{S::pol, sc.hotlineCall, S::ukr, -1});
  ok(e2, st, TakeMeasure{S::pol, sc.calmCall, S::rus, -1});  // effects: tension -= 3
  ok(e2, st, TakeMeasure{S::deu, sc.harden, -1, -1});        // no target, and deu is no party
  advanceTo(e2, st, Phase::Consequences);
  EXPECT_DOUBLE_EQ(st.tension, 40);  // neither the ladder's step nor the effects counted
  nextTurnDeliberation(e2, st);
  st.tension = 40;
  st.rung = 1;
  ok(e2, st, TakeMeasure{S::ukr, sc.hotlineCall, S::rus, -1});
  ok(e2, st, TakeMeasure{S::ukr, sc.calmCall, S::hack, -1});
  advanceTo(e2, st, Phase::Resolution);
  EXPECT_DOUBLE_EQ(st.tension, 40 - 3);  // the call's own effect, across the crisis
  ok(e2, st, EndPhase{});
  EXPECT_DOUBLE_EQ(st.tension, 40 - 3 - 2 * 8 - 2 * 8);  // two off-ramps, each counted twice
}

TEST_F(Rules, AnActorThatAccusesSomeoneJoinsTheVictimsSideOfTheCrisis) {
  advanceTo(engine, s, Phase::Deliberation);
  EXPECT_FALSE(engine.party(s, S::pol));
  ok(engine, s, DecideAttribution{S::pol, sc.grid, S::rus});
  EXPECT_FALSE(engine.party(s, S::pol));  // a decision is internal
  ok(engine, s, Disclose{S::pol, sc.grid, Disclosure::Private, {}});
  EXPECT_TRUE(engine.party(s, S::pol));
  EXPECT_TRUE(engine.across(s, S::pol, S::rus));
  EXPECT_FALSE(engine.across(s, S::pol, S::hack));  // a suspect pol did not name
  EXPECT_FALSE(engine.across(s, S::pol, S::ukr));
  s.tension = 20;
  ok(engine, s, TakeMeasure{S::pol, sc.hotlineCall, S::rus, -1});
  advanceTo(engine, s, Phase::Consequences);
  EXPECT_DOUBLE_EQ(s.tension, 12);
}

TEST_F(Rules, AgreementsEaseTensionOnlyAcrossTheCrisis) {
  advanceTo(engine, s, Phase::Deliberation);
  s.tension = 20;
  ok(engine, s, Propose{S::pol, {S::deu}, {sc.termRestraint}, -1, ""});
  ok(engine, s, Reply{S::deu, 0, ReplyKind::Accept, {}, "Of course"});
  EXPECT_DOUBLE_EQ(s.tension, 20);  // two bystanders' pledge: in force, but it calms nothing
  EXPECT_EQ(countEvents(EventKind::CommitmentMade), 1);
  ok(engine, s, Propose{S::ukr, {S::rus}, {sc.termRestraint}, -1, ""});
  ok(engine, s, Reply{S::rus, 1, ReplyKind::Accept, {}, "Agreed"});
  EXPECT_DOUBLE_EQ(s.tension, 18);  // on_accept: tension -= 2
}

// §2.1: a measure that says what it costs its imposer is charged that, not that plus the engine's.
TEST_F(Rules, SanctionsCostTheImposerOnce) {
  advanceTo(engine, s, Phase::Deliberation);
  const double imposer = meter(S::ukr, S::economy), target = meter(S::rus, S::economy);
  ok(engine, s, TakeMeasure{S::ukr, sc.costlySanctions, S::rus, -1});
  ok(engine, s, EndPhase{});
  EXPECT_DOUBLE_EQ(meter(S::rus, S::economy), target - 5);
  EXPECT_DOUBLE_EQ(meter(S::ukr, S::economy), imposer - 3);  // its own cost only
}

TEST_F(Rules, BlocMembersShareTheCostOfItsSanctionsWhereTheScenarioSaysSo) {
  sc.def.actors[S::eu].membersShareCosts = true;
  Engine e2(sc.def);
  GameState st = e2.initialState();
  advanceTo(e2, st, Phase::Deliberation);
  ok(e2, st, Propose{S::pol, {S::deu}, {sc.termSanctions}, -1, ""});
  ok(e2, st, Reply{S::deu, 0, ReplyKind::Accept, {}, "Together"});
  const double eu = st.meter(S::eu, S::economy), pol = st.meter(S::pol, S::economy),
               deu = st.meter(S::deu, S::economy);
  ok(e2, st, TakeMeasure{S::pol, sc.euSanctions, S::rus, -1});
  ok(e2, st, EndPhase{});
  const double half = e2.constants().sanctionsImposerEconomy / 2;
  EXPECT_DOUBLE_EQ(st.meter(S::pol, S::economy), pol - half);
  EXPECT_DOUBLE_EQ(st.meter(S::deu, S::economy), deu - half);
  EXPECT_DOUBLE_EQ(st.meter(S::eu, S::economy), eu);
  // Without the setting the imposer pays it all.
  const S fresh;
  const Engine e3(fresh.def);
  GameState plain = e3.initialState();
  advanceTo(e3, plain, Phase::Deliberation);
  ok(e3, plain, Propose{S::pol, {S::deu}, {sc.termSanctions}, -1, ""});
  ok(e3, plain, Reply{S::deu, 0, ReplyKind::Accept, {}, "Together"});
  ok(e3, plain, TakeMeasure{S::pol, sc.euSanctions, S::rus, -1});
  ok(e3, plain, EndPhase{});
  EXPECT_DOUBLE_EQ(plain.meter(S::pol, S::economy), pol - 2 * half);
  EXPECT_DOUBLE_EQ(plain.meter(S::deu, S::economy), deu);
}

// §10: the room sees a covert measure's effects, not who took it, until the truth comes out.
TEST_F(Rules, ACovertMeasuresAuthorStaysHiddenUntilTheTruthComesOut) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, TakeMeasure{S::rus, sc.covertLeak, -1, sc.grid});
  ok(engine, s, EndPhase{});
  const auto find = [&](EventKind kind) {
    return std::find_if(s.timeline.begin(), s.timeline.end(), [&](const Event& e) { return e.kind == kind; });
  };
  const auto taken = find(EventKind::MeasureResolved);
  ASSERT_NE(taken, s.timeline.end());
  EXPECT_FALSE(eventIsPublic(sc.def, s, *taken));
  EXPECT_TRUE(eventVisibleTo(sc.def, s, *taken, S::rus));
  EXPECT_FALSE(eventVisibleTo(sc.def, s, *taken, S::ukr));
  const auto moved = find(EventKind::TensionChanged);
  ASSERT_NE(moved, s.timeline.end());
  EXPECT_TRUE(eventIsPublic(sc.def, s, *moved));
  EXPECT_EQ(moved->actor, -1);
  EXPECT_NE(engine.describe(s, *moved).find("as events unfold"), std::string::npos)
      << engine.describe(s, *moved);
  ok(engine, s, RevealTruth{});
  const auto exposed = find(EventKind::CovertExposed);
  ASSERT_NE(exposed, s.timeline.end());
  EXPECT_TRUE(eventIsPublic(sc.def, s, *exposed));
  EXPECT_EQ(engine.describe(s, *exposed), "The truth: in turn 1 rus covertly took forged_leak over grid_attack");
}

}  // namespace
}  // namespace demarche
