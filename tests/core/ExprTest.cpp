// Specifications of the expression language: parsing, typing, diagnostics with columns,
// evaluation against a fake game state, effects, canonical printing and hostile input.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/Definitions.hpp"
#include "core/Expr.hpp"
#include "core/ExprNode.hpp"

namespace demarche::expr {
namespace {

// A tiny scenario: three actors (eu is a bloc), two incidents, some evidence, ...
class FakeSymbols : public SymbolTable {
 public:
  FakeSymbols() {
    m_names[IdKind::Actor] = {"ukr", "rus", "eu"};
    m_names[IdKind::Incident] = {"grid_attack", "bank_hack"};
    m_names[IdKind::Evidence] = {"ev_malware", "ev_ip"};
    m_names[IdKind::Measure] = {"offensive_op", "public_attribution"};
    m_names[IdKind::Term] = {"hotline"};
    m_names[IdKind::Inject] = {"inj_blackout"};
    m_names[IdKind::Meter] = {"credibility", "economy"};
    m_names[IdKind::Capability] = {"cyber_offence", "cyber_defence"};
    m_names[IdKind::Ending] = {"war", "muddle"};
  }
  std::optional<int> find(IdKind kind, std::string_view name) const override {
    const auto& v = m_names.at(kind);
    for (std::size_t i = 0; i < v.size(); ++i)
      if (v[i] == name) return static_cast<int>(i);
    return std::nullopt;
  }
  std::vector<std::string> names(IdKind kind) const override { return m_names.at(kind); }

 private:
  std::map<IdKind, std::vector<std::string>> m_names;
};

// The value stored under `key`, or the zero value when absent.
template <class M>
typename M::mapped_type get(const M& map, const typename M::key_type& key) {
  auto it = map.find(key);
  return it == map.end() ? typename M::mapped_type{} : it->second;
}

// Records every read and write an expression makes.
class FakeState : public EvalContext {
 public:
  double turnValue = 3, escalationValue = 1, tensionValue = 25;
  std::map<std::pair<int, int>, double> trustValues;
  std::map<std::pair<int, int>, double> meters, capabilities, usedCount;
  std::map<int, double> capitals;
  std::map<std::tuple<int, int, int>, double> confidences;
  std::map<std::pair<int, int>, int> attributions;  // (actor, incident) -> candidate
  std::map<std::pair<int, int>, bool> publicAttributions;
  std::map<std::pair<int, int>, bool> seenEvidence;
  std::map<int, bool> revealedIncidents, firedInjects, endedEndings;
  std::map<std::tuple<int, int, int>, bool> agreements;
  std::map<std::pair<int, int>, bool> members;
  std::vector<std::pair<int, int>> reveals;

  double turn() const override { return turnValue; }
  double escalation() const override { return escalationValue; }
  double tension() const override { return tensionValue; }
  double trust(int a, int b) const override { return get(trustValues, {a, b}); }
  double meter(int a, int m) const override { return get(meters, {a, m}); }
  double capability(int a, int c) const override { return get(capabilities, {a, c}); }
  double capital(int a) const override { return get(capitals, a); }
  double confidence(int a, int i, int c) const override { return get(confidences, {a, i, c}); }
  bool attributed(int a, int i) const override { return attributions.count({a, i}) > 0; }
  bool attributedTo(int a, int i, int c) const override {
    auto it = attributions.find({a, i});
    return it != attributions.end() && it->second == c;
  }
  bool attributedPublicly(int a, int i) const override { return get(publicAttributions, {a, i}); }
  bool harbouring(int, int) const override { return false; }
  bool seen(int a, int e) const override { return get(seenEvidence, {a, e}); }
  bool incidentRevealed(int i) const override { return get(revealedIncidents, i); }
  bool fired(int j) const override { return get(firedInjects, j); }
  double used(int a, int m) const override { return get(usedCount, {a, m}); }
  bool agreement(int a, int b, int t) const override { return get(agreements, {a, b, t}); }
  bool member(int a, int bloc) const override { return get(members, {a, bloc}); }
  bool ended(int e) const override { return get(endedEndings, e); }
  int dayOfTurn(int t) const override {
    return t <= 1 ? 17344 : 17344 + 240 * (t - 1);
  }                                      // 2017-06-27, then +240 days
  int actorKind(int a) const override {  // eu is a bloc, the others states
    return static_cast<int>(a == 2 ? ActorKind::Bloc : ActorKind::State);
  }

