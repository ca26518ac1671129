// Specifications of who may give which command (the seat table and the senders), how the log
// and the save keep senders, seats and reasons, and what an undo leaves behind.
#include <gtest/gtest.h>

#include "SmallScenario.hpp"
#include "core/CommandText.hpp"
#include "core/Save.hpp"
#include "core/Session.hpp"

namespace demarche {
namespace {

using S = test::Small;

S withContentHash() {
  S sc;
  sc.def.contentHash = "00112233aabbccdd";
  return sc;
}

struct SeatedSession : ::testing::Test {
  S sc = withContentHash();
  Engine engine{sc.def};
  // ukr and rus are played by teams, the others by the AI.
  static std::vector<Seat> seats() {
    std::vector<Seat> table(6);
    table[S::ukr] = {SeatKind::Team, kDifficultyStandard};
    table[S::rus] = {SeatKind::Team, kDifficultyStandard};
    return table;
  }
  Session session{engine, 0, seats()};
  void toDeliberation() { ASSERT_FALSE(session.submit(EndPhase{}, Sender::facilitator())); }
};

TEST_F(SeatedSession, ATeamActsForItsOwnActorOnly) {
  toDeliberation();
  EXPECT_FALSE(session.submit(TakeMeasure{S::ukr, sc.harden, -1, -1}, Sender::team(S::ukr)));
  auto refused = session.submit(TakeMeasure{S::rus, sc.harden, -1, -1}, Sender::team(S::ukr));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, ReasonCode::NotYourSeat);
  EXPECT_EQ(refused->message, "only the seat of rus can act for it");
  // Nothing was applied or logged for the refused command.
  EXPECT_EQ(session.commands().size(), 2u);
  EXPECT_EQ(session.senders().back(), Sender::team(S::ukr));
}

TEST_F(SeatedSession, OnlyTheDisclosersSeatWithdrawsItsAttribution) {
  toDeliberation();
  ASSERT_FALSE(session.submit(DecideAttribution{S::ukr, sc.grid, S::rus}, Sender::team(S::ukr)));
  ASSERT_FALSE(session.submit(Disclose{S::ukr, sc.grid, Disclosure::Public, {}}, Sender::team(S::ukr)));
  auto refused = session.submit(Withdraw{S::ukr, sc.grid}, Sender::team(S::rus));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, ReasonCode::NotYourSeat);
  refused = session.submit(Withdraw{S::ukr, sc.grid}, Sender::facilitator());
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, ReasonCode::NotYourSeat);
  EXPECT_FALSE(session.submit(Withdraw{S::ukr, sc.grid}, Sender::team(S::ukr)));
}

TEST_F(SeatedSession, TheAiCannotActForASeatPeopleHold) {
  toDeliberation();
  auto refused = session.submit(TakeMeasure{S::ukr, sc.harden, -1, -1}, Sender::ai(S::ukr));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, ReasonCode::NotYourSeat);
  EXPECT_FALSE(session.submit(TakeMeasure{S::pol, sc.harden, -1, -1}, Sender::ai(S::pol)));
  // A script speaks only for a scripted seat.
  EXPECT_EQ(session.tryApply(TakeMeasure{S::deu, sc.harden, -1, -1}, Sender::scripted(S::deu)),
            ReasonCode::NotYourSeat);
}

TEST_F(SeatedSession, PhasesAndFacilitatorCommandsComeFromTheFacilitatorOnly) {
  auto refused = session.submit(EndPhase{}, Sender::team(S::ukr));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, ReasonCode::FacilitatorOnly);
  EXPECT_EQ(refused->message, "only the facilitator can end a phase");
  refused = session.submit(RevealTruth{}, Sender::ai(S::pol));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->message, "only the facilitator can give 'reveal_truth'");
  EXPECT_EQ(
      session.submit(AssignSeat{S::pol, {SeatKind::Team, kDifficultyStandard}}, Sender::team(S::ukr))->code,
      ReasonCode::FacilitatorOnly);
  // The facilitator may not act for a team without taking its seat.
  toDeliberation();
  EXPECT_EQ(session.submit(TakeMeasure{S::ukr, sc.harden, -1, -1}, Sender::facilitator())->code,
            ReasonCode::NotYourSeat);
}

