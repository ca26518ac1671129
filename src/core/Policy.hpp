// A Policy chooses commands for one automatic seat; playOut drives a whole exercise with
// policies on every seat through the turn driver's loop (core/SeatDriver.cpp), for
// `simulate`, the benchmarks and the tests. The live table uses SeatDriver itself.
#pragma once

#include <functional>
#include <vector>

#include "core/Command.hpp"
#include "core/Engine.hpp"
#include "core/Session.hpp"

namespace demarche {

// Something that chooses commands for one actor. playOut calls act() during deliberation in
// rounds (round 0, 1, ...): round 0 for measures, proposals and decisions, later rounds for
// replies to the proposals made in earlier rounds. Append commands to `out`; a refused
// command is skipped (and reported through PlayOptions::onRefused).
class Policy {
 public:
  virtual ~Policy() = default;
  virtual void act(const Engine& engine, const GameState& state, int actor, int round,
                   std::vector<Command>& out) = 0;
};

struct PlayOptions {
  int rounds = 2;      // deliberation rounds per turn
  int stopAtTurn = 0;  // stop when this turn's briefing is reached (0 = play to the end)
  // Called for every refused command a policy proposed (for --decisions diagnostics).
  std::function<void(int actor, const Command& command, const Refusal& refusal)> onRefused;
};

// Plays until the exercise ends (or PlayOptions::stopAtTurn): at each phase the loop acts as
// the facilitator and submits EndPhase; in deliberation seats[actor] (null = passive seat)
// acts for each actor in actor order, round by round. seats.size() must be the actor count.
// Pauses are lifted first (a headless run has nobody to wait for). On a Session, commands are
// logged from Sender::script() (every seat trusted, as a harness).
void playOut(Session& session, const std::vector<Policy*>& seats, const PlayOptions& options = {});
// The same without a log or snapshots (benchmarks, AI look-ahead).
void playOut(const Engine& engine, GameState& state, const std::vector<Policy*>& seats,
             const PlayOptions& options = {});

}  // namespace demarche
