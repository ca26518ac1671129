// An agent's choices do not depend on the order in which it scores its measures: each
// candidate's noise comes from the candidate alone (candidateNoise), so scoring the likeliest
// first and skipping the rest (AgentMeasures.hpp) changes no score and no choice.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "../../bench/Crowd.hpp"
#include "AgentFixture.hpp"
#include "agents/AgentMeasures.hpp"

namespace demarche::agents {

// The one door into an agent's privates: the order of its usable measures.
struct AgentProbe {
  static void reverseUsable(Agent& agent) {
    std::reverse(agent.m_usable.begin(), agent.m_usable.end());
    agent.m_manySelf = -1;  // the kMany bounds are parallel to m_usable: rebuilt next call
  }
  static std::size_t usableCount(const Agent& agent) { return agent.m_usable.size(); }
};

namespace test {
namespace {

TEST(CandidateNoise, IsInTheUnitIntervalAndDistinctForEveryCandidateOfACall) {
  const std::uint64_t key = 0x0123456789abcdefULL;
  std::set<double> seen;
  double sum = 0;
  int count = 0;
  const auto draw = [&](int m, int t, int i) {
    const double x = detail::candidateNoise(key, m, t, i);
    EXPECT_GE(x, 0.0);
    EXPECT_LT(x, 1.0);
    EXPECT_TRUE(seen.insert(x).second) << "measure " << m << ", target " << t << ", incident " << i
                                       << " shares its noise with another candidate";
    sum += x;
    ++count;
  };
  for (int m = 0; m < 40; ++m)
    for (int t = -1; t < 40; ++t)
      for (int i = -1; i < 6; ++i) draw(m, t, i);
  // Past 16 bits: target 65,535 (+1) once packed into 16 bits as target -1 does (0).
  for (const int big : {65'535, 65'536, 131'071, 1'000'000})
    for (int m = 0; m < 3; ++m) {
      draw(m, big, -1);
      draw(m, -1, big);
      draw(m, big, big);
    }
  EXPECT_NEAR(sum / count, 0.5, 0.01) << "uniform noise averages one half";
  // Another call's key gives another noise to the same candidate.
  EXPECT_NE(detail::candidateNoise(key, 3, 4, 5), detail::candidateNoise(key + 1, 3, 4, 5));
}

// Two agents with one seed on one seat: the first plays; the second sees the same states with
// its usable measures reversed before every decision, and each decision where it would have
// chosen otherwise is counted.
class Twin final : public Policy {
 public:
  Twin(const AgentCatalogue& cat, std::uint64_t seed, bool explain)
      : m_plain(cat, seed), m_reordered(cat, seed) {
    if (explain) {
      m_plain.setRationaleSink(
          [this](int, const Command&, const std::string& why) { m_plainWhy.push_back(why); });
      m_reordered.setRationaleSink(
          [this](int, const Command&, const std::string& why) { m_reorderedWhy.push_back(why); });
    }
  }
  void act(const Engine& engine, const GameState& state, int actor, int round,
           std::vector<Command>& out) override {
    const std::size_t before = out.size();
    m_plain.act(engine, state, actor, round, out);
    AgentProbe::reverseUsable(m_reordered);
    std::vector<Command> other;
    m_reordered.act(engine, state, actor, round, other);
    const bool same =
        std::equal(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(), other.begin(), other.end());
    if (!same) ++differences;
    decisions += 1;
    maxUsable = std::max(maxUsable, AgentProbe::usableCount(m_reordered));
  }
  bool sameRationales() const { return m_plainWhy == m_reorderedWhy; }
  int differences = 0;
  int decisions = 0;
  std::size_t maxUsable = 0;

 private:
  Agent m_plain, m_reordered;
  std::vector<std::string> m_plainWhy, m_reorderedWhy;
};

struct Played {
  int differences = 0, decisions = 0;
  std::size_t maxUsable = 0;
  bool sameRationales = true;
};

Played playTwins(const ScenarioDef& def, std::uint64_t seed, bool explain) {
  const Engine engine(def);
  const AgentCatalogue cat(def);
  Session session(engine, seed);
  std::vector<std::unique_ptr<Twin>> twins;
  std::vector<Policy*> seats;
  for (int a = 0; a < session.state().actorCount; ++a) {
    twins.push_back(std::make_unique<Twin>(cat, seed * 1000 + static_cast<std::uint64_t>(a), explain));
    seats.push_back(twins.back().get());
  }
  playOut(session, seats);
  Played p;
  for (const auto& t : twins) {
    p.differences += t->differences;
    p.decisions += t->decisions;
    p.maxUsable = std::max(p.maxUsable, t->maxUsable);
    p.sameRationales = p.sameRationales && t->sameRationales();
  }
  return p;
}

TEST(CandidateNoise, ShippedScenariosChooseTheSameWhateverTheOrderOfScoring) {
  for (const auto& path : shippedScenarios()) {
    auto loaded = scenario::loadScenario(path.string());
    ASSERT_TRUE(loaded.ok()) << scenario::formatDiagnostics(loaded);
    for (std::uint64_t seed = 1; seed <= 2; ++seed) {
      const Played p = playTwins(*loaded.scenario, seed, seed == 2);
      EXPECT_GT(p.decisions, 0) << path.filename();
      EXPECT_EQ(p.differences, 0) << path.filename() << ", seed " << seed << ": of " << p.decisions
                                  << " decisions, these changed when the measures were scored in reverse";
      EXPECT_TRUE(p.sameRationales) << path.filename() << ", seed " << seed;
    }
  }
}

TEST(CandidateNoise, ManyMeasuresChooseTheSameWhateverTheOrderOfScoring) {
  // 20 actors with five measures each: over 64 usable measures, the kMany path.
  const ScenarioDef def = bench::crowd(20);
  for (std::uint64_t seed = 1; seed <= 2; ++seed) {
    const Played p = playTwins(def, seed, seed == 2);
    ASSERT_GE(p.maxUsable, 64U) << "the crowd no longer takes the many-measures path";
    EXPECT_EQ(p.differences, 0) << "seed " << seed << ": of " << p.decisions << " decisions";
    EXPECT_TRUE(p.sameRationales) << "seed " << seed;
  }
}

}  // namespace
}  // namespace test
}  // namespace demarche::agents
