// The rules of Démarche. Index:
//   [SECTION] Constants and small helpers
//   [SECTION] EvalContext over a GameState
//   [SECTION] Construction and the initial state
//   [SECTION] Attribution: beliefs, evidence, sharing
//   [SECTION] Briefing: injects, incidents, evidence, capital
//   [SECTION] Checks
//   [SECTION] Apply: commands
//   [SECTION] Resolution
//   [SECTION] Consequences, endings, truth
//   [SECTION] Legal commands
// docs/rules.md describes every rule in a facilitator's words; keep the two in step.
#include "core/Engine.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "core/Calendar.hpp"
#include "core/Expr.hpp"
#include "core/ExprEval.hpp"
#include "core/View.hpp"

namespace demarche {

// [SECTION] Constants and small helpers

namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

// States, blocs and international organisations make démarches and joint statements.
bool actsAsAState(ActorKind kind) {
  return kind == ActorKind::State || kind == ActorKind::Bloc || kind == ActorKind::Organisation;
}

template <class T>
bool contains(const std::vector<T>& v, const T& x) {
  // A plain loop: the lists asked about are short (candidates, blocs, parties), and std::find's
  // unrolled search costs more to set up than it saves on them.
  for (const T& y : v)
    if (y == x) return true;
  return false;
}

double clampd(double x, double lo, double hi) { return x < lo ? lo : (x > hi ? hi : x); }

int disclosureRank(Disclosure d) {
  switch (d) {
    case Disclosure::None:
      return 0;
    case Disclosure::Private:
      return 1;
    case Disclosure::Public:
      return 2;
    case Disclosure::Joint:
      return 3;
  }
  return 0;
}

}  // namespace

std::string_view probabilityWords(double p) {
  if (p < 0.05) return "remote chance";
  if (p < 0.20) return "very unlikely";
  if (p < 0.45) return "unlikely";
  if (p < 0.55) return "roughly even chance";
  if (p < 0.80) return "likely";
  if (p < 0.95) return "very likely";
  return "almost certain";
}

int categoryRank(MeasureCategory category) {
  switch (category) {
    case MeasureCategory::Investigation:
      return 0;
    case MeasureCategory::Preventive:
      return 1;
    case MeasureCategory::Cooperative:
      return 2;
    case MeasureCategory::Stabilising:
      return 3;
    case MeasureCategory::Legal:
      return 4;
    case MeasureCategory::Restrictive:
      return 5;
    case MeasureCategory::LawfulResponse:
      return 6;
    case MeasureCategory::Hostile:
      return 7;
  }
  return 8;
}

// Everything that needs the engine's private tables and a mutable state.
struct Engine::Impl {
  // `seenNow`: the item just seen (-1 none); `upTo`: only actors below it hold beliefs computed
  // from what they have seen (all but while initialState fills them in). See the definition.
  static void recomputeBelief(const Engine& e, GameState& s, int actor, int incident, int seenNow = -1,
                              int upTo = std::numeric_limits<int>::max());
  static void see(const Engine& e, GameState& s, int actor, int evidence, int how, int via);
  static void revealEvidence(const Engine& e, GameState& s, int evidence, int toActor, int how);
  static void revealIncident(GameState& s, int incident);
  static void fireInject(const Engine& e, GameState& s, int inject, bool byFacilitator);
  static void briefing(const Engine& e, GameState& s);
  static ReasonCode checkMeasure(const Engine& e, const GameState& s, const TakeMeasure& m,
                                 bool atResolution);
  static int missingBlocMember(const Engine& e, const GameState& s, const TakeMeasure& m);
  static int consentBloc(const Engine& e, const TakeMeasure& m);
  // `candidate`: whom the act names, for joint-attribution consent (-1: an act naming no one).
  static int firstWithoutConsent(const Engine& e, const GameState& s, int bloc, int actor, TermKind kind,
                                 int incident, int candidate);
  static bool covers(const Engine& e, const Commitment& c, int a, int b, int incident, int candidate);
  static bool hasJointPartner(const Engine& e, const GameState& s, int actor, int incident, int candidate);
  // The per-type parts of checkCode for negotiation commands (after the phase and pause checks).
  static ReasonCode checkPropose(const Engine& e, const GameState& s, const Propose& p);
  static ReasonCode checkDisclose(const Engine& e, const GameState& s, const Disclose& ds);
  static void queueMeasure(const Engine& e, GameState& s, const TakeMeasure& m);
  // Take the command's vectors and text into the state (tryApply of an rvalue moves them).
  static void applyPropose(GameState& s, Propose&& p);
  static void applyReply(const Engine& e, GameState& s, Reply&& r);
  static void applyLegal(const Engine& e, GameState& s, const Command& command);
  static void resolve(const Engine& e, GameState& s);
  static void consequences(const Engine& e, GameState& s);
  static void contradictions(const Engine& e, GameState& s);
  static void endWith(const Engine& e, GameState& s, int ending);
  static void revealTruth(const Engine& e, GameState& s);
  static void addCredibility(const Engine& e, GameState& s, int actor, double delta);
  static void addTrust(GameState& s, int a, int b, double delta);
  static void chargeSanctionsCost(const Engine& e, GameState& s, int imposer, int bloc);
  static void setTension(const Engine& e, GameState& s, double value);
  // Whether a measure's de-escalation counts (§5.1): its acting side (the bloc for a bloc
  // measure) and its target are across the crisis; without a target, the actor is a party.
  static bool easesCrisis(const Engine& e, const GameState& s, int actor, int measure, int target) {
    const int bloc = e.m_def.measures[at(measure)].bloc;
    const int acting = bloc >= 0 ? bloc : actor;
    return target >= 0 ? e.across(s, acting, target) || e.across(s, actor, target)
                       : e.party(s, acting) || e.party(s, actor);
  }
  // After an inject's, a measure's or an agreement's effects: logs the tension's move, with its
  // cause, when they moved it (the ladder's own weighing is logged by consequences()).
  static void tensionMoved(GameState& s, double before, TensionCause cause, int actor, int index, int other) {
    if (s.tension == before) return;
    event(s, EventKind::TensionChanged, actor, static_cast<int>(cause), index, other);
    s.timeline.back().value = s.tension;
    s.timeline.back().value2 = s.tension - before;
  }
  static void event(GameState& s, EventKind kind, int actor = -1, int a = -1, int b = -1, int c = -1) {
    // Made in place (a game logs hundreds of events; building one aside and copying it in
    // cost a call and a copy per event).
    Event& ev = s.timeline.emplace_back();
    ev.turn = s.turn;
    ev.kind = kind;
    ev.actor = actor;
    ev.a = a;
    ev.b = b;
    ev.c = c;
  }
  static int addNote(GameState& s, const std::string& text) {
    if (text.empty()) return -1;
    s.notes.push_back(text);
    return static_cast<int>(s.notes.size()) - 1;
  }
  static int addNote(GameState& s, std::string&& text) {
    if (text.empty()) return -1;
    s.notes.push_back(std::move(text));
    return static_cast<int>(s.notes.size()) - 1;
  }
};

// [SECTION] EvalContext over a GameState

namespace {

// The expression language reads and writes the state through this. Indices from bindings
// may be -1 (a context variable a measure does not have): reads then give 0/false and
// writes are ignored, so a badly scoped expression cannot crash a session.
class StateContext final : public expr::EvalContext {
 public:
  StateContext(const Engine& engine, const GameState& state,
               const std::vector<UseBaseline>* usedBefore = nullptr)
      : m_engine(engine),
        m_s(const_cast<GameState&>(state)),
        m_usedBefore(usedBefore) {}  // reads only unless via setters

  double turn() const override { return m_s.turn; }
  double escalation() const override { return m_s.rung; }
  double tension() const override { return m_s.tension; }
  double trust(int a, int b) const override { return actorOk(a) && actorOk(b) ? m_s.trustOf(a, b) : 0; }
  double meter(int actor, int m) const override {
    return actorOk(actor) && m >= 0 && m < m_s.meterCount ? m_s.meter(actor, m) : 0;
  }
  double capability(int actor, int c) const override {
    return actorOk(actor) && c >= 0 && c < m_s.capabilityCount
               ? m_s.capabilities[at(actor * m_s.capabilityCount + c)]
               : 0;
  }
  double capital(int actor) const override { return actorOk(actor) ? m_s.capital[at(actor)] : 0; }
  double confidence(int actor, int incident, int candidate) const override {
    return actorOk(actor) && incidentOk(incident) ? m_engine.probability(m_s, actor, incident, candidate) : 0;
  }
  bool attributed(int actor, int incident) const override {
    return actorOk(actor) && incidentOk(incident) && m_s.decision(actor, incident) >= 0;
  }
  bool attributedTo(int actor, int incident, int candidate) const override {
    return actorOk(actor) && incidentOk(incident) && candidate >= 0 &&
           m_s.decision(actor, incident) == candidate;
  }
  bool attributedPublicly(int actor, int incident) const override {
    if (!actorOk(actor) || !incidentOk(incident)) return false;
    const Disclosure d = m_s.disclosure(actor, incident);
    return d == Disclosure::Public || d == Disclosure::Joint;
  }
  bool harbouring(int actor, int incident) const override {
    return actorOk(actor) && incidentOk(incident) && m_s.decision(actor, incident) >= 0 &&
           m_s.harbouring(actor, incident);
  }
  bool seen(int actor, int evidence) const override {
    return actorOk(actor) && evidence >= 0 && evidence < m_s.evidenceCount && m_s.hasSeen(actor, evidence);
  }
  bool incidentRevealed(int incident) const override {
    return incidentOk(incident) && m_s.incidentRevealed[at(incident)] != 0;
  }
  bool fired(int inject) const override {
    return inject >= 0 && inject < m_s.injectCount && m_s.injectFired[at(inject)] > 0;
  }
  // In a commitment's breaks_when, uses count from the time the commitment was made.
  double used(int actor, int measure) const override {
    if (!actorOk(actor) || measure < 0 || measure >= m_s.measureCount) return 0;
    int count = m_s.timesUsed(actor, measure);
    if (m_usedBefore)
      for (const UseBaseline& u : *m_usedBefore)
        if (u.actor == actor && u.measure == measure) count -= u.count;
    return count;
  }
  bool agreement(int a, int b, int term) const override {
    for (const Commitment& c : m_s.commitments)
      if (!c.broken && c.term == term && ((c.a == a && c.b == b) || (c.a == b && c.b == a))) return true;
    return false;
  }
  bool member(int actor, int bloc) const override {
    return actorOk(actor) && contains(m_engine.def().actors[at(actor)].blocs, bloc);
  }
  bool ended(int ending) const override { return ending >= 0 && m_s.ending == ending; }
  int actorKind(int actor) const override {
    return actorOk(actor) ? static_cast<int>(m_engine.def().actors[at(actor)].kind) : -1;
  }
  int dayOfTurn(int turn) const override {
    return demarche::dayOfTurn(m_engine.def().turnDates, turn).value_or(0);
  }

  void setTension(double value) override { m_s.tension = std::max(0.0, value); }
  void setTrust(int a, int b, double value) override {
    if (actorOk(a) && actorOk(b) && a != b) m_s.trust[at(a * m_s.actorCount + b)] = clampd(value, -100, 100);
  }
  void setMeter(int actor, int m, double value) override {
    if (actorOk(actor) && m >= 0 && m < m_s.meterCount)
      m_s.meters[at(actor * m_s.meterCount + m)] = clampd(value, 0, 100);
  }
  void setCapability(int actor, int c, double value) override {
    if (actorOk(actor) && c >= 0 && c < m_s.capabilityCount)
      m_s.capabilities[at(actor * m_s.capabilityCount + c)] = clampd(value, 0, 10);
  }
  void setCapital(int actor, double value) override {
    if (actorOk(actor)) m_s.capital[at(actor)] = static_cast<int>(std::lround(clampd(value, 0, 1000)));
  }
  void reveal(int evidence, int toActor) override {
    if (evidence < 0 || evidence >= m_s.evidenceCount) return;
    Engine::Impl::revealEvidence(m_engine, m_s, evidence, toActor, 3);
  }

