// The AI that plays a seat: a Policy (core/RandomPolicy.hpp) whose choices come from its
// actor's doctrine weighed against its objectives and the predicted effects of each legal
// command. It decides from an Observation only (see Observation.hpp); every choice carries
// a short rationale, rendered only when someone listens (RationaleSink). docs/agents.md
// explains the scoring for scenario authors.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agents/Observation.hpp"
#include "agents/Prediction.hpp"
#include "core/Catalogue.hpp"
#include "core/Random.hpp"
#include "core/RandomPolicy.hpp"

namespace demarche::agents {

enum class Difficulty : std::uint8_t { Novice, Standard, Expert };

// How well agents play. Adversaries (actors that operated or sponsored an incident) use
// their own noise, so a novice table faces clumsy opponents and steady allies.
struct DifficultyPreset {
  double noise = 2;           // random spread added to every score (in score points)
  double adversaryNoise = 2;  // the same for adversaries
  int maxMeasures = 3;        // measures per turn
  int adversaryMeasures = 3;  // measures per turn for adversaries
  int lookAhead = 8;          // best candidates re-scored with objective look-ahead (0 = none)
  double retaliation = 1;     // how hard adversaries hit back (multiplies reciprocity)
};

DifficultyPreset difficultyPreset(Difficulty difficulty);
std::string_view difficultyName(Difficulty difficulty);  // "novice", "standard", "expert"
std::optional<Difficulty> parseDifficulty(std::string_view name);

// Everything agents precompute about a scenario: its public view and measure profiles.
// Immutable; share one between all agents and runs of the same scenario (thread-safe).
class AgentCatalogue {
 public:
  // `language`: what the agents write their reasons and messages in (empty: the scenario's).
  explicit AgentCatalogue(const ScenarioDef& def, std::string_view language = {});
  const ScenarioView& view() const { return m_view; }
  const std::vector<MeasureProfile>& profiles() const { return m_profiles; }
  // Meter roles by name (-1 when the scenario has no such meter).
  int credibility = -1, economy = -1, resilience = -1, domesticPressure = -1;
  int intelligenceCapability = -1, defenceCapability = -1;
  int firstTermOfKind(TermKind kind) const;  // -1 if none
  int restraintTerm = -1;                    // a restraint_pledge term breached by operations, if any
  // [measure]: a denial or claim through a front (see the constructor).
  const std::vector<std::uint8_t>& coverMeasures() const { return m_cover; }
  // [actor]: 1 when measure `m` may be aimed at that actor by its kind (ScenarioView::targetable,
  // tabulated once: the agents' per-target loop reads a byte instead of searching a list).
  const std::uint8_t* targetableBy(int m) const {
    return m_targetable.data() + static_cast<std::size_t>(m) * static_cast<std::size_t>(m_view.actorCount());
  }

 private:
  std::vector<std::uint8_t> m_cover;
  std::vector<std::uint8_t> m_targetable;  // [measure * actorCount + actor]
  ScenarioView m_view;
  std::vector<MeasureProfile> m_profiles;
};

// Receives every command an agent chooses with its reason, when it chooses it.
using RationaleSink = std::function<void(int actor, const Command& command, const std::string& rationale)>;

// Legality checks an agent may make on the real state (the engine's answer, nothing else).
class LegalityCheck {
 public:
  LegalityCheck(const Engine& engine, const GameState& state) : m_engine(engine), m_state(state) {}
  bool legal(const Command& command) const {
    return m_engine.checkCode(m_state, command) == ReasonCode::None;
  }
  bool legal(const TakeMeasure& measure) const {
    return m_engine.checkMeasureCode(m_state, measure) == ReasonCode::None;
  }
  bool legal(const Propose& proposal) const {
    return m_engine.checkProposeCode(m_state, proposal) == ReasonCode::None;
  }
  bool legal(const Disclose& disclosure) const {
    return m_engine.checkDiscloseCode(m_state, disclosure) == ReasonCode::None;
  }
  // A listing (target: entities): the entities of `owner` that `actor` may still list with
  // `measure` for `incident` (published listings are public; Engine::listableNow).
  std::uint64_t listable(int actor, int measure, int incident, int owner) const {
    return m_engine.listableNow(m_state, actor, measure, incident, owner);
  }

 private:
  const Engine& m_engine;
  const GameState& m_state;
};

class Agent final : public Policy {
 public:
  Agent(const AgentCatalogue& catalogue, std::uint64_t seed, Difficulty difficulty = Difficulty::Standard);
  ~Agent() override;

  // Ready for a new game with `seed`, exactly as a new Agent(catalogue, seed, difficulty) would
  // play it, but keeping its buffers and what depends only on its actor (simulate and the
  // benchmarks reuse agents from game to game). The rationale sink stays attached.
  void restart(std::uint64_t seed);
  Difficulty difficulty() const { return m_difficulty; }
  const AgentCatalogue& catalogue() const { return m_cat; }

  // Attach a listener; rationale text is built only while one is attached.
  void setRationaleSink(RationaleSink sink) { m_sink = std::move(sink); }

