// The after-action report renderers: what a facilitator needs is on the page (ending, the
// hidden truth beside each actor's view, objectives, timeline, questions), the HTML stands
// alone on a projector, and the JSON carries the whole debrief for the GUI.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "core/RandomPolicy.hpp"
#include "core/Session.hpp"
#include "report/Report.hpp"
#include "scenario/Loader.hpp"

namespace demarche {
namespace {

struct Played {
  ScenarioDef def;
  std::optional<Engine> engine;
  std::optional<Session> session;
  AfterAction aa;
};

// One seeded random game of the default scenario, played once for all tests.
const Played& played() {
  static const Played* p = [] {
    auto* out = new Played;
    auto loaded = scenario::loadScenario(std::string(DEMARCHE_SOURCE_DIR) + "/scenarios/winter-grid.yaml");
    if (!loaded.ok()) throw std::runtime_error(scenario::formatDiagnostics(loaded));
    out->def = std::move(*loaded.scenario);
    out->engine.emplace(out->def);
    out->session.emplace(*out->engine, 11);
    std::vector<RandomPolicy> policies;
    for (std::size_t a = 0; a < out->def.actors.size(); ++a) policies.emplace_back(100 + a);
    std::vector<Policy*> seats;
    for (auto& policy : policies) seats.push_back(&policy);
    playOut(*out->session, seats);
    out->aa = buildAfterAction(*out->session);
    return out;
  }();
  return *p;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

TEST(Report, TheFormatFollowsTheExtension) {
  EXPECT_EQ(report::formatForPath("out.md"), report::Format::Markdown);
  EXPECT_EQ(report::formatForPath("dir/out.HTML"), report::Format::Html);
  EXPECT_EQ(report::formatForPath("out.json"), report::Format::Json);
  EXPECT_FALSE(report::formatForPath("out.pdf").has_value());
  EXPECT_FALSE(report::formatForPath("out").has_value());
}

TEST(Report, MarkdownShowsTheEndingTheTruthBesideEveryViewObjectivesTimelineAndQuestions) {
  const AfterAction& aa = played().aa;
  const std::string md = report::renderMarkdown(aa);
  EXPECT_NE(md.find("# After-action report: Winter Grid"), std::string::npos);
  if (!aa.endingId.empty()) {
    EXPECT_NE(md.find(aa.endingTitle), std::string::npos);
  }
  for (const auto& inc : aa.incidents) {
    EXPECT_NE(md.find("(`" + inc.id + "`)"), std::string::npos) << inc.id;
    EXPECT_NE(md.find("Operator: **" + aa.actorNames[static_cast<std::size_t>(inc.operatorActor)] + "**"),
              std::string::npos);
  }
  // One row per actor per incident in the truth tables, one per objective.
  for (const auto& o : aa.objectives) EXPECT_NE(md.find(o.description), std::string::npos) << o.id;
  for (int t = 1; t <= aa.turnsPlayed; ++t)
    EXPECT_NE(md.find("### week " + std::to_string(t)), std::string::npos);
  for (const auto& q : aa.questions) EXPECT_NE(md.find(q.text), std::string::npos);
  EXPECT_NE(md.find("## Escalation"), std::string::npos);
}

TEST(Report, HtmlIsOneSelfContainedPageWithAChartPerMeterPerActorsTrustAndTheLadder) {
  const AfterAction& aa = played().aa;
  const std::string html = report::renderHtml(aa);
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  EXPECT_TRUE(html.ends_with("</html>\n"));
  // Nothing to fetch: no scripts, stylesheets, images or fonts from elsewhere.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  const std::size_t charts = 2 + aa.meterNames.size() + aa.actorIds.size();
  EXPECT_EQ(count(html, "<svg "), charts);
  EXPECT_EQ(count(html, "</svg>"), charts);
  // Every polyline has one point per series point (turn starts and the end).
  const std::regex polyline("points=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), polyline); it != std::sregex_iterator();
       ++it) {
    const std::string points = (*it)[1];
    const std::size_t n = count(points, ",");
    EXPECT_GE(n, aa.series.size());
  }
}

TEST(Report, HtmlEscapesTextFromTheScenario) {
  AfterAction aa = played().aa;
  aa.title = "<b>Grid</b> & \"friends\"";
  aa.timeline.push_back({1, EventKind::MeterAdjusted, 0, "<script>alert(1)</script>"});
  const std::string html = report::renderHtml(aa);
  EXPECT_EQ(html.find("<b>Grid"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;Grid&lt;/b&gt; &amp; &quot;friends&quot;"), std::string::npos);
}

TEST(Report, JsonHoldsTheWholeDebriefKeyedByIds) {
  const AfterAction& aa = played().aa;
  const auto j = nlohmann::json::parse(report::renderJson(aa));
  EXPECT_EQ(j["scenario"]["id"], "winter-grid");
  EXPECT_EQ(j["seed"], aa.seed);
  EXPECT_EQ(j["final_hash"], aa.finalHash);
  EXPECT_EQ(j["timeline"].size(), aa.timeline.size());
  ASSERT_EQ(j["series"].size(), aa.series.size());
  EXPECT_TRUE(j["series"].back()["final"].get<bool>());
  for (const auto& point : j["series"]) {
    for (const auto& [actor, meters] : point["meters"].items()) {
      for (const auto& [meter, value] : meters.items()) {
        EXPECT_GE(value.get<double>(), 0) << actor << " " << meter;
        EXPECT_LE(value.get<double>(), 100) << actor << " " << meter;
      }
    }
    EXPECT_EQ(point["trust"].size(), aa.actorIds.size());
  }
  ASSERT_EQ(j["incidents"].size(), aa.incidents.size());
  for (const auto& inc : j["incidents"]) {
    EXPECT_TRUE(inc["truth"]["operator"].is_string());
    EXPECT_EQ(inc["views"].size(), aa.actorIds.size());
  }
  EXPECT_EQ(j["objectives"].size(), aa.objectives.size());
  EXPECT_EQ(j["questions"].size(), aa.questions.size());
  EXPECT_EQ(j["actors"].size(), aa.actorIds.size());
  if (aa.endingId.empty()) {
    EXPECT_TRUE(j["ending"].is_null());
  } else {
    EXPECT_EQ(j["ending"]["id"], aa.endingId);
  }
  for (const auto& e : j["timeline"]) EXPECT_NE(e["kind"], "unknown");
}

TEST(Report, RenderingIsDeterministic) {
  const AfterAction& aa = played().aa;
  for (auto format : {report::Format::Markdown, report::Format::Html, report::Format::Json}) {
    EXPECT_EQ(report::render(aa, format), report::render(aa, format));
  }
}

TEST(Report, AnExerciseEndedByTheFacilitatorSaysSo) {
  const Played& p = played();
  Session session(*p.engine, 3);
  ASSERT_FALSE(session.submit(EndExercise{}).has_value());
  const AfterAction aa = buildAfterAction(session);
  EXPECT_NE(report::renderMarkdown(aa).find("ended the exercise without an ending"), std::string::npos);
  EXPECT_TRUE(nlohmann::json::parse(report::renderJson(aa))["ending"].is_null());
  EXPECT_NE(report::renderHtml(aa).find("</html>"), std::string::npos);
}

}  // namespace
}  // namespace demarche
