// The expression language: lexer, recursive-descent parser with type checking and id
// resolution, the allocation-free evaluator, effects and canonical printing.
//
// [SECTION] Names and the function table
// [SECTION] Suggestions
// [SECTION] Lexer
// [SECTION] Parser
// [SECTION] Public parse entry points
// [SECTION] Evaluation
// [SECTION] Printing and equality
#include "core/Expr.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/ExprEval.hpp"
#include "core/ExprNode.hpp"
#include "core/Names.hpp"
#include "core/Suggest.hpp"

namespace demarche::expr {

// [SECTION] Names and the function table

std::string_view idKindName(IdKind kind) {
  switch (kind) {
    case IdKind::Actor:
      return "actor";
    case IdKind::Incident:
      return "incident";
    case IdKind::Evidence:
      return "evidence";
    case IdKind::Measure:
      return "measure";
    case IdKind::Term:
      return "term";
    case IdKind::Inject:
      return "inject";
    case IdKind::Meter:
      return "meter";
    case IdKind::Capability:
      return "capability";
    case IdKind::Ending:
      return "ending";
    case IdKind::ActorKind:
      return "actor kind";
  }
  return "id";
}

std::string_view typeName(Type type) {
  switch (type) {
    case Type::Number:
      return "number";
    case Type::Bool:
      return "boolean";
    case Type::Actor:
      return "actor";
    case Type::Incident:
      return "incident";
    case Type::Evidence:
      return "evidence";
    case Type::Measure:
      return "measure";
    case Type::Term:
      return "term";
    case Type::Inject:
      return "inject";
    case Type::Meter:
      return "meter";
    case Type::Capability:
      return "capability";
    case Type::Ending:
      return "ending";
    case Type::ActorKind:
      return "actor kind";
  }
  return "value";
}

namespace {

constexpr std::size_t kMaxLength = 4096;
constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxErrors = 20;
// Scenario quantities are small (meters 0..100, tension in points); anything beyond this
// is a typo, and keeping literals bounded keeps arithmetic far from overflow.
constexpr double kMaxLiteral = 1e9;

bool isIdType(Type t) { return t != Type::Number && t != Type::Bool; }

std::optional<IdKind> kindOf(Type t) {
  switch (t) {
    case Type::Actor:
      return IdKind::Actor;
    case Type::Incident:
      return IdKind::Incident;
    case Type::Evidence:
      return IdKind::Evidence;
    case Type::Measure:
      return IdKind::Measure;
    case Type::Term:
      return IdKind::Term;
    case Type::Inject:
      return IdKind::Inject;
    case Type::Meter:
      return IdKind::Meter;
    case Type::Capability:
      return IdKind::Capability;
    case Type::Ending:
      return IdKind::Ending;
    case Type::ActorKind:
      return IdKind::ActorKind;
    case Type::Number:
    case Type::Bool:
      break;
  }
  return std::nullopt;
}

std::string describe(Type t) {
  std::string name(typeName(t));
  std::string article = (name[0] == 'a' || name[0] == 'e' || name[0] == 'i') ? "an " : "a ";
  return article + name + (isIdType(t) ? " id" : "");
}

struct Function {
  std::string_view name;
  Op op;
  Type result;
  int arity;  // -1: written without parentheses (turn, escalation, tension)
  std::array<Type, 3> params;
  std::string_view signature;  // for arity messages
};

constexpr Type N = Type::Number;
constexpr Type A = Type::Actor;
constexpr Type I = Type::Incident;

const Function kFunctions[] = {
    {"turn", Op::Turn, N, -1, {}, "turn"},
    {"escalation", Op::Escalation, N, -1, {}, "escalation"},
    {"tension", Op::Tension, N, -1, {}, "tension"},
    {"days", Op::Days, N, -1, {}, "days"},
    {"year", Op::Year, N, -1, {}, "year"},
    {"month", Op::Month, N, -1, {}, "month"},
    {"trust", Op::Trust, N, 2, {A, A}, "trust(a, b)"},
    {"meter", Op::Meter, N, 2, {A, Type::Meter}, "meter(a, m)"},
    {"capability", Op::Capability, N, 2, {A, Type::Capability}, "capability(a, c)"},
    {"capital", Op::Capital, N, 1, {A}, "capital(a)"},
    {"confidence", Op::Confidence, N, 3, {A, I, A}, "confidence(a, i, c)"},
    {"attributed", Op::Attributed, Type::Bool, 2, {A, I}, "attributed(a, i)"},
    {"attributed_to", Op::AttributedTo, Type::Bool, 3, {A, I, A}, "attributed_to(a, i, c)"},
    {"attributed_publicly", Op::AttributedPublicly, Type::Bool, 2, {A, I}, "attributed_publicly(a, i)"},
    {"harbouring", Op::Harbouring, Type::Bool, 2, {A, I}, "harbouring(a, i)"},
    {"seen", Op::Seen, Type::Bool, 2, {A, Type::Evidence}, "seen(a, e)"},
    {"revealed", Op::Revealed, Type::Bool, 1, {I}, "revealed(i)"},
    {"fired", Op::Fired, Type::Bool, 1, {Type::Inject}, "fired(j)"},
    {"used", Op::Used, N, 2, {A, Type::Measure}, "used(a, m)"},
    {"agreement", Op::Agreement, Type::Bool, 3, {A, A, Type::Term}, "agreement(a, b, t)"},
    {"member", Op::Member, Type::Bool, 2, {A, A}, "member(a, bloc)"},
    {"ended", Op::Ended, Type::Bool, 1, {Type::Ending}, "ended(e)"},
    {"kind", Op::Kind, Type::Bool, 2, {A, Type::ActorKind}, "kind(a, k)"},
    {"min", Op::Min, N, 2, {N, N}, "min(x, y)"},
    {"max", Op::Max, N, 2, {N, N}, "max(x, y)"},
    {"abs", Op::Abs, N, 1, {N}, "abs(x)"},
};

const Function* findFunction(std::string_view name) {
  for (const Function& f : kFunctions)
    if (f.name == name) return &f;
  return nullptr;
}
const Function* functionOf(Op op) {
  for (const Function& f : kFunctions)
    if (f.op == op) return &f;
  return nullptr;
}

// The probability words (core/Names.hpp) are number constants in expressions.
std::optional<double> findWord(std::string_view name) {
  for (const ProbabilityWord& w : kProbabilityWords)
    if (w.name == name) return w.value;
  return std::nullopt;
}

// [SECTION] Suggestions

// Ids are short: allow about one edit in three letters; sorted so ties resolve the same way
// every run.
std::string suggest(std::string_view name, std::vector<std::string> candidates) {
  if (name.size() > 64) return {};
  std::sort(candidates.begin(), candidates.end());
  const std::string best = closestWord(name, candidates, std::max<std::size_t>(1, (name.size() + 2) / 3));
  return best.empty() ? std::string() : "did you mean '" + best + "'?";
}

std::vector<std::string> functionNames() {
  std::vector<std::string> out;
  for (const Function& f : kFunctions) out.emplace_back(f.name);
  return out;
}

// [SECTION] Lexer

enum class Tok : std::uint8_t {
  End,
  Number,
  Ident,
  LParen,
  RParen,
  Comma,
  Plus,
  Minus,
  Star,
  Slash,
  Bang,
  AndAnd,
  OrOr,
  EqEq,
  NotEq,
  Less,
  LessEq,
  Greater,
  GreaterEq,
  Assign,
  PlusAssign,
  MinusAssign,
  Bad,  // a character the language does not use; reported by the parser
};

struct Token {
  Tok kind = Tok::End;
  std::size_t begin = 0;
  std::size_t length = 0;
};

bool isIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isIdentChar(char c) { return isIdentStart(c) || isDigit(c); }

std::vector<Token> lex(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    Token t;
    t.begin = i;
    auto two = [&](char next) { return i + 1 < s.size() && s[i + 1] == next; };
    if (isDigit(c) || (c == '.' && i + 1 < s.size() && isDigit(s[i + 1]))) {
      std::size_t j = i;
      while (j < s.size() && (isDigit(s[j]) || s[j] == '.')) ++j;
      if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
        std::size_t k = j + 1;
        if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
        if (k < s.size() && isDigit(s[k])) {
          while (k < s.size() && isDigit(s[k])) ++k;
          j = k;
        }
      }
      // Letters glued to a number ("3x", "1e") make the literal bad, not two tokens.
      while (j < s.size() && isIdentChar(s[j])) ++j;
      t.kind = Tok::Number;
      t.length = j - i;
    } else if (isIdentStart(c)) {
      std::size_t j = i;
      while (j < s.size() && isIdentChar(s[j])) ++j;
      t.kind = Tok::Ident;
      t.length = j - i;
    } else {
      t.length = 1;
      switch (c) {
        case '(':
          t.kind = Tok::LParen;
          break;
        case ')':
          t.kind = Tok::RParen;
          break;
        case ',':
          t.kind = Tok::Comma;
          break;
        case '*':
          t.kind = Tok::Star;
          break;
        case '/':
          t.kind = Tok::Slash;
          break;
        case '+':
          t.kind = two('=') ? Tok::PlusAssign : Tok::Plus;
          break;
        case '-':
          t.kind = two('=') ? Tok::MinusAssign : Tok::Minus;
          break;
        case '!':
          t.kind = two('=') ? Tok::NotEq : Tok::Bang;
          break;
        case '=':
          t.kind = two('=') ? Tok::EqEq : Tok::Assign;
          break;
        case '<':
          t.kind = two('=') ? Tok::LessEq : Tok::Less;
          break;
        case '>':
          t.kind = two('=') ? Tok::GreaterEq : Tok::Greater;
          break;
        case '&':
          t.kind = two('&') ? Tok::AndAnd : Tok::Bad;
          break;
        case '|':
          t.kind = two('|') ? Tok::OrOr : Tok::Bad;
          break;
        default:
          t.kind = Tok::Bad;
          break;
      }
      switch (t.kind) {  // the two-character operators
        case Tok::PlusAssign:
        case Tok::MinusAssign:
        case Tok::NotEq:
        case Tok::EqEq:
        case Tok::LessEq:
        case Tok::GreaterEq:
        case Tok::AndAnd:
        case Tok::OrOr:
          t.length = 2;
          break;
        default:
          break;
      }
    }
    i += t.length;
    out.push_back(t);
  }
  Token end;
  end.kind = Tok::End;
  end.begin = s.size();
  out.push_back(end);
  return out;
}

