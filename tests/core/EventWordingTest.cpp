// Specifications of the timeline's wording: an event reads the same whenever it is rendered.
// A live timeline must never rewrite its past: a sentence says what was true when the event
// happened, not what is true when someone reads it (the facilitator's screen, the brief, the
// debrief at the end).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "SmallScenario.hpp"
#include "TestScenario.hpp"
#include "core/AfterAction.hpp"
#include "core/RandomPolicy.hpp"
#include "core/Session.hpp"

namespace demarche {
namespace {

using S = test::Small;

void submit(Session& session, const Command& command) {
  const auto refusal = session.submit(command);
  ASSERT_FALSE(refusal.has_value()) << refusal->message;
}

void endPhasesUntil(Session& session, Phase phase) {
  for (int i = 0; i < 64 && session.state().phase != phase && session.state().phase != Phase::Ended; ++i)
    submit(session, EndPhase{});
}

const Event* findMeasureFailed(const GameState& s, std::size_t& index) {
  for (std::size_t i = 0; i < s.timeline.size(); ++i) {
    if (s.timeline[i].kind != EventKind::MeasureFailed) continue;
    index = i;
    return &s.timeline[i];
  }
  return nullptr;
}

// The story from a debrief: ukr queued a public attribution naming rus, changed its mind to the
// hacktivists before resolution (so the measure failed), then went back to rus the next turn.
// The debrief then said "decided to attribute grid_attack to rus, not to rus".
TEST(EventWording, AFailedMeasureKeepsTheDecisionThatMadeItFail) {
  const S sc;
  const Engine engine(sc.def);
  Session session(engine);
  endPhasesUntil(session, Phase::Deliberation);
  submit(session, DecideAttribution{S::ukr, sc.grid, S::rus});
  submit(session, TakeMeasure{S::ukr, sc.publicAttr, S::rus, sc.grid});
  submit(session, DecideAttribution{S::ukr, sc.grid, S::hack});
  endPhasesUntil(session, Phase::Consequences);  // resolution: the attribution no longer holds

  std::size_t index = 0;
  const Event* failed = findMeasureFailed(session.state(), index);
  ASSERT_NE(failed, nullptr);
  EXPECT_EQ(failed->reason, ReasonCode::NoDecision);
  const std::string then = engine.describe(session.state(), *failed);
  EXPECT_NE(then.find("decided to attribute grid_attack to hack, not to rus"), std::string::npos) << then;
  const std::string debriefThen = buildAfterAction(session).timeline.at(index).text;
  EXPECT_EQ(debriefThen, then);

  // Next turn ukr goes back to rus, and the exercise plays to its end.
  endPhasesUntil(session, Phase::Deliberation);
  submit(session, DecideAttribution{S::ukr, sc.grid, S::rus});
  endPhasesUntil(session, Phase::Ended);
  ASSERT_EQ(session.state().phase, Phase::Ended);
  ASSERT_EQ(session.state().decision(S::ukr, sc.grid), S::rus);

  const Event& atEnd = session.state().timeline.at(index);
  ASSERT_EQ(atEnd.kind, EventKind::MeasureFailed);
  const std::string now = engine.describe(session.state(), atEnd);
  EXPECT_EQ(now, then);
  EXPECT_EQ(now.find("to rus, not to rus"), std::string::npos) << now;
  EXPECT_EQ(buildAfterAction(session).timeline.at(index).text, then);
}

// A measure that failed for want of confidence names the confidence it had then, not the
// confidence the actor has when the timeline is read (the event as resolution records it).
TEST(EventWording, AFailedMeasureKeepsTheConfidenceItHadThen) {
  const S sc;
  const Engine engine(sc.def);
  Session session(engine);
  endPhasesUntil(session, Phase::Deliberation);
  const TakeMeasure attribution{S::ukr, sc.publicAttr, S::rus, sc.grid};
  Event failed;
  failed.kind = EventKind::MeasureFailed;
  failed.reason = ReasonCode::ConfidenceTooLow;
  failed.actor = attribution.actor;
  failed.a = attribution.measure;
  failed.b = attribution.target;
  failed.c = attribution.incident;
  failed.value = engine.refusalValue(session.state(), attribution, failed.reason);
  const std::string then = engine.describe(session.state(), failed);
  EXPECT_NE(then.find(engine.refusalMessage(session.state(), attribution, failed.reason)), std::string::npos)
      << then;
  // Turn 2 brings the planted claim (pointing at the hacktivists): confidence in rus falls.
  const double before = engine.probability(session.state(), S::ukr, sc.grid, S::rus);
  endPhasesUntil(session, Phase::Ended);
  ASSERT_LT(engine.probability(session.state(), S::ukr, sc.grid, S::rus), before);
  EXPECT_EQ(engine.describe(session.state(), failed), then);
}

// The random policy with second thoughts: it often queues a measure naming someone over an
// incident, and in the answering rounds, after its measures were queued, it sometimes changes
// an attribution it decided but has not disclosed (as in the story above), so that measures
// fail for reasons that change again later.
class SecondThoughts final : public Policy {
 public:
  explicit SecondThoughts(std::uint64_t seed) : m_random(seed, eager()), m_rng(seed ^ 0x5eedu) {}
  void act(const Engine& engine, const GameState& state, int actor, int round,
           std::vector<Command>& out) override {
    m_random.act(engine, state, actor, round, out);
    if (round == 0) {
      // Also queue a measure that names someone over an incident (an attribution, a measure
      // that needs confidence), the kind whose failure has the most to say.
      m_legal.clear();
      engine.legalMeasures(state, actor, m_legal);
      std::erase_if(m_legal, [](const TakeMeasure& m) { return m.target < 0 || m.incident < 0; });
      if (!m_legal.empty() && m_rng.chance(0.7))
        out.emplace_back(
            m_legal[static_cast<std::size_t>(m_rng.uniformInt(static_cast<int>(m_legal.size())))]);
      return;
    }
    for (int i = 0; i < state.incidentCount; ++i) {
      const int decided = state.decision(actor, i);
      if (decided < 0 || state.disclosure(actor, i) != Disclosure::None || !m_rng.chance(0.5)) continue;
      for (int c : engine.def().incidents[static_cast<std::size_t>(i)].candidates) {
        if (c == decided || c == actor) continue;
        out.emplace_back(DecideAttribution{actor, i, c});
        break;
      }
    }
  }

