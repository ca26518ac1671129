// Private to the expression module: the layout of a parsed expression node, built by the
// parser in Expr.cpp and walked by the evaluator (ExprEval.hpp). Only Expr*.cpp, the callers of
// ExprEval.hpp (the engine, the agents' look-ahead) and the tests include it.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/Expr.hpp"

namespace demarche::expr {

// Every id is resolved and every function looked up at parse time, so evaluation is one
// switch on the opcode per node and never allocates.
enum class Op : std::uint8_t {
  // leaves
  Number,       // value (numbers and probability words)
  Bool,         // value 0 or 1
  Id,           // index: a resolved scenario id of the node's type
  Self,         // Bindings::self
  Target,       // Bindings::target
  IncidentVar,  // Bindings::incident
  // state readers
  Turn,
  Days,   // days since the first turn's date
  Year,   // the current turn's calendar year
  Month,  // and month, 1..12
  Escalation,
  Tension,
  Trust,
  Meter,
  Capability,
  Capital,
  Confidence,
  Attributed,
  AttributedTo,
  AttributedPublicly,
  Harbouring,
  Seen,
  Revealed,
  Fired,
  Used,
  Agreement,
  Member,
  Ended,
  Kind,
  Min,
  Max,
  Abs,
  // operators
  Neg,
  Not,
  Add,
  Sub,
  Mul,
  Div,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  And,
  Or,
};

struct Node {
  Op op = Op::Number;
  Type type = Type::Number;
  std::uint8_t kidCount = 0;
  bool poisoned = false;        // parse time only: an error inside was already reported
  int column = 1;               // 1-based byte offset where the sub-expression starts
  int index = -1;               // Op::Id: index into the scenario vector of `type`
  double value = 0;             // Op::Number, Op::Bool
  std::string text;             // spelling of ids and probability words, for toString
  std::array<NodePtr, 3> kids;  // operands or function arguments, in order
};

// Structural equality (ignores columns and spelling): what a round trip must preserve.
bool equal(const Node& x, const Node& y);

}  // namespace demarche::expr