 private:
  bool actorOk(int a) const { return a >= 0 && a < m_s.actorCount; }
  bool incidentOk(int i) const { return i >= 0 && i < m_s.incidentCount; }
  const Engine& m_engine;
  GameState& m_s;
  const std::vector<UseBaseline>* m_usedBefore;
};

bool evalCondition(const Engine& e, const GameState& s, const Condition& c, expr::Bindings b) {
  if (!c.root) return true;
  const StateContext ctx(e, s);
  return expr::evalBoolWith(*c.root, ctx, b);
}

// Whether a commitment's breaks_when holds now, with `used` counted since it was made.
bool breachHolds(const Engine& e, const GameState& s, const Commitment& c) {
  const Condition& when = e.def().terms[at(c.term)].breaksWhen;
  if (!when.root) return false;
  const StateContext ctx(e, s, &c.usedBefore);
  return expr::evalBoolWith(*when.root, ctx, {c.a, c.b, c.incident});
}

// The use counts the commitment's breaks_when reads, as they stand now (when it is made).
std::vector<UseBaseline> useBaseline(const Engine& e, const GameState& s, const Commitment& c) {
  std::vector<UseBaseline> out;
  const Condition& when = e.def().terms[at(c.term)].breaksWhen;
  if (!when.root) return out;
  for (const auto& [actor, measure] : expr::usesRead(*when.root, {c.a, c.b, c.incident})) {
    if (actor < 0 || actor >= s.actorCount || measure < 0 || measure >= s.measureCount) continue;
    const int count = s.timesUsed(actor, measure);
    if (count > 0) out.push_back({actor, measure, count});
  }
  return out;
}

void runEffects(const Engine& e, GameState& s, const std::vector<EffectDef>& effects, expr::Bindings b) {
  if (effects.empty()) return;
  StateContext ctx(e, s);
  for (const EffectDef& eff : effects) expr::applyWith(eff.effect, ctx, b);
}

}  // namespace

// [SECTION] Construction and the initial state

Engine::Engine(const ScenarioDef& def, RuleConstants constants) : m_def(def), m_k(constants) {
  const int nActors = static_cast<int>(def.actors.size());
  int offset = 0;
  for (const IncidentDef& inc : def.incidents) {
    m_candidateOffset.push_back(offset);
    offset += static_cast<int>(inc.candidates.size());
  }
  for (const IncidentDef& inc : def.incidents) {
    const std::size_t n = inc.candidates.size();
    const bool priorsOk = inc.priors.size() == n;  // missing priors are uniform
    for (std::size_t k = 0; k < n; ++k)
      m_logPrior.push_back(std::log(std::max(priorsOk ? inc.priors[k] : 1.0 / static_cast<double>(n), 1e-9)));
  }
  m_evidenceOf.resize(def.incidents.size());
  m_evidenceLogit.resize(def.evidence.size());
  for (std::size_t ev = 0; ev < def.evidence.size(); ++ev) {
    const EvidenceDef& e = def.evidence[ev];
    if (e.incident < 0 || e.incident >= static_cast<int>(def.incidents.size())) continue;
    m_evidenceOf[at(e.incident)].push_back(static_cast<int>(ev));
    const IncidentDef& inc = def.incidents[at(e.incident)];
    std::vector<double>& logit = m_evidenceLogit[ev];
    logit.assign(inc.candidates.size(), 0.0);
    for (const auto& [actor, strength] : e.pointsTo) {
      for (std::size_t k = 0; k < inc.candidates.size(); ++k)
        if (inc.candidates[k] == actor) logit[k] += m_k.evidenceWeight * e.reliability * strength;
    }
  }
  m_blocMembers.resize(at(nActors));
  m_blocsOf.resize(at(nActors));
  for (int a = 0; a < nActors; ++a) {
    for (int bloc : def.actors[at(a)].blocs) {
      if (bloc < 0 || bloc >= nActors) continue;
      m_blocMembers[at(bloc)].push_back(a);
      m_blocsOf[at(a)].push_back(bloc);
    }
    std::sort(m_blocsOf[at(a)].begin(), m_blocsOf[at(a)].end());
  }
  m_injectVisible.assign(at(nActors) * def.injects.size(), 0);
  for (int a = 0; a < nActors; ++a)
    for (std::size_t j = 0; j < def.injects.size(); ++j)
      m_injectVisible[at(a) * def.injects.size() + j] = injectVisibleTo(def.injects[j], a) ? 1 : 0;
  m_termsOfKind.resize(7);
  for (std::size_t t = 0; t < def.terms.size(); ++t)
    m_termsOfKind[static_cast<std::size_t>(def.terms[t].kind)].push_back(static_cast<int>(t));
  for (const MeasureDef& md : def.measures) {
    m_measureRank.push_back(categoryRank(md.category));
    std::uint8_t mask = md.usableBy.empty() ? 0xff : 0;
    for (ActorKind k : md.usableBy) mask = static_cast<std::uint8_t>(mask | (1u << static_cast<unsigned>(k)));
    m_usableMask.push_back(mask);
    std::uint8_t targets = md.targetKinds.empty() ? 0xff : 0;
    for (ActorKind k : md.targetKinds)
      targets = static_cast<std::uint8_t>(targets | (1u << static_cast<unsigned>(k)));
    m_targetMask.push_back(targets);
    std::uint64_t listed = 0;
    if (md.target == TargetKind::Entities)
      for (std::size_t en = 0; en < def.entities.size() && en < static_cast<std::size_t>(kMaxEntities); ++en)
        if (md.entityKinds.empty() || contains(md.entityKinds, def.entities[en].kind))
          listed |= std::uint64_t{1} << en;
    m_listMask.push_back(listed);
    m_measureCost.push_back(md.cost);
  }
  m_entitiesOf.assign(at(nActors), 0);
  for (std::size_t en = 0; en < def.entities.size() && en < static_cast<std::size_t>(kMaxEntities); ++en) {
    m_allEntities |= std::uint64_t{1} << en;
    const int owner = def.entities[en].owner;
    if (owner >= 0 && owner < nActors) m_entitiesOf[at(owner)] |= std::uint64_t{1} << en;
  }
  if (!m_measureCost.empty()) {
    const auto [lo, hi] = std::minmax_element(m_measureCost.begin(), m_measureCost.end());
    // Costs are small integers in practice; a wide range falls back to the loop.
    if (*hi - *lo < 64) {
      m_minCost = *lo;
      m_capitalSteps = *hi - *lo + 1;
      m_affordableTable.resize(at(8 * m_capitalSteps));
      for (int kind = 0; kind < 8; ++kind)
        for (int step = 0; step < m_capitalSteps; ++step) {
          std::vector<int>& list = m_affordableTable[at(kind * m_capitalSteps + step)];
          for (int m = 0; m < static_cast<int>(m_measureCost.size()); ++m)
            if (m_measureCost[at(m)] <= m_minCost + step && (m_usableMask[at(m)] & (1u << kind)))
              list.push_back(m);
        }
    }
  }
  for (std::size_t m = 0; m < def.meterNames.size(); ++m) {
    if (def.meterNames[m] == "credibility") m_credibilityMeter = static_cast<int>(m);
    if (def.meterNames[m] == "economy") m_economyMeter = static_cast<int>(m);
  }
  // What consequences() weighs a broken or upheld norm by, summed in actor order as it was there.
  for (int a = 0; a < nActors; ++a) {
    double sum = 0;
    int others = 0;
    for (int j = 0; j < nActors; ++j) {
      if (j == a) continue;
      sum += def.actors[at(j)].doctrine.normCommitment;
      ++others;
    }
    m_othersNormMean.push_back(others > 0 ? sum / others : 0);
  }
  startState(m_start);
}

const std::vector<int>& Engine::blocMembers(int bloc) const {
  static const std::vector<int> none;
  return bloc >= 0 && bloc < static_cast<int>(m_blocMembers.size()) ? m_blocMembers[at(bloc)] : none;
}

const std::string& Engine::actorId(int actor) const {
  static const std::string none = "-";
  return actor >= 0 && actor < static_cast<int>(m_def.actors.size()) ? m_def.actors[at(actor)].id : none;
}

const std::string& Engine::actorName(int actor, std::string_view language) const {
  if (actor < 0 || actor >= static_cast<int>(m_def.actors.size())) return actorId(actor);
  const ActorDef& ad = m_def.actors[at(actor)];
  const std::string& name =
      ad.name.get(language.empty() ? std::string_view(m_def.language) : language, m_def.language);
  return name.empty() ? ad.id : name;
}

namespace {
// The text of `field` of `items[i]` in `language` (the scenario's own if empty), else the
// item's id; "?" when there is no such item.
template <class Items, class Field>
const std::string& nameOrId(const Items& items, int i, Field field, std::string_view language,
                            const std::string& scenarioLanguage) {
  static const std::string unknown = "?";
  if (i < 0 || i >= static_cast<int>(items.size())) return unknown;
  const auto& item = items[at(i)];
  const std::string& name =
      (item.*field).get(language.empty() ? std::string_view(scenarioLanguage) : language, scenarioLanguage);
  return name.empty() ? item.id : name;
}
}  // namespace

const std::string& Engine::measureName(int measure, std::string_view language) const {
  return nameOrId(m_def.measures, measure, &MeasureDef::name, language, m_def.language);
}

const std::string& Engine::incidentName(int incident, std::string_view language) const {
  return nameOrId(m_def.incidents, incident, &IncidentDef::title, language, m_def.language);
}

const std::string& Engine::termName(int term, std::string_view language) const {
  return nameOrId(m_def.terms, term, &TermDef::name, language, m_def.language);
}

namespace {
// Item i's title in `language` (the scenario's if empty), else its id in words; "?" for none.
std::string titleOrWords(const std::vector<std::string>& ids, const std::vector<Text>& titles, int i,
                         std::string_view language, const std::string& scenarioLanguage) {
  if (i < 0 || i >= static_cast<int>(ids.size())) return "?";
  if (at(i) < titles.size()) {
    const std::string& title =
        titles[at(i)].get(language.empty() ? std::string_view(scenarioLanguage) : language, scenarioLanguage);
    if (!title.empty()) return title;
  }
  return idInWords(ids[at(i)]);
}
}  // namespace

std::string Engine::meterName(int meter, std::string_view language) const {
  return titleOrWords(m_def.meterNames, m_def.meterTitles, meter, language, m_def.language);
}

std::string Engine::capabilityName(int capability, std::string_view language) const {
  return titleOrWords(m_def.capabilityNames, m_def.capabilityTitles, capability, language, m_def.language);
}

namespace {
// Which side of incident `i` actor `a` is on: 1 the victim and its accusers, 2 the candidates
// (an accused side), 0 neither. A candidate that discloses an attribution stays a candidate.
int sideOf(const Engine& e, const GameState& s, int i, int a) {
  const IncidentDef& inc = e.def().incidents[at(i)];
  if (contains(inc.candidates, a)) return 2;
  if (a == inc.victim || s.disclosure(a, i) != Disclosure::None) return 1;
  return 0;
}
}  // namespace

bool Engine::across(const GameState& s, int a, int b) const {
  if (a < 0 || b < 0 || a >= s.actorCount || b >= s.actorCount || a == b) return false;
  for (int i = 0; i < s.incidentCount; ++i) {
    if (!s.incidentRevealed[at(i)]) continue;
    const IncidentDef& inc = m_def.incidents[at(i)];
    // The victim faces every suspect; an accuser faces the one it accused.
    const auto faces = [&](int x, int y) {
      if (sideOf(*this, s, i, x) != 1 || !contains(inc.candidates, y)) return false;
      return x == inc.victim || (s.disclosure(x, i) != Disclosure::None && s.decision(x, i) == y);
    };
    if (faces(a, b) || faces(b, a)) return true;
  }
  return false;
}

bool Engine::party(const GameState& s, int actor) const {
  if (actor < 0 || actor >= s.actorCount) return false;
  for (int i = 0; i < s.incidentCount; ++i)
    if (s.incidentRevealed[at(i)] && sideOf(*this, s, i, actor) != 0) return true;
  return false;
}

int Engine::rungFor(double tension) const {
  int rung = 0;
  for (std::size_t r = 0; r < m_def.ladder.rungs.size(); ++r)
    if (tension >= m_def.ladder.rungs[r].threshold) rung = static_cast<int>(r);
  return rung;
}

GameState Engine::initialState(std::uint64_t seed) const {
  GameState s;
  initialState(seed, s);
  return s;
}

void Engine::initialState(std::uint64_t seed, GameState& s) const {
  // Every field as the start has it (a field added later too). Copy assignment keeps the
  // state's own vectors' buffers where they are large enough; the inner lists of the previous
  // game's proposals and agreements are freed with them.
  s = m_start;
  s.seed = seed != 0 ? seed : m_def.seed;
  s.rng.seed(s.seed);
  // A winter-grid game logs about 330 events with random seats and 600 with agents (up to 700):
  // room for them up front, so the timeline is not copied as it grows.
  s.timeline.reserve(1024);
  s.proposals.reserve(32);
  s.notes.reserve(32);
  Impl::briefing(*this, s);
}