TEST_F(SeatedSession, TheFacilitatorHandsSeatsOverInTheLogAndTheTimeline) {
  toDeliberation();
  ASSERT_FALSE(session.submit(AssignSeat{S::rus, {SeatKind::Ai, kDifficultyExpert}}, Sender::facilitator()));
  EXPECT_EQ(session.seat(S::rus), (Seat{SeatKind::Ai, kDifficultyExpert}));
  EXPECT_EQ(session.submit(TakeMeasure{S::rus, sc.harden, -1, -1}, Sender::team(S::rus))->code,
            ReasonCode::NotYourSeat);
  EXPECT_FALSE(session.submit(TakeMeasure{S::rus, sc.harden, -1, -1}, Sender::ai(S::rus)));
  bool seen = false;
  for (const Event& e : session.state().timeline) {
    if (e.kind != EventKind::SeatAssigned) continue;
    seen = true;
    EXPECT_EQ(engine.describe(session.state(), e),
              "The facilitator gives the seat of rus to the AI (expert)");
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(formatCommand(sc.def, session.commands()[1]), "seat rus ai expert");
}

TEST_F(SeatedSession, ASeatMovesBetweenABrowserAndTheHotSeatByLoggedFacilitatorCommands) {
  toDeliberation();
  // The seat's place is the facilitator's to change, and only the facilitator's.
  EXPECT_TRUE(session.submit(AssignSeat{S::ukr, Seat{SeatKind::Team, kDifficultyStandard, true}},
                             Sender::team(S::ukr)));
  ASSERT_FALSE(session.submit(*parseCommand(sc.def, "seat ukr browser").command, Sender::facilitator()));
  EXPECT_TRUE(session.seat(S::ukr).browser);
  EXPECT_EQ(session.seat(S::ukr).kind, SeatKind::Team);
  // A team in a browser sends as its team's seat, like the one at the laptop.
  EXPECT_FALSE(session.submit(TakeMeasure{S::ukr, sc.harden, -1, -1}, Sender::team(S::ukr)));
  ASSERT_FALSE(session.submit(*parseCommand(sc.def, "seat ukr team").command, Sender::facilitator()));
  EXPECT_FALSE(session.seat(S::ukr).browser);
  // A seat that is not a team's is never "in a browser".
  ASSERT_FALSE(
      session.submit(AssignSeat{S::rus, Seat{SeatKind::Ai, kDifficultyNovice, true}}, Sender::facilitator()));
  EXPECT_FALSE(session.seat(S::rus).browser);
  std::vector<std::string> said;
  for (const Event& e : session.state().timeline)
    if (e.kind == EventKind::SeatAssigned) said.push_back(engine.describe(session.state(), e));
  EXPECT_EQ(said, (std::vector<std::string>{"The facilitator gives the seat of ukr to a team in a browser",
                                            "The facilitator gives the seat of ukr to a team at the table",
                                            "The facilitator gives the seat of rus to the AI (novice)"}));
  // The log says it in the commands' own words, and replays to the same seat table.
  std::vector<std::string> lines;
  for (const Command& c : session.commands())
    if (std::holds_alternative<AssignSeat>(c)) lines.push_back(formatCommand(sc.def, c));
  EXPECT_EQ(lines, (std::vector<std::string>{"seat ukr browser", "seat ukr team", "seat rus ai novice"}));
}

TEST(SeatText, ABrowserSeatAtTheStartIsSavedAndRead) {
  S sc = withContentHash();
  Engine engine{sc.def};
  std::vector<Seat> seats(6);
  seats[S::ukr] = Seat{SeatKind::Team, kDifficultyStandard, true};
  Session session{engine, 0, seats};
  const std::string text = formatSave(session, "small.yaml");
  EXPECT_NE(text.find("\nseat ukr browser\n"), std::string::npos) << text;
  SaveRead read = parseSave(text);
  ASSERT_TRUE(read.log) << read.error.message;
  std::vector<Command> commands;
  ASSERT_FALSE(parseSaveCommands(*read.log, sc.def, commands));
  ReplayResult replay = replaySave(engine, *read.log, commands);
  ASSERT_TRUE(replay.identical) << replay.message;
  EXPECT_TRUE(replay.session->seat(S::ukr).browser);
  EXPECT_EQ(parseCommand(sc.def, "seat ukr sofa").error,
            "expected team, browser, ai, scripted or random, not 'sofa'");
}

TEST_F(SeatedSession, ASaveKeepsSeatsSendersAndReasonsAndReplaysThem) {
  toDeliberation();
  ASSERT_FALSE(session.submit(TakeMeasure{S::ukr, sc.harden, -1, -1}, Sender::team(S::ukr)));
  ASSERT_FALSE(session.submit(TakeMeasure{S::pol, sc.harden, -1, -1}, Sender::ai(S::pol),
                              "shores up its grid: resilience is low"));
  const std::string text = formatSave(session, "small.yaml");
  EXPECT_NE(text.find("\nseat ukr team\nseat rus team\n@turn 1 "), std::string::npos) << text;
  EXPECT_NE(text.find("\n[facilitator] end_phase\n[team:ukr] measure ukr harden\n"
                      "[ai:pol] measure pol harden\nwhy shores up its grid: resilience is low\n"),
            std::string::npos)
      << text;

  SaveRead read = parseSave(text);
  ASSERT_TRUE(read.log) << read.error.message;
  std::vector<Command> commands;
  if (auto e = parseSaveCommands(*read.log, sc.def, commands))
    FAIL() << e->line << ":" << e->column << " " << e->message;
  ReplayResult replay = replaySave(engine, *read.log, commands);
  ASSERT_TRUE(replay.identical) << replay.message;
  EXPECT_EQ(replay.session->seats(), session.seats());
  EXPECT_EQ(replay.session->senders(), session.senders());
  EXPECT_EQ(replay.session->rationales(), session.rationales());

  // A save edited so that one team acts for another does not replay.
  std::string forged = text;
  forged.replace(forged.find("[team:ukr] measure ukr"), 22, "[team:rus] measure ukr");
  read = parseSave(forged);
  ASSERT_TRUE(read.log) << read.error.line << ":" << read.error.column << " " << read.error.message;
  if (auto e = parseSaveCommands(*read.log, sc.def, commands))
    FAIL() << e->line << ":" << e->column << " " << e->message;
  replay = replaySave(engine, *read.log, commands);
  EXPECT_FALSE(replay.identical);
  EXPECT_NE(replay.message.find("only the seat of ukr can act for it"), std::string::npos) << replay.message;

  // An unknown sender is an error with its line.
  forged = text;
  forged.replace(forged.find("[team:ukr]"), 10, "[team:xyz]");
  read = parseSave(forged);
  ASSERT_TRUE(read.log) << read.error.line << ":" << read.error.column << " " << read.error.message;
  auto error = parseSaveCommands(*read.log, sc.def, commands);
  ASSERT_TRUE(error);
  EXPECT_NE(error->message.find("unknown sender 'team:xyz'"), std::string::npos) << error->message;
}

TEST_F(SeatedSession, ASaveWrittenBeforeSendersStillLoadsAsAScriptsLog) {
  // Format 1: no seats, no senders; every command reads as given by a script.
  Session old(engine);
  ASSERT_FALSE(old.submit(EndPhase{}));
  ASSERT_FALSE(old.submit(TakeMeasure{S::ukr, sc.harden, -1, -1}));
  std::string text = formatSave(old, "small.yaml");
  text.replace(0, 15, "demarche-save 1");
  for (std::size_t at = text.find("[script] "); at != std::string::npos; at = text.find("[script] "))
    text.erase(at, 9);
  SaveRead read = parseSave(text);
  ASSERT_TRUE(read.log) << read.error.message;
  EXPECT_EQ(read.log->format, 1);
  std::vector<Command> commands;
  if (auto e = parseSaveCommands(*read.log, sc.def, commands))
    FAIL() << e->line << ":" << e->column << " " << e->message;
  const ReplayResult replay = replaySave(engine, *read.log, commands);
  ASSERT_TRUE(replay.identical) << replay.message;
  EXPECT_EQ(replay.session->senders(), (std::vector<Sender>{Sender::script(), Sender::script()}));
}

TEST_F(SeatedSession, UndoGoesBackInTheStoryButKeepsWhoSitsWhere) {
  toDeliberation();
  ASSERT_FALSE(
      session.submit(AssignSeat{S::rus, {SeatKind::Ai, kDifficultyStandard}}, Sender::facilitator()));
  ASSERT_FALSE(session.submit(TakeMeasure{S::ukr, sc.harden, -1, -1}, Sender::team(S::ukr)));
  ASSERT_FALSE(session.submit(UndoTurn{}, Sender::facilitator()));
  EXPECT_EQ(session.state().phase, Phase::Briefing);
  EXPECT_EQ(session.seat(S::rus).kind, SeatKind::Ai);  // still handed to the AI
  // The log replays to the current state: the trace, then the seat as it is now.
  ASSERT_EQ(session.commands().size(), 2u);
  EXPECT_TRUE(std::holds_alternative<RecordUndo>(session.commands()[0]));
  EXPECT_TRUE(std::holds_alternative<AssignSeat>(session.commands()[1]));
  SaveRead read = parseSave(formatSave(session, "small.yaml"));
  ASSERT_TRUE(read.log) << read.error.line << ":" << read.error.column << " " << read.error.message;
  std::vector<Command> commands;
  if (auto e = parseSaveCommands(*read.log, sc.def, commands))
    FAIL() << e->line << ":" << e->column << " " << e->message;
  const ReplayResult replay = replaySave(engine, *read.log, commands);
  ASSERT_TRUE(replay.identical) << replay.message;
  EXPECT_EQ(replay.session->seats(), session.seats());
  // Only the facilitator undoes.
  EXPECT_EQ(session.submit(UndoTurn{}, Sender::team(S::ukr))->code, ReasonCode::FacilitatorOnly);
}

}  // namespace
}  // namespace demarche

