// Specifications of the turn driver with people at the table: the AI seats play while the
// teams deliberate, answer the teams' proposals inside the same deliberation, give their
// reasons into the log, and an autosave taken after any command resumes exactly there.
#include <gtest/gtest.h>

#include "AgentFixture.hpp"
#include "agents/SeatPlayers.hpp"
#include "core/Save.hpp"
#include "core/SeatDriver.hpp"

namespace demarche::agents {
namespace {

using test::winterGrid;

struct LiveTable : ::testing::Test {
  const ScenarioDef& def = winterGrid();
  Engine engine{def};
  int ukr = test::actor(def, "ukr"), pol = test::actor(def, "pol"), rus = test::actor(def, "rus");
  int grid = test::incident(def, "grid_attack");
  int sharing = test::term(def, "intelligence_sharing");
  std::vector<Seat> seats() const {
    std::vector<Seat> table(def.actors.size(), aiSeat(Difficulty::Standard));
    table[static_cast<std::size_t>(ukr)].kind = SeatKind::Team;
    return table;
  }
};

TEST_F(LiveTable, TheAiPlaysWhileTheTeamDeliberatesAndLeavesThePhasesToTheFacilitator) {
  Session session(engine, 1, seats());
  SeatPlayers players(def);
  SeatDriver driver(session, players, {.rounds = 3, .stopAtTurn = 0, .onRefused = {}, .afterCommand = {}});
  driver.advance();
  EXPECT_EQ(session.state().phase, Phase::Briefing);  // nobody ends the briefing but the facilitator
  EXPECT_TRUE(session.commands().empty());
  ASSERT_FALSE(driver.submit(EndPhase{}, Sender::facilitator()));
  ASSERT_EQ(session.state().phase, Phase::Deliberation);
  // The AI seats have acted, each from its own seat, with its reasons in the log.
  std::size_t aiCommands = 0, withReasons = 0;
  for (std::size_t i = 0; i < session.commands().size(); ++i) {
    const Sender sender = session.senders()[i];
    if (sender.kind != SenderKind::Ai) continue;
    ++aiCommands;
    EXPECT_NE(sender.actor, ukr);
    EXPECT_EQ(commandActor(session.commands()[i]), sender.actor);
    withReasons += session.rationales()[i].empty() ? 0 : 1;
  }
  EXPECT_GT(aiCommands, 5u);
  EXPECT_EQ(withReasons, aiCommands);
  // Nobody acted for the team, and the deliberation waits for it.
  for (std::size_t i = 0; i < session.commands().size(); ++i)
    EXPECT_NE(commandActor(session.commands()[i]), ukr);
  driver.advance();
  EXPECT_EQ(session.state().phase, Phase::Deliberation);
}

TEST_F(LiveTable, AnAiSeatAnswersATeamsProposalInsideTheSameDeliberation) {
  Session session(engine, 1, seats());
  SeatPlayers players(def);
  SeatDriver driver(session, players, {.rounds = 3, .stopAtTurn = 0, .onRefused = {}, .afterCommand = {}});
  ASSERT_FALSE(driver.submit(EndPhase{}, Sender::facilitator()));
  const int turn = session.state().turn;
  ASSERT_FALSE(driver.submit(Propose{ukr, {pol}, {sharing}, grid, "Share what you see"}, Sender::team(ukr)));
  const GameState& s = session.state();
  EXPECT_EQ(s.phase, Phase::Deliberation);
  EXPECT_EQ(s.turn, turn);
  int ours = -1;
  for (std::size_t id = 0; id < s.proposals.size(); ++id)
    if (s.proposals[id].from == ukr) ours = static_cast<int>(id);
  ASSERT_GE(ours, 0);
  const Proposal& p = s.proposals[static_cast<std::size_t>(ours)];
  ASSERT_EQ(p.to, std::vector<int>{pol});
  EXPECT_NE(p.replies[0], ReplyKind::None) << "Poland's AI has not answered within the deliberation";
  // The answer came from Poland's AI seat, with a reason the team can read.
  bool answered = false;
  for (std::size_t i = 0; i < session.commands().size(); ++i) {
    const auto* r = std::get_if<Reply>(&session.commands()[i]);
    if (!r || r->proposal != ours) continue;
    answered = true;
    EXPECT_EQ(session.senders()[i], Sender::ai(pol));
    EXPECT_FALSE(r->reason.empty());
  }
  EXPECT_TRUE(answered);
  // If Poland countered, the team can answer back in the same week: back and forth.
  for (std::size_t id = 0; id < s.proposals.size(); ++id) {
    const Proposal& c = s.proposals[id];
    if (c.counterOf != ours) continue;
    EXPECT_FALSE(
        driver.submit(Reply{ukr, static_cast<int>(id), ReplyKind::Accept, {}, "Agreed"}, Sender::team(ukr)));
  }
}

TEST_F(LiveTable, TakingOverAnAiSeatStopsTheAiAndHandingItBackLetsItPlayAgain) {
  Session session(engine, 3, seats());
  SeatPlayers players(def);
  SeatDriver driver(session, players, {.rounds = 3, .stopAtTurn = 0, .onRefused = {}, .afterCommand = {}});
  ASSERT_FALSE(driver.submit(AssignSeat{rus, {SeatKind::Team, kDifficultyStandard}}, Sender::facilitator()));
  ASSERT_FALSE(driver.submit(EndPhase{}, Sender::facilitator()));
  for (std::size_t i = 0; i < session.commands().size(); ++i)
    EXPECT_NE(commandActor(session.commands()[i]), rus) << "the AI acted for a seat a team took";
  const std::size_t before = session.commands().size();
  ASSERT_FALSE(driver.submit(AssignSeat{rus, aiSeat(Difficulty::Expert)}, Sender::facilitator()));
  bool rusActed = false;
  for (std::size_t i = before; i < session.commands().size(); ++i)
    rusActed =
        rusActed || (commandActor(session.commands()[i]) == rus && session.senders()[i] == Sender::ai(rus));
  EXPECT_TRUE(rusActed) << "a seat handed back to the AI mid-deliberation plays its rounds";
}

TEST_F(LiveTable, AnAutosaveAfterAnyCommandResumesExactlyThereWithTheReasons) {
  Session session(engine, 5, seats());
  SeatPlayers players(def);
  std::vector<std::string> autosaves;
  DriverOptions options;
  options.rounds = 3;
  options.afterCommand = [&](const Session& s) { autosaves.push_back(formatSave(s, "winter-grid.yaml")); };
  SeatDriver driver(session, players, options);
  ASSERT_FALSE(driver.submit(EndPhase{}, Sender::facilitator()));
  ASSERT_FALSE(driver.submit(TakeMeasure{ukr, test::measure(def, "forensic_investigation"), -1, grid},
                             Sender::team(ukr)));
  ASSERT_EQ(autosaves.size(), session.commands().size()) << "one autosave per command";

  // "The laptop crashed": the last autosave, read back, is the session as it was.
  SaveRead read = parseSave(autosaves.back());
  ASSERT_TRUE(read.log) << read.error.message;
  std::vector<Command> commands;
  ASSERT_FALSE(parseSaveCommands(*read.log, def, commands));
  ReplayResult replay = replaySave(engine, *read.log, commands);
  ASSERT_TRUE(replay.identical) << replay.message;
  Session& resumed = *replay.session;
  EXPECT_EQ(resumed.hash(), session.hash());
  EXPECT_EQ(resumed.seats(), session.seats());
  EXPECT_EQ(resumed.rationales(), session.rationales());
  EXPECT_EQ(resumed.state().phase, Phase::Deliberation);

  // Both go on the same way: the same proposal gets the same answer, the same week ends alike.
  SeatPlayers players2(def);
  SeatDriver driver2(resumed, players2, {.rounds = 3, .stopAtTurn = 0, .onRefused = {}, .afterCommand = {}});
  const Command proposal = Propose{ukr, {pol}, {sharing}, grid, "Share what you see"};
  ASSERT_FALSE(driver.submit(proposal, Sender::team(ukr)));
  ASSERT_FALSE(driver2.submit(proposal, Sender::team(ukr)));
  EXPECT_EQ(resumed.hash(), session.hash());
  ASSERT_FALSE(driver.submit(EndPhase{}, Sender::facilitator()));
  ASSERT_FALSE(driver2.submit(EndPhase{}, Sender::facilitator()));
  EXPECT_EQ(resumed.hash(), session.hash());
  EXPECT_EQ(resumed.commands(), session.commands());
}

}  // namespace
}  // namespace demarche::agents