  void setTension(double v) override { tensionValue = v; }
  void setTrust(int a, int b, double v) override { trustValues[{a, b}] = v; }
  void setMeter(int a, int m, double v) override { meters[{a, m}] = v; }
  void setCapability(int a, int c, double v) override { capabilities[{a, c}] = v; }
  void setCapital(int a, double v) override { capitals[a] = v; }
  void reveal(int e, int to) override { reveals.emplace_back(e, to); }
};

constexpr int kUkr = 0, kRus = 1, kEu = 2;
constexpr int kGrid = 0;
const Scope kAll{true, true, true};
const Scope kNone{};

struct Fixture : ::testing::Test {
  FakeSymbols symbols;
  FakeState state;
  Bindings bindings{kUkr, kRus, kGrid};

  NodePtr condition(std::string_view text, Scope scope = kAll) {
    auto r = parseCondition(text, symbols, scope);
    EXPECT_TRUE(r.errors.empty()) << text << ": " << (r.errors.empty() ? "" : r.errors[0].message);
    return r.root;
  }
  bool holds(std::string_view text) {
    NodePtr n = condition(text);
    return n ? evalBool(*n, state, bindings) : false;
  }
  double number(std::string_view text) {
    auto r = parseNumber(text, symbols, kAll);
    EXPECT_TRUE(r.errors.empty()) << text << ": " << (r.errors.empty() ? "" : r.errors[0].message);
    return r.root ? evalNumber(*r.root, state, bindings) : -999;
  }
  Error firstError(std::string_view text, Scope scope = kAll) {
    auto r = parseCondition(text, symbols, scope);
    EXPECT_FALSE(r.errors.empty()) << "expected an error for: " << text;
    EXPECT_EQ(r.root, nullptr);
    return r.errors.empty() ? Error{} : r.errors[0];
  }
  Error firstEffectError(std::string_view text, Scope scope = kAll) {
    auto r = parseEffect(text, symbols, scope);
    EXPECT_FALSE(r.errors.empty()) << "expected an error for: " << text;
    EXPECT_FALSE(r.effect.has_value());
    return r.errors.empty() ? Error{} : r.errors[0];
  }
  void applyEffect(std::string_view text) {
    auto r = parseEffect(text, symbols, kAll);
    ASSERT_TRUE(r.errors.empty()) << text << ": " << r.errors[0].message;
    ASSERT_TRUE(r.effect.has_value());
    apply(*r.effect, state, bindings);
  }
};

using ExprParse = Fixture;
using ExprErrors = Fixture;
using ExprEval = Fixture;
using ExprEffects = Fixture;
using ExprPrint = Fixture;
using ExprHostile = Fixture;

// ---------------------------------------------------------------- precedence

TEST_F(ExprParse, MultiplicationBindsTighterThanAddition) {
  EXPECT_DOUBLE_EQ(number("1 + 2 * 3"), 7);
  EXPECT_DOUBLE_EQ(number("(1 + 2) * 3"), 9);
}

TEST_F(ExprParse, SubtractionAndDivisionAreLeftAssociative) {
  EXPECT_DOUBLE_EQ(number("10 - 4 - 3"), 3);
  EXPECT_DOUBLE_EQ(number("24 / 4 / 2"), 3);
}

TEST_F(ExprParse, UnaryMinusBindsTighterThanMultiplication) {
  EXPECT_DOUBLE_EQ(number("-2 * 3"), -6);
  EXPECT_DOUBLE_EQ(number("2 - -3"), 5);
  EXPECT_DOUBLE_EQ(number("--4"), 4);
}

TEST_F(ExprParse, AndBindsTighterThanOr) {
  EXPECT_TRUE(holds("true || false && false"));
  EXPECT_FALSE(holds("(true || false) && false"));
}

TEST_F(ExprParse, ComparisonBindsTighterThanLogic) {
  EXPECT_TRUE(holds("turn >= 3 && escalation < 2"));
  EXPECT_TRUE(holds("!false && 1 + 1 == 2"));
  EXPECT_TRUE(holds("1 < 2 == 3 < 4"));  // relational binds tighter than equality
}

TEST_F(ExprParse, NotAppliesToTheNearestOperand) {
  EXPECT_TRUE(holds("!false == true"));  // (!false) == true
  EXPECT_FALSE(holds("!(turn == 3)"));
}

TEST_F(ExprParse, ProbabilityWordsAreNumbers) {
  EXPECT_DOUBLE_EQ(number("remote_chance"), 0.05);
  EXPECT_DOUBLE_EQ(number("very_unlikely"), 0.15);
  EXPECT_DOUBLE_EQ(number("unlikely"), 0.30);
  EXPECT_DOUBLE_EQ(number("even_chance"), 0.50);
  EXPECT_DOUBLE_EQ(number("likely"), 0.65);
  EXPECT_DOUBLE_EQ(number("very_likely"), 0.87);
  EXPECT_DOUBLE_EQ(number("almost_certain"), 0.97);
}

TEST_F(ExprParse, NumbersAcceptDecimalsAndExponents) {
  EXPECT_DOUBLE_EQ(number("0.5"), 0.5);
  EXPECT_DOUBLE_EQ(number(".25"), 0.25);
  EXPECT_DOUBLE_EQ(number("1e3"), 1000);
  EXPECT_DOUBLE_EQ(number("2.5E-1"), 0.25);
}

TEST_F(ExprParse, WhitespaceIsFree) { EXPECT_TRUE(holds("\tturn>=3&&\n trust( ukr ,rus )<= 0 ")); }

TEST_F(ExprParse, IdsCompareForEquality) {
  EXPECT_TRUE(holds("self == ukr"));
  EXPECT_TRUE(holds("target != ukr"));
  EXPECT_TRUE(holds("incident == grid_attack"));
}

// ---------------------------------------------------------------- evaluation

TEST_F(ExprEval, EveryReaderAsksTheStateWithResolvedIndices) {
  state.trustValues[{kUkr, kRus}] = -60;
  state.meters[{kRus, 1}] = 42;       // economy
  state.capabilities[{kUkr, 1}] = 6;  // cyber_defence
  state.capitals[kUkr] = 2;
  state.confidences[{kUkr, kGrid, kRus}] = 0.7;
  state.usedCount[{kRus, 0}] = 1;  // offensive_op
  EXPECT_DOUBLE_EQ(number("turn"), 3);
  EXPECT_DOUBLE_EQ(number("escalation"), 1);
  EXPECT_DOUBLE_EQ(number("tension"), 25);
  EXPECT_DOUBLE_EQ(number("trust(ukr, rus)"), -60);
  EXPECT_DOUBLE_EQ(number("trust(self, target)"), -60);
  EXPECT_DOUBLE_EQ(number("meter(rus, economy)"), 42);
  EXPECT_DOUBLE_EQ(number("capability(ukr, cyber_defence)"), 6);
  EXPECT_DOUBLE_EQ(number("capital(self)"), 2);
  EXPECT_DOUBLE_EQ(number("confidence(ukr, grid_attack, rus)"), 0.7);
  EXPECT_DOUBLE_EQ(number("confidence(self, incident, target)"), 0.7);
  EXPECT_DOUBLE_EQ(number("used(rus, offensive_op)"), 1);
  EXPECT_DOUBLE_EQ(number("min(3, -2) + max(1, 4) + abs(-5)"), 7);
}

TEST_F(ExprEval, BooleanReadersAskTheState) {
  EXPECT_FALSE(holds("attributed(ukr, grid_attack)"));
  state.attributions[{kUkr, kGrid}] = kRus;
  state.publicAttributions[{kUkr, kGrid}] = true;
  state.seenEvidence[{kUkr, 1}] = true;
  state.revealedIncidents[kGrid] = true;
  state.firedInjects[0] = true;
  state.agreements[{kUkr, kRus, 0}] = true;
  state.members[{kUkr, kEu}] = true;
  state.endedEndings[1] = true;
  EXPECT_TRUE(holds("attributed(ukr, grid_attack)"));
  EXPECT_TRUE(holds("attributed_to(ukr, grid_attack, rus)"));
  EXPECT_FALSE(holds("attributed_to(ukr, grid_attack, ukr)"));
  EXPECT_TRUE(holds("attributed_publicly(self, incident)"));
  EXPECT_TRUE(holds("seen(ukr, ev_ip) && !seen(ukr, ev_malware)"));
  EXPECT_TRUE(holds("revealed(grid_attack) && !revealed(bank_hack)"));
  EXPECT_TRUE(holds("fired(inj_blackout)"));
  EXPECT_TRUE(holds("agreement(ukr, rus, hotline)"));
  EXPECT_TRUE(holds("member(ukr, eu) && !member(rus, eu)"));
  EXPECT_TRUE(holds("ended(muddle) && !ended(war)"));
}

TEST_F(ExprEval, KindTestsAnActorsKind) {
  EXPECT_TRUE(holds("kind(eu, bloc) && kind(ukr, state)"));
  EXPECT_FALSE(holds("kind(eu, state)"));
  // The target of a measure, whoever it is at evaluation time.
  NodePtr n = condition("!kind(target, bloc)");
  EXPECT_TRUE(evalBool(*n, state, Bindings{kUkr, kRus, -1}));
  EXPECT_FALSE(evalBool(*n, state, Bindings{kUkr, kEu, -1}));
  // The kind words are the language's, not scenario ids: an actor named like a kind is
  // still an actor in an actor position.
  EXPECT_EQ(toString(*condition("kind(self, non_state) || kind(target, company)")),
            "kind(self, non_state) || kind(target, company)");
}

TEST_F(ExprErrors, UnknownActorKindIsE303NamingTheKinds) {
  Error e = firstError("kind(target, compnay)");
  EXPECT_EQ(e.code, "E303");
  EXPECT_EQ(e.column, 14);
  EXPECT_EQ(e.message, "unknown actor kind 'compnay'");
  EXPECT_EQ(e.suggestion, "did you mean 'company'?");
  e = firstError("kind(target, ukr)");
  EXPECT_EQ(e.message, "unknown actor kind 'ukr'");
  EXPECT_EQ(firstError("kind(target)").code, "E305");
}

TEST_F(ExprEval, ConfidenceComparesWithProbabilityWords) {
  state.confidences[{kUkr, kGrid, kRus}] = 0.7;
  EXPECT_TRUE(holds("confidence(self, incident, rus) >= likely"));
  EXPECT_FALSE(holds("confidence(self, incident, rus) >= very_likely"));
}

TEST_F(ExprEval, ContextVariablesFollowTheBindings) {
  NodePtr n = condition("trust(self, target) < 0");
  state.trustValues[{kRus, kUkr}] = -10;
  EXPECT_FALSE(evalBool(*n, state, Bindings{kUkr, kRus, -1}));
  EXPECT_TRUE(evalBool(*n, state, Bindings{kRus, kUkr, -1}));
}

TEST_F(ExprEval, DivisionByZeroIsZeroNotInfinity) { EXPECT_DOUBLE_EQ(number("5 / (turn - 3)"), 0); }

TEST_F(ExprEval, AndOrShortCircuit) {
  // attributed() would be asked about a bogus actor if && did not stop at false.
  EXPECT_FALSE(holds("false && attributed(ukr, grid_attack)"));
  EXPECT_TRUE(holds("true || attributed(ukr, grid_attack)"));
}

// ---------------------------------------------------------------- effects

TEST_F(ExprEffects, AddSubtractAndSetChangeTheState) {
  state.trustValues[{kUkr, kRus}] = -20;
  applyEffect("trust(self, target) -= 15");
  EXPECT_DOUBLE_EQ(state.trust(kUkr, kRus), -35);
  applyEffect("tension += 5");
  EXPECT_DOUBLE_EQ(state.tension(), 30);
  applyEffect("meter(target, credibility) = 10 * 2");
  EXPECT_DOUBLE_EQ(state.meter(kRus, 0), 20);
  applyEffect("capability(ukr, cyber_offence) += 1");
  EXPECT_DOUBLE_EQ(state.capability(kUkr, 0), 1);
  state.capitals[kUkr] = 3;
  applyEffect("capital(self) -= 2");
  EXPECT_DOUBLE_EQ(state.capital(kUkr), 1);
}

TEST_F(ExprEffects, ValuesMayReadTheState) {
  state.tensionValue = 40;
  applyEffect("tension = tension / 2 + turn");
  EXPECT_DOUBLE_EQ(state.tension(), 23);
}

TEST_F(ExprEffects, RevealGoesToEveryoneOrToOneActor) {
  applyEffect("reveal(ev_ip)");
  applyEffect("reveal(ev_malware, target)");
  ASSERT_EQ(state.reveals.size(), 2u);
  EXPECT_EQ(state.reveals[0], std::make_pair(1, -1));
  EXPECT_EQ(state.reveals[1], std::make_pair(0, kRus));
}

TEST_F(ExprEffects, EffectRecordsTargetOpAndArguments) {
  auto r = parseEffect("trust(ukr, rus) += 10", symbols, kNone);
  ASSERT_TRUE(r.effect);
  EXPECT_EQ(r.effect->target, Effect::Target::Trust);
  EXPECT_EQ(r.effect->op, Effect::Op::Add);
  ASSERT_EQ(r.effect->args.size(), 2u);
  EXPECT_EQ(r.effect->args[0]->type, Type::Actor);
  EXPECT_EQ(r.effect->args[1]->index, kRus);
  ASSERT_TRUE(r.effect->value);
}

TEST_F(ExprEffects, ReadOnlyTargetsAreE309AtTheirColumn) {
  Error e = firstEffectError("turn = 3");
  EXPECT_EQ(e.code, "E309");
  EXPECT_EQ(e.column, 1);
  e = firstEffectError("  confidence(ukr, grid_attack, rus) += 1");
  EXPECT_EQ(e.code, "E309");
  EXPECT_EQ(e.column, 3);
  EXPECT_NE(e.suggestion.find("trust(a, b)"), std::string::npos);
}

TEST_F(ExprEffects, MissingAssignmentIsE301) {
  Error e = firstEffectError("trust(ukr, rus)");
  EXPECT_EQ(e.code, "E301");
  EXPECT_EQ(e.column, 16);
}

TEST_F(ExprEffects, OneAssignmentPerEffect) {
  Error e = firstEffectError("tension = tension += 1");
  EXPECT_EQ(e.code, "E301");
  EXPECT_EQ(e.column, 19);
  EXPECT_EQ(firstEffectError("reveal(ev_ip) += 1").code, "E301");
}

TEST_F(ExprEffects, AssignedValueMustBeANumber) {
  Error e = firstEffectError("tension = true");
  EXPECT_EQ(e.code, "E304");
  EXPECT_EQ(e.column, 11);
  EXPECT_EQ(e.message, "expected a number, found a boolean");
}

TEST_F(ExprEffects, RevealNeedsEvidence) {
  Error e = firstEffectError("reveal(ukr)");
  EXPECT_EQ(e.code, "E303");
  EXPECT_EQ(e.message, "unknown evidence 'ukr'");
  e = firstEffectError("reveal()");
  EXPECT_EQ(e.code, "E305");
  EXPECT_EQ(firstEffectError("reveal(ev_ip, ukr, rus)").code, "E305");
}

TEST_F(ExprEffects, RevealIsNotACondition) {
  Error e = firstError("reveal(ev_ip)");
  EXPECT_EQ(e.code, "E302");
}

// ---------------------------------------------------------------- errors

TEST_F(ExprErrors, UnexpectedTokenIsE301AtItsColumn) {
  Error e = firstError("turn >= 3 &&");
  EXPECT_EQ(e.code, "E301");
  EXPECT_EQ(e.column, 13);
  e = firstError("turn >= 3 4");
  EXPECT_EQ(e.code, "E301");
  EXPECT_EQ(e.column, 11);
  e = firstError("(turn >= 3");
  EXPECT_EQ(e.code, "E301");
  EXPECT_EQ(e.column, 11);
  e = firstError("turn >= 3)");
  EXPECT_EQ(e.code, "E301");
  EXPECT_EQ(e.column, 10);
  e = firstError("trust(ukr rus) < 0");
  EXPECT_EQ(e.code, "E301");
  EXPECT_EQ(e.column, 11);
}

TEST_F(ExprErrors, SingleAmpersandSuggestsDoubled) {
  Error e = firstError("turn > 1 & turn < 3");
  EXPECT_EQ(e.code, "E301");
  EXPECT_EQ(e.column, 10);
  EXPECT_EQ(e.suggestion, "write '&&'");
}

TEST_F(ExprErrors, SingleEqualsInAConditionSuggestsComparison) {
  Error e = firstError("turn = 3");
  EXPECT_EQ(e.code, "E301");
  EXPECT_EQ(e.column, 6);
  EXPECT_NE(e.message.find("=="), std::string::npos);
}

TEST_F(ExprErrors, UnknownFunctionIsE302WithSuggestion) {
  Error e = firstError("trsut(ukr, rus) < 0");
  EXPECT_EQ(e.code, "E302");
  EXPECT_EQ(e.column, 1);
  EXPECT_EQ(e.message, "unknown function 'trsut'");
  EXPECT_EQ(e.suggestion, "did you mean 'trust'?");
}

TEST_F(ExprErrors, UnknownIdOfTheExpectedKindIsE303WithSuggestion) {
  Error e = firstError("trust(ukr, rsu) < 0");
  EXPECT_EQ(e.code, "E303");
  EXPECT_EQ(e.column, 12);
  EXPECT_EQ(e.message, "unknown actor 'rsu'");
  EXPECT_EQ(e.suggestion, "did you mean 'rus'?");
  e = firstError("meter(ukr, credibilty) > 3");
  EXPECT_EQ(e.message, "unknown meter 'credibilty'");
  EXPECT_EQ(e.suggestion, "did you mean 'credibility'?");
}

TEST_F(ExprErrors, MisspeltContextVariableSuggestsIt) {
  Error e = firstError("trust(slef, rus) < 0");
  EXPECT_EQ(e.message, "unknown actor 'slef'");
  EXPECT_EQ(e.suggestion, "did you mean 'self'?");
}

TEST_F(ExprErrors, KeywordInAnIdPositionIsATypeError) {
  Error e = firstError("trust(true, rus) < 0");
  EXPECT_EQ(e.code, "E304");
  EXPECT_EQ(e.column, 7);
  EXPECT_EQ(e.message, "expected an actor id, found a boolean");
}

TEST_F(ExprErrors, ComparedIdIsLookedUpAsTheOtherSidesKind) {
  Error e = firstError("self == rsu");
  EXPECT_EQ(e.code, "E303");
  EXPECT_EQ(e.column, 9);
  EXPECT_EQ(e.message, "unknown actor 'rsu'");
  EXPECT_EQ(e.suggestion, "did you mean 'rus'?");
  EXPECT_EQ(firstError("incident == ukr").message, "unknown incident 'ukr'");
}

TEST_F(ExprErrors, IdOfTheWrongKindIsUnknownForThatKind) {
  Error e = firstError("revealed(ukr)");  // ukr is an actor, not an incident
  EXPECT_EQ(e.code, "E303");
  EXPECT_EQ(e.message, "unknown incident 'ukr'");
}

TEST_F(ExprErrors, FarOffNamesGetNoSuggestion) {
  Error e = firstError("trust(ukr, zzzzzz) < 0");
  EXPECT_EQ(e.code, "E303");
  EXPECT_EQ(e.suggestion, "");
}

TEST_F(ExprErrors, TypeMismatchIsE304AtTheOperand) {
  Error e = firstError("turn + true > 1");
  EXPECT_EQ(e.code, "E304");
  EXPECT_EQ(e.column, 8);
  EXPECT_EQ(e.message, "expected a number, found a boolean");
  e = firstError("turn && true");
  EXPECT_EQ(e.code, "E304");
  EXPECT_EQ(e.column, 1);
  EXPECT_EQ(e.message, "expected a boolean, found a number");
  e = firstError("trust(ukr, 3) > 0");
  EXPECT_EQ(e.code, "E304");
  EXPECT_EQ(e.column, 12);
  EXPECT_EQ(e.message, "expected an actor id, found a number");
  e = firstError("-true");
  EXPECT_EQ(e.column, 2);
  EXPECT_EQ(firstError("self == 3").code, "E304");
}

TEST_F(ExprErrors, WrongArityIsE305) {
  Error e = firstError("turn > 1 && trust(ukr) < 0");
  EXPECT_EQ(e.code, "E305");
  EXPECT_EQ(e.column, 13);
  EXPECT_EQ(e.suggestion, "write trust(a, b)");
  EXPECT_EQ(firstError("capital > 1").code, "E305");
  EXPECT_EQ(firstError("turn() > 1").code, "E305");
  EXPECT_EQ(firstError("abs(1, 2) > 1").code, "E305");
}

TEST_F(ExprErrors, ContextVariableOutOfScopeIsE306NamingItsProvider) {
  Error e = firstError("trust(self, rus) < 0", kNone);
  EXPECT_EQ(e.code, "E306");
  EXPECT_EQ(e.column, 7);
  EXPECT_NE(e.message.find("measure"), std::string::npos);
  e = firstError("revealed(incident)", Scope{true, true, false});
  EXPECT_EQ(e.code, "E306");
  EXPECT_NE(e.message.find("incident or actor_and_incident"), std::string::npos);
  e = firstError("member(target, eu)", Scope{true, false, false});
  EXPECT_EQ(e.code, "E306");
  EXPECT_NE(e.message.find("acceptor"), std::string::npos);
}

TEST_F(ExprErrors, BadNumberLiteralIsE307) {
  Error e = firstError("turn > 1e999");
  EXPECT_EQ(e.code, "E307");
  EXPECT_EQ(e.column, 8);
  EXPECT_EQ(firstError("turn > 1.2.3").code, "E307");
  EXPECT_EQ(firstError("turn > 3x").code, "E307");
  EXPECT_EQ(firstError("turn > 1e10").code, "E307");
}

TEST_F(ExprErrors, NonBooleanConditionIsE310) {
  Error e = firstError("trust(ukr, rus) + 1");
  EXPECT_EQ(e.code, "E310");
  EXPECT_EQ(e.column, 1);
  EXPECT_EQ(firstError("ukr").code, "E310");
}

TEST_F(ExprErrors, NumberExpressionMustBeANumber) {
  auto r = parseNumber("turn > 1", symbols, kAll);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, "E304");
  EXPECT_EQ(r.root, nullptr);
}

TEST_F(ExprErrors, SeveralIndependentMistakesAreAllReported) {
  auto r = parseCondition("trust(ukr, rsu) < 0 && meter(ukr, econmy) > 1 && turnn > 2", symbols, kAll);
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0].column, 12);
  EXPECT_EQ(r.errors[1].column, 35);
  EXPECT_EQ(r.errors[2].column, 50);
  EXPECT_EQ(r.errors[2].suggestion, "did you mean 'turn'?");
}

