// The loader maps valid scenarios into ScenarioDef faithfully and accepts every valid fixture.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/Engine.hpp"
#include "scenario/Loader.hpp"

namespace fs = std::filesystem;
using namespace demarche;
using namespace demarche::scenario;

namespace {

const fs::path kSource = DEMARCHE_SOURCE_DIR;

int indexOf(const std::vector<ActorDef>& actors, const std::string& id) {
  auto it = std::find_if(actors.begin(), actors.end(), [&](const ActorDef& a) { return a.id == id; });
  return it == actors.end() ? -1 : static_cast<int>(it - actors.begin());
}

TEST(Loader, EveryValidFixtureLoadsWithoutAnyDiagnostic) {
  int count = 0;
  for (const auto& entry : fs::directory_iterator(kSource / "tests/fixtures/valid")) {
    if (entry.path().extension() != ".yaml") continue;
    ++count;
    const LoadResult result = loadScenario(entry.path());
    EXPECT_TRUE(result.ok()) << entry.path();
    EXPECT_TRUE(result.diagnostics.empty()) << formatDiagnostics(result);
  }
  EXPECT_GE(count, 2);
}

class FullFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    result = new LoadResult(loadScenario(kSource / "tests/fixtures/valid/full.yaml"));
    ASSERT_TRUE(result->ok()) << formatDiagnostics(*result);
  }
  static void TearDownTestSuite() { delete result; }
  static const ScenarioDef& def() { return *result->scenario; }
  static LoadResult* result;
};
LoadResult* FullFixture::result = nullptr;

TEST_F(FullFixture, MetadataAndTranslationsAreKept) {
  EXPECT_EQ(def().id, "full-fixture");
  EXPECT_EQ(def().title.get("fr"), "Épreuve complète");
  EXPECT_EQ(def().title.get("en"), "Full fixture");
  EXPECT_EQ(def().version, "1.2");
  EXPECT_EQ(def().turns, 5);
  EXPECT_EQ(def().seed, 42u);
  EXPECT_EQ(def().turnLabel.get("fr"), "jour");
  ASSERT_EQ(def().sources.size(), 1u);
  EXPECT_EQ(def().sources[0].url, "https://undocs.org/A/70/174");
  EXPECT_EQ(def().authors.size(), 2u);
  EXPECT_EQ(def().learningObjectives.size(), 1u);
  EXPECT_EQ(def().questions.size(), 2u);
  EXPECT_EQ(def().questions[1].turn, 0);  // no turn: the debrief
  EXPECT_EQ(def().contentHash.size(), 16u);
}

TEST_F(FullFixture, ActorsResolveMetersCapabilitiesAndBlocs) {
  const auto& actors = def().actors;
  ASSERT_EQ(actors.size(), 4u);
  const ActorDef& north = actors[0];
  EXPECT_EQ(north.kind, ActorKind::State);
  ASSERT_EQ(def().meterNames, (std::vector<std::string>{"credibility", "economy"}));
  EXPECT_EQ(north.meters, (std::vector<double>{70, 40}));
  EXPECT_EQ(north.capabilities, (std::vector<double>{0, 6}));  // unlisted capabilities start at 0
  EXPECT_EQ(actors[1].meters, (std::vector<double>{50, 50}));  // unlisted meters start at 50
  EXPECT_EQ(north.blocs, std::vector<int>{indexOf(actors, "union")});
  EXPECT_EQ(north.capitalPerTurn, 4);
  EXPECT_DOUBLE_EQ(north.doctrine.normCommitment, 0.8);
  EXPECT_DOUBLE_EQ(north.mapX, 0.25);
  EXPECT_EQ(north.color, "#1f77b4");
  EXPECT_EQ(def().defaultSeats, (std::vector<int>{0, 1}));
  ASSERT_EQ(def().relations.size(), 1u);
  EXPECT_EQ(def().relations[0].a, 0);
  EXPECT_EQ(def().relations[0].b, 1);
  EXPECT_EQ(def().relations[0].trust, -60);
}

