// Only regular files are read: a FIFO (which would make the program wait forever for a
// writer), a device or a directory given where a scenario, a save, a decisions file or an
// included catalogue is expected is refused at once with an E101-style message and exit 2.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "RunDemarche.hpp"

namespace demarche {
namespace {

using test::runCli;
using test::ScratchDir;

TEST(SpecialFiles, AFifoIsRefusedWhereverAFileIsExpected) {
  ScratchDir dir("special-files");
  const std::string fifo = (dir / "pipe").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string scenario = test::sourcePath("scenarios/winter-grid.yaml");
  const std::vector<std::string> commands = {"validate pipe",
                                             "run pipe",
                                             "replay pipe",
                                             "brief pipe --as ukr",
                                             "run " + scenario + " --resume pipe",
                                             "run " + scenario + " --decisions pipe"};
  for (const std::string& args : commands) {
    SCOPED_TRACE(args);
    const auto r = runCli(args, dir.path());
    EXPECT_EQ(r.exitCode, 2) << r.output;
    EXPECT_NE(r.output.find("named pipe (FIFO), not a regular file"), std::string::npos) << r.output;
  }
}

TEST(SpecialFiles, AnIncludeNamingAFifoOrADeviceIsAnE403AtTheInclude) {
  ScratchDir dir("special-include");
  ASSERT_EQ(::mkfifo((dir / "pipe.yaml").string().c_str(), 0600), 0);
  std::string text = test::readText(test::sourcePath("tests/fixtures/valid/full.yaml"));
  const std::string from = "include: [catalog/basic.yaml]";
  for (const std::string& target : {std::string("pipe.yaml"), std::string("/dev/zero")}) {
    SCOPED_TRACE(target);
    std::string scenario = text;
    scenario.replace(scenario.find(from), from.size(), "include: [" + target + "]");
    test::writeText(dir / "s.yaml", scenario);
    const auto r = runCli("validate s.yaml", dir.path());
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("s.yaml:18:"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("E403"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("not a regular file"), std::string::npos) << r.output;
  }
}

// Seeds have one range everywhere, 0..2^53, the scenario file's; a number outside it is refused
// in words rather than wrapped around (-1 used to play seed 18446744073709551615).
TEST(CommandLine, SeedsOutsideZeroToTwoToThe53AreRefusedInWords) {
  const std::string scenario = test::sourcePath("scenarios/winter-grid.yaml");
  for (const std::string& command : {std::string("run"), std::string("simulate")}) {
    for (const std::string& seed : {std::string("-1"), std::string("99999999999999999999"),
                                    std::string("9007199254740993"), std::string("1e3"), std::string("x")}) {
      SCOPED_TRACE(command + " --seed " + seed);
      const auto r = runCli(command + " " + scenario + " -q --seed " + seed, test::sourcePath("docs"));
      EXPECT_EQ(r.exitCode, 2) << r.output;
      EXPECT_NE(r.output.find("the seed must be a whole number from 0 to 9007199254740992 (2^53), not '" +
                              seed + "'"),
                std::string::npos)
          << r.output;
    }
  }
}

TEST(CommandLine, AFailedWriteToStandardOutputExits2) {
  // (runCli sends stderr where stdout goes, so the message is lost with the output here.)
  EXPECT_EQ(runCli("schema > /dev/full").exitCode, 2);
  EXPECT_EQ(runCli("validate " + test::sourcePath("scenarios/winter-grid.yaml") + " --summary > /dev/full")
                .exitCode,
            2);
  EXPECT_EQ(runCli("schema > /dev/null").exitCode, 0);
  EXPECT_EQ(
      runCli("brief " + test::sourcePath("scenarios/winter-grid.yaml") + " --as ukr > /dev/full").exitCode,
      2);
}

TEST(CommandLine, AReportThatCannotBeWrittenExits2NamingTheFile) {
  ScratchDir dir("unwritable-report");
  const std::string scenario = test::sourcePath("scenarios/winter-grid.yaml");
  ASSERT_EQ(runCli("run " + scenario + " -q --stop-after 1 --log a.dlog", dir.path()).exitCode, 0);
  for (const std::string& command :
       {"run " + scenario + " -q --stop-after 1 --log b.dlog --report no-dir/r.html",
        std::string("replay a.dlog --report no-dir/r.html"),
        std::string("compare a.dlog a.dlog --report no-dir/r.html")}) {
    SCOPED_TRACE(command);
    const auto r = runCli(command, dir.path());
    EXPECT_EQ(r.exitCode, 2) << r.output;
    EXPECT_NE(r.output.find("cannot create 'no-dir/r.html': No such file or directory"), std::string::npos)
        << r.output;
  }
}

TEST(CommandLine, AnEmptyDecisionsFileGetsTheDecisionsFilesHint) {
  ScratchDir dir("empty-decisions");
  test::writeText(dir / "empty.yaml", "");
  const auto r = runCli(
      "run " + test::sourcePath("scenarios/winter-grid.yaml") + " -q --decisions empty.yaml", dir.path());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("the file is empty: expected a list of turns"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("format: 1"), std::string::npos) << r.output;
}

TEST(CommandLine, AnUnknownCommandGetsASuggestionAndHelpWorksAsACommand) {
  auto r = runCli("valdiate x.yaml");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.output.find("no such command 'valdiate'; did you mean 'validate'?"), std::string::npos)
      << r.output;
  r = runCli("VALIDATE x.yaml");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.output.find("no such command 'VALIDATE'; did you mean 'validate'?"), std::string::npos)
      << r.output;
  r = runCli("help valdiate");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.output.find("did you mean 'validate'?"), std::string::npos) << r.output;
  r = runCli("help validate");
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("Usage: demarche validate"), std::string::npos) << r.output;
  r = runCli("-V");
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_EQ(r.output.rfind("demarche ", 0), 0u) << r.output;
  EXPECT_EQ(runCli("validate " + test::sourcePath("scenarios/winter-grid.yaml")).exitCode, 0);
}

TEST(CommandLine, FormatJsonIsHowEveryCommandIsAskedForJson) {
  const std::string scenario = test::sourcePath("scenarios/winter-grid.yaml");
  const auto json = runCli("simulate " + scenario + " -n 2 --format json");
  ASSERT_EQ(json.exitCode, 0) << json.output;
  EXPECT_EQ(json.output, runCli("simulate " + scenario + " -n 2 --json").output);  // the alias
  EXPECT_EQ(json.output.front(), '{');
  EXPECT_EQ(runCli("simulate " + scenario + " -n 1 --format xml").exitCode, 2);
}

TEST(CommandLine, TurnOptionsSayTheirRangeInWords) {
  const std::string scenario = test::sourcePath("scenarios/winter-grid.yaml");
  const auto r = runCli("run " + scenario + " -q --stop-after 0");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.output.find("--stop-after: expected a turn number, a whole number from 1, not '0'"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("1797693134862315708"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace demarche
