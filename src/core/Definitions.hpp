// Immutable scenario definitions: everything a scenario file says, with ids resolved
// to indices. The scenario loader builds a ScenarioDef; the engine only reads it.
// YAML key names are given in comments where they differ from the member name.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/Expr.hpp"
#include "core/Text.hpp"

namespace demarche {

// A condition or effect together with the text it was parsed from (for reports).
struct Condition {
  std::string source;
  expr::NodePtr root;  // null means "always true"
};
struct EffectDef {
  std::string source;
  expr::Effect effect;
};

struct SourceRef {  // a public source the scenario is grounded in
  std::string id;
  Text title;
  std::string url;
};

enum class ActorKind : std::uint8_t { State, Organisation, Bloc, NonState, Company };

// doctrine.public_attribution: when the AI playing an actor names a culprit in public
// (docs/agents.md "When to name"): on its own confidence, only together with partners, or
// never (a stated national policy of not attributing publicly; private démarches remain).
enum class PublicAttribution : std::uint8_t { Alone, WithPartners, Never };

// AI doctrine weights, each in [0, 1].
struct Doctrine {
  double riskTolerance = 0.5;        // risk_tolerance
  double normCommitment = 0.5;       // norm_commitment
  double reciprocity = 0.5;          // reciprocity
  double allianceLoyalty = 0.5;      // alliance_loyalty
  double escalationAversion = 0.5;   // escalation_aversion
  double domesticSensitivity = 0.5;  // domestic_sensitivity
};

struct ActorDef {
  std::string id;
  Text name;
  ActorKind kind = ActorKind::State;
  Text briefing;                     // private briefing shown to the team that plays it
  std::vector<double> meters;        // indexed like ScenarioDef::meterNames, 0..100
  std::vector<double> capabilities;  // indexed like ScenarioDef::capabilityNames, 0..10
  std::vector<int> blocs;            // actor indices of blocs it belongs to
  bool membersShareCosts = false;    // members_share_costs (blocs): members bear its sanctions' cost
  // based_in (groups, companies, organisations): the state it is known to operate from. Public:
  // it is what lets a team hold that state responsible for harbouring (due diligence, §3.8).
  int basedIn = -1;
  int capitalPerTurn = 3;  // capital_per_turn: political capital each turn
  Doctrine doctrine;
  // doctrine.rules_out / doctrine.permits: measures (indices) the AI playing this actor never
  // takes, and deceptive measures it may take although it is committed to the norms
  // (docs/agents.md "Doctrine rules instruments out"). They bind the AI, not a human team.
  std::vector<int> rulesOut, permits;
  PublicAttribution publicAttribution = PublicAttribution::Alone;
  double mapX = 0.5, mapY = 0.5;  // map: {x, y}, 0..1 across the situation map
  std::string color;              // "#rrggbb", optional
};

// A person, unit or company that belongs to an actor: what sanctions list and indictments name
// (docs/rules.md §2.2). Who it belongs to is public; what it took part in is the hidden truth.
enum class EntityKind : std::uint8_t { Person, Unit, Company };

// At most this many entities in a scenario: a listing carries them as the bits of one word.
inline constexpr int kMaxEntities = 64;

struct EntityDef {
  std::string id;
  Text name;
  Text description;
  EntityKind kind = EntityKind::Person;
  int owner = -1;               // belongs_to: the actor it belongs to
  std::vector<int> involvedIn;  // involved_in: incidents it took part in (hidden truth)
};

struct RelationDef {
  int a = -1, b = -1;  // symmetric
  double trust = 0;    // -100..100
  bool hotline = false;
  std::vector<int> agreements;  // term indices already in force between a and b
};

struct RungDef {
  std::string id;
  Text name;
  Text description;
  double threshold = 0;        // tension at which this rung is reached
  bool armedConflict = false;  // armed_conflict: reaching it is the crisis's worst case
  std::vector<int> offRamps;   // off_ramps: measure indices that step down from here
};

struct LadderDef {
  double initialTension = 0;     // initial_tension
  double escalatoryStep = 10;    // escalatory_step: tension added by an escalatory measure
  double proportionateStep = 3;  // proportionate_step
  double deescalatoryStep = -8;  // deescalatory_step
  std::vector<RungDef> rungs;    // ascending thresholds; rungs[0].threshold == 0
};

enum class Sector : std::uint8_t {
  Government,
  Energy,
  Finance,
  Health,
  Telecom,
  Transport,
  Water,
  Elections,
  Media,
  Defence,
  Industry,
  Other
};

// EU Cyber Diplomacy Toolbox severity criteria, each 0..5.
struct Severity {
  int scope = 0, scale = 0, duration = 0, intensity = 0, complexity = 0, sophistication = 0, impact = 0;
};

// The hidden truth of an incident, revealed only at the debrief or by the facilitator.
struct TruthDef {
  int operatorActor = -1;       // operator
  int sponsor = -1;             // optional
  int proxy = -1;               // optional
  std::vector<int> falseFlags;  // false_flags: actors the operation was made to point at
  // harboured_by: states that knowingly let the operator act from their territory (UN GGE 2015
  // norm c, due diligence). Naming one of them as harbouring is right, naming it as the operator
  // is not: a distinct judgment (docs/rules.md §3.8).
  std::vector<int> harbouredBy;
};

struct IncidentDef {
  std::string id;
  Text title;
  Text description;
  int victim = -1;
  Sector sector = Sector::Other;
  Severity severity;
  std::vector<char> normsBroken;  // norms_broken: UN GGE 2015 norms 'a'..'k'
  TruthDef truth;
  std::vector<int> candidates;  // actors players may attribute it to
  std::vector<double> priors;   // parallel to candidates; sums to 1
  int revealTurn = 1;           // reveal_turn: the turn it becomes public
};

enum class EvidenceSource : std::uint8_t { Forensics, Signals, Human, OpenSource, Partner };

struct EvidenceDef {
  std::string id;
  int incident = -1;
  Text title;
  Text description;
  EvidenceSource source = EvidenceSource::Forensics;
  double reliability = 0.5;  // 0..1: how far the item can be trusted
  // points_to: candidate actor -> strength in -3..3 (positive: points towards)
  std::vector<std::pair<int, double>> pointsTo;
  bool planted = false;  // a false flag; its strength points the wrong way
  // How it is revealed (reveal: {turn: N, to: [...]} | {investigation: chance} | {when: expr})
  enum class Reveal : std::uint8_t { Turn, Investigation, Condition } reveal = Reveal::Turn;
  int revealTurn = 1;
  double investigationChance = 0.5;  // per investigation measure taken on the incident
  Condition revealWhen;
  std::vector<int> revealTo;  // to: actors who see it; empty = every actor
};

enum class MeasureCategory : std::uint8_t {
  Preventive,
  Cooperative,
  Stabilising,
  Restrictive,
  LawfulResponse,
  Investigation,
  Legal,
  Hostile  // covert and offensive operations: outside the EU toolbox, neither sanction nor lawful response
};
enum class EscalationTag : std::uint8_t { Deescalatory, Proportionate, Escalatory };
// Entities: a listing names persons, units or companies of the actors behind an incident, with
// the incident (docs/rules.md §2.2). It attributes nothing to the actors they belong to.
enum class TargetKind : std::uint8_t { None, Actor, Incident, ActorAndIncident, Entities };
// The command names a target actor (TakeMeasure::target): actor, actor_and_incident.
constexpr bool namesActor(TargetKind k) {
  return k == TargetKind::Actor || k == TargetKind::ActorAndIncident;
}
// The command names an incident of its own choosing: incident, actor_and_incident (a listing
// names one too, with its entities; the callers that weigh it as such add TargetKind::Entities).
constexpr bool namesIncident(TargetKind k) {
  return k == TargetKind::Incident || k == TargetKind::ActorAndIncident;
}
// What a measure does to an attribution: most measures nothing; some decide or disclose.
enum class AttributionAct : std::uint8_t {
  None,
  Decide,
  DisclosePrivately,
  DisclosePublicly,
  DiscloseJointly
};

struct MeasureDef {
  std::string id;
  Text name;
  Text description;
  MeasureCategory category = MeasureCategory::Cooperative;
  int cost = 1;  // political capital
  TargetKind target = TargetKind::None;
  std::vector<ActorKind> usableBy;     // usable_by; empty = every kind
  std::vector<ActorKind> targetKinds;  // target_kinds: kinds of actor it may be aimed at; empty = every kind
  std::vector<EntityKind>
      entityKinds;  // entity_kinds (target: entities): kinds it may list; empty = every kind
  Condition
      requirement;  // requires: prerequisites (scope: self, target, incident); `requires` is a C++20 keyword
  Text requiresReason;       // requires_reason: shown when refused
  double minConfidence = 0;  // min_confidence: needed in the target as operator
  std::vector<EffectDef> effects;
  EscalationTag escalation = EscalationTag::Proportionate;
  std::vector<char> upholdsNorms;  // norms: {upholds: [..], breaks: [..]}
  std::vector<char> breaksNorms;
  int bloc = -1;  // bloc: needs consensus of this bloc's members
  AttributionAct attribution = AttributionAct::None;
  bool investigates = false;  // reveals investigation evidence of the incident
  bool covert = false;        // only its actor sees that it was taken, until the truth comes out
  bool deceptive = false;     // disinformation, forgeries, false claims: norm-committed AI actors refrain
  int maxUses = 0;            // max_uses per actor per exercise; 0 = unlimited
  std::string sourceFile;     // catalogue file it came from (for diagnostics)
};

enum class TermKind : std::uint8_t {
  JointAttribution,
  CoordinatedSanctions,
  RestraintPledge,
  InformationSharing,
  Hotline,
  Assistance,
  LawEnforcementCooperation
};

struct TermDef {
  std::string id;
  Text name;
  Text description;
  TermKind kind = TermKind::InformationSharing;
  std::vector<ActorKind> parties;   // parties: kinds that may propose or accept it; empty = any
  std::vector<EffectDef> onAccept;  // on_accept (scope: self = proposer, target = acceptor)
  Condition breaksWhen;             // breaks_when: the commitment is broken (self, target)
  double breachCredibility = 10;    // breach_credibility: credibility lost on breach
  double breachTrust = 20;          // breach_trust
};

enum class InjectKind : std::uint8_t { News, Intelligence, Incident, Evidence, Statement, Prompt };

struct InjectDef {
  std::string id;
  InjectKind kind = InjectKind::News;
  Text title;
  Text text;
  std::vector<int> audience;  // empty = everyone
  int turn = 0;               // fires at this turn (0 = by condition only)
  Condition when;             // fires when true (checked at briefing)
  bool repeat = false;        // fire again each time the condition holds
  std::vector<EffectDef> effects;
  std::vector<int> reveals;  // evidence indices revealed (to the audience)
  int startsIncident = -1;   // incident: revealed by this inject
};

struct ObjectiveDef {
  std::string id;
  int actor = -1;
  Text description;
  Condition condition;  // evaluated at the end (scope: self = actor)
  int score = 10;
};

enum class EndingKind : std::uint8_t { ArmedConflict, Settlement, Stalemate, Other };

struct EndingDef {
  std::string id;
  Text title;
  Text description;
  EndingKind kind = EndingKind::Other;
  Condition when;           // checked at consequences; empty = only at the last turn
  bool atLastTurn = false;  // at_last_turn: the ending when time runs out
};

struct QuestionDef {
  int turn = 0;  // 0 = debrief
  Text text;
};

// The one seed range of Démarche, for scenario files, saves and --seed alike: whole numbers
// from 0 to 2^53 (9007199254740992), which a JSON or YAML number holds exactly.
inline constexpr std::uint64_t kMaxSeed = 9007199254740992ULL;

struct ScenarioDef {
  // metadata
  std::string id;
  Text title;
  Text summary;
  std::string version;
  std::string language = "en";
  std::vector<std::string> authors;
  std::vector<SourceRef> sources;
  std::vector<Text> learningObjectives;  // learning_objectives
  Text factAndFiction;                   // fact_and_fiction: what is documented, what is invented
  Text facilitatorNotes;                 // facilitator_notes: for the facilitator only
  int lengthMinutes = 0;                 // length_minutes: the session it is written for (0 = not said)
  int deliberationMinutes = 0;           // deliberation_minutes: the timer it suggests (0 = not said)
  int turns = 6;
  Text turnLabel;                 // turn_label: "day", "week"
  std::vector<int> turnDates;     // calendar: each turn's date, days since 1970-01-01; empty = none
  std::uint64_t seed = 1;         // 0..kMaxSeed
  std::vector<int> defaultSeats;  // default_seats: actors played by teams by default
  std::vector<std::string> includes;

  std::vector<std::string> meterNames;       // meters: declared once, every actor has them
  std::vector<Text> meterTitles;             // [meter]: its name for people (empty: from its id)
  std::vector<std::string> capabilityNames;  // capabilities
  std::vector<Text> capabilityTitles;        // [capability]: its name for people (empty: from its id)

  std::vector<ActorDef> actors;
  std::vector<EntityDef> entities;
  std::vector<RelationDef> relations;
  LadderDef ladder;
  std::vector<IncidentDef> incidents;
  std::vector<EvidenceDef> evidence;
  std::vector<MeasureDef> measures;
  std::vector<TermDef> terms;
  std::vector<InjectDef> injects;
  std::vector<ObjectiveDef> objectives;
  std::vector<EndingDef> endings;
  std::vector<QuestionDef> questions;

  std::string contentHash;  // hex digest of the scenario and its includes' bytes
};

}  // namespace demarche
