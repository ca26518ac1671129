// `demarche brief SCENARIO|SAVE --as ACTOR|facilitator|room`: prints one team's view (or the
// facilitator's, or the room's) at the start of a turn, as Markdown for a paper exercise, as
// one self-contained HTML page, or as JSON for tools. Everything printed comes from the core's
// views (core/View.hpp), so a brief never tells a team more than its seat may know.
//
// [SECTION] loading  [SECTION] JSON  [SECTION] document (Markdown and HTML)  [SECTION] command
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/Commands.hpp"
#include "cli/PlaySupport.hpp"
#include "core/Lookup.hpp"
#include "core/Save.hpp"
#include "core/Suggest.hpp"
#include "core/View.hpp"
#include "report/Report.hpp"

// g++ 12 reports -Wrestrict falsely on "literal" + std::string chains (GCC bug 105651).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

namespace demarche::cli {
namespace {

struct BriefOptions {
  std::string input;
  std::string as;
  int turn = 0;  // 0 = now
  std::string format = "md";
  std::string scenario;
  bool truth = false;
};

// [SECTION] loading

bool looksLikeSave(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return false;  // never open a FIFO
  std::ifstream in(file, std::ios::binary);
  std::string head(13, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  return in.gcount() == 13 && head == "demarche-save";
}

// [SECTION] JSON

using nlohmann::json;

json toJson(const std::vector<TimelineEntry>& entries) {
  json out = json::array();
  for (const TimelineEntry& e : entries)
    out.push_back({{"index", e.index},
                   {"turn", e.turn},
                   {"kind", std::string(report::eventKindName(e.kind))},
                   {"text", e.text}});
  return out;
}

json toJson(const std::vector<NewsItem>& items) {
  json out = json::array();
  for (const NewsItem& n : items)
    out.push_back({{"turn", n.turn},
                   {"id", n.id},
                   {"kind", n.kind},
                   {"title", n.title},
                   {"text", n.text},
                   {"addressed", n.addressed},
                   {"by_facilitator", n.byFacilitator}});
  return out;
}

json toJson(const PublicSituation& p) {
  json incidents = json::array();
  for (const IncidentSummary& i : p.incidents)
    incidents.push_back({{"id", i.id},
                         {"title", i.title},
                         {"description", i.description},
                         {"victim", i.victim},
                         {"sector", i.sector},
                         {"candidates", i.candidates}});
  json agreements = json::array();
  for (const AgreementView& a : p.agreements) {
    json agreement = {{"a", a.a}, {"b", a.b}, {"term", a.term}, {"incident", a.incident}, {"turn", a.turn}};
    if (!a.naming.empty()) agreement["naming"] = a.naming;  // a joint attribution's suspect, when said
    agreements.push_back(std::move(agreement));
  }
  json actors = json::array();
  for (const ActorSummary& a : p.actors) {
    json meters = json::object();
    json capabilities = json::object();
    for (const NamedValue& m : a.meters) meters[m.name] = m.value;
    for (const NamedValue& c : a.capabilities) capabilities[c.name] = c.value;
    actors.push_back({{"id", a.id},
                      {"name", a.name},
                      {"kind", a.kind},
                      {"meters", meters},
                      {"capabilities", capabilities}});
  }
  json trust = json::array();
  for (const TrustLine& t : p.trust) trust.push_back({{"from", t.from}, {"to", t.to}, {"trust", t.trust}});
  json out = {{"scenario", p.scenarioId}, {"title", p.title},       {"turn", p.turn},
              {"turns", p.turns},         {"date", p.date},         {"phase", p.phase},
              {"paused", p.paused},       {"tension", p.tension},   {"rung", p.rung},
              {"ending", p.ending},       {"incidents", incidents}, {"news", toJson(p.news)},
              {"agreements", agreements}, {"actors", actors},       {"trust", trust}};
  if (!p.entities.empty()) {
    json entities = json::array();
    for (const EntityView& e : p.entities)
      entities.push_back({{"id", e.id}, {"name", e.name}, {"kind", e.kind}, {"belongs_to", e.owner}});
    json listings = json::array();
    for (const ListingView& l : p.listings)
      listings.push_back({{"turn", l.turn},
                          {"actor", l.actor},
                          {"measure", l.measure},
                          {"incident", l.incident},
                          {"entities", l.entities}});
    out["entities"] = entities;
    out["listings"] = listings;
  }
  // The truth appears only once it is known to this viewer (revealed, or --truth).
  if (!p.truth.empty()) {
    json truth = json::array();
    for (const TruthView& t : p.truth)
      truth.push_back({{"incident", t.incident},
                       {"operator", t.operatorActor},
                       {"sponsor", t.sponsor},
                       {"proxy", t.proxy},
                       {"false_flags", t.falseFlags},
                       {"harboured_by", t.harbouredBy},
                       {"planted_evidence", t.plantedEvidence}});
    out["truth"] = truth;
  }
  return out;
}

json toJson(const Engine& engine, const std::vector<MeasureOption>& options) {
  const ScenarioDef& def = engine.def();
  json out = json::array();
  for (const MeasureOption& o : options) {
    out.push_back({{"measure", def.measures[static_cast<std::size_t>(o.measure)].id},
                   {"target", o.target >= 0 ? json(engine.actorId(o.target)) : json(nullptr)},
                   {"incident", o.incident >= 0 ? json(def.incidents[static_cast<std::size_t>(o.incident)].id)
                                                : json(nullptr)},
                   {"cost", o.cost},
                   {"legal", o.legal},
                   {"reason", o.legal ? json(nullptr) : json(o.reasonText)}});
  }
  return out;
}

json toJson(const Engine& engine, const TeamView& v) {
  json evidence = json::array();
  for (const EvidenceView& e : v.evidence)
    evidence.push_back({{"id", e.id},
                        {"incident", e.incident},
                        {"title", e.title},
                        {"text", e.text},
                        {"source", e.source},
                        {"reliability", e.reliability},
                        {"turn_seen", e.turnSeen},
                        {"how", e.how}});
  json assessments = json::array();
  for (const AssessmentView& a : v.assessments) {
    json candidates = json::array();
    for (const CandidateView& c : a.candidates)
      candidates.push_back({{"actor", c.actor}, {"probability", c.probability}, {"words", c.words}});
    json hosts = json::array();
    for (const CandidateView& h : a.hosts)
      hosts.push_back({{"actor", h.actor}, {"probability", h.probability}, {"words", h.words}});
    assessments.push_back(
        {{"incident", a.incident},
         {"title", a.title},
         {"candidates", candidates},
         {"leading", a.leading},
         {"confidence", a.confidence},
         {"evidence_seen", a.evidenceSeen},
         {"decided", a.decided.empty() ? json(nullptr) : json(a.decided)},
         {"harbouring", a.harbouring},
         {"hosts", hosts},
         {"disclosure", a.disclosure},
         {"withdraw_refused", a.withdrawRefused.empty() ? json(nullptr) : json(a.withdrawRefused)}});
  }
  json proposals = json::array();
  for (const ProposalView& p : v.proposals) {
    json replies = json::array();
    for (const ReplyView& r : p.replies)
      replies.push_back({{"actor", r.actor}, {"kind", r.kind}, {"reason", r.reason}, {"counter", r.counter}});
    json proposal = {{"id", p.id},
                     {"turn", p.turn},
                     {"from", p.from},
                     {"terms", p.terms},
                     {"incident", p.incident.empty() ? json(nullptr) : json(p.incident)},
                     {"text", p.text},
                     {"counter_of", p.counterOf},
                     {"open", p.open},
                     {"awaiting_our_reply", p.awaitingOurReply},
                     {"replies", replies}};
    if (!p.naming.empty()) proposal["naming"] = p.naming;  // whom its joint attribution names
    proposals.push_back(std::move(proposal));
  }
  json meters = json::object(), capabilities = json::object(), relations = json::array();
  for (const NamedValue& m : v.meters) meters[m.name] = m.value;
  for (const NamedValue& c : v.capabilities) capabilities[c.name] = c.value;
  for (const RelationView& r : v.relations)
    relations.push_back(
        {{"actor", r.other}, {"our_trust", r.trustInOther}, {"their_trust", r.trustFromOther}});
  json queued = json::array(), results = json::array();
  for (const QueuedView& q : v.queued)
    queued.push_back(
        {{"measure", q.measure}, {"target", q.target}, {"incident", q.incident}, {"cost", q.cost}});
  for (const MeasureResultView& r : v.results)
    results.push_back({{"turn", r.turn},
                       {"measure", r.measure},
                       {"target", r.target},
                       {"incident", r.incident},
                       {"succeeded", r.succeeded},
                       {"text", r.text}});
  return {{"view", "team"},
          {"actor", v.actorId},
          {"name", v.actorName},
          {"turn", v.situation.turn},
          {"briefing", v.briefing},
          {"situation", toJson(v.situation)},
          {"intelligence", toJson(v.intelligence)},
          {"evidence", evidence},
          {"assessments", assessments},
          {"capital", v.capital},
          {"capital_per_turn", v.capitalPerTurn},
          {"meters", meters},
          {"capabilities", capabilities},
          {"relations", relations},
          {"proposals", proposals},
          {"queued", queued},
          {"results", results},
          {"options", toJson(engine, v.options)},
          {"recap", toJson(v.recap)},
          {"timeline", toJson(v.timeline)}};
}

json toJson(const RoomView& v) {
  return {{"view", "room"},
          {"actor", "room"},
          {"turn", v.situation.turn},
          {"situation", toJson(v.situation)},
          {"evidence", json::array()},
          {"assessments", json::array()},
          {"proposals", json::array()},
          {"options", json::array()},
          {"timeline", toJson(v.timeline)}};
}

json toJson(const Engine& engine, const FacilitatorView& v) {
  json teams = json::array();
  for (const TeamView& t : v.teams) teams.push_back(toJson(engine, t));
  return {{"view", "facilitator"},         {"actor", "facilitator"},
          {"turn", v.situation.turn},      {"situation", toJson(v.situation)},
          {"news", toJson(v.news)},        {"questions", v.questions},
          {"facilitator_notes", v.notes},  {"teams", teams},
          {"evidence", json::array()},     {"assessments", json::array()},
          {"proposals", json::array()},    {"options", json::array()},
          {"timeline", toJson(v.timeline)}};
}

// [SECTION] document (Markdown and HTML)

// A brief is headings, paragraphs, bullet lists and tables; both formats render the same blocks.
struct Block {
  enum class Kind { Heading, Paragraph, List, Table } kind = Kind::Paragraph;
  int level = 2;
  std::string text;
  std::vector<std::string> items;              // List
  std::vector<std::vector<std::string>> rows;  // Table: rows[0] is the header
};
using Doc = std::vector<Block>;

void heading(Doc& d, int level, std::string text) {
  d.push_back({Block::Kind::Heading, level, std::move(text), {}, {}});
}
void para(Doc& d, std::string text) {
  if (!text.empty()) d.push_back({Block::Kind::Paragraph, 0, std::move(text), {}, {}});
}
void list(Doc& d, std::vector<std::string> items, const std::string& ifEmpty) {
  if (items.empty()) return para(d, ifEmpty);
  d.push_back({Block::Kind::List, 0, {}, std::move(items), {}});
}
void table(Doc& d, std::vector<std::vector<std::string>> rows, const std::string& ifEmpty) {
  if (rows.size() <= 1) return para(d, ifEmpty);
  d.push_back({Block::Kind::Table, 0, {}, {}, std::move(rows)});
}

std::string num(double x) { return fmt::format("{:.0f}", x); }

// What a printed brief calls an actor, an incident, a term or a measure a view names by its id:
// its name in the scenario's language, as the window and the timeline do (the actors' list and
// the incidents give each id once, and the options table each measure's, for typing commands).
// An id the scenario does not have is printed as it is.
struct Words {
  const Engine& engine;
  std::string actor(const std::string& id) const {
    const int a = indexOfId(engine.def().actors, id);
    return a < 0 ? id : engine.actorName(a);
  }
  std::string actors(const std::vector<std::string>& ids) const {
    std::string out;
    for (const std::string& id : ids) {
      if (!out.empty()) out += ", ";
      out += actor(id);
    }
    return out;
  }
  std::string incident(const std::string& id) const {
    const int i = indexOfId(engine.def().incidents, id);
    return i < 0 ? id : engine.incidentName(i);
  }
  std::string term(const std::string& id) const {
    const int t = indexOfId(engine.def().terms, id);
    return t < 0 ? id : engine.termName(t);
  }
  std::string measure(const std::string& id) const {
    const int m = indexOfId(engine.def().measures, id);
    return m < 0 ? id : engine.measureName(m);
  }
};
std::string pct(double p) { return fmt::format("{:.0f}%", p * 100); }

void situationBlocks(Doc& d, const Words& w, const PublicSituation& p, int level, bool withTrust) {
  heading(d, level, "Situation");
  para(d, fmt::format("Turn {} of {}{}, {} phase{}. Escalation: {} (tension {}).", p.turn, p.turns,
                      p.date.empty() ? "" : " (" + p.date + ")", p.phase, p.paused ? " (paused)" : "", p.rung,
                      num(p.tension)) +
              (p.ending.empty() ? "" : " The exercise has ended: " + p.ending + "."));
  heading(d, level, "Public incidents");
  std::vector<std::string> incidents;
  for (const IncidentSummary& i : p.incidents)
    incidents.push_back(i.title + " (" + i.id + "), victim " + w.actor(i.victim) + ", sector " + i.sector +
                        ". " + i.description);
  list(d, incidents, "No incident is public yet.");
  heading(d, level, "News");
  std::vector<std::string> news;
  for (const NewsItem& n : p.news)
    news.push_back(
        fmt::format("Turn {} — {}{}: {}", n.turn, n.title, n.byFacilitator ? " (facilitator)" : "", n.text));
  list(d, news, "No news yet.");
  heading(d, level, "Actors");
  std::vector<std::vector<std::string>> actors{{"actor", "kind"}};
  if (!p.actors.empty())
    for (const NamedValue& m : p.actors.front().meters) actors[0].push_back(m.label);
  for (const ActorSummary& a : p.actors) {
    actors.push_back({a.name + " (" + a.id + ")", a.kind});
    for (const NamedValue& m : a.meters) actors.back().push_back(num(m.value));
  }
  table(d, actors, "");
  if (withTrust && !p.actors.empty()) {
    heading(d, level + 1, "Trust (row trusts column)");
    std::vector<std::vector<std::string>> trust{{""}};
    for (const ActorSummary& a : p.actors) trust[0].push_back(a.name);
    std::size_t k = 0;
    for (const ActorSummary& a : p.actors) {
      trust.push_back({a.name});
      for (const ActorSummary& b : p.actors) trust.back().push_back(&a == &b ? "—" : num(p.trust[k++].trust));
    }
    table(d, trust, "");
  }
  heading(d, level, "Agreements in force");
  std::vector<std::string> agreements;
  for (const AgreementView& a : p.agreements)
    agreements.push_back(w.actor(a.a) + " and " + w.actor(a.b) + ": " + w.term(a.term) +
                         (a.incident.empty() ? "" : " over " + w.incident(a.incident)) +
                         (a.naming.empty() ? "" : ", naming " + w.actor(a.naming)));
  list(d, agreements, "None.");
  if (!p.entities.empty()) {
    heading(d, level, "Persons, units and companies (what a listing names)");
    std::vector<std::string> entities;
    for (const EntityView& e : p.entities)
      entities.push_back(e.name + " (" + e.id + "), " + e.kind + " of " + w.actor(e.owner) +
                         (e.description.empty() ? "" : ". " + e.description));
    list(d, entities, "");
    heading(d, level, "Listings");
    std::vector<std::string> listings;
    for (const ListingView& l : p.listings)
      listings.push_back(fmt::format("Turn {} — {} lists {} for {} ({})", l.turn, w.actor(l.actor), l.names,
                                     w.incident(l.incident), w.measure(l.measure)));
    list(d, listings, "None yet.");
  }
  if (!p.truth.empty()) {
    heading(d, level, "The truth");
    std::vector<std::vector<std::string>> rows{
        {"incident", "operator", "sponsor", "proxy", "false flags", "planted evidence"}};
    for (const TruthView& t : p.truth) {
      std::string flags, planted;
      for (const auto& e : t.plantedEvidence) planted += (planted.empty() ? "" : ", ") + e;
      flags = w.actors(t.falseFlags);
      rows.push_back({w.incident(t.incident), w.actor(t.operatorActor), w.actor(t.sponsor), w.actor(t.proxy),
                      flags, planted});
    }
    table(d, rows, "");
  }
}

void timelineBlocks(Doc& d, const std::vector<TimelineEntry>& entries, int level, const std::string& title) {
  heading(d, level, title);
  std::vector<std::string> items;
  for (const TimelineEntry& e : entries) {
    if (e.kind == EventKind::PhaseStarted) continue;
    items.push_back(fmt::format("Turn {}: {}", e.turn, e.text));
  }
  list(d, items, "Nothing yet.");
}

void optionBlocks(Doc& d, const Engine& engine, const std::vector<MeasureOption>& options, int level) {
  const ScenarioDef& def = engine.def();
  const auto measureName = [&](int m) {
    const MeasureDef& md = def.measures[static_cast<std::size_t>(m)];
    const std::string& n = md.name.get(def.language);
    return n.empty() ? md.id : n + " (" + md.id + ")";
  };
  const auto where = [&](const MeasureOption& o) {
    std::string w;
    if (o.target >= 0) w += engine.actorName(o.target);
    if (o.incident >= 0) {
      if (!w.empty()) w += " over ";
      w += engine.incidentName(o.incident);
    }
    return w.empty() ? std::string("—") : w;
  };
  std::size_t legal = 0;
  for (const MeasureOption& o : options) legal += o.legal ? 1 : 0;
  heading(d, level, fmt::format("Options ({} open, {} refused)", legal, options.size() - legal));
  // One row per measure: the open targets side by side.
  std::vector<std::vector<std::string>> open{{"measure", "on", "cost"}};
  int lastMeasure = -1;
  for (const MeasureOption& o : options) {
    if (!o.legal) continue;
    if (o.measure == lastMeasure) {
      open.back()[1] += ", " + where(o);
      continue;
    }
    lastMeasure = o.measure;
    open.push_back({measureName(o.measure), where(o), std::to_string(o.cost)});
  }
  table(d, open, "No measure is open now.");
  // Refused options of one measure with the same reason share a row: the reason is the point.
  std::vector<std::vector<std::string>> refused{{"measure", "on", "cost", "why not"}};
  std::map<std::pair<int, std::string>, std::size_t> row;
  for (const MeasureOption& o : options) {
    if (o.legal) continue;
    const auto key = std::make_pair(o.measure, o.reasonText);
    if (auto it = row.find(key); it != row.end()) {
      refused[it->second][1] += ", " + where(o);
      continue;
    }
    row.emplace(key, refused.size());
    refused.push_back({measureName(o.measure), where(o), std::to_string(o.cost), o.reasonText});
  }
  if (refused.size() > 1) {
    heading(d, level + 1, "Not open, and why");
    table(d, refused, "");
  }
}

void teamBlocks(Doc& d, const Engine& engine, const TeamView& v, int level, bool withSituation) {
  const Words w{engine};
  heading(d, level, "Briefing");
  para(d, v.briefing.empty() ? "(no briefing)" : v.briefing);
  if (withSituation) situationBlocks(d, w, v.situation, level, false);
  heading(d, level, "Your position");
  std::string meters;
  for (const NamedValue& m : v.meters) meters += (meters.empty() ? "" : ", ") + m.label + " " + num(m.value);
  para(d, fmt::format("Political capital: {} of {} this turn. Meters: {}.", v.capital, v.capitalPerTurn,
                      meters));
  std::vector<std::vector<std::string>> relations{{"actor", "your trust in them", "their trust in you"}};
  for (const RelationView& r : v.relations)
    relations.push_back({w.actor(r.other), num(r.trustInOther), num(r.trustFromOther)});
  table(d, relations, "");
  heading(d, level, "Intelligence for you");
  std::vector<std::string> intel;
  for (const NewsItem& n : v.intelligence)
    intel.push_back(fmt::format("Turn {} — {}: {}", n.turn, n.title, n.text));
  list(d, intel, "Nothing addressed to you only.");
  heading(d, level, "Evidence you have seen");
  std::vector<std::vector<std::string>> evidence{{"id", "incident", "item", "source", "reliability", "seen"}};
  for (const EvidenceView& e : v.evidence)
    evidence.push_back({e.id, w.incident(e.incident), e.title + (e.text.empty() ? "" : ": " + e.text),
                        e.source, pct(e.reliability), fmt::format("turn {} ({})", e.turnSeen, e.how)});
  table(d, evidence, "None yet.");
  heading(d, level, "Your assessments");
  if (v.assessments.empty()) para(d, "No incident is public yet.");
  for (const AssessmentView& a : v.assessments) {
    std::string line = a.title + " (" + a.incident + "): ";
    for (std::size_t k = 0; k < a.candidates.size(); ++k)
      line += (k ? "; " : "") + w.actor(a.candidates[k].actor) + " " + a.candidates[k].words + " (" +
              pct(a.candidates[k].probability) + ")";
    line += fmt::format(". Confidence {}, from {} item(s).", a.confidence, a.evidenceSeen);
    for (const CandidateView& h : a.hosts)
      line += " Those behind it operate from " + w.actor(h.actor) + ": " + h.words + " (" +
              pct(h.probability) + ").";
    if (!a.decided.empty())
      line += " You decided: " + w.actor(a.decided) + (a.harbouring ? " (harbouring those behind it)" : "") +
              "; disclosure: " + a.disclosure + ".";
    para(d, line);
  }
  heading(d, level, "Proposals");
  std::vector<std::string> proposals;
  for (const ProposalView& p : v.proposals) {
    std::string terms, replies;
    for (const auto& t : p.terms) terms += (terms.empty() ? "" : ", ") + w.term(t);
    for (const ReplyView& r : p.replies)
      replies += (replies.empty() ? "" : "; ") + w.actor(r.actor) + ": " +
                 (r.kind != "none" ? r.kind
                  : p.open         ? "no reply yet"
                                   : "no reply") +
                 (r.reason.empty() ? "" : " (\"" + r.reason + "\")");
    proposals.push_back(
        fmt::format("{}#{} (turn {}) from {}: {}{}{}{}. Replies: {}{}",
                    p.awaitingOurReply ? "WAITING FOR YOUR ANSWER — " : "", p.id, p.turn, w.actor(p.from),
                    terms, p.incident.empty() ? "" : " over " + w.incident(p.incident),
                    p.naming.empty() ? "" : ", naming " + w.actor(p.naming),
                    p.text.empty() ? "" : " — \"" + p.text + "\"", replies, p.open ? "" : " (closed)"));
  }
  list(d, proposals, "None.");
  heading(d, level, "Your measures");
  std::vector<std::string> measures;
  for (const QueuedView& q : v.queued)
    measures.push_back("queued: " + w.measure(q.measure) +
                       (q.target.empty() ? "" : " → " + w.actor(q.target)) +
                       (q.incident.empty() ? "" : " over " + w.incident(q.incident)) + " (" +
                       std::to_string(q.cost) + " capital)");
  for (const MeasureResultView& r : v.results) measures.push_back(fmt::format("turn {}: {}", r.turn, r.text));
  list(d, measures, "None yet.");
  optionBlocks(d, engine, v.options, level);
  timelineBlocks(d, v.recap, level, "Since last turn");
  timelineBlocks(d, v.timeline, level, "Timeline");
}

std::string markdownCell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string renderMarkdown(const std::string& title, const Doc& doc) {
  std::string out = "# " + title + "\n";
  for (const Block& b : doc) {
    out += "\n";
    switch (b.kind) {
      case Block::Kind::Heading:
        out += std::string(static_cast<std::size_t>(b.level), '#') + " " + b.text + "\n";
        break;
      case Block::Kind::Paragraph:
        out += b.text + "\n";
        break;
      case Block::Kind::List:
        for (const std::string& item : b.items) out += "- " + item + "\n";
        break;
      case Block::Kind::Table:
        for (std::size_t r = 0; r < b.rows.size(); ++r) {
          out += "|";
          for (const std::string& cell : b.rows[r]) out += " " + markdownCell(cell) + " |";
          out += "\n";
          if (r == 0) {
            out += "|";
            for (std::size_t c = 0; c < b.rows[r].size(); ++c) out += "---|";
            out += "\n";
          }
        }
        break;
    }
  }
  return out;
}

std::string esc(const std::string& text) { return report::htmlEscape(text); }

std::string renderHtml(const std::string& title, const Doc& doc) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title) +
      "</title>\n<style>\nbody{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;"
      "line-height:1.45;color:#111}\ntable{border-collapse:collapse;margin:.5em 0}\nth,td{border:1px solid "
      "#999;"
      "padding:.25em .5em;text-align:left;vertical-align:top}\nth{background:#eee}\nh1{font-size:1.6em}\n"
      "h2{border-bottom:1px solid #ccc;margin-top:1.5em}\n</style>\n</head>\n<body>\n<h1>" +
      esc(title) + "</h1>\n";
  for (const Block& b : doc) {
    switch (b.kind) {
      case Block::Kind::Heading: {
        const std::string h = "h" + std::to_string(std::min(b.level, 6));
        out += "<" + h + ">" + esc(b.text) + "</" + h + ">\n";
        break;
      }
      case Block::Kind::Paragraph:
        out += "<p>" + esc(b.text) + "</p>\n";
        break;
      case Block::Kind::List:
        out += "<ul>\n";
        for (const std::string& item : b.items) out += "<li>" + esc(item) + "</li>\n";
        out += "</ul>\n";
        break;
      case Block::Kind::Table:
        out += "<table>\n";
        for (std::size_t r = 0; r < b.rows.size(); ++r) {
          const char* cell = r == 0 ? "th" : "td";
          out += "<tr>";
          for (const std::string& c : b.rows[r]) out += fmt::format("<{0}>{1}</{0}>", cell, esc(c));
          out += "</tr>\n";
        }
        out += "</table>\n";
        break;
    }
  }
  return out + "</body>\n</html>\n";
}

// [SECTION] command

int brief(const BriefOptions& o) {
  namespace fs = std::filesystem;
  if (o.format != "md" && o.format != "html" && o.format != "json") {
    std::cerr << "brief: --format " << o.format << ": expected md, html or json\n";
    return kExitUsage;
  }
  if (!fs::exists(o.input)) {
    std::cerr << "brief: " << o.input << ": no such file\n";
    return kExitUsage;
  }
  const bool save = looksLikeSave(o.input);
  std::optional<SaveLog> log;
  fs::path scenarioFile = o.input;
  if (save) {
    SaveRead read = readSave(o.input);
    if (!read.log) {
      std::cerr << formatSaveError(o.input, read.error) << "\n";
      return kExitInvalid;
    }
    scenarioFile = o.scenario.empty() ? scenarioPathFromSave(*read.log, o.input) : fs::path(o.scenario);
    if (o.scenario.empty() && !fs::exists(scenarioFile)) {
      std::cerr << o.input << ": the scenario it was played with, '" << read.log->scenarioFile
                << "', is not at " << scenarioFile.string() << "; give it with --scenario FILE\n";
      return kExitUsage;
    }
  } else if (!o.scenario.empty()) {
    std::cerr << "brief: --scenario goes with a save; " << o.input << " is a scenario\n";
    return kExitUsage;
  }
  int exitCode = kExitOk;
  const std::optional<ScenarioDef> def = loadScenarioOrReport(scenarioFile, exitCode);
  if (!def) return exitCode;

  // Who is asking.
  int actor = -1;
  const bool facilitator = o.as == "facilitator", room = o.as == "room";
  if (!facilitator && !room) {
    std::vector<std::string> ids{"facilitator", "room"};
    for (std::size_t a = 0; a < def->actors.size(); ++a) {
      if (def->actors[a].id == o.as) actor = static_cast<int>(a);
      ids.push_back(def->actors[a].id);
    }
    if (actor < 0) {
      const std::string guess = closestWord(o.as, ids, 3);
      std::cerr << "brief: --as " << o.as << ": no such actor in " << def->id
                << (guess.empty() ? "" : "; did you mean '" + guess + "'?") << " (actors:";
      for (std::size_t i = 2; i < ids.size(); ++i) std::cerr << " " << ids[i];
      std::cerr << "; or facilitator, room)\n";
      return kExitUsage;
    }
  }
  if (o.truth && !facilitator) {
    std::cerr << "brief: --truth is for --as facilitator only\n";
    return kExitUsage;
  }

  // Which state.
  const Engine engine(*def);
  GameState state;
  if (save) {
    SaveLog saveLog;
    std::vector<Command> commands;
    if (!loadSaveOrReport(o.input, *def, scenarioFile, saveLog, commands)) return kExitInvalid;
    ReplayResult result = replaySave(engine, saveLog, commands);
    if (!result.identical || !result.session) {
      std::cerr << o.input << ": does not replay identically (turn " << result.divergingTurn
                << "): " << result.message << "\n";
      return kExitInvalid;
    }
    if (o.turn == 0) {
      state = result.session->state();
    } else {
      const auto& starts = result.session->turnStarts();
      const auto it = std::find_if(starts.begin(), starts.end(),
                                   [&](const Session::TurnStart& t) { return t.turn == o.turn; });
      if (it == starts.end()) {
        std::cerr << "brief: --turn " << o.turn << ": the save reaches turn "
                  << (starts.empty() ? 0 : starts.back().turn) << "\n";
        return kExitUsage;
      }
      state = it->snapshot;
    }
  } else {
    if (o.turn > 1) {
      std::cerr << "brief: --turn " << o.turn
                << ": a scenario that nobody played starts at turn 1; brief a save "
                << "(demarche run --log FILE) to see a later turn\n";
      return kExitUsage;
    }
    state = engine.initialState();
  }

  // What they see.
  const std::string turnLabel =
      def->turnLabel.get(def->language).empty() ? "turn" : def->turnLabel.get(def->language);
  const std::string where =
      fmt::format("{}, {} {} of {}", def->title.get(def->language), turnLabel, state.turn, def->turns);
  Doc doc;
  std::string title;
  json j;
  if (facilitator) {
    const FacilitatorView v = buildFacilitatorView(engine, state, o.truth);
    j = toJson(engine, v);
    title = "Facilitator's brief — " + where;
    situationBlocks(doc, Words{engine}, v.situation, 2, true);
    if (!v.notes.empty()) {
      heading(doc, 2, "Facilitator notes");
      para(doc, v.notes);
    }
    heading(doc, 2, "Discussion questions");
    list(doc, v.questions, "None for this turn.");
    heading(doc, 2, "Every inject so far");
    std::vector<std::string> news;
    for (const NewsItem& n : v.news)
      news.push_back(
          fmt::format("Turn {} — {}{}: {}", n.turn, n.title, n.addressed ? " (addressed)" : "", n.text));
    list(doc, news, "None yet.");
    for (const TeamView& t : v.teams) {
      heading(doc, 2, "Team " + t.actorName + " (" + t.actorId + ")");
      teamBlocks(doc, engine, t, 3, false);
    }
    timelineBlocks(doc, v.timeline, 2, "Everything that happened");
  } else if (room) {
    const RoomView v = buildRoomView(engine, state);
    j = toJson(v);
    title = "The situation — " + where;
    situationBlocks(doc, Words{engine}, v.situation, 2, true);
    timelineBlocks(doc, v.timeline, 2, "Timeline");
  } else {
    const TeamView v = buildTeamView(engine, state, actor);
    j = toJson(engine, v);
    title = "Brief for " + v.actorName + " (" + v.actorId + ") — " + where;
    teamBlocks(doc, engine, v, 2, true);
  }
  if (o.format == "json")
    std::cout << j.dump(2) << "\n";
  else if (o.format == "html")
    std::cout << renderHtml(title, doc);
  else
    std::cout << renderMarkdown(title, doc);
  return kExitOk;
}

}  // namespace

void addBriefCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<BriefOptions>();
  CLI::App* command = app.add_subcommand(
      "brief",
      "Print what one team (or the facilitator, or the room) may see at the start of a turn: briefing,\n"
      "news, evidence, assessments, capital, options with their costs and reasons, proposals, timeline.\n"
      "Exit codes: 0 printed, 1 invalid scenario or save, 2 usage error or unreadable file.");
  command->add_option("input", options->input, "A scenario file (turn 1) or a save (its current state)")
      ->required();
  command->add_option("--as", options->as, "An actor id, 'facilitator' or 'room'")->required();
  command->add_option("--turn", options->turn, "A save's turn to brief, at its start (default: now)")
      ->check(turnValidator());
  command->add_option("--format", options->format, "md (default), html or json");
  command->add_flag_callback(
      "--json", [options] { options->format = "json"; }, "The same as --format json");
  command->add_option("--scenario", options->scenario,
                      "With a save: the scenario file (default: the path recorded in the save)");
  command->add_flag("--truth", options->truth, "With --as facilitator: show the hidden truth");
  command->callback([options, &exitCode] { exitCode = brief(*options); });
}

}  // namespace demarche::cli
