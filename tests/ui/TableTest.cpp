// The live table without a display: what a facilitator and two teams at one laptop do, and
// what they must never see or lose.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "agents/Simulation.hpp"
#include "core/CommandText.hpp"
#include "core/Lookup.hpp"
#include "ui/Debrief.hpp"
#include "ui/Script.hpp"
#include "ui/Table.hpp"

namespace demarche::ui {
namespace {
namespace fs = std::filesystem;

int actor(const ScenarioDef& def, const std::string& id) { return indexOfId(def.actors, id); }
int measure(const ScenarioDef& def, const std::string& id) { return indexOfId(def.measures, id); }
int term(const ScenarioDef& def, const std::string& id) { return indexOfId(def.terms, id); }
int incident(const ScenarioDef& def, const std::string& id) { return indexOfId(def.incidents, id); }

std::string readFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class TableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("demarche-table-" + std::to_string(::getpid()) + "-" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir / "scenarios");
    fs::copy_file(fs::path(DEMARCHE_SOURCE_DIR) / "scenarios/winter-grid.yaml",
                  dir / "scenarios/winter-grid.yaml");
    fs::copy(fs::path(DEMARCHE_SOURCE_DIR) / "scenarios/catalog", dir / "scenarios/catalog");
    options.scenariosDir = dir / "scenarios";
    options.saveDir = dir / "out";
    options.openReportFolder = false;
  }
  void TearDown() override { fs::remove_all(dir); }

  std::unique_ptr<Table> startTwoTeams(const std::string& pin = "") {
    auto table = std::make_unique<Table>(options);
    EXPECT_TRUE(table->setTeams("ukr,eu"));
    table->pin = pin;
    EXPECT_TRUE(table->start());
    return table;
  }

  // Two teams in the first deliberation, Ukraine holding the laptop.
  std::unique_ptr<Table> ukraineAtTheLaptop() {
    auto table = startTwoTeams();
    EXPECT_TRUE(table->nextPhase());
    table->takeLaptop();
    EXPECT_EQ(table->teamView().actorId, "ukr");
    return table;
  }

  fs::path dir;
  TableOptions options;
};

TEST_F(TableTest, TheStartScreenListsScenariosAndShowsABrokenFilesDiagnostics) {
  std::ofstream(dir / "scenarios/broken.yaml") << "id: broken\ntitle: [unclosed\n";
  Table table(options);
  ASSERT_EQ(table.scenarios().size(), 2u);
  const ScenarioEntry& broken = table.scenarios()[0];  // file-name order
  EXPECT_EQ(broken.path.filename(), "broken.yaml");
  EXPECT_FALSE(broken.def);
  EXPECT_NE(broken.diagnostics.find("broken.yaml:"), std::string::npos) << broken.diagnostics;
  // The first scenario that loads is chosen, with its default seats.
  ASSERT_NE(table.selectedDef(), nullptr);
  EXPECT_EQ(table.selectedDef()->id, "winter-grid");
  EXPECT_EQ(table.scenarios()[1].turns, 6);
  EXPECT_FALSE(table.scenarios()[1].objectives.empty());
  const int ukr = actor(*table.selectedDef(), "ukr");
  EXPECT_EQ(table.seats()[static_cast<std::size_t>(ukr)].kind, SeatKind::Team);
  // The scenario's suggested pace becomes the timer; what is real and what is invented is said.
  EXPECT_EQ(table.timerMinutes, 12);
  EXPECT_EQ(table.selectedDef()->lengthMinutes, 90);
  EXPECT_NE(table.scenarios()[1].factAndFiction.find("Invented:"), std::string::npos);
  // Choosing the broken one is refused with a notice; nothing closes.
  EXPECT_FALSE(table.select(0));
  EXPECT_TRUE(table.notices().back().refusal);
  EXPECT_FALSE(table.start());
  // Fixed and looked at again: it loads.
  std::ofstream(dir / "scenarios/broken.yaml", std::ios::trunc) << "";
  EXPECT_FALSE(table.setTeams("nobody"));
}

// What the screen shows of the notices (the floating box, or the debrief's export line): a
// refusal until someone dismisses it, anything else for kNoticeSeconds.
TEST_F(TableTest, NoticesLeaveTheScreenAfterAWhileButRefusalsStayUntilDismissed) {
  auto table = startTwoTeams();
  table->clearNotices();
  table->tick(100);
  const ScenarioDef& def = table->def();
  EXPECT_FALSE(table->takeMeasure(measure(def, "forensic_investigation"), -1, incident(def, "grid_attack")));
  ASSERT_TRUE(table->writeReport(".md").has_value());
  ASSERT_EQ(table->liveNotices().size(), 2u);
  EXPECT_TRUE(table->liveNotices()[0]->refusal);
  EXPECT_NE(table->liveNotices()[1]->text.find("Debrief written"), std::string::npos);
  table->tick(100 + kNoticeSeconds - 1);
  EXPECT_EQ(table->liveNotices().size(), 2u);
  table->tick(100 + kNoticeSeconds + 1);
  ASSERT_EQ(table->liveNotices().size(), 1u);
  EXPECT_TRUE(table->liveNotices()[0]->refusal);
  table->clearNotices();
  EXPECT_TRUE(table->liveNotices().empty());
}

