#include "seats/TeamJson.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/Calendar.hpp"
#include "core/Catalogue.hpp"
#include "core/CommandText.hpp"
#include "core/Names.hpp"
#include "core/View.hpp"
#include "seats/JsonText.hpp"

namespace demarche::seats {
namespace {

using nlohmann::json;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

bool sameOption(const MeasureOption& a, const MeasureOption& b) {
  return a.measure == b.measure && a.target == b.target && a.incident == b.incident && a.owner == b.owner &&
         a.entities == b.entities && a.cost == b.cost && a.legal == b.legal && a.reason == b.reason &&
         a.reasonText == b.reasonText;
}

bool sameOptions(const std::vector<MeasureOption>& a, const std::vector<MeasureOption>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), sameOption);
}

// Every option with the exact command line that takes it, so the page never builds one. Reads
// only the scenario, the actor, the language and the options (TeamJsonCache relies on it).
std::string optionsJson(const Engine& engine, int actor, std::string_view language,
                        const std::vector<MeasureOption>& options) {
  const ScenarioDef& def = engine.def();
  const auto id = [](const auto& list, int k) -> std::string_view {
    return k >= 0 && static_cast<std::size_t>(k) < list.size()
               ? std::string_view(list[static_cast<std::size_t>(k)].id)
               : std::string_view();
  };
  JsonText j;
  j.reserve(options.size() * 128 + 2);
  j.array();
  for (const MeasureOption& o : options) {
    const Command c = TakeMeasure{actor, o.measure, o.target, o.incident, o.entities};
    j.object();
    j.field("line", formatCommand(def, c));
    j.field("measure", id(def.measures, o.measure));
    j.field("target", id(def.actors, o.target));
    j.field("incident", id(def.incidents, o.incident));
    if (o.entities != 0) {  // a listing: whose entities, and their names
      j.field("owner", id(def.actors, o.owner));
      j.field("entities", engine.listedNames(o.entities, language));
    }
    j.field("cost", o.cost);
    j.field("legal", o.legal);
    j.field("reason", o.reasonText);
    j.end();
  }
  j.end();
  return j.take();
}

}  // namespace

