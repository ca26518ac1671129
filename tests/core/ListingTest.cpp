// Listings are not attributions (docs/rules.md §2.2): a sanctions listing or an indictment names
// persons, units and companies that belong to the actors behind an incident, several in one act;
// it costs and hurts each owner once, attributes nothing, and is judged on its own at the truth.
// In the small scenario rus really did grid_attack; its unit and officer took part, its front
// company did not; the hacktivist group hack (framed) has a member; pol has an official.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "SmallScenario.hpp"
#include "core/CommandText.hpp"
#include "core/Engine.hpp"
#include "core/Options.hpp"
#include "core/View.hpp"

namespace demarche {
namespace {

using test::advanceTo;
using test::ok;
using S = test::Small;

constexpr int kUnit = 0, kOfficer = 1, kFront = 2, kHacker = 3, kOfficial = 4;
constexpr std::uint64_t bit(int e) { return std::uint64_t{1} << e; }

struct Listed {
  test::Small sc;
  int listing = -1, indictment = -1;
  Listed() {
    ScenarioDef& d = sc.def;
    const int grid = sc.grid;
    const auto entity = [&](std::string id, EntityKind kind, int owner, std::vector<int> involved) {
      EntityDef e;
      e.id = id;
      e.name = Text::plain("en", id == "unit_26165" ? std::string("Unit 26165") : id);
      e.kind = kind;
      e.owner = owner;
      e.involvedIn = std::move(involved);
      d.entities.push_back(e);
    };
    entity("unit_26165", EntityKind::Unit, S::rus, {grid});
    entity("officer_a", EntityKind::Person, S::rus, {grid});
    entity("front_co", EntityKind::Company, S::rus, {});
    entity("hacker_b", EntityKind::Person, S::hack, {});
    entity("official_c", EntityKind::Person, S::pol, {});
    MeasureDef m;
    m.id = "listing";
    m.name = Text::plain("en", "Cyber sanctions listing");
    m.category = MeasureCategory::Restrictive;
    m.cost = 1;
    m.target = TargetKind::Entities;
    m.effects.push_back(test::parseEff(d, "meter(target, economy) -= 4"));
    listing = static_cast<int>(d.measures.size());
    d.measures.push_back(m);
    m.id = "indictment";
    m.name = Text::plain("en", "Indictment");
    m.category = MeasureCategory::Legal;
    m.effects.clear();
    m.entityKinds = {EntityKind::Person};
    indictment = static_cast<int>(d.measures.size());
    d.measures.push_back(m);
  }
};

struct Listings : ::testing::Test {
  Listed l;
  Engine engine{l.sc.def};
  GameState s = engine.initialState();
  int grid() const { return l.sc.grid; }
  void SetUp() override { advanceTo(engine, s, Phase::Deliberation); }
  ReasonCode code(const TakeMeasure& m) const { return engine.checkMeasureCode(s, m); }
  std::string why(const TakeMeasure& m) const {
    auto r = engine.check(s, m);
    return r ? r->message : std::string();
  }
  const Event* last(EventKind kind) const {
    auto it =
        std::find_if(s.timeline.rbegin(), s.timeline.rend(), [&](const Event& e) { return e.kind == kind; });
    return it == s.timeline.rend() ? nullptr : &*it;
  }
};

TEST_F(Listings, ListingNamesSeveralEntitiesOfSeveralActorsInOneActAndHitsEachOwnerOnce) {
  const double rusEconomy = s.meter(S::rus, S::economy), hackEconomy = s.meter(S::hack, S::economy);
  ok(engine, s, TakeMeasure{S::ukr, l.listing, -1, grid(), bit(kUnit) | bit(kOfficer) | bit(kHacker)});
  advanceTo(engine, s, Phase::Consequences);
  ASSERT_EQ(s.listings.size(), 1u);
  EXPECT_EQ(s.listings[0].entities, bit(kUnit) | bit(kOfficer) | bit(kHacker));
  EXPECT_DOUBLE_EQ(s.meter(S::rus, S::economy), rusEconomy - 4);  // two of its entities, one effect
  EXPECT_DOUBLE_EQ(s.meter(S::hack, S::economy), hackEconomy - 4);
  const Event* listed = last(EventKind::EntitiesListed);
  ASSERT_NE(listed, nullptr);
  EXPECT_EQ(
      engine.describe(s, *listed),
      "ukr lists Unit 26165 (rus), officer_a (rus), hacker_b (hack) for grid_attack (with Cyber sanctions "
      "listing)");
  // Published: every team and the room see it.
  EXPECT_TRUE(canSee(engine, s, *listed, Viewer::room()));
  const TeamView deu = buildTeamView(engine, s, S::deu);
  ASSERT_EQ(deu.situation.listings.size(), 1u);
  EXPECT_EQ(deu.situation.listings[0].entities,
            (std::vector<std::string>{"unit_26165", "officer_a", "hacker_b"}));
}

TEST_F(Listings, ListingIsNotAnAttribution) {
  ok(engine, s, TakeMeasure{S::ukr, l.listing, -1, grid(), bit(kUnit)});
  advanceTo(engine, s, Phase::Consequences);
  EXPECT_EQ(s.decision(S::ukr, grid()), -1);
  EXPECT_EQ(s.disclosure(S::ukr, grid()), Disclosure::None);
  ok(engine, s, RevealTruth{});
  for (const Event& e : s.timeline) EXPECT_FALSE(e.kind == EventKind::AttributionJudged && e.actor == S::ukr);
}

TEST_F(Listings, ListingAnEntityThatTookNoPartCostsCredibilityAtTheTruth) {
  ok(engine, s, TakeMeasure{S::ukr, l.listing, -1, grid(), bit(kUnit) | bit(kFront)});
  ok(engine, s, TakeMeasure{S::deu, l.listing, -1, grid(), bit(kUnit) | bit(kOfficer)});
  advanceTo(engine, s, Phase::Consequences);
  const double ukr = s.meter(S::ukr, S::credibility), deu = s.meter(S::deu, S::credibility);
  ok(engine, s, RevealTruth{});
  EXPECT_DOUBLE_EQ(s.meter(S::ukr, S::credibility), ukr + engine.constants().wrongListingCredibility);
  EXPECT_DOUBLE_EQ(s.meter(S::deu, S::credibility), deu);
  const Event* judged = last(EventKind::ListingJudged);
  ASSERT_NE(judged, nullptr);
  EXPECT_EQ(engine.describe(s, *judged),
            "deu's listing for grid_attack named only those who took part in it");
  const TeamView view = buildTeamView(engine, s, S::ukr);
  ASSERT_EQ(view.situation.truth.size(), 1u);
  EXPECT_EQ(view.situation.truth[0].involvedEntities, (std::vector<std::string>{"unit_26165", "officer_a"}));
}

TEST_F(Listings, ARefusedListingSaysWhy) {
  EXPECT_EQ(code({S::ukr, l.listing, -1, grid(), 0}), ReasonCode::EntitiesMissing);
  EXPECT_EQ(code({S::ukr, l.listing, -1, grid(), bit(40)}), ReasonCode::EntitiesMissing);
  EXPECT_EQ(code({S::ukr, l.listing, S::rus, grid(), bit(kUnit)}), ReasonCode::TargetNotAllowed);
  EXPECT_EQ(code({S::ukr, l.listing, -1, -1, bit(kUnit)}), ReasonCode::IncidentMissing);
  EXPECT_EQ(code({S::ukr, l.sc.sanctions, S::rus, -1, bit(kUnit)}), ReasonCode::TargetNotAllowed);
  EXPECT_EQ(code({S::pol, l.listing, -1, grid(), bit(kOfficial)}), ReasonCode::TargetIsSelf);
  EXPECT_EQ(why({S::pol, l.listing, -1, grid(), bit(kOfficial)}),
            "pol cannot list its own people or companies");
  EXPECT_EQ(code({S::ukr, l.indictment, -1, grid(), bit(kUnit)}), ReasonCode::TargetKindNotAllowed);
  EXPECT_EQ(why({S::ukr, l.indictment, -1, grid(), bit(kUnit)}), "'Indictment' lists persons only");
  EXPECT_EQ(code({S::ukr, l.listing, -1, grid(), bit(kOfficial)}), ReasonCode::NotACandidate);
  EXPECT_EQ(
      why({S::ukr, l.listing, -1, grid(), bit(kOfficial)}),
      "pol is not a suspect of grid_attack: a listing for it names only its suspects' people and companies");
  ok(engine, s, TakeMeasure{S::ukr, l.listing, -1, grid(), bit(kUnit)});
  EXPECT_EQ(code({S::ukr, l.listing, -1, grid(), bit(kUnit) | bit(kOfficer)}), ReasonCode::AlreadyQueued);
  EXPECT_EQ(code({S::ukr, l.listing, -1, grid(), bit(kOfficer)}), ReasonCode::None);  // another listing
  test::nextTurnDeliberation(engine, s);
  EXPECT_EQ(code({S::ukr, l.listing, -1, grid(), bit(kUnit)}), ReasonCode::AlreadyListed);
  EXPECT_EQ(code({S::ukr, l.listing, -1, grid(), bit(kOfficer)}), ReasonCode::None);
}

TEST_F(Listings, AListingNeedsTheConfidenceItAsksInEachOwner) {
  Listed strict;
  strict.sc.def.measures[static_cast<std::size_t>(strict.listing)].minConfidence = 0.99;
  Engine e(strict.sc.def);
  GameState g = e.initialState();
  advanceTo(e, g, Phase::Deliberation);
  const TakeMeasure m{S::ukr, strict.listing, -1, strict.sc.grid, bit(kUnit)};
  ASSERT_EQ(e.checkMeasureCode(g, m), ReasonCode::ConfidenceTooLow);
  const auto r = e.check(g, m);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(
      r->message,
      "needs at least 99% confidence that the actors they belong to operated grid_attack; the lowest of "
      "yours is 'likely' (78%)");
}

TEST_F(Listings, AListingIsWrittenAndReadAsOneCommandLine) {
  const Command c = TakeMeasure{S::ukr, l.listing, -1, grid(), bit(kUnit) | bit(kHacker)};
  const std::string line = formatCommand(l.sc.def, c);
  EXPECT_EQ(line, "measure ukr listing incident=grid_attack entities=unit_26165,hacker_b");
  const CommandParse parsed = parseCommand(l.sc.def, line);
  ASSERT_TRUE(parsed.command.has_value()) << parsed.error;
  EXPECT_EQ(*parsed.command, c);
  const CommandParse wrong =
      parseCommand(l.sc.def, "measure ukr listing incident=grid_attack entities=unit_2616");
  EXPECT_FALSE(wrong.command.has_value());
  EXPECT_NE(wrong.error.find("unknown entity 'unit_2616'"), std::string::npos) << wrong.error;
}

TEST_F(Listings, OptionsOfferEachSuspectsEntitiesAndMatchTheEngine) {
  const auto options = measureOptions(engine, s, S::ukr);
  std::vector<MeasureOption> listings;
  for (const MeasureOption& o : options)
    if (o.measure == l.listing) listings.push_back(o);
  ASSERT_EQ(listings.size(), 2u);  // rus and hack, the suspects with entities
  EXPECT_EQ(listings[0].owner, S::rus);
  EXPECT_EQ(listings[0].entities, bit(kUnit) | bit(kOfficer) | bit(kFront));
  EXPECT_EQ(listings[1].owner, S::hack);
  std::vector<TakeMeasure> legal;
  engine.legalMeasures(s, S::ukr, legal);
  for (const MeasureOption& o : listings) {
    const TakeMeasure tm{S::ukr, o.measure, -1, o.incident, o.entities};
    EXPECT_EQ(o.legal, engine.checkMeasureCode(s, tm) == ReasonCode::None);
    EXPECT_EQ(o.legal, std::find(legal.begin(), legal.end(), tm) != legal.end());
  }
  // The indictment names persons only: rus's officer, hack's member.
  for (const MeasureOption& o : options) {
    if (o.measure == l.indictment) {
      EXPECT_EQ(o.entities & (bit(kUnit) | bit(kFront)), 0u);
    }
  }
}

TEST_F(Listings, AStateWithListingsSurvivesSerialisation) {
  ok(engine, s, TakeMeasure{S::ukr, l.listing, -1, grid(), bit(kUnit)});
  // Doubles come back rounded to 1e-6: compare the canonical bytes and the hashes.
  const std::string queued = serializeState(s);
  const auto back = deserializeState(queued);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->queue, s.queue);
  EXPECT_EQ(serializeState(*back), queued);
  advanceTo(engine, s, Phase::Consequences);
  const auto after = deserializeState(serializeState(s));
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->listings, s.listings);
  EXPECT_EQ(stateHash(*after), stateHash(s));
  // Without entities the state's bytes end where they did before listings existed.
  GameState plain = Engine(test::Small().def).initialState();
  const auto plainBack = deserializeState(serializeState(plain));
  ASSERT_TRUE(plainBack.has_value());
  EXPECT_EQ(plainBack->entityCount, 0);
}

}  // namespace
}  // namespace demarche
