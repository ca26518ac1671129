// The command line behaves as tools on a terminal are expected to: diagnostics on stderr and
// results on stdout; colour only on a terminal, never with NO_COLOR or TERM=dumb, and as
// --color=auto|always|never says; JSON asked for with --format json (or --json) everywhere.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

#include "RunDemarche.hpp"

namespace demarche {
namespace {

using test::runCli;

const std::string kEscape = "\033[";

std::string invalidScenario() { return test::sourcePath("tests/fixtures/invalid/E402-unknown-id.yaml"); }

using test::runShell;

std::string demarche(const std::string& arguments) {
  return "\"" + std::string(DEMARCHE_BINARY) + "\" " + arguments;
}

// `validate` on a pseudo-terminal (script(1), from util-linux), as an author runs it.
test::CliResult validateOnATerminal(const std::string& environment, const std::string& options = "") {
  return runShell("env " + environment + " script -qec '" +
                  demarche("validate " + options + " " + invalidScenario()) + "' /dev/null 2>&1");
}

TEST(Colour, OnATerminalDiagnosticsAreColouredUnlessNoColorOrADumbTerminal) {
  EXPECT_NE(validateOnATerminal("TERM=xterm").output.find(kEscape), std::string::npos);
  EXPECT_EQ(validateOnATerminal("TERM=xterm NO_COLOR=1").output.find(kEscape), std::string::npos);
  EXPECT_EQ(validateOnATerminal("TERM=dumb").output.find(kEscape), std::string::npos);
  EXPECT_EQ(validateOnATerminal("TERM=xterm", "--color=never").output.find(kEscape), std::string::npos);
  // NO_COLOR set but empty does not count (https://no-color.org).
  EXPECT_NE(validateOnATerminal("TERM=xterm NO_COLOR=").output.find(kEscape), std::string::npos);
}

TEST(Colour, TheColorOptionWinsAndIsCheckedForEveryCommand) {
  const auto always = runCli("validate --color=always " + invalidScenario());
  EXPECT_EQ(always.exitCode, 1);
  EXPECT_NE(always.output.find(kEscape), std::string::npos) << always.output;
  EXPECT_NE(runCli("--color always validate " + invalidScenario()).output.find(kEscape), std::string::npos);
  EXPECT_NE(runShell("NO_COLOR=1 " + demarche("validate --color=always " + invalidScenario()) + " 2>&1")
                .output.find(kEscape),
            std::string::npos);
  EXPECT_EQ(runCli("validate " + invalidScenario()).output.find(kEscape),
            std::string::npos);  // not a terminal
  const auto run = runCli("run " + invalidScenario() + " -q --color=always");
  EXPECT_NE(run.output.find(kEscape), std::string::npos) << run.output;
  const auto wrong = runCli("validate --color=rainbow " + invalidScenario());
  EXPECT_EQ(wrong.exitCode, 2);
  EXPECT_NE(wrong.output.find("--color"), std::string::npos) << wrong.output;
}

TEST(Streams, DiagnosticsGoToStderrAndTheVerdictToStdout) {
  const auto stdoutOnly = runShell(demarche("validate " + invalidScenario()) + " 2>/dev/null");
  EXPECT_EQ(stdoutOnly.output.find("error[E402]"), std::string::npos) << stdoutOnly.output;
  EXPECT_NE(stdoutOnly.output.find("E402-unknown-id.yaml: 1 errors"), std::string::npos) << stdoutOnly.output;
  const auto stderrOnly = runShell(demarche("validate " + invalidScenario()) + " 2>&1 >/dev/null");
  EXPECT_NE(stderrOnly.output.find("error[E402]: unknown actor 'alpah'"), std::string::npos)
      << stderrOnly.output;
  const auto run = runShell(demarche("run " + invalidScenario() + " -q") + " 2>/dev/null");
  EXPECT_EQ(run.output, "");
  EXPECT_EQ(run.exitCode, 1);
}

// Every subcommand, given a broken input or a wrong option, says why on stderr and writes nothing
// on stdout, so `demarche ... > result` never leaves an error message in the result (`validate`
// prints its verdict on stdout, by design: the test above).
TEST(Streams, EveryCommandsDiagnosticsAndUsageErrorsGoToStderrOnly) {
  const std::string bad = invalidScenario();
  const std::string good = test::sourcePath("scenarios/winter-grid.yaml");
  const struct {
    std::string arguments;
    std::string onStderr;
  } cases[] = {
      {"run " + bad + " -q", "error[E402]"},
      {"simulate " + bad + " -n 1", "error[E402]"},
      {"brief " + bad + " --as room", "error[E402]"},
      {"replay /nonexistent/x.dlog", "x.dlog"},
      {"compare /nonexistent/a.dlog /nonexistent/b.dlog", "a.dlog"},
      {"brief " + good + " --as nobody", "no such actor"},
      {"run " + good + " --no-such-option", "--no-such-option"},
      {"valdiate " + good, "did you mean 'validate'"},
      {"schema scenarios", "catalogue"},
  };
  for (const auto& c : cases) {
    const auto stdoutOnly = runShell(demarche(c.arguments) + " 2>/dev/null");
    EXPECT_NE(stdoutOnly.exitCode, 0) << c.arguments;
    EXPECT_EQ(stdoutOnly.output, "") << c.arguments;
    const auto stderrOnly = runShell(demarche(c.arguments) + " 2>&1 >/dev/null");
    EXPECT_NE(stderrOnly.output.find(c.onStderr), std::string::npos) << c.arguments << "\n"
                                                                     << stderrOnly.output;
  }
}

TEST(Json, ValidateTakesFormatJsonOrJsonAndItsSummaryIsInTheDocument) {
  const std::string file = test::sourcePath("tests/fixtures/valid/full.yaml");
  const auto json = runShell(demarche("validate --format json --summary " + file) + " 2>/dev/null");
  ASSERT_EQ(json.exitCode, 0) << json.output;
  EXPECT_EQ(json.output.front(), '{');
  for (const char* key : {"\"summaries\"", "\"id\": \"full-fixture\"", "\"turns\": 5", "\"actors\"",
                          "\"measures_by_category\"", "\"content_hash\"", "\"exit_code\": 0"})
    EXPECT_NE(json.output.find(key), std::string::npos) << key << " in\n" << json.output;
  EXPECT_EQ(runShell(demarche("validate --json --summary " + file) + " 2>/dev/null").output, json.output);
  const std::string scenario = test::sourcePath("scenarios/winter-grid.yaml");
  const auto brief = runCli("brief " + scenario + " --as room --json");
  ASSERT_EQ(brief.exitCode, 0) << brief.output;
  EXPECT_EQ(brief.output, runCli("brief " + scenario + " --as room --format json").output);
}

}  // namespace
}  // namespace demarche
