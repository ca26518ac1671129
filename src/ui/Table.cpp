#include "ui/Table.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "agents/SeatPlayers.hpp"
#include "agents/Simulation.hpp"
#include "agents/WhatIf.hpp"
#include "core/AfterAction.hpp"
#include "core/AtomicFile.hpp"
#include "core/Calendar.hpp"
#include "core/CommandText.hpp"
#include "core/Compare.hpp"
#include "core/Lookup.hpp"
#include "core/Save.hpp"
#include "report/Compare.hpp"
#include "report/Report.hpp"
#include "scenario/Loader.hpp"

namespace demarche::ui {
namespace fs = std::filesystem;

namespace {

ScenarioEntry loadEntry(const fs::path& file, const std::string& language) {
  ScenarioEntry entry;
  entry.path = file;
  scenario::LoadResult loaded = scenario::loadScenario(file);
  entry.diagnostics = scenario::formatDiagnostics(loaded);
  if (!loaded.ok() || !loaded.scenario) {
    entry.title = file.filename().string();
    return entry;
  }
  const ScenarioDef& def = *loaded.scenario;
  const std::string& lang = language.empty() ? def.language : language;
  entry.title = def.title.get(lang, def.language);
  entry.summary = def.summary.get(lang, def.language);
  for (const Text& o : def.learningObjectives) entry.objectives.push_back(o.get(lang, def.language));
  entry.factAndFiction = def.factAndFiction.get(lang, def.language);
  entry.turns = def.turns;
  entry.def = std::make_shared<const ScenarioDef>(std::move(*loaded.scenario));
  return entry;
}

}  // namespace

std::vector<ScenarioEntry> findScenarios(const fs::path& dir, const std::string& language) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".yaml" && e.is_regular_file(ec)) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<ScenarioEntry> out;
  for (const fs::path& f : files) out.push_back(loadEntry(f, language));
  return out;
}

struct Table::SimulationJob {
  std::shared_ptr<const ScenarioDef> def;
  int runs = 0;
  std::atomic<int> finished{0};
  std::atomic<bool> done{false};
  agents::SimulationSummary summary;  // written by the worker before `done`
  std::thread worker;
  ~SimulationJob() {
    if (worker.joinable()) worker.join();
  }
};

Table::Table(TableOptions options) : m_options(std::move(options)) { rescan(); }
Table::~Table() = default;

void Table::startSimulation(int runs) {
  if (simulating() || m_selected < 0 || !m_scenarios[static_cast<std::size_t>(m_selected)].def) return;
  m_simulation.reset();  // joins a finished one
  auto job = std::make_unique<SimulationJob>();
  job->def = m_scenarios[static_cast<std::size_t>(m_selected)].def;
  job->runs = runs;
  SimulationJob* raw = job.get();
  raw->worker = std::thread([raw] {
    agents::SimulationOptions options;
    options.runs = raw->runs;
    options.jobs = 1;  // one core for the window
    options.progress = [raw](int finished) { raw->finished.store(finished, std::memory_order_relaxed); };
    raw->summary = agents::simulate(*raw->def, options);
    raw->done.store(true, std::memory_order_release);
  });
  m_simulation = std::move(job);
  changed();
}

bool Table::simulating() const { return m_simulation && !m_simulation->done.load(std::memory_order_acquire); }
int Table::simulationFinished() const {
  return m_simulation ? m_simulation->finished.load(std::memory_order_relaxed) : 0;
}
int Table::simulationRuns() const { return m_simulation ? m_simulation->runs : 0; }
const agents::SimulationSummary* Table::simulation() const {
  return m_simulation && m_simulation->done.load(std::memory_order_acquire) ? &m_simulation->summary
                                                                            : nullptr;
}
const ScenarioDef* Table::simulationScenario() const {
  return m_simulation ? m_simulation->def.get() : nullptr;
}

void Table::rescan() {
  const std::string keep =
      m_selected >= 0 ? m_scenarios[static_cast<std::size_t>(m_selected)].path.string() : "";
  std::vector<fs::path> extra;  // files added outside the folder stay listed
  for (const ScenarioEntry& e : m_scenarios)
    if (e.path.parent_path() != m_options.scenariosDir) extra.push_back(e.path);
  m_scenarios = findScenarios(m_options.scenariosDir, m_options.language);
  for (const fs::path& f : extra) m_scenarios.push_back(loadEntry(f, m_options.language));
  m_selected = -1;
  for (std::size_t i = 0; i < m_scenarios.size(); ++i)
    if (m_scenarios[i].path.string() == keep) m_selected = static_cast<int>(i);
  if (m_selected < 0) {
    for (std::size_t i = 0; i < m_scenarios.size() && m_selected < 0; ++i)
      if (m_scenarios[i].def) select(static_cast<int>(i));
  }
  ++m_version;
}

