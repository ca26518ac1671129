// The window's table serving team seats to browsers (play --serve): a browser's command goes
// through the table as its team's seat, whoever has the laptop, and a refusal goes back to that
// browser only, never onto the projector. The hub is fed directly here (a connection that
// exists only for the hub); tests/seats drives the same hub through real sockets.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/CommandText.hpp"
#include "core/Lookup.hpp"
#include "core/Options.hpp"
#include "ui/BrowserSeats.hpp"
#include "ui/Table.hpp"

namespace demarche::ui {
namespace {
namespace fs = std::filesystem;

class BrowserSeatsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("demarche-bseats-" + std::to_string(::getpid()) + "-" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    TableOptions options;
    options.scenariosDir = fs::path(DEMARCHE_SOURCE_DIR) / "scenarios";
    options.saveDir = dir;
    options.openReportFolder = false;
    table = std::make_unique<Table>(options);
    table->addScenario(fs::path(DEMARCHE_SOURCE_DIR) / "scenarios/winter-grid.yaml");
    ASSERT_TRUE(table->setTeams("ukr,pol", true));  // as `play --seats ukr,pol --serve`
    ASSERT_TRUE(table->start());
    seats::ServerOptions server;
    server.port = 0;
    server.webRoot = fs::path(DEMARCHE_SOURCE_DIR) / "assets/web";
    std::string error;
    browsers = BrowserSeats::start(*table, server, error);
    ASSERT_TRUE(browsers) << error;
    ukr = indexOfId(table->def().actors, "ukr");
    pol = indexOfId(table->def().actors, "pol");
  }
  void TearDown() override {
    browsers.reset();
    table.reset();
    fs::remove_all(dir);
  }
  // A browser (connection `id`) joins `actor`'s seat.
  void join(seats::ConnectionId id, int actor) {
    browsers->hub().opened(id);
    browsers->hub().received(
        id, R"({"type":"join","code":")" + browsers->hub().codeOf(actor) + R"(","lang":"en"})");
  }
  void send(seats::ConnectionId id, const std::string& line) {
    browsers->hub().received(id, R"({"type":"command","line":")" + line + R"("})");
  }
  std::string legalLine(int actor) {
    for (const MeasureOption& o : measureOptions(table->engine(), table->session().state(), actor))
      if (o.legal) return formatCommand(table->def(), TakeMeasure{actor, o.measure, o.target, o.incident});
    return {};
  }

