// Specifications of negotiation: proposals, replies with reasons, counters, commitments,
// expiry, and bloc consent obtained by negotiation.
#include <gtest/gtest.h>

#include "SmallScenario.hpp"
#include "core/Engine.hpp"
#include "core/View.hpp"

namespace demarche {
namespace {

using test::advanceTo;
using test::nextTurnDeliberation;
using test::ok;
using S = test::Small;

struct Negotiation : test::SmallGame {
  void SetUp() override { advanceTo(engine, s, Phase::Deliberation); }
};

TEST_F(Negotiation, AcceptedTermsBecomeCommitmentsAndRunOnAccept) {
  const double trust = s.trustOf(S::ukr, S::pol);
  ok(engine, s, Propose{S::ukr, {S::pol}, {sc.termJoint}, sc.grid, "Name them together?"});
  ok(engine, s, Reply{S::pol, 0, ReplyKind::Accept, {}, "We share the assessment"});
  ASSERT_EQ(s.commitments.size(), 1u);
  EXPECT_EQ(s.commitments[0].a, S::ukr);
  EXPECT_EQ(s.commitments[0].b, S::pol);
  EXPECT_EQ(s.commitments[0].incident, sc.grid);
  EXPECT_DOUBLE_EQ(s.trustOf(S::ukr, S::pol), trust + 5);  // on_accept: trust(self, target) += 5
  EXPECT_TRUE(engine.hasAgreementKind(s, S::pol, S::ukr, TermKind::JointAttribution, sc.grid));
  EXPECT_FALSE(s.proposals[0].open);
}

TEST_F(Negotiation, EveryReplyNeedsAReason) {
  ok(engine, s, Propose{S::ukr, {S::pol}, {sc.termJoint}, -1, ""});
  auto r = engine.check(s, Reply{S::pol, 0, ReplyKind::Reject, {}, ""});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->message, "a reason is required");
}

TEST_F(Negotiation, RejectedProposalsCreateNoCommitment) {
  ok(engine, s, Propose{S::ukr, {S::pol}, {sc.termJoint}, -1, ""});
  ok(engine, s, Reply{S::pol, 0, ReplyKind::Reject, {}, "Too early to name anyone"});
  EXPECT_TRUE(s.commitments.empty());
  EXPECT_EQ(engine.checkCode(s, Reply{S::pol, 0, ReplyKind::Accept, {}, "Changed my mind"}),
            ReasonCode::ProposalClosed);
  EXPECT_NE(engine.describe(s, s.timeline.back()).find("Too early to name anyone"), std::string::npos);
}

// The text form of a reply has no place for counter terms unless it counters, so a save
// would reload a different command: such replies are refused with a reason instead.
TEST_F(Negotiation, OnlyACounterReplyCarriesTerms) {
  ok(engine, s, Propose{S::ukr, {S::pol}, {sc.termJoint}, sc.grid, ""});
  for (ReplyKind kind : {ReplyKind::Accept, ReplyKind::Reject}) {
    const auto r = engine.check(s, Reply{S::pol, 0, kind, {sc.termInfo}, "Share evidence first"});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code, ReasonCode::FieldNotForThisKind);
    EXPECT_NE(r->message.find("counter terms go only with a counter reply"), std::string::npos) << r->message;
  }
  ok(engine, s, Reply{S::pol, 0, ReplyKind::Accept, {}, "We share the assessment"});
}

TEST_F(Negotiation, CounterIsANewProposalBackToTheProposer) {
  ok(engine, s, Propose{S::ukr, {S::pol}, {sc.termJoint}, sc.grid, ""});
  ok(engine, s, Reply{S::pol, 0, ReplyKind::Counter, {sc.termInfo}, "Share evidence first"});
  ASSERT_EQ(s.proposals.size(), 2u);
  EXPECT_EQ(s.proposals[1].from, S::pol);
  EXPECT_EQ(s.proposals[1].to, std::vector<int>{S::ukr});
  EXPECT_EQ(s.proposals[1].terms, std::vector<int>{sc.termInfo});
  EXPECT_EQ(s.proposals[1].counterOf, 0);
  EXPECT_EQ(s.proposals[1].incident, sc.grid);
  ok(engine, s, Reply{S::ukr, 1, ReplyKind::Accept, {}, "Fair"});
  EXPECT_TRUE(engine.hasAgreementKind(s, S::ukr, S::pol, TermKind::InformationSharing, sc.grid));
}

TEST_F(Negotiation, OnlyRecipientsReplyOnce) {
  ok(engine, s, Propose{S::ukr, {S::pol, S::deu}, {sc.termJoint}, -1, ""});
  EXPECT_EQ(engine.checkCode(s, Reply{S::rus, 0, ReplyKind::Accept, {}, "x"}), ReasonCode::NotARecipient);
  ok(engine, s, Reply{S::pol, 0, ReplyKind::Accept, {}, "Yes"});
  EXPECT_EQ(engine.checkCode(s, Reply{S::pol, 0, ReplyKind::Accept, {}, "x"}), ReasonCode::AlreadyReplied);
  EXPECT_TRUE(s.proposals[0].open);  // deu has not answered
  ok(engine, s, Reply{S::deu, 0, ReplyKind::Reject, {}, "No"});
  EXPECT_FALSE(s.proposals[0].open);
  ASSERT_EQ(s.commitments.size(), 1u);  // with each acceptor only
  EXPECT_EQ(s.commitments[0].b, S::pol);
}

