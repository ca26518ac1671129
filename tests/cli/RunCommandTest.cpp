// Specifications of `demarche run` and `demarche replay` as a facilitator and a script see
// them: summaries, autosave, resume and branch, reports, refusals with positions, and the
// documented exit codes (docs/cli.md).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "RunDemarche.hpp"

namespace demarche {
namespace {

namespace fs = std::filesystem;
using test::runCli;
using test::ScratchDir;

const std::string kScenario = test::sourcePath("scenarios/winter-grid.yaml");
const std::string kDecisions = test::sourcePath("tests/golden/winter-grid.decisions.yaml");

std::string quoted(const fs::path& p) { return "\"" + p.string() + "\""; }

// The last line of a save: "@end COUNT FINALHASH".
std::string endLine(const fs::path& save) {
  const std::string text = test::readText(save);
  const std::size_t at = text.rfind("@end ");
  return at == std::string::npos ? std::string() : text.substr(at);
}

TEST(RunCommand, APlaythroughPrintsTheEndingTurnsRungAndScores) {
  ScratchDir dir("run-summary");
  const auto r = runCli("run " + kScenario + " --seed 3", dir.path());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("Winter Grid (winter-grid), seed 3"), std::string::npos) << r.output;
  EXPECT_TRUE(std::regex_search(r.output, std::regex("ended at week [0-9] of 6: ")) ||
              r.output.find("ended by the facilitator") != std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("escalation: rung "), std::string::npos);
  EXPECT_NE(r.output.find("scores: ukr "), std::string::npos);
  // Autosave by default in the current directory, replayable.
  ASSERT_TRUE(fs::exists(dir / "winter-grid.autosave.dlog")) << r.output;
  const auto replay = runCli("replay winter-grid.autosave.dlog", dir.path());
  EXPECT_EQ(replay.exitCode, 0) << replay.output;
  EXPECT_TRUE(
      std::regex_search(replay.output, std::regex("^replayed [0-9]+ turns, [0-9]+ commands: identical\n")))
      << replay.output;
}

TEST(RunCommand, TheSameSeedAndDecisionsPlayTheSameGame) {
  ScratchDir dir("run-same");
  const std::string args = "run " + kScenario + " --seed 9 -q --decisions " + kDecisions;
  ASSERT_EQ(runCli(args + " --log a.dlog", dir.path()).exitCode, 0);
  ASSERT_EQ(runCli(args + " --log b.dlog", dir.path()).exitCode, 0);
  EXPECT_EQ(test::readText(dir / "a.dlog"), test::readText(dir / "b.dlog"));
  ASSERT_EQ(runCli("run " + kScenario + " --seed 10 -q --log c.dlog", dir.path()).exitCode, 0);
  EXPECT_NE(endLine(dir / "a.dlog"), endLine(dir / "c.dlog"));
}

// For the AI (the default, at two difficulties) and the random policy alike: policies are
// fresh every turn and an agent recalls its past proposals from the state, so the log and
// the report (with the AI's rationales) are those of the uninterrupted run.
TEST(RunCommand, AStoppedRunResumedPlaysOnExactlyAsAnUninterruptedOne) {
  ScratchDir dir("run-resume");
  for (const std::string policy : {"", " --difficulty expert", " --policy random"}) {
    SCOPED_TRACE(policy.empty() ? "ai (default)" : policy);
    // Stopped after week 1: with the random policy the crisis can reach war by week 2.
    const std::string base = "run " + kScenario + " --seed 4 --decisions " + kDecisions + policy;
    const std::string noSeed = "run " + kScenario + " --decisions " + kDecisions + policy;
    ASSERT_EQ(runCli(base + " -q --log whole.dlog --report whole.md", dir.path()).exitCode, 0);
    const auto stopped = runCli(base + " --log part.dlog --stop-after 1", dir.path());
    ASSERT_EQ(stopped.exitCode, 0) << stopped.output;
    EXPECT_NE(stopped.output.find("stopped at the start of week 2 of 6"), std::string::npos)
        << stopped.output;
    // The original command line with --resume added continues the game; another seed is refused.
    EXPECT_EQ(runCli(noSeed + " --seed 5 --resume part.dlog", dir.path()).exitCode, 2);
    const auto resumed = runCli(base + " --log part.dlog --resume part.dlog --report part.md", dir.path());
    ASSERT_EQ(resumed.exitCode, 0) << resumed.output;
    EXPECT_NE(resumed.output.find("resumed part.dlog at week 2"), std::string::npos) << resumed.output;
    EXPECT_EQ(test::readText(dir / "part.dlog"), test::readText(dir / "whole.dlog"));
    EXPECT_EQ(test::readText(dir / "part.md"), test::readText(dir / "whole.md"));
  }
}

// The save records --policy, --difficulty and --decisions, so a facilitator who resumes with
// only --resume gets the continuation the original run would have played.
TEST(RunCommand, AResumeWithoutTheOriginalFlagsPlaysOnWithTheSavesSettings) {
  ScratchDir dir("run-resume-settings");
  const std::string base = "run " + kScenario + " --seed 4 --difficulty expert --decisions " + kDecisions;
  ASSERT_EQ(runCli(base + " -q --log whole.dlog --report whole.md", dir.path()).exitCode, 0);
  const std::string whole = test::readText(dir / "whole.dlog");
  EXPECT_NE(whole.find("\npolicy ai\ndifficulty expert\ndecisions "), std::string::npos)
      << whole.substr(0, 300);
  ASSERT_EQ(runCli(base + " -q --log part.dlog --stop-after 3", dir.path()).exitCode, 0);

  const auto resumed =
      runCli("run " + kScenario + " --resume part.dlog --log part.dlog --report part.md", dir.path());
  ASSERT_EQ(resumed.exitCode, 0) << resumed.output;
  EXPECT_EQ(resumed.output.find("warning"), std::string::npos) << resumed.output;
  EXPECT_NE(resumed.output.find("seats from decisions: ukr; other seats: AI (expert)"), std::string::npos)
      << resumed.output;
  EXPECT_EQ(test::readText(dir / "part.dlog"), whole);
  EXPECT_EQ(test::readText(dir / "part.md"), test::readText(dir / "whole.md"));

  // The decisions path is relative to the save: a resume from another directory finds it.
  ASSERT_EQ(runCli(base + " -q --log part2.dlog --stop-after 3", dir.path()).exitCode, 0);
  const auto elsewhere = runCli("run " + kScenario + " -q --resume " + quoted(dir / "part2.dlog") +
                                    " --log " + quoted(dir / "part2.dlog"),
                                test::sourcePath("docs"));
  ASSERT_EQ(elsewhere.exitCode, 0) << elsewhere.output;
  EXPECT_EQ(endLine(dir / "part2.dlog"), endLine(dir / "whole.dlog"));
}

TEST(RunCommand, AResumeWithAnotherPolicyOrDifficultyUsesItAndWarns) {
  ScratchDir dir("run-resume-override");
  const std::string base = "run " + kScenario + " --seed 4 --decisions " + kDecisions;
  ASSERT_EQ(runCli(base + " -q --log whole.dlog", dir.path()).exitCode, 0);
  // Stopped after week 1: with the AI, Winter Grid can end before week 4.
  ASSERT_EQ(runCli(base + " -q --log part.dlog --stop-after 1", dir.path()).exitCode, 0);

  const auto random =
      runCli("run " + kScenario + " --resume part.dlog --policy random --log random.dlog", dir.path());
  ASSERT_EQ(random.exitCode, 0) << random.output;
  EXPECT_NE(random.output.find("resuming with --policy random; the save was played with ai\n"),
            std::string::npos)
      << random.output;
  EXPECT_NE(random.output.find("other seats: random policy"), std::string::npos) << random.output;
  EXPECT_NE(test::readText(dir / "random.dlog").find("\npolicy random\n"), std::string::npos);
  EXPECT_NE(endLine(dir / "random.dlog"), endLine(dir / "whole.dlog"));

  const auto expert =
      runCli("run " + kScenario + " -q --resume part.dlog --difficulty expert --log expert.dlog", dir.path());
  ASSERT_EQ(expert.exitCode, 0) << expert.output;
  EXPECT_NE(expert.output.find("resuming with --difficulty expert; the save was played with standard"),
            std::string::npos)
      << expert.output;
  // Repeating the save's own settings is no change and says nothing.
  const auto same =
      runCli(base + " -q --policy ai --difficulty standard --resume part.dlog --log same.dlog", dir.path());
  ASSERT_EQ(same.exitCode, 0) << same.output;
  EXPECT_EQ(same.output.find("warning"), std::string::npos) << same.output;
  EXPECT_EQ(test::readText(dir / "same.dlog"), test::readText(dir / "whole.dlog"));

  // A save naming a policy this build does not know is refused at that line.
  std::string bad = test::readText(dir / "part.dlog");
  bad.replace(bad.find("\npolicy ai\n"), 11, "\npolicy smart\n");
  test::writeText(dir / "bad.dlog", bad);
  const auto refused = runCli("run " + kScenario + " --resume bad.dlog --log out.dlog", dir.path());
  EXPECT_EQ(refused.exitCode, 1) << refused.output;
  EXPECT_NE(refused.output.find("bad.dlog:6:8: expected ai or random after 'policy', found 'smart'"),
            std::string::npos)
      << refused.output;
}

TEST(RunCommand, SeatsWithoutDecisionsArePlayedByTheAiUnlessRandomIsAskedFor) {
  ScratchDir dir("run-policy");
  const auto ai = runCli("run " + kScenario + " --seed 4 --decisions " + kDecisions, dir.path());
  ASSERT_EQ(ai.exitCode, 0) << ai.output;
  EXPECT_NE(ai.output.find("seats from decisions: ukr; other seats: AI (standard)"), std::string::npos)
      << ai.output;
  const auto novice = runCli("run " + kScenario + " --seed 4 --difficulty novice --log n.dlog", dir.path());
  EXPECT_NE(novice.output.find("other seats: AI (novice)"), std::string::npos) << novice.output;
  const auto random = runCli("run " + kScenario + " --seed 4 --policy random --log r.dlog", dir.path());
  EXPECT_NE(random.output.find("other seats: random policy"), std::string::npos) << random.output;
  EXPECT_NE(endLine(dir / "n.dlog"), endLine(dir / "r.dlog"));
  // Every AI game replays from its log alone: the save holds every command.
  EXPECT_EQ(runCli("replay n.dlog", dir.path()).exitCode, 0);
  EXPECT_EQ(runCli("run " + kScenario + " --policy smart", dir.path()).exitCode, 2);
  EXPECT_EQ(runCli("run " + kScenario + " --difficulty hard", dir.path()).exitCode, 2);
  const auto help = runCli("run --help", dir.path());
  EXPECT_NE(help.output.find("--policy"), std::string::npos);
  EXPECT_NE(help.output.find("ai (default) or random"), std::string::npos) << help.output;
  EXPECT_NE(help.output.find("--difficulty"), std::string::npos);
}

// Under each AI measure, decision and disclosure the report says why; proposals and replies
// quote theirs in the sentence itself.
TEST(RunCommand, TheReportOfAnAiRunShowsTheRationaleOfAiActions) {
  ScratchDir dir("run-rationales");
  ASSERT_EQ(
      runCli("run " + kScenario + " --seed 4 -q --decisions " + kDecisions + " --report out.md", dir.path())
          .exitCode,
      0);
  ASSERT_EQ(
      runCli("run " + kScenario + " --seed 4 -q --decisions " + kDecisions + " --report out.json", dir.path())
          .exitCode,
      0);
  ASSERT_EQ(
      runCli("run " + kScenario + " --seed 4 -q --decisions " + kDecisions + " --report out.html", dir.path())
          .exitCode,
      0);
  const std::string md = test::readText(dir / "out.md");
  EXPECT_TRUE(std::regex_search(md, std::regex("\n- Russia prepares [^\n]*\n  - why: [^\n]+")))
      << "Russia's measures come with a reason";
  EXPECT_TRUE(std::regex_search(md, std::regex("\n- [^\n]+ decides that [^\n]*\n  - why: [^\n]*confidence")));
  EXPECT_NE(test::readText(dir / "out.html").find("<span class=\"why\">why: "), std::string::npos);

  const auto j = nlohmann::json::parse(test::readText(dir / "out.json"));
  int aiMeasures = 0, explained = 0, ukrExplained = 0;
  for (const auto& e : j["timeline"]) {
    if (e["kind"] != "measure_queued") continue;
    if (e["actor"] == "ukr") {  // Ukraine's measures come from the decisions file: no AI reason
      ukrExplained += e["rationale"].is_null() ? 0 : 1;
      continue;
    }
    ++aiMeasures;
    explained += e["rationale"].is_string() ? 1 : 0;
  }
  EXPECT_GT(aiMeasures, 0);
  EXPECT_EQ(explained, aiMeasures) << "every AI measure that was queued has its rationale";
  EXPECT_EQ(ukrExplained, 0);

  // The random policy gives no reasons for measures.
  ASSERT_EQ(
      runCli("run " + kScenario + " --seed 4 -q --policy random --report random.md", dir.path()).exitCode, 0);
  EXPECT_TRUE(std::regex_search(test::readText(dir / "random.md"), std::regex("\n- [^\n]+ prepares ")));
  EXPECT_EQ(test::readText(dir / "random.md").find("\n  - why: "), std::string::npos);
}

TEST(RunCommand, BranchingReplaysTheSaveToTheTurnAndPlaysOnWithNewDecisions) {
  ScratchDir dir("run-branch");
  ASSERT_EQ(runCli("run " + kScenario + " --seed 4 -q --log base.dlog --decisions " + kDecisions, dir.path())
                .exitCode,
            0);
  test::writeText(dir / "early.yaml",
                  "- turn: 1\n  ukr: [\"decide grid_attack rus\", \"disclose grid_attack public\"]\n");
  const auto branch = runCli(
      "run " + kScenario + " --resume base.dlog --branch-at 1 --decisions early.yaml --log what-if.dlog",
      dir.path());
  ASSERT_EQ(branch.exitCode, 0) << branch.output;
  const std::string whatIf = test::readText(dir / "what-if.dlog");
  EXPECT_NE(whatIf.find("disclose ukr grid_attack public"), std::string::npos);
  EXPECT_EQ(runCli("replay what-if.dlog", dir.path()).exitCode, 0);
  // Turn 2 of the branch differs from the base: its start hashes differ from turn 2 on.
  const std::string base = test::readText(dir / "base.dlog");
  const std::regex turn2("@turn 2 ([0-9a-f]{16})");
  std::smatch a, b;
  ASSERT_TRUE(std::regex_search(base, a, turn2));
  ASSERT_TRUE(std::regex_search(whatIf, b, turn2));
  EXPECT_NE(a[1], b[1]);
  // Branching needs a save, and a turn the save reached.
  EXPECT_EQ(runCli("run " + kScenario + " --branch-at 2", dir.path()).exitCode, 2);
  const auto far = runCli("run " + kScenario + " --resume base.dlog --branch-at 9", dir.path());
  EXPECT_EQ(far.exitCode, 2) << far.output;
}

TEST(RunCommand, ReportsAreWrittenInTheFormatOfTheirExtension) {
  ScratchDir dir("run-report");
  for (const std::string ext : {"md", "html", "json"}) {
    const auto r = runCli("run " + kScenario + " -q --report out." + ext, dir.path());
    ASSERT_EQ(r.exitCode, 0) << r.output;
    ASSERT_TRUE(fs::exists(dir / ("out." + ext)));
  }
  EXPECT_TRUE(test::readText(dir / "out.md").starts_with("# After-action report: Winter Grid"));
  EXPECT_TRUE(test::readText(dir / "out.html").starts_with("<!DOCTYPE html>"));
  EXPECT_TRUE(test::readText(dir / "out.json").starts_with("{"));
  ScratchDir other("run-report-bad");
  const auto bad = runCli("run " + kScenario + " --report out.pdf", other.path());
  EXPECT_EQ(bad.exitCode, 2);
  EXPECT_NE(bad.output.find(".md, .html or .json"), std::string::npos) << bad.output;
  EXPECT_FALSE(fs::exists(other / "winter-grid.autosave.dlog")) << "nothing is played on a usage error";
}

TEST(RunCommand, RefusedDecisionsAreWarnedWithTheirPositionAndFatalOnlyWithStrict) {
  ScratchDir dir("run-refused");
  // Disclosing before deciding is refused by the rules (a legal line, an illegal move).
  test::writeText(dir / "d.yaml", "- turn: 1\n  ukr: [\"disclose grid_attack public\"]\n");
  const auto r = runCli("run " + kScenario + " -q --decisions d.yaml", dir.path());
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("d.yaml:2:10: warning: turn 1, ukr: \"disclose grid_attack public\" was refused: "),
            std::string::npos)
      << r.output;
  EXPECT_EQ(runCli("run " + kScenario + " -q --strict --decisions d.yaml", dir.path()).exitCode, 1);
}

