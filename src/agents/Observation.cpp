// Building an actor's Observation from the full GameState: the information boundary.
#include "agents/Observation.hpp"

#include <algorithm>

#include "core/View.hpp"

namespace demarche::agents {

namespace {
std::size_t at(int i) { return static_cast<std::size_t>(i); }
// `list` holds `value`: a plain loop for the short lists asked about here (blocs, addressees),
// on which std::find's unrolled search costs more to set up than it saves.
bool listed(const std::vector<int>& list, int value) {
  for (const int v : list)
    if (v == value) return true;
  return false;
}
}  // namespace

// ---- ScenarioView ----

int ScenarioView::meterIndex(std::string_view name) const {
  for (std::size_t m = 0; m < m_def.meterNames.size(); ++m)
    if (m_def.meterNames[m] == name) return static_cast<int>(m);
  return -1;
}

void ScenarioView::findNames() {
  m_actorNames.clear();
  for (const ActorDef& ad : m_def.actors) {
    const std::string& name = ad.name.get(m_language, m_def.language);
    m_actorNames.push_back(name.empty() ? &ad.id : &name);
  }
  m_incidentNames.clear();
  for (const IncidentDef& inc : m_def.incidents) {
    const std::string& title = inc.title.get(m_language, m_def.language);
    m_incidentNames.push_back(title.empty() ? &inc.id : &title);
  }
}

const std::string& ScenarioView::actorName(int a) const { return *m_actorNames[at(a)]; }

const std::string& ScenarioView::incidentName(int i) const { return *m_incidentNames[at(i)]; }

bool ScenarioView::isMember(int actor, int bloc) const {
  const auto& blocs = actorBlocs(actor);
  return listed(blocs, bloc);
}

void ScenarioView::ownObjectives(int self, std::vector<const ObjectiveDef*>& out) const {
  out.clear();
  for (const ObjectiveDef& o : m_def.objectives)
    if (o.actor == self) out.push_back(&o);
}

int ScenarioView::findArmedConflictRung(const ScenarioDef& def) {
  const auto& rungs = def.ladder.rungs;
  for (std::size_t r = 0; r < rungs.size(); ++r)
    if (rungs[r].armedConflict) return static_cast<int>(r);
  return rungs.empty() ? 0 : static_cast<int>(rungs.size()) - 1;
}

int ScenarioView::rungFor(double tension) const {
  int rung = 0;
  const auto& rungs = m_def.ladder.rungs;
  for (std::size_t r = 0; r < rungs.size(); ++r)
    if (rungs[r].threshold <= tension) rung = static_cast<int>(r);
  return rung;
}

// ---- Observation ----

double Observation::probability(const ScenarioView& view, int i, int candidate) const {
  const auto& cands = view.incidentCandidates(i);
  const IncidentView& iv = incidents[at(i)];
  for (std::size_t k = 0; k < cands.size() && k < iv.probability.size(); ++k)
    if (cands[k] == candidate) return iv.probability[k];
  return 0;
}

double Observation::judgedProbability(const ScenarioView& view, int i, int named) const {
  const IncidentView& iv = incidents[at(i)];
  if (!iv.harbouring || iv.decided != named) return probability(view, i, named);
  double p = 0;
  for (int c : view.incidentCandidates(i))
    if (view.basedIn(c) == named) p += probability(view, i, c);
  return std::min(1.0, p);
}

bool Observation::hasAgreement(const ScenarioView& view, int a, int b, TermKind kind, int incident,
                               int naming) const {
  // An agreement naming another suspect is no agreement to this attribution (rules §4.3).
  const auto names = [naming](int named) { return named < 0 || naming < 0 || named == naming; };
  if (ownAgreementsOf >= 0 && (a == ownAgreementsOf || b == ownAgreementsOf)) {
    const int other = a == ownAgreementsOf ? b : a;
    for (const OwnAgreement& c : ownAgreements)
      if (c.kind == kind && c.other == other && (c.incident < 0 || incident < 0 || c.incident == incident) &&
          names(c.naming))
        return true;
    return false;
  }
  for (const Commitment& c : commitments) {
    if (c.broken || view.term(c.term).kind != kind) continue;
    if (!((c.a == a && c.b == b) || (c.a == b && c.b == a))) continue;
    if ((c.incident < 0 || incident < 0 || c.incident == incident) && names(c.naming)) return true;
  }
  return false;
}

void observe(const Engine& engine, const GameState& s, int actor, Observation& out) {
  const ScenarioDef& def = engine.def();
  out.self = actor;
  out.turn = s.turn;
  out.turns = def.turns;
  out.phase = s.phase;
  out.rung = s.rung;
  out.tension = s.tension;
  out.capital = s.capital[at(actor)];
  out.actorCount = s.actorCount;
  out.meterCount = s.meterCount;
  out.capabilityCount = s.capabilityCount;
  out.measureCount = s.measureCount;
  out.incidentCount = s.incidentCount;
  out.meters = s.meters;
  out.capabilities = s.capabilities;
  out.trust = s.trust;
  out.used = s.used;
  out.commitments = s.commitments;
  out.ownAgreements.clear();
  out.ownAgreements.reserve(16);
  for (const Commitment& c : s.commitments) {
    if (c.broken || (c.a != actor && c.b != actor)) continue;
    out.ownAgreements.push_back({c.a == actor ? c.b : c.a, def.terms[at(c.term)].kind, c.incident, c.naming});
  }
  out.ownAgreementsOf = actor;

  out.injectSeen.assign(at(s.injectCount), 0);
  {
    // Fired and visible to us (the engine's table of injectVisibleTo), through pointers that
    // alias nothing: a byte stored into injectSeen could otherwise alias the others, which the
    // loop would load again after each store instead of going several entries a step.
    const int* __restrict fired = s.injectFired.data();
    const std::uint8_t* __restrict visible = engine.injectsVisibleTo(actor);
    std::uint8_t* __restrict seen = out.injectSeen.data();
    const int injectCount = std::min(s.injectCount, static_cast<int>(def.injects.size()));
    for (int j = 0; j < injectCount; ++j)
      seen[j] = static_cast<std::uint8_t>(static_cast<unsigned>(fired[j] != 0) & visible[j]);
  }

  // Attributions, by the core's rule: public and joint ones are public; a private démarche is
  // seen by the accused.
  const std::size_t ai = at(s.actorCount * s.incidentCount);
  out.disclosure.assign(ai, Disclosure::None);
  out.accused.assign(ai, -1);
  // The tables are read in place, row by row: most entries are no disclosure at all.
  const Disclosure* disclosed = s.disclosed.data();
  const int* decided = s.decided.data();
  // One flat pass: the discloser of entry k is k / incidentCount, worked out only for the
  // few entries with a disclosure.
  Disclosure* seenDisclosure = out.disclosure.data();
  int* seenAccused = out.accused.data();
  for (std::size_t k = 0; k < ai; ++k) {
    const Disclosure d = disclosed[k];
    if (d == Disclosure::None) continue;
    const int a = static_cast<int>(k / at(s.incidentCount));
    if (!disclosureVisibleTo(d, a, decided[k], actor)) continue;
    seenDisclosure[k] = d;
    seenAccused[k] = decided[k];
  }

  // Our own assessments, from the evidence we have seen (Engine::assessment).
  out.incidents.resize(at(s.incidentCount));
  for (int i = 0; i < s.incidentCount; ++i) {
    IncidentView& iv = out.incidents[at(i)];
    iv.revealed = s.incidentRevealed[at(i)] != 0;
    iv.probability.clear();
    std::vector<double>& probability = iv.probability;
    const Assessment a =
        engine.assessEach(s, actor, i, [&probability](int, double p) { probability.push_back(p); });
    iv.leading = a.leading;
    // The leading candidate's probability: the highest (the first of its entries holds it).
    iv.leadingProbability = 0;
    if (a.leading >= 0)
      for (double p : probability) iv.leadingProbability = std::max(iv.leadingProbability, p);
    iv.confidence = a.confidence;
    iv.evidenceSeen = a.evidenceSeen;
    iv.knowsTruth = a.knowsTruth;
    iv.decided = s.decision(actor, i);
    iv.harbouring = iv.decided >= 0 && s.harbouring(actor, i);
    iv.disclosed = s.disclosure(actor, i);
  }
  out.seenEvidence.assign(s.seen.begin() + static_cast<std::ptrdiff_t>(actor * s.evidenceCount),
                          s.seen.begin() + static_cast<std::ptrdiff_t>((actor + 1) * s.evidenceCount));

  out.queued.clear();
  out.queuedTargets.clear();
  out.queued.reserve(8);  // room for a usual turn at once (no-ops after the first call)
  out.queuedTargets.reserve(8);
  for (const QueuedMeasure& q : s.queue)
    if (q.actor == actor) {
      out.queued.push_back(q.measure);
      out.queuedTargets.push_back(q.target);
    }

  // This turn's proposals we are party to: they are the last ones made (proposals are kept
  // in the order they were made), so the scan stops at the first of an earlier turn.
  out.proposalsThisTurn.clear();
  for (std::size_t id = s.proposals.size(), first = s.firstProposalThisTurn(); id-- > first;) {
    const Proposal& p = s.proposals[id];
    const bool party = p.from == actor || listed(p.to, actor);
    if (!party) continue;
    for (std::size_t k = 0; k < p.to.size(); ++k)
      for (int term : p.terms)
        out.proposalsThisTurn.push_back({p.from, p.to[k], term, p.incident, p.replies[k], p.naming});
  }

  // Incoming proposals overwrite the previous call's entries, so their term lists keep their
  // buffers instead of being allocated again.
  std::size_t incoming = 0;
  out.pendingOwnProposals.clear();
  out.pendingOwnProposals.reserve(8);
  // Most proposals are closed: the count and the base are read once, not after every store
  // into `out` (which the compiler cannot prove does not alias the state's vector).
  // Only this turn's proposals can be open (GameState::firstProposalThisTurn).
  const Proposal* const proposals = s.proposals.data();
  const std::size_t proposalCount = s.proposals.size();
  for (std::size_t id = s.firstProposalThisTurn(); id < proposalCount; ++id) {
    const Proposal& p = proposals[id];
    if (!p.open) continue;
    if (p.from == actor) out.pendingOwnProposals.push_back(static_cast<int>(id));
    for (std::size_t k = 0; k < p.to.size(); ++k) {
      if (p.to[k] != actor || p.replies[k] != ReplyKind::None) continue;
      if (incoming == out.incoming.size()) {
        if (out.incomingSpare.empty()) {
          out.incoming.emplace_back();
        } else {
          out.incoming.push_back(std::move(out.incomingSpare.back()));
          out.incomingSpare.pop_back();
        }
      }
      IncomingProposal& in = out.incoming[incoming++];
      in.id = static_cast<int>(id);
      in.from = p.from;
      in.incident = p.incident;
      in.terms.assign(p.terms.begin(), p.terms.end());
      in.counterOf = p.counterOf;
      in.naming = p.naming;
    }
  }
  // The entries not needed now keep their buffers for a later call.
  while (out.incoming.size() > incoming) {
    out.incomingSpare.push_back(std::move(out.incoming.back()));
    out.incoming.pop_back();
  }

  // Who hurt us recently: measures that resolved against us and attributions naming us,
  // in the previous turn and this one. Events are logged in turn order (a turn only moves
  // forward, and an undo puts back a whole earlier timeline), so those turns are a suffix of
  // the timeline, found by bisection: the cost does not grow with the length of the exercise.
  // Only events the actor may see (the core's audience rule) count; both kinds below always
  // are, so the check costs a switch per match. Most events are about someone else: the test
  // on `b` (the target, or the accused) comes first.
  out.grievances.clear();
  out.grievances.reserve(16);
  const int fromTurn = s.turn - 1;
  const auto recent = std::partition_point(s.timeline.begin(), s.timeline.end(),
                                           [fromTurn](const Event& e) { return e.turn < fromTurn; });
  // The scan for `b == actor` goes four events a step: fewer loop tests on events that are
  // about someone else (about 120 per call, a fifth of this function), same events found.
  const auto end = s.timeline.end();
  auto nextAbout = [actor, end](auto it) {
    for (; end - it >= 4; it += 4) {
      if (it[0].b == actor) return it;
      if (it[1].b == actor) return it + 1;
      if (it[2].b == actor) return it + 2;
      if (it[3].b == actor) return it + 3;
    }
    while (it != end && it->b != actor) ++it;
    return it;
  };
  for (auto it = nextAbout(recent); it != end; it = nextAbout(it + 1)) {
    const Event& e = *it;
    if (e.kind == EventKind::MeasureResolved && e.actor != actor && e.actor >= 0 &&
        eventVisibleTo(def, s, e, actor)) {
      out.grievances.push_back({e.actor, e.a, e.c, e.turn});
    } else if (e.kind == EventKind::AttributionDisclosed && e.actor != actor &&
               eventVisibleTo(def, s, e, actor)) {
      const auto kind = static_cast<Disclosure>(e.c);
      if (kind != Disclosure::None) out.grievances.push_back({e.actor, -1, e.a, e.turn});
    }
  }
}

bool ScenarioView::ruledOutByDoctrine(int self, int measure) const {
  const ActorDef& actor = m_def.actors[static_cast<std::size_t>(self)];
  auto listed = [measure](const std::vector<int>& list) {
    return std::find(list.begin(), list.end(), measure) != list.end();
  };
  if (listed(actor.rulesOut)) return true;
  return m_def.measures[static_cast<std::size_t>(measure)].deceptive &&
         actor.doctrine.normCommitment >= kDeceptionRestraint && !listed(actor.permits);
}

}  // namespace demarche::agents
