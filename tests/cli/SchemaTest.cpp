// Specifications of `demarche schema`: the schema editors use is exactly what the binary
// prints, and it describes both scenario files and catalogue files.
#include <gtest/gtest.h>

#include <string>

#include "RunDemarche.hpp"

namespace demarche {
namespace {

using test::CliResult;
using test::readText;
using test::runCli;
using test::sourcePath;

TEST(SchemaCommand, PrintsExactlyTheCommittedSchemaJson) {
  const CliResult result = runCli("schema");
  ASSERT_EQ(result.exitCode, 0);
  const std::string committed = readText(sourcePath("scenarios/schema.json"));
  ASSERT_FALSE(committed.empty()) << "scenarios/schema.json is missing";
  EXPECT_TRUE(result.output == committed)
      << "scenarios/schema.json is out of date with `demarche schema`. Regenerate it with:\n"
      << "    build/demarche schema > scenarios/schema.json\n"
      << "and commit the result.";
}

TEST(SchemaCommand, IsADraft07SchemaThatClosesEveryMapping) {
  const CliResult result = runCli("schema");
  ASSERT_EQ(result.exitCode, 0);
  EXPECT_NE(result.output.find("\"$schema\": \"http://json-schema.org/draft-07/schema#\""),
            std::string::npos);
  EXPECT_NE(result.output.find("\"additionalProperties\": false"), std::string::npos);
}

TEST(SchemaCommand, DescribesScenariosAndCatalogues) {
  const CliResult result = runCli("schema");
  ASSERT_EQ(result.exitCode, 0);
  EXPECT_NE(result.output.find("\"scenario\": {"), std::string::npos);
  EXPECT_NE(result.output.find("\"catalogue\": {"), std::string::npos);
}

TEST(SchemaCommand, HelpNamesTheRegenerationCommand) {
  const CliResult result = runCli("schema --help");
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_NE(result.output.find("scenarios/schema.json"), std::string::npos);
}

}  // namespace
}  // namespace demarche