TEST(RunCommand, AnInvalidDecisionsFileIsRefusedWithFileLineColumn) {
  ScratchDir dir("run-baddecisions");
  test::writeText(dir / "d.yaml", "- turn: 1\n  ukr: [\"measure sanctionz target=rus\"]\n");
  const auto r = runCli("run " + kScenario + " --decisions d.yaml", dir.path());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("d.yaml:2:18: error[D208]"), std::string::npos) << r.output;
  EXPECT_EQ(runCli("run " + kScenario + " --decisions missing.yaml", dir.path()).exitCode, 2);
}

TEST(RunCommand, UsageErrorsAndUnreadableFilesExit2) {
  ScratchDir dir("run-usage");
  EXPECT_EQ(runCli("run", dir.path()).exitCode, 2);
  EXPECT_EQ(runCli("run " + kScenario + " --no-such-option", dir.path()).exitCode, 2);
  EXPECT_EQ(runCli("run missing.yaml", dir.path()).exitCode, 2);

  EXPECT_EQ(runCli("run " + kScenario + " --resume missing.dlog", dir.path()).exitCode, 2);
  const auto help = runCli("run --help", dir.path());
  EXPECT_EQ(help.exitCode, 0);
  EXPECT_NE(help.output.find("--decisions"), std::string::npos);
  EXPECT_NE(help.output.find("Exit codes"), std::string::npos);
  const auto replayHelp = runCli("replay --help", dir.path());
  EXPECT_EQ(replayHelp.exitCode, 0);
  EXPECT_NE(replayHelp.output.find("Exit codes"), std::string::npos);
}

