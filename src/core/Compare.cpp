#include "core/Compare.hpp"

#include <algorithm>

#include "core/Catalogue.hpp"

namespace demarche {
namespace {

Comparison::Side sideOf(const AfterAction& aa, std::string label) {
  Comparison::Side s;
  s.label = std::move(label);
  const Phrases say(aa.language);
  s.ending = aa.endingId.empty() ? say("ended by the facilitator") : aa.endingTitle;
  s.turnsPlayed = aa.turnsPlayed;
  s.scores.assign(aa.actorIds.size(), 0);
  s.maxima.assign(aa.actorIds.size(), 0);
  for (const AfterAction::Objective& o : aa.objectives) {
    if (o.actor < 0 || static_cast<std::size_t>(o.actor) >= s.scores.size()) continue;
    s.scores[static_cast<std::size_t>(o.actor)] += o.score;
    s.maxima[static_cast<std::size_t>(o.actor)] += o.maxScore;
  }
  for (const AfterAction::Point& p : aa.series) {
    s.tension.push_back(p.tension);
    s.peakTension = std::max(s.peakTension, p.tension);
  }
  if (!aa.series.empty()) {
    const int rung = aa.series.back().rung;
    if (rung >= 0 && static_cast<std::size_t>(rung) < aa.rungNames.size())
      s.finalRung = aa.rungNames[static_cast<std::size_t>(rung)];
  }
  for (const AfterAction::Entry& e : aa.timeline)
    if (e.kind == EventKind::AttributionDecided || e.kind == EventKind::AttributionDisclosed)
      s.attributions.push_back({e.turn, e.text});
  return s;
}

}  // namespace

Comparison compareOutcomes(const AfterAction& a, std::string labelA, const AfterAction& b,
                           std::string labelB) {
  Comparison c;
  c.a = sideOf(a, std::move(labelA));
  c.b = sideOf(b, std::move(labelB));
  c.actorNames = a.actorNames;
  c.title = a.title;
  c.turnLabel = a.turnLabel.empty() ? std::string(Phrases(a.language).word("turn")) : a.turnLabel;
  c.scored.assign(a.actorIds.size(), false);
  for (const AfterAction::Objective& o : a.objectives)
    if (o.actor >= 0 && static_cast<std::size_t>(o.actor) < c.scored.size())
      c.scored[static_cast<std::size_t>(o.actor)] = true;
  // The first turn start whose tension, meters or trust differ.
  for (std::size_t i = 0; i < a.series.size() && i < b.series.size(); ++i) {
    const AfterAction::Point &p = a.series[i], &q = b.series[i];
    if (p.tension != q.tension || p.meters != q.meters || p.trust != q.trust) {
      c.firstDifferentTurn = p.turn;
      break;
    }
  }
  return c;
}

}  // namespace demarche
