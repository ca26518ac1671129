// A shipped scenario that declares a language (has any text in it) claims to be complete in
// it: that language is in every text field, its catalogues' included, written out and not a
// copy of the English, so players never see half a translation. Winter Grid and at least two
// others are complete in Ukrainian (issue 11), and Winter Grid's English text is unchanged.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/Engine.hpp"
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
  for (const SourceRef& src : def.sources) add(at("sources", src.id) + ".title", src.title);
  for (std::size_t k = 0; k < def.meterTitles.size() && k < def.meterNames.size(); ++k)
    add(at("meters", def.meterNames[k]) + ".name", def.meterTitles[k]);
  for (std::size_t k = 0; k < def.capabilityTitles.size() && k < def.capabilityNames.size(); ++k)
    add(at("capabilities", def.capabilityNames[k]) + ".name", def.capabilityTitles[k]);
  for (const ActorDef& a : def.actors) {
    add(at("actors", a.id) + ".name", a.name);
    add(at("actors", a.id) + ".briefing", a.briefing);
  }
  for (const EntityDef& e : def.entities) {
    add(at("entities", e.id) + ".name", e.name);
    add(at("entities", e.id) + ".description", e.description);
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
    add(at("measures", m.id) + ".requires_reason", m.requiresReason);
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

// "<field> has no <language> text" for every non-empty text without that language, and
// "<meter> has no name" for a meter or capability without one: it would read as its id in
// English words ("Domestic pressure") to every reader.
std::vector<std::string> missing(const ScenarioDef& def, const std::string& language) {
  std::vector<std::string> out;
  for (const auto& [name, text] : allTexts(def))
    if (!text->empty() && !text->byLanguage.contains(language))
      out.push_back(name + " has no " + language + " text");
  auto unnamed = [&](const char* list, const std::vector<std::string>& ids, const std::vector<Text>& titles) {
    for (std::size_t k = 0; k < ids.size(); ++k)
      if (k >= titles.size() || titles[k].empty())
        out.push_back(std::string(list) + "[" + ids[k] + "] has no name, so it reads in English words");
  };
  unnamed("meters", def.meterNames, def.meterTitles);
  unnamed("capabilities", def.capabilityNames, def.capabilityTitles);
  return out;
}

std::vector<fs::path> shippedScenarios() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(kSource / "scenarios"))
    if (entry.path().extension() == ".yaml") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

// The shipped scenarios that claim Ukrainian, loaded, with their file names.
std::vector<std::pair<std::string, LoadResult>> ukrainianScenarios() {
  std::vector<std::pair<std::string, LoadResult>> out;
  for (const fs::path& file : shippedScenarios()) {
    LoadResult result = loadScenario(file);
    if (!result.ok()) {
      ADD_FAILURE() << formatDiagnostics(result);
      continue;
    }
    if (declares(*result.scenario, "uk")) out.emplace_back(file.filename().string(), std::move(result));
  }
  return out;
}

const ScenarioDef& winterGrid() {
  static const LoadResult result = loadScenario(kSource / "scenarios/winter-grid.yaml");
  if (!result.ok()) ADD_FAILURE() << formatDiagnostics(result);
  return *result.scenario;
}

TEST(Translation, EveryTextOfAScenarioThatDeclaresUkrainianHasIt) {
  std::vector<std::string> declaring;
  for (const auto& [file, result] : ukrainianScenarios()) {
    declaring.push_back(file);
    for (const std::string& problem : missing(*result.scenario, "uk"))
      ADD_FAILURE() << file << ": " << problem;
  }
  EXPECT_NE(std::find(declaring.begin(), declaring.end(), "winter-grid.yaml"), declaring.end())
      << "the default scenario is translated into Ukrainian";
  EXPECT_GE(declaring.size(), 3u) << "Winter Grid and at least two others are complete in Ukrainian";
}

