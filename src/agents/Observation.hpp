// What an AI agent may know: an Observation is its actor's view of a GameState (own meters
// and capital, public state, own assessments, messages to it), and ScenarioView the public
// parts of the scenario. Agent decision code reads only these two (plus Engine legality
// checks), so it cannot peek at the hidden truth or at other actors' private knowledge.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/Calendar.hpp"
#include "core/Definitions.hpp"
#include "core/Engine.hpp"
#include "core/GameState.hpp"

namespace demarche::agents {

// The norm commitment from which an AI actor refrains from deceptive measures (disinformation,
// forgeries, false claims) unless its doctrine permits them.
inline constexpr double kDeceptionRestraint = 0.6;

// Below this probability (the top of ICD 203's 'very unlikely') an AI actor no longer stands by
// an attribution it disclosed, once it is sure enough of another suspect to decide (rules §3.5).
inline constexpr double kStandByDisclosure = 0.2;

// The public parts of a ScenarioDef: the catalogue, terms, actors (without doctrine or
// briefing of others), the ladder, incidents without their truth, endings, and the
// objectives of one actor. Never exposes IncidentDef::truth or EvidenceDef details of
// evidence the actor has not seen.
class ScenarioView {
 public:
  // `language`: the language the agents write their reasons and messages in (the table's;
  // empty: the scenario's own).
  explicit ScenarioView(const ScenarioDef& def, std::string_view language = {})
      : m_def(def),
        m_language(language.empty() ? def.language : std::string(language)),
        m_armedConflictRung(findArmedConflictRung(def)) {
    findNames();
  }

  int actorCount() const { return static_cast<int>(m_def.actors.size()); }
  int measureCount() const { return static_cast<int>(m_def.measures.size()); }
  int termCount() const { return static_cast<int>(m_def.terms.size()); }
  int incidentCount() const { return static_cast<int>(m_def.incidents.size()); }
  int meterCount() const { return static_cast<int>(m_def.meterNames.size()); }
  int turns() const { return m_def.turns; }
  // A turn's date (public), days since 1970-01-01; 0 when the turns carry no dates.
  int dayOfTurn(int turn) const { return demarche::dayOfTurn(m_def.turnDates, turn).value_or(0); }
  const std::string& language() const { return m_language; }

  const MeasureDef& measure(int m) const { return m_def.measures[static_cast<std::size_t>(m)]; }
  const TermDef& term(int t) const { return m_def.terms[static_cast<std::size_t>(t)]; }
  const LadderDef& ladder() const { return m_def.ladder; }
  const std::string& meterName(int m) const { return m_def.meterNames[static_cast<std::size_t>(m)]; }
  int meterIndex(std::string_view name) const;

  // Public facts about an actor.
  const std::string& actorId(int a) const { return m_def.actors[static_cast<std::size_t>(a)].id; }
  const std::string& actorName(int a) const;
  ActorKind actorKind(int a) const { return m_def.actors[static_cast<std::size_t>(a)].kind; }
  // The state a group is known to operate from (`based_in`, public), -1 none.
  int basedIn(int a) const { return m_def.actors[static_cast<std::size_t>(a)].basedIn; }
  const std::vector<int>& actorBlocs(int a) const { return m_def.actors[static_cast<std::size_t>(a)].blocs; }
  bool isMember(int actor, int bloc) const;
  // Whether measure `m` may be aimed at `target` by its kind (target_kinds; empty = any). A
  // listing (target: entities) is aimed at an actor through its entities: it must own one the
  // listing may name (entity_kinds).
  bool targetable(int m, int target) const {
    if (measure(m).target == TargetKind::Entities) {
      const std::vector<EntityKind>& kinds = measure(m).entityKinds;
      for (const EntityDef& e : m_def.entities)
        if (e.owner == target &&
            (kinds.empty() || std::find(kinds.begin(), kinds.end(), e.kind) != kinds.end()))
          return true;
      return false;
    }
    const std::vector<ActorKind>& kinds = measure(m).targetKinds;
    return kinds.empty() || std::find(kinds.begin(), kinds.end(), actorKind(target)) != kinds.end();
  }
  // Whether `a` may be a party to term `t` (the term's `parties`, by actor kind; empty = any).
  bool mayBeParty(int t, int a) const {
    const std::vector<ActorKind>& kinds = term(t).parties;
    return kinds.empty() || std::find(kinds.begin(), kinds.end(), actorKind(a)) != kinds.end();
  }
  // Only an actor's own doctrine and objectives are visible to it.
  PublicAttribution ownPublicAttribution(int self) const {
    return m_def.actors[static_cast<std::size_t>(self)].publicAttribution;
  }
  const Doctrine& ownDoctrine(int self) const {
    return m_def.actors[static_cast<std::size_t>(self)].doctrine;
  }
  void ownObjectives(int self, std::vector<const ObjectiveDef*>& out) const;
  // Whether the actor's doctrine rules the measure out for the AI playing it: listed in
  // `rules_out`, or deceptive while its norm commitment is 0.6 or more and not in `permits`.
  bool ruledOutByDoctrine(int self, int measure) const;

