// Who may see what (docs/rules.md, "Who sees what"): the audience of every timeline event, the
// cheap visibility predicates the AI's observation uses, and the views built from them — what
// one team, the facilitator or the room (projector) may know, as plain structs of strings and
// numbers that the CLI, the GUI, browser seats and tests read. The hidden truth appears only
// once it is revealed, or for the facilitator behind an explicit flag; a team never learns
// whether an item of evidence is planted.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/Definitions.hpp"
#include "core/Engine.hpp"
#include "core/GameState.hpp"
#include "core/Options.hpp"

namespace demarche {

// [SECTION] Viewers and audiences

struct Viewer {
  enum class Kind : std::uint8_t { Team, Facilitator, Room };
  Kind kind = Kind::Room;
  int actor = -1;          // Team: the actor the team plays
  bool showTruth = false;  // Facilitator: show the hidden truth before it is revealed
  static Viewer team(int actor) { return {Kind::Team, actor, false}; }
  static Viewer facilitator(bool showTruth = false) { return {Kind::Facilitator, -1, showTruth}; }
  static Viewer room() { return {Kind::Room, -1, false}; }
};

// Who sees an event besides the facilitator (who sees every event): everyone (the room and
// every team), or only the listed teams.
struct Audience {
  bool everyone = false;
  std::vector<int> actors;  // sorted, each once; empty when `everyone`
  bool operator==(const Audience&) const = default;
};

// Cheap predicates (no allocation), shared by the views and the AI's observation.

// An inject's text reaches its audience; an empty audience is everyone. A prompt (kind: prompt)
// speaks to the facilitator ("ask each team what it knows"): no team and not the room sees it.
inline bool injectIsPublic(const InjectDef& inject) {
  return inject.kind != InjectKind::Prompt && inject.audience.empty();
}
inline bool injectVisibleTo(const InjectDef& inject, int actor) {
  if (inject.kind == InjectKind::Prompt) return false;
  return inject.audience.empty() ||
         std::find(inject.audience.begin(), inject.audience.end(), actor) != inject.audience.end();
}
// A disclosed attribution: public and joint ones are public; a private démarche is known to the
// discloser and the accused. `kind` None is visible to nobody but the discloser.
inline bool disclosureVisibleTo(Disclosure kind, int discloser, int accused, int viewer) {
  return viewer == discloser || kind == Disclosure::Public || kind == Disclosure::Joint ||
         (kind == Disclosure::Private && accused == viewer);
}
// A proposal, its replies and its expiry are known to the proposer and the recipients.
inline bool proposalVisibleTo(const Proposal& proposal, int actor) {
  return proposal.from == actor ||
         std::find(proposal.to.begin(), proposal.to.end(), actor) != proposal.to.end();
}

// True when every team and the room see `event`. Reads only the event, the scenario and parts
// of the state that never change once made (a proposal's sender and recipients), so an event's
// audience is fixed when it happens.
bool eventIsPublic(const ScenarioDef& def, const GameState& state, const Event& event);
// True when the team playing `actor` sees `event` (public, or addressed to it).
bool eventVisibleTo(const ScenarioDef& def, const GameState& state, const Event& event, int actor);
// The same rules as a list, and for any viewer.
Audience eventAudience(const Engine& engine, const GameState& state, const Event& event);
bool canSee(const Engine& engine, const GameState& state, const Event& event, const Viewer& viewer);

// The event's sentence (Engine::describe) for `viewer`; "" when the viewer may not see it.
std::string describe(const Engine& engine, const GameState& state, const Event& event, const Viewer& viewer);

// [SECTION] Views

struct TimelineEntry {
  int index = -1;  // position in GameState::timeline
  int turn = 0;
  EventKind kind = EventKind::TurnStarted;
  std::string text;
  std::string actor;   // the actor it is about ("" = none)
  std::string target;  // for a measure: its target actor ("" = none)
  bool quiet = false;  // eventIsQuiet: a debrief leaves it out unless asked
};

// Events that tell nothing new: phase changes, turn starts, an investigation that found nothing.
bool eventIsQuiet(const Event& event);

struct NamedValue {
  std::string name;   // the id (what expressions and `brief --json` name)
  double value = 0;
  std::string label;  // its name for people, in the view's language
};

// A fired inject the viewer may read (news, intelligence, statements, ...).
struct NewsItem {
  int turn = 0;
  std::string id;
  std::string kind;  // "news", "intelligence", ...
  std::string title;
  std::string text;
  bool addressed = false;      // sent to some actors only (a team's private intelligence)
  bool byFacilitator = false;  // fired by the facilitator
};

// A public incident.
struct IncidentSummary {
  std::string id;
  std::string title;
  std::string description;
  std::string victim;
  std::string sector;
  std::vector<std::string> candidates;  // actors it may be attributed to
  // States where a candidate is known to be based (`based_in`): each may be held responsible
  // for harbouring those behind it (due diligence, rules §3.8).
  std::vector<std::string> hosts;
};

struct AgreementView {
  std::string a, b;  // proposer, acceptor
  std::string term;
  std::string incident;  // "" = any incident
  int turn = 0;
  std::string naming;  // a joint attribution's suspect, "" = unsaid (consent naming anyone)
};

struct ActorSummary {
  std::string id;
  std::string name;
  std::string kind;
  std::vector<NamedValue> meters;        // public (the situation map shows them)
  std::vector<NamedValue> capabilities;  // public, as the AI's observation has them
};

// How far `from` trusts `to` (the situation map's relation lines; public).
struct TrustLine {
  std::string from, to;
  double trust = 0;
};

// A person, unit or company of the scenario (public: who it belongs to; not what it did).
struct EntityView {
  std::string id;
  std::string name;
  std::string kind;   // "person", "unit", "company"
  std::string owner;  // the actor it belongs to
  std::string description;
};

// A published listing (rules §2.2): who listed whom, with which measure, for which incident.
struct ListingView {
  int turn = 0;
  std::string actor;
  std::string measure;
  std::string incident;
  std::vector<std::string> entities;  // ids
  std::string names;                  // "GRU Unit 74455 (rus), ..."
};

// The hidden truth of one incident: only once revealed, or for the facilitator with showTruth.
struct TruthView {
  std::string incident;
  std::string operatorActor;
  std::string sponsor;  // "" = none
  std::string proxy;    // "" = none
  std::vector<std::string> falseFlags;
  std::vector<std::string> harbouredBy;       // states that knowingly sheltered the operator
  std::vector<std::string> plantedEvidence;   // ids of the incident's planted items
  std::vector<std::string> involvedEntities;  // ids of the entities that took part in it
};

// What everyone may know: shared by the three views.
struct PublicSituation {
  std::string scenarioId;
  std::string title;
  int turn = 0;
  int turns = 0;
  std::string date;  // the turn's date, YYYY-MM-DD; "" when the turns carry no dates
  std::string phase;
  Phase phaseKind = Phase::Briefing;  // the same as a value
  bool paused = false;
  bool truthRevealed = false;
  double tension = 0;
  std::string rung;
  std::string ending;                      // "" while running
  std::vector<IncidentSummary> incidents;  // revealed ones
  std::vector<NewsItem> news;              // injects with no audience
  std::vector<AgreementView> agreements;   // in force
  std::vector<ActorSummary> actors;
  std::vector<TrustLine> trust;       // every ordered pair of different actors
  std::vector<TruthView> truth;       // empty until the truth is revealed
  std::vector<EntityView> entities;   // every entity of the scenario
  std::vector<ListingView> listings;  // every listing published so far
};

struct EvidenceView {
  std::string id;
  std::string incident;
  std::string title;
  std::string text;
  std::string source;  // "forensics", "signals", ...
  double reliability = 0;
  int turnSeen = 0;
  std::string how;  // "scheduled", "investigation", "shared by pol", "inject"
};

struct CandidateView {
  std::string actor;
  double probability = 0;
  std::string words;  // ICD 203
};

struct AssessmentView {
  std::string incident;
  std::string title;
  std::vector<CandidateView> candidates;
  std::string leading;
  std::string confidence;  // "low", "moderate", "high"
  int evidenceSeen = 0;
  std::string decided;      // "" = no decision yet
  bool harbouring = false;  // the decision holds `decided` responsible for harbouring them
  std::string disclosure;   // "none", "private", "public", "joint"
  // Why taking the disclosure back would be refused now, in the view's language ("" = it can be,
  // or there is nothing disclosed): a bloc's while a member still makes it (rules §4.3), or out of
  // deliberation.
  std::string withdrawRefused;
  // Per host state (IncidentSummary::hosts): how probable that those behind it operate from there.
  std::vector<CandidateView> hosts;
};

struct RelationView {
  std::string other;
  double trustInOther = 0;    // how far we trust them
  double trustFromOther = 0;  // how far they trust us
};

struct ReplyView {
  std::string actor;
  std::string kind;    // "none" while unanswered, "accept", "reject", "counter"
  std::string reason;  // "" while unanswered
  int counter = -1;    // the counter-proposal's id
};

struct ProposalView {
  int id = -1;
  int turn = 0;
  std::string from;
  std::vector<std::string> terms;
  std::string incident;  // "" = any incident
  std::string naming;    // whom its joint attribution names, "" = unsaid
  std::string text;
  int counterOf = -1;
  bool open = false;
  std::vector<ReplyView> replies;  // one per recipient, in the proposal's order
  bool awaitingOurReply = false;   // open, addressed to us, not answered by us
};

struct QueuedView {
  std::string measure;
  std::string target;
  std::string incident;
  int cost = 0;
  std::vector<std::string> entities;  // a listing's entities (ids)
};

struct MeasureResultView {
  int turn = 0;
  std::string measure;
  std::string target;
  std::string incident;
  bool succeeded = false;
  std::string text;
};

// One team's view: what the actor it plays knows.
struct TeamView {
  int actor = -1;
  std::string actorId;
  std::string actorName;
  std::string briefing;
  PublicSituation situation;
  std::vector<NewsItem> intelligence;       // injects addressed to this actor (not to everyone)
  std::vector<EvidenceView> evidence;       // every item it has seen, in scenario order
  std::vector<AssessmentView> assessments;  // per public incident
  int capital = 0;
  int capitalPerTurn = 0;
  std::vector<NamedValue> meters;
  std::vector<NamedValue> capabilities;
  std::vector<RelationView> relations;     // with every other actor
  std::vector<ProposalView> proposals;     // sent or received
  std::vector<QueuedView> queued;          // its measures queued this turn
  std::vector<MeasureResultView> results;  // its measures that resolved or failed, oldest first
  // The options of this turn's deliberation (computed as of deliberation when the view is
  // built at the briefing, so a team can plan before deliberation opens).
  std::vector<MeasureOption> options;
  std::vector<TimelineEntry> recap;     // visible events since the previous turn's resolution
  std::vector<TimelineEntry> timeline;  // every visible event
};

// The projector: public only.
struct RoomView {
  PublicSituation situation;
  std::vector<TimelineEntry> timeline;
};

// Everything, the truth only when revealed or asked for (showTruth).
struct FacilitatorView {
  PublicSituation situation;            // truth filled when revealed or showTruth
  std::vector<TeamView> teams;          // every actor's view
  std::vector<NewsItem> news;           // every fired inject, addressed or not
  std::vector<TimelineEntry> timeline;  // every event
  std::vector<std::string> questions;   // this turn's discussion questions
  std::string notes;                    // the scenario's facilitator_notes (they may speak of the truth)
  bool showTruth = false;
};

// `language` "" = the scenario's; a text the scenario has not translated shows in its own language.
TeamView buildTeamView(const Engine& engine, const GameState& state, int actor,
                       std::string_view language = {});
RoomView buildRoomView(const Engine& engine, const GameState& state, std::string_view language = {});
FacilitatorView buildFacilitatorView(const Engine& engine, const GameState& state, bool showTruth = false,
                                     std::string_view language = {});

// The state in which this turn's options are computed: the state itself, or when it is in an
// unpaused briefing, a copy moved on to deliberation (nothing else changes in between).
GameState deliberationPreview(const Engine& engine, const GameState& state);

}  // namespace demarche
