// The after-action report renderers: what a facilitator needs is on the page (ending, the
// hidden truth beside each actor's view, objectives, timeline, questions), the HTML stands
// alone on a projector, and the JSON carries the whole debrief for the GUI.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

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
  aa.timeline.push_back({1, EventKind::MeterAdjusted, 0, "<script>alert(1)</script>", ""});
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

// What each side saw: every evidence item with its id, title, source, reliability, whether it
// was planted, and who saw it (the same items each actor's view lists).
TEST(Report, TheDebriefListsEveryEvidenceItemAndWhoSawItWithPlantedItemsRevealed) {
  const Played& p = played();
  const AfterAction& aa = p.aa;
  ASSERT_EQ(aa.evidence.size(), p.def.evidence.size());
  for (std::size_t e = 0; e < aa.evidence.size(); ++e) {
    EXPECT_EQ(aa.evidence[e].id, p.def.evidence[e].id);
    EXPECT_FALSE(aa.evidence[e].title.empty());
    EXPECT_EQ(aa.evidence[e].planted, p.def.evidence[e].planted);
    for (const auto& seen : aa.evidence[e].seenBy) {
      EXPECT_TRUE(p.session->state().hasSeen(seen.actor, static_cast<int>(e)));
      EXPECT_GE(seen.turn, 1) << "the timeline says when "
                              << aa.actorIds[static_cast<std::size_t>(seen.actor)] << " saw "
                              << aa.evidence[e].id;
    }
  }
  for (const auto& inc : aa.incidents) {
    for (const auto& v : inc.views) EXPECT_EQ(static_cast<int>(v.evidence.size()), v.evidenceSeen);
  }
  const std::string md = report::renderMarkdown(aa);
  const std::string html = report::renderHtml(aa);
  EXPECT_EQ(count(md, "What each side saw"), aa.incidents.size());
  const auto j = nlohmann::json::parse(report::renderJson(aa));
  ASSERT_EQ(j["evidence"].size(), aa.evidence.size());
  int planted = 0;
  for (const auto& e : aa.evidence) {
    if (!e.planted) continue;
    ++planted;
    // The source in words ("open source"), not its YAML spelling ("open_source").
    EXPECT_NE(md.find(e.title + " (`" + e.id + "`) | " + e.sourceWord + " |"), std::string::npos) << e.id;
    EXPECT_EQ(e.sourceWord.find('_'), std::string::npos) << e.sourceWord;
    EXPECT_NE(html.find("<td class=\"wrong\" data-label=\"Planted\">planted</td>"), std::string::npos);
  }
  EXPECT_GT(planted, 0) << "Winter Grid plants false flags";
  for (std::size_t i = 0; i < aa.incidents.size(); ++i) {
    const auto& truth = j["incidents"][i]["truth"];
    ASSERT_EQ(truth["planted_evidence"].size(), aa.incidents[i].plantedEvidence.size());
    for (std::size_t k = 0; k < aa.incidents[i].plantedEvidence.size(); ++k) {
      const auto& item = aa.evidence[static_cast<std::size_t>(aa.incidents[i].plantedEvidence[k])];
      EXPECT_EQ(truth["planted_evidence"][k], item.id);
      EXPECT_TRUE(item.planted);
    }
  }
  for (const auto& e : j["evidence"]) {
    EXPECT_TRUE(e["id"].is_string());
    EXPECT_TRUE(e["source"].is_string());
    for (const auto& seen : e["seen_by"]) EXPECT_TRUE(seen["actor"].is_string());
  }
}