int Table::addScenario(const fs::path& file) {
  std::error_code ec;
  for (std::size_t i = 0; i < m_scenarios.size(); ++i) {
    if (fs::equivalent(m_scenarios[i].path, file, ec)) {
      select(static_cast<int>(i));
      return static_cast<int>(i);
    }
  }
  m_scenarios.push_back(loadEntry(file, m_options.language));
  const int index = static_cast<int>(m_scenarios.size() - 1);
  select(index);
  return index;
}

bool Table::select(int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= m_scenarios.size()) return false;
  m_selected = index;
  ++m_version;
  const ScenarioEntry& entry = m_scenarios[static_cast<std::size_t>(index)];
  if (!entry.def) {
    notify(say("{0} does not load; its diagnostics are shown below", {entry.path.filename().string()}), true);
    m_startSeats.clear();
    return false;
  }
  m_startSeats.assign(entry.def->actors.size(), agents::aiSeat(agents::Difficulty::Standard));
  for (int a : entry.def->defaultSeats)
    m_startSeats[static_cast<std::size_t>(a)] = Seat{SeatKind::Team, kDifficultyStandard};
  if (entry.def->deliberationMinutes > 0) timerMinutes = entry.def->deliberationMinutes;  // the author's pace
  return true;
}

const ScenarioDef* Table::selectedDef() const {
  if (m_selected < 0) return nullptr;
  return m_scenarios[static_cast<std::size_t>(m_selected)].def.get();
}

bool Table::setTeams(const std::string& list, bool inBrowsers) {
  const ScenarioDef* def = selectedDef();
  if (!def) return false;
  std::vector<Seat> seats(def->actors.size(), agents::aiSeat(agents::Difficulty::Standard));
  std::vector<int> teams;
  if (const std::string unknown = indicesOfIdList(def->actors, list, teams); !unknown.empty()) {
    notify(say("no actor '{0}' in {1} (actors: {2})", {unknown, def->id, idsOf(def->actors)}), true);
    return false;
  }
  for (int t : teams)
    seats[static_cast<std::size_t>(t)] = Seat{SeatKind::Team, kDifficultyStandard, inBrowsers};
  m_startSeats = std::move(seats);
  ++m_version;
  return true;
}

fs::path Table::autosavePath() const {
  const ScenarioDef* def = selectedDef();
  return m_options.saveDir / ((def ? def->id : std::string("exercise")) + ".table.dlog");
}

std::optional<fs::path> Table::autosave() const {
  if (!selectedDef()) return std::nullopt;
  std::error_code ec;
  const fs::path path = autosavePath();
  if (fs::is_regular_file(path, ec)) return path;
  return std::nullopt;
}

void Table::open(std::shared_ptr<const ScenarioDef> def, std::optional<Session> session) {
  // The session refers to the engine, which refers to the definitions: keep all three.
  m_def = std::move(def);
  m_session = std::move(session);
  m_savePath = autosavePath();
  std::error_code ec;
  fs::create_directories(m_savePath.parent_path(), ec);
  m_scenarioForSave = fs::absolute(m_scenarios[static_cast<std::size_t>(m_selected)].path, ec).string();
  // The AI writes its reasons and proposals in the table's language.
  m_players = std::make_unique<agents::SeatPlayers>(*m_def, nullptr, nullptr, m_options.language);
  DriverOptions driving;
  driving.rounds = 3;
  driving.afterCommand = [this](const Session& s) {
    if (auto error = writeSave(m_savePath, s, m_scenarioForSave))
      notify(say("autosave failed: {0}", {*error}), true);
  };
  m_driver = std::make_unique<SeatDriver>(*m_session, *m_players, driving);
  m_done.assign(m_def->actors.size(), 0);
  m_unlocked = pin.empty();
  m_screen = Screen::Room;
  m_active = m_handover = -1;
  m_timerTurn = 0;
  m_driver->advance();
  afterPhaseChange();
  if (auto error = writeSave(m_savePath, *m_session, m_scenarioForSave))
    notify(say("autosave failed: {0}", {*error}), true);
  changed();
}

