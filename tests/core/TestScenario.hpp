// Builds ScenarioDefs in C++ for the engine's tests and benchmarks (no YAML): a fluent
// builder whose expressions are parsed with the real expression parser against a symbol
// table over the definition being built, plus a generator of winter-grid-like scenarios of
// any size. Add ids first, then the expressions that name them.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/Definitions.hpp"
#include "core/Expr.hpp"

namespace demarche::test {

class DefSymbols final : public expr::SymbolTable {
 public:
  explicit DefSymbols(const ScenarioDef& def) : m_def(def) {}
  std::optional<int> find(expr::IdKind kind, std::string_view name) const override {
    using K = expr::IdKind;
    switch (kind) {
      case K::Actor:
        return byId(m_def.actors, name);
      case K::Incident:
        return byId(m_def.incidents, name);
      case K::Evidence:
        return byId(m_def.evidence, name);
      case K::Measure:
        return byId(m_def.measures, name);
      case K::Term:
        return byId(m_def.terms, name);
      case K::Inject:
        return byId(m_def.injects, name);
      case K::Ending:
        return byId(m_def.endings, name);
      case K::Meter:
        return byName(m_def.meterNames, name);
      case K::Capability:
        return byName(m_def.capabilityNames, name);
      case K::ActorKind:
        break;  // the parser's own words
    }
    return std::nullopt;
  }
  std::vector<std::string> names(expr::IdKind) const override { return {}; }

 private:
  template <class V>
  static std::optional<int> byId(const V& v, std::string_view name) {
    for (std::size_t i = 0; i < v.size(); ++i)
      if (v[i].id == name) return static_cast<int>(i);
    return std::nullopt;
  }
  static std::optional<int> byName(const std::vector<std::string>& v, std::string_view name) {
    for (std::size_t i = 0; i < v.size(); ++i)
      if (v[i] == name) return static_cast<int>(i);
    return std::nullopt;
  }
  const ScenarioDef& m_def;
};

inline constexpr expr::Scope kAllScope{true, true, true};

inline Condition parseCond(const ScenarioDef& def, std::string_view text, expr::Scope scope = kAllScope) {
  DefSymbols symbols(def);
  auto r = expr::parseCondition(text, symbols, scope);
  if (!r.errors.empty())
    throw std::runtime_error("test condition '" + std::string(text) + "': " + r.errors[0].message);
  return Condition{std::string(text), r.root};
}

inline EffectDef parseEff(const ScenarioDef& def, std::string_view text, expr::Scope scope = kAllScope) {
  DefSymbols symbols(def);
  auto r = expr::parseEffect(text, symbols, scope);
  if (!r.errors.empty() || !r.effect)
    throw std::runtime_error("test effect '" + std::string(text) +
                             "': " + (r.errors.empty() ? std::string("?") : r.errors[0].message));
  return EffectDef{std::string(text), *r.effect};
}

// Fluent builder. Every add* returns the new index.
class TestScenario {
 public:
  ScenarioDef def;

  TestScenario() {
    def.id = "test";
    def.title = Text::plain("en", "Test scenario");
    def.turns = 6;
    def.seed = 42;
    def.meterNames = {"credibility", "domestic_pressure", "economy", "resilience"};
    def.capabilityNames = {"cyber_offence", "cyber_defence", "intelligence", "sanctions_reach"};
    def.ladder.initialTension = 10;
    def.ladder.escalatoryStep = 10;
    def.ladder.proportionateStep = 3;
    def.ladder.deescalatoryStep = -8;
    def.ladder.rungs = {rung("competition", 0), rung("crisis", 30), rung("confrontation", 60),
                        rung("armed_conflict", 90, true)};
  }

  static RungDef rung(std::string id, double threshold, bool armed = false) {
    RungDef r;
    r.name = Text::plain("en", id);
    r.id = std::move(id);
    r.threshold = threshold;
    r.armedConflict = armed;
    return r;
  }

  int actor(std::string id, ActorKind kind = ActorKind::State, std::vector<int> blocs = {}, int capital = 3,
            double normCommitment = 0.5) {
    ActorDef a;
    a.name = Text::plain("en", id);
    a.id = std::move(id);
    a.kind = kind;
    a.meters.assign(def.meterNames.size(), 50.0);
    a.capabilities.assign(def.capabilityNames.size(), 5.0);
    a.blocs = std::move(blocs);
    a.capitalPerTurn = capital;
    a.doctrine.normCommitment = normCommitment;
    def.actors.push_back(std::move(a));
    return static_cast<int>(def.actors.size()) - 1;
  }

  int relation(int a, int b, double trust) {
    RelationDef r;
    r.a = a;
    r.b = b;
    r.trust = trust;
    def.relations.push_back(r);
    return static_cast<int>(def.relations.size()) - 1;
  }

