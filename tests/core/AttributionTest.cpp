// Specifications of attribution: beliefs from evidence, ICD 203 words, confidence,
// investigation, sharing, deciding vs disclosing, and judging attributions by the truth.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "SmallScenario.hpp"
#include "core/CommandText.hpp"
#include "core/Engine.hpp"
#include "core/View.hpp"

namespace demarche {
namespace {

using test::advanceTo;
using test::nextTurnDeliberation;
using test::ok;
using S = test::Small;

struct Attribution : test::SmallGame {
  double p(int actor, int candidate) const { return engine.probability(s, actor, sc.grid, candidate); }
};

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

TEST_F(Attribution, ProbabilityFollowsPriorsReliabilityAndStrength) {
  // ukr saw ev_malware (rus +2, reliability 0.8): log-odds move by 0.8 * 0.8 * 2.
  EXPECT_NEAR(p(S::ukr, S::rus), logistic(0.8 * 0.8 * 2), 1e-12);
  EXPECT_NEAR(p(S::ukr, S::rus) + p(S::ukr, S::hack), 1.0, 1e-12);
  // pol saw nothing: the priors.
  EXPECT_NEAR(p(S::pol, S::rus), 0.5, 1e-12);
}

TEST_F(Attribution, PlantedEvidencePointsTheWrongWayButLooksGenuine) {
  const double before = p(S::ukr, S::rus);
  nextTurnDeliberation(engine, s);  // ev_claim (planted, points at hack) is revealed at turn 2
  EXPECT_TRUE(s.hasSeen(S::ukr, sc.evClaim));
  EXPECT_LT(p(S::ukr, S::rus), before);
  EXPECT_NEAR(p(S::ukr, S::rus), logistic(0.8 * 0.8 * 2 - 0.8 * 0.6 * 2), 1e-12);
}

TEST_F(Attribution, TheOperatorKnowsTheTruth) {
  EXPECT_DOUBLE_EQ(p(S::rus, S::rus), 1.0);
  const Assessment a = engine.assessment(s, S::rus, sc.grid);
  EXPECT_TRUE(a.knowsTruth);
  EXPECT_EQ(a.confidence, ConfidenceLevel::High);
  EXPECT_EQ(a.leading, S::rus);
}

TEST_F(Attribution, ProbabilitiesAreWordedAsInIcd203) {
  EXPECT_EQ(probabilityWords(0.01), "remote chance");
  EXPECT_EQ(probabilityWords(0.10), "very unlikely");
  EXPECT_EQ(probabilityWords(0.30), "unlikely");
  EXPECT_EQ(probabilityWords(0.50), "roughly even chance");
  EXPECT_EQ(probabilityWords(0.70), "likely");
  EXPECT_EQ(probabilityWords(0.90), "very likely");
  EXPECT_EQ(probabilityWords(0.99), "almost certain");
  EXPECT_EQ(engine.assessment(s, S::ukr, sc.grid).candidates[0].words, "likely");
}

TEST_F(Attribution, ConfidenceGrowsWithTheAmountAndReliabilityOfEvidence) {
  EXPECT_EQ(engine.assessment(s, S::ukr, sc.grid).confidence, ConfidenceLevel::Low);  // one item
  nextTurnDeliberation(engine, s);
  EXPECT_EQ(engine.assessment(s, S::ukr, sc.grid).confidence, ConfidenceLevel::Moderate);  // 2 items, 1.4
  ok(engine, s, TakeMeasure{S::ukr, sc.forensics, -1, sc.grid});
  ok(engine, s, EndPhase{});
  EXPECT_EQ(engine.assessment(s, S::ukr, sc.grid).confidence, ConfidenceLevel::High);  // 3 items, 2.1
}

TEST_F(Attribution, InvestigationRevealsEvidenceWithItsSeededChance) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, TakeMeasure{S::ukr, sc.forensics, -1, sc.grid});
  ok(engine, s, EndPhase{});
  EXPECT_TRUE(s.hasSeen(S::ukr, sc.evInfra));   // chance 1
  EXPECT_FALSE(s.hasSeen(S::ukr, sc.evNever));  // chance 0
  EXPECT_FALSE(s.hasSeen(S::pol, sc.evInfra));  // only the investigator
}