TEST_F(FullFixture, IncidentTruthPriorsAndEvidenceResolve) {
  const IncidentDef& inc = def().incidents.at(0);
  const int south = indexOf(def().actors, "south"), gang = indexOf(def().actors, "gang");
  EXPECT_EQ(inc.victim, indexOf(def().actors, "north"));
  EXPECT_EQ(inc.sector, Sector::Energy);
  EXPECT_EQ(inc.severity.sophistication, 5);
  EXPECT_EQ(inc.normsBroken, (std::vector<char>{'f', 'k'}));
  EXPECT_EQ(inc.candidates, (std::vector<int>{south, gang}));
  EXPECT_EQ(inc.priors, (std::vector<double>{0.6, 0.4}));
  EXPECT_EQ(inc.truth.operatorActor, south);
  EXPECT_EQ(inc.truth.proxy, -1);
  EXPECT_EQ(inc.truth.falseFlags, std::vector<int>{gang});
  ASSERT_EQ(def().evidence.size(), 3u);
  const EvidenceDef& malware = def().evidence[0];
  EXPECT_EQ(malware.incident, 0);
  EXPECT_EQ(malware.pointsTo, (std::vector<std::pair<int, double>>{{south, 2}, {gang, -1}}));
  EXPECT_EQ(malware.reveal, EvidenceDef::Reveal::Turn);
  EXPECT_EQ(malware.revealTurn, 2);
  EXPECT_EQ(malware.revealTo, std::vector<int>{0});
  EXPECT_EQ(def().evidence[1].reveal, EvidenceDef::Reveal::Investigation);
  EXPECT_DOUBLE_EQ(def().evidence[1].investigationChance, 0.5);  // even_chance
  EXPECT_TRUE(def().evidence[1].planted);
  EXPECT_EQ(def().evidence[2].reveal, EvidenceDef::Reveal::Condition);
  EXPECT_NE(def().evidence[2].revealWhen.root, nullptr);
}

TEST_F(FullFixture, CatalogueMeasuresAreIncludedAndTheScenarioOverridesThem) {
  std::vector<std::string> ids;
  for (const MeasureDef& m : def().measures) ids.push_back(m.id);
  // The nested include's measures come first, then the catalogue's, in file order.
  EXPECT_EQ(ids, (std::vector<std::string>{"sanctions", "statement", "forensic_inquiry"}));
  const MeasureDef& statement = def().measures[1];
  EXPECT_EQ(statement.cost, 0);  // the scenario's version, not the catalogue's (1)
  EXPECT_EQ(statement.name.get("en"), "Strong statement");
  EXPECT_EQ(statement.sourceFile, (kSource / "tests/fixtures/valid/full.yaml").generic_string());
  const MeasureDef& sanctions = def().measures[0];
  EXPECT_EQ(sanctions.category, MeasureCategory::Restrictive);
  EXPECT_EQ(sanctions.target, TargetKind::Actor);
  EXPECT_EQ(sanctions.usableBy, (std::vector<ActorKind>{ActorKind::State, ActorKind::Bloc}));
  EXPECT_NE(sanctions.requirement.root, nullptr);
  EXPECT_EQ(sanctions.requiresReason.get("en"), "only against a distrusted actor");
  EXPECT_DOUBLE_EQ(sanctions.minConfidence, 0.65);  // likely
  EXPECT_EQ(sanctions.effects.size(), 2u);
  EXPECT_EQ(sanctions.escalation, EscalationTag::Escalatory);
  EXPECT_EQ(sanctions.bloc, indexOf(def().actors, "union"));
  EXPECT_EQ(sanctions.maxUses, 2);
  EXPECT_TRUE(def().measures[2].investigates);
  EXPECT_EQ(def().includes.size(), 2u);
  ASSERT_EQ(def().terms.size(), 1u);
  EXPECT_EQ(def().terms[0].kind, TermKind::Hotline);
  EXPECT_EQ(def().terms[0].onAccept.size(), 1u);
  EXPECT_NE(def().terms[0].breaksWhen.root, nullptr);
  EXPECT_EQ(def().relations[0].agreements, std::vector<int>{0});
}

TEST_F(FullFixture, LadderInjectsObjectivesAndEndingsResolve) {
  const LadderDef& ladder = def().ladder;
  EXPECT_EQ(ladder.initialTension, 10);
  EXPECT_EQ(ladder.escalatoryStep, 12);
  ASSERT_EQ(ladder.rungs.size(), 3u);
  EXPECT_EQ(ladder.rungs[1].offRamps, std::vector<int>{1});  // statement
  EXPECT_TRUE(ladder.rungs[2].armedConflict);
  const InjectDef& blackout = def().injects.at(0);
  EXPECT_EQ(blackout.kind, InjectKind::Incident);
  EXPECT_EQ(blackout.audience, std::vector<int>{0});
  EXPECT_EQ(blackout.reveals, std::vector<int>{0});
  EXPECT_EQ(blackout.startsIncident, 0);
  EXPECT_EQ(blackout.effects.at(0).source, "meter(north, economy) -= 10");
  EXPECT_TRUE(def().injects.at(1).repeat);
  EXPECT_NE(def().injects.at(1).when.root, nullptr);
  EXPECT_EQ(def().objectives.at(0).score, 20);
  EXPECT_EQ(def().objectives.at(1).score, 10);  // default
  EXPECT_EQ(def().endings.at(0).kind, EndingKind::ArmedConflict);
  EXPECT_TRUE(def().endings.at(1).atLastTurn);
}

