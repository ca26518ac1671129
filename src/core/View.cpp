// Views: the audience rules of docs/rules.md ("Who sees what") and the team, room and
// facilitator views built from them.
//
// Index: [SECTION] Audiences  [SECTION] Shared parts  [SECTION] Team view
//        [SECTION] Room and facilitator views
#include "core/View.hpp"

#include <algorithm>

#include "core/Calendar.hpp"
#include "core/Catalogue.hpp"
#include "core/Names.hpp"

namespace demarche {

namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

bool validIndex(int i, std::size_t size) { return i >= 0 && at(i) < size; }

}  // namespace

// [SECTION] Audiences

bool eventIsQuiet(const Event& e) {
  return e.kind == EventKind::PhaseStarted || e.kind == EventKind::TurnStarted ||
         (e.kind == EventKind::InvestigationFound && e.b == 0);
}

bool eventIsPublic(const ScenarioDef& def, const GameState& state, const Event& e) {
  (void)state;
  switch (e.kind) {
    case EventKind::TurnStarted:
    case EventKind::PhaseStarted:
    case EventKind::IncidentRevealed:
    case EventKind::CommitmentMade:  // agreements are public
    case EventKind::CommitmentBroken:
    case EventKind::NormBroken:
    case EventKind::TensionChanged:
    case EventKind::RungChanged:
    case EventKind::MeterAdjusted:  // meters are public: the change shows on the map anyway
    case EventKind::Paused:
    case EventKind::Resumed:
    case EventKind::TruthRevealed:
    case EventKind::AttributionJudged:
    case EventKind::EndingReached:
    case EventKind::SeatAssigned:    // the room knows who plays which seat
    case EventKind::TurnUndone:      // the room sees the facilitator go back
    case EventKind::CovertExposed:   // the truth names who took a covert measure
    case EventKind::EntitiesListed:  // a listing is published (a sanctions list, an indictment)
    case EventKind::ListingJudged:   // at the truth
      return true;
    case EventKind::MeasureResolved:  // resolved measures are public, but for covert ones
      return !(validIndex(e.a, def.measures.size()) && def.measures[at(e.a)].covert);
    case EventKind::InjectFired:
      return validIndex(e.a, def.injects.size()) && injectIsPublic(def.injects[at(e.a)]);
    case EventKind::AttributionDisclosed:
    case EventKind::AttributionWithdrawn: {  // a withdrawal is heard by whoever heard the disclosure
      const auto kind = static_cast<Disclosure>(e.c);
      return kind == Disclosure::Public || kind == Disclosure::Joint;
    }
    case EventKind::AttributionContradicted:  // only public attributions are contradicted
      return true;
    case EventKind::EvidenceSeen:
    case EventKind::MeasureQueued:
    case EventKind::MeasureFailed:
    case EventKind::InvestigationFound:
    case EventKind::AttributionDecided:
    case EventKind::ProposalMade:
    case EventKind::ProposalReplied:
    case EventKind::ProposalExpired:
      return false;
  }
  return false;
}

bool eventVisibleTo(const ScenarioDef& def, const GameState& state, const Event& e, int actor) {
  if (actor < 0) return false;
  switch (e.kind) {
    case EventKind::EvidenceSeen:
    case EventKind::MeasureQueued:
    case EventKind::MeasureFailed:  // a measure that never happened: only its actor knows
      return e.actor == actor;
    case EventKind::MeasureResolved:  // a covert one: only its actor knows who did it
      return e.actor == actor || eventIsPublic(def, state, e);
    case EventKind::InvestigationFound:
    case EventKind::AttributionDecided:
      return e.actor == actor;
    case EventKind::InjectFired:
      return validIndex(e.a, def.injects.size()) && injectVisibleTo(def.injects[at(e.a)], actor);
    case EventKind::AttributionDisclosed:
    case EventKind::AttributionWithdrawn:
      return disclosureVisibleTo(static_cast<Disclosure>(e.c), e.actor, e.b, actor);
    case EventKind::ProposalMade:
    case EventKind::ProposalReplied:
    case EventKind::ProposalExpired:
      return validIndex(e.a, state.proposals.size()) && proposalVisibleTo(state.proposals[at(e.a)], actor);
    default:
      return eventIsPublic(def, state, e);
  }
}

Audience eventAudience(const Engine& engine, const GameState& state, const Event& event) {
  Audience audience;
  if (eventIsPublic(engine.def(), state, event)) {
    audience.everyone = true;
    return audience;
  }
  for (int a = 0; a < state.actorCount; ++a)
    if (eventVisibleTo(engine.def(), state, event, a)) audience.actors.push_back(a);
  return audience;
}

