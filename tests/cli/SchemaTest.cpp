// Specifications of `demarche schema`: the schemas editors use are exactly what the binary
// prints, one for scenario files and one for catalogue files, each complete in itself (the YAML
// language server does not complete through `if`/`then`/`else`), and every top-level key says
// what it is for (an editor shows it on hover). tests/editors/ drives the real language server.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "RunDemarche.hpp"

namespace demarche {
namespace {

using test::CliResult;
using test::readText;
using test::runCli;
using test::sourcePath;

void expectCommitted(const std::string& arguments, const std::string& file) {
  const CliResult result = runCli(arguments);
  ASSERT_EQ(result.exitCode, 0) << result.output;
  const std::string committed = readText(sourcePath(file));
  ASSERT_FALSE(committed.empty()) << file << " is missing";
  EXPECT_TRUE(result.output == committed)
      << file << " is out of date with `demarche " << arguments << "`. Regenerate it with:\n"
      << "    build/demarche " << arguments << " > " << file << "\n"
      << "and commit the result.";
}

TEST(SchemaCommand, PrintsExactlyTheCommittedScenarioSchema) {
  expectCommitted("schema", "scenarios/schema.json");
  EXPECT_EQ(runCli("schema scenario").output, runCli("schema").output);
}

TEST(SchemaCommand, PrintsExactlyTheCommittedCatalogueSchema) {
  expectCommitted("schema catalogue", "scenarios/catalog/schema.json");
  EXPECT_EQ(runCli("schema catalog").output, runCli("schema catalogue").output);
}

TEST(SchemaCommand, AnUnknownKindIsAUsageError) {
  const CliResult result = runCli("schema scenarios");
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_NE(result.output.find("catalogue"), std::string::npos) << result.output;
}

nlohmann::json schemaOf(const std::string& arguments) {
  const CliResult result = runCli(arguments);
  EXPECT_EQ(result.exitCode, 0) << result.output;
  return nlohmann::json::parse(result.output);
}

TEST(SchemaCommand, EachIsAClosedDraft07SchemaWithoutConditionals) {
  for (const char* arguments : {"schema", "schema catalogue"}) {
    const nlohmann::json schema = schemaOf(arguments);
    EXPECT_EQ(schema["$schema"], "http://json-schema.org/draft-07/schema#") << arguments;
    EXPECT_EQ(schema["type"], "object") << arguments;
    EXPECT_EQ(schema["additionalProperties"], false) << arguments;
    for (const char* conditional : {"if", "then", "else", "oneOf", "anyOf"})
      EXPECT_FALSE(schema.contains(conditional)) << arguments << " has a top-level " << conditional;
  }
}

TEST(SchemaCommand, TheScenarioSchemaRequiresAScenariosKeysAndTheCatalogueOnlyCatalogueKeys) {
  const nlohmann::json scenario = schemaOf("schema");
  for (const char* key : {"format", "id", "title", "actors", "escalation"})
    EXPECT_NE(std::find(scenario["required"].begin(), scenario["required"].end(), key),
              scenario["required"].end())
        << key;
  for (const char* key : {"turns", "incidents", "evidence", "injects", "endings", "measures", "terms"})
    EXPECT_TRUE(scenario["properties"].contains(key)) << key;
  const nlohmann::json catalogue = schemaOf("schema catalogue");
  std::vector<std::string> keys;
  for (const auto& [key, value] : catalogue["properties"].items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"format", "include", "measures", "terms"}));
  EXPECT_FALSE(catalogue.contains("required"));
  EXPECT_EQ(catalogue["minProperties"], 1);
  EXPECT_TRUE(catalogue["definitions"].contains("measure"));
  EXPECT_FALSE(catalogue["definitions"].contains("actor"));
}

// Every key of every mapping, at any depth (in list items and `oneOf` alternatives too).
void expectDescribed(const nlohmann::json& node, const std::string& path, int& keys) {
  if (node.is_array()) {
    for (const auto& item : node) expectDescribed(item, path, keys);
    return;
  }
  if (!node.is_object()) return;
  for (const auto& [key, value] : node.items()) {
    if (key == "properties") {
      for (const auto& [name, property] : value.items()) {
        ++keys;
        EXPECT_TRUE(property.contains("description")) << path << "." << name << " has no description";
        if (property.contains("description")) {
          EXPECT_GE(property["description"].get<std::string>().size(), 10u) << path << "." << name;
        }
        expectDescribed(property, path + "." + name, keys);
      }
    } else {
      expectDescribed(value, path + "/" + key, keys);
    }
  }
}

TEST(SchemaCommand, EveryKeyHasADescriptionForHover) {
  int scenarioKeys = 0, catalogueKeys = 0;
  expectDescribed(schemaOf("schema"), "scenario", scenarioKeys);
  expectDescribed(schemaOf("schema catalogue"), "catalogue", catalogueKeys);
  EXPECT_GE(scenarioKeys, 150);  // the format has about 170 keys
  EXPECT_GE(catalogueKeys, 30);
}

TEST(SchemaCommand, HelpNamesTheModelinesAndTheRegenerationCommands) {
  const CliResult result = runCli("schema --help");
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_NE(result.output.find("$schema=schema.json"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("schema > scenarios/schema.json"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("schema catalogue > scenarios/catalog/schema.json"), std::string::npos)
      << result.output;
}

}  // namespace
}  // namespace demarche
