// Entities in the format (docs/rules.md §2.2, docs/scenario-format.md "entities"): persons, units
// and companies that belong to actors, and measures with `target: entities` that list them. The
// E413–E415 fixtures in tests/fixtures/invalid hold the errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scenario/Loader.hpp"

namespace demarche::scenario {
namespace {

const std::string kListing = R"(format: 1
id: listed
title: Listed
turns: 2
meters: [economy]
actors:
  - {id: eu, name: European Union, kind: bloc}
  - {id: rus, name: Russia, kind: state}
  - {id: prc, name: China, kind: state}
entities:
  - id: gtsst
    name: {en: GRU Main Centre for Special Technologies, uk: ГЦСТ ГУ}
    kind: unit
    belongs_to: rus
    involved_in: [notpetya]
  - {id: officer, name: An officer, kind: person, belongs_to: rus, involved_in: [notpetya]}
  - {id: haitai, name: Huaying Haitai, kind: company, belongs_to: prc, description: A front company}
escalation:
  rungs:
    - {id: calm, name: Calm, threshold: 0}
incidents:
  - id: notpetya
    title: NotPetya
    victim: eu
    candidates: [rus, prc]
    truth: {operator: rus}
measures:
  - id: listing
    name: Cyber sanctions listing
    category: restrictive
    target: entities
    effects: ["meter(target, economy) -= 3"]
  - id: indictment
    name: Indictment
    category: legal
    target: entities
    entity_kinds: [person]
endings:
  - {id: stalemate, title: Stalemate, kind: stalemate, at_last_turn: true}
)";

TEST(EntitiesLoader, EntitiesAndListingsLoadIntoTheScenario) {
  const LoadResult r = loadScenarioFromString(kListing, "listed.yaml");
  ASSERT_TRUE(r.ok()) << formatDiagnostics(r);
  const ScenarioDef& d = *r.scenario;
  ASSERT_EQ(d.entities.size(), 3u);
  EXPECT_EQ(d.entities[0].id, "gtsst");
  EXPECT_EQ(d.entities[0].kind, EntityKind::Unit);
  EXPECT_EQ(d.entities[0].owner, 1);
  EXPECT_EQ(d.entities[0].involvedIn, std::vector<int>{0});
  EXPECT_EQ(d.entities[0].name.get("uk", "en"), "ГЦСТ ГУ");
  EXPECT_EQ(d.entities[2].kind, EntityKind::Company);
  EXPECT_EQ(d.entities[2].owner, 2);
  EXPECT_TRUE(d.entities[2].involvedIn.empty());
  EXPECT_EQ(d.measures[0].target, TargetKind::Entities);
  EXPECT_EQ(d.measures[1].entityKinds, std::vector<EntityKind>{EntityKind::Person});
}

TEST(EntitiesLoader, AnEntityOfAnUnknownActorSaysWhichActorsExist) {
  std::string yaml = kListing;
  yaml.replace(yaml.find("belongs_to: prc"), 15, "belongs_to: prk");
  const LoadResult r = loadScenarioFromString(yaml, "listed.yaml");
  ASSERT_FALSE(r.ok());
  const std::string text = formatDiagnostics(r);
  EXPECT_NE(text.find("E402"), std::string::npos) << text;
  EXPECT_NE(text.find("unknown actor 'prk'"), std::string::npos) << text;
  EXPECT_NE(text.find("prc"), std::string::npos) << text;  // the suggestion
}

TEST(EntitiesLoader, AnEntityNeedsTheActorItBelongsTo) {
  std::string yaml = kListing;
  const std::string owned = ", belongs_to: rus, involved_in: [notpetya]}";
  yaml.replace(yaml.find(owned), owned.size(), ", involved_in: [notpetya]}");
  const LoadResult r = loadScenarioFromString(yaml, "listed.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(formatDiagnostics(r).find("belongs_to"), std::string::npos) << formatDiagnostics(r);
}

}  // namespace
}  // namespace demarche::scenario
