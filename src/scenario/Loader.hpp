// Loads a scenario file (YAML, format v1) into a ScenarioDef, collecting every problem
// as a Diagnostic with file:line:col. yaml-cpp stays inside this module.
//
// Usage:
//   auto result = demarche::scenario::loadScenario("scenarios/winter-grid.yaml", {});
//   if (!result.ok()) std::cerr << demarche::scenario::formatDiagnostics(result);
//
// The load runs two passes over each file: structure (keys, types, required keys,
// ranges, enums) then meaning (ids unique and resolved, includes, expressions,
// attribution data, ladder). A file that is not even YAML stops at the first problem.
// Hostile input is bounded: size cap before parsing, depth, node and work budgets.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Definitions.hpp"
#include "scenario/Diagnostics.hpp"

namespace demarche::scenario {

struct LoadOptions {
  std::size_t maxFileBytes = 4 * 1024 * 1024;  // larger files are refused unread (E102)
  std::size_t maxDiagnostics = 100;            // further ones are counted in LoadResult::suppressed
  int maxDepth = 64;                           // YAML nesting (E108)
  std::size_t maxNodes = 2'000'000;            // YAML nodes in one file (E109)
  int maxIncludeDepth = 16;                    // include chains longer than this are E404
  // When not empty, file names in diagnostics are made relative to this directory (so
  // output does not depend on where the checkout is).
  std::filesystem::path displayBase;
};

// What a load cost, counted in units that do not depend on the machine or its load. Hostile
// input is bounded by these: tests assert them, bench/load_bench.cpp times them.
struct LoadWork {
  std::size_t files = 0;         // files handed to the YAML parser
  std::size_t bytesParsed = 0;   // their bytes (files refused before parsing count nothing)
  std::size_t yamlNodes = 0;     // nodes the parser built, over every file
  std::size_t nodesVisited = 0;  // nodes read by the structure pass, aliases followed
  // The structure pass stops at this many visits (E109): 2 per node parsed + 10,000 per file.
  std::size_t visitBudget = 0;
};

struct LoadResult {
  std::optional<ScenarioDef> scenario;  // set when there is no error (warnings allowed)
  std::vector<Diagnostic> diagnostics;  // in file order, then by position within a file
  std::size_t suppressed = 0;           // diagnostics beyond LoadOptions::maxDiagnostics
  SourceCache sources;                  // the text of every file read, for formatting
  LoadWork work;

  std::size_t errorCount() const;
  std::size_t warningCount() const;
  bool ok() const { return scenario.has_value(); }
  // True when a file could not be read at all (E101): `demarche validate` exits 2.
  bool unreadable() const;
};

LoadResult loadScenario(const std::filesystem::path& file, const LoadOptions& options = {});

// Loads from memory; `virtualPath` names the file in diagnostics and anchors relative
// includes. For tests and fuzzing.
LoadResult loadScenarioFromString(std::string_view text, const std::filesystem::path& virtualPath,
                                  const LoadOptions& options = {});

// Every diagnostic formatted (see formatDiagnostic), then "too many errors" when some
// were suppressed.
std::string formatDiagnostics(const LoadResult& result, bool colour = false);

}  // namespace demarche::scenario