bool canSee(const Engine& engine, const GameState& state, const Event& event, const Viewer& viewer) {
  switch (viewer.kind) {
    case Viewer::Kind::Facilitator:
      return true;
    case Viewer::Kind::Room:
      return eventIsPublic(engine.def(), state, event);
    case Viewer::Kind::Team:
      return eventVisibleTo(engine.def(), state, event, viewer.actor);
  }
  return false;
}

std::string describe(const Engine& engine, const GameState& state, const Event& event, const Viewer& viewer) {
  if (!canSee(engine, state, event, viewer)) return {};
  return engine.describe(state, event);
}

GameState deliberationPreview(const Engine& engine, const GameState& state) {
  GameState preview = state;
  if (preview.phase == Phase::Briefing && !preview.paused) engine.apply(preview, EndPhase{});
  return preview;
}

// [SECTION] Shared parts

namespace {

struct Names {
  const Engine& engine;
  const ScenarioDef& def;
  std::string lang;

  // `language` "" = the scenario's; a text without it falls back to the scenario's language.
  explicit Names(const Engine& e, std::string_view language = {})
      : engine(e), def(e.def()), lang(language.empty() ? e.def().language : std::string(language)) {}

  std::string actor(int a) const { return validIndex(a, def.actors.size()) ? def.actors[at(a)].id : ""; }
  std::string actorName(int a) const {
    if (!validIndex(a, def.actors.size())) return "";
    const std::string& n = def.actors[at(a)].name.get(lang, def.language);
    return n.empty() ? def.actors[at(a)].id : n;
  }
  std::string incident(int i) const {
    return validIndex(i, def.incidents.size()) ? def.incidents[at(i)].id : "";
  }
  std::string measure(int m) const {
    return validIndex(m, def.measures.size()) ? def.measures[at(m)].id : "";
  }
  std::string term(int t) const { return validIndex(t, def.terms.size()) ? def.terms[at(t)].id : ""; }
  std::string text(const Text& t) const { return t.get(lang, def.language); }
};

NewsItem newsItem(const Names& n, const Event& e) {
  const InjectDef& inj = n.def.injects[at(e.a)];
  NewsItem item;
  item.turn = e.turn;
  item.id = inj.id;
  item.kind = std::string(yamlName(inj.kind));
  item.title = n.text(inj.title);
  item.text = n.text(inj.text);
  item.addressed = !inj.audience.empty();
  item.byFacilitator = e.b == 1;
  return item;
}

TruthView truthOf(const Names& n, int i) {
  const IncidentDef& inc = n.def.incidents[at(i)];
  TruthView t;
  t.incident = inc.id;
  t.operatorActor = n.actor(inc.truth.operatorActor);
  t.sponsor = n.actor(inc.truth.sponsor);
  t.proxy = n.actor(inc.truth.proxy);
  for (int f : inc.truth.falseFlags) t.falseFlags.push_back(n.actor(f));
  for (int h : inc.truth.harbouredBy) t.harbouredBy.push_back(n.actor(h));
  for (const EvidenceDef& ev : n.def.evidence)
    if (ev.incident == i && ev.planted) t.plantedEvidence.push_back(ev.id);
  for (const EntityDef& en : n.def.entities)
    if (std::find(en.involvedIn.begin(), en.involvedIn.end(), i) != en.involvedIn.end())
      t.involvedEntities.push_back(en.id);
  return t;
}

std::vector<std::string> entityIds(const ScenarioDef& def, std::uint64_t entities) {
  std::vector<std::string> out;
  for (std::size_t e = 0; e < def.entities.size() && e < 64; ++e)
    if ((entities >> e) & 1u) out.push_back(def.entities[e].id);
  return out;
}

PublicSituation publicSituation(const Engine& engine, const GameState& s, bool withTruth,
                                std::string_view language) {
  const Names n(engine, language);
  const ScenarioDef& def = engine.def();
  PublicSituation p;
  p.scenarioId = def.id;
  p.title = n.text(def.title);
  p.turn = s.turn;
  p.turns = def.turns;
  if (auto day = dayOfTurn(def.turnDates, s.turn)) p.date = isoDate(*day);
  p.phase = std::string(phaseName(s.phase));
  p.phaseKind = s.phase;
  p.paused = s.paused;
  p.truthRevealed = s.truthRevealed;
  p.tension = s.tension;
  if (validIndex(s.rung, def.ladder.rungs.size())) {
    const RungDef& r = def.ladder.rungs[at(s.rung)];
    p.rung = n.text(r.name).empty() ? r.id : n.text(r.name);
  }
  if (validIndex(s.ending, def.endings.size())) {
    const EndingDef& en = def.endings[at(s.ending)];
    p.ending = n.text(en.title).empty() ? en.id : n.text(en.title);
  }
  for (int i = 0; i < s.incidentCount; ++i) {
    if (!s.incidentRevealed[at(i)]) continue;
    const IncidentDef& inc = def.incidents[at(i)];
    IncidentSummary sum;
    sum.id = inc.id;
    sum.title = n.text(inc.title);
    sum.description = n.text(inc.description);
    sum.victim = n.actor(inc.victim);
    sum.sector = std::string(yamlName(inc.sector));
    for (int c : inc.candidates) sum.candidates.push_back(n.actor(c));
    for (int h = 0; h < s.actorCount; ++h)
      if (engine.canHarbour(i, h)) sum.hosts.push_back(n.actor(h));
    p.incidents.push_back(std::move(sum));
  }
  for (const Event& e : s.timeline)
    if (e.kind == EventKind::InjectFired && eventIsPublic(def, s, e)) p.news.push_back(newsItem(n, e));
  for (const Commitment& c : s.commitments) {
    if (c.broken) continue;
    p.agreements.push_back(
        {n.actor(c.a), n.actor(c.b), n.term(c.term), n.incident(c.incident), c.turn, n.actor(c.naming)});
  }
  for (int a = 0; a < s.actorCount; ++a) {
    ActorSummary as;
    as.id = n.actor(a);
    as.name = n.actorName(a);
    as.kind = std::string(yamlName(def.actors[at(a)].kind));
    for (int m = 0; m < s.meterCount; ++m)
      as.meters.push_back({def.meterNames[at(m)], s.meter(a, m), engine.meterName(m, n.lang)});
    for (int c = 0; c < s.capabilityCount; ++c)
      as.capabilities.push_back({def.capabilityNames[at(c)], s.capabilities[at(a * s.capabilityCount + c)],
                                 engine.capabilityName(c, n.lang)});
    p.actors.push_back(std::move(as));
  }
  for (int a = 0; a < s.actorCount; ++a)
    for (int b = 0; b < s.actorCount; ++b)
      if (a != b) p.trust.push_back({n.actor(a), n.actor(b), s.trustOf(a, b)});
  if (withTruth)
    for (int i = 0; i < s.incidentCount; ++i) p.truth.push_back(truthOf(n, i));
  for (const EntityDef& en : def.entities)
    p.entities.push_back({en.id, n.text(en.name).empty() ? en.id : n.text(en.name),
                          std::string(yamlName(en.kind)), n.actor(en.owner), n.text(en.description)});
  for (const Listing& l : s.listings)
    p.listings.push_back({l.turn, n.actor(l.actor), n.measure(l.measure), n.incident(l.incident),
                          entityIds(def, l.entities), engine.listedNames(l.entities, language)});
  return p;
}

TimelineEntry entry(const Engine& engine, const GameState& s, std::size_t index, std::string_view language) {
  const Event& e = s.timeline[index];
  const ScenarioDef& def = engine.def();
  TimelineEntry t{static_cast<int>(index), e.turn, e.kind, engine.describe(s, e, language), {}, {},
                  eventIsQuiet(e)};
  if (validIndex(e.actor, def.actors.size())) t.actor = def.actors[at(e.actor)].id;
  const bool measure = e.kind == EventKind::MeasureQueued || e.kind == EventKind::MeasureResolved ||
                       e.kind == EventKind::MeasureFailed;
  if (measure && validIndex(e.b, def.actors.size())) t.target = def.actors[at(e.b)].id;
  return t;
}

// Where "since the last turn" starts: the previous turn's resolution phase (or the beginning).
std::size_t recapStart(const GameState& s) {
  for (std::size_t i = s.timeline.size(); i-- > 0;) {
    const Event& e = s.timeline[i];
    if (e.turn < s.turn - 1) break;
    if (e.turn == s.turn - 1 && e.kind == EventKind::PhaseStarted &&
        e.a == static_cast<int>(Phase::Resolution))
      return i;
  }
  return 0;  // turn 1: everything so far
}

std::string howSeen(const Names& n, const Event& e) {
  const Phrases say(n.lang);
  switch (e.b) {
    case 1:
      return say("investigation");
    case 2:
      return say("shared by {0}", {n.actor(e.c)});
    case 3:
      return say("inject");
    default:
      return say("scheduled");
  }
}

}  // namespace

