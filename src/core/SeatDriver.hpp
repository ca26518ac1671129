// The turn driver: the one loop that plays the automatic seats (AI, scripted, random) of an
// exercise, for `run`, `simulate`, the window and the browser seats alike. With no team seat
// it plays the whole exercise, acting as the facilitator's clock; with team seats it plays the
// automatic seats' deliberation rounds while the people deliberate, answers proposals addressed
// to automatic seats as soon as they are made (so people and AI negotiate back and forth inside
// one deliberation), and leaves the phases to the facilitator.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/Command.hpp"
#include "core/Engine.hpp"
#include "core/Policy.hpp"
#include "core/Session.hpp"

namespace demarche {

// Who plays the automatic seats. The driver asks at the start of every deliberation for the
// policy of each seat that is not a team (null = the seat passes), with salt 0; with people at
// the table it asks again, with a non-zero salt (the log's length), each time a seat has a
// proposal to answer. A policy should be a function of (session seed, turn, actor, salt), as
// agents::SeatPlayers' are: then a session resumed from its autosave, even mid-deliberation,
// plays on exactly as it would have.
class SeatPolicies {
 public:
  virtual ~SeatPolicies() = default;
  virtual Policy* policyFor(const Session& session, int actor, const Seat& seat, std::uint64_t salt) = 0;
  // The reason for the command the policy of `actor` gave next (in the order it gave them);
  // empty when it gives none. Called once for every command the policy gave.
  virtual std::string takeRationale(int actor) {
    (void)actor;
    return {};
  }
};

struct DriverOptions {
  int rounds = 2;      // deliberation rounds of the automatic seats per turn
  int stopAtTurn = 0;  // without team seats: stop when this turn's briefing is reached (0 = the end)
  // Every refused command of an automatic seat (for --decisions diagnostics).
  std::function<void(int actor, const Command& command, const Refusal& refusal)> onRefused;
  // After every command the session accepted (from a seat, the facilitator or the driver): the
  // live table autosaves here, so a crash mid-deliberation resumes exactly there.
  std::function<void(const Session& session)> afterCommand;
};

class SeatDriver {
 public:
  SeatDriver(Session& session, SeatPolicies& policies, DriverOptions options = {});

  // True when some seat is played by people (the facilitator then ends the phases).
  bool hasTeams() const;

  // Plays the automatic seats as far as they can go without people: with no team seat, to the
  // end of the exercise (or DriverOptions::stopAtTurn); with team seats, their rounds of this
  // deliberation (once per turn) and any answers they owe. Never blocks.
  void advance();

  // A command from a seat or the facilitator, checked for its sender by the session; then the
  // automatic seats answer new proposals addressed to them and, if the phase moved, advance().
  std::optional<Refusal> submit(const Command& command, Sender sender);

  DriverOptions& options() { return m_options; }
  Session& session() { return *m_session; }
  const Session& session() const { return *m_session; }

 private:
  void playRounds();
  void answerProposals();
  void give(int actor, const Command& command, Sender sender, std::string rationale);
  void refreshPolicies();
  // Lets `policy` act for `actor` in `round` and gives its commands; returns how many.
  int actAndGive(Policy& policy, int actor, int round);
  Sender senderFor(int actor) const;

  Session* m_session;
  SeatPolicies* m_policies;
  DriverOptions m_options;
  std::vector<Policy*> m_seats;  // this deliberation's policies, [actor]
  int m_roundsPlayedTurn = 0;    // the turn whose automatic rounds were played (team mode)
  std::vector<Command> m_scratch;
};

// The seed of an automatic seat's policy for `turn`: a function of the run's seed, the turn and
// the actor, so a resumed exercise plays on exactly as an uninterrupted one would.
std::uint64_t policySeed(std::uint64_t runSeed, int turn, int actor);

}  // namespace demarche
