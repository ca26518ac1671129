#include "agents/WhatIf.hpp"

#include "agents/SeatPlayers.hpp"
#include "core/SeatDriver.hpp"

namespace demarche::agents {

void LogPolicy::act(const Engine&, const GameState& state, int actor, int round, std::vector<Command>& out) {
  if (round > 1) return;
  const auto& commands = m_original->commands();
  const auto& senders = m_original->senders();
  // The original's commands of this turn: from the start of the turn to the next one.
  std::size_t first = commands.size(), last = commands.size();
  const auto& turns = m_original->turnStarts();
  for (std::size_t t = 0; t < turns.size(); ++t) {
    if (turns[t].turn != state.turn) continue;
    first = turns[t].firstCommand;
    last = t + 1 < turns.size() ? turns[t + 1].firstCommand : commands.size();
  }
  for (std::size_t k = first; k < last; ++k) {
    if (senders[k] != Sender::team(actor)) continue;
    const bool reply = std::holds_alternative<Reply>(commands[k]);
    if (reply == (round == 1)) out.push_back(commands[k]);
  }
}

WhatIf playWhatIf(const Session& original, int turn, int actor, const Seat& seat) {
  WhatIf result;
  result.turn = turn;
  result.actor = actor;
  const ScenarioDef& def = original.engine().def();
  if (actor < 0 || static_cast<std::size_t>(actor) >= def.actors.size()) {
    result.error = "no such actor";
    return result;
  }
  if (seat.kind == SeatKind::Team || seat.kind == SeatKind::Scripted) {
    result.error = "the changed seat must be played by the AI or the random policy";
    return result;
  }
  std::optional<Session> branch = original.branchAt(turn);
  if (!branch) {
    result.error = "the exercise has not reached turn " + std::to_string(turn);
    return result;
  }
  // Who plays what in the branch, as logged facilitator commands (the debrief shows them).
  for (std::size_t a = 0; a < def.actors.size(); ++a) {
    Seat next = branch->seats()[a];
    if (static_cast<int>(a) == actor)
      next = seat;
    else if (next.kind == SeatKind::Team)
      next = Seat{SeatKind::Scripted, kDifficultyStandard};
    if (next == branch->seats()[a]) continue;
    if (auto refusal = branch->submit(AssignSeat{static_cast<int>(a), next}, Sender::facilitator())) {
      result.error = "cannot seat " + def.actors[a].id + ": " + refusal->message;
      return result;
    }
  }
  if (branch->state().paused) branch->submit(Resume{}, Sender::facilitator());
  LogPolicy replay(original);
  SeatPlayers players(def, &replay);
  DriverOptions driving;
  driving.rounds = 3;
  SeatDriver driver(*branch, players, driving);
  driver.advance();  // no team seat: the driver plays to the end
  result.session = std::move(branch);
  return result;
}

}  // namespace demarche::agents