TEST_F(Attribution, InvestigationEvidenceWithRevealToIsFoundOnlyByThoseItNames) {
  // ev_infra (chance 1) may be found only by pol: ukr's investigation finds nothing, pol's finds it.
  sc.def.evidence[static_cast<std::size_t>(sc.evInfra)].revealTo = {S::pol};
  Engine e2(sc.def);
  GameState st = e2.initialState(1);
  advanceTo(e2, st, Phase::Deliberation);
  ok(e2, st, TakeMeasure{S::ukr, sc.forensics, -1, sc.grid});
  ok(e2, st, TakeMeasure{S::pol, sc.forensics, -1, sc.grid});
  ok(e2, st, EndPhase{});
  EXPECT_FALSE(st.hasSeen(S::ukr, sc.evInfra));
  EXPECT_TRUE(st.hasSeen(S::pol, sc.evInfra));
}

TEST_F(Attribution, InvestigationDrawsComeFromTheSeed) {
  sc.def.evidence[static_cast<std::size_t>(sc.evNever)].investigationChance = 0.5;
  Engine e2(sc.def);
  int found = 0;
  std::uint64_t firstHash = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    for (int rep = 0; rep < 2; ++rep) {
      GameState st = e2.initialState(seed);
      advanceTo(e2, st, Phase::Deliberation);
      ok(e2, st, TakeMeasure{S::ukr, sc.forensics, -1, sc.grid});
      ok(e2, st, EndPhase{});
      if (rep == 0) {
        found += st.hasSeen(S::ukr, sc.evNever) ? 1 : 0;
        firstHash = stateHash(st);
      } else {
        EXPECT_EQ(stateHash(st), firstHash) << "seed " << seed;
      }
    }
  }
  EXPECT_GT(found, 5);
  EXPECT_LT(found, 35);
}

TEST_F(Attribution, InformationSharingPartnersSeeNewlySeenEvidence) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, Propose{S::ukr, {S::pol}, {sc.termInfo}, sc.grid, ""});
  ok(engine, s, Reply{S::pol, 0, ReplyKind::Accept, {}, "Allies share"});
  EXPECT_FALSE(s.hasSeen(S::pol, sc.evMalware));  // seen before the agreement: not shared
  ok(engine, s, TakeMeasure{S::ukr, sc.forensics, -1, sc.grid});
  ok(engine, s, EndPhase{});
  EXPECT_TRUE(s.hasSeen(S::pol, sc.evInfra));
  EXPECT_NEAR(engine.probability(s, S::pol, sc.grid, S::rus), logistic(0.8 * 0.7 * 1.5), 1e-12);
}

TEST_F(Attribution, DecidingAndDisclosingAreSeparateCommands) {
  advanceTo(engine, s, Phase::Deliberation);
  EXPECT_EQ(engine.checkCode(s, Disclose{S::ukr, sc.grid, Disclosure::Public, {}}), ReasonCode::NoDecision);
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::rus});
  EXPECT_EQ(s.decision(S::ukr, sc.grid), S::rus);
  EXPECT_EQ(s.disclosure(S::ukr, sc.grid), Disclosure::None);
  const double trust = s.trustOf(S::rus, S::ukr);
  ok(engine, s, Disclose{S::ukr, sc.grid, Disclosure::Public, {}});
  EXPECT_EQ(s.disclosure(S::ukr, sc.grid), Disclosure::Public);
  EXPECT_DOUBLE_EQ(s.trustOf(S::rus, S::ukr), trust - engine.constants().disclosureTrustPublic);
  EXPECT_EQ(engine.checkCode(s, DecideAttribution{S::ukr, sc.grid, S::hack}), ReasonCode::AlreadyDisclosed);
  EXPECT_EQ(engine.checkCode(s, DecideAttribution{S::ukr, sc.grid, S::pol}), ReasonCode::NotACandidate);
}

TEST_F(Attribution, MinConfidenceRefusalNamesTheNeededAndActualWords) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, DecideAttribution{S::pol, sc.grid, S::rus});
  auto r = engine.check(s, TakeMeasure{S::pol, sc.publicAttr, S::rus, sc.grid});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, ReasonCode::ConfidenceTooLow);
  EXPECT_EQ(r->message,
            "needs at least 'likely' (65%) confidence that rus operated grid_attack; yours is 'roughly even "
            "chance' (50%)");
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::rus});
  EXPECT_FALSE(engine.check(s, TakeMeasure{S::ukr, sc.publicAttr, S::rus, sc.grid}).has_value());
}

TEST_F(Attribution, DecideMeasureResolvesIntoADecision) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, TakeMeasure{S::ukr, sc.decide, S::rus, sc.grid});
  EXPECT_EQ(s.decision(S::ukr, sc.grid), -1);
  ok(engine, s, EndPhase{});
  EXPECT_EQ(s.decision(S::ukr, sc.grid), S::rus);
}

