// The after-action report as JSON: everything the GUI's debrief shows, keyed by ids so a
// reader does not depend on index order. Keys keep a fixed order (ordered_json) so the file
// diffs well.
#include <nlohmann/json.hpp>

#include "report/Report.hpp"
#include "report/ReportCommon.hpp"

namespace demarche::report {
namespace {

using namespace detail;
using Json = nlohmann::ordered_json;

Json actorRef(const AfterAction& aa, int actor) {
  if (actor < 0 || at(actor) >= aa.actorIds.size()) return nullptr;
  return aa.actorIds[at(actor)];
}

Json actorRefs(const AfterAction& aa, const std::vector<int>& actors) {
  Json out = Json::array();
  for (int a : actors) out.push_back(actorRef(aa, a));
  return out;
}

// Evidence ids for indices into AfterAction::evidence (scenario order).
Json evidenceRefs(const AfterAction& aa, const std::vector<int>& items) {
  Json out = Json::array();
  for (int e : items)
    out.push_back(e >= 0 && at(e) < aa.evidence.size() ? Json(aa.evidence[at(e)].id) : Json(nullptr));
  return out;
}

}  // namespace

std::string renderJson(const AfterAction& aa) {
  Json j;
  j["format"] = "demarche-after-action";
  j["version"] = 1;
  j["scenario"] = {{"id", aa.scenarioId}, {"title", aa.title}, {"language", aa.language}};
  j["seed"] = aa.seed;
  j["final_hash"] = aa.finalHash;
  j["turns_played"] = aa.turnsPlayed;
  j["turn_count"] = aa.turnCount;
  j["turn_label"] = aa.turnLabel;
  if (!aa.turnDates.empty()) j["turn_dates"] = aa.turnDates;

  Json actors = Json::array();
  for (std::size_t a = 0; a < aa.actorIds.size(); ++a) {
    actors.push_back({{"id", aa.actorIds[a]},
                      {"name", aa.actorNames[a]},
                      {"score", a < aa.actorScores.size() ? aa.actorScores[a] : 0}});
  }
  j["actors"] = actors;
  j["meters"] = aa.meterNames;
  j["rungs"] = aa.rungNames;

  if (aa.endingId.empty()) {
    j["ending"] = nullptr;
  } else {
    j["ending"] = {{"id", aa.endingId},
                   {"title", aa.endingTitle},
                   {"description", aa.endingDescription},
                   {"kind", yamlName(aa.endingKind)}};
  }

  Json timeline = Json::array();
  for (const auto& e : aa.timeline) {
    timeline.push_back({{"turn", e.turn},
                        {"kind", eventKindName(e.kind)},
                        {"actor", actorRef(aa, e.actor)},
                        {"text", e.text},
                        {"rationale", e.rationale.empty() ? Json(nullptr) : Json(e.rationale)}});
  }
  j["timeline"] = timeline;

  // Series: one point per turn start and one for the end; meters and trust keyed by id.
  Json series = Json::array();
  for (const auto& p : aa.series) {
    Json meters = Json::object(), trust = Json::object(), capital = Json::object();
    for (std::size_t a = 0; a < aa.actorIds.size(); ++a) {
      const int ai = static_cast<int>(a);
      Json m = Json::object();
      for (std::size_t k = 0; k < aa.meterNames.size(); ++k)
        m[aa.meterNames[k]] = meterAt(aa, p, ai, static_cast<int>(k));
      meters[aa.actorIds[a]] = m;
      Json t = Json::object();
      for (std::size_t b = 0; b < aa.actorIds.size(); ++b) {
        if (b != a) t[aa.actorIds[b]] = trustAt(aa, p, ai, static_cast<int>(b));
      }
      trust[aa.actorIds[a]] = t;
      if (a < p.capital.size()) capital[aa.actorIds[a]] = p.capital[a];
    }
    series.push_back({{"turn", p.turn},
                      {"final", p.isFinal},
                      {"tension", p.tension},
                      {"rung", p.rung},
                      {"rung_name", rungName(aa, p.rung)},
                      {"meters", meters},
                      {"trust", trust},
                      {"capital", capital}});
  }
  j["series"] = series;

  Json incidents = Json::array();
  for (const auto& inc : aa.incidents) {
    Json views = Json::array();
    for (const auto& v : inc.views) {
      views.push_back({{"actor", actorRef(aa, v.actor)},
                       {"leading", actorRef(aa, v.leading)},
                       {"leading_probability", v.leadingProbability},
                       {"truth_probability", v.truthProbability},
                       {"words", v.words},
                       {"confidence", v.confidence},
                       {"decided", actorRef(aa, v.decided)},
                       {"disclosure", v.disclosure},
                       {"harbouring", v.harbouring},
                       {"correct", v.correct},
                       {"evidence_seen", v.evidenceSeen},
                       {"evidence", evidenceRefs(aa, v.evidence)}});
    }
    incidents.push_back({{"id", inc.id},
                         {"title", inc.title},
                         {"truth",
                          {{"operator", actorRef(aa, inc.operatorActor)},
                           {"sponsor", actorRef(aa, inc.sponsor)},
                           {"proxy", actorRef(aa, inc.proxy)},
                           {"false_flags", actorRefs(aa, inc.falseFlags)},
                           {"harboured_by", actorRefs(aa, inc.harbouredBy)},
                           {"planted_evidence", evidenceRefs(aa, inc.plantedEvidence)},
                           {"planted_evidence_indices", inc.plantedEvidence}}},
                         {"views", views}});
  }
  j["incidents"] = incidents;
  if (!aa.listings.empty()) {
    Json listings = Json::array();
    for (const auto& l : aa.listings) {
      Json entities = Json::array();
      for (const auto& e : l.entities)
        entities.push_back({{"id", e.id},
                            {"name", e.name},
                            {"kind", e.kind},
                            {"belongs_to", actorRef(aa, e.owner)},
                            {"involved", e.involved}});
      listings.push_back({{"turn", l.turn},
                          {"actor", actorRef(aa, l.actor)},
                          {"measure", l.measure},
                          {"incident", l.incident},
                          {"entities", entities},
                          {"wrong", l.wrong}});
    }
    j["listings"] = listings;
  }

  // Every evidence item with who saw it, when and how ("what each side saw").
  Json evidence = Json::array();
  for (const auto& e : aa.evidence) {
    Json seen = Json::array();
    for (const auto& s : e.seenBy) {
      seen.push_back({{"actor", actorRef(aa, s.actor)},
                      {"turn", s.turn},
                      {"how", s.how.empty() ? Json(nullptr) : Json(s.how)},
                      {"shared_by", actorRef(aa, s.sharedBy)}});
    }
    evidence.push_back({{"id", e.id},
                        {"title", e.title},
                        {"incident", e.incident >= 0 && at(e.incident) < aa.incidents.size()
                                         ? Json(aa.incidents[at(e.incident)].id)
                                         : Json(nullptr)},
                        {"source", e.source},
                        {"reliability", e.reliability},
                        {"planted", e.planted},
                        {"seen_by", seen}});
  }
  j["evidence"] = evidence;

  Json objectives = Json::array();
  for (const auto& o : aa.objectives) {
    objectives.push_back({{"actor", actorRef(aa, o.actor)},
                          {"id", o.id},
                          {"description", o.description},
                          {"achieved", o.achieved},
                          {"score", o.score},
                          {"max_score", o.maxScore}});
  }
  j["objectives"] = objectives;

  Json questions = Json::array();
  for (const auto& q : aa.questions) questions.push_back({{"turn", q.turn}, {"text", q.text}});
  j["questions"] = questions;
  return j.dump(2) + "\n";
}

}  // namespace demarche::report
