// Hostile input never crashes, hangs or eats memory: each case gets a clear error, the
// loader's work stays linear in what it parsed, and `demarche validate` exits 1 with a peak
// resident set under 256 MB. Nothing here reads a clock (a busy machine must not fail the
// suite): how long these take is measured by bench/load_bench.cpp.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "../tools/PeakRssRun.hpp"
#include "HostileCases.hpp"
#include "scenario/Loader.hpp"

namespace fs = std::filesystem;
using namespace demarche::scenario;
using demarche::test::HostileCase;
using demarche::test::hostileCases;
using demarche::test::repeatText;

namespace {

// The loader's own bounds (LoadOptions, LoadWork): parsing stops at maxNodes nodes and the
// structure pass at 2 visits per node + 10,000 per file, so the work is linear in the input.
void expectBoundedWork(const LoadResult& r, const LoadOptions& options = {}) {
  EXPECT_LE(r.work.bytesParsed, r.work.files * options.maxFileBytes);
  EXPECT_LE(r.work.yamlNodes, r.work.files * options.maxNodes);
  EXPECT_LE(r.work.visitBudget, 2 * r.work.yamlNodes + 10000 * r.work.files);
  EXPECT_LE(r.work.nodesVisited, r.work.visitBudget);
}

// `demarche validate file`, its peak resident set measured (tests/tools/PeakRssRun.hpp). A hang
// is turned into a failure by ctest's per-test TIMEOUT (tests/CMakeLists.txt).
demarche::test::PeakRun validateInChild(const fs::path& file) {
  return demarche::test::runWithPeakRss({"validate", file.string()},
                                        fs::path(file).replace_extension(".rss"));
}

class HostileInput : public ::testing::TestWithParam<HostileCase> {};

TEST_P(HostileInput, LoaderRefusesWithAClearErrorAndBoundedWork) {
  const HostileCase& c = GetParam();
  const LoadResult r = loadScenarioFromString(c.text, c.name + ".yaml");
  EXPECT_FALSE(r.ok());
  ASSERT_FALSE(r.diagnostics.empty());
  if (!c.code.empty()) {
    const bool found = std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                                   [&](const Diagnostic& d) { return d.code == c.code; });
    EXPECT_TRUE(found) << formatDiagnostics(r).substr(0, 2000);
  }
  EXPECT_LE(r.diagnostics.size(), 100u);
  expectBoundedWork(r);
}

// 256 MB, generous but meaningful. Measured 2026-12-01 with /usr/bin/time: huge_mapping
// (2.9 MB, 600,000 nodes) peaks at 61 MB in a release build and 94 MB under ASan without its
// quarantine; a mapping just under the 4 MiB size cap at 85 MB and 127 MB. An alias bomb
// expanded, or a parser that kept every level of a 100,000-deep nesting, would need gigabytes.
TEST_P(HostileInput, ValidateExitsOneWithAPeakResidentSetUnder256MB) {
  const HostileCase& c = GetParam();
  const fs::path file =
      fs::temp_directory_path() / ("demarche-hostile-" + c.name + "-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(file, std::ios::binary) << c.text;
  const demarche::test::PeakRun run = validateInChild(file);
  fs::remove(file);
  ASSERT_TRUE(run.exited) << "killed by a signal (a crash), or the helper failed";
  EXPECT_EQ(run.exitCode, 1) << "1 means a clear refusal; 127 means the binary could not be run";
  EXPECT_GT(run.peakRssKiB, 0) << "the measurement itself failed";
  EXPECT_LT(run.peakRssKiB, 256 * 1024) << "peak resident set " << run.peakRssKiB / 1024 << " MB";
}

INSTANTIATE_TEST_SUITE_P(Cases, HostileInput, ::testing::ValuesIn(hostileCases()),
                         [](const ::testing::TestParamInfo<HostileCase>& param) { return param.param.name; });

TEST(HostileInput, TooManyNodesIsRefused) {
  LoadOptions options;
  options.maxNodes = 1000;
  std::string text = "format: 1\nauthors: [" + repeatText("a, ", 2000) + "a]\n";
  const LoadResult r = loadScenarioFromString(text, "nodes.yaml", options);
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics.front().code, "E109");
  EXPECT_LE(r.work.yamlNodes, options.maxNodes) << "parsing stops at the limit";
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
  const LoadResult r = loadScenarioFromString(text, "work.yaml");
  const bool budget = std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                                  [](const Diagnostic& d) { return d.code == "E109"; });
  EXPECT_TRUE(budget);
  // 2,000 aliases of a 1,000-node actor would be 2 million visits; the budget stops far sooner.
  EXPECT_EQ(r.work.nodesVisited, r.work.visitBudget);
  EXPECT_LT(r.work.nodesVisited, 20000u);
}

}  // namespace
