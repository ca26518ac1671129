// Measure profiles (a probe context records what each effect writes) and the look-ahead
// context agents evaluate their objectives with.
#include "agents/Prediction.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>

#include "core/ExprEval.hpp"

namespace demarche::agents {

namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }
double clampd(double x, double lo, double hi) { return x < lo ? lo : (x > hi ? hi : x); }

// Sentinel actor indices for `self` and `target` while probing, so that effects naming an
// actor by id (fixed actors, 0..n-1) can be told apart from the context variables.
constexpr int kSelf = 1 << 20;
constexpr int kTarget = kSelf + 1;

// A neutral state that records every write as a delta from the value it read.
class Probe final : public expr::EvalContext {
 public:
  explicit Probe(MeasureProfile& p) : m_p(p) {}
  double turn() const override { return 1; }
  double escalation() const override { return 0; }
  double tension() const override { return 50; }
  double trust(int, int) const override { return 0; }
  double meter(int, int) const override { return 50; }
  double capability(int, int) const override { return 5; }
  double capital(int) const override { return 5; }
  double confidence(int, int, int) const override { return 0.5; }
  bool attributed(int, int) const override { return false; }
  bool attributedTo(int, int, int) const override { return false; }
  bool attributedPublicly(int, int) const override { return false; }
  bool harbouring(int, int) const override { return false; }
  bool seen(int, int) const override { return false; }
  bool incidentRevealed(int) const override { return true; }
  bool fired(int) const override { return false; }
  double used(int, int) const override { return 0; }
  bool agreement(int, int, int) const override { return false; }
  bool member(int, int) const override { return false; }
  int actorKind(int) const override { return -1; }
  int dayOfTurn(int) const override { return 0; }
  bool ended(int) const override { return false; }

  void setTension(double v) override {
    add({ProfileDelta::Kind::Tension, Party::Self, -1, Party::Self, -1, -1, v - 50});
  }
  void setTrust(int a, int b, double v) override {
    ProfileDelta d{ProfileDelta::Kind::Trust, party(a), fixed(a), party(b), fixed(b), -1, v};
    add(d);
  }
  void setMeter(int a, int m, double v) override {
    add({ProfileDelta::Kind::Meter, party(a), fixed(a), Party::Self, -1, m, v - 50});
  }
  void setCapability(int a, int c, double v) override {
    add({ProfileDelta::Kind::Capability, party(a), fixed(a), Party::Self, -1, c, v - 5});
  }
  void setCapital(int a, double v) override {
    add({ProfileDelta::Kind::Capital, party(a), fixed(a), Party::Self, -1, -1, v - 5});
  }
  void reveal(int, int) override {}

 private:
  static Party party(int a) { return a == kSelf ? Party::Self : a == kTarget ? Party::Target : Party::Fixed; }
  static int fixed(int a) { return a == kSelf || a == kTarget ? -1 : a; }
  void add(const ProfileDelta& d) { m_p.deltas.push_back(d); }
  MeasureProfile& m_p;
};

}  // namespace

