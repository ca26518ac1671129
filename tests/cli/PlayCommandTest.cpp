// `demarche` and `demarche play` on a machine with no display: one line saying so, then the
// headless demo (the window itself is tested under Xvfb by tests/ui/run-ui-script.sh).
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "RunDemarche.hpp"

namespace demarche::test {
namespace {

// Unsets DISPLAY for the child processes of one test.
class NoDisplay {
 public:
  NoDisplay() {
    if (const char* d = std::getenv("DISPLAY")) m_saved = d;
    unsetenv("DISPLAY");
  }
  ~NoDisplay() {
    if (m_saved) setenv("DISPLAY", m_saved->c_str(), 1);
  }

 private:
  std::optional<std::string> m_saved;
};

TEST(PlayCommand, WithNoDisplayDemarcheSaysSoInOneLineAndPlaysTheHeadlessDemo) {
  NoDisplay noDisplay;
  ScratchDir dir("play-no-display");
  const CliResult r = runCli("", dir.path());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const std::string first = r.output.substr(0, r.output.find('\n'));
  EXPECT_NE(first.find("no display"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("ended at"), std::string::npos) << "the demo plays an exercise to its end:\n"
                                                          << r.output;
  EXPECT_NE(readText(dir.path() / "out/debrief.html").find("<html"), std::string::npos);
  EXPECT_TRUE(std::filesystem::is_regular_file(dir.path() / "out/exercise.dlog"));
}

TEST(PlayCommand, ScreenshotsAndScriptsNeedADisplayAndSaySo) {
  NoDisplay noDisplay;
  ScratchDir dir("play-no-display-frames");
  const CliResult r = runCli("play --frames 2 --screenshot x.png", dir.path());
  EXPECT_EQ(r.exitCode, 2) << r.output;
  EXPECT_NE(r.output.find("xvfb-run"), std::string::npos) << r.output;
}

TEST(PlayCommand, AnUnknownSeatOrLanguageIsAUsageError) {
  NoDisplay noDisplay;
  const CliResult lang = runCli("play scenarios/winter-grid.yaml --lang fr");
  EXPECT_EQ(lang.exitCode, 2) << lang.output;
  const CliResult scale = runCli("play --scale 4");
  EXPECT_EQ(scale.exitCode, 2) << scale.output;
  const CliResult resume = runCli("play --resume out/x.dlog");
  EXPECT_EQ(resume.exitCode, 2) << resume.output;
  EXPECT_NE(resume.output.find("needs the SCENARIO"), std::string::npos) << resume.output;
}

}  // namespace
}  // namespace demarche::test
