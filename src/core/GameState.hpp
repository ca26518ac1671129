// The mutable state of one exercise: everything that changes while it is played, in flat
// vectors indexed by actor / meter / incident / ... (no strings on the hot path), plus a
// compact event timeline rendered to text on demand. Copyable (undo, branches, AI look-ahead),
// canonically serialisable, and hashed to 64 bits so replays can be checked turn by turn.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Random.hpp"

namespace demarche {

struct ScenarioDef;

enum class Phase : std::uint8_t { Briefing, Deliberation, Resolution, Consequences, Ended };
std::string_view phaseName(Phase phase);  // "briefing", "deliberation", ...

// How far an actor has made its attribution of an incident known.
enum class Disclosure : std::uint8_t { None, Private, Public, Joint };
std::string_view disclosureName(Disclosure d);  // "none", "private", "public", "joint"

// Confidence in an assessment, from the amount and reliability of evidence seen (docs/rules.md).
enum class ConfidenceLevel : std::uint8_t { Low, Moderate, High };
std::string_view confidenceName(ConfidenceLevel c);  // "low", "moderate", "high"

// A measure queued during deliberation; it resolves at the resolution phase.
struct QueuedMeasure {
  int actor = -1;
  int measure = -1;
  int target = -1;             // actor index or -1
  int incident = -1;           // incident index or -1
  int seq = 0;                 // submission order (GameState::nextSeq), the last sort key of resolution
  int cost = 0;                // capital reserved when queued, refunded if it fails at resolution
  std::uint64_t entities = 0;  // a listing's entities: bit e = ScenarioDef::entities[e]
  bool operator==(const QueuedMeasure&) const = default;
};

// A measure that resolved successfully this turn; consequences read it (escalation, norms).
struct ResolvedMeasure {
  int actor = -1;
  int measure = -1;
  int target = -1;
  int incident = -1;
  std::uint64_t entities = 0;
  bool operator==(const ResolvedMeasure&) const = default;
};

// Persons, units and companies listed by one resolved measure (a sanctions listing, an
// indictment): its id is its index in GameState::listings (docs/rules.md §2.2).
struct Listing {
  int turn = 0;
  int actor = -1;
  int measure = -1;
  int incident = -1;
  std::uint64_t entities = 0;  // bit e = ScenarioDef::entities[e]
  bool operator==(const Listing&) const = default;
};

enum class ReplyKind : std::uint8_t { None, Accept, Reject, Counter };
std::string_view replyKindName(ReplyKind k);  // "none", "accept", "reject", "counter"

// A proposal; its id is its index in GameState::proposals.
struct Proposal {
  int turn = 0;
  int from = -1;
  int incident = -1;               // the incident the terms concern, -1 = any
  std::vector<int> to;             // recipients (actor indices)
  std::vector<int> terms;          // term indices
  std::vector<ReplyKind> replies;  // parallel to `to`; None = not answered yet
  int counterOf = -1;              // the proposal this one counters, -1 if none
  int textNote = -1;               // index into GameState::notes, -1 = no text
  bool open = true;                // false once every recipient replied, or expired at resolution
  int naming = -1;                 // whom its joint attribution names (Propose::naming), -1 = unsaid
  bool operator==(const Proposal&) const = default;
};

// A use count that a term's breaks_when reads, as it stood when the commitment was made:
// inside breaks_when, used(actor, measure) counts only the uses since then.
struct UseBaseline {
  int actor = -1;
  int measure = -1;
  int count = 0;
  bool operator==(const UseBaseline&) const = default;
};

// An agreement in force between two actors (proposer `a`, acceptor `b`) on one term.
struct Commitment {
  int a = -1;
  int b = -1;
  int term = -1;
  int incident = -1;  // the incident of the proposal (-1 = any): information sharing is per incident
  int turn = 0;       // turn it was made (0 = in force from the scenario's start)
  bool broken = false;
  int breaker = -1;  // actor that broke it
  // breaks_when counts only when it *becomes* true: a condition already true when the
  // agreement was made (e.g. trust already low) arms only after it was false once.
  bool armed = true;
  // The use counts breaks_when reads, at the time it was made (empty for commitments in
  // force from the start: nothing was used before).
  std::vector<UseBaseline> usedBefore;
  // A joint attribution's suspect, from the proposal (Proposal::naming): consent to attribute
  // to that actor only. -1 = unsaid, consent to a joint attribution naming anyone (rules §4.3).
  int naming = -1;
  bool operator==(const Commitment&) const = default;
};

// Why something failed or was refused. Checks and the timeline use the code; the text, with
// the numbers (cost, capital left, probabilities, who has not agreed), is rendered only when
// someone asks (Engine::refusalMessage / Engine::describe / Refusal::message).
enum class ReasonCode : std::uint8_t {
  None,
  WrongPhase,  // not in deliberation (player commands)
  Paused,
  ExerciseEnded,
  UnknownIndex,  // a bad actor / measure / term / ... index
  NotUsableByKind,
  TargetMissing,
  TargetIsSelf,
  TargetNotAllowed,  // measure takes no target / incident but one was given
  IncidentMissing,
  IncidentNotPublic,
  NotEnoughCapital,
  MaxUsesReached,
  AlreadyQueued,
  RequiresFailed,    // the measure's `requires` condition; text: requires_reason
  ConfidenceTooLow,  // below the measure's min_confidence in target as operator
  NotACandidate,
  NoDecision,  // disclosing needs a decided attribution (to this target)
  NoJointPartner,
  BlocConsentMissing,  // in a MeasureFailed event, Event::value holds the member who has not agreed
  NotABlocMember,
  AlreadyPaused,
  NotPaused,
  ProposalClosed,
  NotARecipient,
  AlreadyReplied,
  EmptyReason,
  EmptyTerms,
  BadRecipients,
  NothingToUndo,
  TruthAlreadyRevealed,
  HandledBySession,  // UndoTurn is applied by Session, not by Engine
  AlreadyDisclosed,  // a disclosed decision cannot change; no second disclosure at the same level
  // A field this kind of command does not take: counter terms in an accept or a reject, partners
  // in a disclosure that is not joint. Refused rather than ignored, so a logged command's text
  // form (which has no place for them) reloads as the same command.
  FieldNotForThisKind,
  TimerOutOfRange,       // a timer beyond 6 hours (or a negative length)
  NotYourSeat,           // a command for an actor from a sender that does not hold that actor's seat
  FacilitatorOnly,       // phase control and facilitator commands come from the facilitator only
  TargetKindNotAllowed,  // the target's kind is not among the measure's target_kinds
  NotDisclosed,          // withdraw: nothing disclosed to take back
  NotAStateActor,        // a company or a non-state group makes no private démarche or joint statement
  NotAHost,              // harbouring: the named actor is not a state where a suspect is based
  NotAParty,             // a proposal's term between kinds of actor its `parties` do not name
  EntitiesMissing,       // a listing names no entity, or one the scenario does not have
  AlreadyListed,         // an entity this actor already listed with this measure for this incident
  // A proposal names a joint attribution's suspect without a joint-attribution term, or names the
  // proposer itself, or an actor that is neither a suspect nor a host of the proposal's incident.
  BadNaming,
  // withdraw: a bloc's attribution that a member still makes in public (a bloc speaks only by
  // consensus, §4.3); the refusal's value is that member.
  MemberStillAttributes,
};

// One line of the timeline. Small numbers only; Engine::describe renders the text.
enum class EventKind : std::uint8_t {
  TurnStarted,           // turn
  PhaseStarted,          // a: phase
  InjectFired,           // a: inject, b: 1 if by the facilitator
  IncidentRevealed,      // a: incident
  EvidenceSeen,          // actor, a: evidence, b: how (0 schedule, 1 investigation, 2 shared by c, 3 inject)
  MeasureQueued,         // actor, a: measure, b: target, c: incident
  MeasureResolved,       // actor, a: measure, b: target, c: incident
  MeasureFailed,         // actor, a: measure, b: target, c: incident, reason, value: Engine::refusalValue
  InvestigationFound,    // actor, a: incident, b: items found
  ProposalMade,          // actor: from, a: proposal id
  ProposalReplied,       // actor, a: proposal id, b: ReplyKind, c: counter proposal id, note: reason
  ProposalExpired,       // a: proposal id
  CommitmentMade,        // actor: proposer, a: acceptor, b: term, c: incident
  CommitmentBroken,      // actor: breaker, a: other party, b: term, value: credibility lost
  AttributionDecided,    // actor, a: incident, b: candidate
  AttributionDisclosed,  // actor, a: incident, b: candidate, c: Disclosure
  NormBroken,            // actor, a: measure, b: number of norms, value: credibility lost
  TensionChanged,        // a: TensionCause (b, actor, c: see there), value: new tension, value2: change
  RungChanged,           // a: old rung, b: new rung
  MeterAdjusted,         // actor, a: meter, value: delta, note: reason (facilitator)
  Paused,
  Resumed,
  TruthRevealed,
  AttributionJudged,     // actor, a: incident, b: candidate, c: 1 right / 0 wrong, value: credibility change
  EndingReached,         // a: ending (-1: ended by the facilitator with no ending)
  SeatAssigned,          // actor, a: SeatKind, b: difficulty, c: 1 = a team in a browser
  TurnUndone,            // a: the turn undone from, b: the turn gone back to, c: commands undone
  AttributionWithdrawn,  // actor, a: incident, b: candidate named, c: Disclosure withdrawn, value:
                         // credibility
  AttributionContradicted,  // actor, a: incident, b: candidate it named, c: ContradictedBy,
                            // value: credibility change, value2: the partner (ContradictedBy::Partner)
  CovertExposed,   // at the truth: actor, a: covert measure, b: target, c: incident, value: turn taken
  EntitiesListed,  // actor, a: measure, b: listing id (GameState::listings), c: incident
  ListingJudged,  // at the truth: actor, a: listing id, b: entities wrongly listed, value: credibility change
};

// What contradicted a public attribution (AttributionContradicted's `c`): the discloser's own
// evidence now points to another candidate, or a partner publicly named another (value2: it).
enum class ContradictedBy { Evidence = 0, Partner = 1 };

// What moved the tension, in a TensionChanged event's `a`. The ladder weighs the measures taken
// at the end of resolution (a = -1, nothing else set); an inject's effects (b: inject), a
// measure's effects (actor, b: measure, c: target) and an agreement's on_accept effects
// (actor and c: the parties, b: term) are logged where they happen, after the event they follow.
enum class TensionCause { Ladder = -1, Inject = 1, Measure = 2, Agreement = 3 };

struct Event {
  int turn = 0;
  EventKind kind = EventKind::TurnStarted;
  ReasonCode reason = ReasonCode::None;
  int actor = -1;
  int a = -1, b = -1, c = -1;
  int note = -1;  // index into GameState::notes (reasons, texts), -1 = none
  double value = 0, value2 = 0;
  bool operator==(const Event&) const = default;
};

// The state. Fields are public so the engine, the AI and the tests can read them cheaply;
// change them only through Engine::apply (or the EvalContext the engine hands to effects),
// so that every change is a logged command.
struct GameState {
  // Dimensions, copied from the scenario so a state describes its own layout.
  int actorCount = 0, meterCount = 0, capabilityCount = 0, incidentCount = 0, evidenceCount = 0,
      measureCount = 0, termCount = 0, injectCount = 0, endingCount = 0, entityCount = 0;
  int candidateTotal = 0;  // sum over incidents of their candidate counts