bool Table::start() {
  const ScenarioDef* selectedScenario = selectedDef();
  if (!selectedScenario) {
    notify(say("choose a scenario that loads first"), true);
    return false;
  }
  std::shared_ptr<const ScenarioDef> def = m_scenarios[static_cast<std::size_t>(m_selected)].def;
  m_engine = std::make_unique<Engine>(*def);
  if (teamsInBrowsers)
    for (Seat& s : m_startSeats)
      if (s.kind == SeatKind::Team) s.browser = true;
  Session session(*m_engine, seed, m_startSeats);
  // The start screen's deliberation time is the first command, so a resumed exercise keeps it.
  if (timerMinutes > 0) session.submit(SetTimer{timerMinutes * 60, false}, Sender::facilitator());
  open(def, std::move(session));
  notify(say("Exercise started: {0}, seed {1}",
             {def->title.get(language(), def->language), std::to_string(m_session->seed())}));
  return true;
}

bool Table::resume(const fs::path& save) {
  const ScenarioDef* selectedScenario = selectedDef();
  if (!selectedScenario) return false;
  std::shared_ptr<const ScenarioDef> def = m_scenarios[static_cast<std::size_t>(m_selected)].def;
  SaveRead read = readSave(save);
  if (!read.log) {
    notify(formatSaveError(save.string(), read.error), true);
    return false;
  }
  if (auto error =
          checkScenario(*read.log, *def, m_scenarios[static_cast<std::size_t>(m_selected)].path.string())) {
    notify(formatSaveError(save.string(), *error), true);
    return false;
  }
  std::vector<Command> commands;
  if (auto error = parseSaveCommands(*read.log, *def, commands)) {
    notify(formatSaveError(save.string(), *error), true);
    return false;
  }
  auto engine = std::make_unique<Engine>(*def);
  ReplayResult replayed = replaySave(*engine, *read.log, commands);
  if (!replayed.identical || !replayed.session) {
    notify(say("{0}: the save does not replay identically: {1}", {save.string(), replayed.message}), true);
    return false;
  }
  m_engine = std::move(engine);
  open(def, std::move(replayed.session));
  notify(say("Resumed {0} at {1}, {2} ({3} commands replayed, hashes checked)",
             {save.filename().string(), turnLabel(), sayWord(phaseName(m_session->state().phase)),
              std::to_string(m_session->commands().size())}));
  return true;
}

void Table::rememberFiles() {
  m_watched.clear();
  if (m_selected < 0) return;
  const ScenarioEntry& e = m_scenarios[static_cast<std::size_t>(m_selected)];
  std::vector<fs::path> files{e.path};
  if (e.def)
    for (const std::string& inc : e.def->includes) {
      const fs::path p(inc);
      files.push_back(fs::exists(p) ? p : e.path.parent_path() / p);
    }
  std::error_code ec;
  for (const fs::path& f : files) m_watched.emplace_back(f, fs::last_write_time(f, ec));
}

void Table::pollFiles(double nowSeconds) {
  if (!watch || m_selected < 0 || nowSeconds - m_lastPoll < 1.0) return;
  m_lastPoll = nowSeconds;
  if (m_watched.empty()) {
    rememberFiles();
    return;
  }
  bool changedOnDisk = false;
  std::error_code ec;
  for (const auto& [file, time] : m_watched)
    changedOnDisk = changedOnDisk || fs::last_write_time(file, ec) != time;
  if (!changedOnDisk) return;
  ScenarioEntry& entry = m_scenarios[static_cast<std::size_t>(m_selected)];
  const fs::path path = entry.path;
  entry = loadEntry(path, m_options.language);
  rememberFiles();
  m_reload.pending = true;
  m_reload.ok = entry.def != nullptr;
  m_reload.diagnostics = entry.diagnostics;
  m_reload.def = entry.def;
  if (!running() && entry.def) select(m_selected);  // the start screen shows the new file at once
  notify(entry.def
             ? say("{0} changed on disk and loads", {path.filename().string()})
             : say("{0} changed on disk and does not load (see its diagnostics)", {path.filename().string()}),
         !entry.def);
}

void Table::dismissReload() {
  m_reload.pending = false;
  changed();
}

bool Table::restartWithReload() {
  if (!m_reload.ok || !m_reload.def) return false;
  const std::vector<Seat> seats = m_session ? m_session->turnStarts().front().seats : m_startSeats;
  const std::uint64_t keepSeed = m_session ? m_session->seed() : seed;
  m_startSeats = seats;
  if (m_startSeats.size() != m_reload.def->actors.size()) select(m_selected);
  seed = keepSeed;
  m_reload.pending = false;
  return start();
}

