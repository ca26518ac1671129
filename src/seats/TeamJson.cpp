#include "seats/TeamJson.hpp"

#include <nlohmann/json.hpp>

#include "core/Calendar.hpp"
#include "core/Catalogue.hpp"
#include "core/CommandText.hpp"
#include "core/View.hpp"

namespace demarche::seats {
namespace {

using nlohmann::json;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json timelineJson(const std::vector<TimelineEntry>& entries) {
  json out = json::array();
  for (const TimelineEntry& e : entries) {
    if (e.quiet) continue;
    out.push_back({{"turn", e.turn}, {"text", e.text}, {"actor", e.actor}, {"target", e.target}});
  }
  return out;
}

json newsJson(const NewsItem& n) {
  return {{"turn", n.turn},   {"id", n.id},     {"kind", n.kind},
          {"title", n.title}, {"text", n.text}, {"private", n.addressed}};
}

}  // namespace

std::string teamViewJson(const Engine& engine, const GameState& state, int actor, std::string_view language,
                         const SeatExtras& extras) {
  const ScenarioDef& def = engine.def();
  const std::string lang = language.empty() ? def.language : std::string(language);
  const TeamView v = buildTeamView(engine, state, actor, language);
  const PublicSituation& s = v.situation;
  const Phrases say(lang == "en" ? std::string_view() : std::string_view(lang));
  json j;
  j["type"] = "view";
  j["version"] = extras.version;
  j["actor"] = v.actorId;
  j["actorName"] = v.actorName;
  j["lang"] = lang;

  // Public names of the scenario: who, which measures and terms exist (no state in them).
  json names = {{"actors", json::object()},
                {"measures", json::object()},
                {"terms", json::object()},
                {"incidents", json::object()}};
  for (const ActorDef& a : def.actors) {
    const std::string& n = a.name.get(lang, def.language);
    names["actors"][a.id] = n.empty() ? a.id : n;
  }
  for (const MeasureDef& m : def.measures) {
    const std::string& n = m.name.get(lang, def.language);
    names["measures"][m.id] = {{"name", n.empty() ? m.id : n},
                               {"description", m.description.get(lang, def.language)}};
  }
  for (const TermDef& t : def.terms) {
    const std::string& n = t.name.get(lang, def.language);
    names["terms"][t.id] = {{"name", n.empty() ? t.id : n},
                            {"description", t.description.get(lang, def.language)}};
  }
  for (const IncidentSummary& inc : s.incidents) names["incidents"][inc.id] = inc.title;
  j["names"] = names;

  std::string turnLabel = def.turnLabel.get(lang, def.language);
  if (turnLabel.empty()) turnLabel = say("turn");
  j["situation"] = {{"title", s.title},
                    {"turn", s.turn},
                    {"turns", s.turns},
                    {"turnLabel", turnLabel},
                    {"date", s.date.empty() ? std::string() : longDate(*parseIsoDate(s.date), lang)},
                    {"phase", s.phase},
                    {"phaseWord", std::string(say.word(s.phase))},
                    {"paused", s.paused},
                    {"tension", s.tension},
                    {"rung", s.rung},
                    {"ending", s.ending}};
  if (extras.secondsLeft)
    j["secondsLeft"] = *extras.secondsLeft;
  else
    j["secondsLeft"] = nullptr;
  j["ready"] = extras.ready;
  j["draft"] = extras.draft.empty() ? json(nullptr) : json::parse(extras.draft, nullptr, false);
  if (j["draft"].is_discarded()) j["draft"] = nullptr;
  j["briefing"] = v.briefing;

  json news = json::array();
  for (const NewsItem& n : s.news) news.push_back(newsJson(n));
  for (const NewsItem& n : v.intelligence) news.push_back(newsJson(n));
  j["news"] = news;

  json incidents = json::array();
  for (const IncidentSummary& inc : s.incidents)
    incidents.push_back({{"id", inc.id},
                         {"title", inc.title},
                         {"description", inc.description},
                         {"victim", inc.victim},
                         {"candidates", inc.candidates}});
  j["incidents"] = incidents;

  json evidence = json::array();
  for (const EvidenceView& e : v.evidence)
    evidence.push_back({{"id", e.id},
                        {"incident", e.incident},
                        {"title", e.title},
                        {"text", e.text},
                        {"source", e.source},
                        {"sourceWord", std::string(say.word(e.source))},
                        {"reliability", e.reliability},
                        {"turnSeen", e.turnSeen},
                        {"how", e.how}});
  j["evidence"] = evidence;

  json assessments = json::array();
  for (const AssessmentView& a : v.assessments) {
    json candidates = json::array();
    for (const CandidateView& c : a.candidates)
      candidates.push_back({{"actor", c.actor}, {"probability", c.probability}, {"words", c.words}});
    assessments.push_back({{"incident", a.incident},
                           {"title", a.title},
                           {"candidates", candidates},
                           {"leading", a.leading},
                           {"confidence", a.confidence},
                           {"confidenceWord", std::string(say.word(a.confidence))},
                           {"evidenceSeen", a.evidenceSeen},
                           {"decided", a.decided},
                           {"disclosure", a.disclosure}});
  }
  j["assessments"] = assessments;

  j["capital"] = v.capital;
  j["capitalPerTurn"] = v.capitalPerTurn;
  json meters = json::array();
  for (const NamedValue& m : v.meters) meters.push_back({{"name", m.name}, {"value", m.value}});
  j["meters"] = meters;
  json relations = json::array();
  for (const RelationView& r : v.relations)
    relations.push_back(
        {{"other", r.other}, {"trustInOther", r.trustInOther}, {"trustFromOther", r.trustFromOther}});
  j["relations"] = relations;

  // Every option with the exact command line that takes it, so the page never builds one.
  json options = json::array();
  for (const MeasureOption& o : v.options) {
    const Command c = TakeMeasure{actor, o.measure, o.target, o.incident};
    const auto id = [](const auto& list, int k) {
      return k >= 0 && static_cast<std::size_t>(k) < list.size() ? list[static_cast<std::size_t>(k)].id
                                                                 : std::string();
    };
    options.push_back({{"line", formatCommand(def, c)},
                       {"measure", id(def.measures, o.measure)},
                       {"target", id(def.actors, o.target)},
                       {"incident", id(def.incidents, o.incident)},
                       {"cost", o.cost},
                       {"legal", o.legal},
                       {"reason", o.reasonText}});
  }
  j["options"] = options;

  json queue = json::array();
  for (const QueuedView& q : v.queued)
    queue.push_back(
        {{"measure", q.measure}, {"target", q.target}, {"incident", q.incident}, {"cost", q.cost}});
  j["queue"] = queue;

  json proposals = json::array();
  for (const ProposalView& p : v.proposals) {
    json replies = json::array();
    for (const ReplyView& r : p.replies)
      replies.push_back({{"actor", r.actor}, {"kind", r.kind}, {"reason", r.reason}, {"counter", r.counter}});
    proposals.push_back({{"id", p.id},
                         {"turn", p.turn},
                         {"from", p.from},
                         {"terms", p.terms},
                         {"incident", p.incident},
                         {"text", p.text},
                         {"counterOf", p.counterOf},
                         {"open", p.open},
                         {"awaitingOurReply", p.awaitingOurReply},
                         {"replies", replies}});
  }
  j["proposals"] = proposals;

  json results = json::array();
  for (const MeasureResultView& r : v.results)
    results.push_back({{"turn", r.turn},
                       {"measure", r.measure},
                       {"target", r.target},
                       {"succeeded", r.succeeded},
                       {"text", r.text}});
  j["results"] = results;
  j["recap"] = timelineJson(v.recap);
  return dump(j);
}

std::string helloJson(std::string_view language, std::string_view actorId) {
  const Phrases say(language == "en" ? std::string_view() : language);
  json words = json::object();
  for (std::string_view w : pageWords()) words[std::string(w)] = std::string(say.word(w));
  json j = {
      {"type", "hello"}, {"lang", language.empty() ? "en" : language}, {"actor", actorId}, {"words", words}};
  return dump(j);
}

}  // namespace demarche::seats