// Everything of turn 1 before its briefing: none of it depends on the seed (nothing here draws
// from the state's random stream), so the constructor computes it once for every game.
void Engine::startState(GameState& s) const {
  const ScenarioDef& d = m_def;
  s = GameState{};
  s.actorCount = static_cast<int>(d.actors.size());
  s.meterCount = static_cast<int>(d.meterNames.size());
  s.capabilityCount = static_cast<int>(d.capabilityNames.size());
  s.incidentCount = static_cast<int>(d.incidents.size());
  s.evidenceCount = static_cast<int>(d.evidence.size());
  s.measureCount = static_cast<int>(d.measures.size());
  s.termCount = static_cast<int>(d.terms.size());
  s.injectCount = static_cast<int>(d.injects.size());
  s.endingCount = static_cast<int>(d.endings.size());
  s.entityCount = static_cast<int>(d.entities.size());
  s.candidateTotal = 0;
  for (const IncidentDef& inc : d.incidents) s.candidateTotal += static_cast<int>(inc.candidates.size());
  s.seed = d.seed;
  s.turn = 1;
  s.phase = Phase::Briefing;
  s.tension = std::max(0.0, d.ladder.initialTension);
  s.rung = rungFor(s.tension);

  const auto n = at(s.actorCount);
  s.meters.assign(n * at(s.meterCount), 50.0);
  s.capabilities.assign(n * at(s.capabilityCount), 0.0);
  s.capital.assign(n, 0);
  s.trust.assign(n * n, 0.0);
  for (int a = 0; a < s.actorCount; ++a) {
    const ActorDef& ad = d.actors[at(a)];
    for (int m = 0; m < s.meterCount && m < static_cast<int>(ad.meters.size()); ++m)
      s.meters[at(a * s.meterCount + m)] = clampd(ad.meters[at(m)], 0, 100);
    for (int c = 0; c < s.capabilityCount && c < static_cast<int>(ad.capabilities.size()); ++c)
      s.capabilities[at(a * s.capabilityCount + c)] = clampd(ad.capabilities[at(c)], 0, 10);
  }
  for (const RelationDef& r : d.relations) {
    if (r.a < 0 || r.b < 0 || r.a >= s.actorCount || r.b >= s.actorCount || r.a == r.b) continue;
    const double t = clampd(r.trust, -100, 100);
    s.trust[at(r.a * s.actorCount + r.b)] = t;
    s.trust[at(r.b * s.actorCount + r.a)] = t;
    for (int term : r.agreements) {
      if (term < 0 || term >= s.termCount) continue;
      Commitment c;
      c.a = r.a;
      c.b = r.b;
      c.term = term;
      c.turn = 0;
      s.commitments.push_back(c);
    }
  }
  s.seen.assign(n * at(s.evidenceCount), 0);
  s.belief.assign(n * at(s.candidateTotal), 0.0);
  s.confidence.assign(n * at(s.incidentCount), ConfidenceLevel::Low);
  s.decided.assign(n * at(s.incidentCount), -1);
  s.disclosed.assign(n * at(s.incidentCount), Disclosure::None);
  s.attributionFlags.assign(n * at(s.incidentCount), 0);
  s.incidentRevealed.assign(at(s.incidentCount), 0);
  s.evidenceReleased.assign(at(s.evidenceCount), 0);
  s.injectFired.assign(at(s.injectCount), 0);
  s.used.assign(n * at(s.measureCount), 0);
  for (int a = 0; a < s.actorCount; ++a)
    for (int i = 0; i < s.incidentCount; ++i) Impl::recomputeBelief(*this, s, a, i, -1, a);
  // Commitments from the start are armed only once their breach condition is false.
  for (Commitment& c : s.commitments) c.armed = !breachHolds(*this, s, c);
}

// [SECTION] Attribution: beliefs, evidence, sharing

int Engine::candidateIndex(int incident, int candidate) const {
  if (incident < 0 || incident >= static_cast<int>(m_def.incidents.size())) return -1;
  const auto& cands = m_def.incidents[at(incident)].candidates;
  for (std::size_t k = 0; k < cands.size(); ++k)
    if (cands[k] == candidate) return static_cast<int>(k);
  return -1;
}

bool Engine::canHarbour(int incident, int host) const {
  if (incident < 0 || incident >= static_cast<int>(m_def.incidents.size())) return false;
  if (host < 0 || host >= static_cast<int>(m_def.actors.size()) ||
      m_def.actors[at(host)].kind != ActorKind::State)
    return false;
  for (int c : m_def.incidents[at(incident)].candidates)
    if (m_def.actors[at(c)].basedIn == host) return true;
  return false;
}

double Engine::harbourProbability(const GameState& state, int actor, int incident, int host) const {
  if (!canHarbour(incident, host)) return 0;
  const std::vector<int>& cands = m_def.incidents[at(incident)].candidates;
  double p = 0;
  for (std::size_t k = 0; k < cands.size(); ++k)
    if (m_def.actors[at(cands[k])].basedIn == host) p += probability(state, actor, incident, cands[k]);
  return std::min(1.0, p);
}

double Engine::namedProbability(const GameState& state, int actor, int incident, int named) const {
  if (actor >= 0 && actor < state.actorCount && incident >= 0 && incident < state.incidentCount &&
      state.decision(actor, incident) == named && state.harbouring(actor, incident))
    return harbourProbability(state, actor, incident, named);
  return probability(state, actor, incident, named);
}

double Engine::probability(const GameState& state, int actor, int incident, int candidate) const {
  const int k = candidateIndex(incident, candidate);
  if (k < 0 || actor < 0 || actor >= state.actorCount) return 0;
  return state.belief[at(actor * state.candidateTotal + m_candidateOffset[at(incident)] + k)];
}

// log P(c) = log prior(c) + sum over seen items of k * reliability * strength(c), normalised
// (softmax). The operator and the sponsor know the truth.
//
// For an actor who does not know the truth, the beliefs and the confidence depend only on which
// of the incident's items it has seen. Evidence usually reaches every actor at once, so another
// such actor (below `upTo`) who has seen exactly the same items (the one just seen first: most
// have not) already holds the very numbers this would compute: they are copied (no softmax).
void Engine::Impl::recomputeBelief(const Engine& e, GameState& s, int actor, int incident, int seenNow,
                                   int upTo) {
  const IncidentDef& inc = e.m_def.incidents[at(incident)];
  const std::size_t n = inc.candidates.size();
  if (n == 0) return;
  const std::size_t offset = at(e.m_candidateOffset[at(incident)]);
  double* out = &s.belief[at(actor * s.candidateTotal) + offset];
  const bool truthKnown = contains(inc.candidates, inc.truth.operatorActor);
  auto knowsTruth = [&](int a) {
    return (a == inc.truth.operatorActor || a == inc.truth.sponsor) && truthKnown;
  };
  const bool knows = knowsTruth(actor);
  if (!knows) {
    const std::vector<int>& items = e.m_evidenceOf[at(incident)];
    const std::uint8_t* mine =
        s.seen.data() + at(actor * s.evidenceCount);  // seen may be empty (no evidence)
    const int others = std::min(upTo, s.actorCount);
    for (int b = 0; b < others; ++b) {
      if (b == actor) continue;
      const std::uint8_t* theirs = s.seen.data() + at(b * s.evidenceCount);
      if (seenNow >= 0 && theirs[seenNow] == 0) continue;
      if (knowsTruth(b)) continue;
      bool same = true;
      for (int ev : items) {
        if ((mine[ev] != 0) != (theirs[ev] != 0)) {
          same = false;
          break;
        }
      }
      if (!same) continue;
      const double* from = &s.belief[at(b * s.candidateTotal) + offset];
      for (std::size_t k = 0; k < n; ++k) out[k] = from[k];
      s.confidence[at(actor * s.incidentCount + incident)] = s.confidence[at(b * s.incidentCount + incident)];
      return;
    }
  }
  int seenCount = 0;
  double reliabilitySum = 0;
  if (knows) {
    for (std::size_t k = 0; k < n; ++k) out[k] = inc.candidates[k] == inc.truth.operatorActor ? 1.0 : 0.0;
  } else {
    double logits[64];
    std::vector<double> big;
    double* lg = logits;
    if (n > 64) {
      big.resize(n);
      lg = big.data();
    }
    const double* logPrior = &e.m_logPrior[at(e.m_candidateOffset[at(incident)])];
    for (std::size_t k = 0; k < n; ++k) lg[k] = logPrior[k];
    for (int ev : e.m_evidenceOf[at(incident)]) {
      if (!s.hasSeen(actor, ev)) continue;
      ++seenCount;
      reliabilitySum += e.m_def.evidence[at(ev)].reliability;
      const std::vector<double>& add = e.m_evidenceLogit[at(ev)];
      for (std::size_t k = 0; k < n; ++k) lg[k] += add[k];
    }
    double maxLg = lg[0];
    for (std::size_t k = 1; k < n; ++k) maxLg = std::max(maxLg, lg[k]);
    double sum = 0;
    for (std::size_t k = 0; k < n; ++k) {
      lg[k] = std::exp(lg[k] - maxLg);
      sum += lg[k];
    }
    for (std::size_t k = 0; k < n; ++k) out[k] = lg[k] / sum;
  }
  ConfidenceLevel level = ConfidenceLevel::Low;
  if (knows || (seenCount >= 3 && reliabilitySum >= 2.0))
    level = ConfidenceLevel::High;
  else if (seenCount >= 2 && reliabilitySum >= 1.0)
    level = ConfidenceLevel::Moderate;
  s.confidence[at(actor * s.incidentCount + incident)] = level;
}

Assessment Engine::assessment(const GameState& state, int actor, int incident) const {
  Assessment a;
  assess(state, actor, incident, a);
  return a;
}

void Engine::assess(const GameState& state, int actor, int incident, Assessment& a) const {
  std::vector<Assessment::Candidate> candidates = std::move(a.candidates);
  candidates.clear();
  a = assessEach(state, actor, incident, [&candidates](int c, double p) {
    candidates.push_back({c, p, probabilityWords(p)});
  });
  a.candidates = std::move(candidates);
}

// how: 0 schedule/condition, 1 investigation, 2 shared by `via`, 3 inject or effect.
void Engine::Impl::see(const Engine& e, GameState& s, int actor, int evidence, int how, int via) {
  std::uint8_t& flag = s.seen[at(actor * s.evidenceCount + evidence)];
  if (flag) return;
  flag = 1;
  event(s, EventKind::EvidenceSeen, actor, evidence, how, via);
  const int incident = e.m_def.evidence[at(evidence)].incident;
  if (incident < 0) return;
  recomputeBelief(e, s, actor, incident, evidence);
  // Information-sharing partners see what we see; what a partner shared goes no further (§3.4):
  // sharing passes only along agreements each pair made.
  if (how == 2) return;
  const std::size_t count = s.commitments.size();
  for (std::size_t i = 0; i < count; ++i) {
    const Commitment c = s.commitments[i];
    if (c.broken || (c.incident >= 0 && c.incident != incident)) continue;
    if (e.m_def.terms[at(c.term)].kind != TermKind::InformationSharing) continue;
    const int partner = c.a == actor ? c.b : (c.b == actor ? c.a : -1);
    if (partner >= 0) see(e, s, partner, evidence, 2, actor);
  }
}

void Engine::Impl::revealEvidence(const Engine& e, GameState& s, int evidence, int toActor, int how) {
  if (toActor >= 0) {
    if (toActor < s.actorCount) see(e, s, toActor, evidence, how, -1);
    return;
  }
  const std::vector<int>& to = e.m_def.evidence[at(evidence)].revealTo;
  if (to.empty()) {
    for (int a = 0; a < s.actorCount; ++a) see(e, s, a, evidence, how, -1);
  } else {
    for (int a : to)
      if (a >= 0 && a < s.actorCount) see(e, s, a, evidence, how, -1);
  }
}

void Engine::Impl::revealIncident(GameState& s, int incident) {
  if (incident < 0 || incident >= s.incidentCount || s.incidentRevealed[at(incident)]) return;
  s.incidentRevealed[at(incident)] = 1;
  event(s, EventKind::IncidentRevealed, -1, incident);
}

void Engine::Impl::fireInject(const Engine& e, GameState& s, int inject, bool byFacilitator) {
  const InjectDef& inj = e.m_def.injects[at(inject)];
  ++s.injectFired[at(inject)];
  event(s, EventKind::InjectFired, -1, inject, byFacilitator ? 1 : 0);
  if (inj.startsIncident >= 0) revealIncident(s, inj.startsIncident);
  const double tensionBefore = s.tension;
  runEffects(e, s, inj.effects, {});
  tensionMoved(s, tensionBefore, TensionCause::Inject, -1, inject, -1);
  for (int ev : inj.reveals) {
    if (ev < 0 || ev >= s.evidenceCount) continue;
    if (inj.audience.empty()) {
      for (int a = 0; a < s.actorCount; ++a) see(e, s, a, ev, 3, -1);
    } else {
      for (int a : inj.audience)
        if (a >= 0 && a < s.actorCount) see(e, s, a, ev, 3, -1);
    }
  }
}

