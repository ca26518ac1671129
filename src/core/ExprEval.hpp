// The evaluator of parsed expressions as templates over the context type. expr::evalBool,
// evalNumber and apply (Expr.hpp) are these with the abstract EvalContext; a caller with a
// `final` context class (the engine's, the agents' look-ahead) instantiates them with it, so
// every read of the state is a direct, inlinable call instead of a virtual one. Same
// arithmetic in the same order: the results are bit-for-bit those of the virtual path.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "core/Calendar.hpp"
#include "core/ExprNode.hpp"

namespace demarche::expr {

namespace detail {

inline int evalIndex(const Node& n, const Bindings& b) {
  switch (n.op) {
    case Op::Self:
      return b.self;
    case Op::Target:
      return b.target;
    case Op::IncidentVar:
      return b.incident;
    default:
      return n.index;
  }
}

inline const Node& kid(const Node& n, int k) { return *n.kids[static_cast<std::size_t>(k)]; }

}  // namespace detail

// Trees are type-checked, so each function only meets the opcodes of its type.
template <class Ctx>
bool evalBoolWith(const Node& n, const Ctx& ctx, const Bindings& b);

template <class Ctx>
double evalNumberWith(const Node& n, const Ctx& ctx, const Bindings& b) {
  using detail::evalIndex;
  using detail::kid;
  switch (n.op) {
    case Op::Number:
      return n.value;
    case Op::Turn:
      return ctx.turn();
    case Op::Days:
      return ctx.dayOfTurn(static_cast<int>(ctx.turn())) - ctx.dayOfTurn(1);
    case Op::Year:
      return civilFromDays(ctx.dayOfTurn(static_cast<int>(ctx.turn()))).year;
    case Op::Month:
      return civilFromDays(ctx.dayOfTurn(static_cast<int>(ctx.turn()))).month;
    case Op::Escalation:
      return ctx.escalation();
    case Op::Tension:
      return ctx.tension();
    case Op::Trust:
      return ctx.trust(evalIndex(kid(n, 0), b), evalIndex(kid(n, 1), b));
    case Op::Meter:
      return ctx.meter(evalIndex(kid(n, 0), b), evalIndex(kid(n, 1), b));
    case Op::Capability:
      return ctx.capability(evalIndex(kid(n, 0), b), evalIndex(kid(n, 1), b));
    case Op::Capital:
      return ctx.capital(evalIndex(kid(n, 0), b));
    case Op::Confidence:
      return ctx.confidence(evalIndex(kid(n, 0), b), evalIndex(kid(n, 1), b), evalIndex(kid(n, 2), b));
    case Op::Used:
      return ctx.used(evalIndex(kid(n, 0), b), evalIndex(kid(n, 1), b));
    case Op::Min:
      return std::min(evalNumberWith(kid(n, 0), ctx, b), evalNumberWith(kid(n, 1), ctx, b));
    case Op::Max:
      return std::max(evalNumberWith(kid(n, 0), ctx, b), evalNumberWith(kid(n, 1), ctx, b));
    case Op::Abs:
      return std::fabs(evalNumberWith(kid(n, 0), ctx, b));
    case Op::Neg:
      return -evalNumberWith(kid(n, 0), ctx, b);
    case Op::Add:
      return evalNumberWith(kid(n, 0), ctx, b) + evalNumberWith(kid(n, 1), ctx, b);
    case Op::Sub:
      return evalNumberWith(kid(n, 0), ctx, b) - evalNumberWith(kid(n, 1), ctx, b);
    case Op::Mul:
      return evalNumberWith(kid(n, 0), ctx, b) * evalNumberWith(kid(n, 1), ctx, b);
    case Op::Div: {
      // x / 0 is 0: the engine must never see inf or nan from an author's formula.
      const double d = evalNumberWith(kid(n, 1), ctx, b);
      return d == 0 ? 0.0 : evalNumberWith(kid(n, 0), ctx, b) / d;
    }
    default:
      return evalBoolWith(n, ctx, b) ? 1.0 : 0.0;  // unreachable for checked trees
  }
}

template <class Ctx>
bool evalBoolWith(const Node& n, const Ctx& ctx, const Bindings& b) {
  using detail::evalIndex;
  using detail::kid;
  switch (n.op) {
    case Op::Bool:
      return n.value != 0;
    case Op::Attributed:
      return ctx.attributed(evalIndex(kid(n, 0), b), evalIndex(kid(n, 1), b));
    case Op::AttributedTo:
      return ctx.attributedTo(evalIndex(kid(n, 0), b), evalIndex(kid(n, 1), b), evalIndex(kid(n, 2), b));
    case Op::AttributedPublicly:
      return ctx.attributedPublicly(evalIndex(kid(n, 0), b), evalIndex(kid(n, 1), b));
    case Op::Harbouring:
      return ctx.harbouring(evalIndex(kid(n, 0), b), evalIndex(kid(n, 1), b));
    case Op::Seen:
      return ctx.seen(evalIndex(kid(n, 0), b), evalIndex(kid(n, 1), b));
    case Op::Revealed:
      return ctx.incidentRevealed(evalIndex(kid(n, 0), b));
    case Op::Fired:
      return ctx.fired(evalIndex(kid(n, 0), b));
    case Op::Agreement:
      return ctx.agreement(evalIndex(kid(n, 0), b), evalIndex(kid(n, 1), b), evalIndex(kid(n, 2), b));
    case Op::Member:
      return ctx.member(evalIndex(kid(n, 0), b), evalIndex(kid(n, 1), b));
    case Op::Ended:
      return ctx.ended(evalIndex(kid(n, 0), b));
    case Op::Kind:
      return ctx.actorKind(evalIndex(kid(n, 0), b)) == kid(n, 1).index;
    case Op::Not:
      return !evalBoolWith(kid(n, 0), ctx, b);
    case Op::And:
      return evalBoolWith(kid(n, 0), ctx, b) && evalBoolWith(kid(n, 1), ctx, b);
    case Op::Or:
      return evalBoolWith(kid(n, 0), ctx, b) || evalBoolWith(kid(n, 1), ctx, b);
    case Op::Eq:
    case Op::Ne: {
      const Node& l = kid(n, 0);
      const Node& r = kid(n, 1);
      bool same;
      if (l.type == Type::Number)
        same = evalNumberWith(l, ctx, b) == evalNumberWith(r, ctx, b);
      else if (l.type == Type::Bool)
        same = evalBoolWith(l, ctx, b) == evalBoolWith(r, ctx, b);
      else
        same = evalIndex(l, b) == evalIndex(r, b);
      return n.op == Op::Eq ? same : !same;
    }
    case Op::Lt:
      return evalNumberWith(kid(n, 0), ctx, b) < evalNumberWith(kid(n, 1), ctx, b);
    case Op::Le:
      return evalNumberWith(kid(n, 0), ctx, b) <= evalNumberWith(kid(n, 1), ctx, b);
    case Op::Gt:
      return evalNumberWith(kid(n, 0), ctx, b) > evalNumberWith(kid(n, 1), ctx, b);
    case Op::Ge:
      return evalNumberWith(kid(n, 0), ctx, b) >= evalNumberWith(kid(n, 1), ctx, b);
    default:
      return false;  // unreachable for checked trees
  }
}

template <class Ctx>
void applyWith(const Effect& effect, Ctx& ctx, const Bindings& b) {
  auto arg = [&](std::size_t k) { return detail::evalIndex(*effect.args[k], b); };
  if (effect.target == Effect::Target::Reveal) {
    ctx.reveal(arg(0), effect.args.size() > 1 ? arg(1) : -1);
    return;
  }
  const double v = evalNumberWith(*effect.value, ctx, b);
  auto combine = [&](double current) {
    switch (effect.op) {
      case Effect::Op::Set:
        return v;
      case Effect::Op::Add:
        return current + v;
      case Effect::Op::Sub:
        return current - v;
    }
    return v;
  };
  const bool reads = effect.op != Effect::Op::Set;
  switch (effect.target) {
    case Effect::Target::Tension:
      ctx.setTension(combine(reads ? ctx.tension() : 0));
      break;
    case Effect::Target::Trust: {
      const int a = arg(0), c = arg(1);
      ctx.setTrust(a, c, combine(reads ? ctx.trust(a, c) : 0));
      break;
    }
    case Effect::Target::Meter: {
      const int a = arg(0), m = arg(1);
      ctx.setMeter(a, m, combine(reads ? ctx.meter(a, m) : 0));
      break;
    }
    case Effect::Target::Capability: {
      const int a = arg(0), c = arg(1);
      ctx.setCapability(a, c, combine(reads ? ctx.capability(a, c) : 0));
      break;
    }
    case Effect::Target::Capital: {
      const int a = arg(0);
      ctx.setCapital(a, combine(reads ? ctx.capital(a) : 0));
      break;
    }
    case Effect::Target::Reveal:
      break;
  }
}

}  // namespace demarche::expr