TEST_F(ExprErrors, OneMistakeDoesNotCascadeIntoTypeErrors) {
  auto r = parseCondition("trust(ukr, rsu) + 1 < 0 && !seen(ukr, ev_nope)", symbols, kAll);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].code, "E303");
  EXPECT_EQ(r.errors[1].code, "E303");
}

TEST_F(ExprErrors, AtMostTwentyErrorsPerExpression) {
  std::string text = "x0 > 0";
  for (int i = 1; i < 100; ++i) text += " && x" + std::to_string(i) + " > 0";
  auto r = parseCondition(text, symbols, kAll);
  EXPECT_EQ(r.errors.size(), 20u);
}

// ---------------------------------------------------------------- printing

TEST_F(ExprPrint, CanonicalTextReparsesToAnEqualTree) {
  const char* cases[] = {
      "turn >= 3 && escalation < 2 && trust(ukr, rus) < -40",
      "(1 + 2) * 3 == 9",
      "10 - (4 - 3) == 9 || !(true && false)",
      "1 - 2 - 3 < 0",
      "24 / (4 / 2) > 0",
      "-(1 + 2) < --3",
      "confidence(self, incident, target) >= likely",
      "attributed_to(self, grid_attack, rus) != attributed_publicly(ukr, incident)",
      "min(1, max(2, abs(-3))) * 0.125 > 1e-3",
      "self == ukr && incident != bank_hack",
      "(true == false) == (1 < 2)",
      "used(target, offensive_op) > 0 || agreement(ukr, rus, hotline) || member(ukr, eu) || ended(war)",
      ("seen(ukr, ev_ip) && revealed(grid_attack) && fired(inj_blackout) && capability(ukr, cyber_offence) > "
       "capital(ukr)"),
  };
  for (const char* text : cases) {
    NodePtr first = condition(text);
    ASSERT_TRUE(first) << text;
    const std::string printed = toString(*first);
    NodePtr second = condition(printed);
    ASSERT_TRUE(second) << printed;
    EXPECT_TRUE(equal(*first, *second)) << text << " -> " << printed;
    EXPECT_EQ(toString(*second), printed);
  }
}