TEST_F(Attribution, JointDisclosureNeedsPartnersWhoAgreedAndDecidedTheSame) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::rus});
  auto r = engine.check(s, Disclose{S::ukr, sc.grid, Disclosure::Joint, {S::pol}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->message, "pol has not agreed to a joint attribution with ukr");
  ok(engine, s, Propose{S::ukr, {S::pol}, {sc.termJoint}, sc.grid, ""});
  ok(engine, s, Reply{S::pol, 0, ReplyKind::Accept, {}, "Together"});
  r = engine.check(s, Disclose{S::ukr, sc.grid, Disclosure::Joint, {S::pol}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->message, "pol has not decided to attribute grid_attack to rus");
  ok(engine, s, DecideAttribution{S::pol, sc.grid, S::rus});
  ok(engine, s, Disclose{S::ukr, sc.grid, Disclosure::Joint, {S::pol}});
  EXPECT_EQ(s.disclosure(S::pol, sc.grid), Disclosure::Joint);
}

TEST_F(Attribution, OnlyAJointDisclosureNamesPartners) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::rus});
  for (Disclosure kind : {Disclosure::Private, Disclosure::Public}) {
    const auto r = engine.check(s, Disclose{S::ukr, sc.grid, kind, {S::pol}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code, ReasonCode::FieldNotForThisKind);
    EXPECT_EQ(r->message, "partners go only with a joint disclosure; this one is " +
                              std::string(disclosureName(kind)) +
                              ": leave the partners out, or disclose jointly");
  }
  ok(engine, s, Disclose{S::ukr, sc.grid, Disclosure::Public, {}});
}

TEST_F(Attribution, WrongPublicAttributionCostsCredibilityAtDebrief) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, DecideAttribution{S::pol, sc.grid, S::hack});
  ok(engine, s, Disclose{S::pol, sc.grid, Disclosure::Public, {}});
  const double cred = s.meter(S::pol, S::credibility);
  const double hackTrust = s.trustOf(S::hack, S::pol);
  ok(engine, s, EndExercise{});
  EXPECT_DOUBLE_EQ(s.meter(S::pol, S::credibility), cred + engine.constants().wrongPublicCredibility);
  EXPECT_DOUBLE_EQ(s.trustOf(S::hack, S::pol), hackTrust - engine.constants().wrongAccusedTrust);
}

TEST_F(Attribution, RightPublicAttributionGainsCredibilityWhenTheTruthIsRevealed) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::rus});
  ok(engine, s, Disclose{S::ukr, sc.grid, Disclosure::Public, {}});
  ok(engine, s, DecideAttribution{S::deu, sc.grid, S::hack});
  ok(engine, s, Disclose{S::deu, sc.grid, Disclosure::Private, {}});
  const double ukr = s.meter(S::ukr, S::credibility), deu = s.meter(S::deu, S::credibility);
  ok(engine, s, RevealTruth{});
  EXPECT_DOUBLE_EQ(s.meter(S::ukr, S::credibility), ukr + engine.constants().rightPublicCredibility);
  EXPECT_DOUBLE_EQ(s.meter(S::deu, S::credibility), deu + engine.constants().wrongPrivateCredibility);
  EXPECT_EQ(engine.checkCode(s, RevealTruth{}), ReasonCode::TruthAlreadyRevealed);
  // Judged once: ending the exercise later does not judge again.
  ok(engine, s, EndExercise{});
  EXPECT_DOUBLE_EQ(s.meter(S::ukr, S::credibility), ukr + engine.constants().rightPublicCredibility);
}

// §4.3: the EU's free `disclose` is a bloc act like its catalogue statement: every member consents.
TEST_F(Attribution, ABlocSpeaksOnlyByConsensus) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, DecideAttribution{S::eu, sc.grid, S::rus});
  auto r = engine.check(s, Disclose{S::eu, sc.grid, Disclosure::Public, {}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, ReasonCode::BlocConsentMissing);
  EXPECT_EQ(r->message,
            "eu speaks only by consensus: pol has not agreed to attribute grid_attack jointly (negotiate a "
            "joint_attribution term with eu first)");
  // The catalogue measure without `bloc:` is held to the same rule.
  EXPECT_EQ(engine.missingConsent(s, TakeMeasure{S::eu, sc.publicAttr, S::rus, sc.grid}), S::pol);
  ok(engine, s, Propose{S::eu, {S::pol, S::deu}, {sc.termJoint}, sc.grid, ""});
  ok(engine, s, Reply{S::pol, 0, ReplyKind::Accept, {}, "Yes"});
  EXPECT_EQ(engine.missingConsent(s, Disclose{S::eu, sc.grid, Disclosure::Private, {}}), S::deu);
  ok(engine, s, Reply{S::deu, 0, ReplyKind::Accept, {}, "Yes"});
  EXPECT_EQ(engine.missingConsent(s, TakeMeasure{S::eu, sc.publicAttr, S::rus, sc.grid}), -1);
  ok(engine, s, Disclose{S::eu, sc.grid, Disclosure::Public, {}});
  EXPECT_EQ(s.disclosure(S::eu, sc.grid), Disclosure::Public);
}