TEST_F(Negotiation, UnansweredProposalsExpireAtResolution) {
  ok(engine, s, Propose{S::ukr, {S::pol}, {sc.termJoint}, -1, ""});
  ok(engine, s, EndPhase{});
  EXPECT_FALSE(s.proposals[0].open);
  EXPECT_EQ(s.timeline.back().kind, EventKind::ProposalExpired);
}

TEST_F(Negotiation, ProposalsNeedRecipientsAndTerms) {
  EXPECT_EQ(engine.checkCode(s, Propose{S::ukr, {}, {sc.termJoint}, -1, ""}), ReasonCode::BadRecipients);
  EXPECT_EQ(engine.checkCode(s, Propose{S::ukr, {S::ukr}, {sc.termJoint}, -1, ""}),
            ReasonCode::BadRecipients);
  EXPECT_EQ(engine.checkCode(s, Propose{S::ukr, {S::pol, S::pol}, {sc.termJoint}, -1, ""}),
            ReasonCode::BadRecipients);
  EXPECT_EQ(engine.checkCode(s, Propose{S::ukr, {S::pol}, {}, -1, ""}), ReasonCode::EmptyTerms);
}

// breaks_when's used(a, m) counts from the agreement (docs/rules.md §4.2): an operation
// before the pledge does not break it, the next one after it does.
TEST_F(Negotiation, APledgeIsNotBrokenByMeasuresTakenBeforeItWasMade) {
  ok(engine, s, TakeMeasure{S::rus, sc.offensive, S::ukr, -1});
  nextTurnDeliberation(engine, s);
  ASSERT_EQ(s.timesUsed(S::rus, sc.offensive), 1);
  ok(engine, s, Propose{S::ukr, {S::rus}, {sc.termRestraint}, -1, "Stand down"});
  ok(engine, s, Reply{S::rus, 0, ReplyKind::Accept, {}, "We were never there"});
  nextTurnDeliberation(engine, s);
  nextTurnDeliberation(engine, s);
  ASSERT_EQ(s.commitments.size(), 1u);
  EXPECT_FALSE(s.commitments[0].broken);
  EXPECT_TRUE(engine.hasAgreementKind(s, S::ukr, S::rus, TermKind::RestraintPledge, -1));
}

TEST_F(Negotiation, APledgeIsBrokenByAMeasureTakenAfterItWasMadeEvenIfItWasUsedBefore) {
  ok(engine, s, TakeMeasure{S::rus, sc.offensive, S::ukr, -1});
  nextTurnDeliberation(engine, s);
  ok(engine, s, Propose{S::ukr, {S::rus}, {sc.termRestraint}, -1, "Stand down"});
  ok(engine, s, Reply{S::rus, 0, ReplyKind::Accept, {}, "We were never there"});
  nextTurnDeliberation(engine, s);
  ASSERT_FALSE(s.commitments.at(0).broken);
  const double cred = s.meter(S::rus, S::credibility);
  ok(engine, s, TakeMeasure{S::rus, sc.offensive, S::ukr, -1});
  advanceTo(engine, s, Phase::Consequences);
  EXPECT_TRUE(s.commitments[0].broken);
  EXPECT_EQ(s.commitments[0].breaker, S::rus);
  EXPECT_LT(s.meter(S::rus, S::credibility), cred - 15 + 1e-9);  // the breach's 15, plus the norm cost
}

TEST_F(Negotiation, BlocMeasuresNeedEveryMembersConsentNamingWhoHasNotAgreed) {
  auto r = engine.check(s, TakeMeasure{S::pol, sc.euSanctions, S::rus, -1});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, ReasonCode::BlocConsentMissing);
  EXPECT_EQ(r->message,
            "eu restrictive measures need the consent of every eu member: deu has not agreed (negotiate a "
            "coordinated_sanctions term first)");
  EXPECT_EQ(engine.checkCode(s, TakeMeasure{S::ukr, sc.euSanctions, S::rus, -1}), ReasonCode::NotABlocMember);
  // A joint-attribution agreement is not consent to sanctions.
  ok(engine, s, Propose{S::pol, {S::deu}, {sc.termJoint}, -1, ""});
  ok(engine, s, Reply{S::deu, 0, ReplyKind::Accept, {}, "Agreed"});
  EXPECT_EQ(engine.checkCode(s, TakeMeasure{S::pol, sc.euSanctions, S::rus, -1}),
            ReasonCode::BlocConsentMissing);
  ok(engine, s, Propose{S::pol, {S::deu}, {sc.termSanctions}, -1, ""});
  ok(engine, s, Reply{S::deu, 1, ReplyKind::Accept, {}, "In step"});
  ok(engine, s, TakeMeasure{S::pol, sc.euSanctions, S::rus, -1});
}