TEST_F(ExprPrint, MinimalParenthesesAndSpacing) {
  EXPECT_EQ(toString(*condition("((turn))>=3&&(escalation<2)")), "turn >= 3 && escalation < 2");
  EXPECT_EQ(toString(*condition("1-(2-3)<0")), "1 - (2 - 3) < 0");
  EXPECT_EQ(toString(*condition("confidence(self,incident,rus)>=likely")),
            "confidence(self, incident, rus) >= likely");
}

TEST_F(ExprPrint, EffectsReparseToTheSameText) {
  const char* cases[] = {"tension += 5",
                         "trust(self, target) -= 15",
                         "meter(target, credibility) = 10 * 2",
                         "capability(ukr, cyber_offence) += 1",
                         "capital(self) -= max(1, turn / 2)",
                         "reveal(ev_ip)",
                         "reveal(ev_malware, target)"};
  for (const char* text : cases) {
    auto first = parseEffect(text, symbols, kAll);
    ASSERT_TRUE(first.effect) << text;
    const std::string printed = toString(*first.effect);
    EXPECT_EQ(printed, text);
    auto second = parseEffect(printed, symbols, kAll);
    ASSERT_TRUE(second.effect) << printed;
    ASSERT_EQ(first.effect->args.size(), second.effect->args.size());
    for (std::size_t k = 0; k < first.effect->args.size(); ++k)
      EXPECT_TRUE(equal(*first.effect->args[k], *second.effect->args[k]));
  }
}