TEST(Loader, TheContentHashChangesWithAnyByteOfTheScenario) {
  const char* text =
      "format: 1\nid: a\ntitle: A\nactors: []\nescalation: {rungs: [{id: r, name: R, threshold: 0}]}\n"
      "endings: [{id: e, title: E, at_last_turn: true}]\n";
  const LoadResult a = loadScenarioFromString(text, "a.yaml");
  const LoadResult b = loadScenarioFromString(std::string(text) + "# comment\n", "a.yaml");
  ASSERT_TRUE(a.ok()) << formatDiagnostics(a);
  ASSERT_TRUE(b.ok());
  EXPECT_NE(a.scenario->contentHash, b.scenario->contentHash);
  EXPECT_EQ(a.scenario->contentHash, loadScenarioFromString(text, "a.yaml").scenario->contentHash);
}

// A meter is an id, or {id, name} with the name people read (the window, the seat pages, the
// reports), in each language; without a name it reads as its id in words. Expressions and
// `meters:` of actors keep naming it by id.
TEST(Loader, AMeterMayCarryANameForPeopleInEachLanguage) {
  const std::string head =
      "format: 1\nid: a\ntitle: A\nescalation: {rungs: [{id: r, name: R, threshold: 0}]}\n"
      "endings: [{id: e, title: E, at_last_turn: true}]\n";
  const LoadResult r = loadScenarioFromString(
      head +
          "meters:\n  - {id: domestic_pressure, name: {en: Pressure at home, uk: Внутрішній тиск}}\n"
          "  - economy\nactors: [{id: x, name: X, kind: state, meters: {domestic_pressure: 70}}]\n",
      "m.yaml");
  ASSERT_TRUE(r.ok()) << formatDiagnostics(r);
  const ScenarioDef& def = *r.scenario;
  EXPECT_EQ(def.meterNames, (std::vector<std::string>{"domestic_pressure", "economy"}));
  EXPECT_EQ(def.actors.at(0).meters.at(0), 70);
  const Engine engine(def);
  EXPECT_EQ(engine.meterName(0), "Pressure at home");
  EXPECT_EQ(engine.meterName(0, "uk"), "Внутрішній тиск");
  EXPECT_EQ(engine.meterName(1, "uk"), "Economy");
  EXPECT_EQ(engine.meterName(2), "?");
  // A named meter still needs its id, and takes no other key.
  const LoadResult noId =
      loadScenarioFromString(head + "meters:\n  - {name: Pressure}\nactors: []\n", "m.yaml");
  ASSERT_FALSE(noId.diagnostics.empty());
  EXPECT_EQ(noId.diagnostics.front().code, "E202") << formatDiagnostics(noId);
  EXPECT_EQ(noId.diagnostics.front().line, 7);  // the item, after the five lines of `head` and `meters:`
  EXPECT_EQ(noId.diagnostics.front().column, 5);
  const LoadResult other =
      loadScenarioFromString(head + "meters:\n  - {id: p, label: Pressure}\nactors: []\n", "m.yaml");
  ASSERT_FALSE(other.diagnostics.empty());
  EXPECT_EQ(other.diagnostics.front().code, "E201") << formatDiagnostics(other);
}

TEST(Loader, AMissingKeyPointsAtItsParentMapping) {
  const LoadResult r = loadScenarioFromString(
      "format: 1\nid: a\ntitle: A\nescalation: {rungs: []}\nactors:\n  - id: x\n    kind: state\n", "m.yaml");
  const auto it = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                               [](const Diagnostic& d) { return d.code == "E202"; });
  ASSERT_NE(it, r.diagnostics.end());
  EXPECT_EQ(it->line, 6);
  EXPECT_EQ(it->column, 5);
}

TEST(Loader, ExpressionErrorsPointAtTheColumnInsideTheFile) {
  const LoadResult r = loadScenarioFromString(
      "format: 1\nid: a\ntitle: A\nactors: [{id: x, name: X, kind: state}]\n"
      "escalation: {rungs: [{id: r, name: R, threshold: 0}]}\n"
      "endings:\n  - {id: e, title: E, at_last_turn: true, when: \"trust(x, yy) > 0\"}\n",
      "x.yaml");
  ASSERT_FALSE(r.diagnostics.empty());
  const Diagnostic& d = r.diagnostics.front();
  EXPECT_TRUE(d.code.starts_with("E3")) << d.code;
  EXPECT_EQ(d.line, 7);
  // The opening quote is at column 49; `yy` is the 10th character of the expression.
  EXPECT_EQ(d.column, 49 + 1 + 9);
}

TEST(Loader, DiagnosticsAreCappedWithACountOfTheRest) {
  std::string text =
      "format: 1\nid: a\ntitle: A\nescalation: {rungs: [{id: r, name: R, threshold: 0}]}\nactors:\n";
  for (int i = 0; i < 300; ++i) text += "  - {id: a" + std::to_string(i) + ", nmae: A, kind: state}\n";
  const LoadResult r = loadScenarioFromString(text, "cap.yaml");
  EXPECT_EQ(r.diagnostics.size(), 100u);
  EXPECT_GT(r.suppressed, 0u);
  EXPECT_NE(formatDiagnostics(r).find("too many errors: " + std::to_string(r.suppressed) + " more not shown"),
            std::string::npos);
}

}  // namespace
