// Specifications of `demarche schema`: the schema editors use is exactly what the binary
// prints, and it describes both scenario files and catalogue files.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace {

struct CommandResult {
  std::string output;
  int exitCode = -1;
};

// Runs the built `demarche` binary and captures its standard output.
CommandResult runDemarche(const std::string& arguments) {
  CommandResult result;
  const std::string command = std::string("\"") + DEMARCHE_BINARY + "\" " + arguments;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

TEST(SchemaCommand, PrintsExactlyTheCommittedSchemaJson) {
  const CommandResult result = runDemarche("schema");
  ASSERT_EQ(result.exitCode, 0);
  const std::string committed = readFile(std::string(DEMARCHE_SOURCE_DIR) + "/scenarios/schema.json");
  ASSERT_FALSE(committed.empty()) << "scenarios/schema.json is missing";
  EXPECT_TRUE(result.output == committed)
      << "scenarios/schema.json is out of date with `demarche schema`. Regenerate it with:\n"
      << "    build/demarche schema > scenarios/schema.json\n"
      << "and commit the result.";
}

TEST(SchemaCommand, IsADraft07SchemaThatClosesEveryMapping) {
  const CommandResult result = runDemarche("schema");
  ASSERT_EQ(result.exitCode, 0);
  EXPECT_NE(result.output.find("\"$schema\": \"http://json-schema.org/draft-07/schema#\""),
            std::string::npos);
  EXPECT_NE(result.output.find("\"additionalProperties\": false"), std::string::npos);
}

TEST(SchemaCommand, DescribesScenariosAndCatalogues) {
  const CommandResult result = runDemarche("schema");
  ASSERT_EQ(result.exitCode, 0);
  EXPECT_NE(result.output.find("\"scenario\": {"), std::string::npos);
  EXPECT_NE(result.output.find("\"catalogue\": {"), std::string::npos);
}

TEST(SchemaCommand, HelpNamesTheRegenerationCommand) {
  const CommandResult result = runDemarche("schema --help");
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_NE(result.output.find("scenarios/schema.json"), std::string::npos);
}

}  // namespace
