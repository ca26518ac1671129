// The live table: one exercise played in the window, without the window. It holds the session,
// the turn driver and the AI seats, the screen the laptop shows (start, hand-over, a team's
// view, the room's view, the end) and the facilitator's lock. Every button of the panels and
// every line of a --ui-script calls one of these actions, so a script plays through the same
// code as clicks; every change to the exercise is a command submitted with its sender, and
// every refusal becomes a notice on screen. Needs no display (tests drive it directly).
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/AfterAction.hpp"
#include "core/Catalogue.hpp"
#include "core/Command.hpp"
#include "core/Compare.hpp"
#include "core/Engine.hpp"
#include "core/SeatDriver.hpp"
#include "core/Session.hpp"
#include "core/View.hpp"

namespace demarche::agents {
class SeatPlayers;
struct SimulationSummary;
}  // namespace demarche::agents

namespace demarche::ui {

// A scenario file found in the scenarios folder, loaded or with its diagnostics.
struct ScenarioEntry {
  std::filesystem::path path;
  std::shared_ptr<const ScenarioDef> def;  // null when it does not load
  std::string diagnostics;                 // file:line:col lines (errors and warnings)
  std::string title, summary;
  std::vector<std::string> objectives;
  std::string factAndFiction;  // what is documented, what is invented
  int turns = 0;
  int minutes = 0;  // an estimate for the chosen deliberation time
};

// Loads every *.yaml of `dir` (not its sub-folders), in file-name order.
// Texts in `language` where the scenario has them ("" = each scenario's own).
std::vector<ScenarioEntry> findScenarios(const std::filesystem::path& dir, const std::string& language = {});

enum class Screen : std::uint8_t { Start, Room, Handover, Team, End };

struct Notice {
  std::string text;
  bool refusal = false;  // a refused command (shown in red until dismissed)
  double at = 0;         // when (Table::now()); other notices leave the screen after a while
  bool gone = false;     // no longer shown (the screen was redrawn without it)
};
inline constexpr double kNoticeSeconds = 8;

struct TableOptions {
  std::filesystem::path scenariosDir;
  std::filesystem::path saveDir = "out";  // autosaves and the debrief
  std::string language;                   // "" = the scenario's
  bool openReportFolder = true;           // after writing the debrief (off in tests and scripts)
};

class Table {
 public:
  explicit Table(TableOptions options);
  ~Table();
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  // ---- start screen ----
  void rescan();  // reads the scenarios folder again (after a file was fixed)
  const std::vector<ScenarioEntry>& scenarios() const { return m_scenarios; }
  // Adds (or selects) a scenario file outside the folder, e.g. `demarche play FILE`.
  int addScenario(const std::filesystem::path& file);
  bool select(int index);  // false (with a notice) when it does not load
  int selected() const { return m_selected; }
  const ScenarioDef* selectedDef() const;
  std::vector<Seat>& seats() { return m_startSeats; }  // one per actor of the selected scenario
  // "ukr,eu,usa": these actors are teams, the others AI; false (notice) on an unknown id.
  // `inBrowsers`: the teams play in browsers (`play --serve`), not at the laptop.
  bool setTeams(const std::string& list, bool inBrowsers = false);
  // Team seats in browsers are on (`play --serve`): every team seat chosen on the start screen
  // starts in a browser (the facilitator may move it to the hot seat from the panel).
  bool teamsInBrowsers = false;
  int timerMinutes = 15;   // deliberation time per turn at the start (logged as `timer`); 0 = none
  std::uint64_t seed = 0;  // 0 = the scenario's seed
  std::string pin;         // the facilitator's PIN; empty = none
  // The autosave of the selected scenario, when there is one to resume.
  std::optional<std::filesystem::path> autosave() const;
  std::filesystem::path autosavePath() const;
  const std::string& scenarioForSave() const { return m_scenarioForSave; }  // the running one's file
  bool start();
  bool resume(const std::filesystem::path& save);

  // ---- live reload for authors (--watch) ----
  bool watch = false;
  // Looks at the selected scenario file and its includes (at most once a second); when one
  // changed, loads it again. A broken file only shows its diagnostics; the exercise goes on.
  void pollFiles(double nowSeconds);
  struct Reload {
    bool pending = false;  // a change to show
    bool ok = false;       // the new file loads
    std::string diagnostics;
    std::shared_ptr<const ScenarioDef> def;
  };
  const Reload& reload() const { return m_reload; }
  void dismissReload();
  // With the reloaded file: start the exercise again (same seats and seed), or replay the
  // current log onto it (each command in its text form; refused if one is no longer legal).
  bool restartWithReload();
  bool replayOntoReload();

  // ---- "simulate" on the start screen: many exercises with the AI on every seat, in a
  // background thread (the window stays responsive) ----
  void startSimulation(int runs);
  bool simulating() const;
  int simulationFinished() const;  // runs done so far
  int simulationRuns() const;
  // The result once done (null while running or before); for the scenario it was run on.
  const agents::SimulationSummary* simulation() const;
  const ScenarioDef* simulationScenario() const;

