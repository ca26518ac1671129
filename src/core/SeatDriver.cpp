// The turn driver: one loop for every automatic seat (see SeatDriver.hpp).
#include "core/SeatDriver.hpp"

#include <algorithm>
#include <utility>

#include "core/Random.hpp"

namespace demarche {

namespace {

// The command buffer of the last playthrough on this thread, lent to the next one: allocated
// anew for every game it was one large allocation per game (with malloc's consolidation, 2.5 %
// of a random game's instructions). A playthrough started inside another gets an empty one.
thread_local std::vector<Command> t_spareCommands;
struct LentCommands {
  std::vector<Command> list;
  LentCommands() : list(std::move(t_spareCommands)) {
    t_spareCommands = {};
    list.clear();
    list.reserve(16);
  }
  ~LentCommands() {
    list.clear();
    t_spareCommands = std::move(list);
  }
  LentCommands(const LentCommands&) = delete;
  LentCommands& operator=(const LentCommands&) = delete;
};

// One loop for both the logged and the unlogged playthrough.
// `seatsAt()` gives the policies of the deliberation that starts (asked once per turn);
// `submit(actor, command)` gives a command (actor -1: the loop itself, as the facilitator), as
// an rvalue: the policy's commands are not needed once given.
template <class SeatsAt, class Submit>
void playLoop(const Engine& engine, const GameState& state, int rounds, int stopAtTurn, SeatsAt&& seatsAt,
              Submit&& submit) {
  LentCommands lent;
  std::vector<Command>& commands = lent.list;
  // Guards against a scenario whose phases never end (they always do; this is belt and braces).
  int guard = 0;
  while (state.phase != Phase::Ended && guard++ < 100000) {
    if (state.paused) {
      submit(-1, Command{Resume{}});
      continue;
    }
    if (stopAtTurn > 0 && state.turn >= stopAtTurn && state.phase == Phase::Briefing) return;
    if (state.phase == Phase::Deliberation) {
      const std::vector<Policy*>& seats = seatsAt();
      for (int round = 0; round < rounds; ++round) {
        for (int actor = 0; actor < state.actorCount && actor < static_cast<int>(seats.size()); ++actor) {
          Policy* policy = seats[static_cast<std::size_t>(actor)];
          if (!policy) continue;
          commands.clear();
          policy->act(engine, state, actor, round, commands);
          for (Command& c : commands) submit(actor, std::move(c));
          if (state.phase != Phase::Deliberation) break;  // a policy ended the phase or the exercise
        }
        if (state.phase != Phase::Deliberation) break;
      }
      if (state.phase != Phase::Deliberation) continue;
    }
    submit(-1, Command{EndPhase{}});
  }
}

}  // namespace

void playOut(Session& session, const std::vector<Policy*>& seats, const PlayOptions& options) {
  playLoop(
      session.engine(), session.state(), options.rounds, options.stopAtTurn,
      [&seats]() -> const std::vector<Policy*>& { return seats; },
      [&](int actor, const Command& c) {
        if (options.onRefused) {
          if (auto refusal = session.submit(c)) options.onRefused(actor, c, *refusal);
          return;
        }
        // Without a listener, refusals need no message: check by code only.
        session.tryApply(c);
      });
}

void playOut(const Engine& engine, GameState& state, const std::vector<Policy*>& seats,
             const PlayOptions& options) {
  playLoop(
      engine, state, options.rounds, options.stopAtTurn,
      [&seats]() -> const std::vector<Policy*>& { return seats; },
      [&](int actor, Command&& c) {
        // tryApply takes from `c` only what it applies: a refused command is still whole here.
        const ReasonCode code = engine.tryApply(state, std::move(c));
        if (code != ReasonCode::None && options.onRefused)
          options.onRefused(actor, c, Refusal{code, engine.refusalMessage(state, c, code)});
      });
}

// ---- SeatDriver ----

namespace {
// An open proposal to `actor` that it has not answered yet.
bool awaitsReply(const GameState& state, int actor) {
  for (const Proposal& p : state.proposals) {
    if (!p.open) continue;
    for (std::size_t k = 0; k < p.to.size(); ++k)
      if (p.to[k] == actor && p.replies[k] == ReplyKind::None) return true;
  }
  return false;
}
}  // namespace

SeatDriver::SeatDriver(Session& session, SeatPolicies& policies, DriverOptions options)
    : m_session(&session), m_policies(&policies), m_options(std::move(options)) {
  m_scratch.reserve(16);
  // A session resumed in the middle of a deliberation: the automatic seats played their rounds
  // when it began (the driver plays them as the deliberation opens), so only answers are due.
  if (session.state().phase == Phase::Deliberation && hasTeams()) m_roundsPlayedTurn = session.state().turn;
}

bool SeatDriver::hasTeams() const {
  for (const Seat& s : m_session->seats())
    if (s.kind == SeatKind::Team) return true;
  return false;
}

Sender SeatDriver::senderFor(int actor) const {
  if (actor < 0) return Sender::facilitator();
  return m_session->seat(actor).kind == SeatKind::Scripted ? Sender::scripted(actor) : Sender::ai(actor);
}

void SeatDriver::refreshPolicies() {
  const Session& s = *m_session;
  m_seats.assign(static_cast<std::size_t>(s.state().actorCount), nullptr);
  for (int a = 0; a < s.state().actorCount; ++a) {
    const Seat& seat = s.seat(a);
    if (seat.kind != SeatKind::Team)
      m_seats[static_cast<std::size_t>(a)] = m_policies->policyFor(s, a, seat, 0);
  }
}

void SeatDriver::give(int actor, const Command& command, Sender sender, std::string rationale) {
  if (m_options.onRefused && actor >= 0) {
    if (auto refusal = m_session->submit(command, sender, std::move(rationale))) {
      m_options.onRefused(actor, command, *refusal);
      return;
    }
  } else if (m_session->submit(command, sender, std::move(rationale))) {
    return;
  }
  if (m_options.afterCommand) m_options.afterCommand(*m_session);
}

void SeatDriver::advance() {
  Session& s = *m_session;
  if (!hasTeams()) {
    playLoop(
        s.engine(), s.state(), m_options.rounds, m_options.stopAtTurn,
        [this]() -> const std::vector<Policy*>& {
          refreshPolicies();  // a new deliberation: this turn's policies
          return m_seats;
        },
        [this](int actor, const Command& c) {
          give(actor, c, senderFor(actor), actor >= 0 ? m_policies->takeRationale(actor) : std::string());
        });
    return;
  }
  // People are at the table: the facilitator ends the phases; the automatic seats play their
  // rounds once per deliberation, then answer what is addressed to them.
  if (s.state().phase != Phase::Deliberation || s.state().paused) return;
  if (m_roundsPlayedTurn != s.state().turn) {
    m_roundsPlayedTurn = s.state().turn;
    refreshPolicies();
    playRounds();
  }
  answerProposals();
}

int SeatDriver::actAndGive(Policy& policy, int actor, int round) {
  Session& s = *m_session;
  m_scratch.clear();
  policy.act(s.engine(), s.state(), actor, round, m_scratch);
  // Taken out of the scratch list while they are given (the autosave hook runs in between),
  // and its buffer handed back afterwards.
  std::vector<Command> commands;
  commands.swap(m_scratch);
  for (const Command& c : commands) give(actor, c, senderFor(actor), m_policies->takeRationale(actor));
  const int given = static_cast<int>(commands.size());
  commands.clear();
  m_scratch.swap(commands);
  return given;
}

void SeatDriver::playRounds() {
  Session& s = *m_session;
  for (int round = 0; round < m_options.rounds; ++round) {
    for (int actor = 0; actor < s.state().actorCount; ++actor) {
      Policy* policy = m_seats[static_cast<std::size_t>(actor)];
      if (!policy || s.seat(actor).kind == SeatKind::Team) continue;
      actAndGive(*policy, actor, round);
      if (s.state().phase != Phase::Deliberation) return;
    }
  }
}

void SeatDriver::answerProposals() {
  Session& s = *m_session;
  // Each pass lets every automatic seat with an open proposal to answer act in a reply round;
  // their answers (counters) may address others, so repeat, a bounded number of times.
  for (int pass = 0; pass < 8 && s.state().phase == Phase::Deliberation && !s.state().paused; ++pass) {
    bool acted = false;
    for (int actor = 0; actor < s.state().actorCount; ++actor) {
      const Seat& seat = s.seat(actor);
      if (seat.kind == SeatKind::Team) continue;
      if (!awaitsReply(s.state(), actor)) continue;
      // A policy for this answer, from what the log holds now (see SeatPolicies).
      Policy* policy =
          m_policies->policyFor(s, actor, seat, static_cast<std::uint64_t>(s.commands().size()) + 1);
      if (!policy) continue;
      acted = actAndGive(*policy, actor, std::max(1, m_options.rounds)) > 0 || acted;
    }
    if (!acted) break;
  }
}

std::optional<Refusal> SeatDriver::submit(const Command& command, Sender sender) {
  Session& s = *m_session;
  if (auto refusal = s.submit(command, sender)) return refusal;
  if (m_options.afterCommand) m_options.afterCommand(s);
  if (std::holds_alternative<UndoTurn>(command)) m_roundsPlayedTurn = 0;  // back before the rounds
  // A seat handed to an automatic player in the middle of a deliberation plays its rounds now.
  if (const auto* as = std::get_if<AssignSeat>(&command);
      as && as->seat.kind != SeatKind::Team && hasTeams() && s.state().phase == Phase::Deliberation &&
      m_roundsPlayedTurn == s.state().turn) {
    if (Policy* policy = m_policies->policyFor(s, as->actor, as->seat, s.commands().size() + 1)) {
      for (int round = 0; round < m_options.rounds && s.state().phase == Phase::Deliberation; ++round)
        actAndGive(*policy, as->actor, round);
    }
  }
  advance();
  return std::nullopt;
}

std::uint64_t policySeed(std::uint64_t runSeed, int turn, int actor) {
  // splitmix64 finaliser over the three numbers: independent streams per seat and turn.
  return mix64(runSeed ^ (static_cast<std::uint64_t>(turn) << 32) ^
               static_cast<std::uint64_t>(actor + 1) * 0x9e3779b97f4a7c15ULL);
}

}  // namespace demarche
