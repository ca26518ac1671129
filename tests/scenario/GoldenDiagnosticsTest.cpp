// Golden tests: every diagnostic code has a fixture in tests/fixtures/invalid/ whose exact
// text output is kept next to it (.expected). scripts/regenerate-fixtures rewrites them
// on purpose (it runs this test with DEMARCHE_REGENERATE_GOLDENS=1).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "scenario/Loader.hpp"

namespace fs = std::filesystem;
using namespace demarche::scenario;

namespace {

const fs::path kSource = DEMARCHE_SOURCE_DIR;
const fs::path kInvalid = kSource / "tests/fixtures/invalid";

// Fixture names: every .yaml and .expected directly in the folder (E101's file is missing
// on purpose, so it exists only as .expected).
std::vector<std::string> fixtureNames() {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(kInvalid)) {
    const fs::path& p = entry.path();
    if (entry.is_regular_file() && (p.extension() == ".yaml" || p.extension() == ".expected")) {
      names.insert(p.stem().string());
    }
  }
  return {names.begin(), names.end()};
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string goldenOutput(const std::string& name, LoadResult& result) {
  LoadOptions options;
  options.displayBase = kSource;
  // A 4 MiB fixture would bloat the repository; the cap is the same code path at any size.
  if (name.starts_with("E102")) options.maxFileBytes = 64;
  result = loadScenario(kInvalid / (name + ".yaml"), options);
  return formatDiagnostics(result);
}

class GoldenDiagnostics : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenDiagnostics, OutputMatchesTheExpectedFile) {
  const std::string name = GetParam();
  LoadResult result;
  const std::string actual = goldenOutput(name, result);
  const fs::path expectedPath = kInvalid / (name + ".expected");
  if (std::getenv("DEMARCHE_REGENERATE_GOLDENS") != nullptr) {
    std::ofstream(expectedPath, std::ios::binary) << actual;
    GTEST_SKIP() << "regenerated " << expectedPath;
  }
  ASSERT_TRUE(fs::exists(expectedPath)) << "missing golden; run scripts/regenerate-fixtures";
  EXPECT_EQ(readFile(expectedPath), actual);
  // The fixture named after a code must produce that code.
  const std::string code = name.substr(0, 4);
  if (code[0] == 'E' || code[0] == 'W') {
    const bool found = std::any_of(
        result.diagnostics.begin(), result.diagnostics.end(),
        [&](const Diagnostic& d) { return code == "E3xx" ? d.code.starts_with("E3") : d.code == code; });
    EXPECT_TRUE(found) << name << " does not produce " << code;
  }
  // A fixture with errors yields no scenario; one with only warnings still loads.
  EXPECT_EQ(result.ok(), result.errorCount() == 0 && result.suppressed == 0);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, GoldenDiagnostics, ::testing::ValuesIn(fixtureNames()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string id = param.param;
                           std::replace_if(
                               id.begin(), id.end(),
                               [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
                           return id;
                         });

TEST(GoldenDiagnostics, EveryDocumentedCodeHasAFixture) {
  const std::vector<std::string> codes = {
      "E101", "E102", "E103", "E104", "E105", "E106", "E107", "E108", "E109", "E110", "E201",
      "E202", "E203", "E204", "E205", "E206", "E207", "E208", "E209", "E210", "E211", "E401",
      "E402", "E403", "E404", "E405", "E406", "E407", "E408", "E409", "E410", "E411", "E413",
      "E414", "E415", "E416", "W501", "W502", "W503", "W504", "W505", "W506"};
  const auto names = fixtureNames();
  for (const std::string& code : codes) {
    const bool found = std::any_of(names.begin(), names.end(),
                                   [&](const std::string& n) { return n.starts_with(code + "-"); });
    EXPECT_TRUE(found) << "no fixture for " << code;
  }
  // ... and every code is in the author's guide with a fix.
  const std::string guide = readFile(kSource / "docs/scenario-format.md");
  for (const std::string& code : codes)
    EXPECT_NE(guide.find("`" + code + "`"), std::string::npos) << code << " undocumented";
}

}  // namespace
