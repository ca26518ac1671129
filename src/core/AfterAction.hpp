// After-action data: everything the debrief shows, as plain data. The report renderers
// (src/report: markdown, HTML, JSON) and the GUI's debrief turn it into pages; nothing here
// formats for a medium.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/Command.hpp"
#include "core/Engine.hpp"
#include "core/GameState.hpp"
#include "core/Session.hpp"

namespace demarche {

struct AfterAction {
  // Scenario and run
  std::string scenarioId;
  std::string title;
  std::string language;
  std::uint64_t seed = 0;
  std::string finalHash;  // hashHex(stateHash(final state))
  int turnsPlayed = 0;
  int turnCount = 0;                   // ScenarioDef::turns
  std::string turnLabel;               // "day", "week"
  std::vector<std::string> turnDates;  // "15 March 2018" per turn (index turn - 1); empty = no calendar

  std::vector<std::string> actorIds, actorNames, meterNames, rungNames;
  std::vector<std::string> meterTitles;  // [meter]: its name in the report's language

  // The timeline in order: injects, commands and outcomes with reasons.
  struct Entry {
    int turn = 0;
    EventKind kind = EventKind::TurnStarted;
    int actor = -1;    // actor index, -1 = none/everyone
    std::string text;  // rendered sentence
    // Why the actor did it, when known: an AI's rationale for a measure, decision or
    // disclosure (addRationales), a proposal's text or a reply's reason (from the log itself,
    // so those are also in a replay's report). The proposal and reply sentences in `text`
    // already quote theirs; renderers print it separately for the other kinds.
    std::string rationale;
  };
  std::vector<Entry> timeline;

  // One point per turn start, plus one for the final state (isFinal = true).
  struct Point {
    int turn = 0;
    bool isFinal = false;
    double tension = 0;
    int rung = 0;
    std::vector<double> meters;  // [actor * meterNames.size() + meter]
    std::vector<double> trust;   // [a * actorIds.size() + b]: a's trust in b
    std::vector<int> capital;    // [actor]
  };
  std::vector<Point> series;

  // The hidden truth beside each actor's final assessment.
  struct ActorView {
    int actor = -1;
    int leading = -1;  // candidate actor each assessment favours
    double leadingProbability = 0;
    double truthProbability = 0;  // probability it gave the true operator
    std::string words;            // ICD 203 words for truthProbability
    std::string confidence;       // low / moderate / high
    int decided = -1;             // decided candidate, -1 none
    std::string disclosure;       // none / private / public / joint
    bool harbouring = false;      // the decision holds `decided` responsible for harbouring (§3.8)
    bool correct = false;         // decided == operator or sponsor; if harbouring, in harbouredBy
    int evidenceSeen = 0;
    std::vector<int> evidence;  // indices into AfterAction::evidence it saw, scenario order
  };
  struct IncidentTruth {
    int incident = -1;
    std::string id, title;
    int operatorActor = -1, sponsor = -1, proxy = -1;
    std::vector<int> falseFlags;
    std::vector<int> harbouredBy;      // states that knowingly sheltered the operator
    std::vector<int> plantedEvidence;  // evidence indices that were planted
    std::vector<ActorView> views;      // one per actor, actor order
  };
  std::vector<IncidentTruth> incidents;

  // Every listing (rules §2.2) with, per entity, whether it took part in the incident (the truth).
  struct ListedEntity {
    std::string id, name, kind;
    int owner = -1;
    bool involved = false;
  };
  struct Listing {
    int turn = 0;
    int actor = -1;
    std::string measure;   // its name
    std::string incident;  // its title
    std::vector<ListedEntity> entities;
    int wrong = 0;  // entities listed that took no part in it
  };
  std::vector<Listing> listings;

  // Every evidence item of the scenario and who saw it (the debrief's "what each side saw";
  // `planted` is revealed only here).
  struct Sighting {
    int actor = -1;
    int turn = 0;       // when it first saw the item (0 = not recorded in the timeline)
    std::string how;    // "schedule", "investigation", "shared", "inject" ("" unknown)
    int sharedBy = -1;  // for "shared": the partner who shared it
  };
  struct Evidence {
    int index = -1;  // scenario order (EvidenceDef index)
    std::string id, title;
    int incident = -1;
    std::string source;      // "forensics", "signals", "human", "open_source", "partner"
    std::string sourceWord;  // the same for readers: "open source"
    double reliability = 0;
    bool planted = false;
    std::vector<Sighting> seenBy;  // actor order
  };
  std::vector<Evidence> evidence;

  struct Objective {
    int actor = -1;
    std::string id, description;
    bool achieved = false;
    int score = 0;  // earned (0 if not achieved)
    int maxScore = 0;
  };
  std::vector<Objective> objectives;
  std::vector<int> actorScores;  // [actor]: sum of earned objective scores

  // The ending (empty id if the facilitator ended the exercise without one).
  std::string endingId, endingTitle, endingDescription;
  EndingKind endingKind = EndingKind::Other;

  struct Question {
    int turn = 0;  // 0 = debrief
    std::string text;
  };
  std::vector<Question> questions;
};

// A reason given for a command outside the command itself (an AI agent's rationale for a
// measure, decision or disclosure: agents::RationaleLog holds them during play).
struct Rationale {
  int turn = 0;
  int actor = -1;
  Command command;
  std::string text;
};

// Objectives evaluated on `state` (any time; the debrief uses the final state).
std::vector<AfterAction::Objective> evaluateObjectives(const Engine& engine, const GameState& state,
                                                       std::string_view language = {});

// The debrief of a session (series from its turn snapshots). language "" = scenario language.
AfterAction buildAfterAction(const Session& session, std::string_view language = {});
// The same from explicit turn-start states and the final state (e.g. a replay without Session).
AfterAction buildAfterAction(const Engine& engine, const std::vector<const GameState*>& turnStarts,
                             const GameState& final, std::string_view language = {});

// Puts each rationale on the timeline entry its command produced (same turn and actor:
// MeasureQueued for a measure, AttributionDecided, AttributionDisclosed, ProposalMade,
// ProposalReplied; the first entry not yet explained, in order). `final` is the state the
// timeline was built from. Rationales of refused commands match nothing and are dropped.
void addRationales(AfterAction& aa, const GameState& final, const std::vector<Rationale>& rationales);
// The reasons the session's log holds (the AI's, given with its commands), in play order.
// buildAfterAction(session) adds them itself.
std::vector<Rationale> rationalesFromLog(const Session& session);

}  // namespace demarche
