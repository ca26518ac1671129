// `include: [{file: ..., except: [ids]}]` leaves some of a catalogue's measures and terms out
// of the scenario and keeps everything else the file and the scenario define.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "scenario/Loader.hpp"

namespace fs = std::filesystem;
using namespace demarche;
using namespace demarche::scenario;

namespace {

const fs::path kSource = DEMARCHE_SOURCE_DIR;

// A scenario in a temporary folder with one catalogue beside it.
class IncludeExcept : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("demarche-include-except-" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::create_directories(m_dir);
    std::ofstream(m_dir / "catalogue.yaml") << R"(measures:
  - {id: statement, name: Statement, category: stabilising, target: none}
  - {id: sanctions, name: Sanctions, category: restrictive, target: actor}
  - {id: covert_raid, name: Covert raid, category: hostile, target: actor}
terms:
  - {id: pledge, name: Pledge, kind: restraint_pledge}
  - {id: hotline_link, name: Hotline, kind: hotline}
)";
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(m_dir, ec);
  }
  LoadResult load(const std::string& include, const std::string& ownMeasures = "") {
    const std::string text = "format: 1\nid: except-test\ntitle: Except\nturns: 3\ninclude: " + include +
                             "\n" + ownMeasures + R"(actors:
  - {id: alpha, name: Alpha, kind: state}
  - {id: beta, name: Beta, kind: state}
escalation:
  rungs:
    - {id: calm, name: Calm, threshold: 0}
    - {id: war, name: War, threshold: 90, armed_conflict: true}
incidents:
  - {id: outage, title: An outage, victim: alpha, candidates: [beta], truth: {operator: beta}}
endings:
  - {id: stalemate, title: Stalemate, kind: stalemate, at_last_turn: true}
)";
    return loadScenarioFromString(text, m_dir / "scenario.yaml");
  }
  static std::vector<std::string> measureIds(const ScenarioDef& def) {
    std::vector<std::string> ids;
    for (const MeasureDef& m : def.measures) ids.push_back(m.id);
    return ids;
  }
  static std::vector<std::string> termIds(const ScenarioDef& def) {
    std::vector<std::string> ids;
    for (const TermDef& t : def.terms) ids.push_back(t.id);
    return ids;
  }
  fs::path m_dir;
};

TEST_F(IncludeExcept, ALeftOutMeasureOrTermIsNotLoadedAndEverythingElseIs) {
  const LoadResult result = load("[{file: catalogue.yaml, except: [covert_raid, hotline_link]}]");
  ASSERT_TRUE(result.ok()) << formatDiagnostics(result);
  EXPECT_TRUE(result.diagnostics.empty()) << formatDiagnostics(result);
  EXPECT_EQ(measureIds(*result.scenario), (std::vector<std::string>{"statement", "sanctions"}));
  EXPECT_EQ(termIds(*result.scenario), (std::vector<std::string>{"pledge"}));
  EXPECT_EQ(result.scenario->includes.size(), 1u);
}

TEST_F(IncludeExcept, APlainPathStillIncludesEverything) {
  const LoadResult result = load("[catalogue.yaml]");
  ASSERT_TRUE(result.ok()) << formatDiagnostics(result);
  EXPECT_EQ(measureIds(*result.scenario),
            (std::vector<std::string>{"statement", "sanctions", "covert_raid"}));
  EXPECT_EQ(termIds(*result.scenario), (std::vector<std::string>{"pledge", "hotline_link"}));
}

TEST_F(IncludeExcept, TheScenariosOwnEntryWithALeftOutIdIsKept) {
  // Leaving the catalogue's version out and writing one's own is allowed: the scenario's stays.
  const LoadResult result = load("[{file: catalogue.yaml, except: [sanctions]}]",
                                 "measures:\n  - {id: sanctions, name: Our sanctions, category: restrictive, "
                                 "target: actor, cost: 4}\n");
  ASSERT_TRUE(result.ok()) << formatDiagnostics(result);
  EXPECT_EQ(measureIds(*result.scenario),
            (std::vector<std::string>{"statement", "covert_raid", "sanctions"}));
  EXPECT_EQ(result.scenario->measures.back().cost, 4);
}

TEST_F(IncludeExcept, AnIdTheFileDoesNotDefineIsE416WithTheNearestSuggested) {
  const LoadResult result = load("[{file: catalogue.yaml, except: [sanction]}]");
  EXPECT_FALSE(result.ok());
  ASSERT_EQ(result.diagnostics.size(), 1u) << formatDiagnostics(result);
  const Diagnostic& d = result.diagnostics[0];
  EXPECT_EQ(d.code, "E416");
  EXPECT_EQ(d.line, 5);
  EXPECT_EQ(d.suggestion, "did you mean 'sanctions'?");
}

TEST_F(IncludeExcept, ALeftOutMeasureThatIsStillReferencedIsAnUnknownMeasure) {
  const LoadResult result = load(
      "[{file: catalogue.yaml, except: [sanctions]}]\nobjectives:\n"
      "  - {id: obj, actor: alpha, description: Sanction, condition: \"used(alpha, "
      "sanctions) > 0\", score: 5}");
  EXPECT_FALSE(result.ok());
  ASSERT_FALSE(result.diagnostics.empty());
  EXPECT_EQ(result.diagnostics[0].code, "E303") << formatDiagnostics(result);  // unknown measure
}

TEST_F(IncludeExcept, AFileAndItsExceptListAreChecked) {
  const LoadResult noFile = load("[{except: [sanctions]}]");
  EXPECT_FALSE(noFile.ok());
  ASSERT_FALSE(noFile.diagnostics.empty());
  EXPECT_EQ(noFile.diagnostics[0].code, "E202") << formatDiagnostics(noFile);
  const LoadResult unknownKey = load("[{file: catalogue.yaml, exept: [sanctions]}]");
  EXPECT_FALSE(unknownKey.ok());
  ASSERT_FALSE(unknownKey.diagnostics.empty());
  EXPECT_EQ(unknownKey.diagnostics[0].code, "E201") << formatDiagnostics(unknownKey);
}

}  // namespace
