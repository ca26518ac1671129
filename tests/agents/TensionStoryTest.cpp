// The timeline tells the whole story of the tension: every move of it is an event that says
// what moved it (an inject, a measure's effects, an agreement, the ladder weighing the measures
// taken), each starting where the last one ended. A debrief once printed "Tension falls by 3
// to 14" for a turn in which tension went from 81 to 14: the hotline calls' own effects, made
// earlier in the turn, were in no event.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <regex>

#include "AgentFixture.hpp"
#include "agents/Agent.hpp"
#include "core/Session.hpp"
#include "core/View.hpp"
#include "scenario/Loader.hpp"

namespace demarche {
namespace {

namespace fs = std::filesystem;

using agents::test::playSeededAiGame;
using agents::test::shippedScenarios;

TEST(TensionStory, EveryMoveOfTheTensionIsAnEventThatStartsWhereTheLastEnded) {
  int causes[4] = {0, 0, 0, 0};  // ladder, inject, measure, agreement
  for (const fs::path& file : shippedScenarios()) {
    auto loaded = scenario::loadScenario(file);
    ASSERT_TRUE(loaded.ok()) << scenario::formatDiagnostics(loaded);
    const Engine engine(*loaded.scenario);
    const agents::AgentCatalogue catalogue(*loaded.scenario);
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
      const Session session = playSeededAiGame(engine, catalogue, seed);
      const GameState& end = session.state();
      double tension = std::max(0.0, loaded.scenario->ladder.initialTension);
      for (const Event& e : end.timeline) {
        if (e.kind != EventKind::TensionChanged) continue;
        ASSERT_NEAR(e.value - e.value2, tension, 1e-9)
            << file.stem() << " seed " << seed << " turn " << e.turn
            << ": the tension moved without an event before '" << engine.describe(end, e) << "'";
        tension = e.value;
        const int cause = e.a == static_cast<int>(TensionCause::Ladder) ? 0 : e.a;
        ASSERT_TRUE(cause >= 0 && cause <= 3) << e.a;
        ++causes[cause];
      }
      EXPECT_NEAR(end.tension, tension, 1e-9)
          << file.stem() << " seed " << seed << ": an unlogged move at the end";
    }
  }
  // The games moved the tension in every way the rules allow (the shipped scenarios have
  // injects, measures and terms with tension effects).
  EXPECT_GT(causes[0], 0) << "ladder";
  EXPECT_GT(causes[1], 0) << "inject";
  EXPECT_GT(causes[2], 0) << "measure";
}

TEST(TensionStory, EachSentenceNamesItsCauseAndTheRoomSeesNoPrivateInjectTitle) {
  const ScenarioDef& def = agents::test::winterGrid();
  const Engine engine(def);
  const agents::AgentCatalogue catalogue(def);
  const std::regex moves("Tension (rises|falls) from ([0-9.]+) to ([0-9.]+)(.*)");
  int checked = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const Session session = playSeededAiGame(engine, catalogue, seed);
    const GameState& s = session.state();
    for (const Event& e : s.timeline) {
      if (e.kind != EventKind::TensionChanged) continue;
      const std::string text = describe(engine, s, e, Viewer::room());
      std::smatch m;
      ASSERT_TRUE(std::regex_match(text, m, moves)) << text;
      EXPECT_EQ(m[1] == "rises", e.value2 > 0) << text;
      EXPECT_NEAR(std::stod(m[2]), e.value - e.value2, 0.051) << text;
      EXPECT_NEAR(std::stod(m[3]), e.value, 0.051) << text;
      const std::string why = m[4];
      switch (static_cast<TensionCause>(e.a)) {
        case TensionCause::Ladder:
          EXPECT_NE(why.find("as the measures taken weigh"), std::string::npos) << text;
          break;
        case TensionCause::Inject: {
          const InjectDef& inj = def.injects[static_cast<std::size_t>(e.b)];
          if (injectIsPublic(inj)) {
            EXPECT_NE(why.find(inj.title.get("en", def.language)), std::string::npos) << text;
          } else {
            EXPECT_EQ(why, " as events unfold") << text;
          }
          break;
        }
        case TensionCause::Measure:
          EXPECT_NE(
              why.find(def.actors[static_cast<std::size_t>(e.actor)].name.get("en", def.language) + "'s "),
              std::string::npos)
              << text;
          break;
        case TensionCause::Agreement:
          EXPECT_NE(why.find(" agree: "), std::string::npos) << text;
          break;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
}

}  // namespace
}  // namespace demarche