// §4.3: an agreement to attribute to one suspect is no consent to a statement naming another;
// one that named no one (made before proposals could say) still covers any.
TEST_F(Attribution, AnAgreementNamingAnotherSuspectIsNoConsent) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, Propose{S::ukr, {S::pol}, {sc.termJoint}, sc.grid, "", S::hack});
  ok(engine, s, Reply{S::pol, 0, ReplyKind::Accept, {}, "Yes"});
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::rus});
  ok(engine, s, DecideAttribution{S::pol, sc.grid, S::rus});
  EXPECT_FALSE(engine.hasJointAgreement(s, S::ukr, S::pol, sc.grid, S::rus));
  EXPECT_TRUE(engine.hasJointAgreement(s, S::ukr, S::pol, sc.grid, S::hack));
  auto r = engine.check(s, Disclose{S::ukr, sc.grid, Disclosure::Joint, {S::pol}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, ReasonCode::NoJointPartner);
  EXPECT_EQ(r->message, "pol agreed to attribute grid_attack to hack, not to rus");
  // A bloc: its members agreed with it to name hack, so it cannot speak of rus.
  ok(engine, s, Propose{S::eu, {S::pol, S::deu}, {sc.termJoint}, sc.grid, "", S::hack});
  ok(engine, s, Reply{S::pol, 1, ReplyKind::Accept, {}, "Yes"});
  ok(engine, s, Reply{S::deu, 1, ReplyKind::Accept, {}, "Yes"});
  ok(engine, s, DecideAttribution{S::eu, sc.grid, S::rus});
  r = engine.check(s, Disclose{S::eu, sc.grid, Disclosure::Public, {}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, ReasonCode::BlocConsentMissing);
  EXPECT_EQ(r->message,
            "eu speaks only by consensus: pol agreed to attribute grid_attack to hack, not to rus");
  EXPECT_EQ(engine.missingConsent(s, TakeMeasure{S::eu, sc.publicAttr, S::rus, sc.grid}), S::pol);
  EXPECT_EQ(engine.missingConsent(s, TakeMeasure{S::eu, sc.publicAttr, S::hack, sc.grid}), -1);
  // An agreement that names no one covers the statement, as before.
  ok(engine, s, Propose{S::ukr, {S::pol}, {sc.termJoint}, sc.grid, ""});
  ok(engine, s, Reply{S::pol, 2, ReplyKind::Accept, {}, "Whoever it is"});
  ok(engine, s, Disclose{S::ukr, sc.grid, Disclosure::Joint, {S::pol}});
  EXPECT_EQ(s.disclosure(S::pol, sc.grid), Disclosure::Joint);
}

TEST_F(Attribution, ABlocJoinsAJointDisclosureOnlyWithItsMembersConsent) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::rus});
  ok(engine, s, DecideAttribution{S::eu, sc.grid, S::rus});
  ok(engine, s, Propose{S::ukr, {S::eu}, {sc.termJoint}, sc.grid, ""});
  ok(engine, s, Reply{S::eu, 0, ReplyKind::Accept, {}, "Together"});
  EXPECT_EQ(engine.checkCode(s, Disclose{S::ukr, sc.grid, Disclosure::Joint, {S::eu}}),
            ReasonCode::BlocConsentMissing);
  ok(engine, s, Propose{S::eu, {S::pol, S::deu}, {sc.termJoint}, sc.grid, ""});
  ok(engine, s, Reply{S::pol, 1, ReplyKind::Accept, {}, "Yes"});
  ok(engine, s, Reply{S::deu, 1, ReplyKind::Accept, {}, "Yes"});
  ok(engine, s, Disclose{S::ukr, sc.grid, Disclosure::Joint, {S::eu}});
  EXPECT_EQ(s.disclosure(S::eu, sc.grid), Disclosure::Joint);
}

