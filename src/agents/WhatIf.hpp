// "What if", for the debrief: the exercise replayed to the start of a turn, one actor's seat
// given to the AI (or another automatic player), every other team's choices replayed from the
// original log turn by turn (a choice the changed world refuses is dropped, and counted), and
// the automatic seats played on to the end. The branch is a Session with its own log: it
// replays and reports like any other.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/Policy.hpp"
#include "core/Session.hpp"

namespace demarche::agents {

// The commands the team playing `actor` gave during `turn` in `session`'s log, in order.
std::vector<Command> loggedChoices(const Session& session, int turn, int actor);

// Gives each actor the commands its team gave in the original log at the same turn: round 0
// all but replies, round 1 the replies (proposal numbers may differ in a branch: then refused).
// One actor's turn can be given other choices instead ("what if we had attributed then?").
class LogPolicy final : public Policy {
 public:
  explicit LogPolicy(const Session& original) : m_original(&original) {}
  void act(const Engine& engine, const GameState& state, int actor, int round,
           std::vector<Command>& out) override;
  void replaceTurn(int actor, int turn, std::vector<Command> choices);

 private:
  const Session* m_original;
  int m_changedActor = -1, m_changedTurn = 0;
  std::vector<Command> m_changed;
};

struct WhatIf {
  std::optional<Session> session;  // the branch, played to its end
  int turn = 0;                    // branched at the start of this turn
  int actor = -1;                  // whose seat changed
  std::string error;               // why there is no branch
};

// Branches `original` at the start of `turn`: `actor` is played by `seat` (AI of a difficulty,
// or the random policy), the other team seats replay their original choices, and the
// automatic seats play on to the end. The facilitator's injects and meter adjustments after
// the branch point are given again at the start of the turn they were given in; the driver
// runs the clock (phases, pauses and the timer are not replayed).
WhatIf playWhatIf(const Session& original, int turn, int actor, const Seat& seat);

// Branches `original` at the start of `turn` with `actor` making `choices` in that turn instead
// of the ones it made (given in order: non-replies in the first round, replies in the second;
// a choice the branch refuses is dropped, as the other teams' are), then its original choices
// from the next turn on; the other seats as above.
WhatIf playWhatIfChoices(const Session& original, int turn, int actor, std::vector<Command> choices);

// The state a team faced in the deliberation of `turn` of `original`, after `choices` (applied
// in order; each refused one's reason, or "", in `refusals`, read in `language`, "" = the
// scenario's): what the debrief offers as the next choice of a changed branch. nullopt when
// the turn was not reached.
std::optional<GameState> whatIfDraftState(const Session& original, int turn,
                                          const std::vector<Command>& choices,
                                          std::vector<std::string>* refusals = nullptr,
                                          std::string_view language = {});

}  // namespace demarche::agents
