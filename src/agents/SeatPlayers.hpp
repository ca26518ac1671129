// The players of the automatic seats for the turn driver (core/SeatDriver.hpp): an AI agent
// of the seat's difficulty, the built-in random policy, or the policy of a decisions file.
// Every seat gets a fresh policy each turn, seeded from (exercise seed, turn, actor) — and one
// for each answer it owes people, seeded with the driver's salt as well — and an
// agent recalls its past proposals from the state, so a turn's commands are a function of the
// state at its start and a resumed exercise plays on exactly as an uninterrupted one would.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "agents/Agent.hpp"
#include "core/SeatDriver.hpp"

namespace demarche::agents {

class SeatPlayers final : public SeatPolicies {
 public:
  // `scripted` plays the Scripted seats (null: they pass). Every AI reason is also appended to
  // `rationales` when given (the after-action report lists them). The AI writes its reasons and
  // messages in `language` (the table's; empty: the scenario's).
  SeatPlayers(const ScenarioDef& def, Policy* scripted = nullptr, RationaleLog* rationales = nullptr,
              std::string language = {});
  ~SeatPlayers() override;

  Policy* policyFor(const Session& session, int actor, const Seat& seat, std::uint64_t salt) override;
  std::string takeRationale(int actor) override;

 private:
  const ScenarioDef& m_def;
  Policy* m_scripted;
  RationaleLog* m_log;
  std::string m_language;
  std::unique_ptr<AgentCatalogue> m_catalogue;      // built when the first AI seat is asked for
  std::vector<std::unique_ptr<Policy>> m_policies;  // [actor]: this turn's policy
  std::vector<std::deque<std::string>> m_pending;   // [actor]: reasons not yet taken
};

// Difficulty as the core's seat table carries it.
Difficulty seatDifficulty(const Seat& seat);
Seat aiSeat(Difficulty difficulty);

}  // namespace demarche::agents
