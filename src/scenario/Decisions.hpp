// `demarche run --decisions FILE`: a YAML list of per-turn commands for the seats played by
// people, so a workshop's choices can be replayed, branched and tested. Seats named in the
// file do exactly what it says and nothing else; the other seats are played by a policy.
//
//   - turn: 1
//     ukr: ["measure forensic_investigation incident=grid_attack",
//           "propose to=deu,pol terms=information_sharing"]
//   - turn: 2
//     ukr: ["decide grid_attack rus", "disclose grid_attack public"]
//     facilitator: ["inject inj_blackout", "adjust ukr credibility -5 \"Leaked memo\""]
//
// Each string is a command in the CommandText grammar (core/CommandText.hpp) with the actor
// left out: it is the seat the list belongs to ("decide ukr grid_attack rus" is accepted
// too). docs/cli.md documents the format and the diagnostics (file:line:col, codes D2xx).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Command.hpp"
#include "core/Definitions.hpp"
#include "core/RandomPolicy.hpp"
#include "scenario/Diagnostics.hpp"

namespace demarche::scenario {

struct Decision {
  int turn = 1;
  int actor = -1;  // the seat; -1 = the facilitator
  Command command;
  std::string text;  // the string as written
  int line = 0;      // position of the string in the file
  int column = 0;
};

struct Decisions {
  std::vector<int> seats;           // actors played from the file (sorted, no duplicates)
  std::vector<Decision> decisions;  // in file order
  bool isSeat(int actor) const;
  // The decision that produced `command` for `actor` in `turn`, or null.
  const Decision* find(int turn, int actor, const Command& command) const;
};

struct DecisionsResult {
  std::optional<Decisions> decisions;  // set when there is no error
  std::vector<Diagnostic> diagnostics;
  SourceCache sources;
  bool ok() const { return decisions.has_value(); }
  bool unreadable() const;  // the file could not be read at all (E101)
};

inline constexpr std::size_t kMaxDecisionsBytes = 4 * 1024 * 1024;

DecisionsResult loadDecisions(const std::filesystem::path& file, const ScenarioDef& def);
DecisionsResult loadDecisionsFromString(std::string_view text, const std::string& fileName,
                                        const ScenarioDef& def);
std::string formatDiagnostics(const DecisionsResult& result, bool colour = false);

// Plays the seats of a decisions file: in deliberation round 0 it gives the seat's commands
// of the turn except replies; replies come in round 1, after the proposals of round 0 exist.
class ScriptedPolicy final : public Policy {
 public:
  explicit ScriptedPolicy(const Decisions& decisions) : m_decisions(&decisions) {}
  void act(const Engine& engine, const GameState& state, int actor, int round,
           std::vector<Command>& out) override;

 private:
  const Decisions* m_decisions;
};

}  // namespace demarche::scenario
