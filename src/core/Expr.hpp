// The expression language of scenario conditions and effects: parsed once when a
// scenario loads into a typed tree whose ids are resolved to indices, then evaluated
// by the engine many times per turn against an EvalContext. Standard library only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace demarche::expr {

// What kind of scenario id an identifier names. Ids are resolved at parse time to an
// index into the matching vector of ScenarioDef (actors, incidents, ...), or for Meter
// and Capability into ScenarioDef::meterNames / capabilityNames.
enum class IdKind : std::uint8_t {
  Actor,
  Incident,
  Evidence,
  Measure,
  Term,
  Inject,
  Meter,
  Capability,
  Ending,
  ActorKind,  // state, bloc, organisation, non_state, company: fixed words, not scenario ids
};
std::string_view idKindName(IdKind kind);  // "actor", "incident", ...

enum class Type : std::uint8_t {
  Number,
  Bool,
  Actor,
  Incident,
  Evidence,
  Measure,
  Term,
  Inject,
  Meter,
  Capability,
  Ending,     // the argument of ended(e)
  ActorKind,  // the second argument of kind(a, k)
};
std::string_view typeName(Type type);  // "number", "boolean", "actor", ...

// Resolves identifiers while parsing; implemented by the scenario loader.
class SymbolTable {
 public:
  virtual ~SymbolTable() = default;
  virtual std::optional<int> find(IdKind kind, std::string_view name) const = 0;
  // Every known name of a kind, for "did you mean" suggestions.
  virtual std::vector<std::string> names(IdKind kind) const = 0;
  // Whether the turns carry dates (`calendar:`), so that `days`, `year` and `month` mean something.
  virtual bool hasCalendar() const { return false; }
};

// Which context variables an expression may use. `self` is the acting actor, `target`
// the actor a measure or proposal is aimed at, `incident` the incident it concerns.
struct Scope {
  bool self = false;
  bool target = false;
  bool incident = false;
};

// Values of the context variables at evaluation time (indices; -1 when absent).
struct Bindings {
  int self = -1;
  int target = -1;
  int incident = -1;
};

// The state an expression reads and writes; implemented by the engine. Indices are
// those resolved at parse time.
class EvalContext {
 public:
  virtual ~EvalContext() = default;
  virtual double turn() const = 0;
  virtual double escalation() const = 0;  // current rung index, 0 = lowest
  virtual double tension() const = 0;     // points on the ladder that select the rung
  virtual double trust(int a, int b) const = 0;
  virtual double meter(int actor, int meter) const = 0;
  virtual double capability(int actor, int capability) const = 0;
  virtual double capital(int actor) const = 0;
  virtual double confidence(int actor, int incident, int candidate) const = 0;  // 0..1
  virtual bool attributed(int actor, int incident) const = 0;                   // decided, any candidate
  virtual bool attributedTo(int actor, int incident, int candidate) const = 0;
  virtual bool attributedPublicly(int actor, int incident) const = 0;
  // Its decision holds the state it names responsible for harbouring those behind it (§3.8).
  virtual bool harbouring(int actor, int incident) const = 0;
  virtual bool seen(int actor, int evidence) const = 0;
  virtual bool incidentRevealed(int incident) const = 0;
  virtual bool fired(int inject) const = 0;
  virtual double used(int actor, int measure) const = 0;  // times taken so far
  virtual bool agreement(int a, int b, int term) const = 0;
  virtual bool member(int actor, int bloc) const = 0;
  virtual int actorKind(int actor) const = 0;  // the ActorKind of the actor, as an int
  virtual int dayOfTurn(int turn) const = 0;   // the turn's date, days since 1970-01-01 (0: no calendar)
  virtual bool ended(int ending) const = 0;

  virtual void setTension(double value) = 0;
  virtual void setTrust(int a, int b, double value) = 0;
  virtual void setMeter(int actor, int meter, double value) = 0;
  virtual void setCapability(int actor, int capability, double value) = 0;
  virtual void setCapital(int actor, double value) = 0;
  virtual void reveal(int evidence, int toActor) = 0;  // toActor -1: to every actor
};

struct Node;
using NodePtr = std::shared_ptr<const Node>;

// One effect statement: `trust(self, target) -= 10`, `tension += 5`, `reveal(ev_ip)`.
struct Effect {
  enum class Op : std::uint8_t { Set, Add, Sub };
  enum class Target : std::uint8_t { Tension, Trust, Meter, Capability, Capital, Reveal };
  Target target = Target::Tension;
  Op op = Op::Set;
  std::vector<NodePtr> args;  // the lvalue's arguments (e.g. the two actors of trust)
  NodePtr value;              // null for Reveal
};

// A parse problem, with a 1-based column inside the expression text so the loader can
// point at file:line:col.
struct Error {
  int column = 1;
  std::string code;  // e.g. "E301"; see docs/scenario-format.md
  std::string message;
  std::string suggestion;  // may be empty; "did you mean 'rus'?"
};

struct ConditionResult {
  NodePtr root;  // null when errors is not empty
  std::vector<Error> errors;
};
struct EffectResult {
  std::optional<Effect> effect;
  std::vector<Error> errors;
};
struct NumberResult {
  NodePtr root;
  std::vector<Error> errors;
};

// A condition must have boolean type; an effect is one assignment or reveal statement.
ConditionResult parseCondition(std::string_view text, const SymbolTable& symbols, Scope scope);
EffectResult parseEffect(std::string_view text, const SymbolTable& symbols, Scope scope);
NumberResult parseNumber(std::string_view text, const SymbolTable& symbols, Scope scope);

bool evalBool(const Node& node, const EvalContext& ctx, const Bindings& b);
double evalNumber(const Node& node, const EvalContext& ctx, const Bindings& b);
void apply(const Effect& effect, EvalContext& ctx, const Bindings& b);

// The (actor, measure) pairs that the `used(a, m)` calls anywhere in a tree read under these
// bindings, in tree order, without repeats (short-circuits are ignored: every call counts).
// The engine takes a baseline of them when a commitment is made (docs/rules.md §4.2).
std::vector<std::pair<int, int>> usesRead(const Node& node, const Bindings& b);

// Canonical text of a parsed tree (for logs, reports and round-trip tests).
std::string toString(const Node& node);
std::string toString(const Effect& effect);

}  // namespace demarche::expr
