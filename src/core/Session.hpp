// A Session is one exercise being played: the engine, the current state, the seat table (who
// plays each actor), the log of every applied command with its sender (and the AI's reason,
// when it gave one), and a snapshot + hash at the start of each turn. The log is what a save
// holds; the snapshots give the facilitator's undo and "what if" branches. Session is the door
// every command passes: it refuses a command from a sender that may not give it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
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
    std::vector<Seat> seats;  // the seat table at that moment
  };

  // One applied command as the log keeps it.
  struct Entry {
    Command command;
    Sender sender;
    std::string rationale;  // why the AI chose it (empty for people and scripts)
  };

  // A new exercise: Engine::initialState(seed) (seed 0 = the scenario's seed). `seats` is the
  // seat table at the start (one per actor; missing seats are AI, standard).
  explicit Session(const Engine& engine, std::uint64_t seed = 0, std::vector<Seat> seats = {});

  const Engine& engine() const { return *m_engine; }
  const GameState& state() const { return m_state; }
  std::uint64_t seed() const { return m_state.seed; }

  // Checks who sent it (senderCode), then checks and applies one command and logs it with its
  // sender. UndoTurn is handled here: it restores a snapshot, removes the undone commands from
  // the log (the log always replays to the current state), keeps the current seat table and the
  // deliberation clock (`timer N`) and
  // leaves a trace (RecordUndo) in the log and the timeline. AssignSeat changes the seat table.
  // Returns the refusal when the command is illegal or not the sender's (nothing changes).
  std::optional<Refusal> submit(const Command& command, Sender sender = Sender::script(),
                                std::string rationale = {});
  // The same by code only (no message is built): ReasonCode::None when applied and logged.
  ReasonCode tryApply(const Command& command, Sender sender = Sender::script());

  // Whether `sender` may give `command` with the current seat table (ReasonCode::None if so):
  // a player command only from the seat that holds its actor (a team from a team seat, the AI
  // from an AI or random seat, a script from a scripted seat), phase control and facilitator
  // commands only from the facilitator. Sender::script() (a harness, or a log from before
  // senders were recorded) may give anything.
  ReasonCode senderCode(const Command& command, Sender sender) const;

  // Undo: if anything happened since the current turn started, go back to its start;
  // otherwise go back to the start of the previous turn. Refused at the very beginning.
  std::optional<Refusal> undoTurn(Sender sender = Sender::facilitator());

  // The deliberation countdown in seconds (0 = none), from the log's SetTimer commands: the
  // last `timer N`, plus every `timer +N/-N` given since the current turn started.
  int deliberationSeconds() const;

  // The seat table: one seat per actor.
  const std::vector<Seat>& seats() const { return m_seats; }
  const Seat& seat(int actor) const { return m_seats[static_cast<std::size_t>(actor)]; }

  // The applied commands in order (the save's payload), their senders and rationales.
  const std::vector<Command>& commands() const { return m_commands; }
  const std::vector<Sender>& senders() const { return m_senders; }
  const std::vector<std::string>& rationales() const { return m_rationales; }
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
  void log(const Command& command, Sender sender, std::string rationale);
  void applySeat(const Command& command);
  int timerBase() const;  // the last `timer N` in the log (0 = none)
  const Engine* m_engine;
  GameState m_state;
  std::vector<Seat> m_seats;
  std::vector<Command> m_commands;
  std::vector<Sender> m_senders;
  std::vector<std::string> m_rationales;
  std::vector<TurnStart> m_turns;
};

}  // namespace demarche
