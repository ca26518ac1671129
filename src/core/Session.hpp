// A Session is one exercise being played: the engine, the current state, the log of every
// applied command, and a snapshot + hash at the start of each turn. The command log is what
// a save holds; the snapshots give the facilitator's undo and "what if" branches.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/Command.hpp"
#include "core/Engine.hpp"
#include "core/GameState.hpp"

namespace demarche {

class Session {
 public:
  // The start of a turn: the state right after that turn's briefing was prepared (what the
  // teams see when the turn begins), its hash, and where its commands start in the log.
  struct TurnStart {
    int turn = 1;
    std::size_t firstCommand = 0;  // index in commands() of the first command of this turn
    std::uint64_t hash = 0;        // stateHash(snapshot)
    GameState snapshot;
  };

  // A new exercise: Engine::initialState(seed) (seed 0 = the scenario's seed).
  explicit Session(const Engine& engine, std::uint64_t seed = 0);

  const Engine& engine() const { return *m_engine; }
  const GameState& state() const { return m_state; }
  std::uint64_t seed() const { return m_state.seed; }

  // Checks and applies one command and logs it. UndoTurn is handled here: it restores a
  // snapshot and removes the undone commands from the log (the log always replays to the
  // current state). Returns the refusal when the command is illegal (nothing changes).
  std::optional<Refusal> submit(const Command& command);
  // The same by code only (no message is built): ReasonCode::None when applied and logged.
  ReasonCode tryApply(const Command& command);

  // Undo: if anything happened since the current turn started, go back to its start;
  // otherwise go back to the start of the previous turn. Refused at the very beginning.
  std::optional<Refusal> undoTurn();

  // The applied commands in order (the save's payload).
  const std::vector<Command>& commands() const { return m_commands; }
  // One entry per turn started so far, in turn order (turn 1 first).
  const std::vector<TurnStart>& turnStarts() const { return m_turns; }
  // Hash of the current state.
  std::uint64_t hash() const { return stateHash(m_state); }

  // A new session that replays this one's commands up to the start of `turn` (1-based), from
  // which different choices can be played: "what if we had attributed a turn earlier?".
  // Returns nullopt if `turn` has not been reached.
  std::optional<Session> branchAt(int turn) const;

 private:
  void markTurnIfNew();
  const Engine* m_engine;
  GameState m_state;
  std::vector<Command> m_commands;
  std::vector<TurnStart> m_turns;
};

}  // namespace demarche