  // Public facts about an incident (never its truth).
  const std::string& incidentId(int i) const { return m_def.incidents[static_cast<std::size_t>(i)].id; }
  // The incident's public title in language(), else its id: what the agents' sentences name.
  const std::string& incidentName(int i) const;
  int incidentVictim(int i) const { return m_def.incidents[static_cast<std::size_t>(i)].victim; }
  const std::vector<int>& incidentCandidates(int i) const {
    return m_def.incidents[static_cast<std::size_t>(i)].candidates;
  }

  // Index of the armed-conflict rung, or the top rung if none is marked.
  int armedConflictRung() const { return m_armedConflictRung; }
  int rungFor(double tension) const;

 private:
  static int findArmedConflictRung(const ScenarioDef& def);
  const ScenarioDef& m_def;
  std::string m_language;
  // Found once when the view is made (the ladder of an immutable ScenarioDef never changes);
  // agents ask for it several times per decision. A plain int: copies of the view stay right.
  int m_armedConflictRung;
  // [actor], [incident]: actorName and incidentName, looked up once (the texts live in m_def,
  // so copies of the view stay right too).
  std::vector<const std::string*> m_actorNames, m_incidentNames;
  void findNames();
};

// One visible event that hurt the observing actor (a measure against it, or an
// attribution naming it), from the previous or the current turn.
struct Grievance {
  int from = -1;
  int measure = -1;  // -1: an attribution disclosed against us
  int incident = -1;
  int turn = 0;
};

// A proposal the actor can see and must answer.
struct IncomingProposal {
  int id = -1;
  int from = -1;
  int incident = -1;
  std::vector<int> terms;
  int counterOf = -1;
  int naming = -1;  // whom its joint attribution names, -1 = unsaid
};

// The actor's own assessment of one incident (from the evidence it has seen).
// One addressee of a proposal made this turn that we are party to (as proposer or as one of
// its addressees: a proposal's addressees see each other). What lets an agent see that a
// coalition is already being built, and keep its word consistent with its measures.
struct ProposalThisTurn {
  int from = -1;
  int to = -1;
  int term = -1;
  int incident = -1;
  ReplyKind reply = ReplyKind::None;
  int naming = -1;  // the proposal's joint-attribution suspect, -1 = unsaid
};

struct IncidentView {
  bool revealed = false;
  std::vector<double> probability;  // parallel to the incident's candidates
  int leading = -1;                 // candidate actor with the highest probability
  double leadingProbability = 0;
  ConfidenceLevel confidence = ConfidenceLevel::Low;
  int evidenceSeen = 0;
  bool knowsTruth = false;  // we operated or sponsored it
  int decided = -1;         // our decision, -1 none
  bool harbouring = false;  // ... holding `decided` responsible for harbouring those behind it
  Disclosure disclosed = Disclosure::None;
};

struct Observation {
  int self = -1;
  int turn = 0;
  int turns = 0;
  Phase phase = Phase::Briefing;
  int rung = 0;
  double tension = 0;
  int capital = 0;

