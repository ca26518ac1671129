// Agent::chooseMeasuresAs (the scoring, look-ahead and selection of measures), in a header of
// its own: Agent.cpp compiles its instantiations for few usable measures, AgentMany.cpp those
// for many (kMany).
// Compiled beside the others, the kMany instantiations made GCC compile the few-measures ones
// (every shipped scenario's) about 0.5 % worse (docs/performance.md, seventh round).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "agents/Agent.hpp"
#include "core/Catalogue.hpp"
#include "core/Random.hpp"

namespace demarche::agents {

// Helpers of the agent's decisions, shared by Agent.cpp and AgentMany.cpp.
namespace detail {

inline std::size_t at(int i) { return static_cast<std::size_t>(i); }

// "one rung", "two rungs", "4 rungs", in the language of `say`.
inline std::string rungsText(int steps, const Phrases& say) {
  if (steps == 1) return say("one rung");
  if (steps == 2) return say("two rungs");
  return say("{0} rungs", {std::to_string(steps)});
}

inline std::string percent(double p) { return std::to_string(static_cast<int>(std::lround(p * 100))) + "%"; }

// "'likely' (62%)"
inline std::string confidenceText(double p, const Phrases& say) {
  std::string text = "'";
  text += say.word(probabilityWords(p));
  text += "' (";
  text += percent(p);
  text += ")";
  return text;
}

// `list` holds `value`: a plain loop for the short lists of a decision (std::find's unrolled
// search costs more to set up than it saves on a handful of entries).
inline bool listed(const std::vector<int>& list, int value) {
  for (const int v : list)
    if (v == value) return true;
  return false;
}

// A candidate's noise: uniform in [0, 1), from the call's key and the candidate (measure,
// target, incident) alone (splitmix64's finaliser), not from the candidates scored before it.
// Target and incident take 16 bits each; beyond 65,535 their high bits first pick another key,
// so no two candidates of one call share their noise by construction at any size.
inline double candidateNoise(std::uint64_t key, int measure, int target, int incident) {
  const auto t = static_cast<std::uint32_t>(target + 1);
  const auto i = static_cast<std::uint32_t>(incident + 1);
  if (((t | i) >> 16) != 0) [[unlikely]]
    key = mix64(key ^ (static_cast<std::uint64_t>(t >> 16) << 32 | (i >> 16)));
  const std::uint64_t z =
      key ^ ((static_cast<std::uint64_t>(static_cast<std::uint32_t>(measure)) << 32) |
             (static_cast<std::uint64_t>(t & 0xffffU) << 16) | static_cast<std::uint64_t>(i & 0xffffU));
  return static_cast<double>(mix64(z + 0x9e3779b97f4a7c15ULL) >> 11) * 0x1.0p-53;
}

// The highest score a candidate can reach from `bound`, its noise included: a measure whose
// ceiling is below the kept set's worst score cannot enter it. The 1e-6 margin keeps the
// rounding of the bound's terms from cutting a candidate that would tie.
inline double scoreCeiling(double bound, double noise) {
  return bound + 1e-6 * (1 + std::abs(bound)) + noise;
}

}  // namespace detail

struct Agent::Candidate {
  TakeMeasure measure;
  double score = 0;
  // Largest contributions, for the rationale.
  enum class Why : std::uint8_t {
    Own,
    Harm,
    Retaliate,
    Help,
    Deescalate,
    Norms,
    Objective,
    Investigate,
    Cover,
    Attribute
  };
  Why why = Why::Own;
  double whyValue = 0;
  int objective = -1;  // objective advanced, for Why::Objective
};

// A measure aimed at an actor (or, with few measures, one with no target), for one incident
// (-1: none), scored after the others in the order of `cut`: no candidate of it can score
// above cut (its noise included).
struct Agent::Deferred {
  double cut = 0;
  const UsableMeasure* usable = nullptr;
  int incident = -1;
  bool ours = false;
  double esc = 0, incidentValue = 0;
  Candidate::Why why = Candidate::Why::Own;
  std::span<const int> targets;
};

// A candidate's reason (why, whyValue, objective) feeds only the rationale: without a sink
// (kExplain false) it is not kept, and the compiler drops the work that computes it.
template <bool kExplain, bool kMany>
void Agent::chooseMeasuresAs(const Observation& obs, const LegalityCheck& legal, std::vector<Command>& out,
                             bool onlyNewOptions) {
  using namespace detail;
  const int self = obs.self;
  // A local copy: the loops below store doubles (candidates, scores), and a member read
  // after each store would be loaded again.
  const Doctrine doc = m_doctrine;
  const bool adversary = isAdversary(obs);
  const int maxMeasures = adversary ? m_preset.adversaryMeasures : m_preset.maxMeasures;
  int taken = static_cast<int>(obs.queued.size());
  if (taken >= maxMeasures) return;
  int capital = obs.capital;
  if (capital <= 0) return;

  const ActorKind kind = m_view.actorKind(self);
  const double escW = escalationWeight(obs);
  const int armedRung = m_view.armedConflictRung();
  // rungFor(x) >= armedRung exactly when x reaches some rung at or above armed conflict:
  // one comparison with the lowest such threshold instead of a scan per measure.
  double armedFrom = std::numeric_limits<double>::infinity();
  for (std::size_t r = at(std::max(armedRung, 0)); r < m_view.ladder().rungs.size(); ++r)
    armedFrom = std::min(armedFrom, m_view.ladder().rungs[r].threshold);
  const auto& profiles = m_cat.profiles();
  const double noise = adversary ? m_preset.adversaryNoise : m_preset.noise;
  const double retaliation = doc.reciprocity * m_preset.retaliation;

  // Per-target attitudes, computed once: hostility (with grievances) and friendship. One
  // entry per actor, however many the scenario has; the vector is kept between calls, so
  // this allocates only on a seat's first decision.
  const int n = obs.actorCount;
  m_attitudes.resize(at(n));
  Attitude* attitude = m_attitudes.data();
  // Grievance: how much each actor hurt us recently, 0..1 (measures against us, attributions
  // naming us), summed per actor in the order of the grievances, in one pass over them.
  for (int a = 0; a < n; ++a) attitude[a].grievance = 0;
  for (const Grievance& gr : obs.grievances) {
    if (gr.from < 0 || gr.from >= n || gr.from == self) continue;
    double& g = attitude[gr.from].grievance;
    if (gr.measure < 0) {
      g += 0.5;
      continue;
    }
    const MeasureDef& md = m_view.measure(gr.measure);
    const MeasureProfile& p = profiles[at(gr.measure)];
    double harm = 0;
    for (int k = 0; k < obs.meterCount; ++k)
      harm -= p.targetMeter[at(k)] * (k == m_cat.domesticPressure ? -1 : 1);
    if (md.category == MeasureCategory::Restrictive || md.category == MeasureCategory::LawfulResponse ||
        md.category == MeasureCategory::Hostile || harm > 2)
      g += 0.6;
  }
  for (int a = 0; a < n; ++a) attitude[a].victim = 0;
  for (int i = 0; i < obs.incidentCount; ++i) {
    const int victim = m_view.incidentVictim(i);
    if (obs.incidents[at(i)].revealed && victim >= 0 && victim < n) attitude[victim].victim = 1;
  }
  for (int a = 0; a < n; ++a) {
    const double t = a == self ? 0 : obs.trustOf(self, a) / 100;
    Attitude& att = attitude[a];
    att.grievance = std::min(1.0, att.grievance);
    att.hostile = std::max(0.0, -t - 0.2) + 0.5 * att.grievance;
    att.friendly = std::max(0.0, t - 0.1);
  }
  if constexpr (kMany) {
    // [actor]: neither hostile nor friendly (then without grievance too), the crowd's usual
    // attitude: such targets of one measure and incident all score the same (see below).
    m_neutral.resize(at(n));
    for (int a = 0; a < n; ++a) m_neutral[at(a)] = attitude[a].hostile == 0 && attitude[a].friendly == 0;
  }
  // Targets each kind of measure can be aimed at, in actor order, so the loop below skips
  // the ones its own filters would reject without looking at them (it still applies them).
  m_targetsAll.clear();
  m_targetsHostile.clear();
  m_targetsCalm.clear();
  for (int t = 0; t < n; ++t) {
    if (t == self) continue;
    const double h = attitude[t].hostile;
    m_targetsAll.push_back(t);
    if (h > 0) m_targetsHostile.push_back(t);
    if (h <= 0.3) m_targetsCalm.push_back(t);
  }
  // Largest attitude terms over the other actors, for an upper bound on a target's value
  // (see targetBound below): a measure whose best possible target cannot enter the kept set
  // is skipped without scoring each target, which draws no noise and keeps nothing, as
  // scoring it would not have either.
  const double loyalty = doc.allianceLoyalty;
  double maxFriendlyLoyal = 0;  // max over targets of friendly * loyalty, and 0
  double minFriendlyLoyal = 0;  // min over targets of friendly * loyalty, and 0
  double maxHostileBoost = 0;   // max over targets of |hostile * (1 + 2 * retaliation * grievance)|
  for (const int t : m_targetsAll) {
    const Attitude& att = attitude[t];
    maxFriendlyLoyal = std::max(maxFriendlyLoyal, att.friendly * loyalty);
    minFriendlyLoyal = std::min(minFriendlyLoyal, att.friendly * loyalty);
    maxHostileBoost =
        std::max(maxHostileBoost, std::abs(att.hostile * (1 + 2 * retaliation * att.grievance)));
  }
  const double harmScale = std::abs(0.5 + 0.5 * doc.riskTolerance);
  // An upper bound on targetValue below for any target of a measure without attribution (the
  // terms it subtracts count as 0); the caller adds a margin far above the rounding of a sum.
  auto targetBound = [&](double welfare, double trustTargetInSelf) {
    double bound = 0;
    if (welfare < 0)
      bound += -welfare * harmScale * maxHostileBoost;
    else if (welfare > 0)
      bound += welfare * maxFriendlyLoyal;
    bound += trustTargetInSelf >= 0 ? trustTargetInSelf * (0.05 + 0.2 * maxFriendlyLoyal)
                                    : trustTargetInSelf * (0.05 + 0.2 * minFriendlyLoyal);
    return bound;
  };
  static constexpr int kNoTarget[1] = {-1};
  // Who accused us of which incident (the accusers are whom an implicated actor answers).
  auto accusedUs = [&](int a, int i) { return obs.accusedBy(a, i) == self; };

  m_weights.resize(at(obs.meterCount));
  double* weights = m_weights.data();
  for (int k = 0; k < obs.meterCount; ++k) weights[k] = meterWeight(k);
  const double decideNeed = decideThreshold();
  const double publicNeed = publicThreshold(obs);
  // Best first; ties broken by indices so the order never depends on the sort algorithm.
  auto byScore = [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.measure.measure != b.measure.measure) return a.measure.measure < b.measure.measure;
    if (a.measure.target != b.measure.target) return a.measure.target < b.measure.target;
    return a.measure.incident < b.measure.incident;
  };
  const std::size_t keep = static_cast<std::size_t>(std::max(m_preset.lookAhead, 8));
  // The kept set in place: `kept` of the `keep` slots hold the best so far, best first, and
  // `worst` is the score to beat once all are full (-inf before), read without the vector.
  m_candidates.resize(keep);
  m_pursuit.clear();
  Candidate* best = m_candidates.data();
  std::size_t kept = 0;
  double worst = -std::numeric_limits<double>::infinity();
  const std::vector<std::uint8_t>& cover = m_cat.coverMeasures();
  if (m_usable.empty()) {
    // Measures our actor may ever take (kind, bloc), once: most of the catalogue is not ours.
    // Their doctrine-only score parts are computed here too, in the same order as before
    // they were hoisted, so every score is bit-for-bit what it was.
    for (int m = 0; m < obs.measureCount; ++m) {
      const MeasureDef& md = m_view.measure(m);
      if (!md.usableBy.empty() &&
          std::find(md.usableBy.begin(), md.usableBy.end(), kind) == md.usableBy.end())
        continue;
      if (md.bloc >= 0 && self != md.bloc && !m_view.isMember(self, md.bloc)) continue;
      if (md.attribution == AttributionAct::Decide) continue;  // deciding is a free command
      if (m_view.ruledOutByDoctrine(self, m)) continue;
      const MeasureProfile& p = profiles[at(m)];
      UsableMeasure u;
      u.measure = m;
      // Measure-level value: own meters, norms, cost.
      for (int k = 0; k < obs.meterCount; ++k) u.own += p.selfMeter[at(k)] * weights[at(k)];
      u.restrictive = md.category == MeasureCategory::Restrictive;
      if (u.restrictive && m_cat.economy >= 0 && md.target != TargetKind::None &&
          md.target != TargetKind::Incident)
        u.own -= 2 * meterWeight(m_cat.economy);
      const double nb = static_cast<double>(md.breaksNorms.size());
      const double nu = static_cast<double>(md.upholdsNorms.size());
      u.norms = nu * doc.normCommitment * 1.5 - nb * (2 + 10 * doc.normCommitment);
      if (m_cat.credibility >= 0) u.norms += (nu * 0.6 - nb * 3) * meterWeight(m_cat.credibility);
      u.base = u.own + u.norms - md.cost * 0.8;
      for (int k = 0; k < obs.meterCount; ++k)
        u.welfare += p.targetMeter[at(k)] * (k == m_cat.domesticPressure ? -0.7 : 1.0);
      u.harmful = u.restrictive || md.category == MeasureCategory::LawfulResponse ||
                  md.category == MeasureCategory::Hostile || u.welfare < -1 || p.trustSelfInTarget < -5;
      u.presses = presses(m);
      for (const OverlayReads& reads : m_objectiveReads)
        for (const OverlayReads::Read& r : reads.reads)
          u.pursued = u.pursued || (r.kind == OverlayReads::Kind::Used && r.a == self && r.b == m);
      const bool lists = md.target == TargetKind::Entities;
      u.needsActor = namesActor(md.target) || lists;
      u.needsIncident = namesIncident(md.target) || lists;
      u.opensLater = md.target == TargetKind::ActorAndIncident || lists || md.bloc >= 0;
      u.investigates = md.investigates;
      u.cover = cover[at(m)] != 0;
      u.attribution = md.attribution;
      u.cost = md.cost;
      u.maxUses = md.maxUses;
      u.escalationStep = p.escalationStep;
      u.tensionEffect = p.tensionEffect;
      u.trustTargetInSelf = p.trustTargetInSelf;
      for (int k = 0; k < obs.meterCount; ++k)
        if (k != m_cat.domesticPressure && p.targetMeter[at(k)] > 0 &&
            (u.aidMeter < 0 || p.targetMeter[at(k)] > p.targetMeter[at(u.aidMeter)]))
          u.aidMeter = k;
      u.offRampOf = p.offRampOf.data();
      u.offRampCount = static_cast<int>(p.offRampOf.size());
      m_usable.push_back(u);
    }
  }
  // With many usable measures (a crowd of actors, each with its own: kMany, 64 or more), most
  // fall to the bound test below once the kept set is full. Then each one's escalation term,
  // and for one aimed at an actor for no incident (one pass of the incident loop, with no
  // incident value) the test its best target must pass, are computed first in one pass
  // (boundMeasures), so a measure the bound rules out costs the loop one comparison: the same
  // doubles (the same expressions in the same order), tested at the same point with the same
  // `worst`. With few (a seat of a shipped scenario has at most 44) the pass costs more than
  // it saves, and the loop computes them as it goes.
  const double* escOf = nullptr;
  const double* cutOf = nullptr;
  if constexpr (kMany) {
    boundMeasures(MeasureBounds{obs.rung, obs.tension, escW, armedRung, armedFrom, noise, harmScale,
                                maxHostileBoost, maxFriendlyLoyal, minFriendlyLoyal});
    escOf = m_escOf.data();
    cutOf = m_cutOf.data();
  }
  // One draw of the agent's stream per call; each candidate's noise comes from it.
  const std::uint64_t noiseKey = m_rng.next();
  // Scores the targets of one measure for incident i (-1: none) and keeps the best candidates.
  auto scoreTargets = [&](const UsableMeasure& usable, int i, bool ours, double esc, double incidentValue,
                          Candidate::Why incidentWhy, std::span<const int> targets) {
    const int m = usable.measure;
    const AttributionAct attribution = usable.attribution;
    const double own = usable.own;
    const double norms = usable.norms;
    const double base = usable.base;
    const double welfare = usable.welfare;
    const bool harmful = usable.harmful;
    const std::uint8_t* targetable = m_cat.targetableBy(m);
    // kMany: a target neither hostile nor friendly (m_neutral) of a measure that harms no one
    // and names no one passes the filters below or fails them by itself (t, targetable,
    // m_calm), and scores what any other such target scores: the same attitude in the same
    // expressions. The first one is scored, the others reuse its plain score (and reason).
    [[maybe_unused]] const bool reuseNeutral = kMany && attribution == AttributionAct::None && !harmful;
    [[maybe_unused]] bool neutralScored = false;
    [[maybe_unused]] double neutralPlain = 0;
    [[maybe_unused]] Candidate::Why neutralWhy = incidentWhy;
    [[maybe_unused]] double neutralWhyValue = incidentValue;
    for (const int t : targets) {
      if (t == self) continue;
      if (t >= 0 && !targetable[t]) continue;                   // a démarche goes to a state, not a gang
      if (t >= 0 && usable.presses && m_calm[at(t)]) continue;  // we offered it calm this week
      if (t >= 0 && attribution == AttributionAct::None) {
        // Harm only the hostile; help only those we are not hostile to.
        if (harmful && attitude[t].hostile <= 0) continue;
        if (welfare > 0 && attitude[t].hostile > 0.3) continue;
      }
      Candidate c;
      c.measure = {self, m, t, i};
      double targetValue = 0;
      Candidate::Why why = incidentWhy;
      double whyValue = incidentValue;
      bool reused = false;
      if constexpr (kMany) reused = reuseNeutral && neutralScored && t >= 0 && m_neutral[at(t)];
      if (t >= 0 && !reused) {
        const Attitude& toward = attitude[t];
        if (attribution != AttributionAct::None) {
          // Disclosures: only of our own decision, with the confidence our doctrine asks.
          if (i < 0 || ours) continue;
          const IncidentView& iv = obs.incidents[at(i)];
          if (iv.decided != t) continue;
          const double pr = obs.judgedProbability(m_view, i, t);
          const double need = attribution == AttributionAct::DisclosePrivately ? decideNeed : publicNeed;
          if (pr < need) continue;
          // The cautious make a private démarche first and go public a turn later; the
          // others skip the démarche once they are sure enough to speak publicly.
          const bool cautious = doc.escalationAversion >= 0.7;
          if (attribution == AttributionAct::DisclosePrivately && !cautious && pr >= publicNeed &&
              mayNamePublicly(obs, false))
            continue;
          if (attribution != AttributionAct::DisclosePrivately && cautious &&
              iv.disclosed == Disclosure::None)
            continue;
          if (attribution != AttributionAct::DisclosePrivately &&
              !mayNamePublicly(obs, attribution == AttributionAct::DiscloseJointly))
            continue;
          targetValue += 6 + 6 * doc.normCommitment + 4 * toward.hostile +
                         4 * doc.domesticSensitivity * (m_view.incidentVictim(i) == self ? 1 : 0);
          why = Candidate::Why::Attribute;
          whyValue = targetValue;
        } else if (harmful && i >= 0 && !ours) {
          // Punishing someone for an incident we do not believe they did makes no sense.
          if (obs.judgedProbability(m_view, i, t) < decideNeed) continue;
        } else if (harmful && i >= 0 && ours) {
          // An implicated actor answers its accusers and the victim, nobody else.
          if (!accusedUs(t, i) && m_view.incidentVictim(i) != t) continue;
        }
        if (welfare < 0 && toward.hostile > 0) {
          const double boost = 1 + 2 * retaliation * toward.grievance;
          const double v = -welfare * toward.hostile * (0.5 + 0.5 * doc.riskTolerance) * boost;
          targetValue += v;
          if (v > whyValue) {
            why = toward.grievance > 0.3 ? Candidate::Why::Retaliate : Candidate::Why::Harm;
            whyValue = v;
          }
        } else if (welfare > 0) {
          // Help goes where it is needed: to a partner whose meter it raises is low (or, for its
          // resilience, one hit by a public incident); a partner with plenty of it is worth a
          // quarter as much. The factor is at most 1, so targetBound still bounds it.
          double need = 1;
          if (usable.aidMeter >= 0) {
            need = std::clamp((60 - obs.meter(t, usable.aidMeter)) / 40, 0.0, 1.0);
            if (usable.aidMeter == m_cat.resilience) need = std::max(need, toward.victim);
          }
          const double v =
              welfare * (toward.friendly * doc.allianceLoyalty * (0.25 + 0.75 * need) - toward.hostile);
          targetValue += v;
          if (v > whyValue) why = Candidate::Why::Help, whyValue = v;
        } else if (welfare < 0) {
          targetValue += welfare * toward.friendly * 2;  // hurting a friend
        }
        if (harmful && toward.friendly > 0) targetValue -= 10 * toward.friendly;
        if (!harmful && toward.hostile > 0.3 && usable.escalationStep >= 0) targetValue -= 3 * toward.hostile;
        targetValue += usable.trustTargetInSelf * (0.05 + 0.2 * toward.friendly * doc.allianceLoyalty);
      }
      const double plain = reused ? neutralPlain : base + esc + incidentValue + targetValue;
      if constexpr (kMany) {
        if (reused) {
          why = neutralWhy;
          whyValue = neutralWhyValue;
        } else if (reuseNeutral && t >= 0 && m_neutral[at(t)]) {
          neutralScored = true;
          neutralPlain = plain;
          neutralWhy = why;
          neutralWhyValue = whyValue;
        }
      }
      // Cannot enter the kept set even with the largest noise: skip the rest of the work
      // (unless an objective of ours counts this measure: the look-ahead sees it anyway).
      if (plain + noise < worst && !usable.pursued) continue;
      c.score = plain + (candidateNoise(noiseKey, m, t, i) * 2 - 1) * noise;
      if constexpr (kExplain) {
        c.why = why;
        c.whyValue = whyValue;
        if (esc > whyValue && esc > 2) c.why = Candidate::Why::Deescalate, c.whyValue = esc;
        if (norms > c.whyValue && norms > 2) c.why = Candidate::Why::Norms, c.whyValue = norms;
        if (own > c.whyValue && own > 1) c.why = Candidate::Why::Own, c.whyValue = own;
      }
      // Keep only the best `keep`, best first (the back is the worst kept): no allocation,
      // and look-ahead never sees the long tail anyway. A new candidate usually just beats
      // the worst, so inserting from the back moves little (cheaper than a heap's two sifts);
      // the order is total, so the kept set and its order are what a heap and sort gave.
      if (usable.pursued) {
        // The best target of each pursued measure, kept aside for the look-ahead.
        auto same = std::find_if(m_pursuit.begin(), m_pursuit.end(),
                                 [&](const Candidate& q) { return q.measure.measure == m; });
        if (same == m_pursuit.end())
          m_pursuit.push_back(c);
        else if (byScore(c, *same))
          *same = c;
      }
      std::size_t pos = kept;
      if (pos >= keep) {
        if (!byScore(c, best[keep - 1])) continue;
        --pos;  // the worst kept drops out
      } else {
        ++kept;
      }
      for (; pos > 0 && byScore(c, best[pos - 1]); --pos) best[pos] = best[pos - 1];
      best[pos] = c;
      if (kept >= keep) worst = best[keep - 1].score;
    }
  };
  m_deferred.clear();
  for (const UsableMeasure& usable : m_usable) {
    if constexpr (kMany) {
      // The kept set's worst score only rises: if no target can beat it now, none will.
      if (kept >= keep && cutOf[&usable - m_usable.data()] < worst) continue;
    }
    const int m = usable.measure;
    if (usable.cost > capital) continue;
    // A decision or an agreement since round 0 opens only measures about a suspect or a bloc's.
    if (onlyNewOptions && !usable.opensLater) continue;
    if (listed(obs.queued, m)) continue;
    if (usable.maxUses > 0 && obs.timesUsed(self, m) >= usable.maxUses) continue;
    const double base = usable.base;
    const double welfare = usable.welfare;
    const bool harmful = usable.harmful;

    // Escalation: depends on where the ladder stands now.
    double step = usable.escalationStep;
    if (step < 0 && obs.rung < usable.offRampCount && usable.offRampOf[obs.rung]) step *= 2;
    const double dTension = step + usable.tensionEffect;
    double esc = -dTension * escW;
    // Hawks read stepping down as weakness; the escalation-averse do not.
    if (dTension < 0) esc -= 16 * doc.riskTolerance * (1 - doc.escalationAversion);
    if (dTension > 0 && (armedRung <= 0 || (obs.tension < armedFrom && obs.tension + dTension >= armedFrom)))
      esc -= 10 + 40 * doc.escalationAversion;
    if constexpr (kMany) esc = escOf[&usable - m_usable.data()];  // the same, from boundMeasures

    // A listing is weighed as a measure against the actor whose entities it names (the owner
    // stands in the target's place until the command is made, below).
    const bool needsActor = usable.needsActor;
    const bool needsIncident = usable.needsIncident;

    for (int i = needsIncident ? 0 : -1; i <= (needsIncident ? obs.incidentCount - 1 : -1); ++i) {
      if (i >= 0 && !obs.incidents[at(i)].revealed) continue;
      const bool ours = implicated(obs, i);
      double incidentValue = 0;
      Candidate::Why incidentWhy = Candidate::Why::Own;
      if (i >= 0) {
        const IncidentView& iv = obs.incidents[at(i)];
        if (usable.investigates) {
          if (ours) continue;  // we know what we did
          const double u = 1 - iv.leadingProbability;
          const double stake = m_view.incidentVictim(i) == self ? 1.5 : 1.0;
          incidentValue = 14 * u * stake * (0.6 + 0.4 * doc.normCommitment) / (1 + obs.timesUsed(self, m));
          incidentWhy = Candidate::Why::Investigate;
        } else if (usable.cover) {
          // Denials and claims through fronts: only for those who have something to hide.
          if (!ours) continue;
          // Deny, muddy the waters: worth more the more of the world points at us.
          int accusers = 0;
          for (int a = 0; a < obs.actorCount; ++a) accusers += accusedUs(a, i) ? 1 : 0;
          incidentValue = 4 + 3 * accusers;
          incidentWhy = Candidate::Why::Cover;
        } else if (!needsActor) {
          const int victim = m_view.incidentVictim(i);
          incidentValue =
              victim == self ? 2 : (victim >= 0 && victim < n ? 2 * attitude[victim].friendly : 0);
        }
      }
      std::span<const int> targets(kNoTarget);
      int decidedTarget[1] = {-1};
      if (needsActor && usable.attribution != AttributionAct::None) {
        // Disclosures are aimed only at the actor we decided on (see below).
        targets = {};
        if (i >= 0 && !ours) {
          const int d = obs.incidents[at(i)].decided;
          if (d >= 0 && d < obs.actorCount && d != self) {
            decidedTarget[0] = d;
            targets = decidedTarget;
          }
        }
      } else if (needsActor) {
        targets = harmful ? m_targetsHostile : welfare > 0 ? m_targetsCalm : m_targetsAll;
        // The kept set's worst score only rises: if no target can beat it now, none will.
        if (!targets.empty() && !usable.pursued) {
          // No target can score above `cut` (its noise included): scored later, best cut first.
          double cut = 0;
          if (kMany && !needsIncident) {
            cut = cutOf[&usable - m_usable.data()];  // the same, from boundMeasures
          } else {
            const double bound = base + esc + incidentValue + targetBound(welfare, usable.trustTargetInSelf);
            cut = scoreCeiling(bound, noise);
          }
          if (kept >= keep && cut < worst) continue;
          m_deferred.push_back({cut, &usable, i, ours, esc, incidentValue, incidentWhy, targets});
          continue;
        }
      }
      if (!kMany && !needsActor && !usable.pursued) {
        // No target: the candidate's score is this plus its noise. (With many measures these
        // fill the kept set first, so that the bound test above skips most of the others.)
        const double plain = base + esc + incidentValue;
        const double cut = scoreCeiling(plain, noise);
        if (kept >= keep && cut < worst) continue;
        m_deferred.push_back({cut, &usable, i, ours, esc, incidentValue, incidentWhy, targets});
        continue;
      }
      scoreTargets(usable, i, ours, esc, incidentValue, incidentWhy, targets);
    }
  }
  // The deferred measures, best cut first: the kept set fills with the likeliest
  // candidates, and once its worst score beats a cut, every measure after it is skipped.
  // Each candidate's noise depends only on the candidate (candidateNoise), so the order in
  // which they are scored, and which ones are skipped, change no score and no choice.
  // With few measures each next one is picked from the rest (few are scored before the cut);
  // with many (kMany) they are sorted first.
  Deferred* first = m_deferred.data();
  Deferred* last = first + m_deferred.size();
  if constexpr (kMany)
    std::sort(first, last, [](const Deferred& a, const Deferred& b) { return a.cut > b.cut; });
  for (; first != last; ++first) {
    Deferred* top = first;
    if constexpr (!kMany) {
      // Once the kept set is full, a measure whose cut is below the worst kept can never be
      // scored (the worst only rises): dropped as the scan meets it, so later scans are shorter.
      const bool full = kept >= keep;
      for (Deferred* d = first + 1; d != last;) {
        if (full && d->cut < worst) {
          *d = *--last;
          continue;
        }
        if (d->cut > top->cut) top = d;
        ++d;
      }
    }
    if (kept >= keep && top->cut < worst) break;
    std::swap(*first, *top);
    scoreTargets(*first->usable, first->incident, first->ours, first->esc, first->incidentValue, first->why,
                 first->targets);
  }
  m_candidates.resize(kept);
  if (m_candidates.empty()) return;

