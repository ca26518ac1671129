// Builds the after-action data from a session's turn snapshots and its final state.
#include "core/AfterAction.hpp"

#include <algorithm>

#include "core/Calendar.hpp"
#include "core/Expr.hpp"
#include "core/Names.hpp"

namespace demarche {

namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

std::string textOr(const Text& t, std::string_view lang, const std::string& fallbackLang,
                   const std::string& id) {
  const std::string& s = t.get(lang, fallbackLang);
  return s.empty() ? id : s;
}

AfterAction::Point pointOf(const GameState& s, bool isFinal) {
  AfterAction::Point p;
  p.turn = s.turn;
  p.isFinal = isFinal;
  p.tension = s.tension;
  p.rung = s.rung;
  p.meters = s.meters;
  p.trust = s.trust;
  p.capital = s.capital;
  return p;
}

// Objectives read the state through the same expression context as the rules; a tiny
// read-only adapter keeps this file independent of Engine.cpp's internals.
class ReadContext final : public expr::EvalContext {
 public:
  ReadContext(const Engine& e, const GameState& s) : m_e(e), m_s(s) {}
  double turn() const override { return m_s.turn; }
  double escalation() const override { return m_s.rung; }
  double tension() const override { return m_s.tension; }
  double trust(int a, int b) const override { return ok(a) && ok(b) ? m_s.trustOf(a, b) : 0; }
  double meter(int a, int m) const override {
    return ok(a) && m >= 0 && m < m_s.meterCount ? m_s.meter(a, m) : 0;
  }
  double capability(int a, int c) const override {
    return ok(a) && c >= 0 && c < m_s.capabilityCount ? m_s.capabilities[at(a * m_s.capabilityCount + c)] : 0;
  }
  double capital(int a) const override { return ok(a) ? m_s.capital[at(a)] : 0; }
  double confidence(int a, int i, int c) const override {
    return ok(a) && inc(i) ? m_e.probability(m_s, a, i, c) : 0;
  }
  bool attributed(int a, int i) const override { return ok(a) && inc(i) && m_s.decision(a, i) >= 0; }
  bool attributedTo(int a, int i, int c) const override {
    return ok(a) && inc(i) && c >= 0 && m_s.decision(a, i) == c;
  }
  bool attributedPublicly(int a, int i) const override {
    return ok(a) && inc(i) &&
           (m_s.disclosure(a, i) == Disclosure::Public || m_s.disclosure(a, i) == Disclosure::Joint);
  }
  bool harbouring(int a, int i) const override {
    return ok(a) && inc(i) && m_s.decision(a, i) >= 0 && m_s.harbouring(a, i);
  }
  bool seen(int a, int e) const override {
    return ok(a) && e >= 0 && e < m_s.evidenceCount && m_s.hasSeen(a, e);
  }
  bool incidentRevealed(int i) const override { return inc(i) && m_s.incidentRevealed[at(i)] != 0; }
  bool fired(int j) const override { return j >= 0 && j < m_s.injectCount && m_s.injectFired[at(j)] > 0; }
  double used(int a, int m) const override {
    return ok(a) && m >= 0 && m < m_s.measureCount ? m_s.timesUsed(a, m) : 0;
  }
  bool agreement(int a, int b, int t) const override {
    for (const Commitment& c : m_s.commitments)
      if (!c.broken && c.term == t && ((c.a == a && c.b == b) || (c.a == b && c.b == a))) return true;
    return false;
  }
  bool member(int a, int bloc) const override {
    if (!ok(a)) return false;
    for (int b : m_e.def().actors[at(a)].blocs)
      if (b == bloc) return true;
    return false;
  }
  bool ended(int e) const override { return e >= 0 && m_s.ending == e; }
  int actorKind(int a) const override { return ok(a) ? static_cast<int>(m_e.def().actors[at(a)].kind) : -1; }
  int dayOfTurn(int turn) const override {
    return demarche::dayOfTurn(m_e.def().turnDates, turn).value_or(0);
  }
  void setTension(double) override {}
  void setTrust(int, int, double) override {}
  void setMeter(int, int, double) override {}
  void setCapability(int, int, double) override {}
  void setCapital(int, double) override {}
  void reveal(int, int) override {}

