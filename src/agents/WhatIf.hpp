// "What if", for the debrief: the exercise replayed to the start of a turn, one actor's seat
// given to the AI (or another automatic player), every other team's choices replayed from the
// original log turn by turn (a choice the changed world refuses is dropped, and counted), and
// the automatic seats played on to the end. The branch is a Session with its own log: it
// replays and reports like any other.
#pragma once

#include <optional>
#include <string>

#include "core/Policy.hpp"
#include "core/Session.hpp"

namespace demarche::agents {

// Gives each actor the commands its team gave in the original log at the same turn: round 0
// all but replies, round 1 the replies (proposal numbers may differ in a branch: then refused).
class LogPolicy final : public Policy {
 public:
  explicit LogPolicy(const Session& original) : m_original(&original) {}
  void act(const Engine& engine, const GameState& state, int actor, int round,
           std::vector<Command>& out) override;

 private:
  const Session* m_original;
};

struct WhatIf {
  std::optional<Session> session;  // the branch, played to its end
  int turn = 0;                    // branched at the start of this turn
  int actor = -1;                  // whose seat changed
  std::string error;               // why there is no branch
};

// Branches `original` at the start of `turn`: `actor` is played by `seat` (AI of a difficulty,
// or the random policy), the other team seats replay their original choices, and the
// automatic seats play on to the end. The facilitator's own commands after the branch point
// (injects, adjustments, the timer) are not replayed: the driver runs the clock.
WhatIf playWhatIf(const Session& original, int turn, int actor, const Seat& seat);

}  // namespace demarche::agents
