// `demarche validate`: documented exit codes, JSON output for tools, --strict and --summary.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

namespace {

const std::string kSource = DEMARCHE_SOURCE_DIR;

struct CommandRun {
  int exitCode = -1;
  std::string output;
};

CommandRun validate(const std::string& arguments) {
  const std::string command = "\"" + std::string(DEMARCHE_BINARY) + "\" validate " + arguments + " 2>&1";
  CommandRun run;
  FILE* pipe = popen(command.c_str(), "r");
  std::array<char, 4096> buffer{};
  while (pipe && fgets(buffer.data(), buffer.size(), pipe)) run.output += buffer.data();
  const int status = pipe ? pclose(pipe) : -1;
  run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

TEST(ValidateCommand, ExitsZeroForAValidScenario) {
  const CommandRun r = validate(kSource + "/tests/fixtures/valid/minimal.yaml");
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find(": ok"), std::string::npos);
}

TEST(ValidateCommand, ExitsOneWithFileLineColumnForErrors) {
  const CommandRun r = validate(kSource + "/tests/fixtures/invalid/E402-unknown-id.yaml");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("E402-unknown-id.yaml:15:13: error[E402]: unknown actor 'alpah'"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("did you mean 'alpha'?"), std::string::npos);
}

// Each shipped catalogue gets the one honest error (E110), not a list of "missing id" and
// "unknown meter" errors from being read as a scenario.
TEST(ValidateCommand, ShippedCataloguesAreRefusedAsCataloguesNotScenarios) {
  const CommandRun r = validate(kSource + "/scenarios/catalog/*.yaml");
  EXPECT_EQ(r.exitCode, 1) << r.output;
  for (const char* file : {"covert.yaml", "eu-bloc.yaml", "eu-toolbox.yaml", "terms.yaml"}) {
    const std::string summary = std::string(file) + ": 1 errors, 0 warnings";
    EXPECT_NE(r.output.find(summary), std::string::npos) << r.output;
  }
  EXPECT_NE(r.output.find("error[E110]: this file is a catalogue of measures and terms"), std::string::npos);
  EXPECT_EQ(r.output.find("E202"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("E303"), std::string::npos) << r.output;
}

TEST(ValidateCommand, ExitsTwoForAnUnreadableFileOrBadUsage) {
  EXPECT_EQ(validate(kSource + "/tests/fixtures/invalid/E101-missing-file.yaml").exitCode, 2);
  EXPECT_EQ(validate("").exitCode, 2);
  EXPECT_EQ(validate("--format xml " + kSource + "/tests/fixtures/valid/minimal.yaml").exitCode, 2);
}

TEST(ValidateCommand, WarningsFailOnlyWithStrict) {
  const std::string file = kSource + "/tests/fixtures/invalid/W505-no-last-turn-ending.yaml";
  EXPECT_EQ(validate(file).exitCode, 0);
  EXPECT_EQ(validate("--strict " + file).exitCode, 1);
}

TEST(ValidateCommand, JsonListsDiagnosticsPerFileWithEveryField) {
  const CommandRun r = validate("--format json " + kSource + "/tests/fixtures/invalid/E201-unknown-key.yaml");
  EXPECT_EQ(r.exitCode, 1);
  for (const char* field :
       {"\"files\"", "\"file\"", "\"line\": 6", "\"column\"", "\"severity\": \"error\"", "\"code\": \"E201\"",
        "\"message\"", "\"suggestion\": \"did you mean 'name'?\""}) {
    EXPECT_NE(r.output.find(field), std::string::npos) << field << " in\n" << r.output;
  }
}

TEST(ValidateCommand, SummaryDescribesTheScenario) {
  const CommandRun r = validate("--summary " + kSource + "/tests/fixtures/valid/full.yaml");
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("Full fixture (full-fixture v1.2)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("north [state]"), std::string::npos);
  EXPECT_NE(r.output.find("measures (3)"), std::string::npos);
}

}  // namespace