 private:
  // Decides at once and seldom discloses (a disclosed decision can no longer change), and
  // tries hard to find legal measures, so that attribution measures get queued.
  static RandomPolicyOptions eager() {
    RandomPolicyOptions o;
    o.decideChance = 1;
    o.discloseChance = 0.05;
    o.maxMeasures = 3;
    o.sampleAttempts = 64;
    return o;
  }
  RandomPolicy m_random;
  Rng m_rng;
  std::vector<TakeMeasure> m_legal;
};

// A policy with second thoughts on every seat; the policies own their generators.
struct Seats {
  std::vector<SecondThoughts> policies;
  std::vector<Policy*> seats;
  Seats(int actors, std::uint64_t seed) {
    for (int a = 0; a < actors; ++a) policies.emplace_back(seed * 1000 + static_cast<std::uint64_t>(a));
    for (auto& p : policies) seats.push_back(&p);
  }
};

// Plays a seeded random game, then replays its log command by command: every event is rendered
// when it appears and again after every later command and at the end (also in the debrief);
// its text must never change. Counts the measures that failed, by reason, in `failures` (their
// reasons are the sentences most likely to read the state).
void expectEventsKeepTheirWording(const ScenarioDef& def, std::uint64_t seed,
                                  std::map<ReasonCode, int>& failures) {
  const Engine engine(def);
  Session played(engine, seed);
  Seats seats(static_cast<int>(def.actors.size()), seed);
  playOut(played, seats.seats);
  ASSERT_EQ(played.state().phase, Phase::Ended);

  Session replay(engine, seed);
  std::vector<std::string> firstText;  // [event index]: its text right after it happened
  const auto check = [&](std::size_t command) {
    const GameState& s = replay.state();
    for (std::size_t i = 0; i < s.timeline.size(); ++i) {
      const std::string text = engine.describe(s, s.timeline[i]);
      if (i == firstText.size()) {
        firstText.push_back(text);
        continue;
      }
      ASSERT_EQ(text, firstText[i]) << "event " << i << " (turn " << s.timeline[i].turn
                                    << ") reworded after command " << command << " of seed " << seed;
    }
  };
  check(0);
  for (std::size_t c = 0; c < played.commands().size(); ++c) {
    ASSERT_FALSE(replay.submit(played.commands()[c]).has_value());
    check(c + 1);
    if (::testing::Test::HasFatalFailure()) return;
  }
  ASSERT_EQ(replay.hash(), played.hash());
  const AfterAction aa = buildAfterAction(replay);
  ASSERT_EQ(aa.timeline.size(), firstText.size());
  for (std::size_t i = 0; i < firstText.size(); ++i)
    EXPECT_EQ(aa.timeline[i].text, firstText[i]) << "debrief entry " << i << " of seed " << seed;
  for (const Event& e : replay.state().timeline)
    if (e.kind == EventKind::MeasureFailed) ++failures[e.reason];
}

TEST(EventWording, EveryEventOfARandomGameReadsTheSameAtTheEnd) {
  std::map<ReasonCode, int> failures;
  const ScenarioDef generated = test::generatedScenario(8, 40);
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    expectEventsKeepTheirWording(generated, seed, failures);
    if (HasFatalFailure()) return;
  }
  const S sc;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    expectEventsKeepTheirWording(sc.def, seed, failures);
    if (HasFatalFailure()) return;
  }
  // The games include the failures whose reasons name what changes: a decision, a confidence.
  EXPECT_GT(failures[ReasonCode::NoDecision], 0);
  EXPECT_GT(failures[ReasonCode::ConfidenceTooLow], 0);
}

