// Session: the door every command passes (sender, then rules), the command log with senders,
// the seat table, and per-turn snapshots (undo, branches, per-turn hashes).
#include "core/Session.hpp"

#include <algorithm>
#include <utility>

namespace demarche {
namespace {
// A difficulty means something only for an AI seat; others carry the default, so two tables
// that seat the same players compare equal.
Seat normalized(Seat seat) {
  if (seat.kind != SeatKind::Ai) seat.difficulty = kDifficultyStandard;
  if (seat.kind != SeatKind::Team) seat.browser = false;
  return seat;
}
}  // namespace

Session::Session(const Engine& engine, std::uint64_t seed, std::vector<Seat> seats)
    : m_engine(&engine), m_state(engine.initialState(seed)), m_seats(std::move(seats)) {
  m_seats.resize(static_cast<std::size_t>(m_state.actorCount));
  for (Seat& seat : m_seats) seat = normalized(seat);
  m_commands.reserve(256);
  m_senders.reserve(256);
  m_rationales.reserve(256);
  markTurnIfNew();
}

void Session::markTurnIfNew() {
  if (m_state.phase != Phase::Briefing) return;
  if (!m_turns.empty() && m_turns.back().turn >= m_state.turn) return;
  m_turns.push_back({m_state.turn, m_commands.size(), stateHash(m_state), m_state, m_seats});
}

ReasonCode Session::senderCode(const Command& command, Sender sender) const {
  if (sender.kind == SenderKind::Script && sender.actor < 0) return ReasonCode::None;
  if (commandAuthority(command) != Authority::Player)
    return sender.kind == SenderKind::Facilitator ? ReasonCode::None : ReasonCode::FacilitatorOnly;
  const int actor = commandActor(command);
  if (sender.kind == SenderKind::Facilitator || actor < 0 || actor != sender.actor ||
      actor >= static_cast<int>(m_seats.size()))
    return ReasonCode::NotYourSeat;
  const SeatKind held = m_seats[static_cast<std::size_t>(actor)].kind;
  switch (sender.kind) {
    case SenderKind::Team:
      return held == SeatKind::Team ? ReasonCode::None : ReasonCode::NotYourSeat;
    case SenderKind::Ai:
      return held == SeatKind::Ai || held == SeatKind::Random ? ReasonCode::None : ReasonCode::NotYourSeat;
    case SenderKind::Script:
      return held == SeatKind::Scripted ? ReasonCode::None : ReasonCode::NotYourSeat;
    case SenderKind::Facilitator:
      break;
  }
  return ReasonCode::NotYourSeat;
}

void Session::log(const Command& command, Sender sender, std::string rationale) {
  m_commands.push_back(command);
  m_senders.push_back(sender);
  m_rationales.push_back(std::move(rationale));
}

void Session::applySeat(const Command& command) {
  if (const auto* as = std::get_if<AssignSeat>(&command))
    m_seats[static_cast<std::size_t>(as->actor)] = normalized(as->seat);
}

std::optional<Refusal> Session::submit(const Command& command, Sender sender, std::string rationale) {
  if (const ReasonCode code = senderCode(command, sender); code != ReasonCode::None)
    return Refusal{code, m_engine->refusalMessage(m_state, command, code)};
  if (std::holds_alternative<UndoTurn>(command)) return undoTurn(sender);
  if (auto refusal = m_engine->submit(m_state, command)) return refusal;
  applySeat(command);
  log(command, sender, std::move(rationale));
  markTurnIfNew();
  return std::nullopt;
}

ReasonCode Session::tryApply(const Command& command, Sender sender) {
  if (const ReasonCode code = senderCode(command, sender); code != ReasonCode::None) return code;
  if (std::holds_alternative<UndoTurn>(command)) {
    auto refusal = undoTurn(sender);
    return refusal ? refusal->code : ReasonCode::None;
  }
  const ReasonCode code = m_engine->tryApply(m_state, command);
  if (code != ReasonCode::None) return code;
  applySeat(command);
  log(command, sender, {});
  markTurnIfNew();
  return code;
}

std::optional<Refusal> Session::undoTurn(Sender sender) {
  if (m_turns.empty()) return Refusal{ReasonCode::NothingToUndo, "nothing to undo"};
  // Anything since the current turn started? Then back to its start; else one turn further.
  // (The trace of an earlier undo and the seats it restored do not count as something.)
  std::size_t target = m_turns.size() - 1;
  bool anything = false, inTrace = false;
  for (std::size_t k = m_turns[target].firstCommand; k < m_commands.size() && !anything; ++k) {
    if (std::holds_alternative<RecordUndo>(m_commands[k]))
      inTrace = true;
    else if (!(inTrace && std::holds_alternative<AssignSeat>(m_commands[k])))
      anything = true;
  }
  if (!anything) {
    if (target == 0)
      return Refusal{ReasonCode::NothingToUndo,
                     m_engine->refusalMessage(m_state, UndoTurn{}, ReasonCode::NothingToUndo)};
    --target;
  }
  const int fromTurn = m_state.turn;
  const int undone = static_cast<int>(m_commands.size() - m_turns[target].firstCommand);
  const std::vector<Seat> current = m_seats;
  const int clock = timerBase();
  m_state = m_turns[target].snapshot;
  m_seats = m_turns[target].seats;
  m_commands.resize(m_turns[target].firstCommand);
  m_senders.resize(m_turns[target].firstCommand);
  m_rationales.resize(m_turns[target].firstCommand);
  m_turns.resize(target + 1);
  // The trace, and the seats as they are now (undo goes back in the story, not in who sits
  // where): both are logged commands, so the log still replays to the current state.
  const Sender by = sender.kind == SenderKind::Script ? sender : Sender::facilitator();
  const Command trace = RecordUndo{fromTurn, m_state.turn, undone};
  if (m_engine->tryApply(m_state, trace) == ReasonCode::None) log(trace, by, {});
  for (std::size_t a = 0; a < current.size() && a < m_seats.size(); ++a) {
    if (current[a] == m_seats[a]) continue;
    const Command seat = AssignSeat{static_cast<int>(a), current[a]};
    if (m_engine->tryApply(m_state, seat) == ReasonCode::None) {
      applySeat(seat);
      log(seat, by, {});
    }
  }
  // Nor in the facilitator's clock: the deliberation length set before stays set.
  if (timerBase() != clock) {
    const Command timer = SetTimer{clock, false};
    if (m_engine->tryApply(m_state, timer) == ReasonCode::None) log(timer, by, {});
  }
  return std::nullopt;
}

int Session::timerBase() const {
  for (std::size_t k = m_commands.size(); k-- > 0;)
    if (const auto* t = std::get_if<SetTimer>(&m_commands[k]); t && !t->extend) return t->seconds;
  return 0;
}

int Session::deliberationSeconds() const {
  int extra = 0;
  const std::size_t turnStart = m_turns.empty() ? 0 : m_turns.back().firstCommand;
  for (std::size_t k = turnStart; k < m_commands.size(); ++k)
    if (const auto* t = std::get_if<SetTimer>(&m_commands[k]); t && t->extend) extra += t->seconds;
  return std::max(0, timerBase() + extra);
}

std::optional<Session> Session::branchAt(int turn) const {
  for (const TurnStart& t : m_turns) {
    if (t.turn != turn) continue;
    Session branch(*this);
    branch.m_state = t.snapshot;
    branch.m_seats = t.seats;
    branch.m_commands.resize(t.firstCommand);
    branch.m_senders.resize(t.firstCommand);
    branch.m_rationales.resize(t.firstCommand);
    std::size_t keep = 0;
    while (keep < branch.m_turns.size() && branch.m_turns[keep].turn <= turn) ++keep;
    branch.m_turns.resize(keep);
    return branch;
  }
  return std::nullopt;
}

}  // namespace demarche