TEST_F(TableTest, TeamsPassTheLaptopAndEachSeesOnlyItsOwnView) {
  auto table = startTwoTeams();
  const ScenarioDef& def = table->def();
  const int ukr = actor(def, "ukr"), eu = actor(def, "eu");
  EXPECT_EQ(table->screen(), Screen::Room);
  // Before deliberation and between teams no team's view is open; team commands are refused.
  EXPECT_FALSE(table->takeMeasure(measure(def, "forensic_investigation"), -1, incident(def, "grid_attack")));
  EXPECT_TRUE(table->notices().back().refusal);
  ASSERT_TRUE(table->nextPhase());
  ASSERT_EQ(table->session().state().phase, Phase::Deliberation);
  EXPECT_EQ(table->screen(), Screen::Handover);
  EXPECT_EQ(table->handoverTeam(), ukr);
  EXPECT_EQ(table->activeTeam(), -1);
  table->takeLaptop();
  EXPECT_EQ(table->screen(), Screen::Team);
  EXPECT_EQ(table->teamView().actorId, "ukr");
  ASSERT_TRUE(table->takeMeasure(measure(def, "forensic_investigation"), -1, incident(def, "grid_attack")));
  // The command went in as Ukraine's team, in the log.
  EXPECT_EQ(table->session().senders().back(), Sender::team(ukr));
  EXPECT_EQ(table->teamView().queued.size(), 1u);
  table->done();
  EXPECT_EQ(table->screen(), Screen::Handover);
  EXPECT_EQ(table->handoverTeam(), eu);
  EXPECT_EQ(table->activeTeam(), -1);
  table->takeLaptop();
  const TeamView& euView = table->teamView();
  EXPECT_EQ(euView.actorId, "eu");
  EXPECT_TRUE(euView.queued.empty()) << "the EU must not see Ukraine's queued measure";
  table->done();
  EXPECT_EQ(table->screen(), Screen::Room);
  EXPECT_TRUE(table->teamDone(ukr));
  EXPECT_TRUE(table->teamDone(eu));
  // Closing the deliberation: a new one starts with both teams to play again.
  ASSERT_TRUE(table->nextPhase());
  EXPECT_FALSE(table->teamDone(ukr));
}

// A refused click says, on the projector, what was refused and why in the words the room
// reads (names, not the scenario's ids), and stays until dismissed.
TEST_F(TableTest, ARefusalsNoticeNamesTheCommandAndItsReasonInWords) {
  auto table = ukraineAtTheLaptop();
  const ScenarioDef& def = table->def();
  EXPECT_FALSE(table->takeMeasure(measure(def, "hotline_call"), actor(def, "oblenergo"), -1));
  ASSERT_TRUE(table->notices().back().refusal);
  EXPECT_EQ(table->notices().back().text,
            "Refused: Hotline call → Western Oblenergo (distribution company): 'Hotline call' is aimed at "
            "states; Western Oblenergo (distribution company) is a company");
  EXPECT_FALSE(table->propose({actor(def, "eu")}, {}, -1, "Talk?"));
  EXPECT_EQ(table->notices().back().text,
            "Refused: a proposal: → European Union: a proposal needs at least one term");
}

// The Measures tab's "Expected:" line: the effects in words, built with the team's view.
TEST_F(TableTest, AnOfferedMeasuresEffectsReadInWords) {
  auto table = ukraineAtTheLaptop();
  const ScenarioDef& def = table->def();
  EXPECT_EQ(table->effectsText(measure(def, "capacity_building")),
            "Cyber defence (target) +1; Resilience (target) +6; Trust: we \u2192 target +5");
  EXPECT_EQ(table->effectsText(-1), "");
}

