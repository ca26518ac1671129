// Who may do what to whom (docs/rules.md §4, "target kinds"): a measure names the kinds of
// actor it may be aimed at, the engine refuses any other target with the reason, a team's
// options leave such targets out, and in seeded AI games of every shipped scenario no state
// act lands on a company or a criminal gang (no démarche to a gang, no hotline call or hotline
// agreement with a company, no indictment of a state) and companies and groups take no state
// act (no sanctions, no lawful response, no private or joint attribution).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "../tools/Ukrainian.hpp"
#include "AgentFixture.hpp"
#include "agents/Agent.hpp"
#include "agents/Simulation.hpp"
#include "core/Options.hpp"
#include "core/Session.hpp"
#include "scenario/Loader.hpp"

namespace demarche {
namespace {

namespace fs = std::filesystem;

std::size_t at(int i) { return static_cast<std::size_t>(i); }

using agents::test::playSeededAiGame;
using agents::test::shippedScenarios;
using agents::test::winterGrid;

template <class V>
int id(const V& items, const std::string& name) {
  return agents::test::indexOf(items, name);
}

GameState deliberation(const Engine& engine) {
  GameState s = engine.initialState(1);
  while (s.phase != Phase::Deliberation) engine.apply(s, EndPhase{});
  return s;
}

TEST(TargetKinds, AMeasureIsAimedOnlyAtTheKindsOfActorItNames) {
  const ScenarioDef& def = winterGrid();
  const Engine engine(def);
  const GameState s = deliberation(engine);
  const int deu = id(def.actors, "deu"), rus = id(def.actors, "rus"), oblenergo = id(def.actors, "oblenergo");
  const int gang = id(def.actors, "crime_gang"), hotline = id(def.measures, "hotline_call");
  EXPECT_FALSE(engine.check(s, TakeMeasure{deu, hotline, rus, -1}).has_value())
      << "a hotline call to a state";
  const auto refused = engine.check(s, TakeMeasure{deu, hotline, oblenergo, -1});
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->code, ReasonCode::TargetKindNotAllowed);
  EXPECT_EQ(refused->message,
            "'Hotline call' is aimed at states; Western Oblenergo (distribution company) is a company");
  const auto gangRefused = engine.check(s, TakeMeasure{deu, id(def.measures, "demarche"), gang, -1});
  ASSERT_TRUE(gangRefused.has_value());
  EXPECT_EQ(gangRefused->message,
            "'Formal d\u00e9marche' is aimed at states; \"Frostbyte\" ransomware gang is a non-state group");
  // Several kinds are listed in words.
  const auto listed = engine.check(s, TakeMeasure{deu, id(def.measures, "high_level_dialogue"), gang, -1});
  ASSERT_TRUE(listed.has_value());
  EXPECT_EQ(listed->message,
            "'High-level political dialogue' is aimed at states, blocs or international organisations; "
            "\"Frostbyte\" ransomware gang is a non-state group");
  // The options never offer what could never be chosen; the rest is still answered by check.
  for (const MeasureOption& o : measureOptions(engine, s, deu)) {
    if (o.target < 0) continue;
    EXPECT_TRUE(engine.targetableBy(o.measure, o.target))
        << def.measures[at(o.measure)].id << " -> " << def.actors[at(o.target)].id;
  }
}

// A refusal is read by people, on the projector and in the debrief (a failed measure's event
// carries it): it names actors, measures and incidents as the timeline does, in the reader's
// language, never by their scenario ids (docs/rules.md §2).
TEST(TargetKinds, ARefusalNamesActorsAndMeasuresAsTheTimelineDoes) {
  const ScenarioDef& def = winterGrid();
  const Engine engine(def);
  const GameState s = deliberation(engine);
  const int deu = id(def.actors, "deu"), oblenergo = id(def.actors, "oblenergo");
  const Command call{TakeMeasure{deu, id(def.measures, "hotline_call"), oblenergo, -1}};
  ASSERT_EQ(engine.checkCode(s, call), ReasonCode::TargetKindNotAllowed);
  const std::string uk = engine.refusalMessage(s, call, ReasonCode::TargetKindNotAllowed, "uk");
  EXPECT_NE(uk.find("Дзвінок лінією прямого зв’язку"), std::string::npos) << uk;
  EXPECT_NE(uk.find("«Західний обленерго» (розподільна компанія)"), std::string::npos) << uk;
  for (const char* word : {"hotline_call", "oblenergo"}) {
    EXPECT_EQ(uk.find(word), std::string::npos) << uk;
    EXPECT_EQ(engine.refusalMessage(s, call, ReasonCode::TargetKindNotAllowed).find(word), std::string::npos);
  }
  test::installUkrainian();
  // In Ukrainian a name stays in the nominative, where the sentence puts it (a name cannot be
  // declined): after a noun in the case the sentence needs, not in that case itself.
  const Command statement{
      TakeMeasure{id(def.actors, "ukr"), id(def.measures, "eu_awareness_statement"), -1, -1}};
  ASSERT_EQ(engine.checkCode(s, statement), ReasonCode::NotABlocMember);
  EXPECT_EQ(engine.refusalMessage(s, statement, ReasonCode::NotABlocMember, "uk"),
            "Україна не є членом блоку «Європейський Союз»");
  // Incidents by their title: the listing's suspects, in the language of the scenario.
  const int grid = id(def.incidents, "grid_attack");
  const Command decide{DecideAttribution{deu, grid, deu}};
  const std::string notSuspect = engine.refusalMessage(s, decide, engine.checkCode(s, decide));
  EXPECT_NE(notSuspect.find(engine.incidentName(grid)), std::string::npos) << notSuspect;
  EXPECT_EQ(notSuspect.find("grid_attack"), std::string::npos) << notSuspect;
}

// Seen: companies naming Russia "jointly with partners". A démarche and a joint statement are
// acts of states, blocs and organisations; a company or a group can publish what it found.
TEST(TargetKinds, OnlyStatesBlocsAndOrganisationsAttributePrivatelyOrJointly) {
  const ScenarioDef& def = winterGrid();
  const Engine engine(def);
  GameState s = deliberation(engine);
  const int oblenergo = id(def.actors, "oblenergo"), ukr = id(def.actors, "ukr"), rus = id(def.actors, "rus");
  const int grid = id(def.incidents, "grid_attack");
  engine.apply(s, DecideAttribution{oblenergo, grid, rus});
  engine.apply(s, DecideAttribution{ukr, grid, rus});
  const auto privately = engine.check(s, Disclose{oblenergo, grid, Disclosure::Private, {}});
  ASSERT_TRUE(privately.has_value());
  EXPECT_EQ(privately->code, ReasonCode::NotAStateActor);
  EXPECT_EQ(
      privately->message,
      "only states, blocs and international organisations attribute privately or jointly; Western Oblenergo "
      "(distribution company) is a company, which can publish what it found (a public disclosure)");
  const auto asPartner = engine.check(s, Disclose{ukr, grid, Disclosure::Joint, {oblenergo}});
  ASSERT_TRUE(asPartner.has_value());
  EXPECT_EQ(asPartner->code, ReasonCode::NotAStateActor);
  EXPECT_NE(asPartner->message.find("Western Oblenergo (distribution company) is a company"),
            std::string::npos)
      << asPartner->message;
  EXPECT_FALSE(engine.check(s, Disclose{oblenergo, grid, Disclosure::Public, {}}).has_value())
      << "a company publishes what it found";
}

TEST(TargetKinds, TheShippedCataloguesAimEveryActorMeasure) {
  // Every measure aimed at an actor says at whom: a new one without target_kinds is a gap.
  for (const MeasureDef& md : winterGrid().measures) {
    const bool aimed = md.target == TargetKind::Actor || md.target == TargetKind::ActorAndIncident;
    const bool attribution = md.attribution == AttributionAct::Decide ||
                             md.attribution == AttributionAct::DisclosePublicly ||
                             md.attribution == AttributionAct::DiscloseJointly;
    if (aimed && !attribution) {
      EXPECT_FALSE(md.targetKinds.empty()) << md.id << " has no target_kinds";
    }
  }
}

// The plausibility checks diplomats make in the first ten minutes, stated apart from the
// catalogues: these measures never land on these kinds of actor, and companies never take
// these categories of state act.
const std::map<std::string, std::set<ActorKind>> kNeverAt = {
    {"demarche", {ActorKind::NonState, ActorKind::Company}},
    {"eu_demarche", {ActorKind::NonState, ActorKind::Company}},
    {"summon_ambassador", {ActorKind::NonState, ActorKind::Company, ActorKind::Organisation}},
    {"expel_diplomats", {ActorKind::NonState, ActorKind::Company}},
    {"hotline_call", {ActorKind::NonState, ActorKind::Company}},
    {"private_attribution", {ActorKind::NonState, ActorKind::Company}},
    {"indictment", {ActorKind::State, ActorKind::Bloc}},
    {"law_enforcement_operation", {ActorKind::State, ActorKind::Bloc}},
    {"countermeasures", {ActorKind::NonState, ActorKind::Company}},
};

bool stateActor(ActorKind k) {
  return k == ActorKind::State || k == ActorKind::Bloc || k == ActorKind::Organisation;
}

TEST(TargetKinds, InSeededAiGamesNoStateActLandsOnACompanyOrAGang) {
  const std::vector<fs::path> files = shippedScenarios();
  EXPECT_GE(files.size(), 7u) << "the seven shipped scenarios (README) are all checked";
  for (const fs::path& file : files) {
    auto loaded = scenario::loadScenario(file);
    ASSERT_TRUE(loaded.ok()) << scenario::formatDiagnostics(loaded);
    const ScenarioDef& def = *loaded.scenario;
    const Engine engine(def);
    const agents::AgentCatalogue catalogue(def);
    int resolved = 0;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
      const Session session = playSeededAiGame(engine, catalogue, seed);
      const std::string game = file.stem().string() + " seed " + std::to_string(seed) + ": ";
      for (const Event& e : session.state().timeline) {
        if (e.kind == EventKind::CommitmentMade) {
          // A crisis line is between governments (and blocs, organisations): never with a
          // company or a gang.
          const TermDef& td = def.terms[at(e.b)];
          if (td.kind != TermKind::Hotline) continue;
          EXPECT_TRUE(stateActor(def.actors[at(e.actor)].kind) && stateActor(def.actors[at(e.a)].kind))
              << game << "a hotline between " << def.actors[at(e.actor)].id << " and "
              << def.actors[at(e.a)].id;
          continue;
        }
        if (e.kind == EventKind::AttributionDisclosed) {
          // A company or a group publishes what it found; it makes no démarche and no joint statement.
          const auto how = static_cast<Disclosure>(e.c);
          if (how == Disclosure::Private || how == Disclosure::Joint) {
            EXPECT_TRUE(stateActor(def.actors[at(e.actor)].kind))
                << game << def.actors[at(e.actor)].id << " attributes " << disclosureName(how);
          }
          continue;
        }
        if (e.kind != EventKind::MeasureResolved) continue;
        ++resolved;
        const MeasureDef& md = def.measures[at(e.a)];
        const ActorKind by = def.actors[at(e.actor)].kind;
        const std::string where = game + def.actors[at(e.actor)].id + "'s " + md.id;
        if (e.b >= 0) {
          const ActorKind to = def.actors[at(e.b)].kind;
          const auto rule = kNeverAt.find(md.id);
          if (rule != kNeverAt.end()) {
            EXPECT_FALSE(rule->second.contains(to)) << where << " -> " << def.actors[at(e.b)].id;
          }
        }
        if (by == ActorKind::Company) {
          EXPECT_TRUE(md.category != MeasureCategory::Restrictive &&
                      md.category != MeasureCategory::LawfulResponse && md.category != MeasureCategory::Legal)
              << where << ": a company takes a state act";
        }
      }
    }
    // Each scenario is really played, not skipped.
    EXPECT_GT(resolved, 100) << file.filename().string();
  }
}

