// Due diligence (docs/rules.md §3.8): holding a state responsible for harbouring a group it does
// not control is a judgment of its own, with its own truth. In the small scenario the hacktivist
// group `hack` is made the real operator, known to be based in `rus`, which knowingly shelters it.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "SmallScenario.hpp"
#include "core/CommandText.hpp"
#include "core/Engine.hpp"
#include "core/View.hpp"

namespace demarche {
namespace {

using test::advanceTo;
using test::ok;
using S = test::Small;

test::Small shelteredGang(bool knowingly = true) {
  test::Small sc;
  sc.def.actors[S::hack].basedIn = S::rus;
  TruthDef& truth = sc.def.incidents[static_cast<std::size_t>(sc.grid)].truth;
  truth.operatorActor = S::hack;
  truth.falseFlags.clear();
  if (knowingly) truth.harbouredBy = {S::rus};
  return sc;
}

struct DueDiligence : ::testing::Test {
  test::Small sc = shelteredGang();
  Engine engine{sc.def};
  GameState s = engine.initialState();
  void SetUp() override { advanceTo(engine, s, Phase::Deliberation); }
  const Event& last(EventKind kind) const {
    auto it =
        std::find_if(s.timeline.rbegin(), s.timeline.rend(), [&](const Event& e) { return e.kind == kind; });
    EXPECT_NE(it, s.timeline.rend());
    return *it;
  }
};

TEST_F(DueDiligence, HoldingTheShelteringStateResponsibleForHarbouringIsJudgedRight) {
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::rus, true});
  EXPECT_EQ(engine.describe(s, last(EventKind::AttributionDecided)),
            "ukr decides that rus knowingly shelters those behind grid_attack");
  ok(engine, s, Disclose{S::ukr, sc.grid, Disclosure::Public, {}});
  EXPECT_EQ(engine.describe(s, last(EventKind::AttributionDisclosed)),
            "ukr publicly holds rus responsible for harbouring those behind grid_attack");
  const double cred = s.meter(S::ukr, S::credibility);
  ok(engine, s, RevealTruth{});
  EXPECT_DOUBLE_EQ(s.meter(S::ukr, S::credibility), cred + engine.constants().rightPublicCredibility);
  EXPECT_EQ(engine.describe(s, last(EventKind::AttributionJudged)),
            "ukr was right that rus sheltered those behind grid_attack: credibility +5");
}

TEST_F(DueDiligence, NamingTheShelteringStateAsTheOperatorIsStillWrong) {
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::rus});
  ok(engine, s, Disclose{S::ukr, sc.grid, Disclosure::Public, {}});
  const double cred = s.meter(S::ukr, S::credibility);
  ok(engine, s, RevealTruth{});
  EXPECT_DOUBLE_EQ(s.meter(S::ukr, S::credibility), cred + engine.constants().wrongPublicCredibility);
}

TEST(DueDiligenceTruth, AHostThatDidNotKnowinglyShelterTheGroupIsWronglyAccused) {
  test::Small sc = shelteredGang(/*knowingly=*/false);
  Engine engine{sc.def};
  GameState s = engine.initialState();
  advanceTo(engine, s, Phase::Deliberation);
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::rus, true});
  ok(engine, s, Disclose{S::ukr, sc.grid, Disclosure::Public, {}});
  const double cred = s.meter(S::ukr, S::credibility), trust = s.trustOf(S::rus, S::ukr);
  ok(engine, s, RevealTruth{});
  EXPECT_DOUBLE_EQ(s.meter(S::ukr, S::credibility), cred + engine.constants().wrongPublicCredibility);
  EXPECT_DOUBLE_EQ(s.trustOf(S::rus, S::ukr), trust - engine.constants().wrongAccusedTrust);
}

TEST_F(DueDiligence, OnlyAStateWhereASuspectIsBasedCanBeHeldResponsibleForHarbouring) {
  auto r = engine.check(s, DecideAttribution{S::ukr, sc.grid, S::pol, true});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, ReasonCode::NotAHost);
  EXPECT_EQ(r->message,
            "pol is not a state where a suspect of grid_attack is known to be based, so it cannot be held "
            "responsible for harbouring them");
  r = engine.check(s, DecideAttribution{S::rus, sc.grid, S::rus, true});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->message, "rus cannot hold itself responsible for harbouring");
  EXPECT_TRUE(engine.canHarbour(sc.grid, S::rus));
  EXPECT_FALSE(engine.canHarbour(sc.grid, S::hack));  // a group harbours nobody
}

