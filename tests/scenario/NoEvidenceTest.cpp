// A scenario may have no evidence at all (a negotiation on norms, a first draft): it loads and
// plays to its end. The fuzzer found that belief updates took &seen[0] of the empty table
// (undefined behaviour that `make test-sanitize` reports; harmless in a release build).
#include <gtest/gtest.h>

#include "core/Policy.hpp"
#include "core/RandomPolicy.hpp"
#include "core/Session.hpp"
#include "scenario/Loader.hpp"

namespace demarche {
namespace {

TEST(NoEvidence, AScenarioWithoutEvidencePlaysToItsEnd) {
  const auto loaded = scenario::loadScenario(std::string(DEMARCHE_SOURCE_DIR) +
                                             "/tests/fixtures/invalid/W505-no-last-turn-ending.yaml");
  ASSERT_TRUE(loaded.ok()) << scenario::formatDiagnostics(loaded);
  ASSERT_TRUE(loaded.scenario->evidence.empty());
  const Engine engine(*loaded.scenario);
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    Session session(engine, seed);
    std::vector<RandomPolicy> policies;
    for (int a = 0; a < session.state().actorCount; ++a)
      policies.emplace_back(seed * 100 + static_cast<std::uint64_t>(a));
    std::vector<Policy*> seats;
    for (auto& p : policies) seats.push_back(&p);
    playOut(session, seats);
    EXPECT_EQ(session.state().phase, Phase::Ended) << "seed " << seed;
  }
}

}  // namespace
}  // namespace demarche
