// Every change to a GameState is a Command: measures, negotiation, attribution decisions,
// phase control and facilitator actions. Teams, AI agents, the CLI and the GUI all submit
// the same values; Engine::check refuses with a reason, Engine::apply changes the state,
// and the Session logs them so a log replays a session exactly.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/GameState.hpp"

namespace demarche {

// --- player commands (legal in deliberation) ---

// Queue a measure from the catalogue; capital is reserved now, it resolves at resolution.
// target/incident are required or forbidden by MeasureDef::target.
struct TakeMeasure {
  int actor = -1;
  int measure = -1;
  int target = -1;
  int incident = -1;
  bool operator==(const TakeMeasure&) const = default;
};

// Propose terms to one or more actors. incident scopes the terms (-1 = any incident).
struct Propose {
  int from = -1;
  std::vector<int> to;
  std::vector<int> terms;
  int incident = -1;
  std::string text;  // optional message shown with the proposal
  bool operator==(const Propose&) const = default;
};

// Answer a proposal addressed to `actor`. Counter = reject and propose `counterTerms` back to
// the proposer. A reason is always required: players learn from why, not only what.
struct Reply {
  int actor = -1;
  int proposal = -1;  // proposal id (index in GameState::proposals)
  ReplyKind kind = ReplyKind::Accept;
  std::vector<int> counterTerms;  // only for Counter
  std::string reason;
  bool operator==(const Reply&) const = default;
};

// Decide (inside the government) who did it. Free, immediate, changes nothing outside; it is
// what disclosures and many measures require. May be changed until disclosed.
struct DecideAttribution {
  int actor = -1;
  int incident = -1;
  int candidate = -1;
  bool operator==(const DecideAttribution&) const = default;
};

// Make the decided attribution known: Private (a démarche to the accused), Public, or Joint
// (publicly with `partners`, each of whom must have decided the same and have a
// joint_attribution agreement with `actor`). Immediate; cannot be taken back.
struct Disclose {
  int actor = -1;
  int incident = -1;
  Disclosure kind = Disclosure::Public;
  std::vector<int> partners;  // only for Joint
  bool operator==(const Disclose&) const = default;
};

// --- phase control (the facilitator, or the run loop) ---

// briefing -> deliberation -> resolution -> consequences -> next turn's briefing (or the end).
struct EndPhase {
  bool operator==(const EndPhase&) const = default;
};

// --- facilitator commands (legal in any phase, also while paused) ---
struct Pause {
  bool operator==(const Pause&) const = default;
};
struct Resume {
  bool operator==(const Resume&) const = default;
};
struct InjectNow {
  int inject = -1;
  bool operator==(const InjectNow&) const = default;
};
struct AdjustMeter {
  int actor = -1;
  int meter = -1;
  double delta = 0;
  std::string reason;  // required; shown in the timeline and the report
  bool operator==(const AdjustMeter&) const = default;
};
// Reveal the hidden truth of every incident now; judges public attributions (docs/rules.md).
struct RevealTruth {
  bool operator==(const RevealTruth&) const = default;
};
// Go back to the start of the previous turn. Applied by Session (it holds the snapshots).
struct UndoTurn {
  bool operator==(const UndoTurn&) const = default;
};
struct EndExercise {
  bool operator==(const EndExercise&) const = default;
};

using Command = std::variant<TakeMeasure, Propose, Reply, DecideAttribution, Disclose, EndPhase, Pause,
                             Resume, InjectNow, AdjustMeter, RevealTruth, UndoTurn, EndExercise>;

// True for commands only the facilitator may give (the only ones legal while paused).
inline bool isFacilitatorCommand(const Command& c) {
  return std::holds_alternative<Pause>(c) || std::holds_alternative<Resume>(c) ||
         std::holds_alternative<InjectNow>(c) || std::holds_alternative<AdjustMeter>(c) ||
         std::holds_alternative<RevealTruth>(c) || std::holds_alternative<UndoTurn>(c) ||
         std::holds_alternative<EndExercise>(c);
}

// The actor a command is given on behalf of, -1 for phase control and facilitator commands.
inline int commandActor(const Command& c) {
  if (auto* m = std::get_if<TakeMeasure>(&c)) return m->actor;
  if (auto* p = std::get_if<Propose>(&c)) return p->from;
  if (auto* r = std::get_if<Reply>(&c)) return r->actor;
  if (auto* d = std::get_if<DecideAttribution>(&c)) return d->actor;
  if (auto* s = std::get_if<Disclose>(&c)) return s->actor;
  return -1;
}

// Why a command was refused: a code for programs and a sentence for players.
struct Refusal {
  ReasonCode code = ReasonCode::None;
  std::string message;  // "costs 3 capital, 1 left"
};

}  // namespace demarche