// §4.3: taking a bloc's statement back is a bloc act too. While pol still names rus in public, eu
// cannot withdraw its own attribution to rus; once pol has withdrawn, it can. A member that named
// someone else, or only in a private démarche, does not hold it back.
TEST_F(Attribution, ABlocTakesBackAStatementOnlyByConsensus) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, Propose{S::eu, {S::pol, S::deu}, {sc.termJoint}, sc.grid, ""});
  ok(engine, s, Reply{S::pol, 0, ReplyKind::Accept, {}, "Yes"});
  ok(engine, s, Reply{S::deu, 0, ReplyKind::Accept, {}, "Yes"});
  ok(engine, s, DecideAttribution{S::eu, sc.grid, S::rus});
  ok(engine, s, Disclose{S::eu, sc.grid, Disclosure::Public, {}});
  ok(engine, s, DecideAttribution{S::pol, sc.grid, S::rus});
  ok(engine, s, Disclose{S::pol, sc.grid, Disclosure::Public, {}});
  ok(engine, s, DecideAttribution{S::deu, sc.grid, S::hack});
  ok(engine, s, Disclose{S::deu, sc.grid, Disclosure::Public, {}});
  auto r = engine.check(s, Withdraw{S::eu, sc.grid});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, ReasonCode::MemberStillAttributes);
  EXPECT_EQ(r->message,
            "eu speaks only by consensus: pol still makes this attribution of grid_attack in public, so eu "
            "cannot take it back (it can once pol has withdrawn its own)");
  EXPECT_EQ(engine.memberStillAttributing(s, S::eu, sc.grid), S::pol);
  // The bloc's team sees the same reason beside its Withdraw button (greyed out), pol's sees none.
  const auto withdrawRefused = [&](int a) {
    for (const AssessmentView& av : buildTeamView(engine, s, a).assessments)
      if (av.incident == "grid_attack") return av.withdrawRefused;
    return std::string("no assessment");
  };
  EXPECT_EQ(withdrawRefused(S::eu), r->message);
  EXPECT_EQ(withdrawRefused(S::pol), "");
  // A member is not a bloc: pol takes its own back whatever eu says.
  ok(engine, s, Withdraw{S::pol, sc.grid});
  // deu names hack, not rus: it does not stand in the way.
  EXPECT_EQ(withdrawRefused(S::eu), "");
  ok(engine, s, Withdraw{S::eu, sc.grid});
  EXPECT_EQ(s.disclosure(S::eu, sc.grid), Disclosure::None);
  // A private démarche naming the same culprit is the member's own business.
  ok(engine, s, Disclose{S::eu, sc.grid, Disclosure::Public, {}});
  ok(engine, s, Disclose{S::pol, sc.grid, Disclosure::Private, {}});
  EXPECT_EQ(engine.memberStillAttributing(s, S::eu, sc.grid), -1);
  ok(engine, s, Withdraw{S::eu, sc.grid});
  // A joint statement of pol with eu binds eu the same way: eu's part stands while pol's does.
  ok(engine, s, Withdraw{S::pol, sc.grid});
  ok(engine, s, Disclose{S::pol, sc.grid, Disclosure::Joint, {S::eu}});
  ASSERT_EQ(s.disclosure(S::eu, sc.grid), Disclosure::Joint);
  EXPECT_EQ(engine.checkCode(s, Withdraw{S::eu, sc.grid}), ReasonCode::MemberStillAttributes);
  ok(engine, s, Withdraw{S::pol, sc.grid});
  ok(engine, s, Withdraw{S::eu, sc.grid});
}

// §3.4: ukr shares with pol and pol with deu; what ukr finds reaches pol, not deu.
TEST_F(Attribution, IntelligenceSharingPassesOnlyAlongAgreementsEachPairMade) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, Propose{S::ukr, {S::pol}, {sc.termInfo}, sc.grid, ""});
  ok(engine, s, Reply{S::pol, 0, ReplyKind::Accept, {}, "Allies share"});
  ok(engine, s, Propose{S::pol, {S::deu}, {sc.termInfo}, sc.grid, ""});
  ok(engine, s, Reply{S::deu, 1, ReplyKind::Accept, {}, "Allies share"});
  ok(engine, s, TakeMeasure{S::ukr, sc.forensics, -1, sc.grid});
  ok(engine, s, EndPhase{});
  EXPECT_TRUE(s.hasSeen(S::ukr, sc.evInfra));
  EXPECT_TRUE(s.hasSeen(S::pol, sc.evInfra));
  EXPECT_FALSE(s.hasSeen(S::deu, sc.evInfra));  // a partner's partner
}

