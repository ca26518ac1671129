// Agent::chooseMeasuresAs for many usable measures (kMany; see AgentMeasures.hpp), and its
// first pass, boundMeasures.
#include <limits>

#include "agents/AgentMeasures.hpp"

namespace demarche::agents {

using namespace detail;

// chooseMeasuresAs' first pass with many usable measures (see there): each one's escalation
// term into m_escOf and its bound test into m_cutOf, by the expressions of that loop, in
// the same order.
void Agent::boundMeasures(const MeasureBounds& b) {
  const Doctrine& doc = m_doctrine;
  const auto& profiles = m_cat.profiles();
  const std::size_t usableCount = m_usable.size();
  m_escOf.resize(usableCount);
  m_cutOf.resize(usableCount);
  for (std::size_t j = 0; j < usableCount; ++j) {
    const UsableMeasure& usable = m_usable[j];
    const MeasureProfile& p = profiles[at(usable.measure)];
    double step = p.escalationStep;
    if (step < 0 && b.rung < static_cast<int>(p.offRampOf.size()) && p.offRampOf[at(b.rung)]) step *= 2;
    const double dTension = step + p.tensionEffect;
    double esc = -dTension * b.escW;
    if (dTension < 0) esc -= 16 * doc.riskTolerance * (1 - doc.escalationAversion);
    if (dTension > 0 &&
        (b.armedRung <= 0 || (b.tension < b.armedFrom && b.tension + dTension >= b.armedFrom)))
      esc -= 10 + 40 * doc.escalationAversion;
    m_escOf[j] = esc;
    double cut = std::numeric_limits<double>::infinity();
    const MeasureDef& md = m_view.measure(usable.measure);
    if (md.target == TargetKind::Actor && md.attribution == AttributionAct::None && !usable.pursued) {
      const std::vector<int>& targets = usable.harmful       ? m_targetsHostile
                                        : usable.welfare > 0 ? m_targetsCalm
                                                             : m_targetsAll;
      if (!targets.empty()) {
        // targetBound of chooseMeasuresAs.
        const double welfare = usable.welfare;
        double tb = 0;
        if (welfare < 0)
          tb += -welfare * b.harmScale * b.maxHostileBoost;
        else if (welfare > 0)
          tb += welfare * b.maxFriendlyLoyal;
        tb += p.trustTargetInSelf >= 0 ? p.trustTargetInSelf * (0.05 + 0.2 * b.maxFriendlyLoyal)
                                       : p.trustTargetInSelf * (0.05 + 0.2 * b.minFriendlyLoyal);
        const double incidentValue = 0;
        const double bound = usable.base + esc + incidentValue + tb;
        cut = bound + 1e-6 * (1 + std::abs(bound)) + b.noise;
      }
    }
    m_cutOf[j] = cut;
  }
}

template void Agent::chooseMeasuresAs<false, true>(const Observation&, const LegalityCheck&,
                                                   std::vector<Command>&, bool);
template void Agent::chooseMeasuresAs<true, true>(const Observation&, const LegalityCheck&,
                                                  std::vector<Command>&, bool);

}  // namespace demarche::agents