TEST(Translation, EveryUkrainianTextIsWrittenOutAndKeepsTheEnglish) {
  for (const auto& [file, result] : ukrainianScenarios()) {
    int translated = 0;
    for (const auto& [name, text] : allTexts(*result.scenario)) {
      if (!text->byLanguage.contains("uk")) continue;  // the test above names it
      ++translated;
      EXPECT_TRUE(text->byLanguage.contains("en")) << file << ": " << name << " has no en text";
      const std::string& uk = text->get("uk");
      EXPECT_FALSE(uk.empty()) << file << ": " << name << " has an empty uk text";
      EXPECT_NE(uk, text->get("en")) << file << ": " << name << ": the uk text is the English one";
    }
    // The scenario and its catalogues, sources and requires_reason included.
    EXPECT_GE(translated, 150) << file;
  }
  int winterGridTexts = 0;
  for (const auto& [name, text] : allTexts(winterGrid()))
    if (text->byLanguage.contains("uk")) ++winterGridTexts;
  EXPECT_GE(winterGridTexts, 320);
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

TEST(Translation, WinterGridGivesEveryRequiresReasonAndSourceTitleInUkrainian) {
  const ScenarioDef& def = winterGrid();
  int reasons = 0;
  for (const MeasureDef& m : def.measures) {
    if (m.requiresReason.empty()) continue;
    ++reasons;
    EXPECT_TRUE(m.requiresReason.byLanguage.contains("uk")) << m.id << ".requires_reason has no uk text";
  }
  EXPECT_GE(reasons, 30);
  ASSERT_FALSE(def.sources.empty());
  for (const SourceRef& src : def.sources)
    EXPECT_TRUE(src.title.byLanguage.contains("uk")) << "sources[" << src.id << "].title has no uk text";
  EXPECT_EQ(def.sources[0].title.get("en"),
            "Report of the UN Group of Governmental Experts, A/70/174 (2015) \u2014 norms a to k");
}

TEST(Translation, ARefusedPrerequisiteGivesTheReasonInTheChosenLanguage) {
  const ScenarioDef& def = winterGrid();
  const Engine engine(def);
  const GameState state = engine.initialState(1);
  int measure = -1;
  for (std::size_t m = 0; m < def.measures.size(); ++m)
    if (def.measures[m].requiresReason.get("en") == "needs a decided attribution to the target")
      measure = static_cast<int>(m);
  ASSERT_GE(measure, 0);
  const TakeMeasure tm{0, measure, 1, 0};
  EXPECT_EQ(engine.refusalMessage(state, Command{tm}, ReasonCode::RequiresFailed),
            "needs a decided attribution to the target");
  EXPECT_EQ(engine.refusalMessage(state, Command{tm}, ReasonCode::RequiresFailed, "uk"),
            "потрібне ухвалене рішення про атрибуцію цілі");
  // A language the scenario does not have falls back to its own.
  EXPECT_EQ(engine.refusalMessage(state, Command{tm}, ReasonCode::RequiresFailed, "de"),
            "needs a decided attribution to the target");
}

TEST(Translation, RequiresReasonAndSourceTitlesAcceptAPlainStringOrALanguageMap) {
  const LoadResult result = loadScenarioFromString(R"(format: 1
id: reasons
title: Reasons
turns: 2
sources:
  - {id: plain, title: A plain title, url: "https://example.org/a"}
  - {id: mapped, title: {en: An English title, uk: Українська назва}}
actors:
  - {id: alpha, name: Alpha, kind: state}
  - {id: beta, name: Beta, kind: state}
escalation:
  rungs:
    - {id: calm, name: Calm, threshold: 0}
measures:
  - {id: plain, name: Plain, category: preventive, requires: "turn >= 2", requires_reason: not before turn 2}
  - id: mapped
    name: Mapped
    category: preventive
    requires: "turn >= 2"
    requires_reason: {en: not before turn 2, uk: не раніше другого ходу}
)",
                                                   "reasons.yaml");
  ASSERT_TRUE(result.ok()) << formatDiagnostics(result);
  const ScenarioDef& def = *result.scenario;
  ASSERT_EQ(def.sources.size(), 2u);
  EXPECT_EQ(def.sources[0].title.get("uk", "en"), "A plain title");
  EXPECT_EQ(def.sources[1].title.get("uk"), "Українська назва");
  EXPECT_EQ(def.sources[1].title.get("en"), "An English title");
  ASSERT_EQ(def.measures.size(), 2u);
  EXPECT_EQ(def.measures[0].requiresReason.get("uk", "en"), "not before turn 2");
  EXPECT_EQ(def.measures[1].requiresReason.get("uk"), "не раніше другого ходу");
  EXPECT_EQ(def.measures[1].requiresReason.get("en"), "not before turn 2");
}

TEST(Translation, AMissingTranslationIsNamed) {
  const LoadResult result = loadScenarioFromString(R"(format: 1
id: half-translated
title: {en: Half, uk: Половина}
turns: 3
meters:
  - {id: economy, name: {en: Economy, uk: Економіка}}
  - {id: credibility, name: Credibility}
  - resilience
actors:
  - {id: alpha, name: {en: Alpha, uk: Альфа}, kind: state, briefing: Only English.}
  - {id: beta, name: {en: Beta, uk: Бета}, kind: state}
entities:
  - {id: unit, name: Unit 1, kind: unit, belongs_to: beta}
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
  // A meter's name is a text like any other; a meter without one reads as its id in English
  // words, so a translated scenario names it.
  const std::vector<std::string> expected = {"meters[credibility].name has no uk text",
                                             "actors[alpha].briefing has no uk text",
                                             "entities[unit].name has no uk text",
                                             "endings[stalemate].title has no uk text",
                                             "questions[1].text has no uk text",
                                             "meters[resilience] has no name, so it reads in English words"};
  EXPECT_EQ(missing(*result.scenario, "uk"), expected);
}

}  // namespace