// [SECTION] Briefing: injects, incidents, evidence, capital

// Order: capital refilled; incidents whose reveal_turn is this turn become public; evidence
// due this turn is revealed; injects fire in file order (by turn, then by condition); then
// evidence whose `when` condition now holds is revealed.
void Engine::Impl::briefing(const Engine& e, GameState& s) {
  const ScenarioDef& d = e.m_def;
  event(s, EventKind::TurnStarted);
  for (int a = 0; a < s.actorCount; ++a) s.capital[at(a)] = d.actors[at(a)].capitalPerTurn;
  for (int i = 0; i < s.incidentCount; ++i)
    if (d.incidents[at(i)].revealTurn <= s.turn) revealIncident(s, i);
  for (int ev = 0; ev < s.evidenceCount; ++ev) {
    const EvidenceDef& ed = d.evidence[at(ev)];
    if (s.evidenceReleased[at(ev)] || ed.reveal != EvidenceDef::Reveal::Turn || ed.revealTurn > s.turn)
      continue;
    s.evidenceReleased[at(ev)] = 1;
    revealEvidence(e, s, ev, -1, 0);
  }
  for (int j = 0; j < s.injectCount; ++j) {
    const InjectDef& inj = d.injects[at(j)];
    const bool already = s.injectFired[at(j)] > 0;
    bool fire = false;
    if (inj.turn > 0 && inj.turn == s.turn && !already) fire = true;
    if (!fire && inj.when.root && (!already || inj.repeat) && evalCondition(e, s, inj.when, {})) fire = true;
    if (fire) fireInject(e, s, j, false);
  }
  for (int ev = 0; ev < s.evidenceCount; ++ev) {
    const EvidenceDef& ed = d.evidence[at(ev)];
    if (s.evidenceReleased[at(ev)] || ed.reveal != EvidenceDef::Reveal::Condition) continue;
    if (!evalCondition(e, s, ed.revealWhen, {})) continue;
    s.evidenceReleased[at(ev)] = 1;
    revealEvidence(e, s, ev, -1, 0);
  }
}

// [SECTION] Checks

bool Engine::hasAgreementKind(const GameState& state, int a, int b, TermKind kind, int incident) const {
  // The parties first: most commitments are between others (the term's kind is a look-up).
  for (const Commitment& c : state.commitments) {
    if (c.broken || !((c.a == a && c.b == b) || (c.a == b && c.b == a))) continue;
    if (m_def.terms[at(c.term)].kind != kind) continue;
    if (c.incident < 0 || incident < 0 || c.incident == incident) return true;
  }
  return false;
}

// A joint-attribution agreement covers a statement naming `candidate` when it named no one (as
// before proposals could say) or named that candidate; candidate -1: whoever it names (§4.3).
// Inline: the checks ask it of every agreement in the state, most of them between others.
inline bool Engine::Impl::covers(const Engine& e, const Commitment& c, int a, int b, int incident,
                                 int candidate) {
  if (c.broken || !((c.a == a && c.b == b) || (c.a == b && c.b == a))) return false;
  if (e.m_def.terms[at(c.term)].kind != TermKind::JointAttribution) return false;
  if (!(c.incident < 0 || incident < 0 || c.incident == incident)) return false;
  return c.naming < 0 || candidate < 0 || c.naming == candidate;
}

bool Engine::hasJointAgreement(const GameState& state, int a, int b, int incident, int candidate) const {
  for (const Commitment& c : state.commitments)
    if (Impl::covers(*this, c, a, b, incident, candidate)) return true;
  return false;
}

int Engine::agreedNaming(const GameState& state, int a, int b, int incident, int candidate) const {
  for (const Commitment& c : state.commitments)
    if (Impl::covers(*this, c, a, b, incident, -1) && c.naming >= 0 && c.naming != candidate) return c.naming;
  return -1;
}

// Some other actor agreed with `actor` to attribute `incident` jointly to `candidate`:
// hasJointAgreement with each of them in turn, in one pass over the commitments instead of one
// pass per actor. Out of line: most measure checks never get here.
[[gnu::noinline]] bool Engine::Impl::hasJointPartner(const Engine& e, const GameState& s, int actor,
                                                     int incident, int candidate) {
  for (const Commitment& c : s.commitments) {
    if (c.broken || (c.a != actor && c.b != actor)) continue;  // most are between others
    const int other = c.a == actor ? c.b : c.a;
    if (other == actor || other < 0 || other >= s.actorCount) continue;
    if (covers(e, c, actor, other, incident, candidate)) return true;
  }
  return false;
}

namespace {
TermKind consentKind(const MeasureDef& m) {
  return m.category == MeasureCategory::Restrictive || m.category == MeasureCategory::LawfulResponse ||
                 m.category == MeasureCategory::Hostile
             ? TermKind::CoordinatedSanctions
             : TermKind::JointAttribution;
}
bool isDisclosure(AttributionAct act) {
  return act == AttributionAct::DisclosePrivately || act == AttributionAct::DisclosePublicly ||
         act == AttributionAct::DiscloseJointly;
}
}  // namespace

// The bloc whose consensus a measure needs (§4.3): its `bloc`, or the actor itself when a bloc
// discloses an attribution through a measure without one (a bloc speaks only by consensus). -1: none.
int Engine::Impl::consentBloc(const Engine& e, const TakeMeasure& m) {
  const MeasureDef& md = e.m_def.measures[at(m.measure)];
  if (md.bloc >= 0) return md.bloc;
  if (isDisclosure(md.attribution) && !e.blocMembers(m.actor).empty()) return m.actor;
  return -1;
}

// First member of `bloc` (other than `actor`) without an agreement of `kind` with `actor` for
// `incident`, -1 when every member agreed.
int Engine::Impl::firstWithoutConsent(const Engine& e, const GameState& s, int bloc, int actor, TermKind kind,
                                      int incident, int candidate) {
  for (int member : e.blocMembers(bloc)) {
    if (member == actor) continue;
    const bool agreed = kind == TermKind::JointAttribution
                            ? e.hasJointAgreement(s, actor, member, incident, candidate)
                            : e.hasAgreementKind(s, actor, member, kind, incident);
    if (!agreed) return member;
  }
  return -1;
}

// First member of the measure's consent bloc (other than the actor) that has no consent agreement
// with the actor, -1 when every member agreed.
int Engine::Impl::missingBlocMember(const Engine& e, const GameState& s, const TakeMeasure& m) {
  const MeasureDef& md = e.m_def.measures[at(m.measure)];
  const int bloc = consentBloc(e, m);
  if (bloc < 0) return -1;
  const TermKind kind = md.bloc >= 0 ? consentKind(md) : TermKind::JointAttribution;
  // An attribution act speaks of its target; the bloc's other acts need consent naming anyone.
  return firstWithoutConsent(e, s, bloc, m.actor, kind, m.incident,
                             md.attribution != AttributionAct::None ? m.target : -1);
}

int Engine::missingConsent(const GameState& state, const TakeMeasure& measure) const {
  if (measure.actor < 0 || measure.actor >= state.actorCount || measure.measure < 0 ||
      measure.measure >= state.measureCount)
    return -1;
  return Impl::missingBlocMember(*this, state, measure);
}

// A bloc's statement was made by consensus, so it is taken back by consensus too: not while a
// member still makes the same attribution in public (§4.3). A member's private démarche is its own.
int Engine::memberStillAttributing(const GameState& state, int bloc, int incident) const {
  if (bloc < 0 || bloc >= state.actorCount || incident < 0 || incident >= state.incidentCount) return -1;
  const int named = state.decision(bloc, incident);
  for (int member : blocMembers(bloc)) {
    const Disclosure d = state.disclosure(member, incident);
    if ((d == Disclosure::Public || d == Disclosure::Joint) && state.decision(member, incident) == named)
      return member;
  }
  return -1;
}

// A disclosure by a bloc, or a joint one a bloc joins, is the bloc speaking: every member must
// have agreed with the bloc to attribute this incident jointly (§4.3).
int Engine::missingConsent(const GameState& state, const Disclose& disclosure) const {
  if (disclosure.actor < 0 || disclosure.actor >= state.actorCount) return -1;
  const int named = disclosure.incident >= 0 && disclosure.incident < state.incidentCount
                        ? state.decision(disclosure.actor, disclosure.incident)
                        : -1;
  const int own = Impl::firstWithoutConsent(*this, state, disclosure.actor, disclosure.actor,
                                            TermKind::JointAttribution, disclosure.incident, named);
  if (own >= 0) return own;
  if (disclosure.kind != Disclosure::Joint) return -1;
  for (int p : disclosure.partners) {
    if (p < 0 || p >= state.actorCount) continue;
    const int missing =
        Impl::firstWithoutConsent(*this, state, p, p, TermKind::JointAttribution, disclosure.incident, named);
    if (missing >= 0) return missing;
  }
  return -1;
}

ReasonCode Engine::Impl::checkMeasure(const Engine& e, const GameState& s, const TakeMeasure& m,
                                      bool atResolution) {
  const ScenarioDef& d = e.m_def;
  if (m.actor < 0 || m.actor >= s.actorCount || m.measure < 0 || m.measure >= s.measureCount)
    return ReasonCode::UnknownIndex;
  const MeasureDef& md = d.measures[at(m.measure)];
  const ActorDef& ad = d.actors[at(m.actor)];
  if (!(e.m_usableMask[at(m.measure)] & (1u << static_cast<unsigned>(ad.kind))))
    return ReasonCode::NotUsableByKind;
  const bool needsActor = namesActor(md.target);
  const bool lists = md.target == TargetKind::Entities;
  const bool needsIncident = namesIncident(md.target) || lists;
  if (needsActor) {
    if (m.target < 0) return ReasonCode::TargetMissing;
    if (m.target >= s.actorCount) return ReasonCode::UnknownIndex;
    if (m.target == m.actor) return ReasonCode::TargetIsSelf;
    if (!e.targetableBy(m.measure, m.target)) return ReasonCode::TargetKindNotAllowed;
  } else if (m.target >= 0) {
    return ReasonCode::TargetNotAllowed;
  }
  if (lists) {
    // A listing names entities, at least one, none of its own, of the kinds it may list (§2.2).
    if (m.entities == 0 || (m.entities & ~e.m_allEntities) != 0) return ReasonCode::EntitiesMissing;
    if ((m.entities & e.m_entitiesOf[at(m.actor)]) != 0) return ReasonCode::TargetIsSelf;
    if ((m.entities & ~e.m_listMask[at(m.measure)]) != 0) return ReasonCode::TargetKindNotAllowed;
  } else if (m.entities != 0) {
    return ReasonCode::TargetNotAllowed;
  }
  if (needsIncident) {
    if (m.incident < 0) return ReasonCode::IncidentMissing;
    if (m.incident >= s.incidentCount) return ReasonCode::UnknownIndex;
    if (!s.incidentRevealed[at(m.incident)]) return ReasonCode::IncidentNotPublic;
  } else if (m.incident >= 0) {
    return ReasonCode::TargetNotAllowed;
  }
  if (!atResolution) {
    if (md.cost > s.capital[at(m.actor)]) return ReasonCode::NotEnoughCapital;
    int queuedSame = 0;
    for (const QueuedMeasure& q : s.queue) {
      if (q.actor != m.actor || q.measure != m.measure) continue;
      ++queuedSame;
      if (q.target == m.target && q.incident == m.incident && (!lists || (q.entities & m.entities) != 0))
        return ReasonCode::AlreadyQueued;
    }
    if (md.maxUses > 0 && s.timesUsed(m.actor, m.measure) + queuedSame >= md.maxUses)
      return ReasonCode::MaxUsesReached;
  } else if (md.maxUses > 0 && s.timesUsed(m.actor, m.measure) >= md.maxUses) {
    return ReasonCode::MaxUsesReached;
  }
  if (lists) {
    // The entities of the incident's suspects only; each listed once per measure and incident.
    for (std::uint64_t rest = m.entities; rest != 0; rest &= rest - 1) {
      const int owner = d.entities[at(std::countr_zero(rest))].owner;
      if (e.candidateIndex(m.incident, owner) < 0) return ReasonCode::NotACandidate;
    }
    for (const Listing& l : s.listings)
      if (l.actor == m.actor && l.measure == m.measure && l.incident == m.incident &&
          (l.entities & m.entities) != 0)
        return ReasonCode::AlreadyListed;
    // The evidence against an entity is the evidence against the actor it belongs to: each
    // owner must be judged behind the incident with the confidence the measure asks.
    if (md.minConfidence > 0)
      for (std::uint64_t rest = m.entities; rest != 0; rest &= rest - 1)
        if (e.probability(s, m.actor, m.incident, d.entities[at(std::countr_zero(rest))].owner) <
            md.minConfidence)
          return ReasonCode::ConfidenceTooLow;
  }
  if (md.attribution == AttributionAct::Decide) {
    if (e.candidateIndex(m.incident, m.target) < 0) return ReasonCode::NotACandidate;
    if (s.disclosure(m.actor, m.incident) != Disclosure::None &&
        (s.decision(m.actor, m.incident) != m.target || s.harbouring(m.actor, m.incident)))
      return ReasonCode::AlreadyDisclosed;
  } else if (md.attribution != AttributionAct::None && m.incident >= 0) {
    if (s.decision(m.actor, m.incident) < 0 || (m.target >= 0 && s.decision(m.actor, m.incident) != m.target))
      return ReasonCode::NoDecision;
    if (md.attribution == AttributionAct::DiscloseJointly) {
      if (!hasJointPartner(e, s, m.actor, m.incident, s.decision(m.actor, m.incident)))
        return ReasonCode::NoJointPartner;
    }
  }
  if (md.minConfidence > 0 && m.target >= 0 && m.incident >= 0 &&
      (md.attribution == AttributionAct::Decide
           ? e.probability(s, m.actor, m.incident, m.target)
           : e.namedProbability(s, m.actor, m.incident, m.target)) < md.minConfidence)
    return ReasonCode::ConfidenceTooLow;
  if (md.bloc >= 0) {
    const bool isBloc = m.actor == md.bloc;
    if (!isBloc && !contains(ad.blocs, md.bloc)) return ReasonCode::NotABlocMember;
  }
  // Only a bloc's measure or a disclosure can need a bloc's consent (consentBloc): the others
  // skip the call.
  if ((md.bloc >= 0 || isDisclosure(md.attribution)) && missingBlocMember(e, s, m) >= 0)
    return ReasonCode::BlocConsentMissing;
  if (md.requirement.root && !evalCondition(e, s, md.requirement, {m.actor, m.target, m.incident}))
    return ReasonCode::RequiresFailed;
  return ReasonCode::None;
}

