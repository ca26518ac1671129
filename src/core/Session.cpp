// Session: the command log with per-turn snapshots (undo, branches, per-turn hashes).
#include "core/Session.hpp"

namespace demarche {

Session::Session(const Engine& engine, std::uint64_t seed)
    : m_engine(&engine), m_state(engine.initialState(seed)) {
  m_commands.reserve(256);
  markTurnIfNew();
}

void Session::markTurnIfNew() {
  if (m_state.phase != Phase::Briefing) return;
  if (!m_turns.empty() && m_turns.back().turn >= m_state.turn) return;
  m_turns.push_back({m_state.turn, m_commands.size(), stateHash(m_state), m_state});
}

std::optional<Refusal> Session::submit(const Command& command) {
  if (std::holds_alternative<UndoTurn>(command)) return undoTurn();
  if (auto refusal = m_engine->submit(m_state, command)) return refusal;
  m_commands.push_back(command);
  markTurnIfNew();
  return std::nullopt;
}

ReasonCode Session::tryApply(const Command& command) {
  if (std::holds_alternative<UndoTurn>(command)) {
    auto refusal = undoTurn();
    return refusal ? refusal->code : ReasonCode::None;
  }
  const ReasonCode code = m_engine->tryApply(m_state, command);
  if (code != ReasonCode::None) return code;
  m_commands.push_back(command);
  markTurnIfNew();
  return code;
}

std::optional<Refusal> Session::undoTurn() {
  if (m_turns.empty()) return Refusal{ReasonCode::NothingToUndo, "nothing to undo"};
  // Anything since the current turn started? Then back to its start; else one turn further.
  std::size_t target = m_turns.size() - 1;
  if (m_commands.size() == m_turns[target].firstCommand) {
    if (target == 0)
      return Refusal{ReasonCode::NothingToUndo,
                     m_engine->refusalMessage(m_state, UndoTurn{}, ReasonCode::NothingToUndo)};
    --target;
  }
  m_state = m_turns[target].snapshot;
  m_commands.resize(m_turns[target].firstCommand);
  m_turns.resize(target + 1);
  return std::nullopt;
}

std::optional<Session> Session::branchAt(int turn) const {
  for (const TurnStart& t : m_turns) {
    if (t.turn != turn) continue;
    Session branch(*this);
    branch.m_state = t.snapshot;
    branch.m_commands.resize(t.firstCommand);
    std::size_t keep = 0;
    while (keep < branch.m_turns.size() && branch.m_turns[keep].turn <= turn) ++keep;
    branch.m_turns.resize(keep);
    return branch;
  }
  return std::nullopt;
}

}  // namespace demarche
