// A shipped scenario that declares a language (has any text in it) has that language in
// every text field, so players never see half a translation; the default scenario is
// translated into Ukrainian and its English text is unchanged.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "scenario/Loader.hpp"

namespace fs = std::filesystem;
using namespace demarche;
using namespace demarche::scenario;

namespace {

const fs::path kSource = DEMARCHE_SOURCE_DIR;

// Every Text of a scenario, named like the YAML it came from ("actors[ukr].briefing").
using NamedTexts = std::vector<std::pair<std::string, const Text*>>;

NamedTexts allTexts(const ScenarioDef& def) {
  NamedTexts out;
  auto add = [&](std::string name, const Text& text) { out.emplace_back(std::move(name), &text); };
  auto at = [](const std::string& list, const std::string& id) { return list + "[" + id + "]"; };
  add("title", def.title);
  add("summary", def.summary);
  for (std::size_t i = 0; i < def.learningObjectives.size(); ++i)
    add(at("learning_objectives", std::to_string(i)), def.learningObjectives[i]);
  add("turn_label", def.turnLabel);
  add("fact_and_fiction", def.factAndFiction);
  add("facilitator_notes", def.facilitatorNotes);
  for (const ActorDef& a : def.actors) {
    add(at("actors", a.id) + ".name", a.name);
    add(at("actors", a.id) + ".briefing", a.briefing);
  }
  for (const RungDef& r : def.ladder.rungs) {
    add(at("escalation.rungs", r.id) + ".name", r.name);
    add(at("escalation.rungs", r.id) + ".description", r.description);
  }
  for (const IncidentDef& i : def.incidents) {
    add(at("incidents", i.id) + ".title", i.title);
    add(at("incidents", i.id) + ".description", i.description);
  }
  for (const EvidenceDef& e : def.evidence) {
    add(at("evidence", e.id) + ".title", e.title);
    add(at("evidence", e.id) + ".description", e.description);
  }
  for (const MeasureDef& m : def.measures) {
    add(at("measures", m.id) + ".name", m.name);
    add(at("measures", m.id) + ".description", m.description);
  }
  for (const TermDef& t : def.terms) {
    add(at("terms", t.id) + ".name", t.name);
    add(at("terms", t.id) + ".description", t.description);
  }
  for (const InjectDef& i : def.injects) {
    add(at("injects", i.id) + ".title", i.title);
    add(at("injects", i.id) + ".text", i.text);
  }
  for (const ObjectiveDef& o : def.objectives) add(at("objectives", o.id) + ".description", o.description);
  for (const EndingDef& e : def.endings) {
    add(at("endings", e.id) + ".title", e.title);
    add(at("endings", e.id) + ".description", e.description);
  }
  for (std::size_t i = 0; i < def.questions.size(); ++i)
    add(at("questions", std::to_string(i)) + ".text", def.questions[i].text);
  return out;
}

bool declares(const ScenarioDef& def, const std::string& language) {
  for (const auto& [name, text] : allTexts(def))
    if (text->byLanguage.contains(language)) return true;
  return false;
}

// "<field> has no <language> text" for every non-empty text without that language.
std::vector<std::string> missing(const ScenarioDef& def, const std::string& language) {
  std::vector<std::string> out;
  for (const auto& [name, text] : allTexts(def))
    if (!text->empty() && !text->byLanguage.contains(language))
      out.push_back(name + " has no " + language + " text");
  return out;
}

std::vector<fs::path> shippedScenarios() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(kSource / "scenarios"))
    if (entry.path().extension() == ".yaml") out.push_back(entry.path());
  return out;
}

const ScenarioDef& winterGrid() {
  static const LoadResult result = loadScenario(kSource / "scenarios/winter-grid.yaml");
  if (!result.ok()) ADD_FAILURE() << formatDiagnostics(result);
  return *result.scenario;
}