  // Look-ahead on the best few: would the measure fulfil or endanger one of our objectives?
  // (m_candidates is already best first.)
  const std::size_t k = m_candidates.size();
  if (m_preset.lookAhead > 0 && !m_objectives.empty()) {
    LookAhead look(m_view, obs);
    // Whether each objective holds now, asked only of one that a candidate's overlay changes a
    // read of (for the others the value after is the value before, and no score moves), once
    // per call, on a look-ahead of its own whose overlay stays empty.
    const LookAhead now(m_view, obs);
    constexpr std::uint8_t kNotAsked = 2;
    const std::size_t objectives = m_objectives.size();
    std::vector<std::uint8_t>& before = m_objectiveBefore;
    before.assign(objectives, kNotAsked);
    auto heldBefore = [&](std::size_t o, const expr::Node& condition) {
      if (before[o] == kNotAsked) before[o] = now.holds(condition, {self, -1, -1}) ? 1 : 0;
      return before[o] != 0;
    };
    const std::size_t limit = std::min(k, static_cast<std::size_t>(m_preset.lookAhead));
    bool reordered = false;  // a score changed or a candidate joined: sort again
    auto lookAheadOn = [&](Candidate& cand) {
      // A measure whose overlay writes nothing any objective reads changes none of them.
      if (!m_touchesObjective[at(cand.measure.measure)]) return 0.0;
      const std::uint8_t* touch = m_objectiveTouch.data() + at(cand.measure.measure) * objectives;
      look.clear();
      look.addMeasure(profiles[at(cand.measure.measure)], cand.measure.measure, cand.measure.target,
                      cand.measure.incident);
      double delta = 0;
      int advanced = -1;
      for (std::size_t o = 0; o < objectives; ++o) {
        const ObjectiveDef* obj = m_objectives[o];
        if (!obj->condition.root) continue;
        // Unchanged by this candidate's overlay: the value it had before, so no change.
        if (!touch[o] || !look.changes(m_objectiveReads[o])) continue;
        const bool was = heldBefore(o, *obj->condition.root);
        const bool after = look.holds(*obj->condition.root, {self, -1, -1});
        if (after && !was) delta += obj->score, advanced = static_cast<int>(o);
        if (!after && was) delta -= obj->score;
      }
      cand.score += delta;
      reordered = reordered || delta != 0;
      if constexpr (kExplain) {
        if (advanced >= 0 && delta > cand.whyValue) {
          cand.why = Candidate::Why::Objective;
          cand.whyValue = delta;
          cand.objective = advanced;
        }
      }
      return delta;
    };
    for (std::size_t c = 0; c < limit; ++c) lookAheadOn(m_candidates[c]);
    // A measure an objective counts is looked at even when it scored below the best few: the
    // legal step that achieves an objective is not lost among better-looking gestures.
    for (Candidate& cand : m_pursuit) {
      auto same = std::find_if(m_candidates.begin(), m_candidates.end(), [&](const Candidate& q) {
        return q.measure.measure == cand.measure.measure && q.measure.target == cand.measure.target &&
               q.measure.incident == cand.measure.incident;
      });
      const std::size_t j = static_cast<std::size_t>(same - m_candidates.begin());
      if (j < limit) continue;  // looked at already
      if (same != m_candidates.end()) {
        lookAheadOn(*same);
      } else if (lookAheadOn(cand) > 0) {
        m_candidates.push_back(cand);
      }
    }
    // Best first already, unless the look-ahead moved a score or added a candidate.
    if (reordered) std::sort(m_candidates.begin(), m_candidates.end(), byScore);
  }