// ---------------------------------------------------------------- hostile input

TEST_F(ExprHostile, OverlongInputIsE308) {
  std::string text(5000, ' ');
  text += "true";
  Error e = firstError(text);
  EXPECT_EQ(e.code, "E308");
}

TEST_F(ExprHostile, DeepNestingIsE308NotAStackOverflow) {
  for (const std::string open : {"(", "!", "-", "abs(", "min(1,"}) {
    std::string text;
    for (int i = 0; i < 1000; ++i) text += open;
    Error e = firstError(text);
    EXPECT_EQ(e.code, "E308") << open;
  }
}

TEST_F(ExprHostile, ModerateNestingIsFine) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "(";
  text += "true";
  for (int i = 0; i < 40; ++i) text += ")";
  EXPECT_TRUE(holds(text));
}

TEST_F(ExprHostile, LongFlatChainsParseEvaluateAndPrint) {
  std::string text = "1";
  while (text.size() < 4080) text += "+1";
  text += " > 0";
  NodePtr n = condition(text);
  ASSERT_TRUE(n);
  EXPECT_TRUE(evalBool(*n, state, bindings));
  EXPECT_EQ(toString(*n).size(), text.size() + 2 * (text.size() / 2 - 2));  // spaces around each '+'
}

TEST_F(ExprHostile, GarbageBytesAndNulAreSyntaxErrors) {
  Error e = firstError(std::string_view("turn > \0 1", 10));
  EXPECT_EQ(e.code, "E301");
  EXPECT_EQ(e.column, 8);
  EXPECT_NE(e.message.find("0x00"), std::string::npos);
  EXPECT_EQ(firstError("\xff\xfe\x80").code, "E301");
  EXPECT_EQ(firstError("turn > 1 # comment").code, "E301");
  EXPECT_EQ(firstError("").code, "E301");
  EXPECT_EQ(firstError("   ").code, "E301");
  EXPECT_EQ(firstEffectError("").code, "E301");
}

TEST_F(ExprHostile, SeededRandomInputsNeverCrash) {
  // Every byte sequence, however mangled, yields either a tree or errors, never both.
  const std::string alphabet = "()!-+*/<>=&|, ._01e9abtrusfxlienc\x00\xff";
  std::uint64_t seed = 12345;
  auto next = [&] {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>(seed >> 33);
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t len = next() % 60;
    for (std::size_t i = 0; i < len; ++i) text += alphabet[next() % alphabet.size()];
    auto c = parseCondition(text, symbols, kAll);
    EXPECT_NE(c.root == nullptr, c.errors.empty()) << text;
    EXPECT_LE(c.errors.size(), 20u);
    for (const Error& e : c.errors) {
      EXPECT_GE(e.column, 1);
      EXPECT_LE(e.column, static_cast<int>(text.size()) + 1);
    }
    if (c.root) (void)evalBool(*c.root, state, bindings);
    auto f = parseEffect(text, symbols, kAll);
    EXPECT_NE(f.effect.has_value(), !f.errors.empty()) << text;
  }
}

}  // namespace
}  // namespace demarche::expr