namespace demarche {
namespace {

using S = test::Small;

TEST(DeliberationTimer, IsTheFacilitatorsLoggedClockAndAnExtensionLastsOneDeliberation) {
  S sc;
  Engine engine{sc.def};
  Session session{engine};
  EXPECT_EQ(session.deliberationSeconds(), 0) << "no countdown until one is set";
  const std::uint64_t before = session.hash();
  ASSERT_FALSE(session.submit(SetTimer{900, false}, Sender::facilitator()));
  EXPECT_EQ(session.hash(), before) << "the clock is not part of the simulated state";
  EXPECT_EQ(session.deliberationSeconds(), 900);
  // Only the facilitator sets it; a team may not, and lengths stay within 0..6 hours.
  EXPECT_EQ(session.tryApply(SetTimer{60, true}, Sender::team(S::ukr)), ReasonCode::FacilitatorOnly);
  EXPECT_EQ(session.tryApply(SetTimer{-5, false}, Sender::facilitator()), ReasonCode::TimerOutOfRange);
  EXPECT_EQ(session.tryApply(SetTimer{kMaxTimerSeconds + 1, true}, Sender::facilitator()),
            ReasonCode::TimerOutOfRange);
  ASSERT_FALSE(session.submit(EndPhase{}, Sender::facilitator()));  // deliberation
  ASSERT_FALSE(session.submit(SetTimer{300, true}, Sender::facilitator()));
  ASSERT_FALSE(session.submit(SetTimer{-60, true}, Sender::facilitator()));
  EXPECT_EQ(session.deliberationSeconds(), 1140);
  // The next turn's deliberation is back to the set length.
  for (int k = 0; k < 3; ++k) ASSERT_FALSE(session.submit(EndPhase{}, Sender::facilitator()));
  ASSERT_EQ(session.state().turn, 2);
  EXPECT_EQ(session.deliberationSeconds(), 900);
  // A save keeps it: replayed, the clock is the same.
  std::vector<Command> commands = session.commands();
  EXPECT_EQ(formatCommand(sc.def, commands[0]), "timer 900");
  EXPECT_EQ(formatCommand(sc.def, commands[2]), "timer +300");
  EXPECT_EQ(formatCommand(sc.def, commands[3]), "timer -60");
}

TEST(DeliberationTimer, AnUndoGoesBackInTheStoryNotOnTheClock) {
  S sc;
  Engine engine{sc.def};
  Session session{engine};
  ASSERT_FALSE(session.submit(SetTimer{900, false}, Sender::facilitator()));  // part of turn 1
  ASSERT_FALSE(session.submit(EndPhase{}, Sender::facilitator()));
  ASSERT_FALSE(session.submit(SetTimer{300, true}, Sender::facilitator()));
  ASSERT_FALSE(session.undoTurn());
  EXPECT_EQ(session.state().phase, Phase::Briefing);
  EXPECT_EQ(session.deliberationSeconds(), 900) << "the set length stays; this deliberation's extension goes";
}

}  // namespace
}  // namespace demarche
