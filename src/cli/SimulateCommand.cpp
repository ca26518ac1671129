// `demarche simulate SCENARIO --runs N`: autoplay for authors. Plays N complete exercises
// with AI agents (or the random policy) on every seat and prints what they add up to:
// endings, objective success per actor, peak escalation, average scores, and coverage
// warnings — injects, endings and measures that never fired or were never legal. Output
// depends on the seed only (not on --jobs). docs/agents.md shows an example.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "agents/Simulation.hpp"
#include "cli/Commands.hpp"
#include "cli/PlaySupport.hpp"
#include "core/CommandText.hpp"
#include "core/Names.hpp"

namespace demarche::cli {
namespace {

struct SimulateOptions {
  std::string scenario;
  int runs = 100;
  int jobs = 1;
  std::optional<std::uint64_t> seed;
  std::string policy = "ai";
  std::string difficulty = "standard";
  bool json = false;
  std::string format = "text";
  bool explain = false;
};

std::size_t at(int i) { return static_cast<std::size_t>(i); }

double pct(long long count, int runs) { return runs > 0 ? 100.0 * static_cast<double>(count) / runs : 0; }

// Two spaces and a bar of up to `width` blocks; nothing (no trailing blanks) for zero.
std::string bar(long long count, int runs, int width = 20) {
  const int filled = runs > 0 ? static_cast<int>(static_cast<double>(count) * width / runs + 0.5) : 0;
  std::string out = filled > 0 ? "  " : "";
  for (int i = 0; i < filled; ++i) out += "█";
  return out;
}

// Progress on stderr, only when stderr is a terminal (never in pipes or logs).
class Progress {
 public:
  Progress(int total, bool enabled) : m_total(total), m_enabled(enabled) {}
  void update(int done) {
    if (!m_enabled) return;
    const int percent = m_total > 0 ? done * 100 / m_total : 100;
    int shown = m_shown.load(std::memory_order_relaxed);
    if (percent <= shown && done != m_total) return;
    std::lock_guard lock(m_mutex);
    if (percent <= m_shown.load() && done != m_total) return;
    m_shown.store(percent);
    const int width = 30;
    const int filled = percent * width / 100;
    std::string line = "\r[";
    for (int i = 0; i < width; ++i) line += i < filled ? "#" : " ";
    line += fmt::format("] {:3d}% {}/{} runs", percent, done, m_total);
    std::cerr << line << std::flush;
  }
  void finish() {
    if (m_enabled) std::cerr << "\r" << std::string(60, ' ') << "\r" << std::flush;
  }

