// The rules of Démarche over an immutable ScenarioDef: the initial state, the side-effect-free
// legality check with a reason a player understands, the application of commands (turn
// phases, simultaneous resolution, attribution, negotiation, escalation, commitments,
// endings), the cheap enumeration of legal commands, and the rendering of timeline events.
// docs/rules.md explains every rule and formula in a facilitator's words.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/Command.hpp"
#include "core/Definitions.hpp"
#include "core/GameState.hpp"

namespace demarche {

// Rule constants that are not (yet) scenario settings. Documented in docs/rules.md.
struct RuleConstants {
  double evidenceWeight = 0.8;          // k in log P(c) += k * reliability * strength(c)
  double normTrustPerNorm = 10;         // trust(j, breaker) -= this * normCommitment(j) per norm
  double normCredibilityPerNorm = 5;    // breaker credibility -= this * mean normCommitment per norm
  double upholdCredibilityPerNorm = 1;  // credibility += this * mean normCommitment per norm upheld
  double sanctionsImposerEconomy = 2;   // a restrictive measure also costs its imposer this economy
  double disclosureTrustPublic = 10;    // trust(accused, discloser) -= this on public/joint disclosure
  double disclosureTrustPrivate = 3;    // ... on a private démarche
  double rightPublicCredibility = 5;    // credibility change when the truth comes out: right public
  double wrongPublicCredibility = -15;  // wrong public (or joint) attribution
  double rightPrivateCredibility = 2;
  double wrongPrivateCredibility = -5;
  double wrongAccusedTrust = 15;          // trust(wrongly accused, discloser) -= this at the truth
  double offRampFactor = 2;               // an off-ramp of the current rung de-escalates this much more
  double withdrawPublicCredibility = -5;  // credibility change when a public or joint disclosure is withdrawn
  double withdrawPrivateCredibility = -2;  // ... a private démarche
  double contradictedCredibility = -5;     // a public attribution contradicted (evidence or a partner)
  double wrongListingCredibility = -5;     // at the truth: a listing that named an entity not involved
};

// One actor's view of one incident.
struct Assessment {
  struct Candidate {
    int actor = -1;
    double probability = 0;
    std::string_view words;  // "likely", ... (ICD 203)
  };
  std::vector<Candidate> candidates;  // in the incident's candidate order
  int leading = -1;                   // candidate actor with the highest probability
  ConfidenceLevel confidence = ConfidenceLevel::Low;
  int evidenceSeen = 0;
  bool knowsTruth = false;  // the actor operated or sponsored it
};

// ICD 203 words: remote chance < 0.05 <= very unlikely < 0.20 <= unlikely < 0.45 <= roughly even
// chance < 0.55 <= likely < 0.80 <= very likely < 0.95 <= almost certain.
std::string_view probabilityWords(double p);

// How a measure stands toward its target, as the timeline and the AI's reasons say it:
// "against Russia" when it acts against it (a restrictive measure, a lawful response, a hostile
// act, or any measure an effect of which lowers the target's meters or capabilities: an
// indictment, a takedown, a public attribution); "addressed to Russia" when it lowers the trust
// between us and the target and nothing else of the target's (a démarche, a summons); "with
// Russia" otherwise (a dialogue, a hotline, a request for mutual legal assistance).
enum class TargetStance : std::uint8_t { With, AddressedTo, Against };
TargetStance targetStance(const MeasureDef& m);
class Phrases;
// " against Russia", " addressed to Russia" or " with Russia" for measure `m` aimed at `target`
// (a name), in the language of `say`: what the timeline and the AI's reasons put after it.
std::string towardTarget(const MeasureDef& m, const std::string& target, const Phrases& say);

class Engine {
 public:
  // The engine keeps a reference to `def`, which must outlive it, and precomputes lookups.
  explicit Engine(const ScenarioDef& def, RuleConstants constants = {});

  const ScenarioDef& def() const { return m_def; }
  const RuleConstants& constants() const { return m_k; }