bool Table::replayOntoReload() {
  if (!m_reload.ok || !m_reload.def || !m_session) return false;
  std::shared_ptr<const ScenarioDef> def = m_reload.def;
  auto engine = std::make_unique<Engine>(*def);
  std::vector<Seat> seats = m_session->turnStarts().front().seats;
  if (seats.size() != def->actors.size()) {
    notify(say("the changed scenario has other actors: restart the exercise instead"), true);
    return false;
  }
  Session replayed(*engine, m_session->seed(), seats);
  const auto& commands = m_session->commands();
  for (std::size_t k = 0; k < commands.size(); ++k) {
    const std::string text = formatCommand(*m_def, commands[k]);
    const CommandParse parsed = parseCommand(*def, text);
    if (!parsed.command) {
      notify(say("cannot replay onto the changed scenario: command {0} '{1}': {2}",
                 {std::to_string(k + 1), text, parsed.error}),
             true);
      return false;
    }
    if (auto refusal =
            replayed.submit(*parsed.command, m_session->senders()[k], m_session->rationales()[k])) {
      notify(say("cannot replay onto the changed scenario: command {0} '{1}' is no longer legal: {2}",
                 {std::to_string(k + 1), text, refusal->message}),
             true);
      return false;
    }
  }
  const Screen screenBefore = m_screen;
  m_engine = std::move(engine);
  // The replayed session refers to the new engine; rebuild the driver around it.
  const int handover = m_handover;
  std::vector<char> done = m_done;
  open(def, std::move(replayed));
  m_done = done;
  if (screenBefore == Screen::Handover && handover >= 0) callTeam(handover);
  m_reload.pending = false;
  notify(say("The log was replayed onto the changed scenario ({0} commands)",
             {std::to_string(commands.size())}));
  return true;
}

std::vector<int> Table::teams() const {
  std::vector<int> out;
  if (!m_session) return out;
  for (std::size_t a = 0; a < m_session->seats().size(); ++a)
    if (m_session->seats()[a].kind == SeatKind::Team) out.push_back(static_cast<int>(a));
  return out;
}

std::vector<int> Table::hotSeatTeams() const {
  std::vector<int> out;
  for (int a : teams())
    if (!m_session->seats()[static_cast<std::size_t>(a)].browser) out.push_back(a);
  return out;
}

bool Table::teamDone(int actor) const {
  return actor >= 0 && static_cast<std::size_t>(actor) < m_done.size() &&
         m_done[static_cast<std::size_t>(actor)];
}

const TeamView& Table::teamView() {
  if (m_teamViewVersion != m_version || m_teamViewActor != m_active) {
    // Only the team at the laptop has a view; anyone else gets an empty one.
    m_teamView = m_active >= 0 ? buildTeamView(*m_engine, m_session->state(), m_active, m_options.language)
                               : TeamView{};
    // The offered measures' effects in words, with the view rather than in every frame.
    m_effects.assign(m_def->measures.size(), std::string());
    for (const MeasureOption& o : m_teamView.options) {
      std::string& text = m_effects[static_cast<std::size_t>(o.measure)];
      if (!text.empty()) continue;
      for (const EffectDef& e : m_def->measures[static_cast<std::size_t>(o.measure)].effects)
        text += (text.empty() ? "" : "; ") + m_engine->effectText(e, m_options.language);
    }
    m_teamViewVersion = m_version;
    m_teamViewActor = m_active;
  }
  return m_teamView;
}

const std::string& Table::effectsText(int measure) const {
  static const std::string none;
  return measure >= 0 && static_cast<std::size_t>(measure) < m_effects.size()
             ? m_effects[static_cast<std::size_t>(measure)]
             : none;
}

const RoomView& Table::roomView() {
  if (m_roomViewVersion != m_version) {
    m_roomView = buildRoomView(*m_engine, m_session->state(), m_options.language);
    m_roomViewVersion = m_version;
  }
  return m_roomView;
}

const FacilitatorView& Table::facilitatorView() {
  if (m_facilitatorViewVersion != m_version || m_facilitatorViewTruth != showTruth) {
    m_facilitatorView = buildFacilitatorView(*m_engine, m_session->state(), showTruth, m_options.language);
    m_facilitatorViewVersion = m_version;
    m_facilitatorViewTruth = showTruth;
  }
  return m_facilitatorView;
}

void Table::notify(std::string text, bool refusal) {
  m_notices.push_back({std::move(text), refusal, m_now});
  if (m_notices.size() > 8) m_notices.erase(m_notices.begin());
  ++m_version;
}

std::string Table::actorName(int actor) const {
  if (!m_def || actor < 0 || static_cast<std::size_t>(actor) >= m_def->actors.size()) return "?";
  return m_def->actors[static_cast<std::size_t>(actor)].name.get(language(), m_def->language);
}