  void act(const Engine& engine, const GameState& state, int actor, int round,
           std::vector<Command>& out) override;

  // The decision itself: reads only the observation, the public scenario view and legality
  // answers. act() = observe() + decide().
  void decide(const Observation& obs, const LegalityCheck& legal, int round, std::vector<Command>& out);

 private:
  friend struct AgentProbe;  // tests/agents/CandidateNoiseTest.cpp: reorders m_usable
  struct Candidate;
  // One term of a proposal, as reply() answers it (complete here: the agent keeps a vector of them).
  struct TermAnswer {
    bool accept = false;
    int counterTerm = -1;  // offered instead, when refusing
    std::string why;       // only when asked for (see reply)
  };
  void decideAttributions(const Observation& obs, const LegalityCheck& legal, std::vector<Command>& out);
  void discloseJointly(const Observation& obs, const LegalityCheck& legal, std::vector<Command>& out);
  void propose(const Observation& obs, const LegalityCheck& legal, std::vector<Command>& out);
  void reply(const Observation& obs, std::vector<Command>& out);
  void chooseMeasures(const Observation& obs, const LegalityCheck& legal, std::vector<Command>& out,
                      bool onlyNewOptions = false);
  template <bool kExplain, bool kMany>
  void chooseMeasuresAs(const Observation& obs, const LegalityCheck& legal, std::vector<Command>& out,
                        bool onlyNewOptions);
  // What chooseMeasuresAs' bound test reads of its call (see boundMeasures).
  struct MeasureBounds {
    int rung = 0;
    double tension = 0, escW = 0;
    int armedRung = 0;
    double armedFrom = 0, noise = 0, harmScale = 0, maxHostileBoost = 0, maxFriendlyLoyal = 0,
           minFriendlyLoyal = 0;
  };
  [[gnu::noinline]] void boundMeasures(const MeasureBounds& b);
  // Appends `command`; `why()` builds the rationale text only when a sink listens.
  template <class Why>
  void emit(std::vector<Command>& out, Command command, const Why& why) {
    if (m_sink) m_sink(m_self, command, why());
    out.push_back(std::move(command));
  }

  // Doctrine-derived thresholds and weights.
  double decideThreshold() const;
  double publicThreshold(const Observation& obs) const;
  // Whether our doctrine lets us name incident `i`'s culprit publicly now, alone or jointly.
  bool mayNamePublicly(const Observation& obs, bool jointly) const;
  double meterWeight(int meter) const;
  double escalationWeight(const Observation& obs) const;
  bool implicated(const Observation& obs, int incident) const;
  bool isAdversary(const Observation& obs) const;
  int stepsToArmedConflict(const Observation& obs) const;
  // Memory: whether `other` broke an agreement with us (agreements and breaches are public).
  bool brokeFaith(const Observation& obs, int other) const;
  // A measure that presses its target: restrictive, a lawful response, hostile or tagged escalatory.
  bool presses(int measure) const;
  // Whether we queued a measure this turn that presses `target`; its index in obs.queued, -1.
  int queuedPressing(const Observation& obs, int target) const;
  // m_calm from this turn's proposals we made or accepted (restraint, hotline).
  void rememberCalmingWords(const Observation& obs);