ReasonCode Engine::checkMeasureCode(const GameState& s, const TakeMeasure& m) const {
  // The TakeMeasure path of checkCode, in the same order (a measure is no facilitator command).
  if (s.phase == Phase::Ended) return ReasonCode::ExerciseEnded;
  if (s.paused) return ReasonCode::Paused;
  if (s.phase != Phase::Deliberation) return ReasonCode::WrongPhase;
  return Impl::checkMeasure(*this, s, m, false);
}

ReasonCode Engine::checkProposeCode(const GameState& s, const Propose& p) const {
  // The Propose path of checkCode, in the same order.
  if (s.phase == Phase::Ended) return ReasonCode::ExerciseEnded;
  if (s.paused) return ReasonCode::Paused;
  return Impl::checkPropose(*this, s, p);
}

ReasonCode Engine::checkDiscloseCode(const GameState& s, const Disclose& d) const {
  // The Disclose path of checkCode, in the same order.
  if (s.phase == Phase::Ended) return ReasonCode::ExerciseEnded;
  if (s.paused) return ReasonCode::Paused;
  return Impl::checkDisclose(*this, s, d);
}

ReasonCode Engine::Impl::checkPropose(const Engine& e, const GameState& s, const Propose& pref) {
  const Propose* p = &pref;
  const auto actorOk = [&s](int a) { return a >= 0 && a < s.actorCount; };
  if (s.phase != Phase::Deliberation) return ReasonCode::WrongPhase;
  if (!actorOk(p->from)) return ReasonCode::UnknownIndex;
  if (p->incident != -1 && !(p->incident >= 0 && p->incident < s.incidentCount))
    return ReasonCode::UnknownIndex;
  if (p->to.empty()) return ReasonCode::BadRecipients;
  for (std::size_t i = 0; i < p->to.size(); ++i) {
    if (!actorOk(p->to[i]) || p->to[i] == p->from) return ReasonCode::BadRecipients;
    for (std::size_t j = 0; j < i; ++j)
      if (p->to[j] == p->to[i]) return ReasonCode::BadRecipients;
  }
  if (p->terms.empty()) return ReasonCode::EmptyTerms;
  for (int t : p->terms)
    if (t < 0 || t >= s.termCount) return ReasonCode::UnknownIndex;
  if (e.outsideParties(p->terms, p->from, p->to).first >= 0) return ReasonCode::NotAParty;
  if (p->naming != -1) {
    // Whom a joint attribution names (§4.1): said only with one, of someone other than the
    // proposer, and of a suspect or a host of the incident when the proposal has one.
    if (!actorOk(p->naming)) return ReasonCode::UnknownIndex;
    if (p->naming == p->from || !e.hasTermOfKind(p->terms, TermKind::JointAttribution) ||
        (p->incident >= 0 && e.candidateIndex(p->incident, p->naming) < 0 &&
         !e.canHarbour(p->incident, p->naming)))
      return ReasonCode::BadNaming;
  }
  return ReasonCode::None;
}

bool Engine::hasTermOfKind(std::span<const int> terms, TermKind kind) const {
  for (int t : terms)
    if (t >= 0 && t < static_cast<int>(m_def.terms.size()) && m_def.terms[at(t)].kind == kind) return true;
  return false;
}

std::pair<int, int> Engine::outsideParties(std::span<const int> terms, int from,
                                           std::span<const int> to) const {
  const auto kindOk = [&](const TermDef& t, int a) {
    return a < 0 || a >= static_cast<int>(m_def.actors.size()) ||
           std::find(t.parties.begin(), t.parties.end(), m_def.actors[at(a)].kind) != t.parties.end();
  };
  for (int term : terms) {
    if (term < 0 || term >= static_cast<int>(m_def.terms.size())) continue;
    const TermDef& t = m_def.terms[at(term)];
    if (t.parties.empty()) continue;
    if (!kindOk(t, from)) return {term, from};
    for (int a : to)
      if (!kindOk(t, a)) return {term, a};
  }
  return {-1, -1};
}

ReasonCode Engine::Impl::checkDisclose(const Engine& e, const GameState& s, const Disclose& dsref) {
  const Disclose* ds = &dsref;
  const auto actorOk = [&s](int a) { return a >= 0 && a < s.actorCount; };
  if (s.phase != Phase::Deliberation) return ReasonCode::WrongPhase;
  if (!actorOk(ds->actor) || !(ds->incident >= 0 && ds->incident < s.incidentCount) ||
      ds->kind == Disclosure::None)
    return ReasonCode::UnknownIndex;
  if (ds->kind != Disclosure::Joint && !ds->partners.empty()) return ReasonCode::FieldNotForThisKind;
  // A démarche and a joint statement are acts of states, blocs and organisations; a company or a
  // group can publish what it found (rules §3.5).
  if (ds->kind != Disclosure::Public && !actsAsAState(e.m_def.actors[at(ds->actor)].kind))
    return ReasonCode::NotAStateActor;
  for (int p : ds->partners)
    if (actorOk(p) && !actsAsAState(e.m_def.actors[at(p)].kind)) return ReasonCode::NotAStateActor;
  const int decided = s.decision(ds->actor, ds->incident);
  if (decided < 0) return ReasonCode::NoDecision;
  if (disclosureRank(ds->kind) <= disclosureRank(s.disclosure(ds->actor, ds->incident)))
    return ReasonCode::AlreadyDisclosed;
  if (ds->kind == Disclosure::Joint) {
    if (ds->partners.empty()) return ReasonCode::NoJointPartner;
    for (int p : ds->partners) {
      if (!actorOk(p) || p == ds->actor) return ReasonCode::NoJointPartner;
      if (!e.hasJointAgreement(s, ds->actor, p, ds->incident, decided)) return ReasonCode::NoJointPartner;
      if (s.decision(p, ds->incident) != decided ||
          s.harbouring(p, ds->incident) != s.harbouring(ds->actor, ds->incident))
        return ReasonCode::NoJointPartner;
    }
  }
  if (e.missingConsent(s, *ds) >= 0) return ReasonCode::BlocConsentMissing;
  return ReasonCode::None;
}

ReasonCode Engine::checkCode(const GameState& s, const Command& command) const {
  if (std::holds_alternative<UndoTurn>(command)) return ReasonCode::HandledBySession;
  if (s.phase == Phase::Ended) return ReasonCode::ExerciseEnded;
  if (s.paused && !isFacilitatorCommand(command)) return ReasonCode::Paused;
  const auto actorOk = [&s](int a) { return a >= 0 && a < s.actorCount; };
  const auto incidentOk = [&s](int i) { return i >= 0 && i < s.incidentCount; };
  const auto termsOk = [&s](const std::vector<int>& terms) {
    for (int t : terms)
      if (t < 0 || t >= s.termCount) return false;
    return true;
  };

  // One lambda per command type, no catch-all: a type left out does not compile.
  return std::visit(
      Overloaded{
          [&](const TakeMeasure& m) -> ReasonCode {
            if (s.phase != Phase::Deliberation) return ReasonCode::WrongPhase;
            return Impl::checkMeasure(*this, s, m, false);
          },
          [&](const Propose& p) { return Impl::checkPropose(*this, s, p); },
          [&](const Reply& rref) -> ReasonCode {
            const Reply* r = &rref;
            if (s.phase != Phase::Deliberation) return ReasonCode::WrongPhase;
            if (!actorOk(r->actor) || r->proposal < 0 ||
                r->proposal >= static_cast<int>(s.proposals.size()) || r->kind == ReplyKind::None)
              return ReasonCode::UnknownIndex;
            if (r->kind != ReplyKind::Counter && !r->counterTerms.empty())
              return ReasonCode::FieldNotForThisKind;
            const Proposal& p = s.proposals[at(r->proposal)];
            if (!p.open) return ReasonCode::ProposalClosed;
            const auto it = std::find(p.to.begin(), p.to.end(), r->actor);
            if (it == p.to.end()) return ReasonCode::NotARecipient;
            if (p.replies[at(static_cast<int>(it - p.to.begin()))] != ReplyKind::None)
              return ReasonCode::AlreadyReplied;
            if (r->reason.empty()) return ReasonCode::EmptyReason;
            if (r->kind == ReplyKind::Counter) {
              if (r->counterTerms.empty()) return ReasonCode::EmptyTerms;
              if (!termsOk(r->counterTerms)) return ReasonCode::UnknownIndex;
              // A counter is a proposal back to the proposer (rules §4.1).
              if (outsideParties(r->counterTerms, r->actor, std::span<const int>(&p.from, 1)).first >= 0)
                return ReasonCode::NotAParty;
            }
            return ReasonCode::None;
          },
          [&](const DecideAttribution& dcref) -> ReasonCode {
            const DecideAttribution* dc = &dcref;
            if (s.phase != Phase::Deliberation) return ReasonCode::WrongPhase;
            if (!actorOk(dc->actor) || !incidentOk(dc->incident)) return ReasonCode::UnknownIndex;
            if (!s.incidentRevealed[at(dc->incident)]) return ReasonCode::IncidentNotPublic;
            if (dc->harbouring) {
              if (!canHarbour(dc->incident, dc->candidate)) return ReasonCode::NotAHost;
              if (dc->candidate == dc->actor) return ReasonCode::NotAHost;
            } else if (candidateIndex(dc->incident, dc->candidate) < 0) {
              return ReasonCode::NotACandidate;
            }
            if (s.disclosure(dc->actor, dc->incident) != Disclosure::None)
              return ReasonCode::AlreadyDisclosed;
            return ReasonCode::None;
          },
          [&](const Disclose& ds) { return Impl::checkDisclose(*this, s, ds); },
          [&](const Withdraw& w) -> ReasonCode {
            if (s.phase != Phase::Deliberation) return ReasonCode::WrongPhase;
            if (!actorOk(w.actor) || !incidentOk(w.incident)) return ReasonCode::UnknownIndex;
            if (s.disclosure(w.actor, w.incident) == Disclosure::None) return ReasonCode::NotDisclosed;
            if (memberStillAttributing(s, w.actor, w.incident) >= 0) return ReasonCode::MemberStillAttributes;
            return ReasonCode::None;
          },
          [&](const EndPhase&) { return ReasonCode::None; },
          [&](const Pause&) { return s.paused ? ReasonCode::AlreadyPaused : ReasonCode::None; },
          [&](const Resume&) { return s.paused ? ReasonCode::None : ReasonCode::NotPaused; },
          [&](const InjectNow& j) {
            return j.inject >= 0 && j.inject < s.injectCount ? ReasonCode::None : ReasonCode::UnknownIndex;
          },
          [&](const AdjustMeter& am) {
            if (!actorOk(am.actor) || am.meter < 0 || am.meter >= s.meterCount || !std::isfinite(am.delta))
              return ReasonCode::UnknownIndex;
            return am.reason.empty() ? ReasonCode::EmptyReason : ReasonCode::None;
          },
          [&](const RevealTruth&) {
            return s.truthRevealed ? ReasonCode::TruthAlreadyRevealed : ReasonCode::None;
          },
          [&](const UndoTurn&) { return ReasonCode::HandledBySession; },
          [&](const SetTimer& t) {
            const bool inRange = t.extend ? t.seconds >= -kMaxTimerSeconds && t.seconds <= kMaxTimerSeconds
                                          : t.seconds >= 0 && t.seconds <= kMaxTimerSeconds;
            return inRange ? ReasonCode::None : ReasonCode::TimerOutOfRange;
          },
          [&](const EndExercise&) { return ReasonCode::None; },
          [&](const AssignSeat& as) {
            if (!actorOk(as.actor) || static_cast<int>(as.seat.kind) > static_cast<int>(SeatKind::Random) ||
                as.seat.difficulty > kDifficultyExpert)
              return ReasonCode::UnknownIndex;
            return ReasonCode::None;
          },
          [&](const RecordUndo& u) {
            return u.fromTurn >= 1 && u.toTurn >= 1 && u.toTurn <= u.fromTurn && u.commands >= 0
                       ? ReasonCode::None
                       : ReasonCode::UnknownIndex;
          },
      },
      command);
}