std::string Table::commandText(const Command& command) const {
  if (!m_def || !m_engine) return {};
  const std::string& lang = language();
  const auto actor = [&](int a) -> const std::string& { return m_engine->actorName(a, lang); };
  const auto incident = [&](int i) -> const std::string& { return m_engine->incidentName(i, lang); };
  if (const auto* m = std::get_if<TakeMeasure>(&command)) {
    std::string t = m_engine->measureName(m->measure, lang);
    if (m->entities != 0)
      t += " → " + m_engine->listedNames(m->entities, lang);
    else if (m->target >= 0)
      t += " → " + actor(m->target);
    if (m->incident >= 0) t += " · " + incident(m->incident);
    return t;
  }
  if (const auto* d = std::get_if<DecideAttribution>(&command))
    return say("we decide") + ": " + actor(d->candidate) + " · " + incident(d->incident);
  if (const auto* d = std::get_if<Disclose>(&command))
    return (d->kind == Disclosure::Private  ? say("we tell them privately")
            : d->kind == Disclosure::Public ? say("we attribute publicly")
                                            : say("we attribute jointly")) +
           " · " + incident(d->incident);
  if (const auto* p = std::get_if<Propose>(&command)) {
    std::string t = say("a proposal") + ":";
    for (std::size_t k = 0; k < p->terms.size(); ++k)
      t += (k ? ", " : " ") + m_engine->termName(p->terms[k], lang);
    t += " →";
    for (std::size_t k = 0; k < p->to.size(); ++k) t += (k ? ", " : " ") + actor(p->to[k]);
    if (p->incident >= 0) t += " · " + incident(p->incident);
    return t;
  }
  if (const auto* r = std::get_if<Reply>(&command))
    return say("an answer") + " · #" + std::to_string(r->proposal);
  return formatCommand(*m_def, command);
}

const std::string& Table::language() const {
  return m_options.language.empty() && m_def ? m_def->language : m_options.language;
}

std::string Table::turnLabel() const {
  if (!m_def || !m_session) return {};
  return turnLabelOf(m_session->state().turn);
}

std::string Table::turnLabelOf(int turn) const {
  if (!m_def) return {};
  std::string label = m_def->turnLabel.get(language(), m_def->language);
  if (label.empty()) label = say("turn");
  return label + " " + std::to_string(turn);
}

std::string Table::dateOf(int turn) const {
  if (!m_def) return {};
  const auto day = dayOfTurn(m_def->turnDates, turn);
  return day ? longDate(*day, language()) : std::string();
}

void Table::changed() { ++m_version; }

bool Table::submit(const Command& command, Sender sender) {
  if (!m_session) return false;
  const Phase before = m_session->state().phase;
  const int turnBefore = m_session->state().turn;
  std::optional<Refusal> refusal = m_driver->submit(command, sender);
  if (refusal) {
    // The session's reason is in the scenario's language; the notice speaks the window's.
    const std::string reason =
        m_options.language.empty()
            ? refusal->message
            : m_engine->refusalMessage(m_session->state(), command, refusal->code, m_options.language);
    notify(say("Refused: {0}: {1}", {commandText(command), reason}), true);
    return false;
  }
  if (m_session->state().phase != before || m_session->state().turn != turnBefore) afterPhaseChange();
  changed();
  return true;
}

std::optional<std::string> Table::submitFromBrowser(const Command& command, int actor,
                                                    std::string_view language) {
  if (!m_session) return say("the exercise has not started");
  const Phase before = m_session->state().phase;
  const int turnBefore = m_session->state().turn;
  std::optional<Refusal> refusal = m_driver->submit(command, Sender::team(actor));
  if (refusal) {
    const std::string_view lang = language.empty() ? std::string_view(m_options.language) : language;
    return lang.empty() ? refusal->message
                        : m_engine->refusalMessage(m_session->state(), command, refusal->code, lang);
  }
  if (m_session->state().phase != before || m_session->state().turn != turnBefore) afterPhaseChange();
  changed();
  return std::nullopt;
}

bool Table::submitTeam(const Command& command) {
  if (m_screen != Screen::Team || m_active < 0) {
    notify(say("no team has the laptop: pass it to a team first"), true);
    return false;
  }
  return submit(command, Sender::team(m_active));
}

bool Table::submitFacilitator(const Command& command) {
  if (!m_unlocked) {
    notify(say("the facilitator panel is locked: enter the PIN (F10)"), true);
    return false;
  }
  return submit(command, Sender::facilitator());
}