  // Turn 1, briefing phase, with the turn-1 briefing already done (injects of turn 1 fired,
  // turn-1 evidence revealed, capital filled). seed 0 = ScenarioDef::seed.
  GameState initialState(std::uint64_t seed = 0) const;
  // The same into `state`, whatever it held, keeping its vectors' buffers: for loops that play
  // many games (simulate, the benchmarks) without allocating a state per game.
  void initialState(std::uint64_t seed, GameState& state) const;

  // Whether `command` may be applied now; nullopt = legal. Never changes the state.
  std::optional<Refusal> check(const GameState& state, const Command& command) const;
  // The same check without building the message (cheap; used by AI and random play).
  ReasonCode checkCode(const GameState& state, const Command& command) const;
  // checkCode for a measure, without wrapping it in a Command (same answer; policies and
  // agents ask this hundreds of times per game).
  ReasonCode checkMeasureCode(const GameState& state, const TakeMeasure& measure) const;
  // The same for a proposal and a disclosure (agents check several before they send one).
  ReasonCode checkProposeCode(const GameState& state, const Propose& proposal) const;
  // The first (term, actor) of a proposal whose actor is of a kind the term's `parties` do not
  // name (rules §4.1), or (-1, -1).
  std::pair<int, int> outsideParties(std::span<const int> terms, int from, std::span<const int> to) const;
  ReasonCode checkDiscloseCode(const GameState& state, const Disclose& disclosure) const;

  // Applies a legal command. Throws std::invalid_argument with the refusal's message if
  // check() would refuse it, so an illegal command can never corrupt a state.
  void apply(GameState& state, const Command& command) const;
  // check + apply: nullopt when applied, else the refusal (state untouched).
  std::optional<Refusal> submit(GameState& state, const Command& command) const;
  // check + apply by code only (no message is built): ReasonCode::None when applied. The
  // cheap path for random play, AI look-ahead and replays.
  ReasonCode tryApply(GameState& state, const Command& command) const;
  // The same, taking what the state keeps (a proposal's lists and text, a reply's reason) out
  // of `command` when it is applied; a refused command is left as it was.
  ReasonCode tryApply(GameState& state, Command&& command) const;

  // Compact per-measure facts for fast sampling (policies, AI): the capital cost, and
  // whether an actor's kind may use it at all (usable_by).
  int measureCost(int measure) const { return m_measureCost[static_cast<std::size_t>(measure)]; }
  bool usableBy(int actor, int measure) const {
    return (m_usableMask[static_cast<std::size_t>(measure)] &
            (1u << static_cast<unsigned>(m_def.actors[static_cast<std::size_t>(actor)].kind))) != 0;
  }
  // [inject]: 1 where `actor` learns of the inject when it fires (injectVisibleTo), a row of a
  // table built once.
  const std::uint8_t* injectsVisibleTo(int actor) const {
    return m_injectVisible.data() + static_cast<std::size_t>(actor) * m_def.injects.size();
  }
  // Whether `measure` may be aimed at `target` by its kind (target_kinds).
  bool targetableBy(int measure, int target) const {
    return (m_targetMask[static_cast<std::size_t>(measure)] &
            (1u << static_cast<unsigned>(m_def.actors[static_cast<std::size_t>(target)].kind))) != 0;
  }

  // Listings (target: entities, docs/rules.md §2.2): the entities of `owner` that `measure` may
  // list by their kind (entity_kinds), as bits (bit e = ScenarioDef::entities[e]); 0 for a
  // measure that lists nothing. And every entity that belongs to `actor`.
  std::uint64_t listable(int measure, int owner) const {
    return m_listMask[static_cast<std::size_t>(measure)] & m_entitiesOf[static_cast<std::size_t>(owner)];
  }
  std::uint64_t entitiesOf(int actor) const { return m_entitiesOf[static_cast<std::size_t>(actor)]; }
  // The entities of `owner` that `actor` may still list with `measure` for `incident`: listable
  // ones it has not listed with it for that incident yet (the options and the AI offer these).
  std::uint64_t listableNow(const GameState& state, int actor, int measure, int incident, int owner) const;
  // The actor each entity of `entities` belongs to, once each, in actor order.
  void ownersOf(std::uint64_t entities, std::vector<int>& out) const;

