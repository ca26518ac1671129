// `demarche run SCENARIO`: a headless playthrough. Seats named in --decisions play what the
// file says; every other seat is played by the AI agents (src/agents) or, with --policy
// random, by the built-in random policy. The command log is autosaved atomically at the end
// of every turn, with these settings, so a run can be resumed (--resume) as it was played, or
// branched from any turn of a save with other decisions (--branch-at). The AI's rationales go
// into the after-action report.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <iostream>
#include <memory>

#include "agents/Agent.hpp"
#include "agents/SeatPlayers.hpp"
#include "cli/Commands.hpp"
#include "cli/PlaySupport.hpp"
#include "core/AfterAction.hpp"
#include "core/AtomicFile.hpp"
#include "core/Save.hpp"
#include "core/SeatDriver.hpp"
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
  std::string policy = "ai";
  std::string difficulty = "standard";
  bool policyGiven = false;  // on the command line, as opposed to the default
  bool difficultyGiven = false;
  bool strict = false;
  bool quiet = false;
};

enum class SeatPolicy { Ai, Random };

// The run's seat table: the seats its decisions file names are scripted, the others AI of the
// run's difficulty (or the random policy).
std::vector<Seat> runSeats(const ScenarioDef& def, const scenario::Decisions& decisions, SeatPolicy policy,
                           agents::Difficulty difficulty) {
  std::vector<Seat> seats(def.actors.size(), agents::aiSeat(difficulty));
  for (std::size_t a = 0; a < seats.size(); ++a) {
    if (decisions.isSeat(static_cast<int>(a)))
      seats[a] = Seat{SeatKind::Scripted, kDifficultyStandard};
    else if (policy == SeatPolicy::Random)
      seats[a] = Seat{SeatKind::Random, kDifficultyStandard};
  }
  return seats;
}

// The decisions file's facilitator lines for the session's turn, at the start of its
// deliberation. Returns an error sentence if the deliberation could not be started.
std::optional<std::string> facilitatorLines(
    Session& session, const scenario::Decisions& decisions,
    const std::function<void(const scenario::Decision&, const Refusal&)>& onRefused) {
  const int turn = session.state().turn;
  if (session.state().phase != Phase::Briefing) return std::nullopt;
  bool any = false;
  for (const scenario::Decision& d : decisions.decisions) any = any || (d.actor < 0 && d.turn == turn);
  if (!any) return std::nullopt;
  if (auto refusal = session.submit(EndPhase{}, Sender::facilitator()))
    return "cannot start deliberation: " + refusal->message;
  for (const scenario::Decision& d : decisions.decisions) {
    if (d.actor >= 0 || d.turn != turn) continue;
    if (auto refusal = session.submit(d.command, Sender::script())) onRefused(d, *refusal);
  }
  return std::nullopt;
}

// How a run plays its unscripted seats. A resumed run takes them from the save, so resuming
// without repeating the original flags still plays on as the original run would have.
struct RunSettings {
  std::string policy;
  std::string difficulty;
  std::string decisionsFile;  // as seen from the current directory; empty = none
};

bool sameFile(const std::filesystem::path& a, const std::filesystem::path& b) {
  namespace fs = std::filesystem;
  std::error_code ec;
  return fs::weakly_canonical(fs::absolute(a, ec), ec) == fs::weakly_canonical(fs::absolute(b, ec), ec);
}