std::optional<Refusal> Engine::check(const GameState& state, const Command& command) const {
  const ReasonCode code = checkCode(state, command);
  if (code == ReasonCode::None) return std::nullopt;
  return Refusal{code, refusalMessage(state, command, code)};
}

// [SECTION] Apply: commands

void Engine::Impl::addTrust(GameState& s, int a, int b, double delta) {
  if (a < 0 || b < 0 || a == b) return;
  double& t = s.trust[at(a * s.actorCount + b)];
  t = clampd(t + delta, -100, 100);
}

void Engine::Impl::addCredibility(const Engine& e, GameState& s, int actor, double delta) {
  if (e.m_credibilityMeter < 0 || actor < 0) return;
  double& m = s.meters[at(actor * s.meterCount + e.m_credibilityMeter)];
  m = clampd(m + delta, 0, 100);
}

// The engine's cost of sanctions to whoever imposes them: the imposer's economy, or, for a bloc
// measure of a bloc whose members share its costs, an equal part of it for each member.
void Engine::Impl::chargeSanctionsCost(const Engine& e, GameState& s, int imposer, int bloc) {
  const double cost = e.m_k.sanctionsImposerEconomy;
  auto charge = [&](int actor, double amount) {
    double& econ = s.meters[at(actor * s.meterCount + e.m_economyMeter)];
    econ = clampd(econ - amount, 0, 100);
  };
  const std::vector<int>& members = e.blocMembers(bloc);
  if (bloc >= 0 && e.m_def.actors[at(bloc)].membersShareCosts && !members.empty()) {
    for (int member : members) charge(member, cost / static_cast<double>(members.size()));
    return;
  }
  charge(imposer, cost);
}

void Engine::Impl::setTension(const Engine& e, GameState& s, double value) {
  (void)e;
  s.tension = std::max(0.0, value);
}

void Engine::apply(GameState& s, const Command& command) const {
  const ReasonCode code = checkCode(s, command);
  if (code != ReasonCode::None) throw std::invalid_argument(refusalMessage(s, command, code));
  Impl::applyLegal(*this, s, command);
}

ReasonCode Engine::tryApply(GameState& s, const Command& command) const {
  // Measures are most of what policies submit: checked and queued without the two visits.
  if (const auto* m = std::get_if<TakeMeasure>(&command)) {
    const ReasonCode code = checkMeasureCode(s, *m);
    if (code == ReasonCode::None) Impl::queueMeasure(*this, s, *m);
    return code;
  }
  const ReasonCode code = checkCode(s, command);
  if (code == ReasonCode::None) Impl::applyLegal(*this, s, command);
  return code;
}

void Engine::Impl::queueMeasure(const Engine& e, GameState& s, const TakeMeasure& m) {
  const int cost = e.m_def.measures[at(m.measure)].cost;
  s.capital[at(m.actor)] -= cost;
  s.queue.push_back({m.actor, m.measure, m.target, m.incident, s.nextSeq++, cost, m.entities});
  Impl::event(s, EventKind::MeasureQueued, m.actor, m.measure, m.target, m.incident);
}

void Engine::Impl::applyPropose(GameState& s, Propose&& p) {
  Proposal prop;
  prop.turn = s.turn;
  prop.from = p.from;
  prop.incident = p.incident;
  prop.to = std::move(p.to);
  prop.terms = std::move(p.terms);
  prop.replies.assign(prop.to.size(), ReplyKind::None);
  prop.naming = p.naming;
  prop.textNote = Impl::addNote(s, std::move(p.text));
  s.proposals.push_back(std::move(prop));
  Impl::event(s, EventKind::ProposalMade, p.from, static_cast<int>(s.proposals.size()) - 1);
  s.timeline.back().note = s.proposals.back().textNote;
}

void Engine::Impl::applyReply(const Engine& e, GameState& s, Reply&& r) {
  const ScenarioDef& def = e.m_def;
  const int note = Impl::addNote(s, std::move(r.reason));
  int counterId = -1;
  {
    Proposal& p = s.proposals[at(r.proposal)];
    const auto k = at(static_cast<int>(std::find(p.to.begin(), p.to.end(), r.actor) - p.to.begin()));
    p.replies[k] = r.kind;
    p.open = std::find(p.replies.begin(), p.replies.end(), ReplyKind::None) != p.replies.end();
  }
  // Copy what we need: adding a counter proposal may reallocate the vector.
  const int from = s.proposals[at(r.proposal)].from;
  const int incident = s.proposals[at(r.proposal)].incident;
  const int naming = s.proposals[at(r.proposal)].naming;
  if (r.kind == ReplyKind::Counter) {
    Proposal counter;
    counter.turn = s.turn;
    counter.from = r.actor;
    counter.incident = incident;
    counter.to = {from};
    counter.terms = std::move(r.counterTerms);
    // A counter that keeps the joint attribution keeps whom it names.
    if (e.hasTermOfKind(counter.terms, TermKind::JointAttribution)) counter.naming = naming;
    counter.replies = {ReplyKind::None};
    counter.counterOf = r.proposal;
    s.proposals.push_back(std::move(counter));
    counterId = static_cast<int>(s.proposals.size()) - 1;
  }
  Impl::event(s, EventKind::ProposalReplied, r.actor, r.proposal, static_cast<int>(r.kind), counterId);
  s.timeline.back().note = note;
  if (r.kind == ReplyKind::Accept) {
    // By index: nothing below adds or changes proposals, and no copy of the terms is made.
    for (std::size_t k = 0; k < s.proposals[at(r.proposal)].terms.size(); ++k) {
      const int t = s.proposals[at(r.proposal)].terms[k];
      // Only the joint attribution carries whom it names.
      const int named = def.terms[at(t)].kind == TermKind::JointAttribution ? naming : -1;
      bool exists = false;
      for (const Commitment& c : s.commitments)
        exists = exists || (!c.broken && c.term == t && c.incident == incident && c.naming == named &&
                            ((c.a == from && c.b == r.actor) || (c.a == r.actor && c.b == from)));
      if (exists) continue;  // already in force: no second on_accept bonus
      Commitment c;
      c.a = from;
      c.b = r.actor;
      c.term = t;
      c.incident = incident;
      c.turn = s.turn;
      c.naming = named;
      const double tensionBefore = s.tension;
      runEffects(e, s, def.terms[at(t)].onAccept, {from, r.actor, incident});
      // An agreement lowers tension only between parties on opposite sides (§5.1).
      if (s.tension < tensionBefore && !e.across(s, from, r.actor)) s.tension = tensionBefore;
      c.usedBefore = useBaseline(e, s, c);
      c.armed = !breachHolds(e, s, c);
      s.commitments.push_back(c);
      Impl::event(s, EventKind::CommitmentMade, from, r.actor, t, incident);
      if (named >= 0) s.timeline.back().value = named + 1;  // whom it names, for the sentence
      Impl::tensionMoved(s, tensionBefore, TensionCause::Agreement, from, t, r.actor);
    }
  }
}

ReasonCode Engine::tryApply(GameState& s, Command&& command) const {
  // A proposal's recipients, terms and text, a reply's reason and counter-terms: the state
  // keeps them, so they are moved in rather than copied. Refused commands are left whole.
  if (auto* p = std::get_if<Propose>(&command)) {
    const ReasonCode code = checkProposeCode(s, *p);
    if (code == ReasonCode::None) Impl::applyPropose(s, std::move(*p));
    return code;
  }
  if (auto* r = std::get_if<Reply>(&command)) {
    const ReasonCode code = checkCode(s, command);
    if (code == ReasonCode::None) Impl::applyReply(*this, s, std::move(*r));
    return code;
  }
  return tryApply(s, static_cast<const Command&>(command));
}

// The command has passed checkCode.
void Engine::Impl::applyLegal(const Engine& e, GameState& s, const Command& command) {
  const RuleConstants& rules = e.m_k;

  // One lambda per command type, no catch-all: a type left out does not compile.
  std::visit(Overloaded{
                 [&](const TakeMeasure& m) { Impl::queueMeasure(e, s, m); },
                 [&](const Propose& p) { Impl::applyPropose(s, Propose(p)); },
                 [&](const Reply& r) { Impl::applyReply(e, s, Reply(r)); },
                 [&](const DecideAttribution& dcref) {
                   const DecideAttribution* dc = &dcref;
                   const std::size_t k = at(dc->actor * s.incidentCount + dc->incident);
                   s.decided[k] = dc->candidate;
                   std::uint8_t& flags = s.attributionFlags[k];
                   flags = static_cast<std::uint8_t>(dc->harbouring ? flags | GameState::kHarbouring
                                                                    : flags & ~GameState::kHarbouring);
                   Impl::event(s, EventKind::AttributionDecided, dc->actor, dc->incident, dc->candidate,
                               dc->harbouring ? 1 : -1);
                 },
                 [&](const Disclose& dsref) {
                   const Disclose* ds = &dsref;
                   const int accused = s.decision(ds->actor, ds->incident);
                   const double trustCost = ds->kind == Disclosure::Private ? rules.disclosureTrustPrivate
                                                                            : rules.disclosureTrustPublic;
                   const bool harbouring = s.harbouring(ds->actor, ds->incident);
                   s.disclosed[at(ds->actor * s.incidentCount + ds->incident)] = ds->kind;
                   Impl::addTrust(s, accused, ds->actor, -trustCost);
                   Impl::event(s, EventKind::AttributionDisclosed, ds->actor, ds->incident, accused,
                               static_cast<int>(ds->kind));
                   s.timeline.back().value2 = harbouring ? 1 : 0;
                   if (ds->kind == Disclosure::Joint) {
                     for (int p : ds->partners) {
                       s.disclosed[at(p * s.incidentCount + ds->incident)] = Disclosure::Joint;
                       Impl::addTrust(s, accused, p, -trustCost);
                       Impl::event(s, EventKind::AttributionDisclosed, p, ds->incident, accused,
                                   static_cast<int>(ds->kind));
                       s.timeline.back().value2 = harbouring ? 1 : 0;
                     }
                   }
                 },
                 [&](const Withdraw& w) {
                   // Taken back at a credibility cost; the decision stays and may change again.
                   const std::size_t k = at(w.actor * s.incidentCount + w.incident);
                   const Disclosure was = s.disclosed[k];
                   const double delta = was == Disclosure::Private ? rules.withdrawPrivateCredibility
                                                                   : rules.withdrawPublicCredibility;
                   s.disclosed[k] = Disclosure::None;
                   s.attributionFlags[k] =
                       static_cast<std::uint8_t>(s.attributionFlags[k] & ~GameState::kContradicted);
                   Impl::addCredibility(e, s, w.actor, delta);
                   Impl::event(s, EventKind::AttributionWithdrawn, w.actor, w.incident, s.decided[k],
                               static_cast<int>(was));
                   s.timeline.back().value = delta;
                   s.timeline.back().value2 = s.harbouring(w.actor, w.incident) ? 1 : 0;
                 },
                 [&](const EndPhase&) {
                   switch (s.phase) {
                     case Phase::Briefing:
                       s.phase = Phase::Deliberation;
                       Impl::event(s, EventKind::PhaseStarted, -1, static_cast<int>(s.phase));
                       break;
                     case Phase::Deliberation:
                       s.phase = Phase::Resolution;
                       Impl::event(s, EventKind::PhaseStarted, -1, static_cast<int>(s.phase));
                       Impl::resolve(e, s);
                       break;
                     case Phase::Resolution:
                       s.phase = Phase::Consequences;
                       Impl::event(s, EventKind::PhaseStarted, -1, static_cast<int>(s.phase));
                       Impl::consequences(e, s);
                       break;
                     case Phase::Consequences:
                       s.resolved.clear();
                       ++s.turn;
                       s.phase = Phase::Briefing;
                       Impl::briefing(e, s);
                       break;
                     case Phase::Ended:
                       break;
                   }
                 },
                 [&](const Pause&) {
                   s.paused = true;
                   Impl::event(s, EventKind::Paused);
                 },
                 [&](const Resume&) {
                   s.paused = false;
                   Impl::event(s, EventKind::Resumed);
                 },
                 [&](const InjectNow& j) { Impl::fireInject(e, s, j.inject, true); },
                 [&](const AdjustMeter& amref) {
                   const AdjustMeter* am = &amref;
                   double& m = s.meters[at(am->actor * s.meterCount + am->meter)];
                   const double before = m;
                   m = clampd(m + am->delta, 0, 100);
                   Impl::event(s, EventKind::MeterAdjusted, am->actor, am->meter);
                   s.timeline.back().value = am->delta;
                   s.timeline.back().value2 = m - before;
                   s.timeline.back().note = Impl::addNote(s, am->reason);
                 },
                 [&](const RevealTruth&) { Impl::revealTruth(e, s); },
                 [&](const EndExercise&) { Impl::endWith(e, s, -1); },
                 [&](const UndoTurn&) {},  // Session applies it; checkCode never lets it through
                 [&](const AssignSeat& as) {
                   // The seat table is Session's; the timeline says who now plays the seat.
                   Impl::event(s, EventKind::SeatAssigned, as.actor, static_cast<int>(as.seat.kind),
                               as.seat.difficulty, as.seat.browser ? 1 : -1);
                 },
                 [&](const RecordUndo& u) {
                   Impl::event(s, EventKind::TurnUndone, -1, u.fromTurn, u.toTurn, u.commands);
                 },
                 [&](const SetTimer&) {},  // the clock is read from the log (Session::deliberationSeconds)
             },
             command);
}