std::vector<MeasureProfile> buildProfiles(const ScenarioView& view) {
  std::vector<MeasureProfile> out(at(view.measureCount()));
  const LadderDef& ladder = view.ladder();
  for (int m = 0; m < view.measureCount(); ++m) {
    const MeasureDef& md = view.measure(m);
    MeasureProfile& p = out[at(m)];
    p.selfMeter.assign(at(view.meterCount()), 0.0);
    p.targetMeter.assign(at(view.meterCount()), 0.0);
    Probe probe(p);
    for (const EffectDef& e : md.effects) expr::apply(e.effect, probe, {kSelf, kTarget, 0});
    for (const ProfileDelta& d : p.deltas) {
      switch (d.kind) {
        case ProfileDelta::Kind::Meter:
          if (d.index < 0 || d.index >= view.meterCount()) break;
          if (d.who == Party::Self) p.selfMeter[at(d.index)] += d.delta;
          if (d.who == Party::Target) p.targetMeter[at(d.index)] += d.delta;
          if (d.who == Party::Fixed) p.hasFixedEffects = true;
          break;
        case ProfileDelta::Kind::Trust:
          if (d.who == Party::Self && d.whom == Party::Target)
            p.trustSelfInTarget += d.delta;
          else if (d.who == Party::Target && d.whom == Party::Self)
            p.trustTargetInSelf += d.delta;
          else
            p.hasFixedEffects = true;
          break;
        case ProfileDelta::Kind::Tension:
          p.tensionEffect += d.delta;
          break;
        default:
          break;
      }
    }
    p.escalationStep = md.escalation == EscalationTag::Escalatory     ? ladder.escalatoryStep
                       : md.escalation == EscalationTag::Deescalatory ? ladder.deescalatoryStep
                                                                      : ladder.proportionateStep;
    p.offRampOf.assign(ladder.rungs.size(), 0);
    for (std::size_t r = 0; r < ladder.rungs.size(); ++r)
      for (int ramp : ladder.rungs[r].offRamps)
        if (ramp == m) p.offRampOf[r] = 1;
  }
  return out;
}

// ---- LookAhead ----

const double* LookAhead::find(Slot slot, int a, int b) const {
  for (int i = m_writes - 1; i >= 0; --i) {
    const Write& w = m_overlay[at(i)];
    if (w.slot == slot && w.a == a && w.b == b) return &w.value;
  }
  return m_moreWrites.empty() ? nullptr : findMore(slot, a, b);
}

const double* LookAhead::findMore(Slot slot, int a, int b) const {
  for (const Write& w : m_moreWrites)
    if (w.slot == slot && w.a == a && w.b == b) return &w.value;
  return nullptr;
}

void LookAhead::put(Slot slot, int a, int b, double value) {
  for (int i = 0; i < m_writes; ++i) {
    Write& w = m_overlay[at(i)];
    if (w.slot == slot && w.a == a && w.b == b) {
      w.value = value;
      return;
    }
  }
  if (m_writes < static_cast<int>(m_overlay.size())) {
    m_overlay[at(m_writes++)] = {slot, a, b, value};
    return;
  }
  putMore(slot, a, b, value);
}

void LookAhead::putMore(Slot slot, int a, int b, double value) {
  for (Write& w : m_moreWrites) {
    if (w.slot == slot && w.a == a && w.b == b) {
      w.value = value;
      return;
    }
  }
  m_moreWrites.push_back({slot, a, b, value});
}

template <class Fix>
void LookAhead::bump(Slot slot, int a, int b, double base, double delta, const Fix& fix) {
  // Each (slot, a, b) is written once, in the overlay or past it, so the first match is the one
  // find() and put() would both have used.
  for (int i = 0; i < m_writes; ++i) {
    Write& w = m_overlay[at(i)];
    if (w.slot == slot && w.a == a && w.b == b) {
      w.value = fix(w.value + delta);
      return;
    }
  }
  if (!m_moreWrites.empty()) {
    for (Write& w : m_moreWrites) {
      if (w.slot == slot && w.a == a && w.b == b) {
        w.value = fix(w.value + delta);
        return;
      }
    }
  }
  const double value = fix(base + delta);
  if (m_writes < static_cast<int>(m_overlay.size())) {
    m_overlay[at(m_writes++)] = {slot, a, b, value};
    return;
  }
  m_moreWrites.push_back({slot, a, b, value});
}