// `simulate --format json` reports, per actor, each measure it took by the kind of its target.
TEST(TargetKinds, SimulateCountsEachActorsMeasuresByTheKindOfTheirTarget) {
  const ScenarioDef& def = winterGrid();
  agents::SimulationOptions o;
  o.runs = 30;
  o.seed = 5;
  const agents::SimulationSummary s = agents::simulate(def, o);
  const std::size_t measures = def.measures.size();
  constexpr int slots = agents::SimulationSummary::kTargetSlots;
  ASSERT_EQ(s.measureUse.size(), def.actors.size() * measures * slots);
  long long total = 0;
  for (std::size_t m = 0; m < measures; ++m) {
    long long uses = 0;
    for (std::size_t a = 0; a < def.actors.size(); ++a) {
      for (int slot = 0; slot < slots; ++slot) {
        const long long n = s.measureUse[(a * measures + m) * slots + static_cast<std::size_t>(slot)];
        uses += n;
        const MeasureDef& md = def.measures[m];
        // A listing counts by the kind of the actors whose entities it named.
        const bool aimed = md.target == TargetKind::Actor || md.target == TargetKind::ActorAndIncident ||
                           md.target == TargetKind::Entities;
        if (n == 0) continue;
        // Only the slots a measure can have: no target for an unaimed one, an allowed kind else.
        if (!aimed) {
          EXPECT_EQ(slot, 0) << md.id;
        } else {
          ASSERT_GT(slot, 0) << md.id;
          const auto kind = static_cast<ActorKind>(slot - 1);
          EXPECT_TRUE(md.targetKinds.empty() ||
                      std::find(md.targetKinds.begin(), md.targetKinds.end(), kind) != md.targetKinds.end())
              << md.id;
        }
      }
    }
    // A measure taken in some run was used at least once per such run.
    EXPECT_GE(uses, s.measureTaken[m]) << def.measures[m].id;
    EXPECT_EQ(uses > 0, s.measureTaken[m] > 0) << def.measures[m].id;
    total += uses;
  }
  EXPECT_GT(total, 0);
}

}  // namespace
}  // namespace demarche
