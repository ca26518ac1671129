// What each browser seat is sent as the table changes, driven through the hub alone (no
// network): every view a seat gets is exactly the one built afresh for it, a team's private
// command sends nothing to the others, and a team is sent a new view whenever something it may
// see changes. The hub reuses a seat's options text between views (TeamJsonCache); these tests
// fail if that text is ever stale or another seat's. Each test runs twice: with the views built
// by the caller, and on the hub's view thread from copies of the table (as the window and
// `demarche serve` do), where every check waits for the hub's messages to leave (flush()).
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../tools/Ukrainian.hpp"
#include "core/CommandText.hpp"
#include "core/Lookup.hpp"
#include "scenario/Loader.hpp"
#include "seats/HeadlessTable.hpp"
#include "seats/SeatHub.hpp"
#include "seats/TeamJson.hpp"

namespace demarche::seats {
namespace {

using nlohmann::json;

const ScenarioDef& winterGrid() {
  static const ScenarioDef def = [] {
    scenario::LoadResult loaded = scenario::loadScenario(DEMARCHE_SOURCE_DIR "/scenarios/winter-grid.yaml");
    EXPECT_TRUE(loaded.ok());
    return std::move(*loaded.scenario);
  }();
  return def;
}

// What the hub sent, per connection.
class Recorder final : public SeatOutput {
 public:
  void send(ConnectionId connection, const std::string& text) override { sent[connection].push_back(text); }
  void close(ConnectionId connection) override { closed.push_back(connection); }
  std::map<ConnectionId, std::vector<std::string>> sent;
  std::vector<ConnectionId> closed;
};

class SeatHubViewTest : public ::testing::TestWithParam<ViewBuilding> {
 protected:
  void SetUp() override {
    const ScenarioDef& def = winterGrid();
    ukr = indexOfId(def.actors, "ukr");
    pol = indexOfId(def.actors, "pol");
    deu = indexOfId(def.actors, "deu");
    table = std::make_unique<HeadlessTable>(def, 0, std::vector<int>{ukr, pol, deu});
    table->setClock([] { return 0.0; });  // no countdown moves between two views
    hub = std::make_unique<SeatHub>(*table, out, SeatLimits{}, GetParam());
    for (int a : {ukr, pol, deu}) {
      const ConnectionId id = connectionOf(a);
      hub->opened(id);
      received(id, json{{"type", "join"}, {"code", hub->codeOf(a)}, {"lang", a == deu ? "uk" : "en"}}.dump());
    }
    publish();
  }

  // The hub's calls, returning once what they sent has left (whichever thread builds the views).
  void received(ConnectionId id, const std::string& text) {
    hub->received(id, text);
    hub->flush();
  }
  void publish() {
    hub->publish();
    hub->flush();
  }

  static ConnectionId connectionOf(int actor) { return static_cast<ConnectionId>(100 + actor); }
  int views(int actor) {
    int n = 0;
    for (const std::string& m : out.sent[connectionOf(actor)])
      n += m.find("\"type\":\"view\"") != std::string::npos;
    return n;
  }
  json lastView(int actor) {
    const auto& list = out.sent[connectionOf(actor)];
    for (auto it = list.rbegin(); it != list.rend(); ++it)
      if (it->find("\"type\":\"view\"") != std::string::npos) return json::parse(*it);
    return nullptr;
  }
  // The view of `actor` built now from the state, with no cache.
  json freshView(int actor) {
    const std::string lang = actor == deu ? "uk" : "en";
    return json::parse(teamViewJson(table->engine(), table->session().state(), actor, lang,
                                    SeatExtras{table->remainingSeconds(), false, {}, table->version()}));
  }
  // Every seat's last view is exactly the one built afresh (but for the version and countdown).
  void expectEverySeatUpToDate() {
    for (int a : {ukr, pol, deu}) {
      json got = lastView(a);
      json want = freshView(a);
      ASSERT_FALSE(got.is_null());
      for (const char* k : {"version", "secondsLeft", "ready", "draft"}) {
        got.erase(k);
        want.erase(k);
      }
      EXPECT_EQ(got, want) << "the view sent to " << winterGrid().actors[static_cast<std::size_t>(a)].id
                           << " is not its view now";
    }
  }
  void command(int actor, const std::string& line) {
    const std::size_t before = out.sent[connectionOf(actor)].size();
    received(connectionOf(actor), json{{"type", "command"}, {"line", line}}.dump());
    const auto& list = out.sent[connectionOf(actor)];
    for (std::size_t k = before; k < list.size(); ++k)
      ASSERT_EQ(list[k].find("\"type\":\"refused\""), std::string::npos) << line << ": " << list[k];
    publish();
  }
  // The first legal option of `actor`'s last view whose line contains `part`.
  std::string legalLine(int actor, const std::string& part = {}) {
    const json view = lastView(actor);
    for (const json& o : view["options"]) {
      const std::string line = o["line"];
      if (o["legal"].get<bool>() && line.find(part) != std::string::npos) return line;
    }
    return {};
  }
  void openDeliberation() {
    ASSERT_EQ(table->facilitator("end_phase"), "");
    ASSERT_EQ(table->session().state().phase, Phase::Deliberation);
    publish();
  }