// [SECTION] Parser

using MutNode = std::shared_ptr<Node>;

// The actor kinds (the second argument of kind(a, k)) are fixed words of the language,
// resolved here; every other id is the scenario's.
class WithActorKinds final : public SymbolTable {
 public:
  explicit WithActorKinds(const SymbolTable& scenario) : m_scenario(scenario) {}
  std::optional<int> find(IdKind kind, std::string_view name) const override {
    if (kind != IdKind::ActorKind) return m_scenario.find(kind, name);
    for (const auto& k : kActorKindNames)
      if (k.name == name) return static_cast<int>(k.value);
    return std::nullopt;
  }
  std::vector<std::string> names(IdKind kind) const override {
    if (kind != IdKind::ActorKind) return m_scenario.names(kind);
    std::vector<std::string> out;
    for (const auto& k : kActorKindNames) out.emplace_back(k.name);
    return out;
  }
  bool hasCalendar() const override { return m_scenario.hasCalendar(); }

 private:
  const SymbolTable& m_scenario;
};

class Parser {
 public:
  Parser(std::string_view text, const SymbolTable& symbols, Scope scope)
      : m_text(text), m_symbols(symbols), m_scope(scope) {}

  std::vector<Error>& errors() { return m_errors; }
  bool failed() const { return m_failed; }

