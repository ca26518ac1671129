// Agent::chooseMeasuresAs for many usable measures (kMany; see AgentMeasures.hpp), and its
// first pass, boundMeasures.
#include <limits>

#include "agents/AgentMeasures.hpp"

namespace demarche::agents {

using namespace detail;

// chooseMeasuresAs' first pass with many usable measures (see there): each one's escalation
// term into m_escOf and its bound test into m_cutOf, by the expressions of that loop, in
// the same order. What depends only on the seat and the rung (the tension a measure moves,
// which of the three target lists it is aimed through) is kept in m_many between calls.
void Agent::boundMeasures(const MeasureBounds& b) {
  const Doctrine& doc = m_doctrine;
  const std::size_t usableCount = m_usable.size();
  if (m_manySelf != m_self || m_manyRung != b.rung || m_many.size() != usableCount) {
    const auto& profiles = m_cat.profiles();
    m_many.resize(usableCount);
    for (std::size_t j = 0; j < usableCount; ++j) {
      const UsableMeasure& usable = m_usable[j];
      const MeasureProfile& p = profiles[at(usable.measure)];
      ManyMeasure& mm = m_many[j];
      double step = p.escalationStep;
      if (step < 0 && b.rung < static_cast<int>(p.offRampOf.size()) && p.offRampOf[at(b.rung)]) step *= 2;
      mm.dTension = step + p.tensionEffect;
      mm.base = usable.base;
      mm.welfare = usable.welfare;
      mm.trustTargetInSelf = p.trustTargetInSelf;
      const MeasureDef& md = m_view.measure(usable.measure);
      mm.list = 0;
      if (md.target == TargetKind::Actor && md.attribution == AttributionAct::None && !usable.pursued)
        mm.list = usable.harmful ? 1 : usable.welfare > 0 ? 2 : 3;
    }
    m_manySelf = m_self;
    m_manyRung = b.rung;
  }
  // [list]: whether that target list has someone in it this call (1 hostile, 2 calm, 3 all).
  const bool nonEmpty[4] = {false, !m_targetsHostile.empty(), !m_targetsCalm.empty(), !m_targetsAll.empty()};
  m_escOf.resize(usableCount);
  m_cutOf.resize(usableCount);
  double* escOf = m_escOf.data();
  double* cutOf = m_cutOf.data();
  const ManyMeasure* many = m_many.data();
  for (std::size_t j = 0; j < usableCount; ++j) {
    const ManyMeasure& mm = many[j];
    const double dTension = mm.dTension;
    double esc = -dTension * b.escW;
    if (dTension < 0) esc -= 16 * doc.riskTolerance * (1 - doc.escalationAversion);
    if (dTension > 0 &&
        (b.armedRung <= 0 || (b.tension < b.armedFrom && b.tension + dTension >= b.armedFrom)))
      esc -= 10 + 40 * doc.escalationAversion;
    escOf[j] = esc;
    double cut = std::numeric_limits<double>::infinity();
    if (nonEmpty[mm.list]) {
      // targetBound of chooseMeasuresAs.
      const double welfare = mm.welfare;
      double tb = 0;
      if (welfare < 0)
        tb += -welfare * b.harmScale * b.maxHostileBoost;
      else if (welfare > 0)
        tb += welfare * b.maxFriendlyLoyal;
      tb += mm.trustTargetInSelf >= 0 ? mm.trustTargetInSelf * (0.05 + 0.2 * b.maxFriendlyLoyal)
                                      : mm.trustTargetInSelf * (0.05 + 0.2 * b.minFriendlyLoyal);
      const double incidentValue = 0;
      const double bound = mm.base + esc + incidentValue + tb;
      cut = detail::scoreCeiling(bound, b.noise);
    }
    cutOf[j] = cut;
  }
}

template void Agent::chooseMeasuresAs<false, true>(const Observation&, const LegalityCheck&,
                                                   std::vector<Command>&, bool);
template void Agent::chooseMeasuresAs<true, true>(const Observation&, const LegalityCheck&,
                                                  std::vector<Command>&, bool);

}  // namespace demarche::agents
