// How agents behave by doctrine in named situations of the Winter Grid scenario.
#include <gtest/gtest.h>

#include "AgentFixture.hpp"

namespace demarche::agents::test {
namespace {

bool harms(const AgentCatalogue& cat, const ScenarioDef& def, const TakeMeasure& m) {
  const MeasureDef& md = def.measures[static_cast<std::size_t>(m.measure)];
  const MeasureProfile& p = cat.profiles()[static_cast<std::size_t>(m.measure)];
  double targetMeters = 0;
  for (double d : p.targetMeter) targetMeters += d;
  return md.category == MeasureCategory::Restrictive || md.category == MeasureCategory::LawfulResponse ||
         md.category == MeasureCategory::Hostile || targetMeters < 0 || p.trustSelfInTarget < 0;
}

bool anyContains(const std::vector<std::string>& texts, const std::string& part) {
  for (const auto& t : texts)
    if (t.find(part) != std::string::npos) return true;
  return false;
}

// Turn 3 deliberation, after Poland imposed national sanctions on Russia in turn 2.
GameState afterPolishSanctions(const Engine& e) {
  const ScenarioDef& d = e.def();
  const int pol = actor(d, "pol"), rus = actor(d, "rus"), grid = incident(d, "grid_attack");
  GameState s = e.initialState();
  deliberationOfTurn(e, s, 2);
  setBelief(e, s, pol, grid, rus, 0.8);
  e.apply(s, DecideAttribution{pol, grid, rus});
  e.apply(s, TakeMeasure{pol, measure(d, "national_sanctions"), rus, grid});
  deliberationOfTurn(e, s, 3);
  return s;
}

TEST(DoctrineBehaviour, HawkRetaliatesAgainstSanctions) {
  const ScenarioDef& def = winterGrid();
  const Engine engine(def);
  const AgentCatalogue cat(def);
  const int pol = actor(def, "pol"), rus = actor(def, "rus");
  const GameState s = afterPolishSanctions(engine);
  ASSERT_EQ(s.timesUsed(pol, measure(def, "national_sanctions")), 1) << "the sanctions resolved";
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const Choice c = choose(engine, cat, s, rus, 0, seed);
    bool hitsBack = false;
    for (const TakeMeasure& m : measuresOf(c)) hitsBack = hitsBack || (m.target == pol && harms(cat, def, m));
    EXPECT_TRUE(hitsBack) << "seed " << seed;
    EXPECT_TRUE(anyContains(c.rationales, "retaliates against Poland")) << "seed " << seed;
  }
}

TEST(DoctrineBehaviour, DovishDoctrineDoesNotRetaliateInTheSameSituation) {
  ScenarioDef def = winterGrid();
  const int pol = actor(def, "pol"), rus = actor(def, "rus");
  def.actors[static_cast<std::size_t>(rus)].doctrine = {0.1, 0.1, 0.1, 0.3, 0.9, 0.2};
  const Engine engine(def);
  const AgentCatalogue cat(def);
  const GameState s = afterPolishSanctions(engine);
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const Choice c = choose(engine, cat, s, rus, 0, seed);
    for (const TakeMeasure& m : measuresOf(c))
      EXPECT_FALSE(m.target == pol && harms(cat, def, m))
          << "seed " << seed << ": " << def.measures[static_cast<std::size_t>(m.measure)].id;
  }
}

// Ukraine asks Germany to attribute the grid attack jointly; Germany's confidence varies.
Choice germanyAnswersJointAttribution(double confidenceInRussia) {
  const ScenarioDef& def = winterGrid();
  static const Engine engine(def);
  static const AgentCatalogue cat(def);
  const int ukr = actor(def, "ukr"), deu = actor(def, "deu"), rus = actor(def, "rus");
  const int grid = incident(def, "grid_attack");
  GameState s = engine.initialState();
  deliberationOfTurn(engine, s, 2);
  setBelief(engine, s, deu, grid, rus, confidenceInRussia);
  engine.apply(s, Propose{ukr, {deu}, {term(def, "joint_attribution_pact")}, grid, {}});
  return choose(engine, cat, s, deu, 1);
}

TEST(DoctrineBehaviour, NormCommittedAllyRefusesJointAttributionBelowLikely) {
  for (double p : {0.40, 0.50, 0.54}) {
    const std::vector<Reply> replies = repliesOf(germanyAnswersJointAttribution(p));
    ASSERT_EQ(replies.size(), 1u) << p;
    EXPECT_NE(replies[0].kind, ReplyKind::Accept) << p;
    EXPECT_NE(replies[0].reason.find("our confidence in Russia is only"), std::string::npos)
        << replies[0].reason;
  }
  const std::vector<Reply> evenChance = repliesOf(germanyAnswersJointAttribution(0.50));
  EXPECT_NE(evenChance[0].reason.find("'roughly even chance'"), std::string::npos) << evenChance[0].reason;
}

