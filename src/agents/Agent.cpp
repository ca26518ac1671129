// The doctrine-driven agent. Index:
//   [SECTION] Presets, catalogue, seeds
//   [SECTION] Doctrine thresholds and weights
//   [SECTION] Attribution: decisions and joint disclosure
//   [SECTION] Negotiation: proposals and replies
//   [SECTION] Measures: scoring, look-ahead, selection (chooseMeasuresAs: AgentMeasures.hpp)
//   [SECTION] Rationale log
#include "agents/Agent.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "agents/AgentMeasures.hpp"

namespace demarche::agents {

using namespace detail;

namespace {

// Agreements in force that bind `actor`.
std::size_t commitmentsOf(std::span<const Commitment> commitments, int actor) {
  std::size_t n = 0;
  for (const Commitment& c : commitments) n += !c.broken && (c.a == actor || c.b == actor) ? 1 : 0;
  return n;
}

// The same count from an observation: observe() lists exactly these agreements already.
std::size_t commitmentsOf(const Observation& obs) {
  if (obs.ownAgreementsOf == obs.self) return obs.ownAgreements.size();
  return commitmentsOf(obs.commitments, obs.self);
}

}  // namespace

// [SECTION] Presets, catalogue, seeds

DifficultyPreset difficultyPreset(Difficulty difficulty) {
  DifficultyPreset p;
  switch (difficulty) {
    case Difficulty::Novice:
      p.noise = 4;
      p.adversaryNoise = 12;
      p.maxMeasures = 2;
      p.adversaryMeasures = 1;
      p.lookAhead = 0;
      p.retaliation = 0.5;
      break;
    case Difficulty::Standard:
      p.noise = 2;
      p.adversaryNoise = 3;
      p.maxMeasures = 3;
      p.adversaryMeasures = 2;
      p.lookAhead = 6;
      p.retaliation = 1;
      break;
    case Difficulty::Expert:
      p.noise = 0.5;
      p.adversaryNoise = 0.5;
      p.maxMeasures = 3;
      p.adversaryMeasures = 3;
      p.lookAhead = 12;
      p.retaliation = 1.3;
      break;
  }
  return p;
}

std::string_view difficultyName(Difficulty difficulty) {
  switch (difficulty) {
    case Difficulty::Novice:
      return "novice";
    case Difficulty::Standard:
      return "standard";
    case Difficulty::Expert:
      return "expert";
  }
  return "standard";
}

std::optional<Difficulty> parseDifficulty(std::string_view name) {
  if (name == "novice") return Difficulty::Novice;
  if (name == "standard") return Difficulty::Standard;
  if (name == "expert") return Difficulty::Expert;
  return std::nullopt;
}

AgentCatalogue::AgentCatalogue(const ScenarioDef& def, std::string_view language)
    : m_view(def, language), m_profiles(buildProfiles(m_view)) {
  credibility = m_view.meterIndex("credibility");
  economy = m_view.meterIndex("economy");
  resilience = m_view.meterIndex("resilience");
  domesticPressure = m_view.meterIndex("domestic_pressure");
  for (std::size_t c = 0; c < def.capabilityNames.size(); ++c) {
    if (def.capabilityNames[c] == "intelligence") intelligenceCapability = static_cast<int>(c);
    if (def.capabilityNames[c] == "cyber_defence") defenceCapability = static_cast<int>(c);
  }
  // Cover measures: stabilising statements about an incident that uphold no norm (denials,
  // claims through a front). Only an actor that ran or sponsored the incident has a use for them.
  m_cover.assign(static_cast<std::size_t>(m_view.measureCount()), 0);
  for (int m = 0; m < m_view.measureCount(); ++m) {
    const MeasureDef& md = m_view.measure(m);
    m_cover[static_cast<std::size_t>(m)] = md.category == MeasureCategory::Stabilising &&
                                           md.target == TargetKind::Incident && md.upholdsNorms.empty() &&
                                           md.attribution == AttributionAct::None;
  }
  const int actors = m_view.actorCount();
  m_targetable.assign(static_cast<std::size_t>(m_view.measureCount()) * static_cast<std::size_t>(actors), 0);
  for (int m = 0; m < m_view.measureCount(); ++m)
    for (int t = 0; t < actors; ++t)
      m_targetable[at(m) * at(actors) + at(t)] = m_view.targetable(m, t) ? 1 : 0;
  // Prefer the restraint pledge that covers operations (breached by a measure) over truces.
  for (int t = 0; t < m_view.termCount(); ++t) {
    const TermDef& td = m_view.term(t);
    if (td.kind != TermKind::RestraintPledge) continue;
    if (restraintTerm < 0 || td.breachCredibility > m_view.term(restraintTerm).breachCredibility)
      restraintTerm = t;
  }
}

int AgentCatalogue::firstTermOfKind(TermKind kind) const {
  if (kind == TermKind::RestraintPledge) return restraintTerm;
  for (int t = 0; t < m_view.termCount(); ++t)
    if (m_view.term(t).kind == kind) return t;
  return -1;
}

std::uint64_t deriveSeed(std::uint64_t a, std::uint64_t b) {
  return mix64(a * 0x9e3779b97f4a7c15ULL + b + 0x632be59bd9b4e019ULL);
}

std::vector<std::unique_ptr<Agent>> makeAgents(const AgentCatalogue& catalogue, int actorCount,
                                               std::uint64_t seed, Difficulty difficulty) {
  std::vector<std::unique_ptr<Agent>> agents;
  for (int a = 0; a < actorCount; ++a)
    agents.push_back(
        std::make_unique<Agent>(catalogue, deriveSeed(seed, static_cast<std::uint64_t>(a)), difficulty));
  return agents;
}

void makeAgents(const AgentCatalogue& catalogue, int actorCount, std::uint64_t seed, Difficulty difficulty,
                std::vector<std::unique_ptr<Agent>>& agents) {
  bool fit = static_cast<int>(agents.size()) == actorCount;
  for (std::size_t a = 0; a < agents.size() && fit; ++a)
    fit = agents[a] && &agents[a]->catalogue() == &catalogue && agents[a]->difficulty() == difficulty;
  if (!fit) {
    agents = makeAgents(catalogue, actorCount, seed, difficulty);
    return;
  }
  for (int a = 0; a < actorCount; ++a)
    agents[at(a)]->restart(deriveSeed(seed, static_cast<std::uint64_t>(a)));
}

Agent::Agent(const AgentCatalogue& catalogue, std::uint64_t seed, Difficulty difficulty)
    : m_cat(catalogue),
      m_view(catalogue.view()),
      m_say(m_view.language()),
      m_rng(seed),
      m_preset(difficultyPreset(difficulty)),
      m_difficulty(difficulty),
      m_obs() {}

Agent::~Agent() = default;

void Agent::readObjectives() {
  m_objectiveReads.clear();
  for (const ObjectiveDef* o : m_objectives)
    m_objectiveReads.push_back(o->condition.root ? overlayReads(*o->condition.root, {m_self, -1, -1})
                                                 : OverlayReads{});
  // Which objectives each measure's overlay could change at all (LookAhead::changes can be true
  // only for a read the measure's profile writes), so a look-ahead at a measure that touches
  // none of them is known to change nothing without building its overlay.
  const std::size_t objectives = m_objectives.size();
  const auto& profiles = m_cat.profiles();
  m_objectiveTouch.assign(profiles.size() * objectives, 0);
  m_touchesObjective.assign(profiles.size(), 0);
  for (std::size_t m = 0; m < profiles.size(); ++m) {
    const MeasureProfile& p = profiles[m];
    const bool attributes = m_view.measure(static_cast<int>(m)).attribution != AttributionAct::None;
    const auto writes = [&](ProfileDelta::Kind kind, int index) {
      for (const ProfileDelta& d : p.deltas)
        if (d.kind == kind && (index < 0 || d.index == index)) return true;
      return false;
    };
    const bool movesTension = p.escalationStep != 0 || writes(ProfileDelta::Kind::Tension, -1);
    for (std::size_t o = 0; o < objectives; ++o) {
      const OverlayReads& r = m_objectiveReads[o];
      bool touch = r.always || ((r.tension || r.escalation) && movesTension);
      for (const OverlayReads::Read& read : r.reads) {
        switch (read.kind) {
          case OverlayReads::Kind::Meter:
            touch = touch || writes(ProfileDelta::Kind::Meter, read.b);
            break;
          case OverlayReads::Kind::Trust:
            touch = touch || writes(ProfileDelta::Kind::Trust, -1);
            break;
          case OverlayReads::Kind::Capability:
            touch = touch || writes(ProfileDelta::Kind::Capability, read.b);
            break;
          case OverlayReads::Kind::Used:
            touch = touch || read.b == static_cast<int>(m);
            break;
          case OverlayReads::Kind::DisclosedPublicly:
            touch = touch || attributes;
            break;
        }
      }
      m_objectiveTouch[m * objectives + o] = touch ? 1 : 0;
      if (touch) m_touchesObjective[m] = 1;
    }
  }
}

void Agent::restart(std::uint64_t seed) {
  // A new agent's state, field by field, except what depends only on the actor it plays
  // (doctrine, objectives, usable measures: recomputed by act() if the actor changes) and
  // the buffers. What it proposed is recalled from the next state it sees.
  m_rng = Rng(seed);
  m_reconsider = false;
  m_commitmentsSeen = 0;
  m_commitmentsScanned = 0;
  m_commitmentsTurn = -1;
  m_recall = true;
}

void Agent::act(const Engine& engine, const GameState& state, int actor, int round,
                std::vector<Command>& out) {
  if (m_self != actor) {
    m_self = actor;
    m_doctrine = m_view.ownDoctrine(actor);
    m_publicPolicy = m_view.ownPublicAttribution(actor);
    m_view.ownObjectives(actor, m_objectives);
    readObjectives();
    m_usable.clear();
    // The per-decision lists at their full size once, rather than grown step by step.
    m_usable.reserve(at(m_view.measureCount()));
    m_targetsAll.reserve(at(m_view.actorCount()));
    m_targetsHostile.reserve(at(m_view.actorCount()));
    m_targetsCalm.reserve(at(m_view.actorCount()));
    m_objectiveBefore.reserve(m_objectives.size());
    m_takenNow.reserve(8);
    m_recall = true;
  }
  if (m_recall) {
    m_recall = false;
    m_lastProposed.assign(at(m_view.actorCount() * m_view.termCount()), -100);
    // Besides its random stream (which `demarche run` re-seeds every turn), the only memory
    // an agent carries from turn to turn is what it proposed to whom (it waits before asking
    // again), and the state's proposals hold that: an agent started mid-game, as in a resumed
    // run, recalls it from there. Everything else is rebuilt in round 0 of each turn.
    const int termCount = m_view.termCount();
    for (const Proposal& p : state.proposals) {
      if (p.from != actor || p.counterOf >= 0) continue;
      for (int to : p.to)
        for (int term : p.terms)
          if (to >= 0 && to < m_view.actorCount() && term >= 0 && term < termCount)
            m_lastProposed[at(to * termCount + term)] =
                std::max(m_lastProposed[at(to * termCount + term)], p.turn);
    }
  }
  if (round > 0 && !m_reconsider && state.phase == Phase::Deliberation) {
    // Later rounds only answer messages and use new agreements: when there are none for
    // us, there is nothing to observe (this keeps autoplay fast).
    // Only this turn's proposals can be open: the scan goes back from the newest to the first.
    bool addressed = false;
    for (std::size_t id = state.proposals.size(), first = state.firstProposalThisTurn(); id-- > first;) {
      const Proposal& p = state.proposals[id];
      if (!p.open) continue;
      for (std::size_t k = 0; k < p.to.size() && !addressed; ++k)
        addressed = p.to[k] == actor && p.replies[k] == ReplyKind::None;
      if (addressed) break;
    }
    if (!addressed) {
      // Agreements in force that bind us: those counted in round 0 (none is broken during a
      // deliberation; breaches are found at consequences) and any made since.
      std::span<const Commitment> commitments = state.commitments;
      std::size_t mine = 0;
      if (state.turn == m_commitmentsTurn && commitments.size() >= m_commitmentsScanned) {
        mine = m_commitmentsSeen;
        commitments = commitments.subspan(m_commitmentsScanned);
      }
      if (mine + commitmentsOf(commitments, actor) == m_commitmentsSeen) return;
    }
  }
  observe(engine, state, actor, m_obs);
  decide(m_obs, LegalityCheck(engine, state), round, out);
}

void Agent::decide(const Observation& obs, const LegalityCheck& legal, int round, std::vector<Command>& out) {
  if (obs.phase != Phase::Deliberation) return;
  if (m_self != obs.self) {
    m_self = obs.self;
    m_doctrine = m_view.ownDoctrine(obs.self);
    m_publicPolicy = m_view.ownPublicAttribution(obs.self);
    m_view.ownObjectives(obs.self, m_objectives);
    readObjectives();
    m_lastProposed.assign(at(m_view.actorCount() * m_view.termCount()), -100);
    m_usable.clear();
  }
  rememberCalmingWords(obs);
  if (round == 0) {
    const std::size_t before = out.size();
    decideAttributions(obs, legal, out);
    // Measures that needed a decision or an agreement become possible in a later round.
    m_reconsider = out.size() != before;
    m_commitmentsSeen = commitmentsOf(obs);
    m_commitmentsScanned = obs.commitments.size();
    m_commitmentsTurn = obs.turn;
    discloseJointly(obs, legal, out);
    propose(obs, legal, out);
    chooseMeasures(obs, legal, out);
    return;
  }
  reply(obs, out);
  discloseJointly(obs, legal, out);
  const std::size_t mine = commitmentsOf(obs);
  if (m_reconsider || mine != m_commitmentsSeen) {
    m_reconsider = false;
    m_commitmentsSeen = mine;
    m_commitmentsScanned = obs.commitments.size();
    m_commitmentsTurn = obs.turn;
    chooseMeasures(obs, legal, out, true);
  }
}

// [SECTION] Doctrine thresholds and weights

// Confidence needed to decide (and name privately): 'likely' (0.55, ICD 203) for actors
// committed to the norms (norm b: consider all relevant information); reckless actors with
// little norm commitment settle for less.
double Agent::decideThreshold() const {
  const double laxity = std::max(0.0, 0.5 - m_doctrine.normCommitment) / 0.5;
  return 0.55 - 0.12 * laxity * m_doctrine.riskTolerance;
}

// Confidence needed to name publicly: higher for the escalation-averse, the more so the
// nearer the ladder stands to armed conflict (naming a state could tip it over); once at war,
// naming costs little more. Domestic pressure pushes the domestically sensitive to speak sooner.
double Agent::publicThreshold(const Observation& obs) const {
  const double caution = 0.15 * m_doctrine.escalationAversion * (1 - m_doctrine.riskTolerance);
  double ladder = 1;
  if (m_view.armedConflictRung() > 0) {
    const int steps = stepsToArmedConflict(obs);
    ladder = steps == 0 ? 0.5 : 1 + 0.5 / steps;
  }
  double pressure = 0;
  if (m_cat.domesticPressure >= 0)
    pressure = std::clamp((obs.meter(obs.self, m_cat.domesticPressure) - 50) / 50, 0.0, 1.0);
  const double decide = decideThreshold();
  return std::max(decide, decide + 0.05 + caution * ladder - 0.1 * m_doctrine.domesticSensitivity * pressure);
}

bool Agent::mayNamePublicly(const Observation& obs, bool jointly) const {
  switch (m_publicPolicy) {
    case PublicAttribution::Alone:
      return true;
    case PublicAttribution::Never:
      return false;
    case PublicAttribution::WithPartners:
      // Alone only when the public demands it, or before the exercise's last week ends.
      return jointly || obs.turn >= obs.turns ||
             (m_cat.domesticPressure >= 0 && obs.meter(obs.self, m_cat.domesticPressure) >= 70);
  }
  return true;
}

double Agent::meterWeight(int meter) const {
  if (meter == m_cat.credibility) return 0.6 + 0.6 * m_doctrine.normCommitment;
  if (meter == m_cat.economy) return 0.4 + 0.8 * m_doctrine.domesticSensitivity;
  if (meter == m_cat.resilience) return 1.0;
  if (meter == m_cat.domesticPressure) return -(0.3 + 0.9 * m_doctrine.domesticSensitivity);
  return 0.5;
}

int Agent::stepsToArmedConflict(const Observation& obs) const {
  return std::max(0, m_view.armedConflictRung() - obs.rung);
}

// Weight of one point of tension: grows sharply as the ladder nears armed conflict.
double Agent::escalationWeight(const Observation& obs) const {
  const auto& rungs = m_view.ladder().rungs;
  const int armed = m_view.armedConflictRung();
  const double armedAt = rungs.empty() ? 100 : rungs[at(armed)].threshold;
  const double step = std::max(1.0, std::abs(m_view.ladder().escalatoryStep));
  const double stepsLeft = std::max(1.0, (armedAt - obs.tension) / step);
  const double proximity = 1.0 / stepsLeft;
  return m_doctrine.escalationAversion * (0.2 + 2.8 * proximity) * (1.2 - 0.5 * m_doctrine.riskTolerance);
}

bool Agent::implicated(const Observation& obs, int incident) const {
  return incident >= 0 && incident < obs.incidentCount && obs.incidents[at(incident)].knowsTruth;
}

bool Agent::isAdversary(const Observation& obs) const {
  for (const IncidentView& iv : obs.incidents)
    if (iv.knowsTruth) return true;
  return false;
}

bool Agent::brokeFaith(const Observation& obs, int other) const {
  for (const Commitment& c : obs.commitments)
    if (c.broken && c.breaker == other && (c.a == obs.self || c.b == obs.self)) return true;
  return false;
}

bool Agent::presses(int measure) const {
  const MeasureDef& md = m_view.measure(measure);
  return md.category == MeasureCategory::Restrictive || md.category == MeasureCategory::LawfulResponse ||
         md.category == MeasureCategory::Hostile || md.escalation == EscalationTag::Escalatory;
}

int Agent::queuedPressing(const Observation& obs, int target) const {
  for (std::size_t k = 0; k < obs.queued.size(); ++k)
    if (obs.queuedTargets[k] == target && presses(obs.queued[k])) return static_cast<int>(k);
  return -1;
}

void Agent::rememberCalmingWords(const Observation& obs) {
  m_calm.assign(at(obs.actorCount), 0);
  for (const ProposalThisTurn& q : obs.proposalsThisTurn) {
    const TermKind kind = m_view.term(q.term).kind;
    if (kind != TermKind::RestraintPledge && kind != TermKind::Hotline) continue;
    if (q.from == obs.self && q.to >= 0) m_calm[at(q.to)] = 1;
    if (q.to == obs.self && q.reply == ReplyKind::Accept && q.from >= 0) m_calm[at(q.from)] = 1;
  }
}

// [SECTION] Attribution: decisions and joint disclosure

void Agent::decideAttributions(const Observation& obs, const LegalityCheck& legal,
                               std::vector<Command>& out) {
  // A criminal gang or a hacktivist front has no attribution to make: it is not its business to
  // judge who is behind an incident, and a verdict of its own would show in the debrief as a
  // wrong or right attribution no one asked of it (companies publish what their analysts find).
  if (m_view.actorKind(obs.self) == ActorKind::NonState) return;
  const double threshold = decideThreshold();
  for (int i = 0; i < obs.incidentCount; ++i) {
    const IncidentView& iv = obs.incidents[at(i)];
    if (!iv.revealed || iv.knowsTruth) continue;
    if (iv.leading < 0 || iv.leading == obs.self) continue;
    if (iv.disclosed != Disclosure::None) {
      // A correction (rules §3.5): a name we disclosed that our own evidence now calls very
      // unlikely, while we are as sure of another as we need to be to decide, is withdrawn
      // (credibility -5 now, not -15 when the truth comes out) and decided anew below.
      if (iv.decided < 0 || iv.decided == iv.leading || iv.leadingProbability < threshold) continue;
      const double named = obs.judgedProbability(m_view, i, iv.decided);
      if (named >= kStandByDisclosure) continue;
      const int accused = iv.decided;
      // A bloc's statement was made by consensus: the engine refuses to take it back while a
      // member still names the same culprit in public (rules §4.3); each member's own evidence
      // decides when it moves.
      if (!legal.legal(Command{Withdraw{obs.self, i}})) continue;
      const int leading = iv.leading;
      const double p = iv.leadingProbability;
      emit(out, Withdraw{obs.self, i}, [&] {
        const Phrases& say = m_say;
        return say(
            "withdraws its attribution of {0} to {1}: our evidence now makes it {2}, and points to {3} at "
            "{4}",
            {m_view.incidentName(i), m_view.actorName(accused), confidenceText(named, say),
             m_view.actorName(leading), confidenceText(p, say)});
      });
    }
    // Due diligence (rules §3.8): a group based in a state we distrust is out of our reach; a
    // norm-committed state holds that host responsible for harbouring it (UN norm c) once it is
    // as sure that those behind it operate from there as it would need to be to name them.
    if (const int host = m_view.basedIn(iv.leading);
        host >= 0 && host != obs.self && m_doctrine.normCommitment >= 0.6 &&
        obs.trustOf(obs.self, host) < 0 && m_view.actorKind(obs.self) == ActorKind::State) {
      double ph = 0;
      for (int c : m_view.incidentCandidates(i))
        if (m_view.basedIn(c) == host) ph += obs.probability(m_view, i, c);
      if (ph >= threshold) {
        if (iv.decided == host && iv.harbouring) continue;
        const int group = iv.leading;
        emit(out, DecideAttribution{obs.self, i, host, true}, [&] {
          const Phrases& say = m_say;
          return say(
              "holds {0} responsible for harbouring {1}, behind {2}: our confidence that they operate "
              "from there is {3}, and {0} does not cooperate with us",
              {m_view.actorName(host), m_view.actorName(group), m_view.incidentName(i),
               confidenceText(ph, say)});
        });
        continue;
      }
    }
    if (iv.decided == iv.leading && !iv.harbouring) continue;
    if (iv.leadingProbability < threshold) continue;
    const int leading = iv.leading;
    const double p = iv.leadingProbability;
    emit(out, DecideAttribution{obs.self, i, leading}, [&] {
      const Phrases& say = m_say;
      return say("decides that {0} was behind {1}: our confidence is {2}, at or above our threshold of '{3}'",
                 {m_view.actorName(leading), m_view.incidentName(i), confidenceText(p, say),
                  say.word(probabilityWords(threshold))});
    });
  }
}

// Partners who agreed to attribute jointly and decided the same: disclose together.
void Agent::discloseJointly(const Observation& obs, const LegalityCheck& legal, std::vector<Command>& out) {
  for (int i = 0; i < obs.incidentCount; ++i) {
    const IncidentView& iv = obs.incidents[at(i)];
    if (iv.decided < 0 || iv.disclosed == Disclosure::Public || iv.disclosed == Disclosure::Joint) continue;
    const double p = obs.judgedProbability(m_view, i, iv.decided);
    if (p < publicThreshold(obs) || !mayNamePublicly(obs, true)) continue;
    // Without a joint-attribution agreement of ours covering this incident, hasAgreement below
    // is false for every actor: skip asking it of each (the usual case).
    // One that names another suspect is no agreement to name ours (rules §4.3).
    if (obs.ownAgreementsOf == obs.self && std::none_of(obs.ownAgreements.begin(), obs.ownAgreements.end(),
                                                        [i, &iv](const Observation::OwnAgreement& c) {
                                                          return c.kind == TermKind::JointAttribution &&
                                                                 (c.incident < 0 || c.incident == i) &&
                                                                 (c.naming < 0 || c.naming == iv.decided);
                                                        }))
      continue;
    std::vector<int> partners;
    // One partner at a time, in a reused command (no Command and no vector per question).
    Disclose& probe = m_jointProbe;
    probe.actor = obs.self;
    probe.incident = i;
    probe.kind = Disclosure::Joint;
    probe.partners.resize(1);
    for (int a = 0; a < obs.actorCount; ++a) {
      if (a == obs.self || !obs.hasAgreement(m_view, obs.self, a, TermKind::JointAttribution, i, iv.decided))
        continue;
      probe.partners[0] = a;
      if (legal.legal(probe)) partners.push_back(a);
    }
    if (partners.empty()) continue;
    Disclose d{obs.self, i, Disclosure::Joint, partners};
    if (!legal.legal(d)) continue;
    const int accused = iv.decided;
    emit(out, std::move(d), [&] {
      const Phrases& say = m_say;
      std::string names;
      for (int a : partners) names += (names.empty() ? "" : ", ") + m_view.actorName(a);
      return say("names {0} for {1} jointly with {2}: our confidence is {3} and partners stand with us",
                 {m_view.actorName(accused), m_view.incidentName(i), names, confidenceText(p, say)});
    });
  }
}

// [SECTION] Negotiation: proposals and replies

void Agent::propose(const Observation& obs, const LegalityCheck& legal, std::vector<Command>& out) {
  const int self = obs.self;
  const int termCount = m_view.termCount();
  int made = 0;
  auto recentlyProposed = [&](int to, int term) {
    return obs.turn - m_lastProposed[at(to * termCount + term)] < 2;
  };
  // Checked in a reused command, the addressees gathered in a reused list; the one sent is a copy.
  Propose& probe = m_proposeProbe;
  // `naming`: whom a joint attribution names (our own suspect), -1 for the other terms.
  auto send = [&](std::span<const int> to, int term, int incident, const auto& why, int naming = -1) {
    if (term < 0 || to.empty() || made >= 2) return;
    probe.from = self;
    probe.to.assign(to.begin(), to.end());
    probe.terms.assign(1, term);
    probe.incident = incident;
    probe.naming = naming;
    probe.text.clear();
    if (!legal.legal(probe)) return;
    const TermKind kind = m_view.term(term).kind;
    for (int a : probe.to) {
      m_lastProposed[at(a * termCount + term)] = obs.turn;
      if (kind == TermKind::RestraintPledge || kind == TermKind::Hotline) m_calm[at(a)] = 1;
    }
    ++made;
    Propose p = probe;
    if (m_sink) p.text = why();
    emit(out, std::move(p), why);
  };
  auto one = [](const int& actor) { return std::span<const int>(&actor, 1); };
  // A coalition already being built this turn (a proposal we are party to): an agent asked to
  // join answers that proposal instead of sending its own, and nobody already asked is asked
  // again — allies do not send the same proposal twice (docs/agents.md "Negotiation"). The same
  // proposal: the same term and incident and, for a joint attribution, the same suspect (an
  // unsaid one, -1, is the same as any).
  auto same = [](const ProposalThisTurn& q, int term, int incident, int naming) {
    return q.term == term && q.incident == incident && (q.naming < 0 || naming < 0 || q.naming == naming);
  };
  auto askedToJoin = [&](int term, int incident, int naming) {
    for (const ProposalThisTurn& q : obs.proposalsThisTurn)
      if (same(q, term, incident, naming) && q.to == self && q.from != self) return true;
    return false;
  };
  auto alreadyAsked = [&](int a, int term, int incident, int naming) {
    for (const ProposalThisTurn& q : obs.proposalsThisTurn)
      if (same(q, term, incident, naming) && (q.to == a || q.from == a)) return true;
    return false;
  };

  const int info = m_cat.firstTermOfKind(TermKind::InformationSharing);
  const int joint = m_cat.firstTermOfKind(TermKind::JointAttribution);
  const int sanctions = m_cat.firstTermOfKind(TermKind::CoordinatedSanctions);
  const int hotline = m_cat.firstTermOfKind(TermKind::Hotline);
  const int assistance = m_cat.firstTermOfKind(TermKind::Assistance);
  const int intel = m_cat.intelligenceCapability;

  for (int i = 0; i < obs.incidentCount; ++i) {
    const IncidentView& iv = obs.incidents[at(i)];
    if (!iv.revealed || iv.knowsTruth) continue;
    // Unsure: ask the best-informed trusted partner to share what it knows.
    if (info >= 0 && iv.leadingProbability < publicThreshold(obs) && iv.confidence != ConfidenceLevel::High) {
      int best = -1;
      double bestIntel = intel >= 0 ? obs.capability(self, intel) : 0;
      for (int a = 0; a < obs.actorCount; ++a) {
        if (a == self || obs.trustOf(self, a) < 30 || obs.trustOf(a, self) < 30 ||
            !m_view.mayBeParty(info, a))
          continue;
        if (obs.hasAgreement(m_view, self, a, TermKind::InformationSharing, i) || recentlyProposed(a, info) ||
            brokeFaith(obs, a))
          continue;
        const double c = intel >= 0 ? obs.capability(a, intel) : 1;
        if (c > bestIntel) best = a, bestIntel = c;
      }
      if (best >= 0) {
        const double p = iv.leadingProbability;
        send(one(best), info, i, [&] {
          const Phrases& say = m_say;
          return say(
              "asks {0} to share intelligence on {1}: our confidence in the leading suspect is {2}, short "
              "of what we need to say so publicly",
              {m_view.actorName(best), m_view.incidentName(i), confidenceText(p, say)});
        });
      }
    }
    if (iv.decided < 0 || iv.decided == self) continue;
    const int accused = iv.decided;
    const double p = obs.judgedProbability(m_view, i, accused);
    // Confident and loyal to allies: build a coalition for a joint attribution.
    if (joint >= 0 && iv.disclosed != Disclosure::Public && iv.disclosed != Disclosure::Joint &&
        p >= decideThreshold() && m_doctrine.allianceLoyalty >= 0.5 && !askedToJoin(joint, i, accused)) {
      std::vector<int>& to = m_proposeTo;
      to.clear();
      for (int a = 0; a < obs.actorCount && to.size() < 3; ++a) {
        // Only those the term admits (a company or a group cannot be party to a joint
        // attribution of states): one of them would make the whole proposal refused.
        if (a == self || a == accused || obs.trustOf(self, a) < 30 || !m_view.mayBeParty(joint, a)) continue;
        if (obs.hasAgreement(m_view, self, a, TermKind::JointAttribution, i, accused) ||
            recentlyProposed(a, joint) || alreadyAsked(a, joint, i, accused) || brokeFaith(obs, a))
          continue;
        to.push_back(a);
      }
      // The proposal says whom it names: our own suspect (and its text says so too).
      send(
          to, joint, i,
          [&] {
            const Phrases& say = m_say;
            return say(
                "proposes a joint attribution of {0} to {1}: our confidence is {2} and a united front "
                "weighs more",
                {m_view.incidentName(i), m_view.actorName(accused), confidenceText(p, say)});
          },
          accused);
    }
    // Bloc sanctions need every member's consent: ask the members who have not agreed.
    if (sanctions >= 0 && p >= decideThreshold() && !askedToJoin(sanctions, i, -1) &&
        (m_doctrine.normCommitment >= 0.6 || obs.trustOf(self, accused) <= -30)) {
      for (int m = 0; m < m_view.measureCount(); ++m) {
        const MeasureDef& md = m_view.measure(m);
        if (md.bloc < 0 ||
            (md.category != MeasureCategory::Restrictive && md.category != MeasureCategory::LawfulResponse))
          continue;
        if (self != md.bloc && !m_view.isMember(self, md.bloc)) continue;
        std::vector<int>& to = m_proposeTo;
        to.clear();
        for (int a = 0; a < obs.actorCount; ++a) {
          if (a == self || (a != md.bloc && !m_view.isMember(a, md.bloc))) continue;
          if (obs.hasAgreement(m_view, self, a, TermKind::CoordinatedSanctions, i) ||
              recentlyProposed(a, sanctions) || alreadyAsked(a, sanctions, i, -1))
            continue;
          to.push_back(a);
        }
        send(to, sanctions, i, [&] {
          const Phrases& say = m_say;
          return say(
              "seeks consent for {0} against {1}: bloc measures need every "
              "member on board",
              {md.name.get(m_view.language()), m_view.actorName(accused)});
        });
        break;
      }
    }
  }

  // Near the top of the ladder, the escalation-averse reach for restraint and a hotline with
  // the actor they trust least.
  const int steps = stepsToArmedConflict(obs);
  if (steps <= 2 && m_doctrine.escalationAversion >= 0.5) {
    int adversary = -1;
    for (int a = 0; a < obs.actorCount; ++a)
      if (a != self && (adversary < 0 || obs.trustOf(self, a) < obs.trustOf(self, adversary))) adversary = a;
    // Not while our own measures press it this week (our words match our deeds), and not to
    // one that broke its word to us, unless one rung from armed conflict.
    if (adversary >= 0 && obs.trustOf(self, adversary) < 0 && queuedPressing(obs, adversary) < 0 &&
        (steps <= 1 || !brokeFaith(obs, adversary))) {
      const int restraint = m_cat.restraintTerm;
      if (restraint >= 0 && !obs.hasAgreement(m_view, self, adversary, TermKind::RestraintPledge, -1) &&
          !recentlyProposed(adversary, restraint)) {
        send(one(adversary), restraint, -1, [&] {
          const Phrases& say = m_say;
          return say("offers {0} a restraint pledge: escalation is {1} from armed conflict",
                     {m_view.actorName(adversary), rungsText(steps, say)});
        });
      } else if (hotline >= 0 && !obs.hasAgreement(m_view, self, adversary, TermKind::Hotline, -1) &&
                 !recentlyProposed(adversary, hotline)) {
        send(one(adversary), hotline, -1, [&] {
          const Phrases& say = m_say;
          return say("proposes a crisis hotline to {0}: escalation is {1} from armed conflict",
                     {m_view.actorName(adversary), rungsText(steps, say)});
        });
      }
    }
  }

  // A victim with a weak grid asks a capable friend for technical assistance.
  if (assistance >= 0 && m_cat.resilience >= 0 && obs.meter(self, m_cat.resilience) < 45) {
    bool victim = false;
    for (int i = 0; i < obs.incidentCount; ++i)
      victim = victim || (obs.incidents[at(i)].revealed && m_view.incidentVictim(i) == self);
    if (victim) {
      int best = -1;
      double bestDef = -1;
      for (int a = 0; a < obs.actorCount; ++a) {
        if (a == self || obs.trustOf(self, a) < 30 || !m_view.mayBeParty(assistance, a) ||
            recentlyProposed(a, assistance) || brokeFaith(obs, a))
          continue;
        if (obs.hasAgreement(m_view, self, a, TermKind::Assistance, -1)) continue;
        const double d = m_cat.defenceCapability >= 0 ? obs.capability(a, m_cat.defenceCapability) : 1;
        if (d > bestDef) best = a, bestDef = d;
      }
      if (best >= 0) {
        const double r = obs.meter(self, m_cat.resilience);
        send(one(best), assistance, -1, [&] {
          const Phrases& say = m_say;
          return say("asks {0} for technical assistance: our resilience is down to {1}",
                     {m_view.actorName(best), std::to_string(static_cast<int>(r))});
        });
      }
    }
  }
}

void Agent::reply(const Observation& obs, std::vector<Command>& out) {
  const int self = obs.self;
  const DifficultyPreset& preset = m_preset;
  const double noise = (isAdversary(obs) ? preset.adversaryNoise : preset.noise) * 0.02;
  for (const IncomingProposal& in : obs.incoming) {
    const int from = in.from;
    const std::string& fromName = m_view.actorName(from);
    // The incident the terms concern: the proposal's, else the first public one we did not run.
    int incident = in.incident;
    if (incident < 0)
      for (int i = 0; i < obs.incidentCount && incident < 0; ++i)
        if (obs.incidents[at(i)].revealed && !obs.incidents[at(i)].knowsTruth) incident = i;
    const bool ours = incident >= 0 && implicated(obs, incident);
    // Whom the proposal is about: the suspect it names, else whom the proposer has named, else
    // our leading suspect. A named suspect is never swapped for our own.
    int accused = in.naming;
    if (incident >= 0 && accused < 0) {
      accused = obs.accusedBy(from, incident);
      if (accused < 0) accused = obs.incidents[at(incident)].leading;
    }
    const double p = incident >= 0 && accused >= 0
                         ? (in.naming >= 0 ? obs.judgedProbability(m_view, incident, accused)
                                           : obs.probability(m_view, incident, accused))
                         : 0;
    // Our own suspect, when a joint attribution names another: the one we decided on, else our
    // leading suspect if we find it more probable than the one named.
    int ownSuspect = -1;
    if (incident >= 0 && in.naming >= 0) {
      const IncidentView& iv = obs.incidents[at(incident)];
      ownSuspect = iv.decided >= 0 ? iv.decided : iv.leadingProbability > p ? iv.leading : -1;
      if (ownSuspect == in.naming) ownSuspect = -1;
    }
    const double trust = obs.trustOf(self, from);
    const int steps = stepsToArmedConflict(obs);
    const double jitter = (m_rng.uniform01() * 2 - 1) * noise;
    const bool breaker = brokeFaith(obs, from);

    // Each term's answer; its reason is written only when `withWhy` (the reply sends one of
    // them, so the others' sentences are never built). No randomness in here: asking twice
    // gives the same answer.
    auto answer = [&](int term, bool withWhy) {
      TermAnswer a;
      const TermDef& td = m_view.term(term);
      const Phrases& say = m_say;
      auto incidentName = [&] {
        return incident >= 0 ? m_view.incidentName(incident) : say("the incidents");
      };
      const bool calming = td.kind == TermKind::RestraintPledge || td.kind == TermKind::Hotline;
      // Memory: no new agreement with one that broke its word to us, unless a hotline or
      // restraint one rung from armed conflict.
      if (breaker && !(calming && steps <= 1)) {
        if (withWhy)
          a.why = say("rejects {0}: {1} broke an agreement with us before",
                      {td.name.get(m_view.language()), fromName});
        return a;
      }
      // Our words match our deeds: no restraint or hotline with one our measures press this week.
      if (calming) {
        if (const int k = queuedPressing(obs, from); k >= 0) {
          if (withWhy)
            a.why = say("rejects {0}: we have already decided on {1} against {2} this week",
                        {td.name.get(m_view.language()),
                         m_view.measure(obs.queued[at(k)]).name.get(m_view.language()), fromName});
          return a;
        }
      }
      switch (td.kind) {
        case TermKind::JointAttribution:
        case TermKind::CoordinatedSanctions: {
          const bool sanctionsTerm = td.kind == TermKind::CoordinatedSanctions;
          const std::string what =
              withWhy ? (sanctionsTerm ? say("coordinated sanctions") : say("the joint attribution")) : "";
          if (ours || accused == self) {
            if (withWhy)
              a.why = say("rejects {0}: the accusations over {1} are unfounded", {what, incidentName()});
          } else if (trust < 0) {
            if (withWhy) a.why = say("rejects {0}: we do not coordinate with {1}", {what, fromName});
          } else if (!sanctionsTerm && ownSuspect >= 0) {
            // It names someone our assessment does not point to: we do not put our name to it.
            if (withWhy && obs.incidents[at(incident)].decided == ownSuspect) {
              a.why =
                  say("rejects the joint attribution of {0} to {1}: we have decided that {2} was behind it",
                      {incidentName(), m_view.actorName(accused), m_view.actorName(ownSuspect)});
            } else if (withWhy) {
              const double own = obs.judgedProbability(m_view, incident, ownSuspect);
              a.why =
                  say("rejects the joint attribution of {0} to {1}: our assessment does not point to {1} "
                      "but to {2} ({3})",
                      {incidentName(), m_view.actorName(accused), m_view.actorName(ownSuspect),
                       confidenceText(own, say)});
            }
            a.counterTerm =
                trust >= 30 && in.counterOf < 0 ? m_cat.firstTermOfKind(TermKind::InformationSharing) : -1;
            if (withWhy && a.counterTerm >= 0) a.why += say("; share your evidence first");
          } else if (accused < 0 || p + (sanctionsTerm ? jitter : 0) < decideThreshold()) {
            // The attribution threshold is doctrine, not mood: no noise on joining one.
            if (withWhy)
              a.why = accused >= 0
                          ? say("rejects {0}: our confidence in {1} is only {2}",
                                {what, m_view.actorName(accused), confidenceText(p, say)})
                          : say("rejects {0}: our confidence is only {1}", {what, confidenceText(p, say)});
            a.counterTerm =
                trust >= 30 && in.counterOf < 0 ? m_cat.firstTermOfKind(TermKind::InformationSharing) : -1;
            if (withWhy && a.counterTerm >= 0) a.why += say("; share your evidence first");
          } else if (const int k = sanctionsTerm ? queuedPressing(obs, accused) : -1;
                     k >= 0 && m_view.measure(obs.queued[at(k)]).category == MeasureCategory::Restrictive) {
            // Already sanctioning them ourselves this week: holding out would contradict it.
            a.accept = true;
            if (withWhy)
              a.why = say(
                  "accepts coordinated sanctions against {0}: we are already imposing {1} on them",
                  {m_view.actorName(accused), m_view.measure(obs.queued[at(k)]).name.get(m_view.language())});
          } else if (sanctionsTerm) {
            // Sanctions cost our own economy: the domestically sensitive and cautious hold out.
            const double interest = m_doctrine.allianceLoyalty * std::max(0.0, trust) / 100 +
                                    0.5 * m_doctrine.normCommitment +
                                    0.5 * std::max(0.0, -obs.trustOf(self, accused)) / 100 -
                                    0.6 * m_doctrine.domesticSensitivity * (1 - m_doctrine.riskTolerance) -
                                    0.3 * m_doctrine.escalationAversion * (steps <= 2 ? 1 : 0);
            a.accept = interest + jitter >= 0.3;
            if (withWhy)
              a.why =
                  a.accept
                      ? say("accepts coordinated sanctions against {0}: our confidence is {1} and {2} is a "
                            "partner we stand by",
                            {m_view.actorName(accused), confidenceText(p, say), fromName})
                      : say("holds out on sanctions: the cost to our own economy and public outweighs the "
                            "gain for now");
          } else {
            a.accept = true;
            if (withWhy)
              a.why = say("joins the joint attribution of {0} to {1}: our confidence has reached {2}",
                          {incidentName(), m_view.actorName(accused), confidenceText(p, say)});
          }
          break;
        }
        case TermKind::RestraintPledge: {
          const double pressure = m_doctrine.escalationAversion * (steps <= 1   ? 1.0
                                                                   : steps == 2 ? 0.6
                                                                                : 0.25) +
                                  0.3 * std::max(0.0, trust) / 100;
          const double appetite = m_doctrine.riskTolerance * (1 - m_doctrine.escalationAversion);
          a.accept = pressure + jitter >= 0.35 + 0.4 * appetite;
          if (withWhy) {
            const std::string termName = td.name.get(m_view.language());
            a.why =
                a.accept
                    ? say("accepts {0}: escalation is {1} from armed conflict",
                          {termName, rungsText(steps, say)})
                    : say("rejects {0}: we keep our options open while the crisis is {1} from armed conflict",
                          {termName, rungsText(steps, say)});
          }
          break;
        }
        case TermKind::Hotline: {
          a.accept = m_doctrine.escalationAversion + jitter >= 0.4 || steps <= 2;
          if (withWhy)
            a.why = a.accept ? say("accepts the hotline: escalation is {0} from armed conflict",
                                   {rungsText(steps, say)})
                             : say("sees no need for a hotline: the crisis is {0} from armed conflict",
                                   {rungsText(steps, say)});
          break;
        }
        case TermKind::InformationSharing: {
          if (ours) {
            if (withWhy)
              a.why = say("declines to share intelligence on {0}: we have nothing to add", {incidentName()});
          } else {
            a.accept = trust + jitter * 100 >= 10 + 30 * (1 - m_doctrine.allianceLoyalty);
            if (withWhy)
              a.why = a.accept ? say("shares its findings with {0}: a trusted partner (trust {1})",
                                     {fromName, std::to_string(static_cast<int>(trust))})
                               : say("keeps its sources to itself: trust in {0} is only {1}",
                                     {fromName, std::to_string(static_cast<int>(trust))});
          }
          break;
        }
        case TermKind::Assistance: {
          a.accept = trust + jitter * 100 >= 20 && m_doctrine.allianceLoyalty >= 0.4;
          if (withWhy)
            a.why = a.accept
                        ? say("sends technical assistance to {0}: helping a partner is norm h", {fromName})
                        : say("cannot send assistance to {0} now", {fromName});
          break;
        }
        case TermKind::LawEnforcementCooperation: {
          a.accept = !ours && trust + jitter * 100 >= 0;
          if (withWhy)
            a.why = a.accept ? say("agrees to law-enforcement cooperation: crime should not go unpunished")
                             : say("refuses law-enforcement cooperation: we see no legal basis");
          break;
        }
      }
      return a;
    };

    // First the decisions (no text), then the one reason the reply carries.
    std::vector<int>& accepted = m_replyAccepted;
    std::vector<TermAnswer>& answers = m_replyAnswers;
    accepted.clear();
    answers.clear();
    for (int term : in.terms) {
      answers.push_back(answer(term, false));
      if (answers.back().accept) accepted.push_back(term);
    }
    Reply r{self, in.id, ReplyKind::Reject, {}, {}};
    if (accepted.size() == in.terms.size()) {
      r.kind = ReplyKind::Accept;
      r.reason = answer(in.terms.front(), true).why;
      for (int term : in.terms) {
        const TermKind kind = m_view.term(term).kind;
        if (kind == TermKind::RestraintPledge || kind == TermKind::Hotline) m_calm[at(from)] = 1;
      }
    } else if (!accepted.empty() && in.counterOf < 0) {
      r.kind = ReplyKind::Counter;
      r.counterTerms = accepted;
      for (std::size_t k = answers.size(); k-- > 0;) {
        if (answers[k].accept) continue;
        const Phrases& say = m_say;
        r.reason = say("counters: {0}", {answer(in.terms[k], true).why});
        break;
      }
    } else {
      std::size_t reasonOf = 0;
      for (std::size_t k = 0; k < answers.size(); ++k) {
        const TermAnswer& a = answers[k];
        if (a.counterTerm >= 0 && in.counterOf < 0 && a.counterTerm != in.terms.front()) {
          r.kind = ReplyKind::Counter;
          r.counterTerms = {a.counterTerm};
          reasonOf = k;
          break;
        }
      }
      r.reason = answer(in.terms[reasonOf], true).why;
    }
    if (const Phrases& say = m_say; r.reason.empty()) r.reason = say("not in our interest now");
    if (!m_sink) {
      out.push_back(std::move(r));  // the reason travels in the command; no copy for a sink
      continue;
    }
    const std::string reason = r.reason;
    emit(out, std::move(r), [&] { return reason; });
  }
}

// [SECTION] Measures: scoring, look-ahead, selection

// chooseMeasuresAs is defined in AgentMeasures.hpp; its kMany instantiations in AgentMany.cpp.
extern template void Agent::chooseMeasuresAs<false, true>(const Observation&, const LegalityCheck&,
                                                          std::vector<Command>&, bool);
extern template void Agent::chooseMeasuresAs<true, true>(const Observation&, const LegalityCheck&,
                                                         std::vector<Command>&, bool);

void Agent::chooseMeasures(const Observation& obs, const LegalityCheck& legal, std::vector<Command>& out,
                           bool onlyNewOptions) {
  // Many usable measures (see chooseMeasuresAs): known from a seat's second call on (its first
  // finds them); either way the choices are the same.
  const bool many = m_usable.size() >= 64;
  if (m_sink) {
    if (many)
      chooseMeasuresAs<true, true>(obs, legal, out, onlyNewOptions);
    else
      chooseMeasuresAs<true, false>(obs, legal, out, onlyNewOptions);
  } else if (many) {
    chooseMeasuresAs<false, true>(obs, legal, out, onlyNewOptions);
  } else {
    chooseMeasuresAs<false, false>(obs, legal, out, onlyNewOptions);
  }
}

// [SECTION] Rationale log

RationaleSink RationaleLog::sinkFor(const GameState& state) {
  return [this, &state](int actor, const Command& command, const std::string& text) {
    m_entries.push_back({state.turn, actor, command, text});
  };
}

}  // namespace demarche::agents