// [SECTION] Team view

TeamView buildTeamView(const Engine& engine, const GameState& s, int actor, std::string_view language) {
  TeamView v;
  if (actor < 0 || actor >= s.actorCount) return v;
  const ScenarioDef& def = engine.def();
  const Names n(engine, language);
  const ActorDef& ad = def.actors[at(actor)];
  v.actor = actor;
  v.actorId = ad.id;
  v.actorName = n.actorName(actor);
  v.briefing = n.text(ad.briefing);
  v.situation = publicSituation(engine, s, s.truthRevealed, language);

  std::vector<int> seenAt(at(s.evidenceCount), -1);  // [evidence]: its EvidenceSeen event for us
  for (std::size_t i = 0; i < s.timeline.size(); ++i) {
    const Event& e = s.timeline[i];
    if (e.kind == EventKind::InjectFired && !eventIsPublic(def, s, e) && eventVisibleTo(def, s, e, actor))
      v.intelligence.push_back(newsItem(n, e));
    if (e.kind == EventKind::EvidenceSeen && e.actor == actor && validIndex(e.a, seenAt.size()) &&
        seenAt[at(e.a)] < 0)
      seenAt[at(e.a)] = static_cast<int>(i);
  }

  for (int ev = 0; ev < s.evidenceCount; ++ev) {
    if (!s.hasSeen(actor, ev)) continue;
    const EvidenceDef& ed = def.evidence[at(ev)];
    EvidenceView item;
    item.id = ed.id;
    item.incident = n.incident(ed.incident);
    item.title = n.text(ed.title);
    item.text = n.text(ed.description);
    item.source = std::string(yamlName(ed.source));
    item.reliability = ed.reliability;
    if (seenAt[at(ev)] >= 0) {
      const Event& e = s.timeline[at(seenAt[at(ev)])];
      item.turnSeen = e.turn;
      item.how = howSeen(n, e);
    }
    v.evidence.push_back(std::move(item));
  }

  Assessment assessment;
  for (int i = 0; i < s.incidentCount; ++i) {
    if (!s.incidentRevealed[at(i)]) continue;
    engine.assess(s, actor, i, assessment);
    AssessmentView av;
    av.incident = n.incident(i);
    av.title = n.text(def.incidents[at(i)].title);
    for (const Assessment::Candidate& c : assessment.candidates)
      av.candidates.push_back({n.actor(c.actor), c.probability, std::string(c.words)});
    av.leading = n.actor(assessment.leading);
    av.confidence = std::string(confidenceName(assessment.confidence));
    av.evidenceSeen = assessment.evidenceSeen;
    av.decided = n.actor(s.decision(actor, i));
    av.harbouring = s.decision(actor, i) >= 0 && s.harbouring(actor, i);
    for (int h = 0; h < s.actorCount; ++h) {
      if (!engine.canHarbour(i, h)) continue;
      const double ph = engine.harbourProbability(s, actor, i, h);
      av.hosts.push_back({n.actor(h), ph, std::string(probabilityWords(ph))});
    }
    av.disclosure = std::string(disclosureName(s.disclosure(actor, i)));
    if (s.disclosure(actor, i) != Disclosure::None) {
      const Command withdraw{Withdraw{actor, i}};
      if (const ReasonCode code = engine.checkCode(s, withdraw); code != ReasonCode::None)
        av.withdrawRefused = engine.refusalMessage(s, withdraw, code, language);
    }
    v.assessments.push_back(std::move(av));
  }

  v.capital = s.capital[at(actor)];
  v.capitalPerTurn = ad.capitalPerTurn;
  for (int m = 0; m < s.meterCount; ++m)
    v.meters.push_back({def.meterNames[at(m)], s.meter(actor, m), engine.meterName(m, n.lang)});
  for (int c = 0; c < s.capabilityCount; ++c)
    v.capabilities.push_back({def.capabilityNames[at(c)], s.capabilities[at(actor * s.capabilityCount + c)],
                              engine.capabilityName(c, n.lang)});
  for (int o = 0; o < s.actorCount; ++o)
    if (o != actor) v.relations.push_back({n.actor(o), s.trustOf(actor, o), s.trustOf(o, actor)});

  for (std::size_t id = 0; id < s.proposals.size(); ++id) {
    const Proposal& p = s.proposals[id];
    if (!proposalVisibleTo(p, actor)) continue;
    ProposalView pv;
    pv.id = static_cast<int>(id);
    pv.turn = p.turn;
    pv.from = n.actor(p.from);
    for (int t : p.terms) pv.terms.push_back(n.term(t));
    pv.incident = n.incident(p.incident);
    pv.naming = n.actor(p.naming);
    if (validIndex(p.textNote, s.notes.size())) pv.text = s.notes[at(p.textNote)];
    pv.counterOf = p.counterOf;
    pv.open = p.open;
    for (std::size_t k = 0; k < p.to.size(); ++k) {
      ReplyView r;
      r.actor = n.actor(p.to[k]);
      r.kind = std::string(replyKindName(p.replies[k]));
      pv.replies.push_back(std::move(r));
      if (p.open && p.to[k] == actor && p.replies[k] == ReplyKind::None) pv.awaitingOurReply = true;
    }
    v.proposals.push_back(std::move(pv));
  }
  // Reply reasons and counters are in the timeline.
  for (const Event& e : s.timeline) {
    if (e.kind != EventKind::ProposalReplied || !validIndex(e.a, s.proposals.size())) continue;
    const Proposal& p = s.proposals[at(e.a)];
    if (!proposalVisibleTo(p, actor)) continue;
    for (ProposalView& pv : v.proposals) {
      if (pv.id != e.a) continue;
      for (std::size_t k = 0; k < p.to.size(); ++k) {
        if (p.to[k] != e.actor) continue;
        if (validIndex(e.note, s.notes.size())) pv.replies[k].reason = s.notes[at(e.note)];
        pv.replies[k].counter = e.c;
      }
    }
  }

  for (const QueuedMeasure& q : s.queue)
    if (q.actor == actor)
      v.queued.push_back({n.measure(q.measure), n.actor(q.target), n.incident(q.incident), q.cost,
                          entityIds(def, q.entities)});

  const std::size_t since = recapStart(s);
  for (std::size_t i = 0; i < s.timeline.size(); ++i) {
    const Event& e = s.timeline[i];
    if (!eventVisibleTo(def, s, e, actor)) continue;
    TimelineEntry te = entry(engine, s, i, language);
    if ((e.kind == EventKind::MeasureResolved || e.kind == EventKind::MeasureFailed) && e.actor == actor)
      v.results.push_back({e.turn, n.measure(e.a), n.actor(e.b), n.incident(e.c),
                           e.kind == EventKind::MeasureResolved, te.text});
    if (i >= since) v.recap.push_back(te);
    v.timeline.push_back(std::move(te));
  }

  // Only an unpaused briefing needs the preview (a copy of the whole state): the browser seats
  // build a view for every seat after every command.
  v.options = s.phase == Phase::Briefing && !s.paused
                  ? measureOptions(engine, deliberationPreview(engine, s), actor, language)
                  : measureOptions(engine, s, actor, language);
  return v;
}

