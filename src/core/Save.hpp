// The save format of Démarche: the command log. A save names the scenario (id, content hash,
// file), the seed, every applied command in CommandText form and the state hash at the start
// of every turn, so loading it replays the exercise exactly and checks it on the way.
//
//   demarche-save 2
//   scenario winter-grid
//   scenario-hash 9eb6099b97e72ee1
//   scenario-file ../scenarios/winter-grid.yaml     (relative to the save's directory)
//   seed 20151223
//   policy ai                                        (optional: how `run` played the other seats)
//   difficulty expert                                (optional: the AI preset)
//   decisions ../workshop.yaml                       (optional: relative to the save's directory)
//   seat ukr team                                    (optional: the seat table at the start;
//   seat rus ai expert                                unnamed actors start as AI, standard)
//   @turn 1 0123456789abcdef                         (state hash at the start of turn 1)
//   [facilitator] end_phase                          (each command with its sender: facilitator,
//   [team:ukr] measure ukr forensic_investigation incident=grid_attack   team:ID, ai:ID, script:ID,
//   [ai:rus] measure rus deny_involvement            script; a line without one is from a script)
//   why Deny: our hand must stay hidden              (optional: the AI's reason for the command above)
//   ...
//   @turn 2 fedcba9876543210
//   ...
//   @end 212 0011223344556677                        (command count, final state hash)
//
// Loading never trusts the file: size cap, binary data, a newer format, missing or malformed
// lines (with line and column), truncation and a changed scenario are all clear errors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Command.hpp"
#include "core/Engine.hpp"
#include "core/Session.hpp"

namespace demarche {

// The format this build writes; it reads every format from 1 up (format 1 had no senders,
// seats or reasons: its commands read as given by a script, every seat as AI).
inline constexpr int kSaveFormat = 2;
inline constexpr std::size_t kMaxSaveBytes = 64 * 1024 * 1024;  // larger files are refused unread
inline constexpr std::size_t kMaxSaveLineBytes = 64 * 1024;
// What a save may hold, so that reading a hostile file costs memory in proportion to what a real
// one could hold, not to its size (a 60 MiB file of "pause" lines used to take 724 MiB). A whole
// workshop of AI on every seat is a few thousand commands; a scenario has at most 100 turns.
inline constexpr std::size_t kMaxSaveCommands = 100'000;
inline constexpr std::size_t kMaxSaveTurns = 1'000;
inline constexpr std::size_t kMaxSaveSeats = 10'000;

// How `demarche run` played the seats its decisions file did not script, so that `run --resume`
// plays on as the original run would have. Empty = not recorded (an older save, or a session not
// played by `run`); core only carries the words, `run` checks them.
struct SaveSettings {
  std::string policy;         // "ai" or "random", as `run --policy` takes it
  std::string difficulty;     // the AI preset, as `run --difficulty` takes it
  std::string decisionsFile;  // relative to the save's directory, or absolute; empty = none
  friend bool operator==(const SaveSettings&, const SaveSettings&) = default;
};

// A save as read from text, before the scenario is known (command lines stay text).
struct SaveLog {
  int format = kSaveFormat;
  std::string scenarioId;
  std::string scenarioHash;  // ScenarioDef::contentHash at the time of saving
  std::string scenarioFile;  // as written: relative to the save's directory, or absolute
  std::uint64_t seed = 0;
  SaveSettings settings;
  // The lines the settings were read from (0 = absent), for messages about their values.
  struct SettingLines {
    int policy = 0;
    int difficulty = 0;
    int decisionsFile = 0;
  } settingLines;

  // The seat table at the start, as written ("seat ACTOR KIND [DIFFICULTY]").
  struct SeatLine {
    int line = 0;
    std::string text;  // what follows "seat "
  };
  std::vector<SeatLine> seats;

  struct CommandLine {
    int line = 0;  // 1-based line in the save file
    std::string text;
    std::string sender;     // inside the leading [...]; empty = none written (a script)
    int textColumn = 1;     // 1-based column where the command starts
    std::string rationale;  // the "why" line that follows, if any
  };
  std::vector<CommandLine> commands;

  struct TurnMark {
    int turn = 1;
    std::size_t firstCommand = 0;  // index in `commands` of the turn's first command
    std::uint64_t hash = 0;        // state hash at the start of the turn
    int line = 0;
  };
  std::vector<TurnMark> turns;
  std::uint64_t finalHash = 0;
};

// What is wrong with a save; line 0 = the file as a whole, column 0 = the line as a whole.
struct SaveError {
  int line = 0;
  int column = 0;
  std::string message;
};
// "FILE:LINE:COL: message" (or "FILE: message" when the problem has no position).
std::string formatSaveError(const std::string& file, const SaveError& error);

// The text of a save of `session`; `scenarioFile` and the non-empty `settings` are recorded as
// given (a setting that is empty writes no line, so such a save reads as before settings existed).
std::string formatSave(const Session& session, std::string_view scenarioFile,
                       const SaveSettings& settings = {});
// Writes formatSave(...) atomically (see AtomicFile.hpp). nullopt on success, else why not.
std::optional<std::string> writeSave(const std::filesystem::path& path, const Session& session,
                                     std::string_view scenarioFile, const SaveSettings& settings = {});

// Reads the structure of a save (header, marks, command lines, final line). Exactly one of
// `log` / `error` is meaningful.
struct SaveRead {
  std::optional<SaveLog> log;
  SaveError error;
};
SaveRead parseSave(std::string_view text);
SaveRead readSave(const std::filesystem::path& path, std::size_t maxBytes = kMaxSaveBytes);

// Refuses a save written for a different scenario or a changed version of the same one.
// `scenarioFile` is the scenario file as it should be named in the message.
std::optional<SaveError> checkScenario(const SaveLog& log, const ScenarioDef& def,
                                       std::string_view scenarioFile);

// Parses every command line against the scenario; the first bad line is an error with its
// line and column. Also checks the seat lines and every sender (parseSaveSeats, saveSender).
std::optional<SaveError> parseSaveCommands(const SaveLog& log, const ScenarioDef& def,
                                           std::vector<Command>& out);
// The seat table a save starts with (one per actor).
std::optional<SaveError> parseSaveSeats(const SaveLog& log, const ScenarioDef& def, std::vector<Seat>& out);
// The sender of one command line (Sender::script() when none is written); nullopt if unknown.
std::optional<Sender> saveSender(const SaveLog::CommandLine& line, const ScenarioDef& def);

// Re-runs a save's commands from the initial state, each from its recorded sender (a sender
// that may not give its command makes the replay diverge) with its reason, and compares every
// per-turn hash and the final hash with the recorded ones.
struct ReplayResult {
  std::optional<Session> session;  // the replayed session (up to the divergence, if any)
  bool identical = false;
  int divergingTurn = 0;  // first turn that differs (hash, turn structure or a refused command)
  std::string message;    // what differs, e.g. "turn 3 starts with state 0123..., the save says 4567..."
  std::size_t commandsReplayed = 0;
  int turnsReplayed = 0;
};
// `seatsIfNone` is the seat table for a format-1 save, which records none (null: every seat AI).
ReplayResult replaySave(const Engine& engine, const SaveLog& log, const std::vector<Command>& commands,
                        const std::vector<Seat>* seatsIfNone = nullptr);

}  // namespace demarche
