// The one-line text form of commands, used by the save format (command log) and by
// `demarche run --decisions`. Ids are the scenario's ids; free text is double-quoted with
// \" and \\ escapes. One command per line:
//   measure ukr public_attribution target=rus incident=grid_attack
//   propose ukr to=pol,deu terms=coordinated_sanctions incident=grid_attack text="Act together?"
//   reply pol 0 accept "We share the assessment"
//   reply deu 0 counter terms=information_sharing "Share evidence first"
//   decide ukr grid_attack rus
//   disclose ukr grid_attack public            (private | public | joint partners=pol,deu)
//   end_phase | pause | resume | reveal_truth | undo_turn | end_exercise
//   inject inj_blackout
//   adjust ukr credibility -5 "Leaked memo"
//   seat rus team | seat rus ai expert | seat rus scripted | seat rus random
//   undone 3 3 42                              (the trace of an undo: from turn, to turn, commands)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/Command.hpp"

namespace demarche {

struct ScenarioDef;

struct CommandParse {
  std::optional<Command> command;  // set when the line is valid
  std::string error;               // otherwise what is wrong, e.g. "unknown measure 'sanctionz'"
  int column = 0;                  // 1-based column of the problem, 0 if not known
  std::string suggestion;          // "did you mean 'ukr' (Ukraine)?" for an unknown id, or empty
};

// Parses one line (leading/trailing blanks ignored). Ids are resolved against `def`.
// Syntax only: whether the command is legal now is Engine::check's business.
CommandParse parseCommand(const ScenarioDef& def, std::string_view line);

// The canonical line for a command; parseCommand(def, formatCommand(def, c)) == c.
// Doubles (AdjustMeter::delta) use the shortest text that reads back to the same value.
std::string formatCommand(const ScenarioDef& def, const Command& command);

// Seat kinds and AI difficulties as words: "team", "ai", "scripted", "random";
// "novice", "standard", "expert".
std::optional<SeatKind> parseSeatKind(std::string_view word);
// A seat as the `seat` command and the save write it: "team" (at the laptop), "browser" (a
// team in a browser), "ai standard", "scripted", "random".
std::string formatSeat(const Seat& seat);
std::string_view difficultyWord(std::uint8_t difficulty);
std::optional<std::uint8_t> parseDifficultyWord(std::string_view word);

// A command's sender as the save writes it: "facilitator", "script", "team:ukr", "ai:rus",
// "script:ukr" (a decisions file's seat). parseSender returns nullopt for anything else.
std::string formatSender(const ScenarioDef& def, Sender sender);
std::optional<Sender> parseSender(const ScenarioDef& def, std::string_view text);

}  // namespace demarche