// §3.7: a disclosure can be taken back, at a cost, and then corrected.
TEST_F(Attribution, ADisclosureCanBeCorrectedOrWithdrawnAtACredibilityCost) {
  advanceTo(engine, s, Phase::Deliberation);
  auto r = engine.check(s, Withdraw{S::ukr, sc.grid});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->message, "there is no disclosed attribution to withdraw: only a disclosure can be taken back");
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::hack});
  ok(engine, s, Disclose{S::ukr, sc.grid, Disclosure::Public, {}});
  const double cred = s.meter(S::ukr, S::credibility);
  const CommandParse line = parseCommand(sc.def, "withdraw ukr grid_attack");
  ASSERT_TRUE(line.command) << line.error;
  EXPECT_EQ(formatCommand(sc.def, *line.command), "withdraw ukr grid_attack");
  ok(engine, s, *line.command);
  EXPECT_EQ(s.disclosure(S::ukr, sc.grid), Disclosure::None);
  EXPECT_DOUBLE_EQ(s.meter(S::ukr, S::credibility), cred + engine.constants().withdrawPublicCredibility);
  EXPECT_EQ(engine.describe(s, s.timeline.back()),
            "ukr withdraws its public attribution of grid_attack to hack: credibility -5");
  // Corrected: a new decision, disclosed again; the truth judges only the correction.
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::rus});
  ok(engine, s, Disclose{S::ukr, sc.grid, Disclosure::Public, {}});
  const double corrected = s.meter(S::ukr, S::credibility);
  ok(engine, s, RevealTruth{});
  EXPECT_DOUBLE_EQ(s.meter(S::ukr, S::credibility), corrected + engine.constants().rightPublicCredibility);
}

// §3.7: ukr's own evidence (malware pointing to rus) contradicts its naming the hacktivists.
TEST_F(Attribution, AWrongPublicAttributionCostsCredibilityWhenStrongerEvidenceContradictsIt) {
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::hack});
  ok(engine, s, Disclose{S::ukr, sc.grid, Disclosure::Public, {}});
  const double cred = s.meter(S::ukr, S::credibility);
  advanceTo(engine, s, Phase::Consequences);
  EXPECT_DOUBLE_EQ(s.meter(S::ukr, S::credibility), cred + engine.constants().contradictedCredibility);
  EXPECT_EQ(countEvents(EventKind::AttributionContradicted), 1);
  nextTurnDeliberation(engine, s);
  advanceTo(engine, s, Phase::Consequences);
  EXPECT_EQ(countEvents(EventKind::AttributionContradicted), 1);  // once per disclosure
  ok(engine, s, EndPhase{});
  ok(engine, s, EndExercise{});  // and the truth still judges it
  EXPECT_DOUBLE_EQ(s.meter(S::ukr, S::credibility), cred + engine.constants().contradictedCredibility +
                                                        engine.constants().wrongPublicCredibility);
}

TEST_F(Attribution, PartnersWhoPubliclyNameDifferentCulpritsContradictEachOther) {
  advanceTo(engine, s, Phase::Deliberation);  // pol and deu (both in the eu) see only the priors
  ok(engine, s, DecideAttribution{S::pol, sc.grid, S::hack});
  ok(engine, s, Disclose{S::pol, sc.grid, Disclosure::Public, {}});
  ok(engine, s, DecideAttribution{S::deu, sc.grid, S::rus});
  ok(engine, s, Disclose{S::deu, sc.grid, Disclosure::Public, {}});
  const double pol = s.meter(S::pol, S::credibility), deu = s.meter(S::deu, S::credibility);
  advanceTo(engine, s, Phase::Consequences);
  EXPECT_DOUBLE_EQ(s.meter(S::pol, S::credibility), pol + engine.constants().contradictedCredibility);
  EXPECT_DOUBLE_EQ(s.meter(S::deu, S::credibility), deu + engine.constants().contradictedCredibility);
  const auto it = std::find_if(s.timeline.begin(), s.timeline.end(),
                               [](const Event& e) { return e.kind == EventKind::AttributionContradicted; });
  ASSERT_NE(it, s.timeline.end());
  EXPECT_EQ(
      engine.describe(s, *it),
      "pol's public attribution of grid_attack to hack is contradicted by its partner deu, who publicly "
      "names another culprit: credibility -5");
}

}  // namespace
}  // namespace demarche