void LookAhead::addMeasure(const MeasureProfile& p, int measure, int target, int incident) {
  const int self = m_obs.self;
  auto resolve = [&](Party who, int fixed) {
    return who == Party::Self ? self : who == Party::Target ? target : fixed;
  };
  for (const ProfileDelta& d : p.deltas) {
    const int a = resolve(d.who, d.actor);
    // As setX(..., x(...) + delta) would, in one search: an index out of range reads 0 and
    // writes nothing, so it changes nothing.
    switch (d.kind) {
      case ProfileDelta::Kind::Meter:
        if (actorOk(a) && d.index >= 0 && d.index < m_obs.meterCount)
          bump(Slot::Meter, a, d.index, m_obs.meter(a, d.index), d.delta,
               [](double v) { return clampd(v, 0, 100); });
        break;
      case ProfileDelta::Kind::Capability:
        if (actorOk(a) && d.index >= 0 && d.index < m_obs.capabilityCount)
          bump(Slot::Capability, a, d.index, m_obs.capability(a, d.index), d.delta,
               [](double v) { return clampd(v, 0, 10); });
        break;
      case ProfileDelta::Kind::Trust: {
        const int b = resolve(d.whom, d.whomActor);
        if (actorOk(a) && actorOk(b) && a != b)
          bump(Slot::Trust, a, b, m_obs.trustOf(a, b), d.delta,
               [](double v) { return clampd(v, -100, 100); });
        break;
      }
      case ProfileDelta::Kind::Tension:
        bump(Slot::Tension, 0, 0, m_obs.tension, d.delta, [](double v) { return std::max(0.0, v); });
        break;
      case ProfileDelta::Kind::Capital:
        break;
    }
  }
  double step = p.escalationStep;
  if (step < 0 && m_obs.rung < static_cast<int>(p.offRampOf.size()) && p.offRampOf[at(m_obs.rung)]) step *= 2;
  bump(Slot::Tension, 0, 0, m_obs.tension, step, [](double v) { return std::max(0.0, v); });
  m_usedMeasure = measure;
  const MeasureDef& md = m_view.measure(measure);
  if (md.attribution != AttributionAct::None && incident >= 0) {
    m_disclosedIncident = incident;
    m_disclosedTarget = target;
    m_disclosedKind = md.attribution == AttributionAct::DisclosePrivately  ? Disclosure::Private
                      : md.attribution == AttributionAct::DisclosePublicly ? Disclosure::Public
                      : md.attribution == AttributionAct::DiscloseJointly  ? Disclosure::Joint
                                                                           : Disclosure::None;
  }
}

void LookAhead::addMeter(int actor, int m, double delta) {
  if (actorOk(actor)) setMeter(actor, m, meter(actor, m) + delta);
}
void LookAhead::addTension(double delta) { setTension(tension() + delta); }