// The Intelligence tab's Withdraw button: a disclosed attribution is taken back at a
// credibility cost, and the team may decide again and disclose the correction (rules §3.5).
TEST_F(TableTest, ATeamWithdrawsAnAttributionAndCorrectsIt) {
  auto table = ukraineAtTheLaptop();
  const ScenarioDef& def = table->def();
  const int ukr = actor(def, "ukr"), grid = incident(def, "grid_attack");
  const int wrong = def.incidents[static_cast<std::size_t>(grid)].candidates.back();
  ASSERT_TRUE(table->decide(grid, wrong));
  ASSERT_TRUE(table->disclose(grid, Disclosure::Private, {}));
  const int credibility = static_cast<int>(
      std::find(def.meterNames.begin(), def.meterNames.end(), "credibility") - def.meterNames.begin());
  const double before = table->session().state().meter(ukr, credibility);
  ASSERT_TRUE(table->withdraw(grid));
  EXPECT_EQ(table->session().senders().back(), Sender::team(ukr));
  EXPECT_EQ(table->teamView().assessments[0].disclosure, "none");
  EXPECT_LT(table->session().state().meter(ukr, credibility), before);
  const int right = def.incidents[static_cast<std::size_t>(grid)].candidates.front();
  ASSERT_TRUE(table->decide(grid, right));
  ASSERT_TRUE(table->disclose(grid, Disclosure::Public, {}));
  EXPECT_EQ(table->teamView().assessments[0].disclosure, "public");
  ASSERT_TRUE(table->withdraw(grid));
  EXPECT_FALSE(table->withdraw(grid)) << "nothing left to withdraw the second time";
  EXPECT_TRUE(table->notices().back().refusal);
}

// A team's joint attribution says whom it names (rules §4.1): its decided suspect unless it picks
// another, at the laptop and in a --ui-script (naming=ACTOR).
TEST_F(TableTest, ATeamsJointAttributionNamesItsDecidedSuspectUnlessItPicksAnother) {
  auto table = startTwoTeams();
  const ScenarioDef& def = table->def();
  const int eu = actor(def, "eu"), rus = actor(def, "rus"), grid = incident(def, "grid_attack");
  const std::vector<int> joint{term(def, "joint_attribution_pact")};
  ASSERT_TRUE(table->nextPhase());
  table->takeLaptop();  // Ukraine
  EXPECT_EQ(table->suggestedNaming(joint, grid), -1) << "nothing decided yet";
  ASSERT_TRUE(table->decide(grid, rus));
  EXPECT_EQ(table->suggestedNaming(joint, grid), rus);
  EXPECT_EQ(table->suggestedNaming({term(def, "intelligence_sharing")}, grid), -1);
  UiState ui;
  ASSERT_EQ(
      performStep(
          parseScript("propose to=eu terms=joint_attribution_pact incident=grid_attack \"Together?\"", "w")
              .steps[0],
          "w", *table, ui)
          .kind,
      StepResult::Kind::Done);
  const auto& proposals = table->session().state().proposals;
  ASSERT_FALSE(proposals.empty());
  EXPECT_EQ(proposals.back().naming, rus);
  EXPECT_EQ(proposals.back().to, std::vector<int>{eu});
  ASSERT_EQ(performStep(
                parseScript(
                    "propose to=eu terms=joint_attribution_pact incident=grid_attack naming=hacktivists", "w")
                    .steps[0],
                "w", *table, ui)
                .kind,
            StepResult::Kind::Done);
  EXPECT_EQ(table->session().state().proposals.back().naming, actor(def, "hacktivists"));
  const StepResult unknown = performStep(
      parseScript("propose to=eu terms=joint_attribution_pact incident=grid_attack naming=nobody", "w")
          .steps[0],
      "w", *table, ui);
  EXPECT_EQ(unknown.kind, StepResult::Kind::Failed);
  EXPECT_NE(unknown.error.find("no actor 'nobody'"), std::string::npos) << unknown.error;
}

TEST_F(TableTest, TwoTeamsAndAnAiNegotiateInsideOneWeek) {
  auto table = startTwoTeams();
  const ScenarioDef& def = table->def();
  const int eu = actor(def, "eu"), usa = actor(def, "usa");
  ASSERT_TRUE(table->nextPhase());
  table->takeLaptop();  // Ukraine
  const int week = table->session().state().turn;
  ASSERT_TRUE(
      table->propose({eu}, {term(def, "intelligence_sharing")}, incident(def, "grid_attack"), "Share?"));
  ASSERT_TRUE(table->propose({usa}, {term(def, "technical_assistance")}, -1, "Help us restore the grid?"));
  // The AI answered at once, with its reason, inside the same deliberation.
  const auto& proposals = table->teamView().proposals;
  const auto toUsa = std::find_if(proposals.begin(), proposals.end(), [](const ProposalView& p) {
    return std::find(p.terms.begin(), p.terms.end(), "technical_assistance") != p.terms.end() &&
           p.from == "ukr";
  });
  ASSERT_NE(toUsa, proposals.end());
  ASSERT_EQ(toUsa->replies.size(), 1u);
  EXPECT_NE(toUsa->replies[0].kind, "none");
  EXPECT_FALSE(toUsa->replies[0].reason.empty());
  table->done();
  table->takeLaptop();  // the EU
  int waiting = -1;
  for (const ProposalView& p : table->teamView().proposals)
    if (p.awaitingOurReply && p.from == "ukr") waiting = p.id;
  ASSERT_GE(waiting, 0);
  // A reply needs a reason: refused and shown without one.
  EXPECT_FALSE(table->reply(waiting, ReplyKind::Accept, {}, ""));
  EXPECT_TRUE(table->notices().back().refusal);
  ASSERT_TRUE(table->reply(waiting, ReplyKind::Accept, {}, "We share indicators today"));
  table->done();
  EXPECT_EQ(table->screen(), Screen::Room) << "both teams are done";
  table->callTeam(actor(def, "ukr"));  // Ukraine asks for the laptop again, same week
  table->takeLaptop();
  ASSERT_EQ(table->teamView().actorId, "ukr");
  EXPECT_EQ(table->session().state().turn, week);
  bool accepted = false;
  for (const ProposalView& p : table->teamView().proposals)
    if (p.id == waiting) {
      ASSERT_EQ(p.replies.size(), 1u);
      EXPECT_EQ(p.replies[0].kind, "accept");
      EXPECT_EQ(p.replies[0].reason, "We share indicators today");
      accepted = true;
    }
  EXPECT_TRUE(accepted) << "Ukraine sees its proposal #" << waiting;
}