  fs::path dir;
  std::unique_ptr<Table> table;
  std::unique_ptr<BrowserSeats> browsers;
  int ukr = -1, pol = -1;
};

TEST_F(BrowserSeatsTest, EveryTeamSeatHasAJoinCodeAndTheAiSeatsNone) {
  const auto status = browsers->status();
  ASSERT_EQ(status.size(), 2u);
  EXPECT_EQ(status[0].actorId, "ukr");
  EXPECT_EQ(status[1].actorId, "pol");
  EXPECT_NE(browsers->joinUrl(ukr).find("#" + status[0].code), std::string::npos);
}

TEST_F(BrowserSeatsTest, ABrowsersCommandIsTheTeamsWhileAnotherTeamHasTheLaptop) {
  ASSERT_TRUE(table->moveToHotSeat(pol));  // pol plays at the laptop, ukr in a browser
  ASSERT_TRUE(table->nextPhase());         // deliberation: pol is called to the laptop
  table->callTeam(pol);
  table->takeLaptop();
  ASSERT_EQ(table->activeTeam(), pol);
  join(1, ukr);
  const std::string line = legalLine(ukr);
  ASSERT_FALSE(line.empty());
  const std::uint64_t before = table->version();
  send(1, line);
  EXPECT_EQ(table->session().senders().back(), Sender::team(ukr));
  EXPECT_EQ(formatCommand(table->def(), table->session().commands().back()), line);
  EXPECT_GT(table->version(), before) << "the window redraws";
  EXPECT_EQ(table->activeTeam(), pol) << "the laptop stays with pol";
}

TEST_F(BrowserSeatsTest, ARefusalGoesToTheBrowserNeverOntoTheProjector) {
  ASSERT_TRUE(table->nextPhase());
  join(1, ukr);
  table->clearNotices();
  const std::size_t logged = table->session().commands().size();
  // Refused by the rules (not in deliberation? it is; a proposal to nobody is malformed) and
  // by the door (another actor's command).
  send(1, "propose ukr to=ukr terms=" + table->def().terms.front().id);
  send(1, legalLine(pol));
  EXPECT_EQ(table->session().commands().size(), logged);
  for (const Notice& n : table->notices()) EXPECT_FALSE(n.refusal) << n.text;
  EXPECT_FALSE(browsers->notes().empty());
}

TEST_F(BrowserSeatsTest, TheFacilitatorMovesASeatFromItsBrowserToTheHotSeatAndBack) {
  ASSERT_TRUE(table->nextPhase());  // deliberation: no team at the laptop, both play in browsers
  EXPECT_EQ(table->screen(), Screen::Room);
  EXPECT_TRUE(table->hotSeatTeams().empty());
  join(1, ukr);
  const std::string code = browsers->hub().codeOf(ukr);
  // Taken back to the hot seat: a logged facilitator command; the laptop can call ukr now.
  ASSERT_TRUE(table->moveToHotSeat(ukr));
  EXPECT_EQ(formatCommand(table->def(), table->session().commands().back()), "seat ukr team");
  EXPECT_EQ(table->session().senders().back(), Sender::facilitator());
  browsers->pump();
  seats::SeatStatus s = browsers->status().front();
  EXPECT_EQ(s.actor, ukr);
  EXPECT_FALSE(s.inBrowser);
  EXPECT_FALSE(s.connected);
  EXPECT_TRUE(s.waiting);
  EXPECT_EQ(table->hotSeatTeams(), std::vector<int>{ukr});
  table->callTeam(ukr);
  table->takeLaptop();
  EXPECT_EQ(table->activeTeam(), ukr);
  // The browser it was taken from can no longer act for ukr.
  const std::size_t logged = table->session().commands().size();
  send(1, legalLine(ukr));
  EXPECT_EQ(table->session().commands().size(), logged);
  // Given back to a browser: the laptop's screen leaves ukr's view, the browser rejoins.
  ASSERT_TRUE(table->moveToBrowser(ukr));
  EXPECT_EQ(formatCommand(table->def(), table->session().commands().back()), "seat ukr browser");
  EXPECT_NE(table->screen(), Screen::Team);
  browsers->pump();
  s = browsers->status().front();
  EXPECT_TRUE(s.inBrowser);
  EXPECT_TRUE(s.connected);
  EXPECT_EQ(browsers->hub().codeOf(ukr), code) << "the same code";
  // A browser seat is not called to the laptop.
  table->clearNotices();
  table->callTeam(ukr);
  ASSERT_FALSE(table->notices().empty());
  EXPECT_TRUE(table->notices().back().refusal);
  EXPECT_NE(table->screen(), Screen::Handover);
}

TEST_F(BrowserSeatsTest, HandingASeatToTheAiTakesItFromItsBrowserUntilItIsGivenBack) {
  join(1, ukr);
  ASSERT_TRUE(table->handBack(ukr, kDifficultyStandard));
  browsers->pump();
  ASSERT_EQ(browsers->status().size(), 2u);
  EXPECT_FALSE(browsers->status().front().inBrowser);
  EXPECT_FALSE(browsers->status().front().connected);
  bool noted = false;
  for (const std::string& n : browsers->notes())
    noted = noted || n.find("now played by the AI") != std::string::npos;
  EXPECT_TRUE(noted);
  ASSERT_TRUE(table->moveToBrowser(ukr));
  browsers->pump();
  EXPECT_TRUE(browsers->status().front().connected) << "the waiting browser has its seat again";
}

}  // namespace
}  // namespace demarche::ui