// Applies the settings recorded in `log` (a save being resumed) to `settings`, which hold the
// command line's. A setting given explicitly wins, with a warning when it differs from the save's:
// the continuation is then not the one the original run would have played. Returns false, having
// said why, when the save records a value this build does not know.
bool adoptSavedSettings(const RunOptions& options, const SaveLog& log, RunSettings& settings) {
  const SaveSettings& saved = log.settings;
  if (!saved.policy.empty()) {
    if (saved.policy != "ai" && saved.policy != "random") {
      std::cerr << formatSaveError(options.resume,
                                   {log.settingLines.policy, 8,
                                    "expected ai or random after 'policy', found '" + saved.policy + "'"})
                << "\n";
      return false;
    }
    if (!options.policyGiven) {
      settings.policy = saved.policy;
    } else if (options.policy != saved.policy) {
      std::cerr << "run: warning: resuming with --policy " << options.policy << "; the save was played with "
                << saved.policy << "\n";
    }
  }
  if (!saved.difficulty.empty()) {
    if (!agents::parseDifficulty(saved.difficulty)) {
      std::cerr << formatSaveError(options.resume, {log.settingLines.difficulty, 12,
                                                    "expected novice, standard or expert after "
                                                    "'difficulty', found '" +
                                                        saved.difficulty + "'"})
                << "\n";
      return false;
    }
    if (!options.difficultyGiven) {
      settings.difficulty = saved.difficulty;
    } else if (options.difficulty != saved.difficulty) {
      std::cerr << "run: warning: resuming with --difficulty " << options.difficulty
                << "; the save was played with " << saved.difficulty << "\n";
    }
  }
  const std::string savedDecisions = saved.decisionsFile.empty()
                                         ? std::string()
                                         : pathFromSave(saved.decisionsFile, options.resume).string();
  if (options.decisions.empty()) {
    settings.decisionsFile = savedDecisions;
  } else if (options.branchAt == 0 && log.settingLines.policy != 0 &&
             (savedDecisions.empty() || !sameFile(options.decisions, savedDecisions))) {
    // Only a save that records its settings can tell that it was played without decisions;
    // --branch-at exists to play on with other decisions, so it is not warned about.
    std::cerr << "run: warning: resuming with --decisions " << options.decisions << "; the save was played "
              << (savedDecisions.empty() ? std::string("without decisions") : "with " + savedDecisions)
              << "\n";
  }
  return true;
}

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
  if (!reportOptionIsUsable("run", options.report)) return kExitUsage;

  if (options.policy != "ai" && options.policy != "random") {
    std::cerr << "run: --policy must be ai or random\n";
    return kExitUsage;
  }
  const std::optional<agents::Difficulty> difficultyOption = agents::parseDifficulty(options.difficulty);
  if (!difficultyOption) {
    std::cerr << "run: --difficulty must be novice, standard or expert\n";
    return kExitUsage;
  }

  int exitCode = kExitOk;
  const std::optional<ScenarioDef> def = loadScenarioOrReport(options.scenario, exitCode);
  if (!def) return exitCode;
  const Engine engine(*def);

  // A resumed run plays with the settings its save recorded unless told otherwise, so the save
  // is read before the decisions file it may name.
  RunSettings settings{options.policy, options.difficulty, options.decisions};
  SaveLog log;
  std::vector<Command> commands;
  if (!options.resume.empty()) {
    if (!fs::exists(options.resume)) {
      std::cerr << "run: cannot read '" << options.resume << "': no such file\n";
      return kExitUsage;
    }
    if (std::error_code ec; !fs::is_regular_file(options.resume, ec)) {
      std::cerr << options.resume << ": cannot read '" << options.resume
                << "': " << specialFileKind(fs::status(options.resume, ec))
                << ", not a regular file; give the path of a save\n";
      return kExitUsage;
    }
    if (!loadSaveOrReport(options.resume, *def, options.scenario, log, commands)) return kExitInvalid;
    // Repeating the original command line with --resume added is fine; another seed is not.
    if (options.seed && *options.seed != log.seed && !(*options.seed == 0 && log.seed == def->seed)) {
      std::cerr << "run: --seed " << *options.seed << " differs from the seed of " << options.resume << " ("
                << log.seed << "); leave --seed out when resuming\n";
      return kExitUsage;
    }
    if (!adoptSavedSettings(options, log, settings)) return kExitInvalid;
  }
  const SeatPolicy policy = settings.policy == "random" ? SeatPolicy::Random : SeatPolicy::Ai;
  const agents::Difficulty difficulty =
      agents::parseDifficulty(settings.difficulty).value_or(*difficultyOption);

  scenario::Decisions decisions;
  if (!settings.decisionsFile.empty()) {
    scenario::DecisionsResult loaded = scenario::loadDecisions(settings.decisionsFile, *def);
    std::cerr << scenario::formatDiagnostics(loaded, useColour(STDERR_FILENO));
    if (!loaded.ok()) {
      std::cerr << settings.decisionsFile << ": the decisions file does not load";
      if (options.decisions.empty())
        std::cerr << " (the save " << options.resume << " was played with it; give --decisions FILE)";
      std::cerr << "\n";
      return loaded.unreadable() ? kExitUsage : kExitInvalid;
    }
    decisions = std::move(*loaded.decisions);
  }

  const fs::path logPath = options.log.empty() ? fs::path(def->id + ".autosave.dlog") : fs::path(options.log);
  const std::string scenarioForSave = scenarioPathForSave(options.scenario, logPath);
  const SaveSettings settingsForSave{
      settings.policy, settings.difficulty,
      settings.decisionsFile.empty() ? std::string() : pathForSave(settings.decisionsFile, logPath)};

  const std::vector<Seat> seats = runSeats(*def, decisions, policy, difficulty);
  std::optional<Session> session;
  if (!options.resume.empty()) {
    ReplayResult replayed = replaySave(engine, log, commands, &seats);
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
    // Seats the save gave to others than this run would (other decisions on a branch, another
    // policy): the facilitator hands them over, in the log and the timeline.
    for (std::size_t a = 0; a < seats.size(); ++a) {
      if (session->seats()[a] == seats[a]) continue;
      if (auto refusal = session->submit(AssignSeat{static_cast<int>(a), seats[a]}, Sender::facilitator())) {
        std::cerr << "run: cannot seat " << def->actors[a].id << ": " << refusal->message << "\n";
        return kExitInvalid;
      }
    }
    if (!options.quiet) {
      std::cout << fmt::format(
          "resumed {} at {} {} ({} commands replayed, hashes checked)\n", options.resume,
          def->turnLabel.get(def->language).empty() ? "turn" : def->turnLabel.get(def->language),
          session->state().turn, session->commands().size());
    }
  } else {
    session.emplace(engine, options.seed.value_or(0), seats);
  }

  int refusedDecisions = 0;
  const auto onRefused = [&](int actor, const Command& command, const Refusal& refusal) {
    if (actor < 0 || !decisions.isSeat(actor)) return;  // policies try things; that is fine
    ++refusedDecisions;
    const scenario::Decision* d = decisions.find(session->state().turn, actor, command);
    if (d) {
      std::cerr << fmt::format("{}:{}:{}: warning: turn {}, {}: \"{}\" was refused: {}\n",
                               settings.decisionsFile, d->line, d->column, d->turn,
                               def->actors[static_cast<std::size_t>(actor)].id, d->text, refusal.message);
    } else {
      std::cerr << fmt::format("warning: turn {}, {}: a command was refused: {}\n", session->state().turn,
                               def->actors[static_cast<std::size_t>(actor)].id, refusal.message);
    }
  };
  const auto onFacilitatorRefused = [&](const scenario::Decision& d, const Refusal& refusal) {
    ++refusedDecisions;
    std::cerr << fmt::format("{}:{}:{}: warning: turn {}, facilitator: \"{}\" was refused: {}\n",
                             settings.decisionsFile, d.line, d.column, d.turn, d.text, refusal.message);
  };

  // One turn at a time through the core's turn driver, autosaving after each.
  scenario::ScriptedPolicy scripted(decisions);
  agents::SeatPlayers players(*def, &scripted);
  DriverOptions driving;
  // Agents answer counter-proposals in a third round (as in `simulate`); the random policy
  // keeps the two rounds it always had.
  driving.rounds = policy == SeatPolicy::Ai ? 3 : 2;
  driving.onRefused = onRefused;
  SeatDriver driver(*session, players, driving);
  while (session->state().phase != Phase::Ended) {
    if (options.stopAfter > 0 && session->state().turn > options.stopAfter) break;
    if (auto error = facilitatorLines(*session, decisions, onFacilitatorRefused)) {
      std::cerr << "run: " << *error << "\n";
      return kExitInvalid;
    }
    driver.options().stopAtTurn = session->state().turn + 1;
    driver.advance();
    if (auto error = writeSave(logPath, *session, scenarioForSave, settingsForSave)) {
      std::cerr << "run: autosave failed: " << *error << "\n";
      return kExitUsage;
    }
  }
  // A run that stopped before playing anything still leaves a log to resume.
  if (auto error = writeSave(logPath, *session, scenarioForSave, settingsForSave)) {
    std::cerr << "run: autosave failed: " << *error << "\n";
    return kExitUsage;
  }

  AfterAction aa = buildAfterAction(*session);  // with the AI's reasons from the log
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
    std::cout << fmt::format(
        "  seats from decisions: {}; other seats: {}\n", seatList(*def, decisions.seats),
        policy == SeatPolicy::Ai ? "AI (" + settings.difficulty + ")" : std::string("random policy"));
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