void Table::afterPhaseChange() {
  const GameState& s = m_session->state();
  if (s.phase != Phase::Deliberation || s.turn != m_timerTurn) {
    // A new deliberation (or none): the teams start again and so does the countdown.
    std::fill(m_done.begin(), m_done.end(), 0);
  }
  if (s.phase == Phase::Deliberation && s.turn != m_timerTurn) {
    m_timerTurn = s.turn;
    m_deliberationStart = s.paused ? -1 : m_now;
    m_elapsedBefore = 0;
    m_timerExpiredNoticed = false;
    // The first team is called to the laptop (teams in browsers have their own screens).
    const std::vector<int> t = hotSeatTeams();
    if (!t.empty() && m_screen != Screen::Team) {
      m_handover = t.front();
      m_screen = Screen::Handover;
    }
  }
  if (s.phase != Phase::Deliberation && m_screen == Screen::Team) {
    // The deliberation closed: no team's view stays on screen.
    m_screen = Screen::Room;
    m_active = -1;
  }
  if (s.phase == Phase::Ended) m_screen = Screen::End;
}

bool Table::takeMeasure(int measure, int target, int incident, std::uint64_t entities) {
  return submitTeam(TakeMeasure{m_active, measure, target, incident, entities});
}

bool Table::propose(std::vector<int> to, std::vector<int> terms, int incident, std::string text, int naming) {
  return submitTeam(Propose{m_active, std::move(to), std::move(terms), incident, std::move(text), naming});
}

int Table::suggestedNaming(const std::vector<int>& terms, int incident) {
  // The team's own decision, read through its view like everything the screen shows it.
  if (m_active < 0 || incident < 0 || incident >= static_cast<int>(m_def->incidents.size())) return -1;
  if (!m_engine->hasTermOfKind(terms, TermKind::JointAttribution)) return -1;
  const std::string& id = m_def->incidents[static_cast<std::size_t>(incident)].id;
  for (const AssessmentView& a : teamView().assessments) {
    if (a.incident != id || a.decided.empty()) continue;
    for (std::size_t k = 0; k < m_def->actors.size(); ++k)
      if (m_def->actors[k].id == a.decided) return static_cast<int>(k);
  }
  return -1;
}

bool Table::reply(int proposal, ReplyKind kind, std::vector<int> counterTerms, std::string reason) {
  return submitTeam(Reply{m_active, proposal, kind, std::move(counterTerms), std::move(reason)});
}

bool Table::decide(int incident, int candidate, bool harbouring) {
  return submitTeam(DecideAttribution{m_active, incident, candidate, harbouring});
}

bool Table::disclose(int incident, Disclosure kind, std::vector<int> partners) {
  return submitTeam(Disclose{m_active, incident, kind, std::move(partners)});
}

bool Table::withdraw(int incident) { return submitTeam(Withdraw{m_active, incident}); }

void Table::done() {
  if (m_screen != Screen::Team) return;
  m_done[static_cast<std::size_t>(m_active)] = 1;
  const int finished = m_active;
  m_active = -1;
  // The next team that has not finished is called; when all have, the room's view returns.
  const std::vector<int> t = hotSeatTeams();
  m_handover = -1;
  auto it = std::find(t.begin(), t.end(), finished);
  for (std::size_t k = 1; k <= t.size() && it != t.end(); ++k) {
    const int next = t[(static_cast<std::size_t>(it - t.begin()) + k) % t.size()];
    if (!m_done[static_cast<std::size_t>(next)]) {
      m_handover = next;
      break;
    }
  }
  m_screen = m_handover >= 0 ? Screen::Handover : Screen::Room;
  if (m_handover < 0) notify(say("Every team is done: the facilitator can close the deliberation"));
  changed();
}

void Table::callTeam(int actor) {
  if (!m_session || actor < 0 || static_cast<std::size_t>(actor) >= m_session->seats().size()) return;
  const Seat& seat = m_session->seats()[static_cast<std::size_t>(actor)];
  if (seat.kind != SeatKind::Team) {
    notify(say("{0} is not played by a team", {actorName(actor)}), true);
    return;
  }
  if (seat.browser) {
    notify(say("{0} plays in a browser: move its seat to the hot seat first", {actorName(actor)}), true);
    return;
  }
  m_active = -1;
  m_handover = actor;
  m_screen = Screen::Handover;
  changed();
}

void Table::takeLaptop() {
  if (m_screen != Screen::Handover || m_handover < 0) return;
  m_active = m_handover;
  m_handover = -1;
  m_screen = Screen::Team;
  // The team has the laptop: the facilitator's panel locks behind its PIN again.
  if (!pin.empty()) m_unlocked = false;
  changed();
}

