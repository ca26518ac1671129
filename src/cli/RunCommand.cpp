// `demarche run SCENARIO`: a headless playthrough. Seats named in --decisions play what the
// file says; every other seat is played by the built-in random policy. The command log is
// autosaved atomically at the end of every turn, so a run can be resumed (--resume) or
// branched from any turn of a save with other decisions (--branch-at).
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/Commands.hpp"
#include "cli/PlaySupport.hpp"
#include "core/AfterAction.hpp"
#include "core/RandomPolicy.hpp"
#include "core/Save.hpp"
#include "scenario/Decisions.hpp"

namespace demarche::cli {
namespace {

struct RunOptions {
  std::string scenario;
  std::optional<std::uint64_t> seed;
  std::string decisions;
  std::string log;
  std::string report;
  std::string resume;
  int branchAt = 0;
  int stopAfter = 0;
  bool strict = false;
  bool quiet = false;
};

std::string seatList(const ScenarioDef& def, const std::vector<int>& seats) {
  std::string out;
  for (int a : seats) out += (out.empty() ? "" : ", ") + def.actors[static_cast<std::size_t>(a)].id;
  return out.empty() ? "none" : out;
}

int run(const RunOptions& options) {
  namespace fs = std::filesystem;
  // Usage problems first, before anything is loaded or played.
  if (options.branchAt > 0 && options.resume.empty()) {
    std::cerr << "run: --branch-at needs --resume SAVE (the save to branch from)\n";
    return kExitUsage;
  }
  if (!options.report.empty() && !reportPathIsValid(options.report)) {
    std::cerr << "run: --report " << options.report
              << ": the format is chosen by the extension: .md, .html or .json\n";
    return kExitUsage;
  }

  int exitCode = kExitOk;
  const std::optional<ScenarioDef> def = loadScenarioOrReport(options.scenario, exitCode);
  if (!def) return exitCode;
  const Engine engine(*def);

  scenario::Decisions decisions;
  if (!options.decisions.empty()) {
    scenario::DecisionsResult loaded = scenario::loadDecisions(options.decisions, *def);
    std::cerr << scenario::formatDiagnostics(loaded);
    if (!loaded.ok()) {
      std::cerr << options.decisions << ": the decisions file does not load\n";
      return loaded.unreadable() ? kExitUsage : kExitInvalid;
    }
    decisions = std::move(*loaded.decisions);
  }

  const fs::path logPath = options.log.empty() ? fs::path(def->id + ".autosave.dlog") : fs::path(options.log);
  const std::string scenarioForSave = scenarioPathForSave(options.scenario, logPath);

  std::optional<Session> session;
  if (!options.resume.empty()) {
    SaveLog log;
    std::vector<Command> commands;
    if (!fs::exists(options.resume)) {
      std::cerr << "run: cannot read '" << options.resume << "': no such file\n";
      return kExitUsage;
    }
    if (!loadSaveOrReport(options.resume, *def, options.scenario, log, commands)) return kExitInvalid;
    // Repeating the original command line with --resume added is fine; another seed is not.
    if (options.seed && *options.seed != log.seed && !(*options.seed == 0 && log.seed == def->seed)) {
      std::cerr << "run: --seed " << *options.seed << " differs from the seed of " << options.resume << " ("
                << log.seed << "); leave --seed out when resuming\n";
      return kExitUsage;
    }
    ReplayResult replayed = replaySave(engine, log, commands);
    if (!replayed.identical) {
      std::cerr << options.resume << ": the save does not replay identically (turn " << replayed.divergingTurn
                << "): " << replayed.message << "\n";
      return kExitInvalid;
    }
    session = std::move(replayed.session);
    if (options.branchAt > 0) {
      std::optional<Session> branch = session->branchAt(options.branchAt);
      if (!branch) {
        std::cerr << "run: --branch-at " << options.branchAt << ": the save reaches only turn "
                  << session->turnStarts().back().turn << "\n";
        return kExitUsage;
      }
      session = std::move(branch);
    }
    if (!options.quiet) {
      std::cout << fmt::format(
          "resumed {} at {} {} ({} commands replayed, hashes checked)\n", options.resume,
          def->turnLabel.get(def->language).empty() ? "turn" : def->turnLabel.get(def->language),
          session->state().turn, session->commands().size());
    }
  } else {
    session.emplace(engine, options.seed.value_or(0));
  }

  // Seats: the scripted ones never change; the random ones are re-seeded every turn.
  const int actorCount = static_cast<int>(def->actors.size());
  scenario::ScriptedPolicy scripted(decisions);
  std::vector<std::unique_ptr<RandomPolicy>> randoms(static_cast<std::size_t>(actorCount));
  std::vector<Policy*> seats(static_cast<std::size_t>(actorCount), nullptr);

  int refusedDecisions = 0;
  PlayOptions play;
  play.onRefused = [&](int actor, const Command& command, const Refusal& refusal) {
    if (actor < 0 || !decisions.isSeat(actor)) return;  // the random policy tries things; that is fine
    ++refusedDecisions;
    const scenario::Decision* d = decisions.find(session->state().turn, actor, command);
    if (d) {
      std::cerr << fmt::format("{}:{}:{}: warning: turn {}, {}: \"{}\" was refused: {}\n", options.decisions,
                               d->line, d->column, d->turn, def->actors[static_cast<std::size_t>(actor)].id,
                               d->text, refusal.message);
    } else {
      std::cerr << fmt::format("warning: turn {}, {}: a command was refused: {}\n", session->state().turn,
                               def->actors[static_cast<std::size_t>(actor)].id, refusal.message);
    }
  };

  while (session->state().phase != Phase::Ended) {
    const int turn = session->state().turn;
    if (options.stopAfter > 0 && turn > options.stopAfter) break;
    for (int a = 0; a < actorCount; ++a) {
      const auto i = static_cast<std::size_t>(a);
      if (decisions.isSeat(a)) {
        seats[i] = &scripted;
      } else {
        randoms[i] = std::make_unique<RandomPolicy>(policySeed(session->seed(), turn, a));
        seats[i] = randoms[i].get();
      }
    }
    // The facilitator's scripted commands come at the start of deliberation.
    if (session->state().phase == Phase::Briefing) {
      bool any = false;
      for (const scenario::Decision& d : decisions.decisions) any = any || (d.actor < 0 && d.turn == turn);
      if (any) {
        if (auto refusal = session->submit(EndPhase{})) {
          std::cerr << "run: cannot start deliberation: " << refusal->message << "\n";
          return kExitInvalid;
        }
        for (const scenario::Decision& d : decisions.decisions) {
          if (d.actor >= 0 || d.turn != turn) continue;
          if (auto refusal = session->submit(d.command)) {
            ++refusedDecisions;
            std::cerr << fmt::format("{}:{}:{}: warning: turn {}, facilitator: \"{}\" was refused: {}\n",
                                     options.decisions, d.line, d.column, d.turn, d.text, refusal->message);
          }
        }
      }
    }
    play.stopAtTurn = turn + 1;
    playOut(*session, seats, play);
    if (auto error = writeSave(logPath, *session, scenarioForSave)) {
      std::cerr << "run: autosave failed: " << *error << "\n";
      return kExitUsage;
    }
  }
  // A run that stopped before playing anything still leaves a log to resume.
  if (auto error = writeSave(logPath, *session, scenarioForSave)) {
    std::cerr << "run: autosave failed: " << *error << "\n";
    return kExitUsage;
  }

  const AfterAction aa = buildAfterAction(*session);
  if (!options.report.empty()) {
    if (auto error = writeReport(options.report, aa)) {
      std::cerr << "run: cannot write the report: " << *error << "\n";
      return kExitUsage;
    }
  }
  if (!options.quiet) {
    const std::string label = aa.turnLabel.empty() ? "turn" : aa.turnLabel;
    const GameState& s = session->state();
    std::cout << fmt::format("{} ({}), seed {}\n", aa.title, aa.scenarioId, aa.seed);
    std::cout << fmt::format("  seats from decisions: {}; other seats: random policy\n",
                             seatList(*def, decisions.seats));
    if (s.phase == Phase::Ended) {
      std::cout << fmt::format("  ended at {} {} of {}: {}\n", label, aa.turnsPlayed, aa.turnCount,
                               aa.endingId.empty() ? std::string("ended by the facilitator")
                                                   : aa.endingTitle + " (" + aa.endingId + ")");
    } else {
      std::cout << fmt::format("  stopped at the start of {} {} of {} (resume with --resume {})\n", label,
                               s.turn, aa.turnCount, logPath.string());
    }
    const std::string rung = s.rung >= 0 && static_cast<std::size_t>(s.rung) < aa.rungNames.size()
                                 ? aa.rungNames[static_cast<std::size_t>(s.rung)]
                                 : std::string("?");
    std::cout << fmt::format("  escalation: rung {} ({}), tension {:.1f}\n", s.rung, rung, s.tension);
    std::string scores;
    for (std::size_t a = 0; a < aa.actorIds.size() && a < aa.actorScores.size(); ++a) {
      bool hasObjectives = false;
      for (const auto& o : aa.objectives) hasObjectives = hasObjectives || o.actor == static_cast<int>(a);
      if (hasObjectives)
        scores += fmt::format("{}{} {}", scores.empty() ? "" : ", ", aa.actorIds[a], aa.actorScores[a]);
    }
    std::cout << "  scores: " << (scores.empty() ? "no objectives" : scores) << "\n";
    std::cout << fmt::format("  log: {} ({} commands, final state {})\n", logPath.string(),
                             session->commands().size(), aa.finalHash);
    if (!options.report.empty()) std::cout << "  report: " << options.report << "\n";
    if (refusedDecisions > 0)
      std::cout << fmt::format("  {} scripted decisions were refused (see above)\n", refusedDecisions);
  }
  return options.strict && refusedDecisions > 0 ? kExitInvalid : kExitOk;
}

}  // namespace

void addRunCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* command = app.add_subcommand(
      "run",
      "Play a scenario headless: seats in --decisions play the file's commands, the others the random "
      "policy.\n"
      "The log is autosaved at the end of every turn; --resume continues it, --branch-at replays it to a "
      "turn\n"
      "and plays on with new decisions.\n"
      "Exit codes: 0 played, 1 invalid scenario/decisions/save (or refused decisions with --strict),\n"
      "2 usage error or unreadable/unwritable file.");
  command->add_option("scenario", options->scenario, "Scenario file (YAML)")->required();
  command->add_option("--seed", options->seed, "Random seed (default: the scenario's seed)");
  command->add_option("--decisions", options->decisions,
                      "YAML file of per-turn commands for the seats it names");
  command->add_option("--log", options->log, "Command log to write (default: <scenario-id>.autosave.dlog)");
  command->add_option("--report", options->report, "After-action report: FILE.md, FILE.html or FILE.json");
  command->add_option("--resume", options->resume, "Continue from this save (replayed and checked first)");
  command
      ->add_option("--branch-at", options->branchAt,
                   "With --resume: start from the start of this turn instead")
      ->check(CLI::PositiveNumber);
  command->add_option("--stop-after", options->stopAfter, "Stop at the end of this turn (resume later)")
      ->check(CLI::PositiveNumber);
  command->add_flag("--strict", options->strict, "Exit 1 if any scripted decision was refused");
  command->add_flag("--quiet,-q", options->quiet, "Print nothing but warnings and errors");
  command->callback([options, &exitCode] { exitCode = run(*options); });
}

}  // namespace demarche::cli