std::optional<Refusal> Engine::submit(GameState& state, const Command& command) const {
  const ReasonCode code = checkCode(state, command);
  if (code != ReasonCode::None) return Refusal{code, refusalMessage(state, command, code)};
  Impl::applyLegal(*this, state, command);
  return std::nullopt;
}

// [SECTION] Resolution

// All queued measures resolve together, sorted by category rank (categoryRank), then actor
// index, then submission order. Each is checked again (capital excepted: it was reserved);
// a measure whose conditions no longer hold fails, is refunded, and the timeline says why.
void Engine::Impl::resolve(const Engine& e, GameState& s) {
  std::vector<QueuedMeasure> queue;
  queue.swap(s.queue);
  std::sort(queue.begin(), queue.end(), [&e](const QueuedMeasure& x, const QueuedMeasure& y) {
    const int rx = e.m_measureRank[at(x.measure)];
    const int ry = e.m_measureRank[at(y.measure)];
    if (rx != ry) return rx < ry;
    if (x.actor != y.actor) return x.actor < y.actor;
    return x.seq < y.seq;
  });
  for (const QueuedMeasure& q : queue) {
    const TakeMeasure m{q.actor, q.measure, q.target, q.incident, q.entities};
    const ReasonCode why = checkMeasure(e, s, m, true);
    if (why != ReasonCode::None) {
      s.capital[at(q.actor)] += q.cost;
      event(s, EventKind::MeasureFailed, q.actor, q.measure, q.target, q.incident);
      s.timeline.back().reason = why;
      // What the reason's sentence names (the decision, the confidence...) as it is now: by the
      // time someone reads the timeline, those may have changed.
      s.timeline.back().value = e.refusalValue(s, Command{m}, why);
      continue;
    }
    const MeasureDef& md = e.m_def.measures[at(q.measure)];
    ++s.used[at(q.actor * s.measureCount + q.measure)];
    const double tensionBefore = s.tension;
    const double economyBefore = e.m_economyMeter >= 0 ? s.meter(q.actor, e.m_economyMeter) : 0;
    if (q.entities == 0) {
      runEffects(e, s, md.effects, {q.actor, q.target, q.incident});
    } else {
      // A listing's effects fall on each actor whose entities it names, once (§2.2).
      std::vector<int> owners;
      e.ownersOf(q.entities, owners);
      for (int owner : owners) runEffects(e, s, md.effects, {q.actor, owner, q.incident});
    }
    // Effects lower tension only across the crisis (§5.1); what they raise stands.
    if (s.tension < tensionBefore && !easesCrisis(e, s, q.actor, q.measure, q.target))
      s.tension = tensionBefore;
    // Sanctions cost the imposer once (§2.1): the measure's own cost to its economy if its
    // effects charge one, else the engine's, which a bloc's members share if the bloc says so.
    if (md.category == MeasureCategory::Restrictive && e.m_economyMeter >= 0 &&
        (q.target >= 0 || q.entities) && s.meter(q.actor, e.m_economyMeter) >= economyBefore)
      chargeSanctionsCost(e, s, q.actor, md.bloc);
    switch (md.attribution) {
      case AttributionAct::None:
        break;
      case AttributionAct::Decide: {
        const std::size_t k = at(q.actor * s.incidentCount + q.incident);
        s.decided[k] = q.target;
        s.attributionFlags[k] = static_cast<std::uint8_t>(s.attributionFlags[k] & ~GameState::kHarbouring);
        event(s, EventKind::AttributionDecided, q.actor, q.incident, q.target);
      } break;
      case AttributionAct::DisclosePrivately:
      case AttributionAct::DisclosePublicly:
      case AttributionAct::DiscloseJointly: {
        const Disclosure kind = md.attribution == AttributionAct::DisclosePrivately  ? Disclosure::Private
                                : md.attribution == AttributionAct::DisclosePublicly ? Disclosure::Public
                                                                                     : Disclosure::Joint;
        Disclosure& mine = s.disclosed[at(q.actor * s.incidentCount + q.incident)];
        if (disclosureRank(kind) > disclosureRank(mine)) mine = kind;
        event(s, EventKind::AttributionDisclosed, q.actor, q.incident, q.target, static_cast<int>(kind));
        if (kind == Disclosure::Joint) {
          // Partners who agreed to attribute jointly and decided the same join the statement.
          for (int p = 0; p < s.actorCount; ++p) {
            if (p == q.actor || s.decision(p, q.incident) != q.target) continue;
            if (!actsAsAState(e.m_def.actors[at(p)].kind)) continue;  // a company joins no state's statement
            if (!e.hasJointAgreement(s, q.actor, p, q.incident, q.target)) continue;
            // A bloc joins only with its members' consent (§4.3).
            if (Impl::firstWithoutConsent(e, s, p, p, TermKind::JointAttribution, q.incident, q.target) >= 0)
              continue;
            s.disclosed[at(p * s.incidentCount + q.incident)] = Disclosure::Joint;
            event(s, EventKind::AttributionDisclosed, p, q.incident, q.target, static_cast<int>(kind));
          }
        }
        break;
      }
    }
    if (md.investigates && q.incident >= 0) {
      int found = 0;
      for (int ev : e.m_evidenceOf[at(q.incident)]) {
        const EvidenceDef& ed = e.m_def.evidence[at(ev)];
        if (ed.reveal != EvidenceDef::Reveal::Investigation || s.hasSeen(q.actor, ev)) continue;
        // `reveal.to` names who can find it: an investigation by anyone else draws nothing.
        if (!ed.revealTo.empty() &&
            std::find(ed.revealTo.begin(), ed.revealTo.end(), q.actor) == ed.revealTo.end())
          continue;
        if (s.rng.chance(ed.investigationChance)) {
          see(e, s, q.actor, ev, 1, -1);
          ++found;
        }
      }
      event(s, EventKind::InvestigationFound, q.actor, q.incident, found);
    }
    event(s, EventKind::MeasureResolved, q.actor, q.measure, q.target, q.incident);
    if (q.entities != 0) {
      s.listings.push_back({s.turn, q.actor, q.measure, q.incident, q.entities});
      event(s, EventKind::EntitiesListed, q.actor, q.measure, static_cast<int>(s.listings.size() - 1),
            q.incident);
    }
    // A covert measure's tension move names neither its actor nor the measure (§10).
    if (md.covert)
      tensionMoved(s, tensionBefore, TensionCause::Measure, -1, -1, -1);
    else
      tensionMoved(s, tensionBefore, TensionCause::Measure, q.actor, q.measure, q.target);
    s.resolved.push_back({q.actor, q.measure, q.target, q.incident, q.entities});
  }
  for (std::size_t id = 0; id < s.proposals.size(); ++id) {
    Proposal& p = s.proposals[id];
    if (!p.open) continue;
    p.open = false;
    event(s, EventKind::ProposalExpired, p.from, static_cast<int>(id));
  }
  // The state's queue is empty again; give it back this buffer, so next turn's queue does not
  // allocate as it grows.
  queue.clear();
  if (s.queue.empty()) s.queue.swap(queue);
}

// [SECTION] Consequences, endings, truth

// In order: tension moves by each resolved measure's escalation tag (an off-ramp of the
// current rung de-escalates offRampFactor times more); norm breaking and upholding change
// credibility and trust; the rung is recomputed; commitments are checked for breach;
// endings are checked in file order; at the last turn the at_last_turn ending fires.
void Engine::Impl::consequences(const Engine& e, GameState& s) {
  const ScenarioDef& d = e.m_def;
  const LadderDef& ladder = d.ladder;
  const double tensionBefore = s.tension;
  const int rungBefore = s.rung;
  for (const ResolvedMeasure& r : s.resolved) {
    const MeasureDef& md = d.measures[at(r.measure)];
    // De-escalation counts only across the crisis (§5.1), off-ramps included.
    if (md.escalation == EscalationTag::Deescalatory && !easesCrisis(e, s, r.actor, r.measure, r.target))
      continue;
    double step = md.escalation == EscalationTag::Escalatory     ? ladder.escalatoryStep
                  : md.escalation == EscalationTag::Deescalatory ? ladder.deescalatoryStep
                                                                 : ladder.proportionateStep;
    if (md.escalation == EscalationTag::Deescalatory && s.rung < static_cast<int>(ladder.rungs.size()) &&
        contains(ladder.rungs[at(s.rung)].offRamps, r.measure))
      step *= e.m_k.offRampFactor;
    setTension(e, s, s.tension + step);
  }
  // Norms: mean norm commitment of everyone else weighs the breaker's credibility loss; each
  // other actor's trust falls with its own commitment to the norms.
  for (const ResolvedMeasure& r : s.resolved) {
    const MeasureDef& md = d.measures[at(r.measure)];
    if (md.breaksNorms.empty() && md.upholdsNorms.empty()) continue;
    const double mean = e.m_othersNormMean[at(r.actor)];
    if (!md.breaksNorms.empty()) {
      const double n = static_cast<double>(md.breaksNorms.size());
      const double lost = e.m_k.normCredibilityPerNorm * n * mean;
      addCredibility(e, s, r.actor, -lost);
      for (int j = 0; j < s.actorCount; ++j)
        if (j != r.actor)
          addTrust(s, j, r.actor, -e.m_k.normTrustPerNorm * n * d.actors[at(j)].doctrine.normCommitment);
      event(s, EventKind::NormBroken, r.actor, r.measure, static_cast<int>(md.breaksNorms.size()));
      s.timeline.back().value = lost;
    }
    if (!md.upholdsNorms.empty())
      addCredibility(e, s, r.actor,
                     e.m_k.upholdCredibilityPerNorm * static_cast<double>(md.upholdsNorms.size()) * mean);
  }
  if (s.tension != tensionBefore) {
    event(s, EventKind::TensionChanged);
    s.timeline.back().value = s.tension;
    s.timeline.back().value2 = s.tension - tensionBefore;
  }
  s.rung = e.rungFor(s.tension);
  if (s.rung != rungBefore) event(s, EventKind::RungChanged, -1, rungBefore, s.rung);

  // Commitments: a breach is breaks_when becoming true. The breaker is the party whose
  // measures resolved this turn (both if both acted; nobody is blamed if neither did, and
  // the agreement lapses).
  for (std::size_t i = 0; i < s.commitments.size(); ++i) {
    const Commitment& c = s.commitments[i];
    if (c.broken) continue;
    const TermDef& td = d.terms[at(c.term)];
    if (!td.breaksWhen.root) continue;
    if (!breachHolds(e, s, c)) {
      s.commitments[i].armed = true;
      continue;
    }
    if (!c.armed) continue;
    bool aActed = false, bActed = false;
    for (const ResolvedMeasure& r : s.resolved) {
      aActed = aActed || r.actor == c.a;
      bActed = bActed || r.actor == c.b;
    }
    s.commitments[i].broken = true;
    s.commitments[i].breaker = aActed && !bActed ? c.a : (bActed && !aActed ? c.b : -1);
    const int breakers[2] = {aActed ? c.a : -1, bActed ? c.b : -1};
    for (int breaker : breakers) {
      if (breaker < 0) continue;
      const int other = breaker == c.a ? c.b : c.a;
      addCredibility(e, s, breaker, -td.breachCredibility);
      addTrust(s, other, breaker, -td.breachTrust);
      event(s, EventKind::CommitmentBroken, breaker, other, c.term, c.incident);
      s.timeline.back().value = td.breachCredibility;
    }
    if (!aActed && !bActed) event(s, EventKind::CommitmentBroken, -1, c.a, c.term, c.b);
  }

  contradictions(e, s);

  for (int en = 0; en < s.endingCount; ++en) {
    const EndingDef& ed = d.endings[at(en)];
    if (!ed.when.root) continue;
    if (evalCondition(e, s, ed.when, {})) {
      endWith(e, s, en);
      return;
    }
  }
  if (s.turn >= d.turns) {
    int ending = -1;
    for (int en = 0; en < s.endingCount && ending < 0; ++en)
      if (d.endings[at(en)].atLastTurn) ending = en;
    for (int en = 0; en < s.endingCount && ending < 0; ++en)
      if (!d.endings[at(en)].when.root) ending = en;
    endWith(e, s, ending);
  }
}

