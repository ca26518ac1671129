// Helpers shared by the report renderers (names by index, number formatting).
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/AfterAction.hpp"
#include "core/Names.hpp"

// g++ 12 reports -Wrestrict falsely on "literal" + std::string chains (GCC bug 105651);
// every renderer includes this header.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

namespace demarche::report::detail {

inline std::size_t at(int i) { return static_cast<std::size_t>(i); }

// Under the hidden truth's heading: what the assessments beside it are (the window's debrief
// says the same, through its catalogue).
inline constexpr std::string_view kTruthAssessmentsNote =
    "Each actor's assessment is the one it ended with, the last week's evidence included; what it decided "
    "and disclosed may date from an earlier week, when it knew less.";

inline std::string actorName(const AfterAction& aa, int actor) {
  if (actor < 0 || at(actor) >= aa.actorNames.size()) return "—";
  return aa.actorNames[at(actor)];
}

inline std::string rungName(const AfterAction& aa, int rung) {
  if (rung < 0 || at(rung) >= aa.rungNames.size()) return "—";
  return aa.rungNames[at(rung)];
}

// "week 3", or "week 3 (15 March 2018)" when the turns carry dates.
inline std::string turnHeading(const AfterAction& aa, int turn) {
  std::string out = (aa.turnLabel.empty() ? std::string("turn") : aa.turnLabel) + " " + std::to_string(turn);
  if (turn >= 1 && static_cast<std::size_t>(turn) <= aa.turnDates.size())
    out += " (" + aa.turnDates[static_cast<std::size_t>(turn - 1)] + ")";
  return out;
}

// "week 3" / "end" for a series point.
inline std::string pointLabel(const AfterAction& aa, const AfterAction::Point& p) {
  if (p.isFinal) return "end";
  return (aa.turnLabel.empty() ? std::string("turn") : aa.turnLabel) + " " + std::to_string(p.turn);
}

// Whether a timeline entry's rationale is shown on its own line: proposal and reply sentences
// already quote their text or reason.
inline bool showsRationale(const AfterAction::Entry& e) {
  return !e.rationale.empty() && e.kind != EventKind::ProposalMade && e.kind != EventKind::ProposalReplied;
}

// "Ukraine (week 2, shared by Poland)": who saw an evidence item, when and how.
inline std::string sightingText(const AfterAction& aa, const AfterAction::Sighting& s) {
  std::string out = actorName(aa, s.actor);
  std::string detail;
  if (s.turn > 0)
    detail = (aa.turnLabel.empty() ? std::string("turn") : aa.turnLabel) + " " + std::to_string(s.turn);
  if (s.how == "investigation") detail += (detail.empty() ? "" : ", ") + std::string("by investigation");
  if (s.how == "shared") detail += (detail.empty() ? "" : ", ") + ("shared by " + actorName(aa, s.sharedBy));
  if (s.how == "inject") detail += (detail.empty() ? "" : ", ") + std::string("from an inject");
  return detail.empty() ? out : out + " (" + detail + ")";
}

// Who saw an item: "everyone (week 1)" when all actors saw it the same way, else the list.
inline std::string seenByText(const AfterAction& aa, const AfterAction::Evidence& e) {
  if (e.seenBy.empty()) return "nobody";
  bool same = e.seenBy.size() == aa.actorIds.size();
  for (const auto& s : e.seenBy)
    same = same && s.turn == e.seenBy.front().turn && s.how == e.seenBy.front().how && s.how != "shared";
  if (same) {
    const std::string first = sightingText(aa, e.seenBy.front());
    const std::size_t paren = first.find(" (", actorName(aa, e.seenBy.front().actor).size());
    return "everyone" + (paren == std::string::npos ? std::string() : first.substr(paren));
  }
  std::string out;
  for (const auto& s : e.seenBy) out += (out.empty() ? "" : ", ") + sightingText(aa, s);
  return out;
}

// The evidence items of an incident, scenario order.
inline std::vector<const AfterAction::Evidence*> evidenceOf(const AfterAction& aa, int incident) {
  std::vector<const AfterAction::Evidence*> out;
  for (const auto& e : aa.evidence)
    if (e.incident == incident) out.push_back(&e);
  return out;
}

// Whether timeline entry i reports nothing new and is left out of the pages: an investigation
// that found no item (its "finds 0 new item(s)" line). The engine emits the EvidenceSeen lines
// of what an investigation found (and of partners it shared them with at once) just before its
// InvestigationFound line, so one found something when that run of lines holds one of the
// investigator's own. The measure's "takes" line still says the investigation happened.
inline bool isNoNews(const AfterAction& aa, std::size_t i) {
  const AfterAction::Entry& e = aa.timeline[i];
  if (e.kind != EventKind::InvestigationFound) return false;
  for (std::size_t k = i; k-- > 0;) {
    const AfterAction::Entry& before = aa.timeline[k];
    if (before.kind != EventKind::EvidenceSeen || before.turn != e.turn) break;
    if (before.actor == e.actor) return false;
  }
  return true;
}

// An actor's objectives in the scores table: how many, how many achieved, and the most it
// could score (the sum of their maximum scores).
struct ObjectiveTally {
  int achieved = 0, total = 0, maxScore = 0;
};
inline ObjectiveTally objectivesOf(const AfterAction& aa, int actor) {
  ObjectiveTally t;
  for (const auto& o : aa.objectives) {
    if (o.actor != actor) continue;
    ++t.total;
    t.achieved += o.achieved ? 1 : 0;
    t.maxScore += o.maxScore;
  }
  return t;
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