  // Measures `actor` may use by kind and can pay for with the capital it has left (a cheap
  // pre-filter: targets and conditions are not checked), appended to `out` in measure order.
  void affordableMeasures(const GameState& state, int actor, std::vector<int>& out) const;
  // The same list without building it each time: a view of a table precomputed per actor
  // kind and capital, or of `scratch` (filled as above) when the costs span too wide a range.
  std::span<const int> affordableMeasureList(const GameState& state, int actor,
                                             std::vector<int>& scratch) const;

  // Every legal TakeMeasure of `actor` now (all targets and incidents), appended to `out`.
  // Cheap: no strings, no allocation beyond `out`. Empty outside deliberation.
  void legalMeasures(const GameState& state, int actor, std::vector<TakeMeasure>& out) const;
  // Every legal measure of `actor` as a command, plus EndPhase when legal. Proposals, replies
  // and attribution decisions are free choices with free text and are not enumerated: build
  // them and check() them.
  std::vector<Command> legalCommands(const GameState& state, int actor) const;

  // --- attribution ---
  double probability(const GameState& state, int actor, int incident, int candidate) const;
  // Due diligence (rules §3.8): `state` can be held responsible for harbouring those behind
  // `incident` when some candidate is based in it (`based_in`, public); the probability of that
  // judgment, for `actor`, is the sum of its beliefs in the candidates based there.
  bool canHarbour(int incident, int state) const;
  double harbourProbability(const GameState& state, int actor, int incident, int host) const;
  // The probability of the judgment `actor` would make in naming `named` for `incident`: the
  // harbouring one if its decision names `named` as harbouring, else that `named` did it.
  double namedProbability(const GameState& state, int actor, int incident, int named) const;
  Assessment assessment(const GameState& state, int actor, int incident) const;
  // The same into `out`, reusing its candidate buffer (agents observe every call).
  void assess(const GameState& state, int actor, int incident, Assessment& out) const;
  // What assess finds, with each candidate handed to `each(actor, probability)` in the
  // incident's candidate order instead of being stored: the returned Assessment has no
  // candidates. One pass serves both assess and an observer keeping only the numbers.
  template <class Each>
  Assessment assessEach(const GameState& state, int actor, int incident, Each&& each) const;
  // Index of `candidate` among the incident's candidates, -1 if not one.
  int candidateIndex(int incident, int candidate) const;

  // --- negotiation ---
  // True if a commitment on a term of `kind` is in force between a and b (either direction),
  // for `incident` (commitments made for any incident, -1, count for every incident).
  bool hasAgreementKind(const GameState& state, int a, int b, TermKind kind, int incident) const;
  // A joint-attribution agreement between a and b for `incident` covers a statement naming
  // `candidate`: one that named no one, or named that candidate (-1: naming anyone; §4.3).
  bool hasJointAgreement(const GameState& state, int a, int b, int incident, int candidate) const;
  // Whom a joint-attribution agreement between a and b for `incident` names when it is someone
  // other than `candidate` (for the refusal's "deu agreed to attribute … to rus, not to …"), -1 if none.
  int agreedNaming(const GameState& state, int a, int b, int incident, int candidate) const;
  // Some term among `terms` is of `kind`.
  bool hasTermOfKind(std::span<const int> terms, TermKind kind) const;
  // For a bloc measure: the first member (other than the actor) whose consent is missing,
  // -1 if every member agreed (or the measure is not a bloc measure).
  // A bloc that discloses an attribution through a measure without a `bloc` needs its own
  // members' joint_attribution consent the same way.
  int missingConsent(const GameState& state, const TakeMeasure& measure) const;
  // For a disclosure: the first member of the disclosing bloc (or of a bloc among a joint
  // disclosure's partners) without a joint_attribution agreement with its bloc; -1 if none.
  int missingConsent(const GameState& state, const Disclose& disclosure) const;
  // For a bloc's withdrawal (§4.3): the first member that still names, in public or jointly, the
  // actor the bloc's disclosure of `incident` names; -1 if none (or `bloc` is no bloc).
  int memberStillAttributing(const GameState& state, int bloc, int incident) const;
  // Bloc members (actors whose blocs contain `bloc`), in actor order.
  const std::vector<int>& blocMembers(int bloc) const;