  Recorder out;
  int ukr = -1, pol = -1, deu = -1;
  std::unique_ptr<HeadlessTable> table;
  std::unique_ptr<SeatHub> hub;
};

TEST_P(SeatHubViewTest, EveryViewSentIsTheSeatsOwnViewBuiltAfresh) {
  // A turn of private and public commands; after each, every seat's last view must be the one
  // built from the state now for that seat, whatever the hub kept from earlier views.
  expectEverySeatUpToDate();
  openDeliberation();
  expectEverySeatUpToDate();
  command(ukr, "decide ukr grid_attack rus");
  expectEverySeatUpToDate();
  const std::string take = legalLine(ukr);  // costs capital: other options' reasons change
  ASSERT_FALSE(take.empty());
  command(ukr, take);
  expectEverySeatUpToDate();
  command(pol, legalLine(pol));
  expectEverySeatUpToDate();
  command(ukr, "propose ukr to=pol terms=intelligence_sharing incident=grid_attack text=\"Share?\"");
  expectEverySeatUpToDate();
  command(ukr, "disclose ukr grid_attack public");
  expectEverySeatUpToDate();
  command(deu, legalLine(deu));
  expectEverySeatUpToDate();
  ASSERT_EQ(table->facilitator("pause"), "");
  publish();
  expectEverySeatUpToDate();
  ASSERT_EQ(table->facilitator("resume"), "");
  publish();
  expectEverySeatUpToDate();
  ASSERT_EQ(table->facilitator("end_phase"), "");  // resolution: capital, trust and meters move
  publish();
  expectEverySeatUpToDate();
  ASSERT_EQ(table->facilitator("end_phase"), "");
  publish();
  expectEverySeatUpToDate();
}

TEST_P(SeatHubViewTest, EachSeatsOptionsNameOnlyItsOwnActor) {
  openDeliberation();
  command(ukr, "decide ukr grid_attack rus");
  command(pol, legalLine(pol));
  command(ukr, legalLine(ukr));
  for (int a : {ukr, pol, deu}) {
    const std::string id = winterGrid().actors[static_cast<std::size_t>(a)].id;
    const json view = lastView(a);
    ASSERT_FALSE(view["options"].empty());
    for (const json& o : view["options"]) {
      const std::string line = o["line"];
      EXPECT_EQ(line.rfind("measure " + id + " ", 0), 0u) << id << " was sent " << line;
    }
  }
}

TEST_P(SeatHubViewTest, APrivateCommandOfOneTeamSendsNothingToTheOthers) {
  openDeliberation();
  const int polViews = views(pol), deuViews = views(deu), ukrViews = views(ukr);
  command(ukr, "decide ukr grid_attack rus");  // rules §10: only ukr knows
  EXPECT_EQ(views(ukr), ukrViews + 1);
  command(ukr, legalLine(ukr));  // a queued measure: only ukr knows until it resolves
  EXPECT_EQ(views(ukr), ukrViews + 2);
  EXPECT_EQ(views(pol), polViews) << "pol was sent a view after ukr's private commands";
  EXPECT_EQ(views(deu), deuViews) << "deu was sent a view after ukr's private commands";
  // And nothing of ukr's decision reached them in any message.
  for (int a : {pol, deu})
    for (const std::string& m : out.sent[connectionOf(a)])
      EXPECT_EQ(m.find("\"decided\":\"rus\""), std::string::npos);
}

TEST_P(SeatHubViewTest, ATeamIsSentANewViewWhenSomethingItMaySeeChanges) {
  openDeliberation();
  command(ukr, "decide ukr grid_attack rus");
  const int polViews = views(pol), deuViews = views(deu);
  // A proposal to pol: pol (a recipient) sees it, deu does not.
  command(ukr, "propose ukr to=pol terms=intelligence_sharing incident=grid_attack text=\"Share?\"");
  ASSERT_EQ(views(pol), polViews + 1);
  ASSERT_EQ(lastView(pol)["proposals"].size(), 1u);
  EXPECT_TRUE(lastView(pol)["proposals"][0]["awaitingOurReply"].get<bool>());
  EXPECT_EQ(views(deu), deuViews);
  // pol's reply: ukr (the proposer) sees it.
  const int ukrViews = views(ukr);
  const int proposal = lastView(pol)["proposals"][0]["id"];
  command(pol, "reply pol " + std::to_string(proposal) + " accept \"Yes\"");
  ASSERT_EQ(views(ukr), ukrViews + 1);
  std::string kind;
  const json ukrView = lastView(ukr);
  for (const json& p : ukrView["proposals"])
    if (p["id"] == proposal) kind = p["replies"][0]["kind"];
  EXPECT_EQ(kind, "accept");
  // A public attribution: everyone hears it.
  const int polBefore = views(pol), deuBefore = views(deu);
  command(ukr, "disclose ukr grid_attack public");
  EXPECT_EQ(views(pol), polBefore + 1);
  EXPECT_EQ(views(deu), deuBefore + 1);
  EXPECT_NE(lastView(pol).dump().find("rus"), std::string::npos);
  expectEverySeatUpToDate();
}

TEST_P(SeatHubViewTest, ASeatsOwnChangeOfOptionsReachesItEvenWhenTheRestIsReused) {
  // ukr's options depend on its own capital and queue: after it queues a measure, the same option
  // is refused as already queued, in the view it is sent (not the options text of before).
  openDeliberation();
  const std::string take = legalLine(ukr);
  ASSERT_FALSE(take.empty());
  command(ukr, take);
  bool refusedNow = false;
  const json view = lastView(ukr);
  for (const json& o : view["options"])
    if (o["line"] == take) refusedNow = !o["legal"].get<bool>() && !o["reason"].get<std::string>().empty();
  EXPECT_TRUE(refusedNow) << take << " is still offered as legal after it was queued";
  expectEverySeatUpToDate();
}

TEST_P(SeatHubViewTest, ViewsBuiltWhileTheTableMovesOnAreEachOfOneVersionAndInOrder) {
  // Commands and publishes with no wait between them: on the view thread, views are built from
  // copies while the table changes under the hub. Each seat must get views of rising versions,
  // and its last one must be its view now.
  openDeliberation();
  std::vector<std::pair<int, std::string>> lines{{ukr, "decide ukr grid_attack rus"}};
  for (int actor : {pol, deu}) {
    int taken = 0;
    const json view = lastView(actor);
    for (const json& o : view["options"])
      if (o["legal"].get<bool>() && taken++ < 3) lines.emplace_back(actor, o["line"].get<std::string>());
  }
  lines.emplace_back(ukr, "disclose ukr grid_attack public");
  ASSERT_GE(lines.size(), 4u);
  for (const auto& [actor, line] : lines) {
    hub->received(connectionOf(actor), json{{"type", "command"}, {"line", line}}.dump());
    hub->publish();
  }
  ASSERT_EQ(table->facilitator("pause"), "");
  hub->publish();
  hub->flush();
  for (int a : {ukr, pol, deu}) {
    std::uint64_t last = 0;
    for (const std::string& m : out.sent[connectionOf(a)]) {
      if (m.find("\"type\":\"view\"") == std::string::npos) continue;
      const std::uint64_t version = json::parse(m)["version"];
      EXPECT_GT(version, last) << "a view older than one sent before it";
      last = version;
    }
    EXPECT_EQ(last, table->version());
  }
  expectEverySeatUpToDate();
}

INSTANTIATE_TEST_SUITE_P(Building, SeatHubViewTest,
                         ::testing::Values(ViewBuilding::Caller, ViewBuilding::ViewThread),
                         [](const ::testing::TestParamInfo<ViewBuilding>& param) {
                           return param.param == ViewBuilding::Caller ? std::string("OnTheCaller")
                                                                      : std::string("OnTheViewThread");
                         });

}  // namespace
}  // namespace demarche::seats