  int turn = 1;  // 1-based
  Phase phase = Phase::Briefing;
  bool paused = false;
  bool truthRevealed = false;
  int ending = -1;  // the ending that fired, -1 while running (or ended by the facilitator)
  std::uint64_t seed = 0;

  double tension = 0;
  int rung = 0;  // index into LadderDef::rungs

  std::vector<double> meters;        // [actor * meterCount + meter], 0..100
  std::vector<double> capabilities;  // [actor * capabilityCount + cap], 0..10
  std::vector<int> capital;          // [actor]: political capital left this turn
  std::vector<double> trust;         // [a * actorCount + b]: how far a trusts b, -100..100

  std::vector<std::uint8_t> seen;           // [actor * evidenceCount + evidence]: 1 if seen
  std::vector<double> belief;               // [actor * candidateTotal + candidateOffset(incident) + k]
  std::vector<ConfidenceLevel> confidence;  // [actor * incidentCount + incident]
  std::vector<int> decided;                 // [actor * incidentCount + incident]: candidate actor or -1
  std::vector<Disclosure> disclosed;        // [actor * incidentCount + incident]
  // [actor * incidentCount + incident]: kContradicted once its public disclosure was
  // contradicted (rules §3.7); kHarbouring when its decision holds the named state responsible
  // for harbouring those behind it rather than for the act itself (due diligence, §3.8).
  std::vector<std::uint8_t> attributionFlags;
  static constexpr std::uint8_t kContradicted = 1, kHarbouring = 2;
  std::vector<std::uint8_t> incidentRevealed;  // [incident]
  std::vector<std::uint8_t> evidenceReleased;  // [evidence]: its turn/condition reveal happened
  std::vector<int> injectFired;                // [inject]: times fired
  std::vector<int> used;                       // [actor * measureCount + measure]: times resolved

