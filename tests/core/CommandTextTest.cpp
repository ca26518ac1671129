// Specifications of the one-line text form of commands.
#include <gtest/gtest.h>

#include "SmallScenario.hpp"
#include "core/CommandText.hpp"

namespace demarche {
namespace {

using S = test::Small;

TEST(CommandText, EveryCommandRoundTrips) {
  S sc;
  const std::vector<Command> commands = {
      TakeMeasure{S::ukr, sc.publicAttr, S::rus, sc.grid},
      TakeMeasure{S::ukr, sc.harden, -1, -1},
      Propose{S::ukr, {S::pol, S::deu}, {sc.termJoint, sc.termInfo}, sc.grid, "Act \"together\"? \\ yes"},
      Propose{S::ukr, {S::pol}, {sc.termJoint}, -1, ""},
      Propose{S::ukr, {S::pol}, {sc.termJoint}, sc.grid, "", S::rus},
      Reply{S::pol, 0, ReplyKind::Accept, {}, "We share the assessment"},
      Reply{S::deu, 3, ReplyKind::Counter, {sc.termInfo}, "Share evidence first"},
      DecideAttribution{S::ukr, sc.grid, S::rus},
      Disclose{S::ukr, sc.grid, Disclosure::Joint, {S::pol, S::deu}},
      Disclose{S::ukr, sc.grid, Disclosure::Private, {}},
      EndPhase{},
      Pause{},
      Resume{},
      InjectNow{sc.injTurn2},
      AdjustMeter{S::ukr, S::credibility, -5.25, "Leaked memo"},
      RevealTruth{},
      UndoTurn{},
      EndExercise{},
      AssignSeat{S::rus, {SeatKind::Team, kDifficultyStandard}},
      AssignSeat{S::rus, {SeatKind::Ai, kDifficultyExpert}},
      AssignSeat{S::rus, {SeatKind::Ai, kDifficultyNovice}},
      AssignSeat{S::pol, {SeatKind::Scripted, kDifficultyStandard}},
      AssignSeat{S::pol, {SeatKind::Random, kDifficultyStandard}},
      RecordUndo{3, 2, 41},
      SetTimer{900, false},
      SetTimer{300, true},
      SetTimer{-60, true},
      SetTimer{0, true},
      Withdraw{S::ukr, sc.grid}};
  // Every alternative of Command is in the list (a new command type must be added here too).
  std::vector<bool> covered(std::variant_size_v<Command>, false);
  for (const Command& c : commands) covered[c.index()] = true;
  for (std::size_t k = 0; k < covered.size(); ++k) EXPECT_TRUE(covered[k]) << "command type " << k;
  for (const Command& c : commands) {
    const std::string line = formatCommand(sc.def, c);
    const CommandParse p = parseCommand(sc.def, line);
    ASSERT_TRUE(p.command.has_value()) << line << ": " << p.error;
    EXPECT_EQ(*p.command, c) << line;
  }
}

// naming= says whom a joint attribution names; a proposal that says nothing reads and prints as
// it always did (older logs and saves have no naming=).
TEST(CommandText, AProposalNamingItsSuspectRoundTripsAndOneWithoutPrintsAsBefore) {
  S sc;
  const Command named = Propose{S::ukr, {S::pol, S::deu}, {sc.termJoint}, sc.grid, "Together?", S::rus};
  const std::string line = formatCommand(sc.def, named);
  EXPECT_EQ(line,
            "propose ukr to=pol,deu terms=joint_attribution_pact incident=grid_attack naming=rus "
            "text=\"Together?\"");
  const CommandParse p = parseCommand(sc.def, line);
  ASSERT_TRUE(p.command.has_value()) << p.error;
  EXPECT_EQ(*p.command, named);
  const std::string old = "propose ukr to=pol terms=joint_attribution_pact incident=grid_attack";
  const CommandParse q = parseCommand(sc.def, old);
  ASSERT_TRUE(q.command.has_value()) << q.error;
  EXPECT_EQ(std::get<Propose>(*q.command).naming, -1);
  EXPECT_EQ(formatCommand(sc.def, *q.command), old);
  const CommandParse bad = parseCommand(sc.def, old + " naming=moscow");
  ASSERT_FALSE(bad.command.has_value());
  EXPECT_NE(bad.error.find("moscow"), std::string::npos) << bad.error;
}

TEST(CommandText, SendersRoundTripAndUnknownOnesAreRefused) {
  S sc;
  for (const Sender s : {Sender::script(), Sender::facilitator(), Sender::team(S::ukr), Sender::ai(S::rus),
                         Sender::scripted(S::pol)}) {
    const std::string text = formatSender(sc.def, s);
    EXPECT_EQ(parseSender(sc.def, text), s) << text;
  }
  EXPECT_EQ(formatSender(sc.def, Sender::team(S::ukr)), "team:ukr");
  EXPECT_FALSE(parseSender(sc.def, "team:nobody"));
  EXPECT_FALSE(parseSender(sc.def, "robot:ukr"));
  EXPECT_FALSE(parseSender(sc.def, ""));
}

TEST(CommandText, ReadsTheDocumentedExamples) {
  S sc;
  auto p = parseCommand(sc.def, "  measure ukr public_attribution target=rus incident=grid_attack ");
  ASSERT_TRUE(p.command);
  EXPECT_EQ(std::get<TakeMeasure>(*p.command), (TakeMeasure{S::ukr, sc.publicAttr, S::rus, sc.grid}));
  p = parseCommand(sc.def, "adjust ukr credibility +5 \"Press leak\"");
  ASSERT_TRUE(p.command);
  EXPECT_DOUBLE_EQ(std::get<AdjustMeter>(*p.command).delta, 5);
}

TEST(CommandText, BadLinesSayWhatIsWrongAndWhere) {
  S sc;
  auto p = parseCommand(sc.def, "measure ukr sanctionz target=rus");
  EXPECT_FALSE(p.command);
  EXPECT_EQ(p.error, "unknown measure 'sanctionz'");
  EXPECT_EQ(p.column, 13);
  p = parseCommand(sc.def, "measure ukr sanctions target=xyz");
  EXPECT_EQ(p.error, "unknown actor 'xyz'");
  p = parseCommand(sc.def, "reply pol 0 accept");
  EXPECT_EQ(p.error, "a reply needs a reason in double quotes");
  p = parseCommand(sc.def, "reply pol 0 maybe \"x\"");
  EXPECT_EQ(p.error, "expected accept, reject or counter, not 'maybe'");
  p = parseCommand(sc.def, "adjust ukr credibility lots \"x\"");
  EXPECT_EQ(p.error, "expected a number, not 'lots'");
  p = parseCommand(sc.def, "propose ukr to=pol terms=joint_attribution_pact text=\"unterminated");
  EXPECT_NE(p.error.find("unterminated"), std::string::npos);
  p = parseCommand(sc.def, "dance ukr");
  EXPECT_NE(p.error.find("unknown command 'dance'"), std::string::npos);
  p = parseCommand(sc.def, "end_phase now");
  EXPECT_EQ(p.error, "unexpected 'now' at the end");
  p = parseCommand(sc.def, "");
  EXPECT_FALSE(p.command);
}

}  // namespace
}  // namespace demarche
