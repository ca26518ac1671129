// The --decisions file: per-turn commands for the seats people play, with the seat left out
// of each command, and diagnostics at file:line:col like the scenario loader's.
#include <gtest/gtest.h>

#include "core/RandomPolicy.hpp"
#include "core/Session.hpp"
#include "scenario/Decisions.hpp"
#include "scenario/Loader.hpp"

namespace demarche::scenario {
namespace {

const ScenarioDef& winterGrid() {
  static const ScenarioDef def = [] {
    auto loaded = loadScenario(std::string(DEMARCHE_SOURCE_DIR) + "/scenarios/winter-grid.yaml");
    if (!loaded.ok()) throw std::runtime_error(formatDiagnostics(loaded));
    return std::move(*loaded.scenario);
  }();
  return def;
}

int actorIndex(const std::string& id) {
  const auto& actors = winterGrid().actors;
  for (std::size_t i = 0; i < actors.size(); ++i)
    if (actors[i].id == id) return static_cast<int>(i);
  return -1;
}

DecisionsResult load(std::string_view text) { return loadDecisionsFromString(text, "d.yaml", winterGrid()); }

Diagnostic onlyError(const DecisionsResult& r) {
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.size(), 1u) << formatDiagnostics(r);
  return r.diagnostics.at(0);
}

TEST(Decisions, EachSeatsCommandsAreReadWithTheSeatAsTheActor) {
  const auto r = load(R"(
- turn: 1
  ukr: ["measure forensic_investigation incident=grid_attack",
        "propose to=deu,pol terms=intelligence_sharing incident=grid_attack"]
- turn: 2
  ukr: ["decide grid_attack rus", "disclose grid_attack public"]
  pol: []
)");
  ASSERT_TRUE(r.ok()) << formatDiagnostics(r);
  const Decisions& d = *r.decisions;
  EXPECT_EQ(d.seats, (std::vector<int>{std::min(actorIndex("ukr"), actorIndex("pol")),
                                       std::max(actorIndex("ukr"), actorIndex("pol"))}));
  ASSERT_EQ(d.decisions.size(), 4u);
  const auto* m = std::get_if<TakeMeasure>(&d.decisions[0].command);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->actor, actorIndex("ukr"));
  const auto* p = std::get_if<Propose>(&d.decisions[1].command);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->from, actorIndex("ukr"));
  EXPECT_EQ(p->to, (std::vector<int>{actorIndex("deu"), actorIndex("pol")}));
  const auto* decide = std::get_if<DecideAttribution>(&d.decisions[2].command);
  ASSERT_NE(decide, nullptr);
  EXPECT_EQ(decide->candidate, actorIndex("rus"));
  EXPECT_EQ(d.decisions[2].turn, 2);
  EXPECT_EQ(d.decisions[2].line, 6);
  EXPECT_EQ(d.decisions[2].column, 10);  // after the opening quote
}

TEST(Decisions, NamingTheSeatItselfIsAcceptedButAnotherActorIsAnError) {
  ASSERT_TRUE(load("- turn: 1\n  ukr: [\"decide ukr grid_attack rus\"]\n").ok());
  const Diagnostic e = onlyError(load("- turn: 1\n  ukr: [\"decide pol grid_attack rus\"]\n"));
  EXPECT_EQ(e.code, "D209");
  EXPECT_NE(e.message.find("given by 'pol'"), std::string::npos) << e.message;
}

TEST(Decisions, AnUnknownSeatIsReportedWhereItIsWithASuggestion) {
  const Diagnostic e = onlyError(load("- turn: 1\n  urk: [\"decide grid_attack rus\"]\n"));
  EXPECT_EQ(e.code, "D205");
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.column, 3);
  EXPECT_EQ(e.suggestion, "did you mean 'ukr'?");
}

TEST(Decisions, ABadIdInACommandPointsAtItsColumnInTheFile) {
  const auto r = load("- turn: 1\n  ukr: [\"measure forensic_investigaton incident=grid_attack\"]\n");
  const Diagnostic e = onlyError(r);
  EXPECT_EQ(e.code, "D208");
  EXPECT_EQ(e.line, 2);
  // `  ukr: ["measure ` is 17 characters: the measure id starts at column 18.
  EXPECT_EQ(e.column, 18) << e.message;
  EXPECT_NE(e.message.find("forensic_investigaton"), std::string::npos) << e.message;
  const std::string text = formatDiagnostics(r);
  EXPECT_NE(text.find("d.yaml:2:18: error[D208]"), std::string::npos) << text;
}