 private:
  bool ok(int a) const { return a >= 0 && a < m_s.actorCount; }
  bool inc(int i) const { return i >= 0 && i < m_s.incidentCount; }
  const Engine& m_e;
  const GameState& m_s;
};

// The note of an event (a proposal's text, a reply's reason), "" if none.
std::string noteOf(const GameState& s, const Event& ev) {
  return ev.note >= 0 && ev.note < static_cast<int>(s.notes.size()) ? s.notes[at(ev.note)] : std::string();
}

const char* howSeen(int how) {
  switch (how) {
    case 0:
      return "schedule";
    case 1:
      return "investigation";
    case 2:
      return "shared";
    case 3:
      return "inject";
    default:
      return "";
  }
}

// Does `ev` record the application of `command`?
bool producedBy(const GameState& s, const Event& ev, const Command& command) {
  if (ev.actor != commandActor(command)) return false;
  if (const auto* m = std::get_if<TakeMeasure>(&command))
    return ev.kind == EventKind::MeasureQueued && ev.a == m->measure && ev.b == m->target &&
           ev.c == m->incident;
  if (const auto* d = std::get_if<DecideAttribution>(&command))
    return ev.kind == EventKind::AttributionDecided && ev.a == d->incident && ev.b == d->candidate &&
           (ev.c == 1) == d->harbouring;
  if (const auto* d = std::get_if<Disclose>(&command))
    return ev.kind == EventKind::AttributionDisclosed && ev.a == d->incident &&
           ev.c == static_cast<int>(d->kind);
  if (const auto* w = std::get_if<Withdraw>(&command))
    return ev.kind == EventKind::AttributionWithdrawn && ev.a == w->incident;
  if (const auto* p = std::get_if<Propose>(&command)) {
    if (ev.kind != EventKind::ProposalMade || ev.a < 0 || ev.a >= static_cast<int>(s.proposals.size()))
      return false;
    const Proposal& made = s.proposals[at(ev.a)];
    return made.counterOf < 0 && made.to == p->to && made.terms == p->terms && made.incident == p->incident &&
           made.naming == p->naming;
  }
  if (const auto* r = std::get_if<Reply>(&command))
    return ev.kind == EventKind::ProposalReplied && ev.a == r->proposal;
  return false;
}

}  // namespace

void addRationales(AfterAction& aa, const GameState& final, const std::vector<Rationale>& rationales) {
  const std::vector<Event>& events = final.timeline;
  std::vector<std::uint8_t> explained(events.size(), 0);
  // Rationales and events both come in play order, so each search starts where the turn's
  // events start: linear in practice.
  std::size_t turnStart = 0;
  for (const Rationale& r : rationales) {
    if (turnStart < events.size() && events[turnStart].turn != r.turn) {
      turnStart = 0;
      while (turnStart < events.size() && events[turnStart].turn < r.turn) ++turnStart;
    }
    for (std::size_t k = turnStart; k < events.size() && events[k].turn == r.turn; ++k) {
      if (explained[k] || !producedBy(final, events[k], r.command)) continue;
      explained[k] = 1;
      if (k < aa.timeline.size()) aa.timeline[k].rationale = r.text;
      break;
    }
  }
}

std::vector<AfterAction::Objective> evaluateObjectives(const Engine& engine, const GameState& state,
                                                       std::string_view language) {
  const ScenarioDef& def = engine.def();
  const std::string_view lang = language.empty() ? std::string_view(def.language) : language;
  ReadContext ctx(engine, state);
  std::vector<AfterAction::Objective> out;
  for (const ObjectiveDef& o : def.objectives) {
    AfterAction::Objective r;
    r.actor = o.actor;
    r.id = o.id;
    r.description = textOr(o.description, lang, def.language, o.id);
    r.maxScore = o.score;
    r.achieved = !o.condition.root || expr::evalBool(*o.condition.root, ctx, {o.actor, -1, -1});
    r.score = r.achieved ? o.score : 0;
    out.push_back(std::move(r));
  }
  return out;
}