  // --- parties to the crisis (docs/rules.md §5.1) ---
  // For each public incident, one side is its victim and every actor that has disclosed an
  // attribution of it (private, public or joint) without being a candidate itself; the other
  // side is its candidates. `across(a, b)`: for a public incident, one is the victim and the
  // other a candidate, or one has disclosed an attribution naming the other. `party(a)`: a is on
  // a side of one. De-escalation counts only across the crisis.
  bool across(const GameState& state, int a, int b) const;
  bool party(const GameState& state, int actor) const;

  // The rung tension selects: the highest rung whose threshold is <= tension.
  int rungFor(double tension) const;

  // --- text ---
  std::string describe(const GameState& state, const Event& event, std::string_view language = {}) const;
  std::string refusalMessage(const GameState& state, const Command& command, ReasonCode code,
                             std::string_view language = {}) const;
  // The one number of the state a refusal's sentence needs: the actor's decided candidate
  // (NoDecision, -1 none), its probability that the target did it (ConfidenceTooLow), the bloc
  // member who has not agreed (BlocConsentMissing), its capital left (NotEnoughCapital), the
  // phase (WrongPhase); 0 for the other reasons. A MeasureFailed event keeps it in Event::value,
  // so the failure reads later as it did when it happened.
  double refusalValue(const GameState& state, const Command& command, ReasonCode code) const;
  const std::string& actorId(int actor) const;
  // The actor's name in `language` (the scenario's own if empty), else its id: what sentences
  // shown to people name (the timeline, the debrief); "-" for no actor.
  const std::string& actorName(int actor, std::string_view language = {}) const;
  // A measure's name, an incident's title, a term's name in `language`, else the id; "?" for none.
  const std::string& measureName(int measure, std::string_view language = {}) const;
  const std::string& incidentName(int incident, std::string_view language = {}) const;
  const std::string& termName(int term, std::string_view language = {}) const;
  // A meter's name in `language` (`meters: [{id, name}]`), else its id in words
  // ("domestic_pressure" -> "Domestic pressure"); "?" for none.
  std::string meterName(int meter, std::string_view language = {}) const;
  std::string capabilityName(int capability, std::string_view language = {}) const;  // the same
  // A measure's effect for the players' options, in words: "Credibility (we) +2", "Trust: we →
  // target +5", "Tension −2", "Economy (Russia) −3". An effect that is not one change by a number
  // of a named or bound actor's meter, capability, capital or trust, or of the tension, reads
  // as its source (`reveal(ev_x)`, a computed amount).
  std::string effectText(const EffectDef& effect, std::string_view language = {}) const;
  // "GRU Unit 74455 (rus), Aleksei Petrov (rus)": the names of listed entities with their owners.
  std::string listedNames(std::uint64_t entities, std::string_view language = {}) const;

  struct Impl;  // implementation detail (Engine.cpp): the rules' internal steps

