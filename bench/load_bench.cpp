// Scenario loading cost against yaml-cpp's own parse: on one generated ~2 MB valid
// scenario, BM_YamlLoadFile (YAML::LoadFile) and BM_LoadScenario (the full loader:
// parse, structure, meaning, expressions) run side by side. Target: ratio <= 1.3.
// BM_HostileInput/<case> times the loader refusing each hostile file of
// tests/scenario/HostileCases.hpp (the tests only count its work); target: each under 2 s.
// Figures and how to re-run: docs/performance.md.
#include <benchmark/benchmark.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "../tests/scenario/HostileCases.hpp"
#include "scenario/Loader.hpp"

namespace {

namespace fs = std::filesystem;

std::string n(int i) { return std::to_string(i); }

// A valid scenario of about 2 MB: many actors, incidents, evidence, measures with
// conditions and effects, and injects.
std::string generateScenario() {
  constexpr int kActors = 240, kIncidents = 120, kEvidence = 2400, kMeasures = 1800, kInjects = 3000;
  std::string s;
  s.reserve(2'200'000);
  s += "format: 1\nid: bench\ntitle: {en: Benchmark, fr: Banc d'essai}\nsummary: Generated for load_bench.\n";
  s += "turns: 10\nseed: 7\nmeters: [credibility, economy, resilience]\ncapabilities: [cyber_offence, "
       "cyber_defence]\n";
  s += "actors:\n";
  for (int i = 0; i < kActors; ++i) {
    s += "  - id: a" + n(i) + "\n    name: {en: Actor " + n(i) + ", fr: Acteur " + n(i) +
         "}\n    kind: " + (i == 0 ? "bloc" : "state") + "\n";
    s += "    meters: {credibility: " + n(40 + i % 50) + ", economy: " + n(30 + i % 60) + "}\n";
    s += "    capabilities: {cyber_offence: " + n(i % 10) + "}\n";
    if (i > 0) s += "    blocs: [a0]\n";
    s += "    doctrine: {risk_tolerance: 0.4, norm_commitment: 0.8, reciprocity: 0.5}\n";
    s += "    map: {x: 0." + n(10 + i % 80) + ", y: 0.5}\n";
  }
  s += "relations:\n";
  for (int i = 1; i + 1 < kActors; i += 2)
    s += "  - {between: [a" + n(i) + ", a" + n(i + 1) + "], trust: -20}\n";
  s += "escalation:\n  initial_tension: 10\n  rungs:\n";
  s += "    - {id: r0, name: Competition, threshold: 0}\n    - {id: r1, name: Crisis, threshold: 30}\n";
  s += "    - {id: r2, name: War, threshold: 90, armed_conflict: true}\n";
  s += "incidents:\n";
  for (int i = 0; i < kIncidents; ++i) {
    const int v = 1 + i % (kActors - 3);
    s += "  - id: inc" + n(i) + "\n    title: {en: Incident " + n(i) + ", fr: Incident " + n(i) + "}\n";
    s +=
        "    description: A long description of what happened to the victim's networks and why it matters.\n";
    s += "    victim: a" + n(v) + "\n    sector: energy\n";
    s += "    severity: {scope: 3, scale: 4, duration: 2, intensity: 4, complexity: 4, sophistication: 5, "
         "impact: 4}\n";
    s += "    norms_broken: [f, k]\n    candidates: [a" + n(v + 1) + ", a" + n(v + 2) + "]\n";
    s += "    priors: {a" + n(v + 1) + ": 0.6, a" + n(v + 2) + ": 0.4}\n";
    s += "    truth: {operator: a" + n(v + 1) + ", false_flags: [a" + n(v + 2) + "]}\n";
  }
  s += "evidence:\n";
  for (int i = 0; i < kEvidence; ++i) {
    const int inc = i % kIncidents, v = 1 + inc % (kActors - 3);
    s += "  - id: ev" + n(i) + "\n    incident: inc" + n(inc) + "\n    title: {en: Evidence " + n(i) +
         ", fr: Preuve " + n(i) + "}\n    source: forensics\n    reliability: 0.7\n";
    s += "    points_to: {a" + n(v + 1) + ": 2, a" + n(v + 2) + ": -1}\n";
    s += "    reveal: {when: \"turn >= " + n(1 + i % 9) + " && trust(a" + n(v) + ", a" + n(v + 1) +
         ") < 20\"}\n";
  }
  s += "measures:\n";
  for (int i = 0; i < kMeasures; ++i) {
    s += "  - id: m" + n(i) + "\n    name: {en: Measure " + n(i) + ", fr: Mesure " + n(i) + "}\n";
    s += "    category: restrictive\n    cost: " + n(i % 5) + "\n    target: actor_and_incident\n";
    s += "    requires: \"trust(self, target) < 0 && confidence(self, incident, target) >= likely\"\n";
    s += "    effects: [\"trust(self, target) -= 5\", \"meter(target, economy) -= 3\", \"tension += 2\"]\n";
    s += "    escalation: escalatory\n";
  }
  s += "injects:\n";
  for (int i = 0; i < kInjects; ++i) {
    const int a = 1 + i % (kActors - 1);
    s += "  - id: inj" + n(i) + "\n    kind: news\n    title: {en: News " + n(i) + ", fr: Nouvelles " + n(i) +
         "}\n";
    s += "    text: {en: Something happened somewhere today., fr: Quelque chose est arrive aujourd'hui.}\n";
    s += "    when: \"turn >= " + n(1 + i % 9) + " && meter(a" + n(a) + ", economy) < " + n(20 + i % 60) +
         "\"\n";
    s += "    effects: [\"meter(a" + n(a) + ", credibility) -= 2\"]\n";
  }
  s += "endings:\n  - {id: war, title: War, kind: armed_conflict, when: \"escalation >= 2\"}\n";
  s += "  - {id: end, title: End, kind: stalemate, at_last_turn: true}\n";
  return s;
}

const fs::path& scenarioFile() {
  static const fs::path path = [] {
    fs::path p = fs::temp_directory_path() / "demarche-load-bench.yaml";
    std::ofstream(p, std::ios::binary) << generateScenario();
    const auto result = demarche::scenario::loadScenario(p);
    if (!result.ok() || !result.diagnostics.empty()) {
      std::fputs(demarche::scenario::formatDiagnostics(result).c_str(), stderr);
      std::fputs("load_bench: the generated scenario is not valid\n", stderr);
      std::exit(1);
    }
    std::fprintf(stderr, "load_bench: %s, %ju bytes\n", p.c_str(),
                 static_cast<std::uintmax_t>(fs::file_size(p)));
    return p;
  }();
  return path;
}

void BM_YamlLoadFile(benchmark::State& state) {
  const std::string path = scenarioFile().string();
  for (auto _ : state) {
    YAML::Node node = YAML::LoadFile(path);
    benchmark::DoNotOptimize(node);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(fs::file_size(scenarioFile())));
}
BENCHMARK(BM_YamlLoadFile)->Unit(benchmark::kMillisecond);

void BM_LoadScenario(benchmark::State& state) {
  const fs::path& path = scenarioFile();
  for (auto _ : state) {
    auto result = demarche::scenario::loadScenario(path);
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(fs::file_size(scenarioFile())));
}
BENCHMARK(BM_LoadScenario)->Unit(benchmark::kMillisecond);

// One benchmark per hostile case, registered by name so the table reads like the tests.
void BM_HostileInput(benchmark::State& state, const demarche::test::HostileCase& c) {
  std::size_t nodes = 0, visited = 0;
  for (auto _ : state) {
    auto result = demarche::scenario::loadScenarioFromString(c.text, c.name + ".yaml");
    if (result.ok()) {
      state.SkipWithError("a hostile case loaded");
      break;
    }
    nodes = result.work.yamlNodes;
    visited = result.work.nodesVisited;
    benchmark::DoNotOptimize(result);
  }
  state.counters["bytes"] = static_cast<double>(c.text.size());
  state.counters["yaml_nodes"] = static_cast<double>(nodes);
  state.counters["visited"] = static_cast<double>(visited);
}

const bool kHostileRegistered = [] {
  static const std::vector<demarche::test::HostileCase> cases = demarche::test::hostileCases();
  for (const auto& c : cases)
    benchmark::RegisterBenchmark(("BM_HostileInput/" + c.name).c_str(), BM_HostileInput, c)
        ->Unit(benchmark::kMillisecond);
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