// The timeline is read by people (the projector, the debrief): it names actors as the scenario
// names them, in the table's language, and falls back to the id of an actor with no name.
TEST(EventWording, TimelineSentencesNameActorsByTheirNamesInTheTablesLanguage) {
  S sc;
  sc.def.actors[static_cast<std::size_t>(S::ukr)].name.byLanguage = {{"en", "Ukraine"}, {"uk", "Україна"}};
  sc.def.actors[static_cast<std::size_t>(S::rus)].name.byLanguage = {{"en", "Russia"}, {"uk", "Росія"}};
  sc.def.actors[static_cast<std::size_t>(S::hack)].name.byLanguage.clear();
  const Engine engine(sc.def);
  Session session(engine);
  endPhasesUntil(session, Phase::Deliberation);
  submit(session, DecideAttribution{S::ukr, sc.grid, S::rus});
  submit(session, DecideAttribution{S::pol, sc.grid, S::hack});
  const auto& timeline = session.state().timeline;
  ASSERT_GE(timeline.size(), 2U);
  const Event& ukrDecides = timeline[timeline.size() - 2];
  const Event& polDecides = timeline.back();
  ASSERT_EQ(ukrDecides.kind, EventKind::AttributionDecided);

  const std::string en = engine.describe(session.state(), ukrDecides, "en");
  EXPECT_EQ(en.rfind("Ukraine decides that Russia is behind ", 0), 0U) << en;
  const std::string uk = engine.describe(session.state(), ukrDecides, "uk");
  EXPECT_NE(uk.find("Україна"), std::string::npos) << uk;
  EXPECT_NE(uk.find("Росія"), std::string::npos) << uk;
  const std::string unnamed = engine.describe(session.state(), polDecides, "en");
  EXPECT_NE(unnamed.find(sc.def.actors[static_cast<std::size_t>(S::hack)].id), std::string::npos) << unnamed;
  // The commands and the JSON keep the ids: the engine still tells them apart.
  EXPECT_EQ(engine.actorId(S::ukr), sc.def.actors[static_cast<std::size_t>(S::ukr)].id);
  EXPECT_EQ(engine.actorName(S::ukr, "uk"), "Україна");
}

}  // namespace
}  // namespace demarche