  // Checks the size limit and lexes; false when the text is refused outright.
  bool start() {
    if (m_text.size() > kMaxLength) {
      error(1, "E308",
            "expression is " + std::to_string(m_text.size()) + " characters long; the limit is " +
                std::to_string(kMaxLength),
            "split it into several conditions or effects");
      m_failed = true;
      return false;
    }
    m_tokens = lex(m_text);
    return true;
  }

  MutNode parseExpression() { return parseOr(); }

  // `reveal(evidence[, actor])` or `lvalue op value`.
  std::optional<Effect> parseEffect() {
    Effect effect;
    const Token& first = peek();
    if (first.kind == Tok::Ident && spelling(first) == "reveal" && peek(1).kind == Tok::LParen) {
      const int col = column(first);
      advance();
      advance();
      std::vector<MutNode> args;
      parseArguments(args, {Type::Evidence, Type::Actor});
      if (m_failed) return std::nullopt;
      if (args.empty() || args.size() > 2) {
        error(col, "E305",
              "reveal takes 1 or 2 arguments (evidence[, actor]), found " + std::to_string(args.size()),
              "write reveal(evidence) or reveal(evidence, actor)");
      }
      effect.target = Effect::Target::Reveal;
      for (auto& a : args) effect.args.push_back(a);
      expectEnd(true);
      return effect;
    }
    MutNode lhs = parseOr();
    if (m_failed) return std::nullopt;
    const Token& opTok = peek();
    switch (opTok.kind) {
      case Tok::Assign:
        effect.op = Effect::Op::Set;
        break;
      case Tok::PlusAssign:
        effect.op = Effect::Op::Add;
        break;
      case Tok::MinusAssign:
        effect.op = Effect::Op::Sub;
        break;
      default:
        syntax(opTok, "expected '=', '+=' or '-=' after the effect's target",
               "an effect is `target = value`, `target += value`, `target -= value` or `reveal(evidence)`");
        return std::nullopt;
    }
    advance();
    switch (lhs->op) {
      case Op::Tension:
        effect.target = Effect::Target::Tension;
        break;
      case Op::Trust:
        effect.target = Effect::Target::Trust;
        break;
      case Op::Meter:
        effect.target = Effect::Target::Meter;
        break;
      case Op::Capability:
        effect.target = Effect::Target::Capability;
        break;
      case Op::Capital:
        effect.target = Effect::Target::Capital;
        break;
      default:
        if (!lhs->poisoned)
          error(lhs->column, "E309", "'" + toString(*lhs) + "' cannot be changed by an effect",
                "writable: tension, trust(a, b), meter(a, m), capability(a, c), capital(a); or use "
                "reveal(evidence)");
        lhs->poisoned = true;
        break;
    }
    MutNode value = parseOr();
    if (m_failed) return std::nullopt;
    expectType(*value, Type::Number);
    expectEnd(true);
    for (std::uint8_t k = 0; k < lhs->kidCount; ++k) effect.args.push_back(lhs->kids[k]);
    effect.value = value;
    return effect;
  }

  void expectEnd(bool inEffect = false) {
    if (m_failed) return;
    const Token& t = peek();
    if (t.kind == Tok::End) return;
    if (inEffect && (t.kind == Tok::Assign || t.kind == Tok::PlusAssign || t.kind == Tok::MinusAssign))
      syntax(t, "an effect has exactly one '" + std::string(spelling(t)) + "'",
             "write one effect per list entry");
    else if (t.kind == Tok::Assign)
      syntax(t, "'=' assigns a value; compare with '=='", "write '==' to compare");
    else if (t.kind == Tok::PlusAssign || t.kind == Tok::MinusAssign)
      syntax(t, "'" + std::string(spelling(t)) + "' is only allowed in an effect, not in a condition", "");
    else if (t.kind == Tok::RParen)
      syntax(t, "unmatched ')'", "remove it or add the matching '('");
    else if (isLoneAndOr(t))
      syntax(t, "unexpected " + describeToken(t), doubledSuggestion(t));
    else
      syntax(t, "unexpected " + describeToken(t) + " after a complete expression",
             "join conditions with '&&' or '||'");
  }