double LookAhead::tension() const {
  const double* v = find(Slot::Tension, 0, 0);
  return v ? *v : m_obs.tension;
}
double LookAhead::trust(int a, int b) const {
  if (!actorOk(a) || !actorOk(b)) return 0;
  const double* v = find(Slot::Trust, a, b);
  return v ? *v : m_obs.trustOf(a, b);
}
double LookAhead::meter(int actor, int m) const {
  if (!actorOk(actor) || m < 0 || m >= m_obs.meterCount) return 0;
  const double* v = find(Slot::Meter, actor, m);
  return v ? *v : m_obs.meter(actor, m);
}
double LookAhead::capability(int actor, int c) const {
  if (!actorOk(actor) || c < 0 || c >= m_obs.capabilityCount) return 0;
  const double* v = find(Slot::Capability, actor, c);
  return v ? *v : m_obs.capability(actor, c);
}
double LookAhead::capital(int actor) const { return actor == m_obs.self ? m_obs.capital : 0; }
double LookAhead::confidence(int actor, int incident, int candidate) const {
  if (actor != m_obs.self || incident < 0 || incident >= m_obs.incidentCount) return 0;
  return m_obs.probability(m_view, incident, candidate);
}
bool LookAhead::attributed(int actor, int incident) const {
  if (incident < 0 || incident >= m_obs.incidentCount || !actorOk(actor)) return false;
  if (actor == m_obs.self) return m_obs.incidents[at(incident)].decided >= 0;
  return m_obs.disclosureOf(actor, incident) != Disclosure::None;
}
bool LookAhead::attributedTo(int actor, int incident, int candidate) const {
  if (incident < 0 || incident >= m_obs.incidentCount || !actorOk(actor)) return false;
  if (actor == m_obs.self) return m_obs.incidents[at(incident)].decided == candidate;
  return m_obs.accusedBy(actor, incident) == candidate;
}
bool LookAhead::attributedPublicly(int actor, int incident) const {
  if (incident < 0 || incident >= m_obs.incidentCount || !actorOk(actor)) return false;
  if (actor == m_obs.self && incident == m_disclosedIncident &&
      (m_disclosedKind == Disclosure::Public || m_disclosedKind == Disclosure::Joint))
    return true;
  const Disclosure d = m_obs.disclosureOf(actor, incident);
  return d == Disclosure::Public || d == Disclosure::Joint;
}
// Only our own judgments' kind is known (another's decision shows only once disclosed, and
// then as whom it names).
bool LookAhead::harbouring(int actor, int incident) const {
  if (incident < 0 || incident >= m_obs.incidentCount || actor != m_obs.self) return false;
  return m_obs.incidents[at(incident)].harbouring;
}
bool LookAhead::seen(int actor, int evidence) const {
  return actor == m_obs.self && evidence >= 0 && evidence < static_cast<int>(m_obs.seenEvidence.size()) &&
         m_obs.seenEvidence[at(evidence)] != 0;
}
bool LookAhead::incidentRevealed(int incident) const {
  return incident >= 0 && incident < m_obs.incidentCount && m_obs.incidents[at(incident)].revealed;
}
bool LookAhead::fired(int inject) const {
  return inject >= 0 && inject < static_cast<int>(m_obs.injectSeen.size()) &&
         m_obs.injectSeen[at(inject)] != 0;
}
double LookAhead::used(int actor, int measure) const {
  if (!actorOk(actor) || measure < 0 || measure >= m_obs.measureCount) return 0;
  const int extra = actor == m_obs.self && measure == m_usedMeasure ? 1 : 0;
  return m_obs.timesUsed(actor, measure) + extra;
}
bool LookAhead::agreement(int a, int b, int term) const {
  for (const Commitment& c : m_obs.commitments)
    if (!c.broken && c.term == term && ((c.a == a && c.b == b) || (c.a == b && c.b == a))) return true;
  return false;
}
bool LookAhead::member(int actor, int bloc) const { return actorOk(actor) && m_view.isMember(actor, bloc); }

void LookAhead::setTension(double value) { put(Slot::Tension, 0, 0, std::max(0.0, value)); }
void LookAhead::setTrust(int a, int b, double value) {
  if (actorOk(a) && actorOk(b) && a != b) put(Slot::Trust, a, b, clampd(value, -100, 100));
}
void LookAhead::setMeter(int actor, int m, double value) {
  if (actorOk(actor) && m >= 0 && m < m_obs.meterCount) put(Slot::Meter, actor, m, clampd(value, 0, 100));
}
void LookAhead::setCapability(int actor, int c, double value) {
  if (actorOk(actor) && c >= 0 && c < m_obs.capabilityCount)
    put(Slot::Capability, actor, c, clampd(value, 0, 10));
}

// After the readers above, so the evaluator's instantiation can inline them.
bool LookAhead::holds(const expr::Node& condition, const expr::Bindings& b) const {
  return expr::evalBoolWith(condition, *this, b);
}