 private:
  int m_total;
  bool m_enabled;
  std::atomic<int> m_shown{-1};
  std::mutex m_mutex;
};

struct Coverage {
  std::vector<std::string> injects, endings, measures, neverLegal;
};

Coverage coverageOf(const ScenarioDef& def, const agents::SimulationSummary& s) {
  Coverage c;
  for (std::size_t j = 0; j < def.injects.size(); ++j)
    if (s.injectFired[j] == 0) c.injects.push_back(def.injects[j].id);
  for (std::size_t e = 0; e < def.endings.size(); ++e)
    if (s.endings[e + 1] == 0) c.endings.push_back(def.endings[e].id);
  for (std::size_t m = 0; m < def.measures.size(); ++m) {
    if (s.measureTaken[m] == 0) c.measures.push_back(def.measures[m].id);
    if (s.coverage && !s.measureLegal[m]) c.neverLegal.push_back(def.measures[m].id);
  }
  return c;
}

std::string endingId(const ScenarioDef& def, std::size_t slot) {
  return slot == 0 ? std::string("(none)") : def.endings[slot - 1].id;
}

void printJson(const ScenarioDef& def, const SimulateOptions& o, std::uint64_t seed,
               const agents::SimulationSummary& s) {
  using nlohmann::ordered_json;
  ordered_json j;
  j["scenario"] = def.id;
  j["runs"] = s.runs;
  j["seed"] = seed;
  j["policy"] = o.policy;
  j["difficulty"] = o.difficulty;
  j["endings"] = ordered_json::object();
  for (std::size_t e = 0; e < s.endings.size(); ++e)
    if (e > 0 || s.endings[0] > 0) j["endings"][endingId(def, e)] = s.endings[e];
  j["objectives"] = ordered_json::object();
  for (std::size_t k = 0; k < def.objectives.size(); ++k) {
    const ObjectiveDef& obj = def.objectives[k];
    j["objectives"][obj.id] = {{"actor", def.actors[at(obj.actor)].id},
                               {"achieved", s.objectives[k]},
                               {"rate", s.runs > 0 ? static_cast<double>(s.objectives[k]) / s.runs : 0.0}};
  }
  j["escalation_peak"] = ordered_json::object();
  for (std::size_t r = 0; r < def.ladder.rungs.size(); ++r)
    j["escalation_peak"][def.ladder.rungs[r].id] = s.peakRung[r];
  j["average_score"] = ordered_json::object();
  for (std::size_t a = 0; a < def.actors.size(); ++a)
    j["average_score"][def.actors[a].id] = s.runs > 0 ? static_cast<double>(s.actorScore[a]) / s.runs : 0.0;
  // Per actor, each measure it took and at which kinds of actor (only what was used).
  j["measure_use"] = ordered_json::object();
  for (std::size_t a = 0; a < def.actors.size(); ++a) {
    ordered_json mine = ordered_json::object();
    for (std::size_t m = 0; m < def.measures.size(); ++m) {
      ordered_json kinds = ordered_json::object();
      for (int slot = 0; slot < agents::SimulationSummary::kTargetSlots; ++slot) {
        const long long used =
            s.measureUse[(a * def.measures.size() + m) * agents::SimulationSummary::kTargetSlots + at(slot)];
        if (used == 0) continue;
        kinds[slot == 0 ? std::string("no_target")
                        : std::string(yamlName(static_cast<ActorKind>(slot - 1)))] = used;
      }
      if (!kinds.empty()) mine[def.measures[m].id] = kinds;
    }
    if (!mine.empty()) j["measure_use"][def.actors[a].id] = mine;
  }
  const Coverage c = coverageOf(def, s);
  j["never_fired"] = {{"injects", c.injects}, {"endings", c.endings}, {"measures", c.measures}};
  if (s.coverage) j["never_legal"] = {{"measures", c.neverLegal}};
  std::cout << j.dump(2) << "\n";
}

void printText(const ScenarioDef& def, const SimulateOptions& o, std::uint64_t seed,
               const agents::SimulationSummary& s) {
  const std::string title = def.title.get(def.language);
  std::cout << fmt::format("{} ({}): {} runs, policy {}, difficulty {}, seed {}\n",
                           title.empty() ? def.id : title, def.id, s.runs, o.policy, o.difficulty, seed);
  std::cout << fmt::format("average length: {:.1f} turns of {}\n\n",
                           s.runs > 0 ? static_cast<double>(s.turnsPlayed) / s.runs : 0.0, def.turns);

  std::cout << "Endings\n";
  for (std::size_t e = 0; e < s.endings.size(); ++e) {
    if (e == 0 && s.endings[0] == 0) continue;
    std::cout << fmt::format("  {:<26} {:>7} {:6.1f}%{}\n", endingId(def, e), s.endings[e],
                             pct(s.endings[e], s.runs), bar(s.endings[e], s.runs));
  }

  std::cout << "\nPeak escalation\n";
  for (std::size_t r = 0; r < def.ladder.rungs.size(); ++r)
    std::cout << fmt::format("  {:<26} {:>7} {:6.1f}%{}\n", def.ladder.rungs[r].id, s.peakRung[r],
                             pct(s.peakRung[r], s.runs), bar(s.peakRung[r], s.runs));

  std::cout << "\nObjectives (success rate) and average score per actor\n";
  for (std::size_t a = 0; a < def.actors.size(); ++a) {
    int maxScore = 0;
    for (const ObjectiveDef& obj : def.objectives)
      if (obj.actor == static_cast<int>(a)) maxScore += obj.score;
    std::cout << fmt::format("  {:<12} average score {:5.1f} of {}\n", def.actors[a].id,
                             s.runs > 0 ? static_cast<double>(s.actorScore[a]) / s.runs : 0.0, maxScore);
    for (std::size_t k = 0; k < def.objectives.size(); ++k) {
      if (def.objectives[k].actor != static_cast<int>(a)) continue;
      std::cout << fmt::format("    {:<28} {:6.1f}%\n", def.objectives[k].id, pct(s.objectives[k], s.runs));
    }
  }

  const Coverage c = coverageOf(def, s);
  std::cout << "\nCoverage\n";
  if (c.injects.empty() && c.endings.empty() && c.measures.empty() && c.neverLegal.empty())
    std::cout << "  every inject, ending and measure fired at least once\n";
  for (const auto& id : c.endings)
    std::cout << fmt::format("  warning: ending '{}' never fired in {} runs\n", id, s.runs);
  for (const auto& id : c.injects)
    std::cout << fmt::format("  warning: inject '{}' never fired in {} runs\n", id, s.runs);
  for (const auto& id : c.neverLegal)
    std::cout << fmt::format("  warning: measure '{}' was never legal for any actor\n", id);
  for (const auto& id : c.measures)
    if (std::find(c.neverLegal.begin(), c.neverLegal.end(), id) == c.neverLegal.end())
      std::cout << fmt::format("  warning: measure '{}' was legal but never taken\n", id);
}

int simulateCommand(const SimulateOptions& o) {
  const auto difficulty = agents::parseDifficulty(o.difficulty);
  if (!difficulty) {
    std::cerr << "simulate: --difficulty must be novice, standard or expert\n";
    return kExitUsage;
  }
  if (o.policy != "ai" && o.policy != "random") {
    std::cerr << "simulate: --policy must be ai or random\n";
    return kExitUsage;
  }
  if (o.runs < 1 || o.jobs < 1) {
    std::cerr << "simulate: --runs and --jobs must be at least 1\n";
    return kExitUsage;
  }
  int exitCode = kExitOk;
  const std::optional<ScenarioDef> def = loadScenarioOrReport(o.scenario, exitCode);
  if (!def) return exitCode;

  agents::SimulationOptions options;
  options.runs = o.runs;
  options.jobs = o.jobs;
  options.seed = o.seed.value_or(def->seed);
  options.policy = o.policy == "random" ? agents::SimulationPolicy::Random : agents::SimulationPolicy::Ai;
  options.difficulty = *difficulty;
  const std::uint64_t seed = options.seed != 0 ? options.seed : def->seed;

  if (o.explain) {
    GameState final;
    const agents::RationaleLog log = agents::explainRun(*def, options, 0, final);
    const Engine engine(*def);
    int turn = 0;
    for (const auto& e : log.entries()) {
      if (e.turn != turn) {
        std::cout << (turn == 0 ? "" : "\n") << "turn " << e.turn << "\n";
        turn = e.turn;
      }
      std::cout << fmt::format("  {:<11} {}\n    {}\n", def->actors[at(e.actor)].id,
                               formatCommand(*def, e.command), e.text);
    }
    std::cout << fmt::format("\nending: {}\n",
                             final.ending >= 0 ? def->endings[at(final.ending)].id : "(none)");
    return kExitOk;
  }

  Progress progress(o.runs, isatty(STDERR_FILENO) != 0 && !o.json);
  options.progress = [&progress](int done) { progress.update(done); };
  const agents::SimulationSummary summary = agents::simulate(*def, options);
  progress.finish();
  if (o.json)
    printJson(*def, o, seed, summary);
  else
    printText(*def, o, seed, summary);
  return kExitOk;
}

}  // namespace

void addSimulateCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<SimulateOptions>();
  CLI::App* command = app.add_subcommand(
      "simulate",
      "Play many complete exercises with AI agents on every seat: endings, objectives, escalation, "
      "coverage warnings for authors");
  command->add_option("scenario", options->scenario, "Scenario file (YAML)")->required();
  command->add_option("--runs,-n", options->runs, "Number of exercises to play (default 100)");
  command->add_option("--jobs,-j", options->jobs, "Worker threads (results do not depend on it)");
  command->add_option("--seed", options->seed, "Random seed, 0..2^53 (default: the scenario's seed)")
      ->check(seedValidator());
  command->add_option("--policy", options->policy, "Who plays the seats: ai (default) or random");
  command->add_option("--difficulty", options->difficulty,
                      "AI difficulty: novice, standard (default) or expert");
  // --format json as everywhere else; --json is kept as an alias.
  command->add_flag("--json", options->json, "The same as --format json");
  command->add_option("--format", options->format, "Output: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  command->add_flag("--explain", options->explain,
                    "Play one exercise and print every AI choice with its rationale");
  command->callback([options, &exitCode] {
    options->json = options->json || options->format == "json";
    exitCode = simulateCommand(*options);
  });
}

}  // namespace demarche::cli