struct ReplayFixture : ::testing::Test {
  ScratchDir dir{"replay"};
  std::string save;
  void SetUp() override {
    ASSERT_EQ(
        runCli("run " + kScenario + " -q --seed 8 --log game.dlog --decisions " + kDecisions, dir.path())
            .exitCode,
        0);
    save = test::readText(dir / "game.dlog");
  }
};

TEST_F(ReplayFixture, AnIdenticalLogExits0) {
  const auto r = runCli("replay game.dlog", dir.path());
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find(": identical"), std::string::npos);
}

TEST_F(ReplayFixture, TheScenarioIsFoundRelativeToTheLogOrGivenExplicitly) {
  fs::create_directories(dir / "elsewhere");
  fs::copy_file(dir / "game.dlog", dir / "elsewhere" / "game.dlog");
  // From another working directory the recorded path is still relative to the log.
  EXPECT_EQ(runCli("replay " + quoted(dir / "game.dlog"), test::sourcePath("docs")).exitCode, 0);
  // A copy in another directory needs --scenario.
  const auto lost = runCli("replay elsewhere/game.dlog", dir.path());
  EXPECT_EQ(lost.exitCode, 2) << lost.output;
  EXPECT_NE(lost.output.find("--scenario"), std::string::npos) << lost.output;
  EXPECT_EQ(runCli("replay elsewhere/game.dlog --scenario " + kScenario, dir.path()).exitCode, 0);
}

