// A listing in the browser page (docs/rules.md §2.2): the team's options name the suspect whose
// people and companies a listing would name and give the exact command line, which reads back
// as the same listing; a queued listing shows whom it lists.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "core/CommandText.hpp"
#include "core/Engine.hpp"
#include "scenario/Loader.hpp"
#include "seats/TeamJson.hpp"

namespace demarche {
namespace {

using json = nlohmann::json;

TEST(TeamJsonListing, AListingOptionNamesWhomItListsAndItsLineTakesIt) {
  auto loaded = scenario::loadScenario(std::string(DEMARCHE_SOURCE_DIR) + "/scenarios/winter-grid.yaml");
  ASSERT_TRUE(loaded.ok()) << scenario::formatDiagnostics(loaded);
  // The indictment asks 'very likely' confidence in Russia; turn 1's evidence is not there yet.
  ScenarioDef def = *loaded.scenario;
  for (MeasureDef& m : def.measures)
    if (m.id == "indictment") m.minConfidence = 0;
  const Engine engine(def);
  GameState s = engine.initialState();
  while (s.phase != Phase::Deliberation) ASSERT_FALSE(engine.submit(s, EndPhase{}).has_value());
  int pol = -1;
  for (std::size_t a = 0; a < def.actors.size(); ++a)
    if (def.actors[a].id == "pol") pol = static_cast<int>(a);
  ASSERT_GE(pol, 0);
  const json view = json::parse(seats::teamViewJson(engine, s, pol, "en", {}));
  const json* listing = nullptr;
  for (const json& o : view["options"])
    if (o.value("measure", "") == "indictment" && o.value("owner", "") == "rus") listing = &o;
  ASSERT_NE(listing, nullptr) << "no indictment of Russian officers among pol's options";
  EXPECT_NE((*listing)["entities"].get<std::string>().find("Colonel Ivan Sedov (fictional) (Russia)"),
            std::string::npos);
  const std::string line = (*listing)["line"];
  EXPECT_NE(line.find("entities=col_sedov"), std::string::npos) << line;
  const CommandParse parsed = parseCommand(def, line);
  ASSERT_TRUE(parsed.command.has_value()) << parsed.error;
  const auto* tm = std::get_if<TakeMeasure>(&*parsed.command);
  ASSERT_NE(tm, nullptr);
  EXPECT_EQ(tm->target, -1);
  EXPECT_NE(tm->entities, 0u);
  ASSERT_TRUE((*listing)["legal"].get<bool>()) << (*listing)["reason"];
  const auto refused = engine.submit(s, *parsed.command);
  ASSERT_FALSE(refused.has_value()) << refused->message;
  const json after = json::parse(seats::teamViewJson(engine, s, pol, "en", {}));
  ASSERT_EQ(after["queue"].size(), 1u);
  EXPECT_NE(after["queue"][0]["entities"].get<std::string>().find("Colonel Ivan Sedov"), std::string::npos);
}

}  // namespace
}  // namespace demarche