TEST_F(TableTest, TheFacilitatorsPanelIsBehindItsPinAndLocksWhenATeamTakesTheLaptop) {
  auto table = startTwoTeams("4321");
  EXPECT_FALSE(table->facilitatorUnlocked());
  EXPECT_FALSE(table->nextPhase());
  EXPECT_TRUE(table->notices().back().refusal);
  EXPECT_EQ(table->session().state().phase, Phase::Briefing);
  EXPECT_FALSE(table->unlock("1234"));
  EXPECT_TRUE(table->unlock("4321"));
  ASSERT_TRUE(table->nextPhase());
  table->takeLaptop();
  EXPECT_FALSE(table->facilitatorUnlocked()) << "a team at the laptop must not reach the panel";
  EXPECT_FALSE(table->revealTruth());
  EXPECT_FALSE(table->session().state().truthRevealed);
}

TEST_F(TableTest, FacilitatorActionsAreLoggedCommandsFromTheFacilitator) {
  auto table = startTwoTeams();
  const ScenarioDef& def = table->def();
  const std::size_t before = table->session().commands().size();
  ASSERT_TRUE(table->pause());
  ASSERT_TRUE(table->resumePlay());
  ASSERT_TRUE(table->adjustMeter(actor(def, "ukr"), 0, -5, "cold snap"));
  EXPECT_FALSE(table->adjustMeter(actor(def, "ukr"), 0, -5, "")) << "a reason is required";
  ASSERT_TRUE(table->takeOver(actor(def, "usa")));
  EXPECT_EQ(table->teams().size(), 3u);
  ASSERT_TRUE(table->handBack(actor(def, "usa"), kDifficultyExpert));
  EXPECT_EQ(table->session().seat(actor(def, "usa")), (Seat{SeatKind::Ai, kDifficultyExpert}));
  ASSERT_TRUE(table->endExercise());
  EXPECT_EQ(table->screen(), Screen::End);
  const auto& commands = table->session().commands();
  ASSERT_EQ(commands.size(), before + 6);
  for (std::size_t i = before; i < commands.size(); ++i)
    EXPECT_EQ(table->session().senders()[i], Sender::facilitator()) << formatCommand(def, commands[i]);
  const auto debrief = table->writeDebrief();
  ASSERT_TRUE(debrief);
  EXPECT_TRUE(fs::is_regular_file(*debrief));
}

TEST_F(TableTest, AnExerciseKilledMidDeliberationResumesAtTheSamePlace) {
  std::uint64_t hash = 0;
  std::size_t commands = 0;
  {
    auto table = startTwoTeams();
    const ScenarioDef& def = table->def();
    ASSERT_TRUE(table->nextPhase());
    table->takeLaptop();
    ASSERT_TRUE(table->takeMeasure(measure(def, "forensic_investigation"), -1, incident(def, "grid_attack")));
    ASSERT_TRUE(table->propose({actor(def, "eu")}, {term(def, "intelligence_sharing")}, -1, "Share?"));
    hash = table->session().hash();
    commands = table->session().commands().size();
    // No orderly exit: the table is simply dropped, as a killed process would be.
  }
  Table again(options);
  const auto save = again.autosave();
  ASSERT_TRUE(save) << "the start screen offers to resume";
  ASSERT_TRUE(again.resume(*save));
  EXPECT_EQ(again.session().hash(), hash);
  EXPECT_EQ(again.session().commands().size(), commands);
  EXPECT_EQ(again.session().state().phase, Phase::Deliberation);
  EXPECT_EQ(again.teams().size(), 2u);
  EXPECT_NE(again.screen(), Screen::Team) << "no team's view opens by itself after a restart";
}

