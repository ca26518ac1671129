// The save format (the command log): round trips, strict loading with clear errors, replay
// checks, and atomic writing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "SmallScenario.hpp"
#include "core/AtomicFile.hpp"
#include "core/RandomPolicy.hpp"
#include "core/Save.hpp"
#include "core/Session.hpp"

namespace demarche {
namespace {

namespace fs = std::filesystem;

struct SaveFixture : ::testing::Test {
  test::Small small;
  std::optional<Engine> engine;
  fs::path dir;

  void SetUp() override {
    small.def.id = "small";
    small.def.contentHash = "00112233aabbccdd";
    engine.emplace(small.def);
    dir = fs::temp_directory_path() / ("demarche-savetest-" + std::to_string(::getpid()));
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  // A whole seeded random game, logged.
  Session playedSession(std::uint64_t seed = 7) {
    Session session(*engine, seed);
    std::vector<RandomPolicy> policies;
    for (int a = 0; a < static_cast<int>(small.def.actors.size()); ++a)
      policies.emplace_back(seed * 31 + static_cast<std::uint64_t>(a));
    std::vector<Policy*> seats;
    for (auto& p : policies) seats.push_back(&p);
    playOut(session, seats);
    return session;
  }

  std::string savedText(std::uint64_t seed = 7) { return formatSave(playedSession(seed), "small.yaml"); }

  SaveError parseError(std::string_view text) {
    SaveRead read = parseSave(text);
    EXPECT_FALSE(read.log.has_value()) << "expected the save to be refused";
    return read.error;
  }
};

std::string replaceLine(std::string text, int lineNo, std::string_view with) {
  std::size_t start = 0;
  for (int i = 1; i < lineNo; ++i) start = text.find('\n', start) + 1;
  const std::size_t end = text.find('\n', start);
  return text.replace(start, end - start, with);
}

TEST_F(SaveFixture, SaveThenLoadReplaysToTheSameHashesTurnByTurn) {
  const Session session = playedSession();
  ASSERT_EQ(session.state().phase, Phase::Ended);
  const std::string text = formatSave(session, "small.yaml");
  EXPECT_TRUE(
      text.starts_with("demarche-save 2\nscenario small\nscenario-hash 00112233aabbccdd\n"
                       "scenario-file small.yaml\nseed 7\n@turn 1 "));
  // Every command carries its sender (the harness here is a script).
  EXPECT_NE(text.find("\n[script] end_phase\n"), std::string::npos) << text.substr(0, 400);

  SaveRead read = parseSave(text);
  ASSERT_TRUE(read.log) << read.error.message;
  EXPECT_EQ(read.log->seed, 7u);
  EXPECT_EQ(read.log->turns.size(), session.turnStarts().size());
  std::vector<Command> commands;
  ASSERT_FALSE(checkScenario(*read.log, small.def, "small.yaml"));
  ASSERT_FALSE(parseSaveCommands(*read.log, small.def, commands));
  EXPECT_EQ(commands, session.commands());

  const ReplayResult replay = replaySave(*engine, *read.log, commands);
  EXPECT_TRUE(replay.identical) << replay.message;
  EXPECT_EQ(replay.commandsReplayed, session.commands().size());
  EXPECT_EQ(replay.session->hash(), session.hash());
  EXPECT_EQ(replay.session->state(), session.state());
}

TEST_F(SaveFixture, AnUnfinishedSessionRoundTripsAndPlaysOnIdentically) {
  Session session(*engine, 3);
  std::vector<RandomPolicy> policies;
  for (int a = 0; a < static_cast<int>(small.def.actors.size()); ++a)
    policies.emplace_back(static_cast<std::uint64_t>(a));
  std::vector<Policy*> seats;
  for (auto& p : policies) seats.push_back(&p);
  playOut(session, seats, {.rounds = 2, .stopAtTurn = 3, .onRefused = {}});
  ASSERT_EQ(session.state().turn, 3);
  SaveRead read = parseSave(formatSave(session, "small.yaml"));
  ASSERT_TRUE(read.log);
  std::vector<Command> commands;
  ASSERT_FALSE(parseSaveCommands(*read.log, small.def, commands));
  ReplayResult replay = replaySave(*engine, *read.log, commands);
  ASSERT_TRUE(replay.identical) << replay.message;
  EXPECT_EQ(replay.session->state(), session.state());
}

// A save written by the build before proposals could say whom a joint attribution names
// (7ba9037): joint-attribution proposals, a counter, agreements and a joint disclosure, with the
// hashes that build computed. It still loads and verifies turn by turn, and today's build writes
// the same session byte for byte: the state hash includes naming only once some proposal says it.
constexpr std::string_view kSaveBeforeNaming = R"(demarche-save 2
scenario small
scenario-hash 00112233aabbccdd
scenario-file small.yaml
seed 7
@turn 1 cfda0ad5a4a9f7ef
[script] end_phase
[script] propose ukr to=pol,deu terms=joint_attribution_pact incident=grid_attack text="Name them together?"
[script] reply pol 0 accept "We share the assessment"
[script] reply deu 0 counter terms=information_sharing "Share evidence first"
[script] reply ukr 1 accept "Gladly"
[script] decide ukr grid_attack rus
[script] decide pol grid_attack rus
[script] disclose ukr grid_attack joint partners=pol
[script] end_phase
[script] end_phase
[script] end_phase
@turn 2 63ef92533563418e
[script] end_phase
[script] propose pol to=eu terms=joint_attribution_pact incident=grid_attack
[script] reply eu 2 accept "Agreed"
[script] end_phase
[script] end_phase
[script] end_phase
@turn 3 f87464c296602f10
[script] end_phase
@end 18 122cabceba91ff7d
)";

TEST_F(SaveFixture, ASaveWrittenBeforeProposalsNamedTheirSuspectStillLoadsAndVerifies) {
  SaveRead read = parseSave(kSaveBeforeNaming);
  ASSERT_TRUE(read.log) << read.error.message;
  std::vector<Command> commands;
  ASSERT_FALSE(parseSaveCommands(*read.log, small.def, commands));
  ReplayResult replay = replaySave(*engine, *read.log, commands);
  ASSERT_TRUE(replay.identical) << replay.message;
  const GameState& s = replay.session->state();
  EXPECT_EQ(s.disclosure(test::Small::pol, small.grid), Disclosure::Joint);
  for (const Commitment& c : s.commitments) EXPECT_EQ(c.naming, -1);

  Session session(*engine, 7);
  for (const Command& c : commands) ASSERT_FALSE(session.submit(c).has_value());
  EXPECT_EQ(formatSave(session, "small.yaml"), kSaveBeforeNaming);
}

TEST_F(SaveFixture, TheRunSettingsRoundTripAsOptionalHeaderLinesAfterTheSeed) {
  const Session session = playedSession();
  const SaveSettings settings{"random", "expert", "../decisions/workshop day 2.yaml"};
  const std::string text = formatSave(session, "small.yaml", settings);
  EXPECT_TRUE(
      text.starts_with("demarche-save 2\nscenario small\nscenario-hash 00112233aabbccdd\n"
                       "scenario-file small.yaml\nseed 7\npolicy random\ndifficulty expert\n"
                       "decisions ../decisions/workshop day 2.yaml\n@turn 1 "))
      << text.substr(0, 200);
  SaveRead read = parseSave(text);
  ASSERT_TRUE(read.log) << read.error.message;
  EXPECT_EQ(read.log->settings, settings);
  EXPECT_EQ(read.log->settingLines.policy, 6);
  EXPECT_EQ(read.log->settingLines.decisionsFile, 8);
  // The settings change nothing else: the commands replay as before.
  std::vector<Command> commands;
  ASSERT_FALSE(parseSaveCommands(*read.log, small.def, commands));
  EXPECT_TRUE(replaySave(*engine, *read.log, commands).identical);
  // Only the settings that are known are written; any order is read.
  const std::string some = formatSave(session, "small.yaml", {"ai", "", ""});
  EXPECT_NE(some.find("seed 7\npolicy ai\n@turn 1 "), std::string::npos);
  read = parseSave(replaceLine(replaceLine(text, 6, "decisions d.yaml"), 8, "policy ai"));
  ASSERT_TRUE(read.log) << read.error.message;
  EXPECT_EQ(read.log->settings, (SaveSettings{"ai", "expert", "d.yaml"}));
}

TEST_F(SaveFixture, ASaveWithoutSettingsLinesStillLoadsWithNoSettings) {
  const std::string text = savedText();
  EXPECT_EQ(text.find("\npolicy "), std::string::npos);
  SaveRead read = parseSave(text);
  ASSERT_TRUE(read.log) << read.error.message;
  EXPECT_EQ(read.log->settings, SaveSettings{});
  EXPECT_EQ(read.log->settingLines.policy, 0);
}

TEST_F(SaveFixture, UnknownRepeatedOrEmptySettingsLinesAreRefusedWithTheirLine) {
  const std::string text = formatSave(playedSession(), "small.yaml", {"ai", "standard", ""});
  SaveError e = parseError(replaceLine(text, 7, "speed fast"));
  EXPECT_EQ(e.line, 7);
  EXPECT_NE(e.message.find("unknown header line 'speed'"), std::string::npos) << e.message;
  e = parseError(replaceLine(text, 7, "policy random"));
  EXPECT_EQ(e.line, 7);
  EXPECT_NE(e.message.find("'policy' header line appears twice (first at line 6)"), std::string::npos)
      << e.message;
  e = parseError(replaceLine(text, 6, "policy"));
  EXPECT_EQ(e.line, 6);
  EXPECT_NE(e.message.find("expected a value after 'policy'"), std::string::npos) << e.message;
  e = parseError(replaceLine(text, 7, "difficulty very hard"));
  EXPECT_EQ(e.column, 12);
  EXPECT_NE(e.message.find("expected one word"), std::string::npos) << e.message;
  // After '@turn 1' such a line is a command, checked against the scenario like any other.
  SaveRead read = parseSave(replaceLine(savedText(), 7, "policy ai"));
  ASSERT_TRUE(read.log) << read.error.message;
  std::vector<Command> commands;
  EXPECT_TRUE(parseSaveCommands(*read.log, small.def, commands));
}

TEST_F(SaveFixture, ASaveFromANewerVersionIsRefusedWithBothFormatNumbers) {
  const SaveError error = parseError(replaceLine(savedText(), 1, "demarche-save 3"));
  EXPECT_EQ(error.line, 1);
  EXPECT_EQ(error.message, "this save was written by a newer Démarche (format 3); this build reads format 2");
}

TEST_F(SaveFixture, ASaveOfAChangedScenarioIsRefusedNamingBothHashesAndTheFile) {
  SaveRead read = parseSave(savedText());
  ASSERT_TRUE(read.log);
  ScenarioDef changed = small.def;
  changed.contentHash = "ffffeeeeddddcccc";
  const auto error = checkScenario(*read.log, changed, "scenarios/small.yaml");
  ASSERT_TRUE(error);
  EXPECT_NE(error->message.find("00112233aabbccdd"), std::string::npos) << error->message;
  EXPECT_NE(error->message.find("ffffeeeeddddcccc"), std::string::npos) << error->message;
  EXPECT_NE(error->message.find("scenarios/small.yaml"), std::string::npos) << error->message;
}

TEST_F(SaveFixture, ASaveOfAnotherScenarioIsRefused) {
  SaveRead read = parseSave(savedText());
  ASSERT_TRUE(read.log);
  ScenarioDef other = small.def;
  other.id = "other";
  const auto error = checkScenario(*read.log, other, "other.yaml");
  ASSERT_TRUE(error);
  EXPECT_NE(error->message.find("for scenario 'small'"), std::string::npos) << error->message;
}

TEST_F(SaveFixture, AMalformedCommandLineIsReportedWithItsLineAndWhatWasExpected) {
  const std::string text = replaceLine(savedText(), 8, "measure ukr sanctionz target=rus");
  SaveRead read = parseSave(text);
  ASSERT_TRUE(read.log) << read.error.message;
  std::vector<Command> commands;
  const auto error = parseSaveCommands(*read.log, small.def, commands);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->line, 8);
  EXPECT_GT(error->column, 1);
  EXPECT_NE(error->message.find("sanctionz"), std::string::npos) << error->message;
  EXPECT_EQ(formatSaveError("x.dlog", *error).rfind("x.dlog:8:", 0), 0u);
}

TEST_F(SaveFixture, MalformedHeaderAndMarkerLinesNameTheLineAndTheExpectedForm) {
  const std::string text = savedText();
  SaveError e = parseError(replaceLine(text, 5, "seed many"));
  EXPECT_EQ(e.line, 5);
  EXPECT_NE(e.message.find("expected the seed"), std::string::npos) << e.message;
  e = parseError(replaceLine(text, 3, "hash 1234"));
  EXPECT_EQ(e.line, 3);
  EXPECT_NE(e.message.find("expected 'scenario-hash ...'"), std::string::npos) << e.message;
  e = parseError(replaceLine(text, 6, "@turn 1 xyz"));
  EXPECT_EQ(e.line, 6);
  EXPECT_NE(e.message.find("16 hexadecimal digits"), std::string::npos) << e.message;
  e = parseError(replaceLine(text, 6, "@turn 2 0123456789abcdef"));
  EXPECT_NE(e.message.find("expected '@turn 1'"), std::string::npos) << e.message;
  e = parseError(replaceLine(text, 1, "hello world"));
  EXPECT_NE(e.message.find("not a Démarche save"), std::string::npos) << e.message;
}

// The save has the one seed range of Démarche, 0..2^53, like --seed and a scenario's `seed`.
TEST_F(SaveFixture, ASeedOutsideZeroToTwoToThe53IsRefusedWithTheRange) {
  const std::string text = savedText();
  for (const char* seed : {"9007199254740993", "18446744073709551615", "-1"}) {
    SCOPED_TRACE(seed);
    const SaveError e = parseError(replaceLine(text, 5, std::string("seed ") + seed));
    EXPECT_EQ(e.line, 5);
    EXPECT_EQ(e.column, 6);
    EXPECT_NE(
        e.message.find("a whole number from 0 to 9007199254740992 (2^53), found '" + std::string(seed) + "'"),
        std::string::npos)
        << e.message;
  }
  EXPECT_TRUE(parseSave(replaceLine(text, 5, "seed 9007199254740992")).log.has_value());
}

// A save holds what an exercise could: more commands, turns or seat lines than any is refused at
// the line that goes over, before the rest is read into memory.
TEST_F(SaveFixture, MoreCommandsTurnsOrSeatsThanAnExerciseCouldHaveAreRefusedAtTheirLine) {
  const std::string header =
      "demarche-save 2\nscenario small\nscenario-hash 00112233aabbccdd\n"
      "scenario-file small.yaml\nseed 7\n";
  std::string commands = header + "@turn 1 0123456789abcdef\n";
  for (std::size_t i = 0; i <= kMaxSaveCommands; ++i)
    commands += i % 2 ? "[facilitator] resume\n" : "pause\n";
  SaveError e = parseError(commands + "@end 0 0123456789abcdef\n");
  EXPECT_EQ(e.line, static_cast<int>(7 + kMaxSaveCommands));
  EXPECT_NE(e.message.find("more than 100000 commands"), std::string::npos) << e.message;

  std::string turns = header;
  for (std::size_t t = 1; t <= kMaxSaveTurns + 1; ++t)
    turns += "@turn " + std::to_string(t) + " 0123456789abcdef\n";
  e = parseError(turns);
  EXPECT_EQ(e.line, static_cast<int>(6 + kMaxSaveTurns));
  EXPECT_NE(e.message.find("more than 1000 turns"), std::string::npos) << e.message;

  std::string seats = header;
  for (std::size_t i = 0; i <= kMaxSaveSeats; ++i) seats += "seat a ai\n";
  e = parseError(seats);
  EXPECT_EQ(e.line, static_cast<int>(6 + kMaxSaveSeats));
  EXPECT_NE(e.message.find("more than 10000 'seat' lines"), std::string::npos) << e.message;
}

TEST_F(SaveFixture, ATruncatedSaveIsRefusedAsTruncatedWhereverItIsCut) {
  const std::string text = savedText();
  for (std::size_t cut : {std::size_t{20}, std::size_t{60}, text.size() / 2, text.size() - 5}) {
    SaveRead read = parseSave(text.substr(0, cut));
    ASSERT_FALSE(read.log) << "cut at " << cut;
    // Cut inside a line, the last line may also be malformed; either way it is refused clearly.
    EXPECT_FALSE(read.error.message.empty());
  }
  const std::size_t lastLine = text.rfind("@end");
  const SaveError e = parseError(text.substr(0, lastLine));
  EXPECT_NE(e.message.find("truncated"), std::string::npos) << e.message;
}

TEST_F(SaveFixture, LostCommandLinesAreDetectedByTheCommandCount) {
  const std::string text = replaceLine(savedText(), 8, "");
  const SaveError e = parseError(text);
  EXPECT_NE(e.message.find("lines lost or added"), std::string::npos) << e.message;
}

TEST_F(SaveFixture, BinaryGarbageIsRefusedAsNotASave) {
  std::string garbage =
      "\x7f"
      "ELF\x02\x01\x01";
  garbage += std::string("\0\0\0\xff\xfe", 5);
  EXPECT_NE(parseError(garbage).message.find("binary data"), std::string::npos);
  std::string withNul = savedText();
  withNul[30] = '\0';
  EXPECT_NE(parseError(withNul).message.find("binary data"), std::string::npos);
  EXPECT_NE(parseError("").message.find("empty"), std::string::npos);
}

TEST_F(SaveFixture, AFileOverTheSizeCapIsRefusedUnread) {
  const fs::path big = dir / "big.dlog";
  {
    std::ofstream out(big, std::ios::binary);
    out << savedText();
    out << std::string(4096, '#');
  }
  SaveRead read = readSave(big, 1024);
  ASSERT_FALSE(read.log);
  EXPECT_NE(read.error.message.find("too large"), std::string::npos) << read.error.message;
  EXPECT_NE(readSave(dir / "missing.dlog").error.message.find("no such file"), std::string::npos);
  EXPECT_NE(readSave(dir).error.message.find("directory"), std::string::npos);
}

TEST_F(SaveFixture, ATamperedCommandMakesTheReplayDivergeAtItsTurn) {
  const Session session = playedSession();
  std::string text = formatSave(session, "small.yaml");
  SaveRead read = parseSave(text);
  ASSERT_TRUE(read.log);
  // Change one command of turn 2 to another legal-looking command of the same kind.
  ASSERT_GE(read.log->turns.size(), 3u);
  const std::size_t turn2 = read.log->turns[1].firstCommand;
  std::vector<Command> commands;
  ASSERT_FALSE(parseSaveCommands(*read.log, small.def, commands));
  commands.insert(commands.begin() + static_cast<std::ptrdiff_t>(turn2) + 1,
                  Command{AdjustMeter{test::Small::ukr, test::Small::economy, -3, "tampered"}});
  const ReplayResult replay = replaySave(*engine, *read.log, commands);
  EXPECT_FALSE(replay.identical);
  EXPECT_EQ(replay.divergingTurn, 3) << replay.message;  // turn 3 is the first to start differently
}

TEST_F(SaveFixture, AWrongTurnHashNamesThatTurn) {
  const std::string text = savedText();
  SaveRead read = parseSave(text);
  ASSERT_TRUE(read.log);
  read.log->turns[2].hash ^= 1;
  std::vector<Command> commands;
  ASSERT_FALSE(parseSaveCommands(*read.log, small.def, commands));
  const ReplayResult replay = replaySave(*engine, *read.log, commands);
  EXPECT_FALSE(replay.identical);
  EXPECT_EQ(replay.divergingTurn, 3);
  EXPECT_NE(replay.message.find("turn 3 starts with state"), std::string::npos) << replay.message;
}

TEST_F(SaveFixture, RandomlyDamagedSavesAreRefusedOrReplayedNeverCrash) {
  const std::string text = savedText();
  Rng rng(99);
  int refused = 0;
  for (int i = 0; i < 400; ++i) {
    std::string damaged = text;
    const int edits = 1 + rng.uniformInt(4);
    for (int k = 0; k < edits; ++k) {
      const auto at = static_cast<std::size_t>(rng.uniformInt(static_cast<int>(damaged.size())));
      switch (rng.uniformInt(3)) {
        case 0:
          damaged[at] = static_cast<char>(rng.uniformInt(256));
          break;
        case 1:
          damaged.erase(at, static_cast<std::size_t>(rng.uniformInt(40)));
          break;
        default:
          damaged.insert(at, damaged.substr(at / 2, static_cast<std::size_t>(rng.uniformInt(40))));
      }
    }
    SaveRead read = parseSave(damaged);
    if (!read.log) {
      ++refused;
      EXPECT_FALSE(read.error.message.empty());
      continue;
    }
    std::vector<Command> commands;
    if (parseSaveCommands(*read.log, small.def, commands)) {
      ++refused;
      continue;
    }
    const ReplayResult replay = replaySave(*engine, *read.log, commands);
    if (!replay.identical) ++refused;
    EXPECT_TRUE(replay.identical || !replay.message.empty());
  }
  EXPECT_GT(refused, 300);
}

TEST(AtomicFile, WritesAndReplacesAFileLeavingNoTemporaryFile) {
  const fs::path dir = fs::temp_directory_path() / ("demarche-atomic-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "game.dlog";
  ASSERT_FALSE(writeFileAtomically(file, "first"));
  ASSERT_FALSE(writeFileAtomically(file, "second version"));
  std::string read;
  ASSERT_FALSE(readFileCapped(file, 1000, read));
  EXPECT_EQ(read, "second version");
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1);
  fs::remove_all(dir);
}

TEST(AtomicFile, AFailedWriteExplainsWhyAndLeavesTheOldFileAlone) {
  const fs::path dir = fs::temp_directory_path() / ("demarche-atomic2-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const auto error = writeFileAtomically(dir / "no-such-dir" / "game.dlog", "x");
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("cannot create"), std::string::npos) << *error;
  // Replacing a directory fails at the rename: the directory stays.
  fs::create_directories(dir / "taken");
  fs::create_directories(dir / "taken" / "child");
  EXPECT_TRUE(writeFileAtomically(dir / "taken", "x"));
  EXPECT_TRUE(fs::is_directory(dir / "taken"));
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1);  // no temporary file left behind
  fs::remove_all(dir);
}

}  // namespace
}  // namespace demarche

namespace demarche {
namespace {

// A save killed mid-write leaves its temporary behind; the next save of the same file removes
// the temporaries of programs that are gone, and leaves everything else alone.
TEST(AtomicFile, TheNextSaveRemovesStaleTemporariesOfTheSameFileOnly) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("demarche-stale-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // A pid that cannot be running: above the kernel's pid_max (at most 2^22).
  const std::vector<std::string> stale = {".game.dlog.99999999.tmp"};
  const std::vector<std::string> kept = {".game.dlog.1.tmp",                                    // pid 1 runs
                                         ".game.dlog." + std::to_string(::getppid()) + ".tmp",  // running
                                         ".other.dlog.99999999.tmp",  // another file
                                         ".game.dlog.notapid.tmp", "game.dlog.99999999.tmp"};
  for (const auto& name : stale) std::ofstream(dir / name) << "partial";
  for (const auto& name : kept) std::ofstream(dir / name) << "partial";
  ASSERT_FALSE(writeFileAtomically(dir / "game.dlog", "saved\n"));
  for (const auto& name : stale) EXPECT_FALSE(fs::exists(dir / name)) << name;
  for (const auto& name : kept) EXPECT_TRUE(fs::exists(dir / name)) << name;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace demarche