  // ---- what is on screen ----
  Screen screen() const { return m_screen; }
  bool running() const { return m_session.has_value(); }
  const Session& session() const { return *m_session; }
  const Engine& engine() const { return *m_engine; }
  const ScenarioDef& def() const { return *m_def; }
  // The scenario the engine was made from, shared (what outlives a reload where it must).
  const std::shared_ptr<const ScenarioDef>& sharedDef() const { return m_def; }
  int activeTeam() const { return m_active; }      // the team at the laptop (Screen::Team)
  int handoverTeam() const { return m_handover; }  // the team called to the laptop (Handover)
  std::vector<int> teams() const;                  // actors whose seat is a team, in order
  std::vector<int> hotSeatTeams() const;           // the teams at the laptop (not in browsers)
  bool teamDone(int actor) const;                  // done with this deliberation
  // Views of the current state, rebuilt only when it changed.
  const TeamView& teamView();
  // A measure the team view offers: its effects in words ("Resilience (target) +6; ..."),
  // built with the view (Engine::effectText); "" for none.
  const std::string& effectsText(int measure) const;
  const RoomView& roomView();
  const FacilitatorView& facilitatorView();            // rebuilt when the state or showTruth changed
  std::uint64_t version() const { return m_version; }  // grows with every change to show
  const std::vector<Notice>& notices() const { return m_notices; }
  void notify(std::string text, bool refusal = false);
  // The window's sentences (notices) in its language: say("Debrief written: {0}", {path}).
  std::string say(std::string_view english, std::initializer_list<std::string_view> args = {}) const {
    return Phrases(m_options.language)(english, args);
  }
  std::string sayWord(std::string_view english) const {
    return std::string(Phrases(m_options.language).word(english));
  }
  void clearNotices() { m_notices.clear(); }
  // The notices on screen now: refusals until dismissed, the others for kNoticeSeconds.
  std::vector<const Notice*> liveNotices() const {
    std::vector<const Notice*> live;
    for (const Notice& n : m_notices)
      if (n.refusal || m_now - n.at < kNoticeSeconds) live.push_back(&n);
    return live;
  }
  double now() const { return m_now; }
  std::string actorName(int actor) const;
  // A command in words, in the window's language ("Public attribution → Russia · Blackout in
  // western Ukraine", "a proposal: Intelligence sharing → European Union"): what a refusal's
  // notice and the debrief's changed branch name; the facilitator's commands as typed.
  std::string commandText(const Command& command) const;
  std::string turnLabel() const;  // "week 3"
  std::string turnLabelOf(int turn) const;
  // "15 March 2018" in the table's language, or "" when the turns carry no dates.
  std::string dateOf(int turn) const;
  // The language scenario texts are shown in (--lang, else the scenario's own).
  const std::string& language() const;

  // ---- a team's actions (the active team) ----
  bool takeMeasure(int measure, int target, int incident, std::uint64_t entities = 0);
  // naming: whom a joint attribution among the terms names (-1 = unsaid; rules §4.1).
  bool propose(std::vector<int> to, std::vector<int> terms, int incident, std::string text, int naming = -1);
  // Whom the active team's joint attribution would name unless it picks another: its decided
  // suspect for `incident` when `terms` hold a joint attribution, else -1.
  int suggestedNaming(const std::vector<int>& terms, int incident);
  bool reply(int proposal, ReplyKind kind, std::vector<int> counterTerms, std::string reason);
  // harbouring: `candidate`, a state, shelters those behind it (due diligence, rules §3.8).
  bool decide(int incident, int candidate, bool harbouring = false);
  bool disclose(int incident, Disclosure kind, std::vector<int> partners);
  // Takes a disclosed attribution back, at a credibility cost; it may then be corrected (§3.5).
  bool withdraw(int incident);
  // The team hands the laptop back: its view leaves the screen.
  void done();

  // ---- a team in a browser (src/seats, through ui/BrowserSeats) ----
  // `command` from the browser bound to `actor`'s seat, as Sender::team(actor), whoever has the
  // laptop. A refusal is returned in `language` ("" = the window's) for that browser only: it
  // never becomes a notice on the projector, which would tell the room what the team tried.
  std::optional<std::string> submitFromBrowser(const Command& command, int actor, std::string_view language);

  // ---- between teams (no private view on screen) ----
  void callTeam(int actor);  // "pass the laptop to Team X"
  void takeLaptop();         // the called team confirms it has it: its view opens
  void showRoom();           // the projector's public view

  // ---- the facilitator ----
  bool facilitatorUnlocked() const { return m_unlocked; }
  bool unlock(const std::string& pinTyped);  // true when there is no PIN or it matches
  void lock() { m_unlocked = false; }
  bool nextPhase();
  bool pause();
  bool resumePlay();
  bool injectNow(int inject);
  bool adjustMeter(int actor, int meter, double delta, std::string reason);
  bool revealTruth();
  bool undoTurn();
  bool takeOver(int actor);                           // an AI seat becomes a team
  bool handBack(int actor, std::uint8_t difficulty);  // a team seat goes back to the AI
  // A seat to the team at the laptop (the hot seat) or to a team in a browser (`seat ACTOR
  // team` / `seat ACTOR browser`): taking a seat back from its browser, or giving it back.
  bool moveToHotSeat(int actor);
  bool moveToBrowser(int actor);
  bool extendTimer(int seconds);  // negative cuts it
  bool endExercise();
  bool showTruth = false;  // the facilitator panel shows the hidden truth

