// Hostile input never crashes, hangs or eats memory: each case gets a clear error and
// `demarche validate` exits 1 within 2 s under a 256 MB address-space limit.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "scenario/Loader.hpp"

namespace fs = std::filesystem;
using namespace demarche::scenario;

namespace {

struct Case {
  std::string name;
  std::string text;
  std::string code;  // the diagnostic expected first
};

std::string repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

std::vector<Case> hostileCases() {
  std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [" + repeat(std::string("*") + char(c - 1) + ",", 8) + "*" +
            char(c - 1) + "]\n";
  }
  std::string keys;
  for (int i = 0; i < 300000; ++i) keys += std::to_string(i) + ": 1\n";
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 7919) & 0xFF);
  return {
      {"deep_flow_nesting", "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n", "E108"},
      {"deep_block_nesting",
       [] {
         std::string s;
         for (int i = 0; i < 1000; ++i) s += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
         return s;
       }(),
       "E108"},
      {"alias_bomb", bomb + "format: 1\nid: x\ntitle: x\nactors: *j\nauthors: *j\nlearning_objectives: *j\n",
       ""},
      {"over_size_cap", "# " + std::string(5 * 1024 * 1024, 'x') + "\n", "E102"},
      {"binary_garbage", binary, "E104"},
      {"nul_bytes", std::string("format: 1\nid: a\0b\n", 18), "E104"},
      {"invalid_utf8", "format: 1\ntitle: caf\xC3(\n", "E104"},
      {"several_documents", "format: 1\n---\nformat: 1\n", "E105"},
      {"empty_file", "", "E106"},
      {"scalar_top_level", "hello\n", "E107"},
      {"list_top_level", "- a\n- b\n", "E107"},
      {"lone_comma", ",\n", "E103"},
      {"absurd_numbers",
       "format: 1\nid: a\ntitle: A\nturns: 1e999\nactors: []\nescalation: {initial_tension: .nan, rungs: "
       "[]}\n",
       "E207"},
      {"huge_mapping", keys, "E201"},
  };
}

class HostileInput : public ::testing::TestWithParam<Case> {};

TEST_P(HostileInput, LoaderReturnsAClearErrorQuickly) {
  const Case& c = GetParam();
  const auto start = std::chrono::steady_clock::now();
  const LoadResult r = loadScenarioFromString(c.text, c.name + ".yaml");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(r.ok());
  ASSERT_FALSE(r.diagnostics.empty());
  if (!c.code.empty()) {
    const bool found = std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                                   [&](const Diagnostic& d) { return d.code == c.code; });
    EXPECT_TRUE(found) << formatDiagnostics(r).substr(0, 2000);
  }
  EXPECT_LT(seconds, 2.0);
  EXPECT_LE(r.diagnostics.size(), 100u);
}

TEST_P(HostileInput, ValidateExitsOneWithinTwoSecondsUnder256MB) {
  const Case& c = GetParam();
  const fs::path file = fs::temp_directory_path() / ("demarche-hostile-" + c.name + ".yaml");
  std::ofstream(file, std::ios::binary) << c.text;
  const std::string command = "sh -c 'ulimit -v 262144; timeout 2 \"" + std::string(DEMARCHE_BINARY) +
                              "\" validate \"" + file.string() + "\" >/dev/null 2>&1'";
  const int status = std::system(command.c_str());
  fs::remove(file);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1) << "124 means timeout; other codes mean a crash or out of memory";
}

INSTANTIATE_TEST_SUITE_P(Cases, HostileInput, ::testing::ValuesIn(hostileCases()),
                         [](const ::testing::TestParamInfo<Case>& param) { return param.param.name; });

TEST(HostileInput, TooManyNodesIsRefused) {
  LoadOptions options;
  options.maxNodes = 1000;
  std::string text = "format: 1\nauthors: [" + repeat("a, ", 2000) + "a]\n";
  const LoadResult r = loadScenarioFromString(text, "nodes.yaml", options);
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics.front().code, "E109");
}

TEST(HostileInput, AliasesThatMultiplyWorkHitTheBudget) {
  std::string text =
      "format: 1\nid: a\ntitle: A\nescalation: {rungs: [{id: r, name: R, threshold: 0}]}\nactors:\n"
      "  - &a {id: b, name: B, kind: state, meters: {";
  for (int i = 0; i < 500; ++i) {
    text += 'm';
    text += std::to_string(i);
    text += ": 1, ";
  }
  text += "z: 1}}\n";
  for (int i = 0; i < 2000; ++i) text += "  - *a\n";
  const auto start = std::chrono::steady_clock::now();
  const LoadResult r = loadScenarioFromString(text, "work.yaml");
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 2.0);
  const bool budget = std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                                  [](const Diagnostic& d) { return d.code == "E109"; });
  EXPECT_TRUE(budget);
}

}  // namespace