std::string teamViewJson(const Engine& engine, const GameState& state, int actor, std::string_view language,
                         const SeatExtras& extras, TeamJsonCache* cache) {
  const ScenarioDef& def = engine.def();
  const std::string lang = language.empty() ? def.language : std::string(language);
  const TeamView v = buildTeamView(engine, state, actor, language);
  const PublicSituation& s = v.situation;
  const Phrases say(lang == "en" ? std::string_view() : std::string_view(lang));
  // Written straight to text (JsonText): this runs for every seat after every command.
  JsonText j;
  // Room for the rest of the view (a few KB) besides the options, so the text is not moved as it grows.
  j.reserve((cache ? cache->optionsText.size() : 0) + 16 * 1024);
  j.object();
  j.field("type", "view");
  j.field("actor", v.actorId);
  j.field("actorName", v.actorName);
  j.field("lang", lang);

  // Public names of the scenario: who, which measures and terms exist (no state in them).
  j.key("names").object();
  j.key("actors").object();
  for (const ActorDef& a : def.actors) {
    const std::string& n = a.name.get(lang, def.language);
    j.field(a.id, n.empty() ? a.id : n);
  }
  j.end();
  j.key("measures").object();
  for (const MeasureDef& m : def.measures) {
    const std::string& n = m.name.get(lang, def.language);
    j.key(m.id).object();
    j.field("name", n.empty() ? m.id : n);
    j.field("description", m.description.get(lang, def.language));
    j.end();
  }
  j.end();
  j.key("terms").object();
  for (const TermDef& t : def.terms) {
    const std::string& n = t.name.get(lang, def.language);
    j.key(t.id).object();
    j.field("name", n.empty() ? t.id : n);
    j.field("description", t.description.get(lang, def.language));
    // The page's proposal names the team's decided suspect with this term (rules §4.1).
    if (t.kind == TermKind::JointAttribution) j.field("jointAttribution", true);
    j.end();
  }
  j.end();
  j.key("incidents").object();
  for (const IncidentSummary& inc : s.incidents) j.field(inc.id, inc.title);
  j.end();
  j.end();  // names

  std::string turnLabel = def.turnLabel.get(lang, def.language);
  if (turnLabel.empty()) turnLabel = say("turn");
  j.key("situation").object();
  j.field("title", s.title);
  j.field("turn", s.turn);
  j.field("turns", s.turns);
  j.field("turnLabel", turnLabel);
  j.field("date", s.date.empty() ? std::string() : longDate(*parseIsoDate(s.date), lang));
  j.field("phase", s.phase);
  j.field("phaseWord", say.word(s.phase));
  j.field("paused", s.paused);
  j.field("tension", s.tension);
  j.field("rung", s.rung);
  j.field("ending", s.ending);
  j.end();
  j.field("ready", extras.ready);
  j.key("draft");
  if (!extras.draft.empty() && nlohmann::json::accept(extras.draft))
    j.raw(extras.draft);
  else
    j.null();
  j.field("briefing", v.briefing);

  const auto newsItem = [&j](const NewsItem& n) {
    j.object();
    j.field("turn", n.turn);
    j.field("id", n.id);
    j.field("kind", n.kind);
    j.field("title", n.title);
    j.field("text", n.text);
    j.field("private", n.addressed);
    j.end();
  };
  j.key("news").array();
  for (const NewsItem& n : s.news) newsItem(n);
  for (const NewsItem& n : v.intelligence) newsItem(n);
  j.end();

  j.key("incidents").array();
  for (const IncidentSummary& inc : s.incidents) {
    j.object();
    j.field("id", inc.id);
    j.field("title", inc.title);
    j.field("description", inc.description);
    j.field("victim", inc.victim);
    j.key("candidates").values(inc.candidates);
    j.key("hosts").values(inc.hosts);
    j.end();
  }
  j.end();

  j.key("evidence").array();
  for (const EvidenceView& e : v.evidence) {
    j.object();
    j.field("id", e.id);
    j.field("incident", e.incident);
    j.field("title", e.title);
    j.field("text", e.text);
    j.field("source", e.source);
    j.field("sourceWord", say.word(displayNameFor(kEvidenceSourceNames, e.source)));  // "open source"
    j.field("reliability", e.reliability);
    j.field("turnSeen", e.turnSeen);
    j.field("how", e.how);
    j.end();
  }
  j.end();

  j.key("assessments").array();
  for (const AssessmentView& a : v.assessments) {
    j.object();
    j.field("incident", a.incident);
    j.field("title", a.title);
    j.key("candidates").array();
    for (const CandidateView& c : a.candidates) {
      j.object();
      j.field("actor", c.actor);
      j.field("probability", c.probability);
      j.field("words", c.words);
      j.end();
    }
    j.end();
    j.field("leading", a.leading);
    j.field("confidence", a.confidence);
    j.field("confidenceWord", say.word(a.confidence));
    j.field("evidenceSeen", a.evidenceSeen);
    j.field("decided", a.decided);
    j.field("harbouring", a.harbouring);
    j.field("disclosure", a.disclosure);
    j.field("withdrawRefused", a.withdrawRefused);
    j.end();
  }
  j.end();

  j.field("capital", v.capital);
  j.field("capitalPerTurn", v.capitalPerTurn);
  j.key("meters").array();
  for (const NamedValue& m : v.meters) {
    j.object();
    j.field("name", m.name);
    j.field("value", m.value);
    j.end();
  }
  j.end();
  j.key("relations").array();
  for (const RelationView& r : v.relations) {
    j.object();
    j.field("other", r.other);
    j.field("trustInOther", r.trustInOther);
    j.field("trustFromOther", r.trustFromOther);
    j.end();
  }
  j.end();

  j.key("options");
  if (cache && cache->actor == actor && cache->language == lang && sameOptions(cache->options, v.options)) {
    ++cache->reused;
    j.raw(cache->optionsText);
  } else {
    std::string text = optionsJson(engine, actor, language, v.options);
    j.raw(text);
    if (cache) {
      cache->actor = actor;
      cache->language = lang;
      cache->options = v.options;
      cache->optionsText = std::move(text);
    }
  }

  j.key("queue").array();
  for (const QueuedView& q : v.queued) {
    j.object();
    j.field("measure", q.measure);
    j.field("target", q.target);
    j.field("incident", q.incident);
    j.field("cost", q.cost);
    if (!q.entities.empty()) {  // a listing: the names of those it lists
      std::string names;
      for (const std::string& e : q.entities)
        for (const EntityDef& ed : def.entities)
          if (ed.id == e) names += (names.empty() ? "" : ", ") + ed.name.get(lang, def.language);
      j.field("entities", names);
    }
    j.end();
  }
  j.end();

  j.key("proposals").array();
  for (const ProposalView& p : v.proposals) {
    j.object();
    j.field("id", p.id);
    j.field("turn", p.turn);
    j.field("from", p.from);
    j.key("terms").values(p.terms);
    j.field("incident", p.incident);
    if (!p.naming.empty()) j.field("naming", p.naming);  // whom its joint attribution names
    j.field("text", p.text);
    j.field("counterOf", p.counterOf);
    j.field("open", p.open);
    j.field("awaitingOurReply", p.awaitingOurReply);
    j.key("replies").array();
    for (const ReplyView& r : p.replies) {
      j.object();
      j.field("actor", r.actor);
      j.field("kind", r.kind);
      j.field("reason", r.reason);
      j.field("counter", r.counter);
      j.end();
    }
    j.end();
    j.end();
  }
  j.end();

  j.key("results").array();
  for (const MeasureResultView& r : v.results) {
    j.object();
    j.field("turn", r.turn);
    j.field("measure", r.measure);
    j.field("target", r.target);
    j.field("succeeded", r.succeeded);
    j.field("text", r.text);
    j.end();
  }
  j.end();
  j.key("recap").array();
  for (const TimelineEntry& e : v.recap) {
    if (e.quiet) continue;
    j.object();
    j.field("turn", e.turn);
    j.field("text", e.text);
    j.field("actor", e.actor);
    j.field("target", e.target);
    j.end();
  }
  j.end();
  // Last, so that what comes before says whether the team's view changed (SeatHub::sendView).
  j.key("secondsLeft");
  if (extras.secondsLeft)
    j.value(*extras.secondsLeft);
  else
    j.null();
  j.field("version", static_cast<unsigned long long>(extras.version));
  j.end();
  return j.take();
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