TEST(Translation, EveryTextOfAScenarioThatDeclaresUkrainianHasIt) {
  int declaring = 0;
  for (const fs::path& file : shippedScenarios()) {
    const LoadResult result = loadScenario(file);
    ASSERT_TRUE(result.ok()) << formatDiagnostics(result);
    const ScenarioDef& def = *result.scenario;
    if (!declares(def, "uk")) continue;
    ++declaring;
    for (const std::string& problem : missing(def, "uk"))
      ADD_FAILURE() << file.filename().string() << ": " << problem;
  }
  EXPECT_GE(declaring, 1) << "the default scenario is translated into Ukrainian";
}

TEST(Translation, EveryUkrainianTextIsWrittenOutAndKeepsTheEnglish) {
  const ScenarioDef& def = winterGrid();
  int translated = 0;
  for (const auto& [name, text] : allTexts(def)) {
    if (!text->byLanguage.contains("uk")) continue;  // the test above names it
    ++translated;
    EXPECT_TRUE(text->byLanguage.contains("en")) << name << " has no en text";
    const std::string& uk = text->get("uk");
    EXPECT_FALSE(uk.empty()) << name << " has an empty uk text";
    EXPECT_NE(uk, text->get("en")) << name << ": the uk text is the English one";
  }
  EXPECT_GE(translated, 270);  // 156 in the scenario, 114 in its catalogues
}

TEST(Translation, WinterGridReadsInUkrainianAndInEnglish) {
  const ScenarioDef& def = winterGrid();
  EXPECT_EQ(def.language, "en");
  EXPECT_EQ(def.title.get("uk"), "Зимова мережа");
  EXPECT_EQ(def.title.get("en"), "Winter Grid");
  EXPECT_EQ(def.turnLabel.get("uk"), "тиждень");
  EXPECT_EQ(def.turnLabel.get("en"), "week");
  ASSERT_FALSE(def.actors.empty());
  EXPECT_EQ(def.actors[0].name.get("uk"), "Україна");
  EXPECT_EQ(def.actors[0].name.get("en"), "Ukraine");
  // The English the golden transcripts show, untouched (a folded block keeps one line).
  bool settlement = false;
  for (const EndingDef& e : def.endings) {
    if (e.id != "settlement") continue;
    settlement = true;
    EXPECT_EQ(e.title.get("en"), "Negotiated restraint");
    EXPECT_EQ(
        e.description.get("en"),
        "Russia pledges mutual restraint on critical infrastructure with Ukraine or the United States, and "
        "the crisis steps back from the brink. Attribution remains contested, but the grid is safe for now.");
  }
  EXPECT_TRUE(settlement);
  // French, where it was given, is kept.
  EXPECT_EQ(def.title.get("fr"), "Réseau d'hiver");
}

TEST(Translation, AMissingTranslationIsNamed) {
  const LoadResult result = loadScenarioFromString(R"(format: 1
id: half-translated
title: {en: Half, uk: Половина}
turns: 3
actors:
  - {id: alpha, name: {en: Alpha, uk: Альфа}, kind: state, briefing: Only English.}
  - {id: beta, name: {en: Beta, uk: Бета}, kind: state}
escalation:
  rungs:
    - {id: calm, name: {en: Calm, uk: Спокій}, threshold: 0}
    - {id: war, name: {en: War, uk: Війна}, threshold: 90, armed_conflict: true}
incidents:
  - {id: outage, title: {en: An outage, uk: Збій}, victim: alpha, candidates: [beta], truth: {operator: beta}}
endings:
  - {id: war, title: {en: War, uk: Війна}, kind: armed_conflict, when: "escalation >= 1"}
  - {id: stalemate, title: Stalemate, kind: stalemate, at_last_turn: true}
questions:
  - {turn: 0, text: {en: "Why?", uk: "Чому?"}}
  - {turn: 0, text: "What next?"}
)",
                                                   "half.yaml");
  ASSERT_TRUE(result.ok()) << formatDiagnostics(result);
  ASSERT_TRUE(declares(*result.scenario, "uk"));
  EXPECT_FALSE(declares(*result.scenario, "de"));
  const std::vector<std::string> expected = {"actors[alpha].briefing has no uk text",
                                             "endings[stalemate].title has no uk text",
                                             "questions[1].text has no uk text"};
  EXPECT_EQ(missing(*result.scenario, "uk"), expected);
}

}  // namespace