// [SECTION] Room and facilitator views

RoomView buildRoomView(const Engine& engine, const GameState& s, std::string_view language) {
  RoomView v;
  v.situation = publicSituation(engine, s, s.truthRevealed, language);
  for (std::size_t i = 0; i < s.timeline.size(); ++i)
    if (eventIsPublic(engine.def(), s, s.timeline[i])) v.timeline.push_back(entry(engine, s, i, language));
  return v;
}

FacilitatorView buildFacilitatorView(const Engine& engine, const GameState& s, bool showTruth,
                                     std::string_view language) {
  const Names n(engine, language);
  FacilitatorView v;
  v.showTruth = showTruth;
  v.situation = publicSituation(engine, s, showTruth || s.truthRevealed, language);
  for (int a = 0; a < s.actorCount; ++a) v.teams.push_back(buildTeamView(engine, s, a, language));
  for (std::size_t i = 0; i < s.timeline.size(); ++i) {
    const Event& e = s.timeline[i];
    if (e.kind == EventKind::InjectFired && validIndex(e.a, engine.def().injects.size()))
      v.news.push_back(newsItem(n, e));
    v.timeline.push_back(entry(engine, s, i, language));
  }
  for (const QuestionDef& q : engine.def().questions)
    if (q.turn == s.turn) v.questions.push_back(n.text(q.text));
  v.notes = n.text(engine.def().facilitatorNotes);
  return v;
}

}  // namespace demarche