TEST(Decisions, TurnsMustBeInTheScenarioAndListedOnce) {
  EXPECT_EQ(onlyError(load("- turn: 0\n  ukr: []\n")).code, "D203");
  EXPECT_EQ(onlyError(load("- turn: 99\n  ukr: []\n")).code, "D203");
  EXPECT_EQ(onlyError(load("- turn: two\n  ukr: []\n")).code, "D203");
  EXPECT_EQ(onlyError(load("- ukr: []\n")).code, "D202");
  const Diagnostic twice = onlyError(load("- turn: 1\n  ukr: []\n- turn: 1\n  pol: []\n"));
  EXPECT_EQ(twice.code, "D204");
  EXPECT_EQ(twice.line, 3);
  EXPECT_NE(twice.message.find("first at line 1"), std::string::npos);
}

TEST(Decisions, SeatsAndTheFacilitatorMayUseOnlyTheirOwnVerbs) {
  EXPECT_EQ(onlyError(load("- turn: 1\n  ukr: [\"end_phase\"]\n")).code, "D207");
  EXPECT_EQ(onlyError(load("- turn: 1\n  ukr: [\"inject inj_blackout\"]\n")).code, "D207");
  EXPECT_EQ(onlyError(load("- turn: 1\n  facilitator: [\"undo_turn\"]\n")).code, "D207");
  const auto ok = load(
      "- turn: 2\n  facilitator: [\"adjust ukr credibility -5 \\\"Leaked memo\\\"\", \"reveal_truth\"]\n");
  ASSERT_TRUE(ok.ok()) << formatDiagnostics(ok);
  EXPECT_TRUE(ok.decisions->seats.empty());
  EXPECT_EQ(ok.decisions->decisions.at(0).actor, -1);
}

TEST(Decisions, WrongShapesAreErrorsNotCrashes) {
  EXPECT_EQ(onlyError(load("turn: 1\n")).code, "D201");
  EXPECT_EQ(onlyError(load("- 3\n")).code, "D201");
  EXPECT_EQ(onlyError(load("- turn: 1\n  ukr: \"decide grid_attack rus\"\n")).code, "D206");
  EXPECT_EQ(onlyError(load("- turn: 1\n  ukr: [[1]]\n")).code, "D206");
  EXPECT_FALSE(load("- turn: [\n").ok());
  EXPECT_EQ(onlyError(load(std::string("- turn: 1\n\0\xff", 12))).code, "E104");
  EXPECT_FALSE(load("").ok());
}

TEST(Decisions, AMissingFileIsUnreadable) {
  const auto r = loadDecisions("/nonexistent/decisions.yaml", winterGrid());
  EXPECT_TRUE(r.unreadable());
}

// Seats from the file do exactly what it says and nothing else.
TEST(Decisions, AScriptedSeatGivesExactlyItsCommandsOfEachTurn) {
  const auto r = load(R"(
- turn: 1
  ukr: ["measure forensic_investigation incident=grid_attack"]
- turn: 2
  ukr: ["decide grid_attack rus"]
)");
  ASSERT_TRUE(r.ok()) << formatDiagnostics(r);
  const Engine engine(winterGrid());
  Session session(engine, 5);
  ScriptedPolicy scripted(*r.decisions);
  std::vector<RandomPolicy> randoms;
  for (std::size_t a = 0; a < winterGrid().actors.size(); ++a) randoms.emplace_back(a + 1);
  std::vector<Policy*> seats;
  for (std::size_t a = 0; a < randoms.size(); ++a) seats.push_back(&randoms[a]);
  const int ukr = actorIndex("ukr");
  seats[static_cast<std::size_t>(ukr)] = &scripted;
  playOut(session, seats);
  std::vector<Command> byUkr;
  for (const Command& c : session.commands())
    if (commandActor(c) == ukr) byUkr.push_back(c);
  ASSERT_EQ(byUkr.size(), 2u);
  EXPECT_EQ(byUkr[0], r.decisions->decisions[0].command);
  EXPECT_EQ(byUkr[1], r.decisions->decisions[1].command);
}

}  // namespace
}  // namespace demarche::scenario
