#include "agents/WhatIf.hpp"

#include "agents/SeatPlayers.hpp"
#include "core/SeatDriver.hpp"
#include "core/View.hpp"

namespace demarche::agents {

namespace {

// [first, last) of the commands logged during `turn`.
std::pair<std::size_t, std::size_t> turnCommands(const Session& session, int turn) {
  const auto& commands = session.commands();
  std::size_t first = commands.size(), last = commands.size();
  const auto& turns = session.turnStarts();
  for (std::size_t t = 0; t < turns.size(); ++t) {
    if (turns[t].turn != turn) continue;
    first = turns[t].firstCommand;
    last = t + 1 < turns.size() ? turns[t + 1].firstCommand : commands.size();
  }
  return {first, last};
}

// The facilitator's commands of `turn` that change the world rather than run the table:
// injects and meter adjustments.
std::vector<Command> worldCommands(const Session& session, int turn) {
  std::vector<Command> out;
  const auto [first, last] = turnCommands(session, turn);
  for (std::size_t k = first; k < last; ++k) {
    if (session.senders()[k] != Sender::facilitator()) continue;
    const Command& c = session.commands()[k];
    if (std::holds_alternative<InjectNow>(c) || std::holds_alternative<AdjustMeter>(c)) out.push_back(c);
  }
  return out;
}

}  // namespace

std::vector<Command> loggedChoices(const Session& session, int turn, int actor) {
  std::vector<Command> out;
  const auto [first, last] = turnCommands(session, turn);
  for (std::size_t k = first; k < last; ++k)
    if (session.senders()[k] == Sender::team(actor)) out.push_back(session.commands()[k]);
  return out;
}

void LogPolicy::replaceTurn(int actor, int turn, std::vector<Command> choices) {
  m_changedActor = actor;
  m_changedTurn = turn;
  m_changed = std::move(choices);
}

void LogPolicy::act(const Engine&, const GameState& state, int actor, int round, std::vector<Command>& out) {
  if (round > 1) return;
  const bool changed = actor == m_changedActor && state.turn == m_changedTurn;
  const std::vector<Command> choices = changed ? m_changed : loggedChoices(*m_original, state.turn, actor);
  for (const Command& c : choices) {
    const bool reply = std::holds_alternative<Reply>(c);
    if (reply == (round == 1)) out.push_back(c);
  }
}

namespace {

WhatIf branchAndPlay(const Session& original, int turn, int actor, const Seat& seat, LogPolicy& replay) {
  WhatIf result;
  result.turn = turn;
  result.actor = actor;
  const ScenarioDef& def = original.engine().def();
  if (actor < 0 || static_cast<std::size_t>(actor) >= def.actors.size()) {
    result.error = "no such actor";
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
  SeatPlayers players(def, &replay);
  DriverOptions driving;
  driving.rounds = 3;
  SeatDriver driver(*branch, players, driving);
  // No team seat: the driver plays turn by turn to the end. The world the facilitator made is
  // the same in the branch: the injects and meter adjustments given in a turn are given again
  // at the start of that turn (a refused one is dropped).
  for (int t = turn; branch->state().phase != Phase::Ended && t <= def.turns + 1; ++t) {
    for (const Command& c : worldCommands(original, t))
      if (branch->state().turn == t) (void)branch->submit(c, Sender::facilitator());
    driver.options().stopAtTurn = t + 1;
    driver.advance();
  }
  result.session = std::move(branch);
  return result;
}

}  // namespace

WhatIf playWhatIf(const Session& original, int turn, int actor, const Seat& seat) {
  if (seat.kind == SeatKind::Team || seat.kind == SeatKind::Scripted) {
    WhatIf result;
    result.turn = turn;
    result.actor = actor;
    result.error = "the changed seat must be played by the AI or the random policy";
    return result;
  }
  LogPolicy replay(original);
  return branchAndPlay(original, turn, actor, seat, replay);
}

WhatIf playWhatIfChoices(const Session& original, int turn, int actor, std::vector<Command> choices) {
  LogPolicy replay(original);
  replay.replaceTurn(actor, turn, std::move(choices));
  return branchAndPlay(original, turn, actor, Seat{SeatKind::Scripted, kDifficultyStandard}, replay);
}

std::optional<GameState> whatIfDraftState(const Session& original, int turn,
                                          const std::vector<Command>& choices,
                                          std::vector<std::string>* refusals, std::string_view language) {
  std::optional<Session> branch = original.branchAt(turn);
  if (!branch) return std::nullopt;
  const Engine& engine = original.engine();
  GameState s = branch->state();
  if (s.paused) engine.apply(s, Resume{});
  s = deliberationPreview(engine, s);
  if (refusals) refusals->clear();
  for (const Command& c : choices) {
    const auto refusal = engine.submit(s, c);
    // A refused command leaves the state as it was: its reason reads again in `language`.
    if (refusals)
      refusals->push_back(refusal ? engine.refusalMessage(s, c, refusal->code, language) : std::string());
  }
  return s;
}

}  // namespace demarche::agents