  // Reports E304 at the node unless an error inside it was already reported.
  void expectType(Node& node, Type want) {
    if (node.poisoned || node.type == want) return;
    error(node.column, "E304", "expected " + describe(want) + ", found " + describe(node.type), "");
    node.poisoned = true;
  }

  void error(int col, std::string code, std::string message, std::string suggestion) {
    if (m_errors.size() >= kMaxErrors) {
      m_failed = true;  // enough to act on; stop working on hostile input
      return;
    }
    m_errors.push_back(Error{col, std::move(code), std::move(message), std::move(suggestion)});
  }

 private:
  const Token& peek(std::size_t ahead = 0) const {
    return m_tokens[std::min(m_pos + ahead, m_tokens.size() - 1)];
  }
  void advance() {
    if (m_pos + 1 < m_tokens.size()) ++m_pos;
  }
  std::string_view spelling(const Token& t) const { return m_text.substr(t.begin, t.length); }
  static int column(const Token& t) { return static_cast<int>(t.begin) + 1; }

  std::string describeToken(const Token& t) const {
    if (t.kind == Tok::End) return "end of expression";
    if (t.kind == Tok::Bad) {
      const auto byte = static_cast<unsigned char>(m_text[t.begin]);
      if (byte >= 0x21 && byte < 0x7f) return "character '" + std::string(1, static_cast<char>(byte)) + "'";
      char buf[8];
      std::snprintf(buf, sizeof buf, "0x%02X", byte);
      return std::string("byte ") + buf;
    }
    std::string s(spelling(t).substr(0, 40));
    return "'" + s + "'";
  }

  bool isLoneAndOr(const Token& t) const {
    return t.kind == Tok::Bad && (m_text[t.begin] == '&' || m_text[t.begin] == '|');
  }
  std::string doubledSuggestion(const Token& t) const {
    return std::string("write '") + m_text[t.begin] + m_text[t.begin] + "'";
  }

  // A syntax error ends the parse: recovering from a broken token stream mostly yields
  // noise, and stopping guarantees termination on any input.
  void syntax(const Token& t, std::string message, std::string suggestion) {
    if (m_failed) return;
    error(column(t), "E301", std::move(message), std::move(suggestion));
    m_failed = true;
  }

  MutNode poison(int col) {
    auto n = std::make_shared<Node>();
    n->poisoned = true;
    n->column = col;
    return n;
  }

  MutNode binary(Op op, Type type, MutNode lhs, MutNode rhs) {
    auto n = std::make_shared<Node>();
    n->op = op;
    n->type = type;
    n->column = lhs->column;
    n->kidCount = 2;
    n->poisoned = lhs->poisoned || rhs->poisoned;
    n->kids[0] = std::move(lhs);
    n->kids[1] = std::move(rhs);
    return n;
  }

  MutNode parseOr() {
    MutNode lhs = parseAnd();
    while (!m_failed && peek().kind == Tok::OrOr) {
      advance();
      MutNode rhs = parseAnd();
      if (m_failed) break;
      expectType(*lhs, Type::Bool);
      expectType(*rhs, Type::Bool);
      lhs = binary(Op::Or, Type::Bool, lhs, rhs);
    }
    return lhs;
  }

  MutNode parseAnd() {
    MutNode lhs = parseEquality();
    while (!m_failed && peek().kind == Tok::AndAnd) {
      advance();
      MutNode rhs = parseEquality();
      if (m_failed) break;
      expectType(*lhs, Type::Bool);
      expectType(*rhs, Type::Bool);
      lhs = binary(Op::And, Type::Bool, lhs, rhs);
    }
    return lhs;
  }

  MutNode parseEquality() {
    MutNode lhs = parseRelational();
    while (!m_failed && (peek().kind == Tok::EqEq || peek().kind == Tok::NotEq)) {
      const Op op = peek().kind == Tok::EqEq ? Op::Eq : Op::Ne;
      advance();
      // `incident == grid_attack`: the right side is looked up as the left side's kind.
      const std::optional<Type> saved = m_preferred;
      if (!lhs->poisoned && isIdType(lhs->type)) m_preferred = lhs->type;
      MutNode rhs = parseRelational();
      m_preferred = saved;
      if (m_failed) break;
      // Any two values of the same type compare: numbers, booleans, or ids (self == ukr).
      if (!lhs->poisoned) expectType(*rhs, lhs->type);
      lhs = binary(op, Type::Bool, lhs, rhs);
    }
    return lhs;
  }

  MutNode parseRelational() {
    MutNode lhs = parseAdditive();
    while (!m_failed) {
      Op op;
      switch (peek().kind) {
        case Tok::Less:
          op = Op::Lt;
          break;
        case Tok::LessEq:
          op = Op::Le;
          break;
        case Tok::Greater:
          op = Op::Gt;
          break;
        case Tok::GreaterEq:
          op = Op::Ge;
          break;
        default:
          return lhs;
      }
      advance();
      MutNode rhs = parseAdditive();
      if (m_failed) break;
      expectType(*lhs, Type::Number);
      expectType(*rhs, Type::Number);
      lhs = binary(op, Type::Bool, lhs, rhs);
    }
    return lhs;
  }