void Table::showRoom() {
  if (!m_session) return;
  m_active = m_handover = -1;
  m_screen = m_session->state().phase == Phase::Ended ? Screen::End : Screen::Room;
  changed();
}

bool Table::unlock(const std::string& pinTyped) {
  m_unlocked = pin.empty() || pinTyped == pin;
  if (!m_unlocked) notify(say("wrong PIN"), true);
  changed();
  return m_unlocked;
}

bool Table::nextPhase() { return submitFacilitator(EndPhase{}); }

bool Table::pause() {
  if (!submitFacilitator(Pause{})) return false;
  if (m_deliberationStart >= 0) {
    m_elapsedBefore += m_now - m_deliberationStart;
    m_deliberationStart = -1;
  }
  return true;
}

bool Table::resumePlay() {
  if (!submitFacilitator(Resume{})) return false;
  if (m_session->state().phase == Phase::Deliberation && m_deliberationStart < 0) m_deliberationStart = m_now;
  return true;
}

bool Table::injectNow(int inject) { return submitFacilitator(InjectNow{inject}); }

bool Table::adjustMeter(int actor, int meter, double delta, std::string reason) {
  return submitFacilitator(AdjustMeter{actor, meter, delta, std::move(reason)});
}

bool Table::revealTruth() { return submitFacilitator(RevealTruth{}); }

bool Table::undoTurn() {
  if (!submitFacilitator(UndoTurn{})) return false;
  // The state went back: start this turn's screens and countdown again.
  m_timerTurn = 0;
  m_screen = Screen::Room;
  m_active = m_handover = -1;
  afterPhaseChange();
  return true;
}

bool Table::takeOver(int actor) {
  return submitFacilitator(AssignSeat{actor, Seat{SeatKind::Team, kDifficultyStandard}});
}

bool Table::handBack(int actor, std::uint8_t difficulty) {
  if (!submitFacilitator(AssignSeat{actor, Seat{SeatKind::Ai, difficulty}})) return false;
  if (m_active == actor || m_handover == actor) showRoom();
  return true;
}

bool Table::moveToHotSeat(int actor) {
  return submitFacilitator(AssignSeat{actor, Seat{SeatKind::Team, kDifficultyStandard, false}});
}

bool Table::moveToBrowser(int actor) {
  if (!submitFacilitator(AssignSeat{actor, Seat{SeatKind::Team, kDifficultyStandard, true}})) return false;
  if (m_active == actor || m_handover == actor) showRoom();  // its view leaves the laptop's screen
  return true;
}

bool Table::extendTimer(int seconds) {
  if (!submitFacilitator(SetTimer{seconds, true})) return false;
  notify(seconds >= 0 ? say("Deliberation extended by {0} min", {std::to_string(seconds / 60)})
                      : say("Deliberation cut by {0} min", {std::to_string(-seconds / 60)}));
  return true;
}

bool Table::endExercise() { return submitFacilitator(EndExercise{}); }

int Table::timerSeconds() const { return m_session ? m_session->deliberationSeconds() : 0; }

void Table::tick(double nowSeconds) {
  m_now = nowSeconds;
  for (Notice& n : m_notices) {
    if (!n.refusal && !n.gone && m_now - n.at >= kNoticeSeconds) {
      n.gone = true;
      changed();  // redraw without it
    }
  }
  if (const auto left = remainingSeconds(); left && *left <= 0 && !m_timerExpiredNoticed) {
    m_timerExpiredNoticed = true;
    notify(say("Time is up: the facilitator closes the deliberation"));
  }
}

std::optional<double> Table::remainingSeconds() const {
  if (!m_session || m_session->state().phase != Phase::Deliberation || timerSeconds() <= 0)
    return std::nullopt;
  const double elapsed = m_elapsedBefore + (m_deliberationStart >= 0 ? m_now - m_deliberationStart : 0);
  return std::max(0.0, timerSeconds() - elapsed);
}

bool Table::countdownRunning() const {
  const auto left = remainingSeconds();
  return left && *left > 0 && m_deliberationStart >= 0;
}

const AfterAction& Table::afterAction() {
  if (m_afterActionVersion != m_version) {
    m_afterAction = buildAfterAction(*m_session, m_options.language);
    m_afterActionVersion = m_version;
  }
  return m_afterAction;
}

std::optional<fs::path> Table::writeReport(const std::string& extension) {
  if (!m_session) return std::nullopt;
  const fs::path path = m_options.saveDir / (m_def->id + ".debrief" + extension);
  const std::optional<report::Format> format = report::formatForPath(path);
  if (!format) {
    notify(say("no report format for '{0}' (.html, .md or .json)", {extension}), true);
    return std::nullopt;
  }
  if (auto error = writeFileAtomically(path, report::render(afterAction(), *format))) {
    notify(say("cannot write the debrief: {0}", {*error}), true);
    return std::nullopt;
  }
  notify(say("Debrief written: {0}", {path.string()}));
  return path;
}