  std::vector<Commitment> commitments;
  std::vector<Proposal> proposals;        // id = index
  std::vector<QueuedMeasure> queue;       // this turn's queued measures
  std::vector<ResolvedMeasure> resolved;  // this turn's resolved measures (for consequences)
  std::vector<Listing> listings;          // every listing so far; id = index

  std::vector<Event> timeline;
  std::vector<std::string> notes;  // free text carried by commands (reasons, proposal texts)

  Rng rng;
  int nextSeq = 0;

  // Cheap indexed accessors.
  double meter(int actor, int m) const { return meters[static_cast<std::size_t>(actor * meterCount + m)]; }
  double trustOf(int a, int b) const { return trust[static_cast<std::size_t>(a * actorCount + b)]; }
  bool hasSeen(int actor, int evidence) const {
    return seen[static_cast<std::size_t>(actor * evidenceCount + evidence)] != 0;
  }
  int decision(int actor, int incident) const {
    return decided[static_cast<std::size_t>(actor * incidentCount + incident)];
  }
  // The decision names a state as harbouring the culprits (due diligence), not as the culprit.
  bool harbouring(int actor, int incident) const {
    return (attributionFlags[static_cast<std::size_t>(actor * incidentCount + incident)] & kHarbouring) != 0;
  }
  Disclosure disclosure(int actor, int incident) const {
    return disclosed[static_cast<std::size_t>(actor * incidentCount + incident)];
  }
  // Proposals are kept in the order they were made, and only this turn's can be open (resolution
  // closes the rest): the index of this turn's first proposal (proposals.size() if none yet).
  std::size_t firstProposalThisTurn() const {
    std::size_t first = proposals.size();
    while (first > 0 && proposals[first - 1].turn == turn) --first;
    return first;
  }
  int timesUsed(int actor, int measure) const {
    return used[static_cast<std::size_t>(actor * measureCount + measure)];
  }

  bool operator==(const GameState&) const = default;
};

// Canonical bytes of a state: little-endian fixed-width integers, doubles as round(x * 1e6)
// in 64-bit integers (so hashes do not depend on the last bits of floating-point results),
// vectors prefixed by their length. Identical on every build.
std::string serializeState(const GameState& state);
// The inverse of serializeState (doubles come back rounded to 1e-6); nullopt on bad bytes.
std::optional<GameState> deserializeState(std::string_view bytes);
// 64-bit hash of the canonical content (the same fields and rounding as serializeState,
// hashed word by word in four xxHash64-style lanes); equal states have equal hashes on every build.
std::uint64_t stateHash(const GameState& state);
// "0123456789abcdef"
std::string hashHex(std::uint64_t hash);

}  // namespace demarche
