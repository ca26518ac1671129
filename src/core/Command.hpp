// Every change to a GameState is a Command: measures, negotiation, attribution decisions,
// phase control and facilitator actions. Teams, AI agents, the CLI and the GUI all submit
// the same values; Engine::check refuses with a reason, Engine::apply changes the state,
// and the Session logs them so a log replays a session exactly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
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
  // target: entities — the persons, units and companies listed (bit e = ScenarioDef::entities[e]).
  std::uint64_t entities = 0;
  bool operator==(const TakeMeasure&) const = default;
};

// Propose terms to one or more actors. incident scopes the terms (-1 = any incident).
struct Propose {
  int from = -1;
  std::vector<int> to;
  std::vector<int> terms;
  int incident = -1;
  std::string text;  // optional message shown with the proposal
  // Whom a joint attribution among the terms would name (an actor index; -1 = unsaid, as in
  // proposals made before it could be said). Only with a joint-attribution term (rules §4.1).
  int naming = -1;
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
// `harbouring`: the judgment is that `candidate`, a state, knowingly lets those behind the
// incident act from its territory (due diligence, UN norm c), not that it did it (rules §3.8).
struct DecideAttribution {
  int actor = -1;
  int incident = -1;
  int candidate = -1;
  bool harbouring = false;
  bool operator==(const DecideAttribution&) const = default;
};

// Make the decided attribution known: Private (a démarche to the accused), Public, or Joint
// (publicly with `partners`, each of whom must have decided the same and have a
// joint_attribution agreement with `actor`). Immediate; taken back only by a Withdraw.
struct Disclose {
  int actor = -1;
  int incident = -1;
  Disclosure kind = Disclosure::Public;
  std::vector<int> partners;  // only for Joint
  bool operator==(const Disclose&) const = default;
};

// Withdraw (or, followed by a new decision and disclosure, correct) a disclosed attribution:
// the disclosure is taken back at a credibility cost and the decision may change again.
struct Withdraw {
  int actor = -1;
  int incident = -1;
  bool operator==(const Withdraw&) const = default;
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

// The deliberation countdown (the facilitator's clock; the window shows it). `timer 900`: every
// deliberation lasts 900 s from now on; `timer +300` / `timer -60`: this deliberation only is
// extended or cut. Logged like every command (so a resumed exercise keeps its clock), applied
// by nobody: Session::deliberationSeconds reads it from the log; the state does not change.
inline constexpr int kMaxTimerSeconds = 6 * 3600;
struct SetTimer {
  int seconds = 0;
  bool extend = false;  // relative to this deliberation's length
  bool operator==(const SetTimer&) const = default;
};

// Who plays a seat. A team is people at the table (or in a browser); Ai is an AI agent with a
// difficulty; Scripted plays a decisions file; Random is the built-in random policy.
enum class SeatKind : std::uint8_t { Team, Ai, Scripted, Random };
std::string_view seatKindName(SeatKind kind);  // "team", "ai", "scripted", "random"

// The AI's difficulty as the core carries it (agents::Difficulty has the same order).
inline constexpr std::uint8_t kDifficultyNovice = 0, kDifficultyStandard = 1, kDifficultyExpert = 2;

struct Seat {
  SeatKind kind = SeatKind::Ai;
  std::uint8_t difficulty = kDifficultyStandard;  // for Ai seats
  // A Team seat played in a browser (src/seats) rather than at the table's laptop (the hot
  // seat). Who may send for the seat is the same; the facilitator moves it with `seat ACTOR
  // browser` / `seat ACTOR team`, so the log and the timeline record where each team played.
  bool browser = false;
  bool operator==(const Seat&) const = default;
};

// Give a seat to a team (at the laptop or in a browser), hand it (back) to the AI, a script or
// the random policy. Applied by
// Session (it holds the seat table); logged like every other command.
struct AssignSeat {
  int actor = -1;
  Seat seat;
  bool operator==(const AssignSeat&) const = default;
};

// The trace an undo leaves: written by Session right after it went back, so the timeline and
// the debrief say "the facilitator undid week 3" (the undone commands are gone from the log).
struct RecordUndo {
  int fromTurn = 0;  // the turn the exercise was in when the facilitator undid
  int toTurn = 0;    // the turn whose start it went back to
  int commands = 0;  // how many commands were undone
  bool operator==(const RecordUndo&) const = default;
};

using Command =
    std::variant<TakeMeasure, Propose, Reply, DecideAttribution, Disclose, EndPhase, Pause, Resume, InjectNow,
                 AdjustMeter, RevealTruth, UndoTurn, EndExercise, AssignSeat, RecordUndo, SetTimer, Withdraw>;

// Who may give a command: a seat for its own actor (Player), or the facilitator (PhaseControl:
// the turn's clock; Facilitator: legal in any phase, also while paused).
enum class Authority : std::uint8_t { Player, PhaseControl, Facilitator };

// Every command type's traits in one place: its log word, who may give it, and for player
// commands the actor it is given on behalf of. There is no primary definition, so a command
// type added to Command without traits does not compile (nor does any std::visit over
// Command that forgets it).
template <class T>
struct CommandTraits;
template <>
struct CommandTraits<TakeMeasure> {
  static constexpr std::string_view word = "measure";
  static constexpr Authority authority = Authority::Player;
  static int actor(const TakeMeasure& c) { return c.actor; }
};
template <>
struct CommandTraits<Propose> {
  static constexpr std::string_view word = "propose";
  static constexpr Authority authority = Authority::Player;
  static int actor(const Propose& c) { return c.from; }
};
template <>
struct CommandTraits<Reply> {
  static constexpr std::string_view word = "reply";
  static constexpr Authority authority = Authority::Player;
  static int actor(const Reply& c) { return c.actor; }
};
template <>
struct CommandTraits<DecideAttribution> {
  static constexpr std::string_view word = "decide";
  static constexpr Authority authority = Authority::Player;
  static int actor(const DecideAttribution& c) { return c.actor; }
};
template <>
struct CommandTraits<Disclose> {
  static constexpr std::string_view word = "disclose";
  static constexpr Authority authority = Authority::Player;
  static int actor(const Disclose& c) { return c.actor; }
};
template <>
struct CommandTraits<Withdraw> {
  static constexpr std::string_view word = "withdraw";
  static constexpr Authority authority = Authority::Player;
  static int actor(const Withdraw& c) { return c.actor; }
};
#define DEMARCHE_FACILITATOR_TRAITS(Type, Word, Auth)       \
  template <>                                               \
  struct CommandTraits<Type> {                              \
    static constexpr std::string_view word = Word;          \
    static constexpr Authority authority = Authority::Auth; \
    static int actor(const Type&) { return -1; }            \
  };
DEMARCHE_FACILITATOR_TRAITS(EndPhase, "end_phase", PhaseControl)
DEMARCHE_FACILITATOR_TRAITS(Pause, "pause", Facilitator)
DEMARCHE_FACILITATOR_TRAITS(Resume, "resume", Facilitator)
DEMARCHE_FACILITATOR_TRAITS(InjectNow, "inject", Facilitator)
DEMARCHE_FACILITATOR_TRAITS(AdjustMeter, "adjust", Facilitator)
DEMARCHE_FACILITATOR_TRAITS(RevealTruth, "reveal_truth", Facilitator)
DEMARCHE_FACILITATOR_TRAITS(UndoTurn, "undo_turn", Facilitator)
DEMARCHE_FACILITATOR_TRAITS(EndExercise, "end_exercise", Facilitator)
DEMARCHE_FACILITATOR_TRAITS(AssignSeat, "seat", Facilitator)
DEMARCHE_FACILITATOR_TRAITS(RecordUndo, "undone", Facilitator)
DEMARCHE_FACILITATOR_TRAITS(SetTimer, "timer", Facilitator)
#undef DEMARCHE_FACILITATOR_TRAITS

// std::visit(Overloaded{[](const A&) {...}, [](const B&) {...}}, command): one lambda per type.
template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

inline Authority commandAuthority(const Command& c) {
  return std::visit([](const auto& x) { return CommandTraits<std::decay_t<decltype(x)>>::authority; }, c);
}
inline std::string_view commandWord(const Command& c) {
  return std::visit([](const auto& x) { return CommandTraits<std::decay_t<decltype(x)>>::word; }, c);
}

// True for commands only the facilitator may give (the only ones legal while paused).
inline bool isFacilitatorCommand(const Command& c) { return commandAuthority(c) == Authority::Facilitator; }

// The actor a command is given on behalf of, -1 for phase control and facilitator commands.
inline int commandActor(const Command& c) {
  return std::visit([](const auto& x) { return CommandTraits<std::decay_t<decltype(x)>>::actor(x); }, c);
}

// Who gave a command: the team at an actor's seat, the AI on it, the facilitator, or a script
// (a decisions file's seat when `actor` >= 0; with actor -1 a harness or a log written before
// senders were recorded, trusted like the facilitator and every seat at once).
enum class SenderKind : std::uint8_t { Script, Facilitator, Team, Ai };
struct Sender {
  SenderKind kind = SenderKind::Script;
  int actor = -1;  // the seat it speaks from (Team, Ai, and a seat's Script)
  bool operator==(const Sender&) const = default;
  static Sender script() { return {SenderKind::Script, -1}; }
  static Sender facilitator() { return {SenderKind::Facilitator, -1}; }
  static Sender team(int a) { return {SenderKind::Team, a}; }
  static Sender ai(int a) { return {SenderKind::Ai, a}; }
  static Sender scripted(int a) { return {SenderKind::Script, a}; }
};

// Why a command was refused: a code for programs and a sentence for players.
struct Refusal {
  ReasonCode code = ReasonCode::None;
  std::string message;  // "costs 3 capital, 1 left"
};

}  // namespace demarche
