// The doctrine-driven agent. Index:
//   [SECTION] Presets, catalogue, seeds
//   [SECTION] Doctrine thresholds and weights
//   [SECTION] Attribution: decisions and joint disclosure
//   [SECTION] Negotiation: proposals and replies
//   [SECTION] Measures: scoring, look-ahead, selection
//   [SECTION] Rationale log
#include "agents/Agent.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

namespace demarche::agents {

namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

// "one rung", "two rungs", "4 rungs"
std::string rungsText(int steps) {
  if (steps == 1) return "one rung";
  if (steps == 2) return "two rungs";
  return std::to_string(steps) + " rungs";
}

std::string percent(double p) { return std::to_string(static_cast<int>(std::lround(p * 100))) + "%"; }

// "'likely' (62%)"
std::string confidenceText(double p) {
  std::string text = "'";
  text += probabilityWords(p);
  text += "' (";
  text += percent(p);
  text += ")";
  return text;
}

// `list` holds `value`: a plain loop for the short lists of a decision (std::find's unrolled
// search costs more to set up than it saves on a handful of entries).
bool listed(const std::vector<int>& list, int value) {
  for (const int v : list)
    if (v == value) return true;
  return false;
}

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

AgentCatalogue::AgentCatalogue(const ScenarioDef& def) : m_view(def), m_profiles(buildProfiles(m_view)) {
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
  std::uint64_t z = a * 0x9e3779b97f4a7c15ULL + b + 0x632be59bd9b4e019ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
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

struct Agent::Candidate {
  TakeMeasure measure;
  double score = 0;
  // Largest contributions, for the rationale.
  enum class Why : std::uint8_t {
    Own,
    Harm,
    Retaliate,
    Help,
    Deescalate,
    Norms,
    Objective,
    Investigate,
    Cover,
    Attribute
  };
  Why why = Why::Own;
  double whyValue = 0;
  int objective = -1;  // objective advanced, for Why::Objective
};

Agent::Agent(const AgentCatalogue& catalogue, std::uint64_t seed, Difficulty difficulty)
    : m_cat(catalogue),
      m_view(catalogue.view()),
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
}

void Agent::restart(std::uint64_t seed) {
  // A new agent's state, field by field, except what depends only on the actor it plays
  // (doctrine, objectives, usable measures: recomputed by act() if the actor changes) and
  // the buffers. What it proposed is recalled from the next state it sees.
  m_rng = Rng(seed);
  m_reconsider = false;
  m_commitmentsSeen = 0;
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
    bool addressed = false;
    for (const Proposal& p : state.proposals) {
      if (!p.open) continue;
      for (std::size_t k = 0; k < p.to.size() && !addressed; ++k)
        addressed = p.to[k] == actor && p.replies[k] == ReplyKind::None;
      if (addressed) break;
    }
    if (!addressed && commitmentsOf(state.commitments, actor) == m_commitmentsSeen) return;
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
    decideAttributions(obs, out);
    // Measures that needed a decision or an agreement become possible in a later round.
    m_reconsider = out.size() != before;
    m_commitmentsSeen = commitmentsOf(obs);
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

void Agent::decideAttributions(const Observation& obs, std::vector<Command>& out) {
  const double threshold = decideThreshold();
  for (int i = 0; i < obs.incidentCount; ++i) {
    const IncidentView& iv = obs.incidents[at(i)];
    if (!iv.revealed || iv.knowsTruth || iv.disclosed != Disclosure::None) continue;
    if (iv.leading < 0 || iv.leading == obs.self) continue;
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
          return "holds " + m_view.actorName(host) + " responsible for harbouring " +
                 m_view.actorName(group) + ", behind " + m_view.incidentId(i) +
                 ": our confidence that they operate from there is " + confidenceText(ph) + ", and " +
                 m_view.actorName(host) + " does not cooperate with us";
        });
        continue;
      }
    }
    if (iv.decided == iv.leading && !iv.harbouring) continue;
    if (iv.leadingProbability < threshold) continue;
    const int leading = iv.leading;
    const double p = iv.leadingProbability;
    emit(out, DecideAttribution{obs.self, i, leading}, [&] {
      return "decides that " + m_view.actorName(leading) + " was behind " + m_view.incidentId(i) +
             ": our confidence is " + confidenceText(p) + ", at or above our threshold of '" +
             std::string(probabilityWords(threshold)) + "'";
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
    if (obs.ownAgreementsOf == obs.self && std::none_of(obs.ownAgreements.begin(), obs.ownAgreements.end(),
                                                        [i](const Observation::OwnAgreement& c) {
                                                          return c.kind == TermKind::JointAttribution &&
                                                                 (c.incident < 0 || c.incident == i);
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
      if (a == obs.self || !obs.hasAgreement(m_view, obs.self, a, TermKind::JointAttribution, i)) continue;
      probe.partners[0] = a;
      if (legal.legal(probe)) partners.push_back(a);
    }
    if (partners.empty()) continue;
    Disclose d{obs.self, i, Disclosure::Joint, partners};
    if (!legal.legal(d)) continue;
    const int accused = iv.decided;
    emit(out, std::move(d), [&] {
      std::string names;
      for (int a : partners) names += (names.empty() ? "" : ", ") + m_view.actorName(a);
      return "names " + m_view.actorName(accused) + " for " + m_view.incidentId(i) + " jointly with " +
             names + ": our confidence is " + confidenceText(p) + " and partners stand with us";
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
  auto send = [&](std::span<const int> to, int term, int incident, const auto& why) {
    if (term < 0 || to.empty() || made >= 2) return;
    probe.from = self;
    probe.to.assign(to.begin(), to.end());
    probe.terms.assign(1, term);
    probe.incident = incident;
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
  // again — allies do not send the same proposal twice (docs/agents.md "Negotiation").
  auto askedToJoin = [&](int term, int incident) {
    for (const ProposalThisTurn& q : obs.proposalsThisTurn)
      if (q.term == term && q.incident == incident && q.to == self && q.from != self) return true;
    return false;
  };
  auto alreadyAsked = [&](int a, int term, int incident) {
    for (const ProposalThisTurn& q : obs.proposalsThisTurn)
      if (q.term == term && q.incident == incident && (q.to == a || q.from == a)) return true;
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
          return "asks " + m_view.actorName(best) + " to share intelligence on " + m_view.incidentId(i) +
                 ": our confidence in the leading suspect is " + confidenceText(p) +
                 ", short of what we need to say so publicly";
        });
      }
    }
    if (iv.decided < 0 || iv.decided == self) continue;
    const int accused = iv.decided;
    const double p = obs.judgedProbability(m_view, i, accused);
    // Confident and loyal to allies: build a coalition for a joint attribution.
    if (joint >= 0 && iv.disclosed != Disclosure::Public && iv.disclosed != Disclosure::Joint &&
        p >= decideThreshold() && m_doctrine.allianceLoyalty >= 0.5 && !askedToJoin(joint, i)) {
      std::vector<int>& to = m_proposeTo;
      to.clear();
      for (int a = 0; a < obs.actorCount && to.size() < 3; ++a) {
        // Only those the term admits (a company or a group cannot be party to a joint
        // attribution of states): one of them would make the whole proposal refused.
        if (a == self || a == accused || obs.trustOf(self, a) < 30 || !m_view.mayBeParty(joint, a)) continue;
        if (obs.hasAgreement(m_view, self, a, TermKind::JointAttribution, i) || recentlyProposed(a, joint) ||
            alreadyAsked(a, joint, i) || brokeFaith(obs, a))
          continue;
        to.push_back(a);
      }
      send(to, joint, i, [&] {
        return "proposes a joint attribution of " + m_view.incidentId(i) + " to " +
               m_view.actorName(accused) + ": our confidence is " + confidenceText(p) +
               " and a united front weighs more";
      });
    }
    // Bloc sanctions need every member's consent: ask the members who have not agreed.
    if (sanctions >= 0 && p >= decideThreshold() && !askedToJoin(sanctions, i) &&
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
              recentlyProposed(a, sanctions) || alreadyAsked(a, sanctions, i))
            continue;
          to.push_back(a);
        }
        send(to, sanctions, i, [&] {
          return "seeks consent for " + md.name.get(m_view.language()) + " against " +
                 m_view.actorName(accused) + ": bloc measures need every member on board";
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
          return "offers " + m_view.actorName(adversary) + " a restraint pledge: escalation is " +
                 rungsText(steps) + " from armed conflict";
        });
      } else if (hotline >= 0 && !obs.hasAgreement(m_view, self, adversary, TermKind::Hotline, -1) &&
                 !recentlyProposed(adversary, hotline)) {
        send(one(adversary), hotline, -1, [&] {
          return "proposes a crisis hotline to " + m_view.actorName(adversary) + ": escalation is " +
                 rungsText(steps) + " from armed conflict";
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
          return "asks " + m_view.actorName(best) + " for technical assistance: our resilience is down to " +
                 std::to_string(static_cast<int>(r));
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
    int accused = -1;
    if (incident >= 0) {
      accused = obs.accusedBy(from, incident);
      if (accused < 0) accused = obs.incidents[at(incident)].leading;
    }
    const double p = incident >= 0 && accused >= 0 ? obs.probability(m_view, incident, accused) : 0;
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
      auto incidentName = [&] {
        return incident >= 0 ? m_view.incidentId(incident) : std::string("the incidents");
      };
      auto stepsText = [&] { return rungsText(steps) + " from armed conflict"; };
      const bool calming = td.kind == TermKind::RestraintPledge || td.kind == TermKind::Hotline;
      // Memory: no new agreement with one that broke its word to us, unless a hotline or
      // restraint one rung from armed conflict.
      if (breaker && !(calming && steps <= 1)) {
        if (withWhy)
          a.why = "rejects " + td.name.get(m_view.language()) + ": " + fromName +
                  " broke an agreement with us before";
        return a;
      }
      // Our words match our deeds: no restraint or hotline with one our measures press this week.
      if (calming) {
        if (const int k = queuedPressing(obs, from); k >= 0) {
          if (withWhy)
            a.why = "rejects " + td.name.get(m_view.language()) + ": we have already decided on " +
                    m_view.measure(obs.queued[at(k)]).name.get(m_view.language()) + " against " + fromName +
                    " this week";
          return a;
        }
      }
      switch (td.kind) {
        case TermKind::JointAttribution:
        case TermKind::CoordinatedSanctions: {
          const bool sanctionsTerm = td.kind == TermKind::CoordinatedSanctions;
          const std::string what =
              withWhy ? (sanctionsTerm ? "coordinated sanctions" : "the joint attribution") : "";
          if (ours || accused == self) {
            if (withWhy)
              a.why = "rejects " + what + ": the accusations over " + incidentName() + " are unfounded";
          } else if (trust < 0) {
            if (withWhy) a.why = "rejects " + what + ": we do not coordinate with " + fromName;
          } else if (accused < 0 || p + (sanctionsTerm ? jitter : 0) < decideThreshold()) {
            // The attribution threshold is doctrine, not mood: no noise on joining one.
            if (withWhy)
              a.why = "rejects " + what + ": our confidence" +
                      (accused >= 0 ? " in " + m_view.actorName(accused) : std::string()) + " is only " +
                      confidenceText(p);
            a.counterTerm =
                trust >= 30 && in.counterOf < 0 ? m_cat.firstTermOfKind(TermKind::InformationSharing) : -1;
            if (withWhy && a.counterTerm >= 0) a.why += "; share your evidence first";
          } else if (const int k = sanctionsTerm ? queuedPressing(obs, accused) : -1;
                     k >= 0 && m_view.measure(obs.queued[at(k)]).category == MeasureCategory::Restrictive) {
            // Already sanctioning them ourselves this week: holding out would contradict it.
            a.accept = true;
            if (withWhy)
              a.why = "accepts coordinated sanctions against " + m_view.actorName(accused) +
                      ": we are already imposing " +
                      m_view.measure(obs.queued[at(k)]).name.get(m_view.language()) + " on them";
          } else if (sanctionsTerm) {
            // Sanctions cost our own economy: the domestically sensitive and cautious hold out.
            const double interest = m_doctrine.allianceLoyalty * std::max(0.0, trust) / 100 +
                                    0.5 * m_doctrine.normCommitment +
                                    0.5 * std::max(0.0, -obs.trustOf(self, accused)) / 100 -
                                    0.6 * m_doctrine.domesticSensitivity * (1 - m_doctrine.riskTolerance) -
                                    0.3 * m_doctrine.escalationAversion * (steps <= 2 ? 1 : 0);
            a.accept = interest + jitter >= 0.3;
            if (withWhy)
              a.why = a.accept
                          ? "accepts coordinated sanctions against " + m_view.actorName(accused) +
                                ": our confidence is " + confidenceText(p) + " and " + fromName +
                                " is a partner we stand by"
                          : "holds out on sanctions: the cost to our own economy and public outweighs the "
                            "gain for now";
          } else {
            a.accept = true;
            if (withWhy)
              a.why = "joins the joint attribution of " + incidentName() + " to " +
                      m_view.actorName(accused) + ": our confidence has reached " + confidenceText(p);
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
            a.why = a.accept ? "accepts " + termName + ": escalation is " + stepsText()
                             : "rejects " + termName + ": we keep our options open while the crisis is " +
                                   rungsText(steps) + " from armed conflict";
          }
          break;
        }
        case TermKind::Hotline: {
          a.accept = m_doctrine.escalationAversion + jitter >= 0.4 || steps <= 2;
          if (withWhy)
            a.why = a.accept ? "accepts the hotline: escalation is " + stepsText()
                             : "sees no need for a hotline: the crisis is " + stepsText();
          break;
        }
        case TermKind::InformationSharing: {
          if (ours) {
            if (withWhy)
              a.why = "declines to share intelligence on " + incidentName() + ": we have nothing to add";
          } else {
            a.accept = trust + jitter * 100 >= 10 + 30 * (1 - m_doctrine.allianceLoyalty);
            if (withWhy)
              a.why = a.accept ? "shares its findings with " + fromName + ": a trusted partner (trust " +
                                     std::to_string(static_cast<int>(trust)) + ")"
                               : "keeps its sources to itself: trust in " + fromName + " is only " +
                                     std::to_string(static_cast<int>(trust));
          }
          break;
        }
        case TermKind::Assistance: {
          a.accept = trust + jitter * 100 >= 20 && m_doctrine.allianceLoyalty >= 0.4;
          if (withWhy)
            a.why = a.accept ? "sends technical assistance to " + fromName + ": helping a partner is norm h"
                             : "cannot send assistance to " + fromName + " now";
          break;
        }
        case TermKind::LawEnforcementCooperation: {
          a.accept = !ours && trust + jitter * 100 >= 0;
          if (withWhy)
            a.why = a.accept ? "agrees to law-enforcement cooperation: crime should not go unpunished"
                             : "refuses law-enforcement cooperation: we see no legal basis";
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
        r.reason = "counters: " + answer(in.terms[k], true).why;
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
    if (r.reason.empty()) r.reason = "not in our interest now";
    if (!m_sink) {
      out.push_back(std::move(r));  // the reason travels in the command; no copy for a sink
      continue;
    }
    const std::string reason = r.reason;
    emit(out, std::move(r), [&] { return reason; });
  }
}

// [SECTION] Measures: scoring, look-ahead, selection

void Agent::chooseMeasures(const Observation& obs, const LegalityCheck& legal, std::vector<Command>& out,
                           bool onlyNewOptions) {
  if (m_sink)
    chooseMeasuresAs<true>(obs, legal, out, onlyNewOptions);
  else
    chooseMeasuresAs<false>(obs, legal, out, onlyNewOptions);
}

// A candidate's reason (why, whyValue, objective) feeds only the rationale: without a sink
// (kExplain false) it is not kept, and the compiler drops the work that computes it.
template <bool kExplain>
void Agent::chooseMeasuresAs(const Observation& obs, const LegalityCheck& legal, std::vector<Command>& out,
                             bool onlyNewOptions) {
  const int self = obs.self;
  // A local copy: the loops below store doubles (candidates, scores), and a member read
  // after each store would be loaded again.
  const Doctrine doc = m_doctrine;
  const bool adversary = isAdversary(obs);
  const int maxMeasures = adversary ? m_preset.adversaryMeasures : m_preset.maxMeasures;
  int taken = static_cast<int>(obs.queued.size());
  if (taken >= maxMeasures) return;
  int capital = obs.capital;
  if (capital <= 0) return;

  const ActorKind kind = m_view.actorKind(self);
  const double escW = escalationWeight(obs);
  const int armedRung = m_view.armedConflictRung();
  // rungFor(x) >= armedRung exactly when x reaches some rung at or above armed conflict:
  // one comparison with the lowest such threshold instead of a scan per measure.
  double armedFrom = std::numeric_limits<double>::infinity();
  for (std::size_t r = at(std::max(armedRung, 0)); r < m_view.ladder().rungs.size(); ++r)
    armedFrom = std::min(armedFrom, m_view.ladder().rungs[r].threshold);
  const auto& profiles = m_cat.profiles();
  const double noise = adversary ? m_preset.adversaryNoise : m_preset.noise;
  const double retaliation = doc.reciprocity * m_preset.retaliation;

  // Per-target attitudes, computed once: hostility (with grievances) and friendship. One
  // entry per actor, however many the scenario has; the vector is kept between calls, so
  // this allocates only on a seat's first decision.
  const int n = obs.actorCount;
  m_attitudes.resize(at(n));
  Attitude* attitude = m_attitudes.data();
  // Grievance: how much each actor hurt us recently, 0..1 (measures against us, attributions
  // naming us), summed per actor in the order of the grievances, in one pass over them.
  for (int a = 0; a < n; ++a) attitude[a].grievance = 0;
  for (const Grievance& gr : obs.grievances) {
    if (gr.from < 0 || gr.from >= n || gr.from == self) continue;
    double& g = attitude[gr.from].grievance;
    if (gr.measure < 0) {
      g += 0.5;
      continue;
    }
    const MeasureDef& md = m_view.measure(gr.measure);
    const MeasureProfile& p = profiles[at(gr.measure)];
    double harm = 0;
    for (int k = 0; k < obs.meterCount; ++k)
      harm -= p.targetMeter[at(k)] * (k == m_cat.domesticPressure ? -1 : 1);
    if (md.category == MeasureCategory::Restrictive || md.category == MeasureCategory::LawfulResponse ||
        md.category == MeasureCategory::Hostile || harm > 2)
      g += 0.6;
  }
  for (int a = 0; a < n; ++a) {
    const double t = a == self ? 0 : obs.trustOf(self, a) / 100;
    Attitude& att = attitude[a];
    att.grievance = std::min(1.0, att.grievance);
    att.hostile = std::max(0.0, -t - 0.2) + 0.5 * att.grievance;
    att.friendly = std::max(0.0, t - 0.1);
  }
  // Targets each kind of measure can be aimed at, in actor order, so the loop below skips
  // the ones its own filters would reject without looking at them (it still applies them).
  m_targetsAll.clear();
  m_targetsHostile.clear();
  m_targetsCalm.clear();
  for (int t = 0; t < n; ++t) {
    if (t == self) continue;
    const double h = attitude[t].hostile;
    m_targetsAll.push_back(t);
    if (h > 0) m_targetsHostile.push_back(t);
    if (h <= 0.3) m_targetsCalm.push_back(t);
  }
  // Largest attitude terms over the other actors, for an upper bound on a target's value
  // (see targetBound below): a measure whose best possible target cannot enter the kept set
  // is skipped without scoring each target, which draws no noise and keeps nothing, as
  // scoring it would not have either.
  const double loyalty = doc.allianceLoyalty;
  double maxFriendlyLoyal = 0;  // max over targets of friendly * loyalty, and 0
  double minFriendlyLoyal = 0;  // min over targets of friendly * loyalty, and 0
  double maxHostileBoost = 0;   // max over targets of |hostile * (1 + 2 * retaliation * grievance)|
  for (const int t : m_targetsAll) {
    const Attitude& att = attitude[t];
    maxFriendlyLoyal = std::max(maxFriendlyLoyal, att.friendly * loyalty);
    minFriendlyLoyal = std::min(minFriendlyLoyal, att.friendly * loyalty);
    maxHostileBoost =
        std::max(maxHostileBoost, std::abs(att.hostile * (1 + 2 * retaliation * att.grievance)));
  }
  const double harmScale = std::abs(0.5 + 0.5 * doc.riskTolerance);
  // An upper bound on targetValue below for any target of a measure without attribution (the
  // terms it subtracts count as 0); the caller adds a margin far above the rounding of a sum.
  auto targetBound = [&](double welfare, const MeasureProfile& p) {
    double bound = 0;
    if (welfare < 0)
      bound += -welfare * harmScale * maxHostileBoost;
    else if (welfare > 0)
      bound += welfare * maxFriendlyLoyal;
    bound += p.trustTargetInSelf >= 0 ? p.trustTargetInSelf * (0.05 + 0.2 * maxFriendlyLoyal)
                                      : p.trustTargetInSelf * (0.05 + 0.2 * minFriendlyLoyal);
    return bound;
  };
  static constexpr int kNoTarget[1] = {-1};
  // Who accused us of which incident (the accusers are whom an implicated actor answers).
  auto accusedUs = [&](int a, int i) { return obs.accusedBy(a, i) == self; };

  m_weights.resize(at(obs.meterCount));
  double* weights = m_weights.data();
  for (int k = 0; k < obs.meterCount; ++k) weights[k] = meterWeight(k);
  const double decideNeed = decideThreshold();
  const double publicNeed = publicThreshold(obs);
  // Best first; ties broken by indices so the order never depends on the sort algorithm.
  auto byScore = [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.measure.measure != b.measure.measure) return a.measure.measure < b.measure.measure;
    if (a.measure.target != b.measure.target) return a.measure.target < b.measure.target;
    return a.measure.incident < b.measure.incident;
  };
  const std::size_t keep = static_cast<std::size_t>(std::max(m_preset.lookAhead, 8));
  // The kept set in place: `kept` of the `keep` slots hold the best so far, best first, and
  // `worst` is the score to beat once all are full (-inf before), read without the vector.
  m_candidates.resize(keep);
  m_pursuit.clear();
  Candidate* best = m_candidates.data();
  std::size_t kept = 0;
  double worst = -std::numeric_limits<double>::infinity();
  const std::vector<std::uint8_t>& cover = m_cat.coverMeasures();
  if (m_usable.empty()) {
    // Measures our actor may ever take (kind, bloc), once: most of the catalogue is not ours.
    // Their doctrine-only score parts are computed here too, in the same order as before
    // they were hoisted, so every score is bit-for-bit what it was.
    for (int m = 0; m < obs.measureCount; ++m) {
      const MeasureDef& md = m_view.measure(m);
      if (!md.usableBy.empty() &&
          std::find(md.usableBy.begin(), md.usableBy.end(), kind) == md.usableBy.end())
        continue;
      if (md.bloc >= 0 && self != md.bloc && !m_view.isMember(self, md.bloc)) continue;
      if (md.attribution == AttributionAct::Decide) continue;  // deciding is a free command
      if (m_view.ruledOutByDoctrine(self, m)) continue;
      const MeasureProfile& p = profiles[at(m)];
      UsableMeasure u;
      u.measure = m;
      // Measure-level value: own meters, norms, cost.
      for (int k = 0; k < obs.meterCount; ++k) u.own += p.selfMeter[at(k)] * weights[at(k)];
      u.restrictive = md.category == MeasureCategory::Restrictive;
      if (u.restrictive && m_cat.economy >= 0 && md.target != TargetKind::None &&
          md.target != TargetKind::Incident)
        u.own -= 2 * meterWeight(m_cat.economy);
      const double nb = static_cast<double>(md.breaksNorms.size());
      const double nu = static_cast<double>(md.upholdsNorms.size());
      u.norms = nu * doc.normCommitment * 1.5 - nb * (2 + 10 * doc.normCommitment);
      if (m_cat.credibility >= 0) u.norms += (nu * 0.6 - nb * 3) * meterWeight(m_cat.credibility);
      u.base = u.own + u.norms - md.cost * 0.8;
      for (int k = 0; k < obs.meterCount; ++k)
        u.welfare += p.targetMeter[at(k)] * (k == m_cat.domesticPressure ? -0.7 : 1.0);
      u.harmful = u.restrictive || md.category == MeasureCategory::LawfulResponse ||
                  md.category == MeasureCategory::Hostile || u.welfare < -1 || p.trustSelfInTarget < -5;
      u.presses = presses(m);
      for (const OverlayReads& reads : m_objectiveReads)
        for (const OverlayReads::Read& r : reads.reads)
          u.pursued = u.pursued || (r.kind == OverlayReads::Kind::Used && r.a == self && r.b == m);
      m_usable.push_back(u);
    }
  }
  for (const UsableMeasure& usable : m_usable) {
    const int m = usable.measure;
    const MeasureDef& md = m_view.measure(m);
    if (md.cost > capital) continue;
    // A decision or an agreement since round 0 opens only measures about a suspect or a bloc's.
    if (onlyNewOptions && md.target != TargetKind::ActorAndIncident && md.target != TargetKind::Entities &&
        md.bloc < 0)
      continue;
    if (listed(obs.queued, m)) continue;
    if (md.maxUses > 0 && obs.timesUsed(self, m) >= md.maxUses) continue;
    const MeasureProfile& p = profiles[at(m)];
    const double own = usable.own;
    const double norms = usable.norms;
    const double base = usable.base;
    const double welfare = usable.welfare;
    const bool harmful = usable.harmful;

    // Escalation: depends on where the ladder stands now.
    double step = p.escalationStep;
    if (step < 0 && obs.rung < static_cast<int>(p.offRampOf.size()) && p.offRampOf[at(obs.rung)]) step *= 2;
    const double dTension = step + p.tensionEffect;
    double esc = -dTension * escW;
    // Hawks read stepping down as weakness; the escalation-averse do not.
    if (dTension < 0) esc -= 16 * doc.riskTolerance * (1 - doc.escalationAversion);
    if (dTension > 0 && (armedRung <= 0 || (obs.tension < armedFrom && obs.tension + dTension >= armedFrom)))
      esc -= 10 + 40 * doc.escalationAversion;

    // A listing is weighed as a measure against the actor whose entities it names (the owner
    // stands in the target's place until the command is made, below).
    const bool lists = md.target == TargetKind::Entities;
    const bool needsActor =
        md.target == TargetKind::Actor || md.target == TargetKind::ActorAndIncident || lists;
    const bool needsIncident =
        md.target == TargetKind::Incident || md.target == TargetKind::ActorAndIncident || lists;
    const std::uint8_t* targetable = m_cat.targetableBy(m);

    for (int i = needsIncident ? 0 : -1; i <= (needsIncident ? obs.incidentCount - 1 : -1); ++i) {
      if (i >= 0 && !obs.incidents[at(i)].revealed) continue;
      const bool ours = implicated(obs, i);
      double incidentValue = 0;
      Candidate::Why incidentWhy = Candidate::Why::Own;
      if (i >= 0) {
        const IncidentView& iv = obs.incidents[at(i)];
        if (md.investigates) {
          if (ours) continue;  // we know what we did
          const double u = 1 - iv.leadingProbability;
          const double stake = m_view.incidentVictim(i) == self ? 1.5 : 1.0;
          incidentValue = 14 * u * stake * (0.6 + 0.4 * doc.normCommitment) / (1 + obs.timesUsed(self, m));
          incidentWhy = Candidate::Why::Investigate;
        } else if (cover[at(m)]) {
          // Denials and claims through fronts: only for those who have something to hide.
          if (!ours) continue;
          // Deny, muddy the waters: worth more the more of the world points at us.
          int accusers = 0;
          for (int a = 0; a < obs.actorCount; ++a) accusers += accusedUs(a, i) ? 1 : 0;
          incidentValue = 4 + 3 * accusers;
          incidentWhy = Candidate::Why::Cover;
        } else if (!needsActor) {
          const int victim = m_view.incidentVictim(i);
          incidentValue =
              victim == self ? 2 : (victim >= 0 && victim < n ? 2 * attitude[victim].friendly : 0);
        }
      }
      std::span<const int> targets(kNoTarget);
      int decidedTarget[1] = {-1};
      if (needsActor && md.attribution != AttributionAct::None) {
        // Disclosures are aimed only at the actor we decided on (see below).
        targets = {};
        if (i >= 0 && !ours) {
          const int d = obs.incidents[at(i)].decided;
          if (d >= 0 && d < obs.actorCount && d != self) {
            decidedTarget[0] = d;
            targets = decidedTarget;
          }
        }
      } else if (needsActor) {
        targets = harmful ? m_targetsHostile : welfare > 0 ? m_targetsCalm : m_targetsAll;
        // The kept set's worst score only rises: if no target can beat it now, none will.
        if (kept >= keep && !targets.empty() && !usable.pursued) {
          const double bound = base + esc + incidentValue + targetBound(welfare, p);
          if (bound + 1e-6 * (1 + std::abs(bound)) + noise < worst) continue;
        }
      }
      for (const int t : targets) {
        if (t == self) continue;
        if (t >= 0 && !targetable[t]) continue;                   // a démarche goes to a state, not a gang
        if (t >= 0 && usable.presses && m_calm[at(t)]) continue;  // we offered it calm this week
        if (t >= 0 && md.attribution == AttributionAct::None) {
          // Harm only the hostile; help only those we are not hostile to.
          if (harmful && attitude[t].hostile <= 0) continue;
          if (welfare > 0 && attitude[t].hostile > 0.3) continue;
        }
        Candidate c;
        c.measure = {self, m, t, i};
        double targetValue = 0;
        Candidate::Why why = incidentWhy;
        double whyValue = incidentValue;
        if (t >= 0) {
          const Attitude& toward = attitude[t];
          if (md.attribution != AttributionAct::None) {
            // Disclosures: only of our own decision, with the confidence our doctrine asks.
            if (i < 0 || ours) continue;
            const IncidentView& iv = obs.incidents[at(i)];
            if (iv.decided != t) continue;
            const double pr = obs.judgedProbability(m_view, i, t);
            const double need = md.attribution == AttributionAct::DisclosePrivately ? decideNeed : publicNeed;
            if (pr < need) continue;
            // The cautious make a private démarche first and go public a turn later; the
            // others skip the démarche once they are sure enough to speak publicly.
            const bool cautious = doc.escalationAversion >= 0.7;
            if (md.attribution == AttributionAct::DisclosePrivately && !cautious && pr >= publicNeed &&
                mayNamePublicly(obs, false))
              continue;
            if (md.attribution != AttributionAct::DisclosePrivately && cautious &&
                iv.disclosed == Disclosure::None)
              continue;
            if (md.attribution != AttributionAct::DisclosePrivately &&
                !mayNamePublicly(obs, md.attribution == AttributionAct::DiscloseJointly))
              continue;
            targetValue += 6 + 6 * doc.normCommitment + 4 * toward.hostile +
                           4 * doc.domesticSensitivity * (m_view.incidentVictim(i) == self ? 1 : 0);
            why = Candidate::Why::Attribute;
            whyValue = targetValue;
          } else if (harmful && i >= 0 && !ours) {
            // Punishing someone for an incident we do not believe they did makes no sense.
            if (obs.judgedProbability(m_view, i, t) < decideNeed) continue;
          } else if (harmful && i >= 0 && ours) {
            // An implicated actor answers its accusers and the victim, nobody else.
            if (!accusedUs(t, i) && m_view.incidentVictim(i) != t) continue;
          }
          if (welfare < 0 && toward.hostile > 0) {
            const double boost = 1 + 2 * retaliation * toward.grievance;
            const double v = -welfare * toward.hostile * (0.5 + 0.5 * doc.riskTolerance) * boost;
            targetValue += v;
            if (v > whyValue) {
              why = toward.grievance > 0.3 ? Candidate::Why::Retaliate : Candidate::Why::Harm;
              whyValue = v;
            }
          } else if (welfare > 0) {
            const double v = welfare * (toward.friendly * doc.allianceLoyalty - toward.hostile);
            targetValue += v;
            if (v > whyValue) why = Candidate::Why::Help, whyValue = v;
          } else if (welfare < 0) {
            targetValue += welfare * toward.friendly * 2;  // hurting a friend
          }
          if (harmful && toward.friendly > 0) targetValue -= 10 * toward.friendly;
          if (!harmful && toward.hostile > 0.3 && p.escalationStep >= 0) targetValue -= 3 * toward.hostile;
          targetValue += p.trustTargetInSelf * (0.05 + 0.2 * toward.friendly * doc.allianceLoyalty);
        }
        const double plain = base + esc + incidentValue + targetValue;
        // Cannot enter the kept set even with the largest noise: skip the rest of the work
        // (unless an objective of ours counts this measure: the look-ahead sees it anyway).
        if (plain + noise < worst && !usable.pursued) continue;
        c.score = plain + (m_rng.uniform01() * 2 - 1) * noise;
        if constexpr (kExplain) {
          c.why = why;
          c.whyValue = whyValue;
          if (esc > whyValue && esc > 2) c.why = Candidate::Why::Deescalate, c.whyValue = esc;
          if (norms > c.whyValue && norms > 2) c.why = Candidate::Why::Norms, c.whyValue = norms;
          if (own > c.whyValue && own > 1) c.why = Candidate::Why::Own, c.whyValue = own;
        }
        // Keep only the best `keep`, best first (the back is the worst kept): no allocation,
        // and look-ahead never sees the long tail anyway. A new candidate usually just beats
        // the worst, so inserting from the back moves little (cheaper than a heap's two sifts);
        // the order is total, so the kept set and its order are what a heap and sort gave.
        if (usable.pursued) {
          // The best target of each pursued measure, kept aside for the look-ahead.
          auto same = std::find_if(m_pursuit.begin(), m_pursuit.end(),
                                   [&](const Candidate& q) { return q.measure.measure == m; });
          if (same == m_pursuit.end())
            m_pursuit.push_back(c);
          else if (byScore(c, *same))
            *same = c;
        }
        std::size_t pos = kept;
        if (pos >= keep) {
          if (!byScore(c, best[keep - 1])) continue;
          --pos;  // the worst kept drops out
        } else {
          ++kept;
        }
        for (; pos > 0 && byScore(c, best[pos - 1]); --pos) best[pos] = best[pos - 1];
        best[pos] = c;
        if (kept >= keep) worst = best[keep - 1].score;
      }
    }
  }
  m_candidates.resize(kept);
  if (m_candidates.empty()) return;

  // Look-ahead on the best few: would the measure fulfil or endanger one of our objectives?
  // (m_candidates is already best first.)
  const std::size_t k = m_candidates.size();
  if (m_preset.lookAhead > 0 && !m_objectives.empty()) {
    LookAhead look(m_view, obs);
    std::vector<std::uint8_t>& before = m_objectiveBefore;
    before.clear();
    for (const ObjectiveDef* o : m_objectives)
      before.push_back(!o->condition.root || look.holds(*o->condition.root, {self, -1, -1}) ? 1 : 0);
    const std::size_t limit = std::min(k, static_cast<std::size_t>(m_preset.lookAhead));
    auto lookAheadOn = [&](Candidate& cand) {
      look.clear();
      look.addMeasure(profiles[at(cand.measure.measure)], cand.measure.measure, cand.measure.target,
                      cand.measure.incident);
      double delta = 0;
      int advanced = -1;
      for (std::size_t o = 0; o < m_objectives.size(); ++o) {
        const ObjectiveDef* obj = m_objectives[o];
        if (!obj->condition.root) continue;
        // Unchanged by this candidate's overlay: the value it had before.
        const bool after = look.changes(m_objectiveReads[o])
                               ? look.holds(*obj->condition.root, {self, -1, -1})
                               : before[o] != 0;
        if (after && !before[o]) delta += obj->score, advanced = static_cast<int>(o);
        if (!after && before[o]) delta -= obj->score;
      }
      cand.score += delta;
      if constexpr (kExplain) {
        if (advanced >= 0 && delta > cand.whyValue) {
          cand.why = Candidate::Why::Objective;
          cand.whyValue = delta;
          cand.objective = advanced;
        }
      }
      return delta;
    };
    for (std::size_t c = 0; c < limit; ++c) lookAheadOn(m_candidates[c]);
    // A measure an objective counts is looked at even when it scored below the best few: the
    // legal step that achieves an objective is not lost among better-looking gestures.
    for (Candidate& cand : m_pursuit) {
      auto same = std::find_if(m_candidates.begin(), m_candidates.end(), [&](const Candidate& q) {
        return q.measure.measure == cand.measure.measure && q.measure.target == cand.measure.target &&
               q.measure.incident == cand.measure.incident;
      });
      const std::size_t j = static_cast<std::size_t>(same - m_candidates.begin());
      if (j < limit) continue;  // looked at already
      if (same != m_candidates.end()) {
        lookAheadOn(*same);
      } else if (lookAheadOn(cand) > 0) {
        m_candidates.push_back(cand);
      }
    }
    std::sort(m_candidates.begin(), m_candidates.end(), byScore);
  }

  // Take the best legal ones while capital and the doctrine allow. Distinct measures only,
  // so the batch stays legal when applied in order (capital and max uses are tracked here).
  const double minScore = 1.0 + 2 * doc.escalationAversion * (1 - doc.riskTolerance);
  std::vector<int>& takenNow = m_takenNow;
  takenNow.clear();
  for (const Candidate& c : m_candidates) {
    if (taken >= maxMeasures || c.score < minScore) break;
    const MeasureDef& md = m_view.measure(c.measure.measure);
    if (md.cost > capital) continue;
    if (std::find(takenNow.begin(), takenNow.end(), c.measure.measure) != takenNow.end()) continue;
    TakeMeasure command = c.measure;
    if (md.target == TargetKind::Entities) {
      // The listing names every entity of the owner it may still list for the incident.
      command.target = -1;
      command.entities = legal.listable(self, command.measure, command.incident, c.measure.target);
      if (command.entities == 0) continue;
    }
    if (!legal.legal(command)) continue;
    capital -= md.cost;
    ++taken;
    takenNow.push_back(c.measure.measure);
    emit(out, command, [&] {
      const std::string name = md.name.get(m_view.language());
      const std::string target = c.measure.target >= 0 ? m_view.actorName(c.measure.target) : std::string();
      const std::string incident =
          c.measure.incident >= 0 ? m_view.incidentId(c.measure.incident) : std::string();
      const std::string on = target.empty() ? std::string() : " against " + target;
      switch (c.why) {
        case Candidate::Why::Objective:
          return "takes " + name + on + ": it advances our objective '" +
                 m_objectives[at(c.objective)]->description.get(m_view.language()) + "'";
        case Candidate::Why::Retaliate:
          return "retaliates against " + target + " with " + name + ": " + target +
                 " acted against us last turn";
        case Candidate::Why::Harm:
          return "takes " + name + on + ": pressure on a hostile actor (our trust " +
                 std::to_string(static_cast<int>(obs.trustOf(self, c.measure.target))) + ")";
        case Candidate::Why::Help:
          return "takes " + name + " for " + target + ": a partner (trust " +
                 std::to_string(static_cast<int>(obs.trustOf(self, c.measure.target))) + ") needs support";
        case Candidate::Why::Deescalate: {
          const int steps = stepsToArmedConflict(obs);
          return "takes the off-ramp " + name + ": escalation is " + rungsText(steps) +
                 " from armed conflict";
        }
        case Candidate::Why::Norms:
          return "takes " + name + ": it upholds the UN norms we are committed to";
        case Candidate::Why::Investigate:
          return "takes " + name + " to learn more about " + incident +
                 ": our confidence in the leading suspect is " +
                 confidenceText(obs.incidents[at(c.measure.incident)].leadingProbability);
        case Candidate::Why::Cover: {
          int accusers = 0;
          for (int a = 0; a < obs.actorCount; ++a) accusers += accusedUs(a, c.measure.incident) ? 1 : 0;
          return "takes " + name + " over " + incident + ": " +
                 (accusers > 0 ? std::to_string(accusers) + " government(s) named us"
                               : std::string("keep the story confused"));
        }
        case Candidate::Why::Attribute:
          return "takes " + name + on + " for " + incident + ": our confidence is " +
                 confidenceText(obs.probability(m_view, c.measure.incident, c.measure.target));
        case Candidate::Why::Own:
          break;
      }
      return "takes " + name + on + ": it serves our standing at home and abroad";
    });
  }
}

// [SECTION] Rationale log

RationaleSink RationaleLog::sinkFor(const GameState& state) {
  return [this, &state](int actor, const Command& command, const std::string& text) {
    m_entries.push_back({state.turn, actor, command, text});
  };
}

}  // namespace demarche::agents
