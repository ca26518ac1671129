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
    EXPECT_NE(r.exitCode, 124) << "it waited on the FIFO";
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

}  // namespace
}  // namespace demarche