// A joint attribution says whom it names (rules §4.1): the proposal, the agreement it makes,
// the timeline and the parties' views carry it, and a naming that makes no sense is refused.
struct Proposals : Negotiation {};

TEST_F(Proposals, AJointAttributionProposalNamesItsSuspect) {
  ok(engine, s, Propose{S::ukr, {S::pol}, {sc.termJoint, sc.termInfo}, sc.grid, "", S::rus});
  EXPECT_EQ(s.proposals[0].naming, S::rus);
  EXPECT_EQ(engine.describe(s, s.timeline.back()),
            "ukr proposes joint_attribution_pact, information_sharing to pol over grid_attack, naming rus "
            "(proposal 0)");
  const TeamView pol = buildTeamView(engine, s, S::pol);
  ASSERT_EQ(pol.proposals.size(), 1u);
  EXPECT_EQ(pol.proposals[0].naming, "rus");
  ok(engine, s, Reply{S::pol, 0, ReplyKind::Accept, {}, "We share the assessment"});
  ASSERT_EQ(s.commitments.size(), 2u);
  EXPECT_EQ(s.commitments[0].naming, S::rus);  // the joint attribution names rus
  EXPECT_EQ(s.commitments[1].naming, -1);      // information sharing names no one
  const auto made = std::find_if(s.timeline.begin(), s.timeline.end(),
                                 [](const Event& e) { return e.kind == EventKind::CommitmentMade; });
  ASSERT_NE(made, s.timeline.end());
  EXPECT_EQ(engine.describe(s, *made),
            "ukr and pol agree: joint_attribution_pact over grid_attack, naming rus");
  EXPECT_EQ(buildRoomView(engine, s).situation.agreements[0].naming, "rus");
  // A counter that keeps the joint attribution keeps whom it names.
  ok(engine, s, Propose{S::ukr, {S::deu}, {sc.termJoint, sc.termSanctions}, sc.grid, "", S::rus});
  ok(engine, s, Reply{S::deu, 1, ReplyKind::Counter, {sc.termJoint}, "Naming, not sanctions"});
  EXPECT_EQ(s.proposals[2].naming, S::rus);
  // Unsaid, as before: nothing named.
  ok(engine, s, Propose{S::ukr, {S::deu}, {sc.termJoint}, sc.grid, ""});
  EXPECT_EQ(s.proposals.back().naming, -1);
  EXPECT_EQ(buildTeamView(engine, s, S::deu).proposals.back().naming, "");
  // Saved and hashed: the state reads back whole.
  const std::string bytes = serializeState(s);
  const auto back = deserializeState(bytes);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->proposals, s.proposals);
  EXPECT_EQ(back->commitments, s.commitments);
  EXPECT_EQ(serializeState(*back), bytes);
  EXPECT_EQ(stateHash(*back), stateHash(s));
}

TEST_F(Proposals, ANamingWithoutAJointAttributionOrOfTheProposerOrOfNoSuspectIsRefused) {
  auto r = engine.check(s, Propose{S::ukr, {S::pol}, {sc.termInfo}, sc.grid, "", S::rus});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, ReasonCode::BadNaming);
  EXPECT_EQ(r->message,
            "naming= says whom a joint attribution names: the proposal has no joint_attribution term");
  r = engine.check(s, Propose{S::ukr, {S::pol}, {sc.termJoint}, sc.grid, "", S::ukr});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->message, "ukr cannot propose to attribute an incident to itself");
  r = engine.check(s, Propose{S::ukr, {S::pol}, {sc.termJoint}, sc.grid, "", S::deu});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->message, "deu is neither a suspect of grid_attack nor a state where one is known to be based");
  EXPECT_EQ(engine.checkCode(s, Propose{S::ukr, {S::pol}, {sc.termJoint}, sc.grid, "", 99}),
            ReasonCode::UnknownIndex);
  EXPECT_EQ(engine.checkCode(s, Propose{S::ukr, {S::pol}, {sc.termJoint}, sc.grid, "", S::hack}),
            ReasonCode::None);
}

TEST_F(Negotiation, ConsentFromAnEarlierTurnStillCounts) {
  ok(engine, s, Propose{S::deu, {S::pol}, {sc.termSanctions}, -1, ""});
  ok(engine, s, Reply{S::pol, 0, ReplyKind::Accept, {}, "In step"});
  nextTurnDeliberation(engine, s);
  EXPECT_FALSE(engine.check(s, TakeMeasure{S::pol, sc.euSanctions, S::rus, -1}).has_value());
  EXPECT_FALSE(engine.check(s, TakeMeasure{S::deu, sc.euSanctions, S::rus, -1}).has_value());
}

}  // namespace
}  // namespace demarche