namespace demarche::seats {
namespace {

TEST(TeamJsonCache, ReusesTheOptionsTextOnlyForTheSameActorAndTheSameOptions) {
  const ScenarioDef& def = winterGrid();
  const int ukr = indexOfId(def.actors, "ukr");
  const int pol = indexOfId(def.actors, "pol");
  HeadlessTable table(def, 0, {ukr, pol});
  ASSERT_EQ(table.facilitator("end_phase"), "");
  const auto view = [&](int actor, TeamJsonCache* cache) {
    return teamViewJson(table.engine(), table.session().state(), actor, "en", SeatExtras{}, cache);
  };
  TeamJsonCache cache;
  EXPECT_EQ(view(ukr, &cache), view(ukr, nullptr));
  EXPECT_EQ(cache.reused, 0);
  EXPECT_EQ(view(ukr, &cache), view(ukr, nullptr));
  EXPECT_EQ(cache.reused, 1) << "the same options: their text is reused";
  // Another actor's options are never served from ukr's text.
  EXPECT_EQ(view(pol, &cache), view(pol, nullptr));
  EXPECT_EQ(cache.reused, 1);
  // ukr queues a measure: its options change (capital, already queued), so they are written again.
  EXPECT_EQ(view(ukr, &cache), view(ukr, nullptr));
  std::string line;
  const json fresh = json::parse(view(ukr, nullptr));
  for (const json& o : fresh["options"])
    if (o["legal"].get<bool>()) line = o["line"];
  ASSERT_FALSE(line.empty());
  const int reused = cache.reused;
  ASSERT_EQ(table.submitFromSeat(*parseCommand(def, line).command, ukr, "en"), std::nullopt);
  EXPECT_EQ(view(ukr, &cache), view(ukr, nullptr));
  EXPECT_EQ(cache.reused, reused);
}

// The page says where an item of evidence comes from in words, as the window does ("open
// source", "відкриті джерела"), not as the scenario file spells it ("open_source").
TEST(TeamJsonWords, AnEvidenceItemsSourceReadsInWords) {
  test::installUkrainian();
  const ScenarioDef& def = winterGrid();
  const int ukr = indexOfId(def.actors, "ukr");
  HeadlessTable table(def, 0, {ukr});
  ASSERT_EQ(table.facilitator("end_phase"), "");
  for (const char* lang : {"en", "uk"}) {
    const json view =
        json::parse(teamViewJson(table.engine(), table.session().state(), ukr, lang, SeatExtras{}, nullptr));
    bool openSource = false;
    ASSERT_FALSE(view["evidence"].empty());
    for (const json& e : view["evidence"]) {
      const std::string word = e["sourceWord"];
      EXPECT_EQ(word.find('_'), std::string::npos) << lang << ": " << word;
      if (e["source"] == "open_source") {
        openSource = true;
        EXPECT_EQ(word, std::string(lang) == "en" ? "open source" : Phrases("uk").word("open source"))
            << lang;
      }
    }
    EXPECT_TRUE(openSource) << "Winter Grid's hacktivist claim is open source";
  }
}

}  // namespace
}  // namespace demarche::seats