int runHeadlessDemo(const std::string& scenario) {
  std::error_code ec;
  std::filesystem::create_directories("out", ec);
  RunOptions options;
  options.scenario = scenario;
  options.log = "out/exercise.dlog";
  options.report = "out/debrief.html";
  const int code = run(options);
  if (code == kExitOk) std::cout << "Open out/debrief.html for the debrief.\n";
  return code;
}

void addRunCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* command = app.add_subcommand(
      "run",
      "Play a scenario headless: seats in --decisions play the file's commands, the others are played\n"
      "by the AI agents (default; --policy random for the built-in random policy).\n"
      "The log is autosaved at the end of every turn; --resume continues it, --branch-at replays it to a "
      "turn\n"
      "and plays on with new decisions.\n"
      "Exit codes: 0 played, 1 invalid scenario/decisions/save (or refused decisions with --strict),\n"
      "2 usage error or unreadable/unwritable file.");
  command->add_option("scenario", options->scenario, "Scenario file (YAML)")->required();
  command->add_option("--seed", options->seed, "Random seed, 0..2^53 (default: the scenario's seed)")
      ->check(seedValidator());
  command->add_option("--decisions", options->decisions,
                      "YAML file of per-turn commands for the seats it names (with --resume: the save's)");
  command->add_option("--log", options->log, "Command log to write (default: <scenario-id>.autosave.dlog)");
  command->add_option("--report", options->report, "After-action report: FILE.md, FILE.html or FILE.json");
  command->add_option("--resume", options->resume, "Continue from this save (replayed and checked first)");
  command
      ->add_option("--branch-at", options->branchAt,
                   "With --resume: start from the start of this turn instead")
      ->check(turnValidator());
  command->add_option("--stop-after", options->stopAfter, "Stop at the end of this turn (resume later)")
      ->check(turnValidator());
  CLI::Option* policy = command->add_option(
      "--policy", options->policy,
      "Who plays the seats not in --decisions: ai (default) or random; with --resume, the save's");
  CLI::Option* difficulty =
      command->add_option("--difficulty", options->difficulty,
                          "AI difficulty: novice, standard (default) or expert; with --resume, the save's");
  command->add_flag("--strict", options->strict, "Exit 1 if any scripted decision was refused");
  command->add_flag("--quiet,-q", options->quiet, "Print nothing but warnings and errors");
  command->callback([options, policy, difficulty, &exitCode] {
    options->policyGiven = policy->count() > 0;
    options->difficultyGiven = difficulty->count() > 0;
    exitCode = run(*options);
  });
}

}  // namespace demarche::cli