  MutNode parseAdditive() {
    MutNode lhs = parseMultiplicative();
    while (!m_failed && (peek().kind == Tok::Plus || peek().kind == Tok::Minus)) {
      const Op op = peek().kind == Tok::Plus ? Op::Add : Op::Sub;
      advance();
      MutNode rhs = parseMultiplicative();
      if (m_failed) break;
      expectType(*lhs, Type::Number);
      expectType(*rhs, Type::Number);
      lhs = binary(op, Type::Number, lhs, rhs);
    }
    return lhs;
  }

  MutNode parseMultiplicative() {
    MutNode lhs = parseUnary();
    while (!m_failed && (peek().kind == Tok::Star || peek().kind == Tok::Slash)) {
      const Op op = peek().kind == Tok::Star ? Op::Mul : Op::Div;
      advance();
      MutNode rhs = parseUnary();
      if (m_failed) break;
      expectType(*lhs, Type::Number);
      expectType(*rhs, Type::Number);
      lhs = binary(op, Type::Number, lhs, rhs);
    }
    return lhs;
  }

  // Depth is counted here and in argument lists: every recursive path (parentheses,
  // unary chains, calls) passes through one of them, so the C++ stack stays bounded
  // whatever the input. Binary chains are loops, not recursion.
  MutNode parseUnary() {
    const Token& t = peek();
    if (++m_depth > kMaxDepth) {
      error(column(t), "E308", "expression nested deeper than " + std::to_string(kMaxDepth) + " levels",
            "simplify it or split it into several conditions");
      m_failed = true;
      --m_depth;
      return poison(column(t));
    }
    MutNode result;
    if (t.kind == Tok::Minus || t.kind == Tok::Bang) {
      const bool neg = t.kind == Tok::Minus;
      const int col = column(t);
      advance();
      MutNode operand = parseUnary();
      if (!m_failed) {
        expectType(*operand, neg ? Type::Number : Type::Bool);
        auto n = std::make_shared<Node>();
        n->op = neg ? Op::Neg : Op::Not;
        n->type = neg ? Type::Number : Type::Bool;
        n->column = col;
        n->kidCount = 1;
        n->poisoned = operand->poisoned;
        n->kids[0] = operand;
        result = n;
      } else {
        result = operand;
      }
    } else {
      result = parsePrimary(std::nullopt);
    }
    --m_depth;
    return result;
  }

  // `expected` is the type an enclosing function wants here; it decides which kind of id
  // a bare identifier is looked up as.
  MutNode parsePrimary(std::optional<Type> expected) {
    const Token t = peek();
    const int col = column(t);
    switch (t.kind) {
      case Tok::Number: {
        advance();
        return numberLiteral(t);
      }
      case Tok::LParen: {
        advance();
        MutNode inner = parseOr();
        if (m_failed) return inner;
        if (peek().kind != Tok::RParen) {
          syntax(peek(),
                 "expected ')' to close the '(' at column " + std::to_string(col) + ", found " +
                     describeToken(peek()),
                 "");
          return inner;
        }
        advance();
        return inner;
      }
      case Tok::Ident: {
        advance();
        return identifier(t, expected);
      }
      case Tok::End:
        syntax(t, "unexpected end of expression; a value is missing", "");
        return poison(col);
      case Tok::Assign:
        syntax(t, "unexpected '='; compare with '=='", "");
        return poison(col);
      default:
        syntax(t, "unexpected " + describeToken(t) + "; expected a value",
               isLoneAndOr(t) ? doubledSuggestion(t) : std::string());
        return poison(col);
    }
  }

  MutNode numberLiteral(const Token& t) {
    const std::string_view s = spelling(t);
    auto n = std::make_shared<Node>();
    n->op = Op::Number;
    n->type = Type::Number;
    n->column = column(t);
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    const bool complete = ptr == s.data() + s.size();
    if (ec != std::errc() || !complete || !std::isfinite(v) || std::fabs(v) > kMaxLiteral) {
      const std::string shown(s.substr(0, 40));
      if (ec == std::errc() && complete)
        error(n->column, "E307", "number '" + shown + "' is out of range", "numbers must lie within ±1e9");
      else if (ec == std::errc::result_out_of_range)
        error(n->column, "E307", "number '" + shown + "' is out of range", "numbers must lie within ±1e9");
      else
        error(n->column, "E307", "bad number '" + shown + "'",
              "write a decimal number such as 3, 0.5 or 1e3");
      n->poisoned = true;
      return n;
    }
    n->value = v;
    return n;
  }

  MutNode leaf(Op op, Type type, int col) {
    auto n = std::make_shared<Node>();
    n->op = op;
    n->type = type;
    n->column = col;
    return n;
  }