namespace {
void collectOverlayReads(const expr::Node& n, const expr::Bindings& b, OverlayReads& out) {
  using expr::Op;
  using Kind = OverlayReads::Kind;
  auto arg = [&](int k) { return expr::detail::evalIndex(expr::detail::kid(n, k), b); };
  switch (n.op) {
    case Op::Tension:
      out.tension = true;
      return;
    case Op::Escalation:
      out.escalation = true;
      return;
    case Op::Trust:
      out.reads.push_back({Kind::Trust, arg(0), arg(1)});
      return;
    case Op::Meter:
      out.reads.push_back({Kind::Meter, arg(0), arg(1)});
      return;
    case Op::Capability:
      out.reads.push_back({Kind::Capability, arg(0), arg(1)});
      return;
    case Op::Used:
      out.reads.push_back({Kind::Used, arg(0), arg(1)});
      return;
    case Op::AttributedPublicly:
      out.reads.push_back({Kind::DisclosedPublicly, arg(0), arg(1)});
      return;
    // Leaves and readers the overlay never changes (see the readers above).
    case Op::Number:
    case Op::Bool:
    case Op::Id:
    case Op::Self:
    case Op::Target:
    case Op::IncidentVar:
    case Op::Turn:
    case Op::Days:
    case Op::Year:
    case Op::Month:
    case Op::Capital:
    case Op::Confidence:
    case Op::Attributed:
    case Op::AttributedTo:
    case Op::Harbouring:
    case Op::Seen:
    case Op::Revealed:
    case Op::Fired:
    case Op::Agreement:
    case Op::Member:
    case Op::Ended:
    case Op::Kind:
      return;
    // Operators: their operands decide.
    case Op::Min:
    case Op::Max:
    case Op::Abs:
    case Op::Neg:
    case Op::Not:
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
    case Op::And:
    case Op::Or:
      for (std::size_t k = 0; k < n.kidCount; ++k)
        if (n.kids[k]) collectOverlayReads(*n.kids[k], b, out);
      return;
  }
  out.always = true;
}

bool sameBits(double x, double y) {
  return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y);
}
}  // namespace

OverlayReads overlayReads(const expr::Node& condition, const expr::Bindings& b) {
  OverlayReads out;
  collectOverlayReads(condition, b, out);
  return out;
}

void LookAhead::findRungSpan() {
  // rungFor(x) is the last rung whose threshold is at most x (0 if none): it gives
  // m_rungBefore exactly when that rung's threshold is at most x (any x, for rung 0) and
  // every later rung's threshold is above x.
  const auto& rungs = m_view.ladder().rungs;
  const std::size_t before = at(m_rungBefore);
  m_rungFrom = before == 0 || before >= rungs.size() ? -std::numeric_limits<double>::infinity()
                                                     : rungs[before].threshold;
  m_rungUpTo = std::numeric_limits<double>::infinity();
  for (std::size_t r = before + 1; r < rungs.size(); ++r)
    m_rungUpTo = std::min(m_rungUpTo, rungs[r].threshold);
  if (before >= rungs.size()) m_rungUpTo = m_rungFrom;  // no rungs: always looked up
}

bool LookAhead::changes(const OverlayReads& r) const {
  if (r.always) return true;
  if (r.tension || r.escalation) {
    // Every measure overlays the tension (its escalation step, maybe 0).
    const double* v = find(Slot::Tension, 0, 0);
    if (v && r.tension && !sameBits(*v, m_obs.tension)) return true;
    if (v && r.escalation && rungOf(*v) != m_rungBefore) return true;
  }
  for (const OverlayReads::Read& read : r.reads) {
    // An overlaid value exists only for indices in range (put is only called for those).
    switch (read.kind) {
      case OverlayReads::Kind::Meter:
        if (const double* v = find(Slot::Meter, read.a, read.b);
            v && !sameBits(*v, m_obs.meter(read.a, read.b)))
          return true;
        break;
      case OverlayReads::Kind::Trust:
        if (const double* v = find(Slot::Trust, read.a, read.b);
            v && !sameBits(*v, m_obs.trustOf(read.a, read.b)))
          return true;
        break;
      case OverlayReads::Kind::Capability:
        if (const double* v = find(Slot::Capability, read.a, read.b);
            v && !sameBits(*v, m_obs.capability(read.a, read.b)))
          return true;
        break;
      case OverlayReads::Kind::Used:
        if (read.a == m_obs.self && read.b == m_usedMeasure) return true;
        break;
      case OverlayReads::Kind::DisclosedPublicly:
        if (read.a == m_obs.self && read.b == m_disclosedIncident) return true;
        break;
    }
  }
  return false;
}

}  // namespace demarche::agents