// A rationale lands on the timeline entry of the command it explains (same turn, actor and
// command), and every renderer shows it under that entry.
TEST(Report, RationalesAreShownUnderTheActionsTheyExplain) {
  const Played& p = played();
  const GameState& final = p.session->state();
  AfterAction aa = p.aa;
  std::vector<Rationale> rationales;
  std::size_t measureAt = 0, decisionAt = 0;
  for (std::size_t k = 0; k < final.timeline.size(); ++k) {
    const Event& ev = final.timeline[k];
    if (ev.kind == EventKind::MeasureQueued && measureAt == 0) {
      measureAt = k;
      rationales.push_back(
          {ev.turn, ev.actor, TakeMeasure{ev.actor, ev.a, ev.b, ev.c}, "because the measure"});
    }
    if (ev.kind == EventKind::AttributionDecided && decisionAt == 0) {
      decisionAt = k;
      rationales.push_back(
          {ev.turn, ev.actor, DecideAttribution{ev.actor, ev.a, ev.b}, "because the decision"});
    }
  }
  ASSERT_GT(measureAt, 0u);
  ASSERT_GT(decisionAt, 0u);
  // A refused command (nothing on the timeline) explains nothing.
  rationales.push_back({1, 0, TakeMeasure{0, 0, -1, -1}, "never applied"});
  addRationales(aa, final, rationales);
  EXPECT_EQ(aa.timeline[measureAt].rationale, "because the measure");
  EXPECT_EQ(aa.timeline[decisionAt].rationale, "because the decision");
  for (const auto& e : aa.timeline) EXPECT_NE(e.rationale, "never applied");

  const std::string md = report::renderMarkdown(aa);
  EXPECT_NE(md.find(aa.timeline[measureAt].text + "\n  - why: because the measure\n"), std::string::npos);
  EXPECT_NE(report::renderHtml(aa).find("<span class=\"why\">why: because the decision</span>"),
            std::string::npos);
  const auto j = nlohmann::json::parse(report::renderJson(aa));
  EXPECT_EQ(j["timeline"][measureAt]["rationale"], "because the measure");
  EXPECT_TRUE(j["timeline"][0]["rationale"].is_null());
  // Replies carry their reason in the log itself: it is the entry's rationale without a
  // rationale log, and the sentence quotes it.
  for (const auto& e : p.aa.timeline) {
    if (e.kind != EventKind::ProposalReplied) continue;
    EXPECT_FALSE(e.rationale.empty());
    EXPECT_NE(e.text.find(e.rationale), std::string::npos);
  }
}

// The page's layout: scores with their maximum under a heading, the timeline folded by turn
// without its no-news lines, charts with named axes, distinct colours and labelled lines
// (issue 9; tests/browser/report.test.js checks the same page in a real browser).
TEST(Report, TheScoresHaveAHeadingAndEachActorsMaximum) {
  const AfterAction& aa = played().aa;
  const std::string html = report::renderHtml(aa);
  const std::string md = report::renderMarkdown(aa);
  EXPECT_NE(html.find("<h2>Scores</h2>"), std::string::npos);
  EXPECT_NE(html.find("<th>Score (of maximum)</th>"), std::string::npos);
  EXPECT_NE(md.find("| Actor | Score (of maximum) | Objectives achieved |"), std::string::npos);
  for (std::size_t a = 0; a < aa.actorIds.size(); ++a) {
    int max = 0;
    for (const auto& o : aa.objectives)
      if (o.actor == static_cast<int>(a)) max += o.maxScore;
    if (max == 0) continue;
    const std::string score = std::to_string(aa.actorScores[a]) + " of " + std::to_string(max);
    EXPECT_NE(html.find(">" + score + "</td>"), std::string::npos) << aa.actorIds[a];
    EXPECT_NE(md.find("| " + aa.actorNames[a] + " | " + score + " |"), std::string::npos) << aa.actorIds[a];
  }
}

TEST(Report, MeterColumnsAndChartsUseReadableNames) {
  const AfterAction& aa = played().aa;
  const std::string md = report::renderMarkdown(aa);
  const std::string html = report::renderHtml(aa);
  ASSERT_NE(std::find(aa.meterNames.begin(), aa.meterNames.end(), "domestic_pressure"), aa.meterNames.end());
  EXPECT_NE(md.find(" Domestic pressure |"), std::string::npos);
  EXPECT_EQ(md.find("domestic_pressure"), std::string::npos);
  EXPECT_NE(html.find("<figcaption>Domestic pressure by week</figcaption>"), std::string::npos);
}