  MutNode contextVariable(std::string_view name, int col) {
    struct Var {
      std::string_view name;
      bool allowed;
      Op op;
      Type type;
      std::string_view providers;
    };
    const Var vars[] = {
        {"self", m_scope.self, Op::Self, Type::Actor,
         "measure requires/effects (the acting actor), term on_accept/breaks_when (the proposer) "
         "and objectives (the objective's actor)"},
        {"target", m_scope.target, Op::Target, Type::Actor,
         "measures whose target is actor or actor_and_incident, and term on_accept/breaks_when "
         "(the acceptor)"},
        {"incident", m_scope.incident, Op::IncidentVar, Type::Incident,
         "measures whose target is incident or actor_and_incident"},
    };
    for (const Var& v : vars) {
      if (v.name != name) continue;
      MutNode n = leaf(v.op, v.type, col);
      n->text = std::string(name);
      if (!v.allowed) {
        error(col, "E306",
              "'" + std::string(name) + "' is not available here; it is provided by " +
                  std::string(v.providers),
              "name the " + std::string(typeName(v.type)) + " by its id instead");
        n->poisoned = true;
      }
      return n;
    }
    return nullptr;
  }

  MutNode identifier(const Token& t, std::optional<Type> expected) {
    const std::string_view name = spelling(t);
    const int col = column(t);
    const bool call = peek().kind == Tok::LParen;

    if (!call) {
      if (MutNode var = contextVariable(name, col)) return var;
      if (name == "true" || name == "false") {
        MutNode n = leaf(Op::Bool, Type::Bool, col);
        n->value = name == "true" ? 1 : 0;
        return n;
      }
      // In an id position, the scenario's own ids win over words and function names.
      if (expected && isIdType(*expected)) {
        if (auto idx = m_symbols.find(*kindOf(*expected), name)) return idNode(*expected, *idx, name, col);
      }
      if (auto w = findWord(name)) {
        MutNode n = leaf(Op::Number, Type::Number, col);
        n->value = *w;
        n->text = std::string(name);
        return n;
      }
    }

    if (const Function* f = findFunction(name)) return functionCall(*f, col, call);

    if (call) {
      advance();  // '('
      std::vector<MutNode> args;
      parseArguments(args, {});
      if (m_failed) return poison(col);
      if (name == "reveal")
        error(col, "E302", "reveal(...) is an effect and cannot be used inside an expression",
              "put it in an effects list");
      else
        error(col, "E302", "unknown function '" + std::string(name.substr(0, 40)) + "'",
              suggest(name, functionNames()));
      return poison(col);
    }

    // A bare identifier that is no variable, word or function: an id.
    if (expected && isIdType(*expected)) {
      const IdKind kind = *kindOf(*expected);
      std::vector<std::string> candidates = m_symbols.names(kind);
      // "slef" should point at the context variable the author meant.
      if (kind == IdKind::Actor && m_scope.self) candidates.emplace_back("self");
      if (kind == IdKind::Actor && m_scope.target) candidates.emplace_back("target");
      if (kind == IdKind::Incident && m_scope.incident) candidates.emplace_back("incident");
      error(col, "E303",
            "unknown " + std::string(idKindName(kind)) + " '" + std::string(name.substr(0, 40)) + "'",
            suggest(name, std::move(candidates)));
      return poison(col);
    }
    if (m_preferred) {
      const IdKind kind = *kindOf(*m_preferred);
      if (auto idx = m_symbols.find(kind, name)) return idNode(*m_preferred, *idx, name, col);
      error(col, "E303",
            "unknown " + std::string(idKindName(kind)) + " '" + std::string(name.substr(0, 40)) + "'",
            suggest(name, m_symbols.names(kind)));
      return poison(col);
    }
    // Outside an argument (e.g. `self == ukr`), look the name up in every kind.
    static constexpr Type kOrder[] = {Type::Actor,   Type::Incident,   Type::Evidence,
                                      Type::Measure, Type::Term,       Type::Inject,
                                      Type::Meter,   Type::Capability, Type::Ending};
    for (Type type : kOrder)
      if (auto idx = m_symbols.find(*kindOf(type), name)) return idNode(type, *idx, name, col);
    std::vector<std::string> candidates = functionNames();
    for (const ProbabilityWord& w : kProbabilityWords) candidates.emplace_back(w.name);
    for (const char* kw : {"true", "false", "self", "target", "incident"}) candidates.emplace_back(kw);
    auto actors = m_symbols.names(IdKind::Actor);
    candidates.insert(candidates.end(), actors.begin(), actors.end());
    error(col, "E303", "unknown identifier '" + std::string(name.substr(0, 40)) + "'",
          suggest(name, candidates));
    return poison(col);
  }

  MutNode idNode(Type type, int index, std::string_view name, int col) {
    MutNode n = leaf(Op::Id, type, col);
    n->index = index;
    n->text = std::string(name);
    return n;
  }