AfterAction buildAfterAction(const Engine& engine, const std::vector<const GameState*>& turnStarts,
                             const GameState& final, std::string_view language) {
  const ScenarioDef& def = engine.def();
  const std::string lang(language.empty() ? std::string_view(def.language) : language);
  AfterAction aa;
  aa.scenarioId = def.id;
  aa.title = textOr(def.title, lang, def.language, def.id);
  aa.language = lang;
  aa.seed = final.seed;
  aa.finalHash = hashHex(stateHash(final));
  aa.turnsPlayed = final.turn;
  aa.turnCount = def.turns;
  aa.turnLabel = def.turnLabel.get(lang, def.language);
  for (int day : def.turnDates) aa.turnDates.push_back(longDate(day, lang));
  for (const ActorDef& a : def.actors) {
    aa.actorIds.push_back(a.id);
    aa.actorNames.push_back(textOr(a.name, lang, def.language, a.id));
  }
  aa.meterNames = def.meterNames;
  for (std::size_t m = 0; m < def.meterNames.size(); ++m)
    aa.meterTitles.push_back(engine.meterName(static_cast<int>(m), lang));
  for (const RungDef& r : def.ladder.rungs) aa.rungNames.push_back(textOr(r.name, lang, def.language, r.id));

  aa.timeline.reserve(final.timeline.size());
  for (const Event& ev : final.timeline) {
    // Proposals and replies carry their reason in the command, so it is known even in a replay.
    const bool reasoned = ev.kind == EventKind::ProposalMade || ev.kind == EventKind::ProposalReplied;
    aa.timeline.push_back(
        {ev.turn, ev.kind, ev.actor, engine.describe(final, ev, lang), reasoned ? noteOf(final, ev) : ""});
  }

  for (std::size_t e = 0; e < def.evidence.size(); ++e) {
    const EvidenceDef& ed = def.evidence[e];
    AfterAction::Evidence item;
    item.index = static_cast<int>(e);
    item.id = ed.id;
    item.title = textOr(ed.title, lang, def.language, ed.id);
    item.incident = ed.incident;
    item.source = std::string(yamlName(ed.source));
    item.sourceWord = std::string(displayName(ed.source));
    item.reliability = ed.reliability;
    item.planted = ed.planted;
    for (int a = 0; a < final.actorCount; ++a) {
      if (static_cast<int>(e) >= final.evidenceCount || !final.hasSeen(a, static_cast<int>(e))) continue;
      AfterAction::Sighting seen;
      seen.actor = a;
      item.seenBy.push_back(seen);
    }
    aa.evidence.push_back(std::move(item));
  }
  // When and how each item was first seen, from the timeline.
  for (const Event& ev : final.timeline) {
    if (ev.kind != EventKind::EvidenceSeen || ev.a < 0 || at(ev.a) >= aa.evidence.size()) continue;
    for (AfterAction::Sighting& seen : aa.evidence[at(ev.a)].seenBy) {
      if (seen.actor != ev.actor || seen.turn != 0) continue;
      seen.turn = ev.turn;
      seen.how = howSeen(ev.b);
      seen.sharedBy = ev.b == 2 ? ev.c : -1;
    }
  }

  for (const GameState* s : turnStarts)
    if (s) aa.series.push_back(pointOf(*s, false));
  aa.series.push_back(pointOf(final, true));

  for (int i = 0; i < final.incidentCount; ++i) {
    const IncidentDef& inc = def.incidents[at(i)];
    AfterAction::IncidentTruth t;
    t.incident = i;
    t.id = inc.id;
    t.title = textOr(inc.title, lang, def.language, inc.id);
    t.operatorActor = inc.truth.operatorActor;
    t.sponsor = inc.truth.sponsor;
    t.proxy = inc.truth.proxy;
    t.falseFlags = inc.truth.falseFlags;
    t.harbouredBy = inc.truth.harbouredBy;
    for (std::size_t e = 0; e < def.evidence.size(); ++e)
      if (def.evidence[e].incident == i && def.evidence[e].planted)
        t.plantedEvidence.push_back(static_cast<int>(e));
    for (int a = 0; a < final.actorCount; ++a) {
      const Assessment as = engine.assessment(final, a, i);
      AfterAction::ActorView v;
      v.actor = a;
      v.leading = as.leading;
      for (const auto& c : as.candidates) {
        if (c.actor == as.leading) v.leadingProbability = c.probability;
        if (c.actor == inc.truth.operatorActor) v.truthProbability = c.probability;
      }
      v.words = std::string(probabilityWords(v.truthProbability));
      v.confidence = std::string(confidenceName(as.confidence));
      v.decided = final.decision(a, i);
      v.disclosure = std::string(disclosureName(final.disclosure(a, i)));
      v.harbouring = v.decided >= 0 && final.harbouring(a, i);
      v.correct = v.decided >= 0 &&
                  (v.harbouring ? std::find(inc.truth.harbouredBy.begin(), inc.truth.harbouredBy.end(),
                                            v.decided) != inc.truth.harbouredBy.end()
                                : v.decided == inc.truth.operatorActor ||
                                      (inc.truth.sponsor >= 0 && v.decided == inc.truth.sponsor));
      v.evidenceSeen = as.evidenceSeen;
      for (const AfterAction::Evidence& item : aa.evidence) {
        if (item.incident != i) continue;
        for (const AfterAction::Sighting& seen : item.seenBy)
          if (seen.actor == a) v.evidence.push_back(item.index);
      }
      t.views.push_back(std::move(v));
    }
    aa.incidents.push_back(std::move(t));
  }

  for (const demarche::Listing& l : final.listings) {
    AfterAction::Listing out;
    out.turn = l.turn;
    out.actor = l.actor;
    out.measure =
        l.measure >= 0 && at(l.measure) < def.measures.size()
            ? textOr(def.measures[at(l.measure)].name, lang, def.language, def.measures[at(l.measure)].id)
            : std::string("?");
    out.incident = l.incident >= 0 && at(l.incident) < def.incidents.size()
                       ? textOr(def.incidents[at(l.incident)].title, lang, def.language,
                                def.incidents[at(l.incident)].id)
                       : std::string("?");
    for (std::size_t e = 0; e < def.entities.size() && e < 64; ++e) {
      if (((l.entities >> e) & 1u) == 0) continue;
      const EntityDef& ed = def.entities[e];
      const bool involved =
          std::find(ed.involvedIn.begin(), ed.involvedIn.end(), l.incident) != ed.involvedIn.end();
      out.entities.push_back({ed.id, textOr(ed.name, lang, def.language, ed.id),
                              std::string(yamlName(ed.kind)), ed.owner, involved});
      if (!involved) ++out.wrong;
    }
    aa.listings.push_back(std::move(out));
  }

  aa.objectives = evaluateObjectives(engine, final, lang);
  aa.actorScores.assign(at(final.actorCount), 0);
  for (const auto& o : aa.objectives)
    if (o.actor >= 0 && o.actor < final.actorCount) aa.actorScores[at(o.actor)] += o.score;

  if (final.ending >= 0 && final.ending < static_cast<int>(def.endings.size())) {
    const EndingDef& e = def.endings[at(final.ending)];
    aa.endingId = e.id;
    aa.endingTitle = textOr(e.title, lang, def.language, e.id);
    aa.endingDescription = e.description.get(lang, def.language);
    aa.endingKind = e.kind;
  }
  for (const QuestionDef& q : def.questions) aa.questions.push_back({q.turn, q.text.get(lang, def.language)});
  return aa;
}

AfterAction buildAfterAction(const Session& session, std::string_view language) {
  std::vector<const GameState*> starts;
  for (const Session::TurnStart& t : session.turnStarts()) starts.push_back(&t.snapshot);
  AfterAction aa = buildAfterAction(session.engine(), starts, session.state(), language);
  addRationales(aa, session.state(), rationalesFromLog(session));
  return aa;
}

std::vector<Rationale> rationalesFromLog(const Session& session) {
  std::vector<Rationale> out;
  const auto& commands = session.commands();
  const auto& reasons = session.rationales();
  const auto& starts = session.turnStarts();
  std::size_t turnIndex = 0;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    while (turnIndex + 1 < starts.size() && starts[turnIndex + 1].firstCommand <= i) ++turnIndex;
    if (reasons[i].empty()) continue;
    const int turn = starts.empty() ? 1 : starts[turnIndex].turn;
    out.push_back({turn, commandActor(commands[i]), commands[i], reasons[i]});
  }
  return out;
}

}  // namespace demarche
