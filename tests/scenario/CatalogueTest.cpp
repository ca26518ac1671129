// The shipped catalogues (scenarios/catalog) say what docs/rules.md says of their measures:
// attribution statements are no sanctions, sanctions charge their imposer once (the engine's
// cost) and lower the target's trust in the imposer.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "scenario/Loader.hpp"

namespace fs = std::filesystem;
using namespace demarche;
using namespace demarche::scenario;

namespace {

const fs::path kSource = DEMARCHE_SOURCE_DIR;

const ScenarioDef& winterGrid() {
  static const LoadResult result = loadScenario(kSource / "scenarios/winter-grid.yaml");
  EXPECT_TRUE(result.ok()) << formatDiagnostics(result);
  return *result.scenario;
}

TEST(Catalogue, APublicAttributionStatementIsNotAnEconomicSanction) {
  int statements = 0;
  for (const MeasureDef& m : winterGrid().measures) {
    if (m.attribution != AttributionAct::DisclosePublicly && m.attribution != AttributionAct::DiscloseJointly)
      continue;
    ++statements;
    EXPECT_NE(m.category, MeasureCategory::Restrictive) << m.id;
  }
  EXPECT_GE(statements, 3);
}

TEST(Catalogue, SanctionsLeaveTheImposersEconomyCostToTheEngineAndLowerTheTargetsTrust) {
  for (const MeasureDef& m : winterGrid().measures) {
    if (m.category != MeasureCategory::Restrictive || m.target == TargetKind::None ||
        m.target == TargetKind::Incident)
      continue;
    for (const EffectDef& e : m.effects) {
      EXPECT_EQ(e.source.find("meter(self, economy)"), std::string::npos) << m.id << ": " << e.source;
      EXPECT_EQ(e.source.find("trust(self, target) -="), std::string::npos) << m.id << ": " << e.source;
      EXPECT_EQ(e.source.find("trust(eu, target) -="), std::string::npos) << m.id << ": " << e.source;
    }
  }
}

TEST(Catalogue, OffensiveOperationsAreHostileNeitherSanctionsNorLawfulResponses) {
  for (const MeasureDef& m : winterGrid().measures) {
    if (m.breaksNorms.empty()) continue;  // the offensive, ransomware ... operations break norm f
    EXPECT_EQ(m.category, MeasureCategory::Hostile) << m.id;
  }
  for (const char* id : {"offensive_cyber_operation", "disinformation_campaign", "ransomware_campaign"}) {
    const auto& ms = winterGrid().measures;
    const auto it = std::find_if(ms.begin(), ms.end(), [&](const MeasureDef& m) { return m.id == id; });
    ASSERT_NE(it, ms.end()) << id;
    EXPECT_EQ(it->category, MeasureCategory::Hostile) << id;
  }
}

TEST(Catalogue, TheEusMembersShareTheCostOfItsSanctions) {
  for (const ActorDef& a : winterGrid().actors) EXPECT_EQ(a.membersShareCosts, a.id == "eu") << a.id;
}

TEST(Loader, OnlyABlocsMembersShareItsCosts) {
  const std::string yaml = R"(format: 1
id: t
title: T
turns: 1
actors:
  - {id: a, name: A, kind: state, members_share_costs: true}
  - {id: b, name: B, kind: state}
escalation: {rungs: [{id: r0, name: R0, threshold: 0}]}
endings: [{id: e, title: E, kind: stalemate, at_last_turn: true}]
)";
  const LoadResult result = loadScenarioFromString(yaml, "t.yaml");
  EXPECT_FALSE(result.ok());
  EXPECT_NE(formatDiagnostics(result).find("only a bloc has members to share its costs"), std::string::npos)
      << formatDiagnostics(result);
}

}  // namespace