TEST_F(DueDiligence, TheHarbouringProbabilityIsThatOfTheSuspectsBasedThere) {
  const double hack = engine.probability(s, S::ukr, sc.grid, S::hack);
  EXPECT_GT(hack, 0.0);
  EXPECT_DOUBLE_EQ(engine.harbourProbability(s, S::ukr, sc.grid, S::rus), hack);
  // The team sees the host beside the candidates, and its decision says what it claims.
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::rus, true});
  const TeamView v = buildTeamView(engine, s, S::ukr);
  ASSERT_EQ(v.assessments.size(), 1u);
  EXPECT_EQ(v.assessments[0].decided, "rus");
  EXPECT_TRUE(v.assessments[0].harbouring);
  ASSERT_EQ(v.assessments[0].hosts.size(), 1u);
  EXPECT_EQ(v.assessments[0].hosts[0].actor, "rus");
  EXPECT_DOUBLE_EQ(v.assessments[0].hosts[0].probability, hack);
  EXPECT_EQ(v.situation.incidents[0].hosts, std::vector<std::string>{"rus"});
  // A measure that needs the decision measures its confidence against the harbouring judgment:
  // ukr's evidence points at rus, so the group (and so its host) is unlikely.
  const auto refusal = engine.check(s, TakeMeasure{S::ukr, sc.publicAttr, S::rus, sc.grid});
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->code, ReasonCode::ConfidenceTooLow);
}

TEST_F(DueDiligence, JointPartnersMustMakeTheSameJudgment) {
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::rus, true});
  ok(engine, s, DecideAttribution{S::pol, sc.grid, S::rus});  // pol says rus did it
  Commitment pact;
  pact.a = S::ukr;
  pact.b = S::pol;
  pact.term = sc.termJoint;
  pact.incident = sc.grid;
  pact.turn = 1;
  s.commitments.push_back(pact);
  auto r = engine.check(s, Disclose{S::ukr, sc.grid, Disclosure::Joint, {S::pol}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, ReasonCode::NoJointPartner);
  ok(engine, s, DecideAttribution{S::pol, sc.grid, S::rus, true});
  ok(engine, s, Disclose{S::ukr, sc.grid, Disclosure::Joint, {S::pol}});
  EXPECT_EQ(engine.describe(s, last(EventKind::AttributionDisclosed)),
            "pol jointly with partners holds rus responsible for harbouring those behind grid_attack");
}

TEST_F(DueDiligence, APartnerNamingTheGroupBasedThereDoesNotContradictIt) {
  ok(engine, s, DecideAttribution{S::pol, sc.grid, S::rus, true});
  ok(engine, s, Disclose{S::pol, sc.grid, Disclosure::Public, {}});
  ok(engine, s, DecideAttribution{S::deu, sc.grid, S::hack});
  ok(engine, s, Disclose{S::deu, sc.grid, Disclosure::Public, {}});
  advanceTo(engine, s, Phase::Briefing);  // consequences check contradictions
  for (const Event& e : s.timeline)
    EXPECT_NE(e.kind, EventKind::AttributionContradicted) << engine.describe(s, e);
}

TEST_F(DueDiligence, TheCommandTextSaysHarbouringAndReadsBack) {
  const Command c = DecideAttribution{S::ukr, sc.grid, S::rus, true};
  EXPECT_EQ(formatCommand(sc.def, c), "decide ukr grid_attack rus harbouring");
  const CommandParse p = parseCommand(sc.def, "decide ukr grid_attack rus harbouring");
  ASSERT_TRUE(p.command) << p.error;
  EXPECT_EQ(*p.command, c);
  const Command plain = DecideAttribution{S::ukr, sc.grid, S::rus};
  EXPECT_EQ(*parseCommand(sc.def, "decide ukr grid_attack rus").command, plain);
  EXPECT_FALSE(parseCommand(sc.def, "decide ukr grid_attack rus sheltering").command);
}

// `harbouring(a, i)` in expressions: a measure may require that its taker holds a state
// responsible for harbouring (a due-diligence démarche), which naming it as the operator is not.
TEST(DueDiligenceExpression, HarbouringTellsTheDueDiligenceJudgmentFromNamingTheOperator) {
  test::Small sc = shelteredGang();
  test::TestScenario t;
  t.def = sc.def;
  const int ddDemarche =
      t.measure("due_diligence_demarche", MeasureCategory::Cooperative, 1, TargetKind::Incident);
  t.require(ddDemarche, "harbouring(self, incident)", "needs a judgment that a state shelters them");
  const Engine engine(t.def);
  GameState s = engine.initialState();
  advanceTo(engine, s, Phase::Deliberation);
  const TakeMeasure m{S::ukr, ddDemarche, -1, sc.grid};
  EXPECT_EQ(engine.checkMeasureCode(s, m), ReasonCode::RequiresFailed);  // no decision yet
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::rus});             // rus did it
  EXPECT_EQ(engine.checkMeasureCode(s, m), ReasonCode::RequiresFailed);
  ok(engine, s, DecideAttribution{S::ukr, sc.grid, S::rus, true});  // rus shelters those who did
  EXPECT_EQ(engine.checkMeasureCode(s, m), ReasonCode::None);
  EXPECT_EQ(engine.checkMeasureCode(s, TakeMeasure{S::pol, ddDemarche, -1, sc.grid}),
            ReasonCode::RequiresFailed);
}

}  // namespace
}  // namespace demarche
