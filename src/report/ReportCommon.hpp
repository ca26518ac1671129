// Helpers shared by the report renderers (names by index, number formatting).
#pragma once

#include <fmt/format.h>

#include <string>
#include <vector>

#include "core/AfterAction.hpp"

// g++ 12 reports -Wrestrict falsely on "literal" + std::string chains (GCC bug 105651);
// every renderer includes this header.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

namespace demarche::report::detail {

inline std::size_t at(int i) { return static_cast<std::size_t>(i); }

inline std::string actorName(const AfterAction& aa, int actor) {
  if (actor < 0 || at(actor) >= aa.actorNames.size()) return "—";
  return aa.actorNames[at(actor)];
}

inline std::string rungName(const AfterAction& aa, int rung) {
  if (rung < 0 || at(rung) >= aa.rungNames.size()) return "—";
  return aa.rungNames[at(rung)];
}

// "week 3" / "end" for a series point.
inline std::string pointLabel(const AfterAction& aa, const AfterAction::Point& p) {
  if (p.isFinal) return "end";
  return (aa.turnLabel.empty() ? std::string("turn") : aa.turnLabel) + " " + std::to_string(p.turn);
}

inline std::string number(double v) { return fmt::format("{:.1f}", v); }
inline std::string percent(double p) { return fmt::format("{:.0f}%", p * 100.0); }

inline double meterAt(const AfterAction& aa, const AfterAction::Point& p, int actor, int meter) {
  return p.meters[at(actor) * aa.meterNames.size() + at(meter)];
}
inline double trustAt(const AfterAction& aa, const AfterAction::Point& p, int a, int b) {
  return p.trust[at(a) * aa.actorIds.size() + at(b)];
}

}  // namespace demarche::report::detail