TEST_F(TableTest, TheCountdownRunsInDeliberationAndStopsWhilePaused) {
  auto table = std::make_unique<Table>(options);
  ASSERT_TRUE(table->setTeams("ukr,eu"));
  table->timerMinutes = 10;
  ASSERT_TRUE(table->start());
  EXPECT_EQ(formatCommand(table->def(), table->session().commands().front()), "timer 600")
      << "the start screen's clock is logged, so a resumed exercise keeps it";
  table->tick(100);
  EXPECT_FALSE(table->remainingSeconds()) << "no countdown at the briefing";
  ASSERT_TRUE(table->nextPhase());
  table->tick(160);
  ASSERT_TRUE(table->remainingSeconds());
  EXPECT_DOUBLE_EQ(*table->remainingSeconds(), 540);
  ASSERT_TRUE(table->pause());
  table->tick(400);
  EXPECT_DOUBLE_EQ(*table->remainingSeconds(), 540);
  EXPECT_FALSE(table->countdownRunning());
  ASSERT_TRUE(table->resumePlay());
  ASSERT_TRUE(table->extendTimer(120));
  EXPECT_EQ(formatCommand(table->def(), table->session().commands().back()), "timer +120");
  EXPECT_EQ(table->session().senders().back(), Sender::facilitator());
  table->tick(460);
  EXPECT_DOUBLE_EQ(*table->remainingSeconds(), 600);
  table->tick(5000);
  EXPECT_DOUBLE_EQ(*table->remainingSeconds(), 0);
  EXPECT_NE(table->notices().back().text.find("Time is up"), std::string::npos);
}

TEST_F(TableTest, ScriptErrorsSayWhereAndWhat) {
  const ScriptParse open = parseScript("start\npropose to=eu \"unclosed\n", "w.uiscript");
  EXPECT_EQ(open.error.rfind("w.uiscript:2:15:", 0), 0u) << open.error;
  const ScriptParse ok =
      parseScript("# comment\n\nteams ukr,eu  # seats\nreply last accept \"a reason\" terms=x\n", "w");
  ASSERT_TRUE(ok.error.empty());
  ASSERT_EQ(ok.steps.size(), 2u);
  EXPECT_EQ(ok.steps[1].line, 4);
  EXPECT_EQ(ok.steps[1].quoted.front(), "a reason");
  EXPECT_EQ(ok.steps[1].named.front(), (std::pair<std::string, std::string>{"terms", "x"}));
  Table table(options);
  UiState ui;
  const StepResult unknown = performStep(parseScript("jump", "w").steps[0], "w", table, ui);
  EXPECT_EQ(unknown.kind, StepResult::Kind::Failed);
  EXPECT_EQ(unknown.error.rfind("w:1: jump:", 0), 0u) << unknown.error;
  const StepResult early = performStep(parseScript("phase", "w").steps[0], "w", table, ui);
  EXPECT_NE(early.error.find("no exercise is running"), std::string::npos);
  // A refused action fails the script with the refusal; "try" lets it be refused.
  ASSERT_EQ(performStep(parseScript("start", "w").steps[0], "w", table, ui).kind, StepResult::Kind::Done);
  // The facilitator opens the deliberation (no PIN): done; then a measure with no team at the laptop.
  const StepResult phase = performStep(parseScript("phase", "w").steps[0], "w", table, ui);
  EXPECT_EQ(phase.kind, StepResult::Kind::Done);
  const StepResult notYours = performStep(
      parseScript("measure forensic_investigation incident=grid_attack", "w").steps[0], "w", table, ui);
  EXPECT_EQ(notYours.kind, StepResult::Kind::Failed);
  EXPECT_NE(notYours.error.find("no team has the laptop"), std::string::npos) << notYours.error;
  EXPECT_EQ(performStep(parseScript("try measure forensic_investigation", "w").steps[0], "w", table, ui).kind,
            StepResult::Kind::Done);
}

}  // namespace
}  // namespace demarche::ui

