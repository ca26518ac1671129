// Automatic seat players for the turn driver; see SeatPlayers.hpp.
#include "agents/SeatPlayers.hpp"

#include "core/RandomPolicy.hpp"

namespace demarche::agents {

Difficulty seatDifficulty(const Seat& seat) {
  return seat.difficulty == kDifficultyNovice   ? Difficulty::Novice
         : seat.difficulty == kDifficultyExpert ? Difficulty::Expert
                                                : Difficulty::Standard;
}

Seat aiSeat(Difficulty difficulty) {
  Seat seat;
  seat.kind = SeatKind::Ai;
  seat.difficulty = difficulty == Difficulty::Novice   ? kDifficultyNovice
                    : difficulty == Difficulty::Expert ? kDifficultyExpert
                                                       : kDifficultyStandard;
  return seat;
}

SeatPlayers::SeatPlayers(const ScenarioDef& def, Policy* scripted, RationaleLog* rationales,
                         std::string language)
    : m_def(def),
      m_scripted(scripted),
      m_log(rationales),
      m_language(std::move(language)),
      m_policies(def.actors.size()),
      m_pending(def.actors.size()) {}

SeatPlayers::~SeatPlayers() = default;

Policy* SeatPlayers::policyFor(const Session& session, int actor, const Seat& seat, std::uint64_t salt) {
  const auto a = static_cast<std::size_t>(actor);
  m_pending[a].clear();
  const int turn = session.state().turn;
  const std::uint64_t base = policySeed(session.seed(), turn, actor);
  const std::uint64_t seed = salt == 0 ? base : deriveSeed(base, salt);
  switch (seat.kind) {
    case SeatKind::Team:
      m_policies[a].reset();
      return nullptr;
    case SeatKind::Scripted:
      m_policies[a].reset();
      return m_scripted;
    case SeatKind::Random:
      m_policies[a] = std::make_unique<RandomPolicy>(seed);
      return m_policies[a].get();
    case SeatKind::Ai:
      break;
  }
  if (!m_catalogue) m_catalogue = std::make_unique<AgentCatalogue>(m_def, m_language);
  auto agent = std::make_unique<Agent>(*m_catalogue, seed, seatDifficulty(seat));
  // The sink is always attached: an agent's proposal text is its rationale, so what it does
  // must not depend on whether anyone reads the reasons.
  agent->setRationaleSink([this, turn](int who, const Command& command, const std::string& text) {
    m_pending[static_cast<std::size_t>(who)].push_back(text);
    if (m_log) m_log->add({turn, who, command, text});
  });
  m_policies[a] = std::move(agent);
  return m_policies[a].get();
}

std::string SeatPlayers::takeRationale(int actor) {
  auto& pending = m_pending[static_cast<std::size_t>(actor)];
  if (pending.empty()) return {};
  std::string text = std::move(pending.front());
  pending.pop_front();
  return text;
}

}  // namespace demarche::agents
