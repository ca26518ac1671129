// The --decisions loader (YAML via the loader's YamlTree, with positions) and the policy
// that plays its seats.
#include "scenario/Decisions.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>

#include "core/AtomicFile.hpp"
#include "core/CommandText.hpp"
#include "core/Utf8.hpp"
#include "scenario/YamlTree.hpp"

namespace demarche::scenario {
namespace {

// Verbs a seat may use; the seat's actor is inserted after them.
constexpr std::string_view kPlayerVerbs[] = {"measure", "propose", "reply", "decide", "disclose", "withdraw"};
// Verbs the facilitator list may use (phases and undo belong to the run loop).
constexpr std::string_view kFacilitatorVerbs[] = {"inject",       "adjust", "reveal_truth",
                                                  "end_exercise", "pause",  "resume"};

template <std::size_t N>
bool contains(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

class DecisionsReader {
 public:
  DecisionsReader(const ScenarioDef& def, std::string fileName, DecisionsResult& result)
      : m_def(def), m_file(std::move(fileName)), m_result(result) {
    for (const ActorDef& a : def.actors) m_actorIds.push_back(a.id);
  }

  void read(std::string_view text) {
    m_result.sources.add(m_file, std::string(text));
    if (const std::size_t bad = checkUtf8Text(text).offset; bad != std::string_view::npos) {
      int line = 1, column = 1;
      for (std::size_t i = 0; i < bad; ++i) {
        if (text[i] == '\n') {
          ++line;
          column = 1;
        } else {
          ++column;
        }
      }
      error("E104", line, column, "not UTF-8 text (binary data or a different encoding)");
      return;
    }
    YamlError yamlError;
    if (!parseYaml(text, YamlLimits{32, 200'000}, m_tree, yamlError)) {
      // The YAML reader's hint for an empty file is the scenario's; a decisions file is a list.
      if (yamlError.code == "E106")
        yamlError.message =
            "the file is empty: expected a list of turns ('- turn: 1' followed by seat: [commands])";
      error(yamlError.code, yamlError.line, yamlError.column, yamlError.message);
      return;
    }
    const NodeId root = m_tree.resolve(m_tree.root);
    if (root == kNoNode || node(root).kind != YamlKind::Sequence) {
      error("D201", root == kNoNode ? 1 : node(root).line, root == kNoNode ? 1 : node(root).column,
            "expected a list of turns ('- turn: 1' followed by seat: [commands])");
      return;
    }
    for (std::uint32_t i = 0; i < node(root).count; ++i) readTurn(m_tree.resolve(m_tree.child(root, i)));
    if (m_errors == 0) {
      std::sort(m_decisions.seats.begin(), m_decisions.seats.end());
      m_decisions.seats.erase(std::unique(m_decisions.seats.begin(), m_decisions.seats.end()),
                              m_decisions.seats.end());
      m_result.decisions = std::move(m_decisions);
    }
  }

 private:
  const YamlNode& node(NodeId id) const { return m_tree.at(id); }

  // "Ukraine" (an actor's name, in any of the scenario's languages and any case) names `ukr`;
  // otherwise the nearest key.
  std::string seatSuggestion(const std::string& name, const std::vector<std::string>& keys) const {
    const auto lower = [](std::string s) {
      for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      return s;
    };
    for (const ActorDef& a : m_def.actors) {
      for (const auto& [language, actorName] : a.name.byLanguage)
        if (lower(actorName) == lower(name)) return "did you mean '" + a.id + "' (" + actorName + ")?";
    }
    const std::string guess = closestMatch(lower(name), keys);
    return guess.empty() ? std::string() : "did you mean '" + guess + "'?";
  }

  void error(std::string code, int line, int column, std::string message, std::string suggestion = {}) {
    ++m_errors;
    m_result.diagnostics.push_back(
        {m_file, line, column, Severity::Error, std::move(code), std::move(message), std::move(suggestion)});
  }

  void warning(std::string code, int line, int column, std::string message, std::string suggestion = {}) {
    m_result.diagnostics.push_back({m_file, line, column, Severity::Warning, std::move(code),
                                    std::move(message), std::move(suggestion)});
  }

  void readTurn(NodeId item) {
    if (node(item).kind != YamlKind::Mapping) {
      error("D201", node(item).line, node(item).column,
            "expected a turn: a mapping with 'turn: N' and one list of commands per seat");
      return;
    }
    // Find the turn first: the commands of the item depend on it.
    int turn = 0;
    NodeId turnNode = kNoNode;
    for (std::uint32_t k = 0; k + 1 < node(item).count; k += 2) {
      const NodeId key = m_tree.resolve(m_tree.child(item, k));
      if (node(key).kind == YamlKind::Scalar && node(key).value == "turn")
        turnNode = m_tree.resolve(m_tree.child(item, k + 1));
    }
    if (turnNode == kNoNode) {
      error("D202", node(item).line, node(item).column, "this entry has no 'turn: N'");
      return;
    }
    const std::string& turnText = node(turnNode).value;
    const auto [ptr, ec] = std::from_chars(turnText.data(), turnText.data() + turnText.size(), turn);
    if (node(turnNode).kind != YamlKind::Scalar || ec != std::errc() ||
        ptr != turnText.data() + turnText.size() || turn < 1 || turn > m_def.turns) {
      error("D203", node(turnNode).line, node(turnNode).column,
            "expected a turn number from 1 to " + std::to_string(m_def.turns) + " (the scenario's turns)");
      return;
    }
    for (const auto& [previous, line] : m_turnLines) {
      if (previous == turn) {
        error("D204", node(turnNode).line, node(turnNode).column,
              "turn " + std::to_string(turn) + " is listed twice (first at line " + std::to_string(line) +
                  "); put its commands in one entry");
        return;
      }
    }
    m_turnLines.emplace_back(turn, node(turnNode).line);

    for (std::uint32_t k = 0; k + 1 < node(item).count; k += 2) {
      const NodeId key = m_tree.resolve(m_tree.child(item, k));
      const NodeId value = m_tree.resolve(m_tree.child(item, k + 1));
      if (node(key).kind != YamlKind::Scalar) {
        error("D205", node(key).line, node(key).column,
              "expected a seat id (an actor id or 'facilitator') as key");
        continue;
      }
      const std::string& name = node(key).value;
      if (name == "turn") continue;
      int actor = -1;
      if (name != "facilitator") {
        const auto it = std::find(m_actorIds.begin(), m_actorIds.end(), name);
        if (it == m_actorIds.end()) {
          std::vector<std::string> keys = m_actorIds;
          keys.push_back("facilitator");
          keys.push_back("turn");
          error("D205", node(key).line, node(key).column,
                "unknown seat '" + name + "': expected 'turn', 'facilitator' or an actor id of scenario '" +
                    m_def.id + "'",
                seatSuggestion(name, keys));
          continue;
        }
        actor = static_cast<int>(it - m_actorIds.begin());
        m_decisions.seats.push_back(actor);
      }
      if (node(value).kind == YamlKind::Null) continue;  // `ukr:` alone: a seat that does nothing this turn
      if (node(value).kind != YamlKind::Sequence) {
        error("D206", node(value).line, node(value).column,
              "expected a list of commands, e.g. [\"decide grid_attack rus\"]");
        continue;
      }
      for (std::uint32_t c = 0; c < node(value).count; ++c) {
        readCommand(turn, actor, m_tree.resolve(m_tree.child(value, c)));
      }
    }
  }

  void readCommand(int turn, int actor, NodeId id) {
    const YamlNode& n = node(id);
    // Aliases can repeat one list many times; a real exercise has a few hundred commands.
    if (++m_commandCount > kMaxCommands) {
      if (m_commandCount == kMaxCommands + 1) {
        error("D210", n.line, n.column,
              "more than " + std::to_string(kMaxCommands) + " commands; is this file generated?");
      }
      return;
    }
    if (n.kind != YamlKind::Scalar) {
      error("D206", n.line, n.column, "expected a command as a string, e.g. \"decide grid_attack rus\"");
      return;
    }
    // Where the command's first character sits in the file (after an opening quote).
    const int column0 =
        n.column + ((n.style == ScalarStyle::SingleQuoted || n.style == ScalarStyle::DoubleQuoted) ? 1 : 0);
    const std::string& text = n.value;
    const std::size_t start = text.find_first_not_of(" \t");
    const std::size_t verbEnd = text.find_first_of(" \t", start == std::string::npos ? 0 : start);
    const std::string verb =
        start == std::string::npos
            ? std::string()
            : text.substr(start, verbEnd == std::string::npos ? std::string::npos : verbEnd - start);

    if (actor < 0) {
      if (!contains(kFacilitatorVerbs, verb)) {
        error("D207", n.line, column0,
              "'" + verb +
                  "' is not a facilitator command here; expected inject, adjust, reveal_truth, end_exercise, "
                  "pause or resume (the run moves the phases itself)");
        return;
      }
      CommandParse parsed = parseCommand(m_def, text);
      if (!parsed.command) {
        error("D208", n.line, column0 + std::max(parsed.column, 1) - 1, parsed.error, parsed.suggestion);
        return;
      }
      m_decisions.decisions.push_back({turn, -1, std::move(*parsed.command), text, n.line, column0});
      return;
    }
    if (!contains(kPlayerVerbs, verb)) {
      error("D207", n.line, column0,
            "'" + verb +
                "' is not a command a seat can give; expected measure, propose, reply, decide, disclose or "
                "withdraw" +
                (contains(kFacilitatorVerbs, verb) ? " (facilitator commands go in a 'facilitator:' list)"
                                                   : ""));
      return;
    }
    // Insert the seat after the verb; if the author wrote the actor already, take the text as is.
    const std::string& seat = m_actorIds[static_cast<std::size_t>(actor)];
    const std::size_t insertAt = verbEnd == std::string::npos ? text.size() : verbEnd;
    const std::string withSeat = text.substr(0, insertAt) + " " + seat + text.substr(insertAt);
    CommandParse parsed = parseCommand(m_def, withSeat);
    int column = parsed.column;
    if (parsed.column > static_cast<int>(insertAt) + 1) column -= static_cast<int>(seat.size()) + 1;
    if (!parsed.command) {
      CommandParse asWritten = parseCommand(m_def, text);
      if (asWritten.command) {
        const int named = commandActor(*asWritten.command);
        if (named != actor) {
          error("D209", n.line, column0,
                "this command is given by '" + m_actorIds[static_cast<std::size_t>(named)] +
                    "' but is in the list of '" + seat + "'; a seat's list holds only its own commands",
                "leave the actor out: it is the seat the list belongs to");
          return;
        }
        parsed = std::move(asWritten);
      }
    }
    if (!parsed.command) {
      error("D208", n.line, column0 + std::max(column, 1) - 1, parsed.error, parsed.suggestion);
      return;
    }
    if (const auto* m = std::get_if<TakeMeasure>(&*parsed.command); m && m->incident < 0 && m->measure >= 0) {
      // The engine checks min_confidence against the command's incident; without one it cannot.
      const MeasureDef& md = m_def.measures[static_cast<std::size_t>(m->measure)];
      if (md.minConfidence > 0) {
        warning("D211", n.line, column0,
                "measure '" + md.id + "' needs confidence in who operated an incident (min_confidence " +
                    std::to_string(static_cast<int>(md.minConfidence * 100 + 0.5)) +
                    "%), but this command names no incident, so that confidence is never checked",
                "add incident=ID, e.g. incident=" +
                    (m_def.incidents.empty() ? std::string("ID") : m_def.incidents.front().id));
      }
    }
    m_decisions.decisions.push_back({turn, actor, std::move(*parsed.command), text, n.line, column0});
  }

  const ScenarioDef& m_def;
  std::string m_file;
  DecisionsResult& m_result;
  std::vector<std::string> m_actorIds;
  YamlTree m_tree;
  Decisions m_decisions;
  std::vector<std::pair<int, int>> m_turnLines;  // turn, line of its entry
  int m_errors = 0;
  static constexpr std::size_t kMaxCommands = 100'000;
  std::size_t m_commandCount = 0;
};

}  // namespace

bool Decisions::isSeat(int actor) const { return std::binary_search(seats.begin(), seats.end(), actor); }

const Decision* Decisions::find(int turn, int actor, const Command& command) const {
  for (const Decision& d : decisions) {
    if (d.turn == turn && d.actor == actor && d.command == command) return &d;
  }
  return nullptr;
}

bool DecisionsResult::unreadable() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.code == "E101" || d.code == "E102"; });
}

DecisionsResult loadDecisionsFromString(std::string_view text, const std::string& fileName,
                                        const ScenarioDef& def) {
  DecisionsResult result;
  DecisionsReader(def, fileName, result).read(text);
  return result;
}

DecisionsResult loadDecisions(const std::filesystem::path& file, const ScenarioDef& def) {
  DecisionsResult result;
  const std::string name = file.string();
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status)) {
    result.diagnostics.push_back(
        {name, 0, 0, Severity::Error, "E101", "cannot read the decisions file: it does not exist", {}});
    return result;
  }
  if (!std::filesystem::is_regular_file(status)) {
    result.diagnostics.push_back(
        {name,
         0,
         0,
         Severity::Error,
         "E101",
         "cannot read the decisions file: " + std::string(specialFileKind(status)) + ", not a regular file",
         {}});
    return result;
  }
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) {
    result.diagnostics.push_back({name, 0, 0, Severity::Error, "E101", "cannot read the decisions file", {}});
    return result;
  }
  if (size > kMaxDecisionsBytes) {
    result.diagnostics.push_back(
        {name,
         0,
         0,
         Severity::Error,
         "E102",
         "file is over the limit of " + std::to_string(kMaxDecisionsBytes) + " bytes",
         {}});
    return result;
  }
  std::ifstream in(file, std::ios::binary);
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (!in) {
    result.diagnostics.push_back({name, 0, 0, Severity::Error, "E101", "cannot read the decisions file", {}});
    return result;
  }
  DecisionsReader(def, name, result).read(text);
  return result;
}

std::string formatDiagnostics(const DecisionsResult& result, bool colour) {
  std::string out;
  for (const Diagnostic& d : result.diagnostics) out += formatDiagnostic(d, result.sources, colour);
  return out;
}

void ScriptedPolicy::act(const Engine&, const GameState& state, int actor, int round,
                         std::vector<Command>& out) {
  if (round > 1) return;
  for (const Decision& d : m_decisions->decisions) {
    if (d.turn != state.turn || d.actor != actor) continue;
    const bool isReply = std::holds_alternative<Reply>(d.command);
    if (isReply == (round == 1)) out.push_back(d.command);
  }
}

}  // namespace demarche::scenario
