// The command-log save format: writing, structural reading, scenario check, replay.
#include "core/Save.hpp"

#include <charconv>

#include "core/AtomicFile.hpp"
#include "core/CommandText.hpp"
#include "core/Definitions.hpp"
#include "core/Utf8.hpp"

// g++ 12 reports -Wrestrict falsely on "literal" + std::string chains (GCC bug 105651).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

namespace demarche {
namespace {

constexpr std::string_view kMagic = "demarche-save";

bool parseHash(std::string_view text, std::uint64_t& out) {
  if (text.size() != 16) return false;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out, 16);
  return ec == std::errc() && ptr == text.data() + text.size();
}

template <class Int>
bool parseDecimal(std::string_view text, Int& out) {
  if (text.empty()) return false;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

// Splits "key rest" at the first space.
std::pair<std::string_view, std::string_view> splitKey(std::string_view line) {
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos) return {line, {}};
  return {line.substr(0, space), line.substr(space + 1)};
}

SaveRead fail(int line, int column, std::string message) {
  SaveRead r;
  r.error = {line, column, std::move(message)};
  return r;
}

}  // namespace

std::string formatSaveError(const std::string& file, const SaveError& error) {
  std::string out = file;
  if (error.line > 0) {
    out += ":" + std::to_string(error.line);
    if (error.column > 0) out += ":" + std::to_string(error.column);
  }
  return out + ": " + error.message;
}

std::string formatSave(const Session& session, std::string_view scenarioFile, const SaveSettings& settings) {
  const ScenarioDef& def = session.engine().def();
  std::string out;
  out.reserve(64 * session.commands().size() + 512);
  out += std::string(kMagic) + " " + std::to_string(kSaveFormat) + "\n";
  out += "scenario " + def.id + "\n";
  out += "scenario-hash " + def.contentHash + "\n";
  out += "scenario-file " + std::string(scenarioFile) + "\n";
  out += "seed " + std::to_string(session.seed()) + "\n";
  if (!settings.policy.empty()) out += "policy " + settings.policy + "\n";
  if (!settings.difficulty.empty()) out += "difficulty " + settings.difficulty + "\n";
  if (!settings.decisionsFile.empty()) out += "decisions " + settings.decisionsFile + "\n";
  // The seat table at the start (the session's first turn start holds it).
  if (!session.turnStarts().empty()) {
    const std::vector<Seat>& seats = session.turnStarts().front().seats;
    for (std::size_t a = 0; a < seats.size() && a < def.actors.size(); ++a) {
      if (seats[a] == Seat{}) continue;
      out += "seat " + def.actors[a].id + " " + formatSeat(seats[a]) + "\n";
    }
  }
  const auto& turns = session.turnStarts();
  const auto& commands = session.commands();
  std::size_t nextTurn = 0;
  for (std::size_t i = 0; i <= commands.size(); ++i) {
    while (nextTurn < turns.size() && turns[nextTurn].firstCommand == i) {
      out += "@turn " + std::to_string(turns[nextTurn].turn) + " " + hashHex(turns[nextTurn].hash) + "\n";
      ++nextTurn;
    }
    if (i >= commands.size()) continue;
    out += "[" + formatSender(def, session.senders()[i]) + "] " + formatCommand(def, commands[i]) + "\n";
    if (const std::string& why = session.rationales()[i]; !why.empty()) {
      std::string line = why;
      for (char& c : line)
        if (c == '\n' || c == '\r') c = ' ';
      if (line.size() > kMaxSaveLineBytes / 2) line.resize(kMaxSaveLineBytes / 2);
      out += "why " + line + "\n";
    }
  }
  out += "@end " + std::to_string(commands.size()) + " " + hashHex(session.hash()) + "\n";
  return out;
}

std::optional<std::string> writeSave(const std::filesystem::path& path, const Session& session,
                                     std::string_view scenarioFile, const SaveSettings& settings) {
  return writeFileAtomically(path, formatSave(session, scenarioFile, settings));
}