namespace demarche::ui {
namespace {

TEST_F(TableTest, TheDebriefExportsInEveryFormatAndItsTimelineIsQuietByDefault) {
  auto table = startTwoTeams();
  ASSERT_TRUE(table->endExercise());
  const AfterAction& aa = table->afterAction();
  EXPECT_FALSE(aa.objectives.empty());
  for (const std::string ext : {".html", ".md", ".json"}) {
    const auto path = table->writeReport(ext);
    ASSERT_TRUE(path) << ext;
    EXPECT_GT(fs::file_size(*path), 1000u) << ext;
  }
  EXPECT_FALSE(table->writeReport(".pdf"));
  EXPECT_TRUE(table->notices().back().refusal);
  Event found;
  found.kind = EventKind::InvestigationFound;
  found.b = 0;
  EXPECT_TRUE(eventIsQuiet(found)) << "an investigation that found nothing";
  found.b = 2;
  EXPECT_FALSE(eventIsQuiet(found));
  Event phase;
  phase.kind = EventKind::PhaseStarted;
  EXPECT_TRUE(eventIsQuiet(phase));
  Event measure;
  measure.kind = EventKind::MeasureResolved;
  EXPECT_FALSE(eventIsQuiet(measure));
  // Ten actors, ten colours no two alike.
  std::vector<unsigned> colours;
  for (std::size_t i = 0; i < 10; ++i) colours.push_back(seriesColour(i));
  std::sort(colours.begin(), colours.end());
  EXPECT_EQ(std::unique(colours.begin(), colours.end()), colours.end());
}

}  // namespace
}  // namespace demarche::ui

