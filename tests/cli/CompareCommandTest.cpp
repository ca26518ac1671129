// `demarche compare SAVE_A SAVE_B`: two saves of one scenario side by side.
#include <gtest/gtest.h>

#include "RunDemarche.hpp"

namespace demarche::test {
namespace {

TEST(CompareCommand, TwoRunsOfOneScenarioSideBySideInEveryFormat) {
  ScratchDir dir("compare");
  const std::string scenario = sourcePath("scenarios/winter-grid.yaml");
  ASSERT_EQ(runCli("run " + scenario + " -q --log a.dlog", dir.path()).exitCode, 0);
  ASSERT_EQ(runCli("run " + scenario + " -q --seed 7 --log b.dlog", dir.path()).exitCode, 0);
  const CliResult r = runCli("compare a.dlog b.dlog --report cmp.html", dir.path());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("| Ending |"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Ukraine (score of maximum)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Who attributed what, and when"), std::string::npos) << r.output;
  const std::string html = readText(dir.path() / "cmp.html");
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("a.dlog"), std::string::npos);
  ASSERT_EQ(runCli("compare a.dlog b.dlog --report cmp.json", dir.path()).exitCode, 0);
  EXPECT_NE(readText(dir.path() / "cmp.json").find("\"first_different_turn\""), std::string::npos);
  // A save compared with itself differs nowhere.
  const CliResult same = runCli("compare a.dlog a.dlog --report same.json", dir.path());
  ASSERT_EQ(same.exitCode, 0) << same.output;
  EXPECT_NE(readText(dir.path() / "same.json").find("\"first_different_turn\": 0"), std::string::npos);
}

TEST(CompareCommand, AMissingOrTamperedSaveIsRefused) {
  ScratchDir dir("compare-bad");
  const std::string scenario = sourcePath("scenarios/winter-grid.yaml");
  ASSERT_EQ(runCli("run " + scenario + " -q --log a.dlog", dir.path()).exitCode, 0);
  EXPECT_EQ(runCli("compare a.dlog nowhere.dlog", dir.path()).exitCode, 2);
  std::string text = readText(dir.path() / "a.dlog");
  const auto at = text.find("@end ");
  ASSERT_NE(at, std::string::npos);
  text.replace(text.find(' ', at + 5) + 1, 4, "ffff");  // the final hash no longer matches
  writeText(dir.path() / "b.dlog", text);
  const CliResult r = runCli("compare a.dlog b.dlog", dir.path());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("does not replay identically"), std::string::npos) << r.output;
  EXPECT_EQ(runCli("compare a.dlog a.dlog --report x.pdf", dir.path()).exitCode, 2);
}

}  // namespace
}  // namespace demarche::test