TEST(DoctrineBehaviour, NormCommittedAllyJoinsJointAttributionOnceConfidenceReachesLikely) {
  for (double p : {0.56, 0.70, 0.90}) {
    const std::vector<Reply> replies = repliesOf(germanyAnswersJointAttribution(p));
    ASSERT_EQ(replies.size(), 1u) << p;
    EXPECT_EQ(replies[0].kind, ReplyKind::Accept) << p << ": " << replies[0].reason;
    EXPECT_NE(replies[0].reason.find("joins the joint attribution"), std::string::npos) << replies[0].reason;
  }
  const std::vector<Reply> likely = repliesOf(germanyAnswersJointAttribution(0.56));
  EXPECT_NE(likely[0].reason.find("'likely'"), std::string::npos) << likely[0].reason;
}

bool takesOffRamp(const ScenarioDef& def, const Choice& c, int rung) {
  const auto& ramps = def.ladder.rungs[static_cast<std::size_t>(rung)].offRamps;
  for (const TakeMeasure& m : measuresOf(c))
    if (std::find(ramps.begin(), ramps.end(), m.measure) != ramps.end()) return true;
  return false;
}

TEST(DoctrineBehaviour, EscalationAverseAdversaryTakesAnOffRampOneRungBelowArmedConflict) {
  ScenarioDef def = winterGrid();
  const int rus = actor(def, "rus");
  def.actors[static_cast<std::size_t>(rus)].doctrine.escalationAversion = 0.9;
  def.actors[static_cast<std::size_t>(rus)].doctrine.riskTolerance = 0.3;
  const Engine engine(def);
  const AgentCatalogue cat(def);
  GameState s = engine.initialState();
  deliberationOfTurn(engine, s, 2);
  setTension(engine, s, 75);
  ASSERT_EQ(def.ladder.rungs[static_cast<std::size_t>(s.rung + 1)].armedConflict, true) << "one rung below";
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const Choice c = choose(engine, cat, s, rus, 0, seed);
    EXPECT_TRUE(takesOffRamp(def, c, s.rung)) << "seed " << seed;
    EXPECT_TRUE(anyContains(c.rationales, "one rung from armed conflict")) << "seed " << seed;
  }
}

TEST(DoctrineBehaviour, TwoDoctrinesChooseVisiblyDifferentlyAtTheBrink) {
  // Germany (escalation aversion 0.85) and a hawkish Russia (0.3, risk tolerance 0.8), same
  // state. Russia's doctrine is set here: the shipped one is tuned for the exercise's balance.
  ScenarioDef def = winterGrid();
  const int rus = actor(def, "rus");
  def.actors[static_cast<std::size_t>(rus)].doctrine.escalationAversion = 0.3;
  def.actors[static_cast<std::size_t>(rus)].doctrine.riskTolerance = 0.8;
  const Engine engine(def);
  const AgentCatalogue cat(def);
  GameState s = engine.initialState();
  deliberationOfTurn(engine, s, 2);
  setTension(engine, s, 75);
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    EXPECT_TRUE(takesOffRamp(def, choose(engine, cat, s, actor(def, "deu"), 0, seed), s.rung)) << seed;
    EXPECT_FALSE(takesOffRamp(def, choose(engine, cat, s, rus, 0, seed), s.rung)) << seed;
  }
}

TEST(DoctrineBehaviour, OperatorDeniesWhenNamedPublicly) {
  const ScenarioDef& def = winterGrid();
  const Engine engine(def);
  const AgentCatalogue cat(def);
  const int ukr = actor(def, "ukr"), rus = actor(def, "rus"), grid = incident(def, "grid_attack");
  GameState s = engine.initialState();
  deliberationOfTurn(engine, s, 2);
  setBelief(engine, s, ukr, grid, rus, 0.8);
  engine.apply(s, DecideAttribution{ukr, grid, rus});
  engine.apply(s, Disclose{ukr, grid, Disclosure::Public, {}});
  const Choice c = choose(engine, cat, s, rus, 0);
  bool answers = false;
  for (const TakeMeasure& m : measuresOf(c))
    answers = answers || (m.incident == grid && (m.target == ukr || m.target < 0));
  EXPECT_TRUE(answers) << "denies, claims through a front or counter-accuses";
  EXPECT_TRUE(anyContains(c.rationales, "named us")) << "the rationale says why";
}

TEST(DoctrineBehaviour, UncertainAllyAsksTheBestInformedPartnerToShareIntelligence) {
  const ScenarioDef& def = winterGrid();
  const Engine engine(def);
  const AgentCatalogue cat(def);
  GameState s = engine.initialState();
  deliberationOfTurn(engine, s, 1);
  const Choice c = choose(engine, cat, s, actor(def, "ukr"), 0);
  bool asks = false;
  for (const Command& cmd : c.commands)
    if (auto* p = std::get_if<Propose>(&cmd))
      asks = asks || (p->terms == std::vector<int>{term(def, "intelligence_sharing")} &&
                      p->to == std::vector<int>{actor(def, "usa")});
  EXPECT_TRUE(asks) << "the United States has the deepest intelligence and Ukraine's trust";
}

}  // namespace
}  // namespace demarche::agents::test
