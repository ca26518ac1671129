// Due diligence in the format (docs/rules.md §3.8): `based_in` on a group and
// `truth.harboured_by` on an incident; the E411 fixtures in tests/fixtures/invalid hold the errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scenario/Loader.hpp"

namespace demarche::scenario {
namespace {

TEST(DueDiligenceLoader, BasedInAndHarbouredByLoadIntoTheScenario) {
  const std::string yaml = R"(format: 1
id: sheltered
title: Sheltered
turns: 2
actors:
  - {id: irl, name: Ireland, kind: state}
  - {id: rus, name: Russia, kind: state}
  - {id: gang, name: Wizard Spider, kind: non_state, based_in: rus}
escalation:
  rungs:
    - {id: calm, name: Calm, threshold: 0}
incidents:
  - id: hse
    title: Hospitals offline
    victim: irl
    candidates: [gang, rus]
    truth: {operator: gang, harboured_by: [rus]}
measures:
  - {id: statement, name: Statement, category: stabilising, target: none}
endings:
  - {id: stalemate, title: Stalemate, kind: stalemate, at_last_turn: true}
)";
  const LoadResult r = loadScenarioFromString(yaml, "sheltered.yaml");
  ASSERT_TRUE(r.ok()) << formatDiagnostics(r);
  EXPECT_EQ(r.scenario->actors[2].basedIn, 1);
  EXPECT_EQ(r.scenario->incidents[0].truth.harbouredBy, std::vector<int>{1});
}

}  // namespace
}  // namespace demarche::scenario