TEST(Report, TheTimelineIsFoldedByTurnWithoutNoNewsLines) {
  AfterAction aa = played().aa;
  // An investigation that found nothing, and one that found an item (its EvidenceSeen line and
  // a partner's it was shared with at once come just before it, as the engine emits them).
  const int turn = aa.timeline.back().turn;
  aa.timeline.push_back(
      {turn, EventKind::InvestigationFound, 0, "ukr's investigation finds 0 new item(s)", ""});
  aa.timeline.push_back(
      {turn, EventKind::EvidenceSeen, 1, "rus sees evidence E (found by investigation)", ""});
  aa.timeline.push_back({turn, EventKind::EvidenceSeen, 2, "eu sees evidence E (shared by rus)", ""});
  aa.timeline.push_back(
      {turn, EventKind::InvestigationFound, 1, "rus's investigation finds 1 new item(s)", ""});
  const std::string html = report::renderHtml(aa);
  const std::string md = report::renderMarkdown(aa);
  for (const std::string* page : {&html, &md}) {
    EXPECT_EQ(page->find("finds 0 new item(s)"), std::string::npos);
    EXPECT_NE(page->find("rus's investigation finds 1 new item(s)"), std::string::npos);
  }
  // Every entry is still in the JSON, for the GUI and other tools.
  EXPECT_NE(report::renderJson(aa).find("finds 0 new item(s)"), std::string::npos);
  // One closed <details> per turn, named with the turn label.
  EXPECT_EQ(count(html, "<details class=\"turn\">"), static_cast<std::size_t>(aa.turnsPlayed));
  EXPECT_EQ(count(html, "<details class=\"turn\" open"), 0u);
  for (int t = 1; t <= aa.turnsPlayed; ++t)
    EXPECT_NE(html.find("<summary>Week " + std::to_string(t) + " "), std::string::npos) << t;
}

TEST(Report, ChartsNameTheirAxesAndTellTheirLinesApart) {
  const AfterAction& aa = played().aa;
  const std::string html = report::renderHtml(aa);
  const std::size_t charts = 2 + aa.meterNames.size() + aa.actorIds.size();
  EXPECT_GE(count(html, "<text class=\"axis\""), 2 * charts) << "an x and a y title on every chart";
  // The first meter chart: one colour per actor, all different, none of the old look-alikes.
  const std::size_t from = html.find("<h2>Meters</h2>");
  const std::size_t to = html.find("</figure>", from);
  ASSERT_NE(from, std::string::npos);
  const std::string chart = html.substr(from, to - from);
  const std::regex stroke("<polyline fill=\"none\" stroke=\"(#[0-9A-Fa-f]{6})\"");
  std::set<std::string> colours;
  for (auto it = std::sregex_iterator(chart.begin(), chart.end(), stroke); it != std::sregex_iterator(); ++it)
    colours.insert((*it)[1]);
  EXPECT_EQ(colours.size(), aa.actorIds.size());
  EXPECT_FALSE(colours.contains("#0072B2") && colours.contains("#56B4E9")) << "two blues";
  EXPECT_FALSE(colours.contains("#D55E00") && colours.contains("#E69F00")) << "two oranges";
  // Every line is labelled at its end (names longer than a label are shortened with "…").
  for (const auto& name : aa.actorNames) {
    const std::string shown = name.size() <= 18 ? name : name.substr(0, 6);
    EXPECT_NE(chart.find("dominant-baseline=\"middle\">" + report::htmlEscape(shown)), std::string::npos)
        << name;
  }
}

TEST(Report, TheTensionSentenceSaysWhereTensionWentFromAndTo) {
  const AfterAction& aa = played().aa;
  const std::regex sentence("Tension (rises|falls) from ([0-9.]+) to ([0-9.]+)(.*)");
  const std::regex ladder(" as the measures taken weigh ([+-])([0-9.]+) on the escalation ladder");
  int seen = 0, ladderSeen = 0;
  double last = -1;
  int lastTurn = 0;
  for (const auto& e : aa.timeline) {
    if (e.kind != EventKind::TensionChanged) continue;
    ++seen;
    std::smatch m;
    ASSERT_TRUE(std::regex_match(e.text, m, sentence)) << e.text;
    const double before = std::stod(m[2]), after = std::stod(m[3]);
    EXPECT_EQ(m[1] == "rises", after > before) << e.text;
    // Each sentence starts where the one before it ended: the turn's sentences add up.
    if (last >= 0) {
      EXPECT_NEAR(before, last, 0.051) << e.text << " (turn " << e.turn << " after turn " << lastTurn << ")";
    }
    last = after;
    lastTurn = e.turn;
    const std::string why = m[4];
    std::smatch w;
    if (std::regex_match(why, w, ladder)) {
      ++ladderSeen;
      EXPECT_EQ(w[1] == "+", after > before) << e.text;
      EXPECT_NEAR(std::fabs(after - before), std::stod(w[2]), 0.11) << e.text;
    } else {
      EXPECT_FALSE(why.empty()) << "a tension sentence names its cause: " << e.text;
    }
  }
  EXPECT_GT(seen, 0);
  EXPECT_GT(ladderSeen, 0);
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