// A public (or joint) attribution is contradicted, once, when the discloser's own assessment
// now makes another candidate more probable than the one it named (stronger evidence), or when
// a partner (an agreement in force with it, or a bloc in common) has publicly named another
// candidate. It costs credibility then, not only when the truth comes out (§3.7).
void Engine::Impl::contradictions(const Engine& e, GameState& s) {
  for (int i = 0; i < s.incidentCount; ++i) {
    for (int a = 0; a < s.actorCount; ++a) {
      const std::size_t k = at(a * s.incidentCount + i);
      const Disclosure d = s.disclosed[k];
      const int named = s.decided[k];
      if ((s.attributionFlags[k] & GameState::kContradicted) || named < 0 ||
          (d != Disclosure::Public && d != Disclosure::Joint))
        continue;
      const bool harbouring = (s.attributionFlags[k] & GameState::kHarbouring) != 0;
      // Who ran or sponsored it knows the truth: its false claims wait for the truth to come out.
      const TruthDef& truth = e.m_def.incidents[at(i)].truth;
      bool byEvidence = false;
      const double mine = e.namedProbability(s, a, i, named);
      // A harbouring judgment is contradicted when a suspect based elsewhere becomes the more
      // probable culprit than all those based in the named state together.
      if (a != truth.operatorActor && a != truth.sponsor)
        for (int c : e.m_def.incidents[at(i)].candidates)
          byEvidence = byEvidence || ((harbouring ? e.m_def.actors[at(c)].basedIn != named : c != named) &&
                                      e.probability(s, a, i, c) > mine);
      int partner = -1;
      for (int p = 0; p < s.actorCount && !byEvidence && partner < 0; ++p) {
        if (p == a || s.decision(p, i) < 0) continue;
        // A partner naming the group behind it does not contradict holding its host to account.
        if (s.decision(p, i) == named ||
            (harbouring && !s.harbouring(p, i) && e.m_def.actors[at(s.decision(p, i))].basedIn == named) ||
            (!harbouring && s.harbouring(p, i) && e.m_def.actors[at(named)].basedIn == s.decision(p, i)))
          continue;
        const Disclosure pd = s.disclosure(p, i);
        if (pd != Disclosure::Public && pd != Disclosure::Joint) continue;
        bool partners = false;
        for (const Commitment& c : s.commitments)
          partners = partners || (!c.broken && ((c.a == a && c.b == p) || (c.a == p && c.b == a)));
        for (int bloc : e.m_blocsOf[at(a)])
          partners = partners || bloc == p || contains(e.m_blocsOf[at(p)], bloc);
        partners = partners || contains(e.m_blocsOf[at(p)], a);
        if (partners) partner = p;
      }
      if (!byEvidence && partner < 0) continue;
      s.attributionFlags[k] = static_cast<std::uint8_t>(s.attributionFlags[k] | GameState::kContradicted);
      addCredibility(e, s, a, e.m_k.contradictedCredibility);
      event(s, EventKind::AttributionContradicted, a, i, named,
            static_cast<int>(byEvidence ? ContradictedBy::Evidence : ContradictedBy::Partner));
      s.timeline.back().value = e.m_k.contradictedCredibility;
      s.timeline.back().value2 = partner;
    }
  }
}

void Engine::Impl::endWith(const Engine& e, GameState& s, int ending) {
  s.ending = ending;
  s.phase = Phase::Ended;
  s.paused = false;
  // Unresolved measures are dropped and refunded (the exercise is over).
  for (const QueuedMeasure& q : s.queue) s.capital[at(q.actor)] += q.cost;
  s.queue.clear();
  event(s, EventKind::EndingReached, -1, ending);
  if (!s.truthRevealed) revealTruth(e, s);
}

// The truth comes out: every disclosed attribution is judged. Naming the operator or the
// sponsor is right. Public and joint statements weigh more than private démarches, and the
// wrongly accused trusts the accuser less.
void Engine::Impl::revealTruth(const Engine& e, GameState& s) {
  s.truthRevealed = true;
  event(s, EventKind::TruthRevealed);
  // Covert measures were seen only by their actors: the truth names who took them (§10).
  const std::size_t logged = s.timeline.size();
  for (std::size_t k = 0; k < logged; ++k) {
    // Tested in place, copied only when it is one (event() below may move the timeline).
    if (s.timeline[k].kind != EventKind::MeasureResolved || !e.m_def.measures[at(s.timeline[k].a)].covert)
      continue;
    const Event ev = s.timeline[k];
    event(s, EventKind::CovertExposed, ev.actor, ev.a, ev.b, ev.c);
    s.timeline.back().value = ev.turn;
  }
  for (int i = 0; i < s.incidentCount; ++i) {
    const TruthDef& truth = e.m_def.incidents[at(i)].truth;
    for (int a = 0; a < s.actorCount; ++a) {
      const Disclosure d = s.disclosure(a, i);
      const int named = s.decision(a, i);
      if (d == Disclosure::None || named < 0) continue;
      // Harbouring is a distinct judgment (§3.8): right only if the named state knowingly let the
      // operator act from its territory; naming that state as the operator is wrong.
      const bool harbouring = s.harbouring(a, i);
      const bool right = harbouring
                             ? contains(truth.harbouredBy, named)
                             : named == truth.operatorActor || (truth.sponsor >= 0 && named == truth.sponsor);
      const bool isPublic = d == Disclosure::Public || d == Disclosure::Joint;
      const double delta = isPublic ? (right ? e.m_k.rightPublicCredibility : e.m_k.wrongPublicCredibility)
                                    : (right ? e.m_k.rightPrivateCredibility : e.m_k.wrongPrivateCredibility);
      addCredibility(e, s, a, delta);
      if (!right) addTrust(s, named, a, -e.m_k.wrongAccusedTrust);
      event(s, EventKind::AttributionJudged, a, i, named, right ? 1 : 0);
      s.timeline.back().value = delta;
      s.timeline.back().value2 = harbouring ? 1 : 0;
    }
  }
  // Listings are judged on their own (§2.2): one that named an entity that took no part in the
  // incident costs its author credibility; what it says of the entities' owners is no attribution.
  for (std::size_t id = 0; id < s.listings.size(); ++id) {
    const Listing l = s.listings[id];
    int wrong = 0;
    for (std::uint64_t rest = l.entities; rest != 0; rest &= rest - 1)
      if (!contains(e.m_def.entities[at(std::countr_zero(rest))].involvedIn, l.incident)) ++wrong;
    const double delta = wrong > 0 ? e.m_k.wrongListingCredibility : 0;
    if (wrong > 0) addCredibility(e, s, l.actor, delta);
    event(s, EventKind::ListingJudged, l.actor, static_cast<int>(id), wrong);
    s.timeline.back().value = delta;
  }
}

std::uint64_t Engine::listableNow(const GameState& s, int actor, int measure, int incident, int owner) const {
  if (owner < 0 || owner >= s.actorCount || measure < 0 || measure >= s.measureCount) return 0;
  std::uint64_t out = listable(measure, owner);
  for (const Listing& l : s.listings)
    if (l.actor == actor && l.measure == measure && l.incident == incident) out &= ~l.entities;
  return out;
}

void Engine::ownersOf(std::uint64_t entities, std::vector<int>& out) const {
  out.clear();
  for (int a = 0; a < static_cast<int>(m_entitiesOf.size()); ++a)
    if ((m_entitiesOf[at(a)] & entities) != 0) out.push_back(a);
}

// [SECTION] Legal commands

void Engine::affordableMeasures(const GameState& s, int actor, std::vector<int>& out) const {
  if (actor < 0 || actor >= s.actorCount) return;
  const unsigned bit = 1u << static_cast<unsigned>(m_def.actors[at(actor)].kind);
  const int capital = s.capital[at(actor)];
  const int n = static_cast<int>(m_measureCost.size());
  for (int m = 0; m < n; ++m)
    if (m_measureCost[at(m)] <= capital && (m_usableMask[at(m)] & bit)) out.push_back(m);
}

std::span<const int> Engine::affordableMeasureList(const GameState& s, int actor,
                                                   std::vector<int>& scratch) const {
  if (actor < 0 || actor >= s.actorCount) return {};
  const int capital = s.capital[at(actor)];
  if (m_capitalSteps == 0) {
    scratch.clear();
    affordableMeasures(s, actor, scratch);
    return scratch;
  }
  if (capital < m_minCost) return {};
  const int step = std::min(capital - m_minCost, m_capitalSteps - 1);
  const int kind = static_cast<int>(m_def.actors[at(actor)].kind);
  return m_affordableTable[at(kind * m_capitalSteps + step)];
}

void Engine::legalMeasures(const GameState& s, int actor, std::vector<TakeMeasure>& out) const {
  if (s.phase != Phase::Deliberation || s.paused || actor < 0 || actor >= s.actorCount) return;
  const ActorDef& ad = m_def.actors[at(actor)];
  const int capital = s.capital[at(actor)];
  for (int m = 0; m < s.measureCount; ++m) {
    const MeasureDef& md = m_def.measures[at(m)];
    // Cheap filters first: most measures fail here without touching expressions.
    if (md.cost > capital) continue;
    if (!(m_usableMask[at(m)] & (1u << static_cast<unsigned>(ad.kind)))) continue;
    if (md.maxUses > 0 && s.timesUsed(actor, m) >= md.maxUses) continue;
    if (md.bloc >= 0 && actor != md.bloc && !contains(ad.blocs, md.bloc)) continue;
    const bool needsActor = namesActor(md.target);
    const bool needsIncident = namesIncident(md.target);
    const int firstIncident = needsIncident ? 0 : -1;
    const int lastIncident = needsIncident ? s.incidentCount - 1 : -1;
    if (md.target == TargetKind::Entities) {
      for (int i = 0; i < s.incidentCount; ++i) {
        if (!s.incidentRevealed[at(i)]) continue;
        for (int c : m_def.incidents[at(i)].candidates) {
          const TakeMeasure tm{actor, m, -1, i, listableNow(s, actor, m, i, c)};
          if (c != actor && tm.entities != 0 && Impl::checkMeasure(*this, s, tm, false) == ReasonCode::None)
            out.push_back(tm);
        }
      }
      continue;
    }
    for (int i = firstIncident; i <= lastIncident; ++i) {
      if (i >= 0 && !s.incidentRevealed[at(i)]) continue;
      if (needsActor && md.attribution != AttributionAct::None && i >= 0) {
        // Attribution acts only make sense against candidates: skip the rest early.
        for (int c : m_def.incidents[at(i)].candidates) {
          if (c == actor) continue;
          const TakeMeasure tm{actor, m, c, i};
          if (Impl::checkMeasure(*this, s, tm, false) == ReasonCode::None) out.push_back(tm);
        }
        continue;
      }
      const int firstTarget = needsActor ? 0 : -1;
      const int lastTarget = needsActor ? s.actorCount - 1 : -1;
      for (int t = firstTarget; t <= lastTarget; ++t) {
        if (t == actor) continue;
        const TakeMeasure tm{actor, m, t, i};
        if (Impl::checkMeasure(*this, s, tm, false) == ReasonCode::None) out.push_back(tm);
      }
    }
  }
}

std::vector<Command> Engine::legalCommands(const GameState& state, int actor) const {
  std::vector<TakeMeasure> measures;
  legalMeasures(state, actor, measures);
  std::vector<Command> out(measures.begin(), measures.end());
  if (state.phase != Phase::Ended && !state.paused) out.emplace_back(EndPhase{});
  return out;
}

}  // namespace demarche
