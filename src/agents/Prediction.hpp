// How agents predict the effects of a measure without running the engine: each measure's
// effects are summarised once per scenario (MeasureProfile, from its public definition),
// and a LookAhead evaluates an actor's objectives on its Observation with a few changes
// overlaid ("would this measure fulfil or endanger one of our objectives?").
#pragma once

#include <array>
#include <vector>

#include "agents/Observation.hpp"
#include "core/Expr.hpp"

namespace demarche::agents {

// Who an effect applies to, relative to the measure's bindings.
enum class Party : std::uint8_t { Self, Target, Fixed };

struct ProfileDelta {
  enum class Kind : std::uint8_t { Meter, Capability, Trust, Tension, Capital };
  Kind kind = Kind::Meter;
  Party who = Party::Self;   // the meter's / capability's owner, or trust's first actor
  int actor = -1;            // when who == Fixed
  Party whom = Party::Self;  // trust's second actor
  int whomActor = -1;
  int index = -1;  // meter or capability index
  double delta = 0;
};

// The predicted consequences of one measure, by party. Effects are assumed to be constant
// deltas (true of every shipped catalogue); effects that read the state are summarised at a
// neutral state (meters 50, trust 0).
struct MeasureProfile {
  std::vector<ProfileDelta> deltas;
  std::vector<double> selfMeter;        // [meter]
  std::vector<double> targetMeter;      // [meter]
  double tensionEffect = 0;             // tension set by effects
  double trustSelfInTarget = 0;         // trust(self, target)
  double trustTargetInSelf = 0;         // trust(target, self)
  bool hasFixedEffects = false;         // effects naming actors by id (rare; scored one by one)
  double escalationStep = 0;            // from the escalation tag and the ladder
  std::vector<std::uint8_t> offRampOf;  // [rung]: an off-ramp of that rung
};

// Profiles of every measure of a scenario, computed once (shared by all agents of a run).
std::vector<MeasureProfile> buildProfiles(const ScenarioView& view);

// The reads of a condition that a LookAhead's overlay can change (under fixed bindings),
// found once per condition: when none of them reads a changed value, the condition's
// value under the overlay is its value without it, and need not be evaluated again.
struct OverlayReads {
  enum class Kind : std::uint8_t { Meter, Trust, Capability, Used, DisclosedPublicly };
  struct Read {
    Kind kind = Kind::Meter;
    int a = -1, b = -1;
  };
  bool tension = false;     // tension()
  bool escalation = false;  // escalation(), the rung of the tension
  bool always = false;      // reads something not classified here: always evaluate
  std::vector<Read> reads;
};
OverlayReads overlayReads(const expr::Node& condition, const expr::Bindings& b);

// An EvalContext over an Observation with a small overlay of predicted changes. Reads of
// what the actor cannot know (others' private decisions, confidence) give the public
// answer: attributed = disclosed, confidence = 0.
class LookAhead final : public expr::EvalContext {
 public:
  LookAhead(const ScenarioView& view, const Observation& obs)
      : m_view(view), m_obs(obs), m_rungBefore(view.rungFor(obs.tension)) {
    findRungSpan();
  }

  void clear() {
    m_writes = 0;
    m_moreWrites.clear();
    m_usedMeasure = -1;
    m_disclosedIncident = -1;
  }
  // Overlay a measure taken by us: its effects, its escalation, one more use.
  void addMeasure(const MeasureProfile& p, int measure, int target, int incident);
  // Overlay one predicted value.
  void addMeter(int actor, int m, double delta);
  void addTension(double delta);
  // expr::evalBool over this overlay, with direct (inlined) reads instead of virtual ones.
  bool holds(const expr::Node& condition, const expr::Bindings& b) const;
  // Whether one of these reads gives another value (bit for bit) than with no overlay.
  bool changes(const OverlayReads& reads) const;

  double turn() const override { return m_obs.turn; }
  double escalation() const override { return rungOf(tension()); }
  double tension() const override;
  double trust(int a, int b) const override;
  double meter(int actor, int m) const override;
  double capability(int actor, int c) const override;
  double capital(int actor) const override;
  double confidence(int actor, int incident, int candidate) const override;
  bool attributed(int actor, int incident) const override;
  bool attributedTo(int actor, int incident, int candidate) const override;
  bool attributedPublicly(int actor, int incident) const override;
  bool harbouring(int actor, int incident) const override;
  bool seen(int actor, int evidence) const override;
  bool incidentRevealed(int incident) const override;
  bool fired(int inject) const override;
  double used(int actor, int measure) const override;
  bool agreement(int a, int b, int term) const override;
  bool member(int actor, int bloc) const override;
  bool ended(int) const override { return false; }
  int actorKind(int actor) const override {
    return actorOk(actor) ? static_cast<int>(m_view.actorKind(actor)) : -1;
  }
  int dayOfTurn(int turn) const override { return m_view.dayOfTurn(turn); }

  void setTension(double value) override;
  void setTrust(int a, int b, double value) override;
  void setMeter(int actor, int m, double value) override;
  void setCapability(int actor, int c, double value) override;
  void setCapital(int, double) override {}
  void reveal(int, int) override {}

 private:
  enum class Slot : std::uint8_t { Tension, Trust, Meter, Capability };
  struct Write {
    Slot slot;
    int a, b;
    double value;
  };
  const double* find(Slot slot, int a, int b) const;
  void put(Slot slot, int a, int b, double value);
  // Past the in-place overlay; out of line so the usual path stays small enough to inline.
  [[gnu::cold]] const double* findMore(Slot slot, int a, int b) const;
  [[gnu::cold]] void putMore(Slot slot, int a, int b, double value);
  // put(slot, a, b, fix(current + delta)), current being the overlaid value or `base`: the read
  // and the write of one effect in one search of the overlay.
  template <class Fix>
  void bump(Slot slot, int a, int b, double base, double delta, const Fix& fix);
  bool actorOk(int a) const { return a >= 0 && a < m_obs.actorCount; }

  const ScenarioView& m_view;
  const Observation& m_obs;
  // The first writes live in place (a usual measure changes a handful of values, and a
  // LookAhead is made per decision); a measure with more effects spills into m_moreWrites
  // rather than losing its later ones.
  std::array<Write, 24> m_overlay{};
  int m_writes = 0;
  std::vector<Write> m_moreWrites;
  int m_usedMeasure = -1;
  int m_disclosedIncident = -1;
  Disclosure m_disclosedKind = Disclosure::None;
  int m_disclosedTarget = -1;
  int m_rungBefore;  // escalation() without the overlay
  // The tensions at which rungFor gives m_rungBefore: m_rungFrom <= x < m_rungUpTo (those
  // outside are looked up), so the overlaid tension of most measures needs no ladder scan.
  double m_rungFrom = 0, m_rungUpTo = 0;
  void findRungSpan();
  int rungOf(double tension) const {
    return m_rungFrom <= tension && tension < m_rungUpTo ? m_rungBefore : m_view.rungFor(tension);
  }
};

}  // namespace demarche::agents
