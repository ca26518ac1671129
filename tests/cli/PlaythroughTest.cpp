// Golden playthroughs: `demarche run` on every shipped scenario with fixed seeds and scripted
// decisions must produce exactly the committed markdown report tests/golden/<scenario>-seed<N>.md.
// A difference is a change of behaviour: if it is meant, run scripts/regenerate-golden and
// review the diff; otherwise it is a bug. (The final state hash is not compared: see maskHash.)
#include <gtest/gtest.h>

#include <regex>

#include "RunDemarche.hpp"

namespace demarche {
namespace {

namespace fs = std::filesystem;
using test::runCli;

struct Golden {
  std::string scenario;
  std::string seed;
  fs::path file;
};

std::vector<Golden> goldens() {
  std::vector<Golden> out;
  const std::regex name("(.+)-seed([0-9]+)\\.md");
  for (const auto& e : fs::directory_iterator(test::sourcePath("tests/golden"))) {
    std::smatch m;
    const std::string file = e.path().filename().string();
    if (std::regex_match(file, m, name)) out.push_back({m[1], m[2], e.path()});
  }
  std::sort(out.begin(), out.end(), [](const Golden& a, const Golden& b) { return a.file < b.file; });
  return out;
}

// The final state hash is left out of the comparison: it changes with the hash function's
// implementation, not only with behaviour; everything a player sees is compared (and
// `replay` below checks the hashes of the log).
std::string maskHash(const std::string& text) {
  static const std::regex hash("Final state `[0-9a-f]{16}`");
  return std::regex_replace(text, hash, "Final state `<hash>`");
}

// The first line that differs, for a readable failure.
std::string firstDifference(const std::string& expected, const std::string& actual) {
  std::istringstream a(expected), b(actual);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool moreA = static_cast<bool>(std::getline(a, la));
    const bool moreB = static_cast<bool>(std::getline(b, lb));
    if (!moreA && !moreB) return "identical";
    if (la != lb || moreA != moreB) {
      return "line " + std::to_string(line) + ":\n  golden: " + (moreA ? la : "<end>") +
             "\n  now:    " + (moreB ? lb : "<end>");
    }
  }
}

TEST(Playthrough, EveryShippedScenarioHasGoldenTranscripts) {
  for (const auto& e : fs::directory_iterator(test::sourcePath("scenarios"))) {
    if (e.path().extension() != ".yaml") continue;
    const std::string name = e.path().stem().string();
    bool found = false;
    for (const Golden& g : goldens()) found = found || g.scenario == name;
    EXPECT_TRUE(found) << "no tests/golden/" << name << "-seed<N>.md: run scripts/regenerate-golden";
  }
}

TEST(Playthrough, RunsReproduceTheGoldenTranscripts) {
  const auto all = goldens();
  ASSERT_FALSE(all.empty());
  test::ScratchDir dir("golden");
  for (const Golden& g : all) {
    const fs::path decisions = test::sourcePath("tests/golden/" + g.scenario + ".decisions.yaml");
    const fs::path report = dir / (g.scenario + "-seed" + g.seed + ".md");
    std::string args = "run scenarios/" + g.scenario + ".yaml --seed " + g.seed + " --quiet --log \"" +
                       (dir / "golden.dlog").string() + "\" --report \"" + report.string() + "\"";
    if (fs::exists(decisions)) args += " --decisions tests/golden/" + g.scenario + ".decisions.yaml";
    const auto result = runCli(args);
    ASSERT_EQ(result.exitCode, 0) << result.output;
    // Scripted decisions of a golden run are all legal: a refusal would be a silent change.
    EXPECT_EQ(result.output.find("refused"), std::string::npos) << result.output;
    const std::string expected = maskHash(test::readText(g.file));
    const std::string actual = maskHash(test::readText(report));
    EXPECT_TRUE(expected == actual)
        << g.file.filename().string() << " differs at " << firstDifference(expected, actual)
        << "\nIf the change is meant: scripts/regenerate-golden, then review the diff.";
    // The log of the run replays to the same hashes.
    const auto replay = runCli("replay \"" + (dir / "golden.dlog").string() + "\"");
    EXPECT_EQ(replay.exitCode, 0) << replay.output;
  }
}

}  // namespace
}  // namespace demarche