  int incident(std::string id, int victim, std::vector<int> candidates, std::vector<double> priors,
               int operatorActor, int revealTurn = 1) {
    IncidentDef i;
    i.title = Text::plain("en", id);
    i.id = std::move(id);
    i.victim = victim;
    i.candidates = std::move(candidates);
    i.priors = std::move(priors);
    i.truth.operatorActor = operatorActor;
    i.revealTurn = revealTurn;
    def.incidents.push_back(std::move(i));
    return static_cast<int>(def.incidents.size()) - 1;
  }

  int evidence(std::string id, int incident, std::vector<std::pair<int, double>> pointsTo, double reliability,
               EvidenceDef::Reveal reveal = EvidenceDef::Reveal::Turn, int revealTurn = 1,
               std::vector<int> to = {}, double investigationChance = 0.5, bool planted = false) {
    EvidenceDef e;
    e.title = Text::plain("en", id);
    e.id = std::move(id);
    e.incident = incident;
    e.pointsTo = std::move(pointsTo);
    e.reliability = reliability;
    e.reveal = reveal;
    e.revealTurn = revealTurn;
    e.revealTo = std::move(to);
    e.investigationChance = investigationChance;
    e.planted = planted;
    def.evidence.push_back(std::move(e));
    return static_cast<int>(def.evidence.size()) - 1;
  }

  // A measure; fill the returned reference's fields, then call require()/effects() by index.
  int measure(std::string id, MeasureCategory category, int cost, TargetKind target,
              EscalationTag escalation = EscalationTag::Proportionate) {
    MeasureDef m;
    m.name = Text::plain("en", id);
    m.id = std::move(id);
    m.category = category;
    m.cost = cost;
    m.target = target;
    m.escalation = escalation;
    def.measures.push_back(std::move(m));
    return static_cast<int>(def.measures.size()) - 1;
  }
  MeasureDef& m(int index) { return def.measures[static_cast<std::size_t>(index)]; }
  void require(int measure, std::string_view cond, std::string reason = {}) {
    m(measure).requirement = parseCond(def, cond);
    if (!reason.empty()) m(measure).requiresReason = Text::plain(def.language, std::move(reason));
  }
  void effects(int measure, std::vector<std::string_view> effs) {
    for (auto e : effs) m(measure).effects.push_back(parseEff(def, e));
  }

  int term(std::string id, TermKind kind, std::vector<std::string_view> onAccept = {},
           std::string_view breaksWhen = {}, double breachCredibility = 10, double breachTrust = 20) {
    TermDef t;
    t.name = Text::plain("en", id);
    t.id = std::move(id);
    t.kind = kind;
    t.breachCredibility = breachCredibility;
    t.breachTrust = breachTrust;
    def.terms.push_back(std::move(t));
    TermDef& ref = def.terms.back();
    for (auto e : onAccept) ref.onAccept.push_back(parseEff(def, e, {true, true, true}));
    if (!breaksWhen.empty()) ref.breaksWhen = parseCond(def, breaksWhen, {true, true, true});
    return static_cast<int>(def.terms.size()) - 1;
  }

  int inject(std::string id, int turn, std::string_view when = {}, std::vector<std::string_view> effs = {},
             std::vector<int> reveals = {}, std::vector<int> audience = {}) {
    InjectDef j;
    j.title = Text::plain("en", id);
    j.id = std::move(id);
    j.turn = turn;
    j.reveals = std::move(reveals);
    j.audience = std::move(audience);
    def.injects.push_back(std::move(j));
    InjectDef& ref = def.injects.back();
    if (!when.empty()) ref.when = parseCond(def, when, {});
    for (auto e : effs) ref.effects.push_back(parseEff(def, e, {}));
    return static_cast<int>(def.injects.size()) - 1;
  }

  int ending(std::string id, EndingKind kind, std::string_view when = {}, bool atLastTurn = false) {
    EndingDef e;
    e.title = Text::plain("en", id);
    e.id = std::move(id);
    e.kind = kind;
    e.atLastTurn = atLastTurn;
    def.endings.push_back(std::move(e));
    if (!when.empty()) def.endings.back().when = parseCond(def, when, {});
    return static_cast<int>(def.endings.size()) - 1;
  }