bool Table::keepWhatIf(std::optional<Session> branch, std::string label) {
  m_whatIf = std::move(branch);
  m_whatIfAfterAction = buildAfterAction(*m_whatIf, m_options.language);
  m_whatIfLabel = std::move(label);
  changed();  // a new branch: the comparison is built again
  const fs::path save = m_options.saveDir / (m_def->id + ".whatif.dlog");
  if (auto error = writeSave(save, *m_whatIf, m_scenarioForSave))
    notify(say("cannot save the branch: {0}", {*error}), true);
  notify(say("Played: {0}", {m_whatIfLabel}));
  return true;
}

bool Table::playWhatIf(int turn, int actor, std::uint8_t difficulty) {
  if (!m_session) return false;
  agents::WhatIf branch = agents::playWhatIf(*m_session, turn, actor, Seat{SeatKind::Ai, difficulty});
  if (!branch.session) {
    notify(say("What if: {0}", {branch.error}), true);
    return false;
  }
  return keepWhatIf(std::move(branch.session),
                    say("what if the AI ({0}) had played {1} from {2}",
                        {sayWord(difficultyWord(difficulty)), actorName(actor), turnLabelOf(turn)}));
}

std::vector<Command> Table::choicesMade(int turn, int actor) const {
  return m_session ? agents::loggedChoices(*m_session, turn, actor) : std::vector<Command>{};
}

const TeamView* Table::whatIfDraftView(int turn, int actor, const std::vector<Command>& draft,
                                       std::vector<std::string>& refusals) {
  if (!m_session || actor < 0 || actor >= static_cast<int>(m_def->actors.size())) return nullptr;
  std::string key = std::to_string(m_version) + " " + std::to_string(turn) + " " + std::to_string(actor);
  for (const Command& c : draft) {
    key += '\n';  // appended apart: GCC 12 misreads "\n" + string as an overlapping copy
    key += formatCommand(*m_def, c);
  }
  if (key != m_draftKey) {
    const std::optional<GameState> state =
        agents::whatIfDraftState(*m_session, turn, draft, &m_draftRefusals, m_options.language);
    if (!state) return nullptr;
    m_draftView = buildTeamView(*m_engine, *state, actor, m_options.language);
    m_draftKey = std::move(key);
  }
  refusals = m_draftRefusals;
  return &m_draftView;
}

bool Table::playWhatIfChoices(int turn, int actor, std::vector<Command> choices) {
  if (!m_session) return false;
  agents::WhatIf branch = agents::playWhatIfChoices(*m_session, turn, actor, std::move(choices));
  if (!branch.session) {
    notify(say("What if: {0}", {branch.error}), true);
    return false;
  }
  return keepWhatIf(std::move(branch.session),
                    say("what if {0} had chosen differently in {1}", {actorName(actor), turnLabelOf(turn)}));
}

const Comparison* Table::whatIfComparison() {
  if (!m_session || !m_whatIf) return nullptr;
  if (!m_comparison || m_comparisonVersion != m_version) {
    m_comparison = compareOutcomes(afterAction(), say("as played"), m_whatIfAfterAction, m_whatIfLabel);
    m_comparisonVersion = m_version;
  }
  return &*m_comparison;
}

std::optional<fs::path> Table::writeComparison(const std::string& extension) {
  const Comparison* c = whatIfComparison();
  if (!c) return std::nullopt;
  const fs::path path = m_options.saveDir / (m_def->id + ".whatif" + extension);
  const std::optional<report::Format> format = report::formatForPath(path);
  if (!format) return std::nullopt;
  if (auto error = writeFileAtomically(path, report::renderComparison(*c, *format))) {
    notify(say("cannot write the comparison: {0}", {*error}), true);
    return std::nullopt;
  }
  notify(say("Comparison written: {0}", {path.string()}));
  return path;
}

std::optional<fs::path> Table::writeDebrief() {
  const std::optional<fs::path> written = writeReport(".html");
  if (!written) return std::nullopt;
  const fs::path path = *written;
  if (m_options.openReportFolder) {
    const std::string cmd = "xdg-open '" + fs::absolute(path.parent_path()).string() + "' >/dev/null 2>&1 &";
    if (std::system(cmd.c_str()) != 0) notify(say("open {0} to read it", {path.parent_path().string()}));
  }
  return path;
}

}  // namespace demarche::ui