  // Take the best legal ones while capital and the doctrine allow. Distinct measures only,
  // so the batch stays legal when applied in order (capital and max uses are tracked here).
  const double minScore = 1.0 + 2 * doc.escalationAversion * (1 - doc.riskTolerance);
  std::vector<int>& takenNow = m_takenNow;
  takenNow.clear();
  for (const Candidate& c : m_candidates) {
    if (taken >= maxMeasures || c.score < minScore) break;
    const MeasureDef& md = m_view.measure(c.measure.measure);
    if (md.cost > capital) continue;
    if (std::find(takenNow.begin(), takenNow.end(), c.measure.measure) != takenNow.end()) continue;
    TakeMeasure command = c.measure;
    if (md.target == TargetKind::Entities) {
      // The listing names every entity of the owner it may still list for the incident.
      command.target = -1;
      command.entities = legal.listable(self, command.measure, command.incident, c.measure.target);
      if (command.entities == 0) continue;
    }
    if (!legal.legal(command)) continue;
    capital -= md.cost;
    ++taken;
    takenNow.push_back(c.measure.measure);
    emit(out, command, [&] {
      const Phrases& say = m_say;
      const std::string name = md.name.get(m_view.language());
      const std::string target = c.measure.target >= 0 ? m_view.actorName(c.measure.target) : std::string();
      const std::string incident =
          c.measure.incident >= 0 ? m_view.incidentName(c.measure.incident) : std::string();
      const std::string on = target.empty() ? std::string() : towardTarget(md, target, say);
      const auto trust = [&] {
        return std::to_string(static_cast<int>(obs.trustOf(self, c.measure.target)));
      };
      switch (c.why) {
        case Candidate::Why::Objective:
          return say("takes {0}{1}: it advances our objective '{2}'",
                     {name, on, m_objectives[at(c.objective)]->description.get(m_view.language())});
        case Candidate::Why::Retaliate:
          return say("retaliates against {0} with {1}: {0} acted against us last turn", {target, name});
        case Candidate::Why::Harm:
          return say("takes {0}{1}: pressure on a hostile actor (our trust {2})", {name, on, trust()});
        case Candidate::Why::Help:
          return say("takes {0} for {1}: a partner (trust {2}) needs support", {name, target, trust()});
        case Candidate::Why::Deescalate:
          return say("takes the off-ramp {0}: escalation is {1} from armed conflict",
                     {name, rungsText(stepsToArmedConflict(obs), say)});
        case Candidate::Why::Norms:
          return say("takes {0}: it upholds the UN norms we are committed to", {name});
        case Candidate::Why::Investigate:
          return say("takes {0} to learn more about {1}: our confidence in the leading suspect is {2}",
                     {name, incident,
                      confidenceText(obs.incidents[at(c.measure.incident)].leadingProbability, say)});
        case Candidate::Why::Cover: {
          int accusers = 0;
          for (int a = 0; a < obs.actorCount; ++a) accusers += accusedUs(a, c.measure.incident) ? 1 : 0;
          return accusers > 0 ? say("takes {0} over {1}: {2} government(s) named us",
                                    {name, incident, std::to_string(accusers)})
                              : say("takes {0} over {1}: keep the story confused", {name, incident});
        }
        case Candidate::Why::Attribute:
          return say("takes {0}{1} for {2}: our confidence is {3}",
                     {name, on, incident,
                      confidenceText(obs.probability(m_view, c.measure.incident, c.measure.target), say)});
        case Candidate::Why::Own:
          break;
      }
      return say("takes {0}{1}: it serves our standing at home and abroad", {name, on});
    });
  }
}

}  // namespace demarche::agents