  int objective(std::string id, int actor, std::string_view cond, int score) {
    ObjectiveDef o;
    o.description = Text::plain("en", id);
    o.id = std::move(id);
    o.actor = actor;
    o.score = score;
    o.condition = parseCond(def, cond, {true, false, false});
    def.objectives.push_back(std::move(o));
    return static_cast<int>(def.objectives.size()) - 1;
  }
};

// A scenario shaped like winter-grid (a victim, an aggressor, allies in a bloc, proxies,
// a grid incident with real and planted evidence, a catalogue of `measureCount` measures of
// every category, the standard terms, injects, endings) scaled to `actorCount` actors.
// Deterministic in its arguments. Used by the engine benchmarks and random-play tests.
inline ScenarioDef generatedScenario(int actorCount, int measureCount, int turns = 7) {
  TestScenario t;
  t.def.id = "generated";
  t.def.turns = turns;
  const int n = actorCount < 4 ? 4 : actorCount;
  // 0 eu (bloc), 1 ukr (victim), 2 rus (aggressor), 3 hacktivists; the rest are states in the EU.
  t.actor("eu", ActorKind::Bloc, {}, 3, 0.9);
  std::vector<int> euMembers;
  t.actor("ukr", ActorKind::State, {}, 4, 0.8);
  t.actor("rus", ActorKind::State, {}, 4, 0.1);
  t.actor("hacktivists", ActorKind::NonState, {}, 2, 0.0);
  for (int i = 4; i < n; ++i) {
    const bool inEu = i % 4 != 3;  // most partners are in the bloc
    t.actor("s" + std::to_string(i), ActorKind::State, inEu ? std::vector<int>{0} : std::vector<int>{}, 3,
            0.3 + 0.1 * (i % 6));
  }
  t.relation(1, 2, -60);
  t.relation(1, 0, 50);
  for (int i = 4; i < n; ++i) {
    t.relation(i, 1, 30);
    t.relation(i, 2, -20);
  }
  const int grid = t.incident("grid_attack", 1, {2, 3}, {0.5, 0.5}, 2, 1);
  const int leak = t.incident("leak", 1, {2, 3}, {0.4, 0.6}, 3, 3);
  t.def.incidents[static_cast<std::size_t>(grid)].truth.falseFlags = {3};
  t.evidence("ev_malware", grid, {{2, 2}}, 0.8, EvidenceDef::Reveal::Turn, 1, {1});
  t.evidence("ev_claim", grid, {{3, 2}, {2, -1}}, 0.6, EvidenceDef::Reveal::Turn, 2, {}, 0.5, true);
  t.evidence("ev_infra", grid, {{2, 1.5}}, 0.7, EvidenceDef::Reveal::Investigation, 1, {}, 0.5);
  t.evidence("ev_sigint", grid, {{2, 2.5}}, 0.9, EvidenceDef::Reveal::Investigation, 1, {}, 0.3);
  t.evidence("ev_forum", leak, {{3, 1.5}}, 0.5, EvidenceDef::Reveal::Turn, 3);
  t.evidence("ev_leak_forensics", leak, {{3, 2}}, 0.8, EvidenceDef::Reveal::Investigation, 1, {}, 0.4);

  t.term("joint_attribution_pact", TermKind::JointAttribution, {"trust(self, target) += 5"});
  t.term("coordinated_sanctions_pact", TermKind::CoordinatedSanctions, {"trust(self, target) += 5"});
  t.term("information_sharing", TermKind::InformationSharing, {"trust(self, target) += 3"});
  t.term("hotline", TermKind::Hotline, {"trust(self, target) += 4", "tension -= 3"});

  // The catalogue: cycles through templates of each category until measureCount measures.
  struct Template {
    const char* id;
    MeasureCategory cat;
    int cost;
    TargetKind target;
    EscalationTag esc;
    const char* req;
    std::vector<const char*> effects;
    AttributionAct act;
    bool investigates;
    int bloc;
    double minConfidence;
    std::vector<char> breaks;
  };
  using MC = MeasureCategory;
  using TK = TargetKind;
  using ET = EscalationTag;
  const std::vector<Template> templates = {
      {"confidence_building",
       MC::Preventive,
       1,
       TK::Actor,
       ET::Deescalatory,
       nullptr,
       {"trust(self, target) += 6"},
       AttributionAct::None,
       false,
       -1,
       0,
       {}},
      {"harden",
       MC::Preventive,
       2,
       TK::None,
       ET::Deescalatory,
       nullptr,
       {"capability(self, cyber_defence) += 1", "meter(self, resilience) += 8", "meter(self, economy) -= 2"},
       AttributionAct::None,
       false,
       -1,
       0,
       {}},
      {"dialogue",
       MC::Cooperative,
       1,
       TK::Actor,
       ET::Deescalatory,
       "trust(self, target) > -80",
       {"trust(self, target) += 4", "trust(target, self) += 4"},
       AttributionAct::None,
       false,
       -1,
       0,
       {}},
      {"share_info",
       MC::Cooperative,
       1,
       TK::Actor,
       ET::Deescalatory,
       "trust(self, target) >= 0",
       {"trust(target, self) += 5"},
       AttributionAct::None,
       false,
       -1,
       0,
       {}},
      {"hotline_call",
       MC::Stabilising,
       1,
       TK::Actor,
       ET::Deescalatory,
       nullptr,
       {"tension -= 4"},
       AttributionAct::None,
       false,
       -1,
       0,
       {}},
      {"forensics",
       MC::Investigation,
       1,
       TK::Incident,
       ET::Proportionate,
       "revealed(incident)",
       {},
       AttributionAct::None,
       true,
       -1,
       0,
       {}},
      {"decide_attribution",
       MC::Investigation,
       1,
       TK::ActorAndIncident,
       ET::Proportionate,
       nullptr,
       {},
       AttributionAct::Decide,
       false,
       -1,
       0.5,
       {}},
      {"public_attribution",
       MC::Restrictive,
       2,
       TK::ActorAndIncident,
       ET::Proportionate,
       "attributed_to(self, incident, target)",
       {"meter(target, credibility) -= 8", "trust(self, target) -= 15"},
       AttributionAct::DisclosePublicly,
       false,
       -1,
       0.65,
       {}},
      {"sanctions",
       MC::Restrictive,
       2,
       TK::Actor,
       ET::Escalatory,
       "attributed(self, grid_attack)",
       {"meter(target, economy) -= 8", "trust(target, self) -= 10"},
       AttributionAct::None,
       false,
       -1,
       0,
       {}},
      {"eu_sanctions",
       MC::Restrictive,
       3,
       TK::Actor,
       ET::Escalatory,
       nullptr,
       {"meter(target, economy) -= 12", "trust(target, eu) -= 12"},
       AttributionAct::None,
       false,
       0,
       0,
       {}},
      {"legal_case",
       MC::Legal,
       2,
       TK::ActorAndIncident,
       ET::Proportionate,
       "attributed_to(self, incident, target)",
       {"meter(target, credibility) -= 5"},
       AttributionAct::None,
       false,
       -1,
       0,
       {}},
      {"countermeasures",
       MC::LawfulResponse,
       3,
       TK::Actor,
       ET::Escalatory,
       "capability(self, cyber_offence) >= 3",
       {"meter(target, resilience) -= 10", "trust(target, self) -= 20"},
       AttributionAct::None,
       false,
       -1,
       0,
       {}},
      {"offensive_op",
       MC::LawfulResponse,
       3,
       TK::Actor,
       ET::Escalatory,
       "capability(self, cyber_offence) >= 5",
       {"meter(target, resilience) -= 15", "meter(target, domestic_pressure) += 10"},
       AttributionAct::None,
       false,
       -1,
       0,
       {'f'}},
      {"disinformation",
       MC::Stabilising,
       1,
       TK::Actor,
       ET::Escalatory,
       nullptr,
       {"meter(target, domestic_pressure) += 6"},
       AttributionAct::None,
       false,
       -1,
       0,
       {'b'}},
  };
  for (int i = 0; i < measureCount; ++i) {
    const Template& tp = templates[static_cast<std::size_t>(i) % templates.size()];
    const std::string id =
        i < static_cast<int>(templates.size()) ? tp.id : tp.id + std::string("_") + std::to_string(i);
    const int m = t.measure(id, tp.cat, tp.cost, tp.target, tp.esc);
    if (tp.req) t.require(m, tp.req, std::string("needs ") + tp.req);
    t.effects(m, std::vector<std::string_view>(tp.effects.begin(), tp.effects.end()));
    t.m(m).attribution = tp.act;
    t.m(m).investigates = tp.investigates;
    t.m(m).bloc = tp.bloc;
    t.m(m).minConfidence = tp.minConfidence;
    t.m(m).breaksNorms = tp.breaks;
    if (tp.act == AttributionAct::DisclosePublicly) t.m(m).maxUses = 1;
  }
  t.term("restraint_pledge", TermKind::RestraintPledge, {"trust(self, target) += 10", "tension -= 5"},
         "used(target, offensive_op) > 0 || used(self, offensive_op) > 0", 15, 30);
  t.inject("inj_blackout", 1, {}, {"meter(ukr, domestic_pressure) += 10"});
  t.inject("inj_claim", 2, {}, {}, {});
  t.inject("inj_pressure", 0, "tension >= 30", {"meter(ukr, domestic_pressure) += 5"});
  t.ending("war", EndingKind::ArmedConflict, "escalation >= 3");
  t.ending("settlement", EndingKind::Settlement, "agreement(ukr, rus, restraint_pledge) && turn >= 3");
  t.ending("muddle", EndingKind::Stalemate, {}, true);
  t.objective("ukr_attributes", 1, "attributed_to(ukr, grid_attack, rus)", 20);
  t.objective("rus_deniable", 2, "!attributed_publicly(ukr, grid_attack)", 20);
  t.objective("calm", 0, "escalation < 2", 10);
  QuestionDef q;
  q.turn = 0;
  q.text = Text::plain("en", "When was the evidence strong enough to attribute?");
  t.def.questions.push_back(q);
  return t.def;
}

}  // namespace demarche::test
