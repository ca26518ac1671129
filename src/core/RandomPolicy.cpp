// The built-in random policy.
#include "core/RandomPolicy.hpp"

namespace demarche {

RandomPolicy::RandomPolicy(std::uint64_t seed, RandomPolicyOptions options)
    : m_rng(seed), m_options(options) {}

void RandomPolicy::act(const Engine& engine, const GameState& state, int actor, int round,
                       std::vector<Command>& out) {
  // The draws come from a local copy of the stream, put back on every return: the member's
  // four words would be loaded and stored around every draw (the engine calls in between may
  // read it, as far as the compiler knows). Same draws, same order.
  Rng rng = m_rng;
  const ScenarioDef& def = engine.def();
  if (round == 0) {
    // Attribution: decide on the leading candidate, sometimes say so publicly.
    for (int i = 0; i < state.incidentCount; ++i) {
      if (!state.incidentRevealed[static_cast<std::size_t>(i)]) continue;
      const int decided = state.decision(actor, i);
      if (decided < 0) {
        if (!rng.chance(m_options.decideChance)) continue;
        const auto& cands = def.incidents[static_cast<std::size_t>(i)].candidates;
        int best = -1;
        double bestP = -1;
        for (int c : cands) {
          const double p = engine.probability(state, actor, i, c);
          if (c != actor && p > bestP) best = c, bestP = p;
        }
        if (best >= 0) out.emplace_back(DecideAttribution{actor, i, best});
      } else if (state.disclosure(actor, i) == Disclosure::None && rng.chance(m_options.discloseChance)) {
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
      if (!rng.chance(m_options.measureChance)) continue;
      for (int attempt = 0; attempt < m_options.sampleAttempts; ++attempt) {
        const int m =
            affordable[static_cast<std::size_t>(rng.uniformInt(static_cast<int>(affordable.size())))];
        const MeasureDef& md = def.measures[static_cast<std::size_t>(m)];
        TakeMeasure tm{actor, m, -1, -1};
        if (namesActor(md.target) && state.actorCount > 1) {
          tm.target = rng.uniformInt(state.actorCount - 1);
          if (tm.target >= actor) ++tm.target;
        }
        if (namesIncident(md.target) && state.incidentCount > 0)
          tm.incident = rng.uniformInt(state.incidentCount);
        // A listing: every entity of one other actor it may still list for one incident (§2.2).
        int owner = -1;
        if (md.target == TargetKind::Entities && state.actorCount > 1 && state.incidentCount > 0) {
          owner = rng.uniformInt(state.actorCount - 1);
          if (owner >= actor) ++owner;
          tm.incident = rng.uniformInt(state.incidentCount);
        }
        // An incident not yet public is refused by the check (IncidentNotPublic): known without it.
        if (tm.incident >= 0 && !state.incidentRevealed[static_cast<std::size_t>(tm.incident)]) continue;
        // Nor is a target of a kind the measure may not aim at (TargetKindNotAllowed): a sixth of
        // all draws, known without the call.
        if (tm.target >= 0 && !engine.targetableBy(m, tm.target)) continue;
        if (owner >= 0) {
          tm.entities = engine.listableNow(state, actor, m, tm.incident, owner);
          if (tm.entities == 0) continue;
        }
        if (engine.checkMeasureCode(state, tm) == ReasonCode::None) {
          out.emplace_back(tm);
          break;
        }
      }
    }
    if (state.termCount > 0 && state.actorCount > 1 && rng.chance(m_options.proposeChance)) {
      int to = rng.uniformInt(state.actorCount - 1);
      if (to >= actor) ++to;
      const int term = rng.uniformInt(state.termCount);
      int incident = -1;
      if (state.incidentCount > 0 && rng.chance(0.5)) {
        incident = rng.uniformInt(state.incidentCount);
      }
      out.emplace_back(Propose{actor, {to}, {term}, incident, {}});
    }
    m_rng = rng;
    return;
  }
  // Later rounds: answer every open proposal addressed to us.
  for (std::size_t id = 0; id < state.proposals.size(); ++id) {
    const Proposal& p = state.proposals[id];
    if (!p.open) continue;
    for (std::size_t k = 0; k < p.to.size(); ++k) {
      if (p.to[k] != actor || p.replies[k] != ReplyKind::None) continue;
      const bool accept = rng.chance(m_options.acceptChance);
      out.emplace_back(Reply{actor,
                             static_cast<int>(id),
                             accept ? ReplyKind::Accept : ReplyKind::Reject,
                             {},
                             accept ? "it serves our interests" : "not in our interest now"});
    }
  }
  m_rng = rng;
}

}  // namespace demarche