TEST_F(ReplayFixture, ADifferentCommandMakesItExit1NamingTheFirstDivergingTurn) {
  // Replace Ukraine's week-3 measure by another affordable one: turn 4 starts differently.
  std::string tampered = save;
  const std::string from = "measure ukr harden_infrastructure";
  const std::size_t at = tampered.find(from);
  ASSERT_NE(at, std::string::npos) << save;
  tampered.replace(at, from.size(), "measure ukr bilateral_dialogue target=pol");
  test::writeText(dir / "tampered.dlog", tampered);
  const auto r = runCli("replay tampered.dlog", dir.path());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("diverged at turn 4"), std::string::npos) << r.output;
}

TEST_F(ReplayFixture, RefusedLogsExit2WithAClearMessage) {
  std::string newer = save;
  newer.replace(0, 15, "demarche-save 3");
  test::writeText(dir / "newer.dlog", newer);
  auto r = runCli("replay newer.dlog", dir.path());
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.output.find("this save was written by a newer Démarche (format 3); this build reads format 2"),
            std::string::npos)
      << r.output;

  std::string changed =
      std::regex_replace(save, std::regex("scenario-hash [0-9a-f]+"), "scenario-hash 0000000000000000");
  test::writeText(dir / "changed.dlog", changed);
  r = runCli("replay changed.dlog", dir.path());
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.output.find("0000000000000000"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("winter-grid.yaml"), std::string::npos) << r.output;

  test::writeText(dir / "cut.dlog", save.substr(0, save.size() / 2));
  r = runCli("replay cut.dlog", dir.path());
  EXPECT_EQ(r.exitCode, 2);

  test::writeText(dir / "garbage.dlog", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  r = runCli("replay garbage.dlog", dir.path());
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.output.find("not a Démarche save"), std::string::npos) << r.output;

  EXPECT_EQ(runCli("replay missing.dlog", dir.path()).exitCode, 2);
  EXPECT_EQ(runCli("replay", dir.path()).exitCode, 2);
}

}  // namespace
}  // namespace demarche