  // ---- the countdown (wall-clock time comes from the window) ----
  void tick(double nowSeconds);
  // Seconds left in this deliberation; nullopt when no countdown runs (no timer, not in
  // deliberation). Frozen while paused.
  std::optional<double> remainingSeconds() const;
  bool countdownRunning() const;

  // ---- the end ----
  // Writes the HTML debrief into the save folder and opens that folder; returns its path.
  std::optional<std::filesystem::path> writeDebrief();
  // The debrief's data for the current state (rebuilt when it changed).
  const AfterAction& afterAction();
  // "What if": the exercise branched at the start of `turn` with `actor` played by the AI of
  // `difficulty`, the other teams' choices replayed, played to the end. Kept beside the
  // exercise for the debrief's side-by-side view (and its own save, ID.whatif.dlog).
  bool playWhatIf(int turn, int actor, std::uint8_t difficulty);
  // "What if we had chosen differently?": the choices the team playing `actor` made in `turn`
  // (the draft to change); that team's view of the deliberation of `turn` after `draft` (its
  // options say what it could have done then; each draft item's refusal, or "", goes into
  // `refusals`); and the branch played with the changed choices in `turn`, its original
  // choices from the next turn on, the other seats as in playWhatIf.
  std::vector<Command> choicesMade(int turn, int actor) const;
  const TeamView* whatIfDraftView(int turn, int actor, const std::vector<Command>& draft,
                                  std::vector<std::string>& refusals);
  bool playWhatIfChoices(int turn, int actor, std::vector<Command> choices);
  const Session* whatIf() const { return m_whatIf ? &*m_whatIf : nullptr; }
  const AfterAction* whatIfAfterAction() const { return m_whatIf ? &m_whatIfAfterAction : nullptr; }
  const std::string& whatIfLabel() const { return m_whatIfLabel; }
  // The exercise and the branch side by side (null without a branch); rebuilt when either changed.
  const Comparison* whatIfComparison();
  std::optional<std::filesystem::path> writeComparison(const std::string& extension);
  // Writes the debrief as FILE.html, .md or .json (by `extension`) into the save folder.
  std::optional<std::filesystem::path> writeReport(const std::string& extension);

 private:
  bool submit(const Command& command, Sender sender);
  bool submitTeam(const Command& command);
  bool submitFacilitator(const Command& command);
  void changed();
  void afterPhaseChange();
  void open(std::shared_ptr<const ScenarioDef> def, std::optional<Session> session);
  int timerSeconds() const;
  bool keepWhatIf(std::optional<Session> branch, std::string label);

  TableOptions m_options;
  std::vector<ScenarioEntry> m_scenarios;
  int m_selected = -1;
  std::vector<Seat> m_startSeats;

  std::shared_ptr<const ScenarioDef> m_def;
  std::unique_ptr<Engine> m_engine;
  std::optional<Session> m_session;
  std::unique_ptr<agents::SeatPlayers> m_players;
  std::unique_ptr<SeatDriver> m_driver;
  std::filesystem::path m_savePath;
  std::string m_scenarioForSave;

  Screen m_screen = Screen::Start;
  int m_active = -1;
  int m_handover = -1;
  std::vector<char> m_done;  // [actor]: done with this deliberation
  bool m_unlocked = false;

  std::uint64_t m_version = 1;
  std::uint64_t m_teamViewVersion = 0, m_roomViewVersion = 0;
  int m_teamViewActor = -1;
  TeamView m_teamView;
  std::vector<std::string> m_effects;  // [measure]: effectsText, built with m_teamView
  RoomView m_roomView;
  FacilitatorView m_facilitatorView;
  std::uint64_t m_facilitatorViewVersion = 0;
  bool m_facilitatorViewTruth = false;
  AfterAction m_afterAction;
  std::optional<Session> m_whatIf;
  AfterAction m_whatIfAfterAction;
  std::string m_whatIfLabel;
  std::string m_draftKey;  // what m_draftView was built for
  TeamView m_draftView;
  std::vector<std::string> m_draftRefusals;
  std::optional<Comparison> m_comparison;
  std::uint64_t m_comparisonVersion = 0;
  std::uint64_t m_afterActionVersion = 0;
  std::vector<Notice> m_notices;
  Reload m_reload;
  struct SimulationJob;
  std::unique_ptr<SimulationJob> m_simulation;
  double m_lastPoll = -1e9;
  std::vector<std::pair<std::filesystem::path, std::filesystem::file_time_type>> m_watched;
  void rememberFiles();

  // countdown
  double m_now = 0;
  double m_deliberationStart = -1;  // when this deliberation began (or resumed)
  double m_elapsedBefore = 0;       // seconds of it spent before the last pause
  int m_timerTurn = 0;
  bool m_timerExpiredNoticed = false;
};

}  // namespace demarche::ui
