// A hostile save costs memory in proportion to its size: a 60 MiB log of pause/resume lines
// (under the 64 MiB cap) used to peak at 724 MiB to 1.2 GB before being refused; every command
// that reads a save now refuses it at the line past kMaxSaveCommands, within twice its size.
// The peak is the child's own, from wait4 (tests/tools/PeakRss.cpp), never an address-space
// limit; nothing is timed, and a 60 s watchdog turns a hang into a failure.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "../tools/PeakRssRun.hpp"
#include "RunDemarche.hpp"

namespace demarche {
namespace {

using test::ScratchDir;

using test::PeakRun;

PeakRun runWithPeakRss(const std::vector<std::string>& arguments, const std::filesystem::path& dir) {
  return test::runWithPeakRss(arguments, dir / "peak.txt", dir, 60);
}

TEST(HostileSave, A60MiBLogOfPauseAndResumeIsRefusedWithinTwiceItsSizeInMemory) {
  ScratchDir dir("hostile-save");
  const std::string scenario = test::sourcePath("scenarios/winter-grid.yaml");
  std::ofstream out(dir / "big.dlog", std::ios::binary);
  out << "demarche-save 2\nscenario winter-grid\nscenario-hash 0011223344556677\nscenario-file " << scenario
      << "\nseed 1\n@turn 1 0011223344556677\n";
  std::string block;
  for (int i = 0; i < 1000; ++i) block += "[facilitator] pause\n[facilitator] resume\n";
  std::size_t size = 0;
  std::size_t commands = 0;
  while (size < 60u * 1024 * 1024) {
    out << block;
    size += block.size();
    commands += 2000;
  }
  out << "@end " << commands << " 0011223344556677\n";
  out.close();
  const long sizeKiB = static_cast<long>(std::filesystem::file_size(dir / "big.dlog") / 1024);

  const std::vector<std::vector<std::string>> commandLines = {
      {"replay", "big.dlog"},
      {"run", scenario, "-q", "--resume", "big.dlog", "--log", "out.dlog"},
      {"brief", "big.dlog", "--as", "ukr"},
      {"compare", "big.dlog", "big.dlog"}};
  for (const auto& arguments : commandLines) {
    SCOPED_TRACE(arguments.front());
    const PeakRun run = runWithPeakRss(arguments, dir.path());
    ASSERT_TRUE(run.exited) << "killed by a signal (a crash or the 60 s watchdog), or not run";
    EXPECT_NE(run.exitCode, 0);
    EXPECT_GT(run.peakRssKiB, 0) << "the measurement itself failed";
    EXPECT_LT(run.peakRssKiB, 2 * sizeKiB)
        << "peak resident set " << run.peakRssKiB / 1024 << " MiB for a " << sizeKiB / 1024 << " MiB file";
  }
  const auto r = test::runCli("replay big.dlog", dir.path());
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.output.find("big.dlog:100007:1: more than 100000 commands"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace demarche
