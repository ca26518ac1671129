// The built-in random policy and the playthrough loop.
#include "core/RandomPolicy.hpp"

namespace demarche {

RandomPolicy::RandomPolicy(std::uint64_t seed, RandomPolicyOptions options)
    : m_rng(seed), m_options(options) {}

void RandomPolicy::act(const Engine& engine, const GameState& state, int actor, int round,
                       std::vector<Command>& out) {
  const ScenarioDef& def = engine.def();
  if (round == 0) {
    // Attribution: decide on the leading candidate, sometimes say so publicly.
    for (int i = 0; i < state.incidentCount; ++i) {
      if (!state.incidentRevealed[static_cast<std::size_t>(i)]) continue;
      const int decided = state.decision(actor, i);
      if (decided < 0) {
        if (!m_rng.chance(m_options.decideChance)) continue;
        const auto& cands = def.incidents[static_cast<std::size_t>(i)].candidates;
        int best = -1;
        double bestP = -1;
        for (int c : cands) {
          const double p = engine.probability(state, actor, i, c);
          if (c != actor && p > bestP) best = c, bestP = p;
        }
        if (best >= 0) out.emplace_back(DecideAttribution{actor, i, best});
      } else if (state.disclosure(actor, i) == Disclosure::None && m_rng.chance(m_options.discloseChance)) {
        out.emplace_back(Disclose{actor, i, Disclosure::Public, {}});
      }
    }
    // Measures: sample random (measure, target, incident) candidates and take the first legal
    // one. Rejection sampling instead of enumerating every legal measure keeps a playthrough
    // cheap (enumeration is actors x measures x targets checks per actor per turn).
    // Later slots are checked against the state before earlier ones are queued; a slot
    // that turns out unaffordable is simply refused by the loop.
    const std::span<const int> affordable = engine.affordableMeasureList(state, actor, m_affordable);
    for (int slot = 0; slot < m_options.maxMeasures && !affordable.empty(); ++slot) {
      if (!m_rng.chance(m_options.measureChance)) continue;
      for (int attempt = 0; attempt < m_options.sampleAttempts; ++attempt) {
        const int m =
            affordable[static_cast<std::size_t>(m_rng.uniformInt(static_cast<int>(affordable.size())))];
        const MeasureDef& md = def.measures[static_cast<std::size_t>(m)];
        TakeMeasure tm{actor, m, -1, -1};
        if ((md.target == TargetKind::Actor || md.target == TargetKind::ActorAndIncident) &&
            state.actorCount > 1) {
          tm.target = m_rng.uniformInt(state.actorCount - 1);
          if (tm.target >= actor) ++tm.target;
        }
        if ((md.target == TargetKind::Incident || md.target == TargetKind::ActorAndIncident) &&
            state.incidentCount > 0)
          tm.incident = m_rng.uniformInt(state.incidentCount);
        if (engine.checkMeasureCode(state, tm) == ReasonCode::None) {
          out.emplace_back(tm);
          break;
        }
      }
    }
    if (state.termCount > 0 && state.actorCount > 1 && m_rng.chance(m_options.proposeChance)) {
      int to = m_rng.uniformInt(state.actorCount - 1);
      if (to >= actor) ++to;
      const int term = m_rng.uniformInt(state.termCount);
      int incident = -1;
      if (state.incidentCount > 0 && m_rng.chance(0.5)) {
        incident = m_rng.uniformInt(state.incidentCount);
      }
      out.emplace_back(Propose{actor, {to}, {term}, incident, {}});
    }
    return;
  }
  // Later rounds: answer every open proposal addressed to us.
  for (std::size_t id = 0; id < state.proposals.size(); ++id) {
    const Proposal& p = state.proposals[id];
    if (!p.open) continue;
    for (std::size_t k = 0; k < p.to.size(); ++k) {
      if (p.to[k] != actor || p.replies[k] != ReplyKind::None) continue;
      const bool accept = m_rng.chance(m_options.acceptChance);
      out.emplace_back(Reply{actor,
                             static_cast<int>(id),
                             accept ? ReplyKind::Accept : ReplyKind::Reject,
                             {},
                             accept ? "it serves our interests" : "not in our interest now"});
    }
  }
}

namespace {

// One loop for both the logged and the unlogged playthrough.
template <class Submit>
void playLoop(const Engine& engine, const GameState& state, const std::vector<Policy*>& seats,
              const PlayOptions& options, Submit&& submit) {
  std::vector<Command> commands;
  commands.reserve(16);
  // Guards against a scenario whose phases never end (they always do; this is belt and braces).
  int guard = 0;
  while (state.phase != Phase::Ended && guard++ < 100000) {
    if (state.paused) {
      submit(-1, Command{Resume{}});
      continue;
    }
    if (options.stopAtTurn > 0 && state.turn >= options.stopAtTurn && state.phase == Phase::Briefing) return;
    if (state.phase == Phase::Deliberation) {
      for (int round = 0; round < options.rounds; ++round) {
        for (int actor = 0; actor < state.actorCount && actor < static_cast<int>(seats.size()); ++actor) {
          Policy* policy = seats[static_cast<std::size_t>(actor)];
          if (!policy) continue;
          commands.clear();
          policy->act(engine, state, actor, round, commands);
          for (const Command& c : commands) submit(actor, c);
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
  playLoop(session.engine(), session.state(), seats, options, [&](int actor, const Command& c) {
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
  playLoop(engine, state, seats, options, [&](int actor, const Command& c) {
    const ReasonCode code = engine.tryApply(state, c);
    if (code != ReasonCode::None && options.onRefused)
      options.onRefused(actor, c, Refusal{code, engine.refusalMessage(state, c, code)});
  });
}

}  // namespace demarche