  const AgentCatalogue& m_cat;
  const ScenarioView& m_view;
  Phrases m_say;  // the reasons' and messages' words, in m_view.language()
  Rng m_rng;
  DifficultyPreset m_preset;
  Difficulty m_difficulty;
  RationaleSink m_sink;
  Doctrine m_doctrine;
  PublicAttribution m_publicPolicy = PublicAttribution::Alone;
  int m_self = -1;
  Observation m_obs;  // reused between calls
  std::vector<const ObjectiveDef*> m_objectives;
  std::vector<OverlayReads> m_objectiveReads;    // [objective]: what a look-ahead could change
  void readObjectives();                         // fills it for m_self's m_objectives, and:
  std::vector<std::uint8_t> m_objectiveTouch;    // [measure * objectives + objective]: may change its reads
  std::vector<std::uint8_t> m_touchesObjective;  // [measure]: may change the reads of one of them
  std::vector<Candidate> m_candidates;
  struct Deferred;
  std::vector<Deferred> m_deferred;  // per call: measures scored best bound first (AgentMeasures.hpp)
  // Per call, parallel to m_usable: the escalation term, and the bound test of chooseMeasures.
  std::vector<double> m_escOf, m_cutOf;
  // A measure our actor's kind and blocs allow, with the parts of its score that depend only
  // on the measure and our doctrine (computed once per seat, not per decision).
  struct UsableMeasure {
    int measure = -1;
    double own = 0;      // own meters (and a restrictive measure's cost to our economy)
    double norms = 0;    // norms broken and upheld
    double base = 0;     // own + norms - cost
    double welfare = 0;  // effect on the target's meters, from the target's point of view
    bool restrictive = false;
    bool harmful = false;
    bool presses = false;  // presses(measure)
    bool pursued = false;  // an objective of ours counts its uses: always looked ahead
    // The definition's and the profile's fields the scoring loop reads, beside the scores:
    // one small record per measure instead of two large ones.
    bool needsActor = false;     // aimed at an actor (a listing: at the owner of its entities)
    bool needsIncident = false;  // about an incident (a listing too)
    bool opensLater = false;     // about a suspect, a listing or a bloc's: may open after round 0
    bool investigates = false;
    bool cover = false;  // a denial or a claim through a front
    AttributionAct attribution = AttributionAct::None;
    int cost = 0;
    int maxUses = 0;
    double escalationStep = 0;
    double tensionEffect = 0;
    double trustTargetInSelf = 0;
    // The target's meter this measure raises most (its aid: resilience for capacity building,
    // support for a consultation), -1 if it raises none: help goes where that meter is low.
    int aidMeter = -1;
    const std::uint8_t* offRampOf = nullptr;  // [rung], offRampCount of them
    int offRampCount = 0;
  };
  std::vector<UsableMeasure> m_usable;
  std::vector<double> m_weights;  // [meter]: meterWeight, per call
  // How our actor feels about another one, per call (trust and grievance turned into scores).
  struct Attitude {
    double hostile = 0;
    double friendly = 0;
    double grievance = 0;
    double victim = 0;  // 1: the victim of an incident made public
  };
  std::vector<Attitude> m_attitudes;  // [actor], every actor of the scenario
  bool m_reconsider = false;          // round 0 decided something: look at measures again
  bool m_recall = true;               // recall what we proposed from the state (a new game)
  std::size_t m_commitmentsSeen = 0;
  // The commitments m_commitmentsSeen counted: the first m_commitmentsScanned of turn
  // m_commitmentsTurn's deliberation (where commitments are only added, never broken).
  std::size_t m_commitmentsScanned = 0;
  int m_commitmentsTurn = -1;
  // Targets worth scoring, per call: everyone else, the hostile, the not very hostile.
  std::vector<int> m_targetsAll, m_targetsHostile, m_targetsCalm;
  // [objective]: met before the look-ahead, per call (2: not asked, as no candidate changed it).
  std::vector<std::uint8_t> m_objectiveBefore;
  std::vector<int> m_takenNow;             // measures chosen in this call
  Disclose m_jointProbe;                   // discloseJointly's one-partner check, reused
  Propose m_proposeProbe;                  // propose's check of a proposal, reused
  std::vector<int> m_proposeTo;            // and the addressees it gathers
  std::vector<TermAnswer> m_replyAnswers;  // reply's answers to one proposal's terms
  std::vector<int> m_replyAccepted;        // and the terms it accepts
  std::vector<int> m_lastProposed;         // [actor * termCount + term]: turn we last proposed it
  // [actor]: this turn we offered or accepted restraint or a hotline with it, so we do not
  // press it with our measures in the same week (what we say matches what we do).
  std::vector<std::uint8_t> m_calm;
  std::vector<Candidate> m_pursuit;  // per call: candidates of pursued measures outside the kept set
  // boundMeasures' per-seat part, parallel to m_usable, for m_manySelf at rung m_manyRung.
  struct ManyMeasure {
    double dTension = 0;  // the tension the measure moves at that rung (escalation and effects)
    double base = 0, welfare = 0, trustTargetInSelf = 0;
    std::uint8_t list = 0;  // aimed at an actor for no incident: 1 hostile, 2 calm, 3 all; else 0
  };
  std::vector<ManyMeasure> m_many;
  int m_manySelf = -1, m_manyRung = -1;
  std::vector<std::uint8_t> m_neutral;  // [actor], per call with many measures (see chooseMeasuresAs)
};

// The rationales of a playthrough, in the order they were given, keyed by turn and actor:
// `simulate --explain` prints them; the after-action report can list them per turn.
class RationaleLog {
 public:
  struct Entry {
    int turn = 0;
    int actor = -1;
    Command command;
    std::string text;
  };
  // A sink that appends to this log; `turn` is read from the state the agents act on.
  RationaleSink sinkFor(const GameState& state);
  const std::vector<Entry>& entries() const { return m_entries; }
  void add(Entry entry) { m_entries.push_back(std::move(entry)); }
  void append(const RationaleLog& other) {
    m_entries.insert(m_entries.end(), other.m_entries.begin(), other.m_entries.end());
  }
  void clear() { m_entries.clear(); }

 private:
  std::vector<Entry> m_entries;
};

// One agent per actor, all seeded from `seed` (actor i gets a seed derived from (seed, i)).
std::vector<std::unique_ptr<Agent>> makeAgents(const AgentCatalogue& catalogue, int actorCount,
                                               std::uint64_t seed, Difficulty difficulty);
// The same into `agents`: the agents already there are restarted when they fit (same
// catalogue, difficulty and count), otherwise replaced. Plays exactly as the other form.
void makeAgents(const AgentCatalogue& catalogue, int actorCount, std::uint64_t seed, Difficulty difficulty,
                std::vector<std::unique_ptr<Agent>>& agents);

// splitmix64 of (a, b): independent seeds for runs and actors from one seed.
std::uint64_t deriveSeed(std::uint64_t a, std::uint64_t b);

}  // namespace demarche::agents