  MutNode functionCall(const Function& f, int col, bool call) {
    MutNode n = leaf(f.op, f.result, col);
    n->text = std::string(f.name);
    if (f.arity < 0) {
      if (call) {
        advance();
        std::vector<MutNode> args;
        parseArguments(args, {});
        if (m_failed) return poison(col);
        error(col, "E305", "'" + std::string(f.name) + "' takes no arguments",
              "write '" + std::string(f.name) + "' without parentheses");
        n->poisoned = true;
      } else if ((f.op == Op::Days || f.op == Op::Year || f.op == Op::Month) && !m_symbols.hasCalendar()) {
        error(col, "E306",
              "'" + std::string(f.name) + "' needs dated turns, and this scenario has no `calendar`",
              "add a `calendar:` (docs/scenario-format.md) or test `turn` instead");
        n->poisoned = true;
      }
      return n;
    }
    if (!call) {
      error(col, "E305",
            "'" + std::string(f.name) + "' needs " + std::to_string(f.arity) +
                (f.arity == 1 ? " argument" : " arguments"),
            "write " + std::string(f.signature));
      n->poisoned = true;
      return n;
    }
    advance();  // '('
    std::vector<MutNode> args;
    std::vector<Type> params(f.params.begin(), f.params.begin() + f.arity);
    parseArguments(args, params);
    if (m_failed) return poison(col);
    if (static_cast<int>(args.size()) != f.arity) {
      error(col, "E305",
            "'" + std::string(f.name) + "' takes " + std::to_string(f.arity) +
                (f.arity == 1 ? " argument" : " arguments") + ", found " + std::to_string(args.size()),
            "write " + std::string(f.signature));
      n->poisoned = true;
      return n;
    }
    n->kidCount = static_cast<std::uint8_t>(f.arity);
    for (int k = 0; k < f.arity; ++k) {
      if (args[static_cast<std::size_t>(k)]->poisoned) n->poisoned = true;
      n->kids[static_cast<std::size_t>(k)] = args[static_cast<std::size_t>(k)];
    }
    return n;
  }

  // After '(' up to and including ')'. Each argument is checked against `params` when
  // it has one; extra arguments are parsed (to find their errors) but left to the caller.
  void parseArguments(std::vector<MutNode>& args, const std::vector<Type>& params) {
    if (++m_depth > kMaxDepth) {
      error(column(peek()), "E308", "expression nested deeper than " + std::to_string(kMaxDepth) + " levels",
            "simplify it or split it into several conditions");
      m_failed = true;
      --m_depth;
      return;
    }
    if (peek().kind == Tok::RParen) {
      advance();
      --m_depth;
      return;
    }
    while (!m_failed) {
      const std::size_t k = args.size();
      std::optional<Type> want;
      if (k < params.size()) want = params[k];
      MutNode arg;
      // A lone identifier in an id position is looked up as that kind of id; anything
      // else is a full expression whose type must match.
      if (want && isIdType(*want) && peek().kind == Tok::Ident &&
          (peek(1).kind == Tok::Comma || peek(1).kind == Tok::RParen)) {
        arg = parsePrimary(want);
      } else {
        arg = parseOr();
      }
      if (m_failed) break;
      if (want) expectType(*arg, *want);
      args.push_back(arg);
      if (args.size() > 16) {
        syntax(peek(), "too many arguments", "");
        break;
      }
      if (peek().kind == Tok::Comma) {
        advance();
        continue;
      }
      if (peek().kind == Tok::RParen) {
        advance();
        break;
      }
      syntax(peek(), "expected ',' or ')' in the argument list, found " + describeToken(peek()), "");
    }
    --m_depth;
  }

  std::string_view m_text;
  WithActorKinds m_symbols;
  Scope m_scope;
  std::vector<Token> m_tokens;
  std::size_t m_pos = 0;
  int m_depth = 0;
  bool m_failed = false;
  std::optional<Type> m_preferred;  // id kind the other side of == / != has
  std::vector<Error> m_errors;
};

}  // namespace

// [SECTION] Public parse entry points

ConditionResult parseCondition(std::string_view text, const SymbolTable& symbols, Scope scope) {
  ConditionResult result;
  Parser p(text, symbols, scope);
  if (p.start()) {
    MutNode root = p.parseExpression();
    p.expectEnd();
    if (!p.failed() && !root->poisoned && root->type != Type::Bool)
      p.error(root->column, "E310", "a condition must be true or false; this is " + describe(root->type),
              root->type == Type::Number ? "compare it, e.g. '... > 0'" : "");
    if (p.errors().empty()) result.root = root;
  }
  result.errors = std::move(p.errors());
  return result;
}

EffectResult parseEffect(std::string_view text, const SymbolTable& symbols, Scope scope) {
  EffectResult result;
  Parser p(text, symbols, scope);
  if (p.start()) {
    std::optional<Effect> effect = p.parseEffect();
    if (p.errors().empty()) result.effect = std::move(effect);
  }
  result.errors = std::move(p.errors());
  return result;
}

NumberResult parseNumber(std::string_view text, const SymbolTable& symbols, Scope scope) {
  NumberResult result;
  Parser p(text, symbols, scope);
  if (p.start()) {
    MutNode root = p.parseExpression();
    p.expectEnd();
    if (!p.failed()) p.expectType(*root, Type::Number);
    if (p.errors().empty()) result.root = root;
  }
  result.errors = std::move(p.errors());
  return result;
}

// [SECTION] Evaluation
// Trees are type-checked, so each function only meets the opcodes of its type.

// The evaluator itself is in ExprEval.hpp (templates over the context type).
using detail::evalIndex;
using detail::kid;

double evalNumber(const Node& n, const EvalContext& ctx, const Bindings& b) {
  return evalNumberWith(n, ctx, b);
}

bool evalBool(const Node& n, const EvalContext& ctx, const Bindings& b) { return evalBoolWith(n, ctx, b); }