namespace demarche::ui {
namespace {

TEST_F(TableTest, WhatIfPlaysABranchWithTheAiOnOneSeatAndTheOtherTeamsChoicesReplayed) {
  auto table = startTwoTeams();
  const ScenarioDef& def = table->def();
  const int ukr = actor(def, "ukr"), eu = actor(def, "eu");
  // Week 1: both teams act, then the facilitator ends the exercise after week 2 starts.
  ASSERT_TRUE(table->nextPhase());
  table->takeLaptop();
  ASSERT_TRUE(table->takeMeasure(measure(def, "forensic_investigation"), -1, incident(def, "grid_attack")));
  table->done();
  table->takeLaptop();
  // The EU takes the first measure open to it.
  const auto& euOptions = table->teamView().options;
  const auto open =
      std::find_if(euOptions.begin(), euOptions.end(), [](const MeasureOption& o) { return o.legal; });
  ASSERT_NE(open, euOptions.end());
  const MeasureOption euChoice = *open;
  ASSERT_TRUE(table->takeMeasure(euChoice.measure, euChoice.target, euChoice.incident));
  table->done();
  for (int k = 0; k < 3; ++k) ASSERT_TRUE(table->nextPhase());
  ASSERT_EQ(table->session().state().turn, 2);
  ASSERT_TRUE(table->endExercise());
  const std::size_t played = table->session().commands().size();

  EXPECT_FALSE(table->playWhatIf(9, ukr, kDifficultyStandard)) << "not reached";
  ASSERT_TRUE(table->playWhatIf(1, ukr, kDifficultyExpert));
  const Session& branch = *table->whatIf();
  EXPECT_EQ(branch.state().phase, Phase::Ended) << "played to the end";
  // To an ending of the scenario (an early one, such as war, or the last week's), not to the
  // facilitator's end of the original.
  EXPECT_GE(branch.state().ending, 0);
  EXPECT_GT(branch.state().turn, 2);
  EXPECT_EQ(branch.seat(ukr), (Seat{SeatKind::Ai, kDifficultyExpert}));
  EXPECT_EQ(branch.seat(eu).kind, SeatKind::Scripted) << "the EU replays its own choices";
  // The EU's week-1 measure is in the branch, given by its replayed seat.
  bool euReplayed = false, ukrByAi = false;
  for (std::size_t k = 0; k < branch.commands().size(); ++k) {
    if (const auto* m = std::get_if<TakeMeasure>(&branch.commands()[k])) {
      euReplayed = euReplayed || (m->actor == eu && branch.senders()[k] == Sender::scripted(eu) &&
                                  m->measure == euChoice.measure && m->target == euChoice.target);
      ukrByAi = ukrByAi || (m->actor == ukr && branch.senders()[k] == Sender::ai(ukr));
    }
  }
  EXPECT_TRUE(euReplayed);
  EXPECT_TRUE(ukrByAi);
  // The exercise itself is untouched, and the same branch plays the same way again.
  EXPECT_EQ(table->session().commands().size(), played);
  const std::uint64_t first = branch.hash();
  ASSERT_TRUE(table->playWhatIf(1, ukr, kDifficultyExpert));
  EXPECT_EQ(table->whatIf()->hash(), first);
  // Side by side, exported.
  const auto html = table->writeComparison(".html");
  ASSERT_TRUE(html);
  EXPECT_NE(readFile(*html).find("what if the AI (expert) had played"), std::string::npos);
  EXPECT_TRUE(fs::is_regular_file(dir / "out" / "winter-grid.whatif.dlog")) << "the branch has its own save";
}

// The strongest debrief question: "what if we had attributed a week earlier?". The team's
// choices of one week are changed by hand; from the next week on it makes its own choices again.
TEST_F(TableTest, WhatIfWithChangedChoicesPlaysThemThatWeekAndTheTeamsOwnChoicesAfter) {
  auto table = startTwoTeams();
  const ScenarioDef& def = table->def();
  const int ukr = actor(def, "ukr"), rus = actor(def, "rus"), grid = incident(def, "grid_attack");
  const int forensic = measure(def, "forensic_investigation");
  const auto firstLegal = [&]() {
    const auto& o = table->teamView().options;
    const auto it = std::find_if(o.begin(), o.end(), [](const MeasureOption& x) { return x.legal; });
    EXPECT_NE(it, o.end());
    return *it;
  };
  // Week 1: Ukraine investigates. Week 2: Ukraine takes the first measure open to it.
  ASSERT_TRUE(table->nextPhase());
  table->takeLaptop();
  ASSERT_TRUE(table->takeMeasure(forensic, -1, grid));
  table->done();
  for (int k = 0; k < 3; ++k) ASSERT_TRUE(table->nextPhase());
  ASSERT_EQ(table->session().state().turn, 2);
  ASSERT_TRUE(table->nextPhase());
  table->callTeam(ukr);
  table->takeLaptop();
  const MeasureOption week2 = firstLegal();
  ASSERT_TRUE(table->takeMeasure(week2.measure, week2.target, week2.incident));
  table->done();
  // The facilitator makes the world of week 2: the branch gets it too.
  ASSERT_TRUE(table->unlock(""));
  ASSERT_TRUE(table->adjustMeter(rus, 0, -7, "Sanctions bite"));
  for (int k = 0; k < 3; ++k) ASSERT_TRUE(table->nextPhase());
  ASSERT_TRUE(table->endExercise());

  // The draft starts from what Ukraine did in week 1.
  const std::vector<Command> made = table->choicesMade(1, ukr);
  ASSERT_EQ(made.size(), 1u);
  EXPECT_EQ(made[0], (Command{TakeMeasure{ukr, forensic, -1, grid}}));
  // The draft view answers each changed choice as the engine would have then, and its
  // options follow the draft (a decision taken shows in the assessment).
  const std::vector<Command> draft{DecideAttribution{ukr, grid, rus}, DecideAttribution{ukr, grid, ukr}};
  std::vector<std::string> refusals;
  const TeamView* view = table->whatIfDraftView(1, ukr, draft, refusals);
  ASSERT_NE(view, nullptr);
  ASSERT_EQ(refusals.size(), 2u);
  EXPECT_EQ(refusals[0], "");
  EXPECT_NE(refusals[1].find("not a candidate"), std::string::npos) << refusals[1];
  const auto assessment = std::find_if(view->assessments.begin(), view->assessments.end(),
                                       [](const AssessmentView& a) { return a.incident == "grid_attack"; });
  ASSERT_NE(assessment, view->assessments.end());
  EXPECT_EQ(assessment->decided, "rus");
  EXPECT_EQ(table->session().state().turn, 3) << "drafting changes nothing in the exercise";

  ASSERT_TRUE(table->playWhatIfChoices(1, ukr, {DecideAttribution{ukr, grid, rus}}));
  const Session& branch = *table->whatIf();
  EXPECT_EQ(branch.state().phase, Phase::Ended);
  EXPECT_EQ(branch.seat(ukr).kind, SeatKind::Scripted);
  const auto commandsOf = [&](int turn) {
    std::vector<Command> out;
    const auto& starts = branch.turnStarts();
    for (std::size_t t = 0; t < starts.size(); ++t) {
      if (starts[t].turn != turn) continue;
      const std::size_t end = t + 1 < starts.size() ? starts[t + 1].firstCommand : branch.commands().size();
      for (std::size_t k = starts[t].firstCommand; k < end; ++k)
        if (branch.senders()[k] == Sender::scripted(ukr)) out.push_back(branch.commands()[k]);
    }
    return out;
  };
  EXPECT_EQ(commandsOf(1), (std::vector<Command>{DecideAttribution{ukr, grid, rus}})) << "the changed week";
  const std::vector<Command> second = commandsOf(2);
  EXPECT_NE(std::find(second.begin(), second.end(),
                      Command{TakeMeasure{ukr, week2.measure, week2.target, week2.incident}}),
            second.end())
      << "its own choice of week 2 again";
  EXPECT_EQ(branch.state().decision(ukr, grid), rus);
  const auto adjusted =
      std::find_if(branch.commands().begin(), branch.commands().end(), [](const Command& c) {
        const auto* a = std::get_if<AdjustMeter>(&c);
        return a && a->reason == "Sanctions bite";
      });
  ASSERT_NE(adjusted, branch.commands().end()) << "the facilitator's adjustment is in the branch";
  const std::size_t at = static_cast<std::size_t>(adjusted - branch.commands().begin());
  EXPECT_EQ(branch.senders()[at], Sender::facilitator());
  const auto& starts = branch.turnStarts();
  const auto turnOf = std::find_if(starts.rbegin(), starts.rend(),
                                   [&](const Session::TurnStart& t) { return t.firstCommand <= at; });
  ASSERT_NE(turnOf, starts.rend());
  EXPECT_EQ(turnOf->turn, 2) << "given in the week it was given in";
  EXPECT_NE(table->whatIfLabel().find("had chosen differently in week 1"), std::string::npos)
      << table->whatIfLabel();

  // A script does the same.
  UiState ui;
  const ScriptParse parsed =
      parseScript("whatif 1 ukr choices \"decide ukr grid_attack rus\"\n", "t.uiscript");
  ASSERT_TRUE(parsed.error.empty()) << parsed.error;
  const std::uint64_t byHand = branch.hash();
  const StepResult step = performStep(parsed.steps.at(0), "t.uiscript", *table, ui);
  ASSERT_EQ(step.kind, StepResult::Kind::Done) << step.error;
  EXPECT_EQ(table->whatIf()->hash(), byHand);
  EXPECT_EQ(ui.whatIfMode, 1);
}

}  // namespace
}  // namespace demarche::ui

