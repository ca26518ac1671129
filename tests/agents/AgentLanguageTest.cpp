// The AI writes in the table's language: at a Ukrainian table its replies, proposals and reasons
// read in Ukrainian, with no English sentence left, and naming incidents by their titles; the
// language changes the words only, never a choice.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "../tools/Ukrainian.hpp"
#include "AgentFixture.hpp"
#include "agents/Agent.hpp"
#include "core/Catalogue.hpp"
#include "core/Session.hpp"
#include "scenario/Loader.hpp"

namespace demarche::agents::test {
namespace {

namespace fs = std::filesystem;
using demarche::test::hasCyrillic;
using demarche::test::installUkrainian;

struct Played {
  std::vector<std::string> texts;      // every reply's reason and proposal's message
  std::vector<std::string> rationale;  // every reason the agents gave for a command
  std::vector<Command> commands;
};

Played play(const ScenarioDef& def, const std::string& language, std::uint64_t seed) {
  const Engine engine(def);
  const AgentCatalogue catalogue(def, language);
  Session session(engine, seed);
  auto agents = makeAgents(catalogue, session.state().actorCount, seed, Difficulty::Standard);
  Played out;
  std::vector<Policy*> seats;
  for (auto& a : agents) {
    a->setRationaleSink(
        [&out](int, const Command&, const std::string& why) { out.rationale.push_back(why); });
    seats.push_back(a.get());
  }
  playOut(session, seats);
  out.commands = session.commands();
  for (const Command& c : out.commands) {
    if (const auto* r = std::get_if<Reply>(&c)) out.texts.push_back(r->reason);
    if (const auto* p = std::get_if<Propose>(&c)) out.texts.push_back(p->text);
  }
  return out;
}

TEST(AgentLanguage, AtAUkrainianTableTheAiWritesInUkrainianAndChoosesTheSame) {
  installUkrainian();
  auto loaded = scenario::loadScenario(fs::path(DEMARCHE_SOURCE_DIR) / "scenarios" / "winter-grid.yaml");
  ASSERT_TRUE(loaded.ok()) << scenario::formatDiagnostics(loaded);
  const ScenarioDef& def = *loaded.scenario;
  const std::string grid = def.incidents.front().id;
  // English sentence openings the agents use; none may be left in a Ukrainian sentence.
  static const std::regex english(
      "\\b(takes|rejects|accepts|asks|proposes|offers|decides|names|holds|joins|shares|declines|keeps|"
      "sends|cannot|agrees|refuses|sees|retaliates|seeks|counters|our confidence|escalation is)\\b");
  int checked = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const Played en = play(def, "", seed);
    const Played uk = play(def, "uk", seed);
    // The same choices: the same commands but for their words.
    ASSERT_EQ(en.commands.size(), uk.commands.size()) << "seed " << seed;
    for (std::size_t c = 0; c < en.commands.size(); ++c)
      EXPECT_EQ(en.commands[c].index(), uk.commands[c].index()) << "seed " << seed << " command " << c;
    ASSERT_EQ(en.rationale.size(), uk.rationale.size());
    for (const std::vector<std::string>* texts : {&uk.texts, &uk.rationale})
      for (const std::string& t : *texts) {
        if (t.empty()) continue;
        ++checked;
        EXPECT_TRUE(hasCyrillic(t)) << "seed " << seed << ": " << t;
        EXPECT_FALSE(std::regex_search(t, english)) << "seed " << seed << ": " << t;
        EXPECT_EQ(t.find(grid), std::string::npos) << "names the incident by its id: " << t;
      }
  }
  EXPECT_GT(checked, 100);
}

}  // namespace
}  // namespace demarche::agents::test
