#include "seats/HeadlessTable.hpp"

#include "agents/SeatPlayers.hpp"
#include "core/Catalogue.hpp"
#include "core/CommandText.hpp"
#include "core/Save.hpp"

namespace demarche::seats {

HeadlessTable::HeadlessTable(const ScenarioDef& def, std::uint64_t seed, const std::vector<int>& teams,
                             std::filesystem::path save, std::string scenarioFile, std::string language)
    : m_engine(std::make_unique<Engine>(def)),
      m_save(std::move(save)),
      m_scenarioFile(std::move(scenarioFile)),
      m_language(std::move(language)) {
  std::vector<Seat> seats(def.actors.size(), agents::aiSeat(agents::Difficulty::Standard));
  for (int a : teams)
    if (a >= 0 && static_cast<std::size_t>(a) < seats.size())
      seats[static_cast<std::size_t>(a)] = Seat{SeatKind::Team, kDifficultyStandard, true};
  m_session = std::make_unique<Session>(*m_engine, seed, seats);
  if (def.deliberationMinutes > 0)
    m_session->submit(SetTimer{def.deliberationMinutes * 60, false}, Sender::facilitator());
  m_players = std::make_unique<agents::SeatPlayers>(def);
  DriverOptions driving;
  driving.rounds = 3;  // as the window's table
  driving.afterCommand = [this](const Session& s) {
    if (m_save.empty()) return;
    if (auto error = writeSave(m_save, s, m_scenarioFile))
      m_notices.push_back(Phrases(m_language)("autosave failed: {0}", {*error}));
  };
  m_driver = std::make_unique<SeatDriver>(*m_session, *m_players, driving);
  m_driver->advance();
  if (!m_save.empty())
    if (auto error = writeSave(m_save, *m_session, m_scenarioFile))
      m_notices.push_back(Phrases(m_language)("autosave failed: {0}", {*error}));
  clock();
}

HeadlessTable::~HeadlessTable() = default;

void HeadlessTable::clock() {
  const GameState& s = m_session->state();
  if (s.phase == Phase::Deliberation && s.turn != m_clockTurn) {
    m_clockTurn = s.turn;
    m_deliberationStart = std::chrono::steady_clock::now();
  }
}

std::optional<Refusal> HeadlessTable::submit(const Command& command, Sender sender) {
  std::optional<Refusal> refusal = m_driver->submit(command, sender);
  if (!refusal) {
    ++m_version;
    clock();
  }
  return refusal;
}

std::string HeadlessTable::facilitator(const std::string& line) {
  const CommandParse parsed = parseCommand(m_engine->def(), line);
  if (!parsed.command) return parsed.error;
  if (auto refusal = submit(*parsed.command, Sender::facilitator())) return refusal->message;
  return {};
}

std::optional<std::string> HeadlessTable::submitFromSeat(const Command& command, int actor,
                                                         std::string_view language) {
  auto refusal = submit(command, Sender::team(actor));
  if (!refusal) return std::nullopt;
  return language.empty() || language == m_engine->def().language
             ? refusal->message
             : m_engine->refusalMessage(m_session->state(), command, refusal->code, language);
}

std::optional<double> HeadlessTable::remainingSeconds() const {
  const int seconds = m_session->deliberationSeconds();
  if (m_session->state().phase != Phase::Deliberation || seconds <= 0 ||
      m_clockTurn != m_session->state().turn)
    return std::nullopt;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - m_deliberationStart).count();
  return std::max(0.0, seconds - elapsed);
}

double HeadlessTable::seconds() const {
  if (m_clockSource) return m_clockSource();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_made).count();
}

std::vector<std::string> HeadlessTable::takeNotices() {
  std::vector<std::string> out;
  out.swap(m_notices);
  return out;
}

}  // namespace demarche::seats