SaveRead parseSave(std::string_view text) {
  if (text.empty())
    return fail(
        0, 0,
        "the file is empty; a Démarche save starts with 'demarche-save " + std::to_string(kSaveFormat) + "'");
  if (const std::size_t bad = checkUtf8Text(text).offset; bad != std::string_view::npos) {
    int line = 1;
    for (std::size_t i = 0; i < bad; ++i) line += text[i] == '\n' ? 1 : 0;
    return fail(line, 0,
                "not a Démarche save: binary data (byte " + std::to_string(bad) +
                    " is not text); a save is a UTF-8 text file starting with 'demarche-save " +
                    std::to_string(kSaveFormat) + "'");
  }

  SaveLog log;
  std::size_t pos = 0;
  int lineNo = 0;
  bool ended = false;
  // Header keys in their fixed order; the body follows.
  const std::string_view headerKeys[] = {"scenario", "scenario-hash", "scenario-file", "seed"};
  std::size_t header = 0;  // next header key expected; 4 = body
  int lastLine = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++lineNo;
    if (line.size() > kMaxSaveLineBytes) {
      return fail(lineNo, 0,
                  "line too long (" + std::to_string(line.size()) + " bytes; the limit is " +
                      std::to_string(kMaxSaveLineBytes) + ")");
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lastLine = lineNo;

    if (lineNo == 1) {
      const auto [magic, version] = splitKey(line);
      if (magic != kMagic) {
        return fail(1, 1,
                    "not a Démarche save: the first line should be 'demarche-save " +
                        std::to_string(kSaveFormat) + "'");
      }
      int format = 0;
      if (!parseDecimal(version, format) || format < 1) {
        return fail(1, static_cast<int>(kMagic.size()) + 2,
                    "expected the format version (a positive whole number) after 'demarche-save'");
      }
      if (format > kSaveFormat) {
        return fail(1, static_cast<int>(kMagic.size()) + 2,
                    "this save was written by a newer Démarche (format " + std::to_string(format) +
                        "); this build reads format " + std::to_string(kSaveFormat));
      }
      log.format = format;
      continue;
    }
    if (ended) {
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      return fail(lineNo, 1, "unexpected text after the '@end' line");
    }
    if (header < std::size(headerKeys)) {
      const auto [key, value] = splitKey(line);
      const std::string_view want = headerKeys[header];
      if (key != want) {
        return fail(lineNo, 1,
                    "expected '" + std::string(want) + " ...' (header line " + std::to_string(header + 2) +
                        " of a save)");
      }
      const int valueColumn = static_cast<int>(want.size()) + 2;
      if (value.empty())
        return fail(lineNo, valueColumn, "expected a value after '" + std::string(want) + "'");
      if (want == "scenario") {
        log.scenarioId = std::string(value);
      } else if (want == "scenario-hash") {
        log.scenarioHash = std::string(value);
      } else if (want == "scenario-file") {
        log.scenarioFile = std::string(value);
      } else if (!parseDecimal(value, log.seed) || log.seed > kMaxSeed) {
        return fail(lineNo, valueColumn,
                    "expected the seed, a whole number from 0 to 9007199254740992 (2^53), found '" +
                        std::string(value) + "'");
      }
      ++header;
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank lines are harmless
    // The optional settings lines sit between 'seed' and '@turn 1', in any order, once each.
    if (log.turns.empty() && line.front() != '@') {
      const auto [key, value] = splitKey(line);
      std::string* field = nullptr;
      int* fieldLine = nullptr;
      if (key == "policy") {
        field = &log.settings.policy;
        fieldLine = &log.settingLines.policy;
      } else if (key == "difficulty") {
        field = &log.settings.difficulty;
        fieldLine = &log.settingLines.difficulty;
      } else if (key == "decisions") {
        field = &log.settings.decisionsFile;
        fieldLine = &log.settingLines.decisionsFile;
      } else if (key == "seat" && log.format >= 2) {
        if (value.empty()) return fail(lineNo, 6, "expected 'seat ACTOR team|browser|ai|scripted|random'");
        if (log.seats.size() >= kMaxSaveSeats)
          return fail(lineNo, 1, "more than " + std::to_string(kMaxSaveSeats) + " 'seat' lines");
        log.seats.push_back({lineNo, std::string(value)});
        continue;
      } else {
        return fail(lineNo, 1,
                    "unknown header line '" + std::string(key) +
                        "': after 'seed' a save may have 'policy', 'difficulty', 'decisions' and 'seat' "
                        "lines, then '@turn 1 HASH' before the first command");
      }
      const int valueColumn = static_cast<int>(key.size()) + 2;
      if (*fieldLine != 0) {
        return fail(lineNo, 1,
                    "the '" + std::string(key) + "' header line appears twice (first at line " +
                        std::to_string(*fieldLine) + ")");
      }
      if (value.empty())
        return fail(lineNo, valueColumn, "expected a value after '" + std::string(key) + "'");
      if (key != "decisions" && value.find_first_of(" \t") != std::string_view::npos)
        return fail(lineNo, valueColumn, "expected one word after '" + std::string(key) + "'");
      *field = std::string(value);
      *fieldLine = lineNo;
      continue;
    }
    if (line.starts_with("@turn ")) {
      const auto [turnText, hashText] = splitKey(line.substr(6));
      SaveLog::TurnMark mark;
      mark.line = lineNo;
      mark.firstCommand = log.commands.size();
      if (!parseDecimal(turnText, mark.turn) || mark.turn < 1) {
        return fail(lineNo, 7, "expected a turn number after '@turn'");
      }
      if (log.turns.size() >= kMaxSaveTurns) {
        return fail(lineNo, 1,
                    "more than " + std::to_string(kMaxSaveTurns) + " turns (a scenario has at most 100)");
      }
      const int expected = log.turns.empty() ? 1 : log.turns.back().turn + 1;
      if (mark.turn != expected) {
        return fail(
            lineNo, 7,
            "expected '@turn " + std::to_string(expected) + "', found turn " + std::to_string(mark.turn));
      }
      if (!parseHash(hashText, mark.hash)) {
        return fail(lineNo, static_cast<int>(7 + turnText.size() + 1),
                    "expected a state hash (16 hexadecimal digits) after the turn number");
      }
      log.turns.push_back(mark);
      continue;
    }
    if (line.starts_with("@end")) {
      const auto [countText, hashText] = splitKey(line.size() > 5 ? line.substr(5) : std::string_view{});
      std::size_t count = 0;
      if (line.size() <= 5 || line[4] != ' ' || !parseDecimal(countText, count)) {
        return fail(lineNo, 6,
                    "expected '@end COMMANDS HASH' (the number of commands and the final state hash)");
      }
      if (count != log.commands.size()) {
        return fail(lineNo, 6,
                    "the save says " + std::to_string(count) + " commands but holds " +
                        std::to_string(log.commands.size()) + " (lines lost or added?)");
      }
      if (!parseHash(hashText, log.finalHash)) {
        return fail(lineNo, static_cast<int>(6 + countText.size() + 1),
                    "expected the final state hash (16 hexadecimal digits)");
      }
      ended = true;
      continue;
    }
    if (line.front() == '@')
      return fail(lineNo, 1, "unknown marker; expected '@turn N HASH' or '@end N HASH'");
    if (line.starts_with("why ") && log.format >= 2) {
      if (log.commands.empty() || log.commands.back().line != lineNo - 1 ||
          !log.commands.back().rationale.empty())
        return fail(lineNo, 1, "a 'why' line belongs right after the command it explains");
      log.commands.back().rationale = std::string(line.substr(4));
      continue;
    }
    if (log.commands.size() >= kMaxSaveCommands) {
      return fail(lineNo, 1,
                  "more than " + std::to_string(kMaxSaveCommands) +
                      " commands: no exercise is that long; this is not a save Démarche wrote");
    }
    SaveLog::CommandLine command{lineNo, std::string(line), {}, 1, {}};
    if (line.front() == '[') {
      const std::size_t close = line.find(']');
      if (close == std::string_view::npos || close + 1 >= line.size() || line[close + 1] != ' ')
        return fail(lineNo, 1, "expected '[SENDER] COMMAND', e.g. '[team:ukr] measure ...'");
      command.sender = std::string(line.substr(1, close - 1));
      command.text = std::string(line.substr(close + 2));
      command.textColumn = static_cast<int>(close) + 3;
    }
    log.commands.push_back(std::move(command));
  }
  if (header < std::size(headerKeys)) {
    return fail(0, 0,
                "the save is truncated: it ends at line " + std::to_string(lastLine) + " before the '" +
                    std::string(headerKeys[header]) + "' header line");
  }
  if (log.turns.empty()) return fail(0, 0, "the save is truncated: it holds no '@turn 1' line");
  if (!ended) {
    return fail(0, 0,
                "the save is truncated: it ends at line " + std::to_string(lastLine) +
                    " without the closing '@end' line (was it cut off while being copied?)");
  }
  SaveRead r;
  r.log = std::move(log);
  return r;
}

SaveRead readSave(const std::filesystem::path& path, std::size_t maxBytes) {
  std::string text;
  if (auto error = readFileCapped(path, maxBytes, text)) return fail(0, 0, *error);
  return parseSave(text);
}

std::optional<SaveError> checkScenario(const SaveLog& log, const ScenarioDef& def,
                                       std::string_view scenarioFile) {
  if (log.scenarioId != def.id) {
    return SaveError{2, 10,
                     "this save is for scenario '" + log.scenarioId + "', but '" + std::string(scenarioFile) +
                         "' is scenario '" + def.id + "'"};
  }
  if (log.scenarioHash != def.contentHash) {
    return SaveError{
        3, 15,
        std::string("the scenario has changed since this save was written: the save was made with ") +
            "content hash " + log.scenarioHash + ", '" + std::string(scenarioFile) + "' now has " +
            def.contentHash + "; replay it with the scenario version it was played with"};
  }
  return std::nullopt;
}

std::optional<SaveError> parseSaveCommands(const SaveLog& log, const ScenarioDef& def,
                                           std::vector<Command>& out) {
  out.clear();
  out.reserve(log.commands.size());
  std::vector<Seat> seats;
  if (auto error = parseSaveSeats(log, def, seats)) return error;
  for (const SaveLog::CommandLine& line : log.commands) {
    if (!saveSender(line, def)) {
      return SaveError{line.line, 2,
                       "unknown sender '" + line.sender +
                           "' (expected facilitator, script, team:ACTOR, ai:ACTOR or script:ACTOR)"};
    }
    CommandParse parsed = parseCommand(def, line.text);
    if (!parsed.command) {
      return SaveError{line.line, parsed.column > 0 ? parsed.column + line.textColumn - 1 : line.textColumn,
                       "expected a command (see docs/cli.md, the save format): " + parsed.error};
    }
    out.push_back(std::move(*parsed.command));
  }
  return std::nullopt;
}

std::optional<Sender> saveSender(const SaveLog::CommandLine& line, const ScenarioDef& def) {
  if (line.sender.empty()) return Sender::script();
  return parseSender(def, line.sender);
}

std::optional<SaveError> parseSaveSeats(const SaveLog& log, const ScenarioDef& def, std::vector<Seat>& out) {
  out.assign(def.actors.size(), Seat{});
  std::vector<int> seenAt(def.actors.size(), 0);
  for (const SaveLog::SeatLine& seat : log.seats) {
    // "seat ACTOR KIND [DIFFICULTY]" is the command's text form.
    CommandParse parsed = parseCommand(def, "seat " + seat.text);
    const AssignSeat* as = parsed.command ? std::get_if<AssignSeat>(&*parsed.command) : nullptr;
    if (!as) {
      return SaveError{
          seat.line, parsed.column > 0 ? parsed.column : 1,
          "expected 'seat ACTOR team|browser|ai [novice|standard|expert]|scripted|random': " + parsed.error};
    }
    const auto a = static_cast<std::size_t>(as->actor);
    if (seenAt[a] != 0) {
      return SaveError{seat.line, 6,
                       "the seat of " + def.actors[a].id + " is given twice (first at line " +
                           std::to_string(seenAt[a]) + ")"};
    }
    seenAt[a] = seat.line;
    out[a] = as->seat;
  }
  return std::nullopt;
}

ReplayResult replaySave(const Engine& engine, const SaveLog& log, const std::vector<Command>& commands,
                        const std::vector<Seat>* seatsIfNone) {
  ReplayResult result;
  std::vector<Seat> seats;
  if (auto error = parseSaveSeats(log, engine.def(), seats)) {
    result.message = error->message;
    return result;
  }
  if (log.format < 2 && seatsIfNone) seats = *seatsIfNone;
  result.session.emplace(engine, log.seed, seats);
  Session& session = *result.session;
  auto diverge = [&](int turn, std::string message) {
    result.divergingTurn = turn;
    result.message = std::move(message);
    result.turnsReplayed = static_cast<int>(session.turnStarts().size());
    return result;
  };
  // Compares the turn starts reached so far with the marks of the save.
  std::size_t checkedTurns = 0;
  auto checkTurns = [&]() -> bool {
    const auto& reached = session.turnStarts();
    for (; checkedTurns < reached.size(); ++checkedTurns) {
      const Session::TurnStart& t = reached[checkedTurns];
      if (checkedTurns >= log.turns.size()) {
        result.divergingTurn = t.turn;
        result.message = "turn " + std::to_string(t.turn) +
                         " started in the replay, but the save has no turn " + std::to_string(t.turn);
        return false;
      }
      const SaveLog::TurnMark& mark = log.turns[checkedTurns];
      if (t.turn != mark.turn || t.firstCommand != mark.firstCommand) {
        result.divergingTurn = mark.turn;
        result.message = "turn " + std::to_string(mark.turn) + " (line " + std::to_string(mark.line) +
                         ") starts at a different command in the replay";
        return false;
      }
      if (t.hash != mark.hash) {
        result.divergingTurn = mark.turn;
        result.message = "turn " + std::to_string(mark.turn) + " starts with state " + hashHex(t.hash) +
                         " in the replay, the save says " + hashHex(mark.hash) + " (line " +
                         std::to_string(mark.line) + ")";
        return false;
      }
    }
    return true;
  };
  if (!checkTurns()) return diverge(result.divergingTurn, result.message);
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const SaveLog::CommandLine* saved = i < log.commands.size() ? &log.commands[i] : nullptr;
    const Sender sender =
        saved ? saveSender(*saved, engine.def()).value_or(Sender::script()) : Sender::script();
    if (auto refusal = session.submit(commands[i], sender, saved ? saved->rationale : std::string())) {
      const int line = i < log.commands.size() ? log.commands[i].line : 0;
      return diverge(session.state().turn, "turn " + std::to_string(session.state().turn) +
                                               ": the command at line " + std::to_string(line) +
                                               " is refused in the replay: " + refusal->message);
    }
    ++result.commandsReplayed;
    if (!checkTurns()) return diverge(result.divergingTurn, result.message);
  }
  if (session.turnStarts().size() < log.turns.size()) {
    const SaveLog::TurnMark& mark = log.turns[session.turnStarts().size()];
    return diverge(mark.turn, "the save reaches turn " + std::to_string(mark.turn) + " (line " +
                                  std::to_string(mark.line) + ") but the replay does not");
  }
  if (session.hash() != log.finalHash) {
    return diverge(session.state().turn, "the final state is " + hashHex(session.hash()) +
                                             " in the replay, the save says " + hashHex(log.finalHash));
  }
  result.identical = true;
  result.turnsReplayed = static_cast<int>(session.turnStarts().size());
  return result;
}

}  // namespace demarche