 private:
  // A refusal's sentence from the command, the code and refusalValue, reading no state (the
  // text of a MeasureFailed event, and of every refusal but a joint disclosure's partners).
  std::string refusalText(const Command& command, ReasonCode code, double value,
                          std::string_view language) const;
  // Turn 1 before its briefing (the part of initialState no seed changes), into `state`.
  void startState(GameState& state) const;
  const ScenarioDef& m_def;
  RuleConstants m_k;
  // Precomputed lookups (built once in the constructor).
  std::vector<int> m_candidateOffset;                // [incident]
  std::vector<std::vector<int>> m_evidenceOf;        // [incident] -> evidence indices
  std::vector<std::vector<int>> m_blocMembers;       // [actor] -> members if the actor is a bloc
  std::vector<std::vector<int>> m_termsOfKind;       // [TermKind] -> term indices
  std::vector<std::vector<double>> m_evidenceLogit;  // [evidence][candidate k]: k*reliability*strength
  std::vector<std::vector<int>> m_blocsOf;           // [actor] -> blocs (sorted)
  int m_credibilityMeter = -1;                       // index of meter "credibility", -1 if none
  int m_economyMeter = -1;                           // index of meter "economy", -1 if none
  std::vector<double> m_logPrior;                    // [candidateOffset(incident) + k]: ln prior
  std::vector<int> m_measureCost;                    // [measure]: cost
  std::vector<std::uint8_t> m_usableMask;            // [measure]: bit per ActorKind (usable_by)
  std::vector<std::uint8_t> m_injectVisible;         // [actor * injects + inject]: injectVisibleTo
  std::vector<int> m_measureRank;                    // [measure]: its category's resolution rank
  std::vector<std::uint8_t> m_targetMask;            // [measure]: bit per ActorKind (target_kinds)
  std::vector<std::uint64_t> m_listMask;             // [measure]: entities it may list (entity_kinds)
  std::vector<std::uint64_t> m_entitiesOf;           // [actor]: entities that belong to it
  std::uint64_t m_allEntities = 0;                   // every entity of the scenario
  std::vector<double> m_othersNormMean;              // [actor]: mean norm commitment of the others
  // [kind * capitalSteps + (capital - minCost)]: affordableMeasures for capitals from the
  // cheapest to the dearest measure's cost (empty when that range is too wide to tabulate).
  std::vector<std::vector<int>> m_affordableTable;
  int m_minCost = 0, m_capitalSteps = 0;
  GameState m_start;  // startState, built last in the constructor (it reads the tables above)
};

template <class Each>
Assessment Engine::assessEach(const GameState& state, int actor, int incident, Each&& each) const {
  Assessment a;
  if (actor < 0 || actor >= state.actorCount || incident < 0 || incident >= state.incidentCount) return a;
  const IncidentDef& inc = m_def.incidents[static_cast<std::size_t>(incident)];
  double best = -1;
  const std::vector<int>& cands = inc.candidates;
  const double* belief =
      state.belief.data() + static_cast<std::size_t>(actor * state.candidateTotal +
                                                     m_candidateOffset[static_cast<std::size_t>(incident)]);
  for (std::size_t k = 0; k < cands.size(); ++k) {
    const int c = cands[k];
    // probability(): the belief slot of the first candidate entry naming `c` (this one, unless
    // the list names it twice).
    std::size_t first = 0;
    while (cands[first] != c) ++first;
    const double p = belief[first];
    each(c, p);
    if (p > best) {
      best = p;
      a.leading = c;
    }
  }
  a.confidence = state.confidence[static_cast<std::size_t>(actor * state.incidentCount + incident)];
  // The actor's row of the seen table, read through one pointer.
  const std::uint8_t* seen = state.seen.data() + static_cast<std::size_t>(actor * state.evidenceCount);
  int evidenceSeen = 0;
  for (int ev : m_evidenceOf[static_cast<std::size_t>(incident)]) evidenceSeen += seen[ev] != 0 ? 1 : 0;
  a.evidenceSeen = evidenceSeen;
  a.knowsTruth = actor == inc.truth.operatorActor || actor == inc.truth.sponsor;
  return a;
}

// Resolution order of measure categories (lower resolves first): investigation, preventive,
// cooperative, stabilising, legal, restrictive, lawful_response, hostile. Information before pressure.
int categoryRank(MeasureCategory category);

}  // namespace demarche