  int actorCount = 0, meterCount = 0, capabilityCount = 0, measureCount = 0, incidentCount = 0;
  // Public state (the situation map shows these). Views into the observed state, valid
  // while it is (an agent observes and decides in one call): copying them cost more than
  // the rest of the decision.
  std::span<const double> meters;        // [actor * meterCount + m]
  std::span<const double> capabilities;  // [actor * capabilityCount + c]
  std::span<const double> trust;         // [a * actorCount + b]
  std::span<const int> used;             // [actor * measureCount + m]: resolved measures are public
  std::vector<std::uint8_t> injectSeen;  // [inject]: fired and addressed to us (or to all)
  // Disclosed attributions we can see: public/joint ones, and private ones made to us.
  std::vector<Disclosure> disclosure;       // [actor * incidentCount + i]
  std::vector<int> accused;                 // [actor * incidentCount + i]: who they named, -1
  std::span<const Commitment> commitments;  // agreements are public

  // Our own knowledge.
  std::vector<IncidentView> incidents;
  std::vector<std::uint8_t> seenEvidence;           // [evidence]
  std::vector<int> queued;                          // measures we queued this turn
  std::vector<int> queuedTargets;                   // parallel to `queued`: their target actor, -1
  std::vector<ProposalThisTurn> proposalsThisTurn;  // see ProposalThisTurn
  std::vector<IncomingProposal> incoming;           // open proposals to us we have not answered
  std::vector<int> pendingOwnProposals;             // ids of our proposals still open this turn
  std::vector<Grievance> grievances;                // hurt by whom, last turn and this turn

  // Agreements in force that bind `self` (observe fills it): hasAgreement about ourselves,
  // asked many times per decision, scans these few instead of every commitment.
  struct OwnAgreement {
    int other = -1;
    TermKind kind = TermKind::InformationSharing;
    int incident = -1;
    int naming = -1;  // a joint attribution's suspect (Commitment::naming)
  };
  std::vector<OwnAgreement> ownAgreements;
  int ownAgreementsOf = -1;  // the actor ownAgreements is about (-1: not filled)
  // Entries `incoming` had and gave up, with their term lists' buffers (observe's, reused).
  std::vector<IncomingProposal> incomingSpare;

  double meter(int actor, int m) const { return meters[static_cast<std::size_t>(actor * meterCount + m)]; }
  double trustOf(int a, int b) const { return trust[static_cast<std::size_t>(a * actorCount + b)]; }
  double capability(int actor, int c) const {
    return capabilities[static_cast<std::size_t>(actor * capabilityCount + c)];
  }
  int timesUsed(int actor, int m) const { return used[static_cast<std::size_t>(actor * measureCount + m)]; }
  Disclosure disclosureOf(int actor, int incident) const {
    return disclosure[static_cast<std::size_t>(actor * incidentCount + incident)];
  }
  int accusedBy(int actor, int incident) const {
    return accused[static_cast<std::size_t>(actor * incidentCount + incident)];
  }
  // Our probability that `candidate` did incident `i` (0 if not a candidate).
  double probability(const ScenarioView& view, int i, int candidate) const;
  // The probability behind our judgment naming `named` for incident i: the harbouring one (the
  // suspects based in `named` together, rules §3.8) when our decision says so, else probability().
  double judgedProbability(const ScenarioView& view, int i, int named) const;
  // `naming`: for a joint attribution, one naming that actor (or naming no one) counts; -1: any.
  bool hasAgreement(const ScenarioView& view, int a, int b, TermKind kind, int incident,
                    int naming = -1) const;
};

// Fills `out` (reusing its buffers) with what `actor` knows of `state`. This is the one
// place that reads the GameState on an agent's behalf.
void observe(const Engine& engine, const GameState& state, int actor, Observation& out);

}  // namespace demarche::agents