namespace {
void collectUses(const Node& n, const Bindings& b, std::vector<std::pair<int, int>>& out) {
  if (n.op == Op::Used) {
    const std::pair<int, int> use{evalIndex(kid(n, 0), b), evalIndex(kid(n, 1), b)};
    if (std::find(out.begin(), out.end(), use) == out.end()) out.push_back(use);
    return;
  }
  for (std::size_t k = 0; k < n.kidCount; ++k)
    if (n.kids[k]) collectUses(*n.kids[k], b, out);
}
}  // namespace

std::vector<std::pair<int, int>> usesRead(const Node& node, const Bindings& b) {
  std::vector<std::pair<int, int>> out;
  collectUses(node, b, out);
  return out;
}

void apply(const Effect& effect, EvalContext& ctx, const Bindings& b) { applyWith(effect, ctx, b); }

// [SECTION] Printing and equality

namespace {

int precedence(Op op) {
  switch (op) {
    case Op::Or:
      return 1;
    case Op::And:
      return 2;
    case Op::Eq:
    case Op::Ne:
      return 3;
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
      return 4;
    case Op::Add:
    case Op::Sub:
      return 5;
    case Op::Mul:
    case Op::Div:
      return 6;
    case Op::Neg:
    case Op::Not:
      return 7;
    default:
      return 8;
  }
}

std::string_view symbol(Op op) {
  switch (op) {
    case Op::Or:
      return "||";
    case Op::And:
      return "&&";
    case Op::Eq:
      return "==";
    case Op::Ne:
      return "!=";
    case Op::Lt:
      return "<";
    case Op::Le:
      return "<=";
    case Op::Gt:
      return ">";
    case Op::Ge:
      return ">=";
    case Op::Add:
      return "+";
    case Op::Sub:
      return "-";
    case Op::Mul:
      return "*";
    case Op::Div:
      return "/";
    case Op::Neg:
      return "-";
    case Op::Not:
      return "!";
    default:
      return "?";
  }
}

void print(const Node& n, std::string& out);

void printChild(const Node& child, int minPrecedence, std::string& out) {
  const bool parens = precedence(child.op) < minPrecedence;
  if (parens) out += '(';
  print(child, out);
  if (parens) out += ')';
}

void print(const Node& n, std::string& out) {
  switch (n.op) {
    case Op::Number: {
      if (!n.text.empty()) {
        out += n.text;
        break;
      }
      char buf[64];
      const auto res = std::to_chars(buf, buf + sizeof buf, n.value);
      out.append(buf, res.ptr);
      break;
    }
    case Op::Bool:
      out += n.value != 0 ? "true" : "false";
      break;
    case Op::Id:
      out += n.text;
      break;
    case Op::Self:
      out += "self";
      break;
    case Op::Target:
      out += "target";
      break;
    case Op::IncidentVar:
      out += "incident";
      break;
    case Op::Neg:
    case Op::Not:
      out += symbol(n.op);
      printChild(*n.kids[0], precedence(n.op), out);
      break;
    case Op::Or:
    case Op::And:
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div: {
      // Operators are left-associative: a right operand of equal precedence needs parentheses.
      const int p = precedence(n.op);
      printChild(*n.kids[0], p, out);
      out += ' ';
      out += symbol(n.op);
      out += ' ';
      printChild(*n.kids[1], p + 1, out);
      break;
    }
    default: {
      const Function* f = functionOf(n.op);
      out += f ? f->name : std::string_view("?");
      if (f && f->arity < 0) break;
      out += '(';
      for (std::uint8_t k = 0; k < n.kidCount; ++k) {
        if (k) out += ", ";
        print(*n.kids[k], out);
      }
      out += ')';
      break;
    }
  }
}

}  // namespace

std::string toString(const Node& node) {
  std::string out;
  print(node, out);
  return out;
}

std::string toString(const Effect& effect) {
  std::string out;
  auto args = [&] {
    out += '(';
    for (std::size_t k = 0; k < effect.args.size(); ++k) {
      if (k) out += ", ";
      print(*effect.args[k], out);
    }
    out += ')';
  };
  switch (effect.target) {
    case Effect::Target::Reveal:
      out += "reveal";
      args();
      return out;
    case Effect::Target::Tension:
      out += "tension";
      break;
    case Effect::Target::Trust:
      out += "trust";
      args();
      break;
    case Effect::Target::Meter:
      out += "meter";
      args();
      break;
    case Effect::Target::Capability:
      out += "capability";
      args();
      break;
    case Effect::Target::Capital:
      out += "capital";
      args();
      break;
  }
  switch (effect.op) {
    case Effect::Op::Set:
      out += " = ";
      break;
    case Effect::Op::Add:
      out += " += ";
      break;
    case Effect::Op::Sub:
      out += " -= ";
      break;
  }
  if (effect.value) print(*effect.value, out);
  return out;
}

bool equal(const Node& x, const Node& y) {
  if (x.op != y.op || x.type != y.type || x.kidCount != y.kidCount || x.index != y.index ||
      x.value != y.value)
    return false;
  for (std::uint8_t k = 0; k < x.kidCount; ++k)
    if (!equal(*x.kids[k], *y.kids[k])) return false;
  return true;
}

}  // namespace demarche::expr