namespace demarche::ui {
namespace {

void touchLater(const fs::path& file) {
  fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(5));
}

TEST_F(TableTest, AChangedScenarioIsReloadedABrokenOneNeverStopsTheExercise) {
  auto table = startTwoTeams();
  table->watch = true;
  const fs::path file = dir / "scenarios/winter-grid.yaml";
  ASSERT_TRUE(table->nextPhase());
  table->takeLaptop();
  ASSERT_TRUE(table->takeMeasure(measure(table->def(), "forensic_investigation"), -1,
                                 incident(table->def(), "grid_attack")));
  table->done();
  const std::size_t commands = table->session().commands().size();
  table->pollFiles(10);  // remembers the files
  table->pollFiles(20);
  EXPECT_FALSE(table->reload().pending) << "nothing changed";

  // The author breaks the file: its diagnostics are shown, the exercise goes on.
  const std::string original = readFile(file);
  std::ofstream(file, std::ios::trunc) << original << "\nthis is: [not valid\n";
  touchLater(file);
  table->pollFiles(30);
  ASSERT_TRUE(table->reload().pending);
  EXPECT_FALSE(table->reload().ok);
  EXPECT_NE(table->reload().diagnostics.find("winter-grid.yaml:"), std::string::npos)
      << table->reload().diagnostics;
  EXPECT_TRUE(table->running());
  EXPECT_EQ(table->session().commands().size(), commands);
  EXPECT_FALSE(table->replayOntoReload());

  // Fixed, with a reworded summary: the log replays onto it, the exercise where it was.
  std::string reworded = original;
  const auto at = reworded.find("In the coldest week of winter");
  ASSERT_NE(at, std::string::npos);
  reworded.replace(at, 2, "During");
  std::ofstream(file, std::ios::trunc) << reworded;
  touchLater(file);
  table->pollFiles(40);
  ASSERT_TRUE(table->reload().pending);
  ASSERT_TRUE(table->reload().ok) << table->reload().diagnostics;
  const std::uint64_t hash = table->session().hash();
  ASSERT_TRUE(table->replayOntoReload()) << table->notices().back().text;
  EXPECT_EQ(table->session().commands().size(), commands);
  EXPECT_EQ(table->session().hash(), hash);
  EXPECT_EQ(table->session().state().phase, Phase::Deliberation);
  EXPECT_NE(table->def().summary.get("en").find("During the coldest week"), std::string::npos);
  EXPECT_FALSE(table->reload().pending);
}

}  // namespace
}  // namespace demarche::ui

namespace demarche::ui {
namespace {

TEST_F(TableTest, SimulateRunsInTheBackgroundAndReportsForTheChosenScenario) {
  Table table(options);
  EXPECT_EQ(table.simulation(), nullptr);
  table.startSimulation(12);
  // The window is not blocked: the call returns while the worker plays.
  while (table.simulating()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const agents::SimulationSummary* sum = table.simulation();
  ASSERT_NE(sum, nullptr);
  EXPECT_EQ(sum->runs, 12);
  EXPECT_EQ(table.simulationFinished(), 12);
  long long endings = 0;
  for (long long n : sum->endings) endings += n;
  EXPECT_EQ(endings, 12) << "every exercise ends one way or another";
  ASSERT_NE(table.simulationScenario(), nullptr);
  EXPECT_EQ(table.simulationScenario()->id, "winter-grid");
}

}  // namespace
}  // namespace demarche::ui
