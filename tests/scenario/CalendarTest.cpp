// Dated turns (`calendar:` in the format, docs/scenario-format.md): a case that spans three years
// is a few turns of uneven length. The loader reads the dates, expressions read `days`, `year` and
// `month`, the views and the reports show the date; the E211 fixtures in tests/fixtures/invalid
// hold the errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/AfterAction.hpp"
#include "core/Calendar.hpp"
#include "core/Session.hpp"
#include "core/View.hpp"
#include "scenario/Loader.hpp"

namespace demarche::scenario {
namespace {

// NotPetya (June 2017), the coordinated attribution (February 2018) and the EU's first cyber
// sanctions (July 2020) in four turns.
std::string notPetya(const std::string& calendar, const std::string& when = "year >= 2018") {
  return R"(format: 1
id: dated
title: Dated
turns: 4
turn_label: phase
)" + calendar +
         R"(
actors:
  - {id: ukr, name: Ukraine, kind: state}
  - {id: rus, name: Russia, kind: state}
escalation:
  rungs:
    - {id: calm, name: Calm, threshold: 0}
    - {id: war, name: War, threshold: 90, armed_conflict: true}
incidents:
  - id: notpetya
    title: NotPetya
    victim: ukr
    candidates: [rus]
    truth: {operator: rus}
injects:
  - id: attribution_season
    kind: news
    title: Partners are ready to attribute
    when: ")" +
         when + R"("
    effects: ["tension += 7"]
endings:
  - {id: muddle, title: Muddle, kind: stalemate, at_last_turn: true}
)";
}

const char* kUneven = "calendar:\n  dates: [2017-06-27, 2017-07-04, 2018-02-15, 2020-07-30]";

LoadResult load(const std::string& yaml) { return loadScenarioFromString(yaml, "dated.yaml"); }

// The turn at whose start each inject fired, -1 for never.
int firedAtTurn(const std::string& yaml) {
  const LoadResult r = load(yaml);
  EXPECT_TRUE(r.ok()) << formatDiagnostics(r);
  if (!r.ok()) return -2;
  const Engine engine(*r.scenario);
  Session session(engine, 1);
  while (session.state().phase != Phase::Ended) {
    if (session.state().injectFired[0] > 0) return session.state().turn;
    if (session.tryApply(Command{EndPhase{}}, Sender::facilitator()) != ReasonCode::None) return -3;
  }
  return -1;
}

TEST(Calendar, DatedTurnsLoadEvenOrUneven) {
  LoadResult r = load(notPetya(kUneven));
  ASSERT_TRUE(r.ok()) << formatDiagnostics(r);
  ASSERT_EQ(r.scenario->turnDates.size(), 4u);
  EXPECT_EQ(isoDate(r.scenario->turnDates[0]), "2017-06-27");
  EXPECT_EQ(isoDate(r.scenario->turnDates[3]), "2020-07-30");

  r = load(notPetya("calendar: {start: 2022-02-24, days_per_turn: 7}"));
  ASSERT_TRUE(r.ok()) << formatDiagnostics(r);
  ASSERT_EQ(r.scenario->turnDates.size(), 4u);
  EXPECT_EQ(isoDate(r.scenario->turnDates[1]), "2022-03-03");
  EXPECT_EQ(isoDate(r.scenario->turnDates[3]), "2022-03-17");
}

TEST(Calendar, ExpressionsReadTheDateOfTheTurn) {
  EXPECT_EQ(firedAtTurn(notPetya(kUneven, "year >= 2018")), 3);
  EXPECT_EQ(firedAtTurn(notPetya(kUneven, "year == 2017 && month == 7")), 2);
  // days since the first turn: 7 at turn 2, 233 at turn 3, 1129 at turn 4.
  EXPECT_EQ(firedAtTurn(notPetya(kUneven, "days > 1000")), 4);
  EXPECT_EQ(firedAtTurn(notPetya(kUneven, "days == 7")), 2);
}

TEST(Calendar, DateFunctionsWithoutACalendarAreE306) {
  const LoadResult r = load(notPetya("", "year >= 2018"));
  ASSERT_FALSE(r.ok());
  bool found = false;
  for (const Diagnostic& d : r.diagnostics)
    if (d.code == "E306" && d.message.find("no `calendar`") != std::string::npos) found = true;
  EXPECT_TRUE(found) << formatDiagnostics(r);
}

TEST(Calendar, TheRoomAndTheReportShowTheDate) {
  const LoadResult r = load(notPetya(kUneven));
  ASSERT_TRUE(r.ok()) << formatDiagnostics(r);
  const Engine engine(*r.scenario);
  Session session(engine, 1);
  ASSERT_EQ(session.tryApply(Command{EndPhase{}}, Sender::facilitator()), ReasonCode::None);
  const RoomView room = buildRoomView(engine, session.state(), "en");
  EXPECT_EQ(room.situation.turn, 1);
  EXPECT_EQ(room.situation.date, "2017-06-27");
  while (session.state().phase != Phase::Ended)
    ASSERT_EQ(session.tryApply(Command{EndPhase{}}, Sender::facilitator()), ReasonCode::None);
  const AfterAction aa = buildAfterAction(session, "uk");
  ASSERT_EQ(aa.turnDates.size(), 4u);
  EXPECT_EQ(aa.turnDates[2], "15 лютого 2018");
  EXPECT_EQ(buildAfterAction(session, "en").turnDates[3], "30 July 2020");
}

TEST(Calendar, IsoDatesAreCheckedDayByDay) {
  EXPECT_EQ(parseIsoDate("1970-01-01"), 0);
  EXPECT_EQ(parseIsoDate("2017-06-27"), 17344);
  EXPECT_TRUE(parseIsoDate("2020-02-29").has_value());  // a leap year
  EXPECT_FALSE(parseIsoDate("2019-02-29").has_value());
  EXPECT_FALSE(parseIsoDate("2100-02-29").has_value());  // not a leap year
  EXPECT_FALSE(parseIsoDate("2017-6-27").has_value());
  EXPECT_FALSE(parseIsoDate("2017-13-01").has_value());
  EXPECT_FALSE(parseIsoDate("27 June 2017").has_value());
  EXPECT_FALSE(parseIsoDate("1812-06-24").has_value());
  for (int day = -25567; day < 80000; day += 37) EXPECT_EQ(parseIsoDate(isoDate(day)), day) << day;
  EXPECT_EQ(longDate(17344, "en"), "27 June 2017");
  EXPECT_EQ(longDate(17344, "uk"), "27 червня 2017");
}

}  // namespace
}  // namespace demarche::scenario
