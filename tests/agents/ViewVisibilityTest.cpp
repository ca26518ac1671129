// The views hold exactly what docs/rules.md ("Who sees what") allows: seeded AI games of every
// shipped scenario, and at every turn start and in the middle of every deliberation, each
// team's view is compared with an independent, plain statement of the table below; the room
// sees only public events, the facilitator every event; an event's audience never changes
// after it happened.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <set>

#include "AgentFixture.hpp"
#include "agents/Agent.hpp"
#include "core/Session.hpp"
#include "core/View.hpp"
#include "scenario/Loader.hpp"

namespace demarche {
namespace {

namespace fs = std::filesystem;

std::size_t at(int i) { return static_cast<std::size_t>(i); }

bool has(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// ---- the rules, restated as plainly as the table in docs/rules.md ----

bool publicEvent(const ScenarioDef& def, const Event& e) {
  switch (e.kind) {
    case EventKind::InjectFired:
      return def.injects[at(e.a)].kind != InjectKind::Prompt && def.injects[at(e.a)].audience.empty();
    case EventKind::AttributionDisclosed:
    case EventKind::AttributionWithdrawn:  // heard by whoever heard the disclosure
      return e.c == static_cast<int>(Disclosure::Public) || e.c == static_cast<int>(Disclosure::Joint);
    case EventKind::MeasureResolved:  // a covert measure: only its actor sees who took it
      return !def.measures[at(e.a)].covert;
    case EventKind::EvidenceSeen:
    case EventKind::MeasureQueued:
    case EventKind::MeasureFailed:
    case EventKind::InvestigationFound:
    case EventKind::AttributionDecided:
    case EventKind::ProposalMade:
    case EventKind::ProposalReplied:
    case EventKind::ProposalExpired:
      return false;
    default:
      return true;
  }
}

bool teamSees(const ScenarioDef& def, const GameState& s, const Event& e, int team) {
  if (publicEvent(def, e)) return true;
  switch (e.kind) {
    case EventKind::InjectFired:
      return def.injects[at(e.a)].kind != InjectKind::Prompt && has(def.injects[at(e.a)].audience, team);
    case EventKind::AttributionDisclosed:
    case EventKind::AttributionWithdrawn:
      return e.actor == team || e.b == team;  // private: the discloser and the accused
    case EventKind::ProposalMade:
    case EventKind::ProposalReplied:
    case EventKind::ProposalExpired: {
      const Proposal& p = s.proposals[at(e.a)];
      return p.from == team || has(p.to, team);
    }
    default:
      return e.actor == team;
  }
}

using agents::test::shippedScenarios;

// Everything one team's view must hold, and nothing else.
void expectTeamViewExact(const Engine& engine, const GameState& s, int team, const std::string& where) {
  const ScenarioDef& def = engine.def();
  const TeamView v = buildTeamView(engine, s, team);
  SCOPED_TRACE(where + ", team " + def.actors[at(team)].id);
  ASSERT_EQ(v.actor, team);

  // Evidence: exactly the items it has seen.
  std::vector<std::string> seen, shown;
  for (int ev = 0; ev < s.evidenceCount; ++ev)
    if (s.hasSeen(team, ev)) seen.push_back(def.evidence[at(ev)].id);
  for (const EvidenceView& e : v.evidence) shown.push_back(e.id);
  EXPECT_EQ(shown, seen);

  // Timeline: exactly the events the rule lets it see, in order; recap is its tail.
  std::vector<int> expected, got;
  for (std::size_t i = 0; i < s.timeline.size(); ++i)
    if (teamSees(def, s, s.timeline[i], team)) expected.push_back(static_cast<int>(i));
  for (const TimelineEntry& t : v.timeline) got.push_back(t.index);
  EXPECT_EQ(got, expected);
  for (const TimelineEntry& t : v.timeline)
    EXPECT_EQ(t.text, describe(engine, s, s.timeline[at(t.index)], Viewer::team(team)));
  ASSERT_LE(v.recap.size(), v.timeline.size());
  for (std::size_t k = 0; k < v.recap.size(); ++k)
    EXPECT_EQ(v.recap[k].index, v.timeline[v.timeline.size() - v.recap.size() + k].index);
  for (const TimelineEntry& t : v.recap) EXPECT_GE(t.turn, s.turn - 1);

  // The results of its measures: its own resolved and failed measures only.
  std::size_t results = 0;
  for (const Event& e : s.timeline)
    results +=
        (e.kind == EventKind::MeasureResolved || e.kind == EventKind::MeasureFailed) && e.actor == team;
  EXPECT_EQ(v.results.size(), results);

  // News and intelligence: public injects, and those addressed to it; never a prompt.
  std::size_t publicNews = 0, addressed = 0;
  for (const Event& e : s.timeline) {
    if (e.kind != EventKind::InjectFired) continue;
    const InjectDef& inj = def.injects[at(e.a)];
    if (inj.kind == InjectKind::Prompt) continue;
    if (inj.audience.empty())
      ++publicNews;
    else if (has(inj.audience, team))
      ++addressed;
  }
  EXPECT_EQ(v.situation.news.size(), publicNews);
  EXPECT_EQ(v.intelligence.size(), addressed);
  for (const NewsItem& n : v.situation.news) EXPECT_NE(n.kind, "prompt");

  // Proposals: only those it sent or received.
  std::set<int> proposals, shownProposals;
  for (std::size_t id = 0; id < s.proposals.size(); ++id)
    if (s.proposals[id].from == team || has(s.proposals[id].to, team)) proposals.insert(static_cast<int>(id));
  for (const ProposalView& p : v.proposals) shownProposals.insert(p.id);
  EXPECT_EQ(shownProposals, proposals);

  // Queue: only its own measures.
  std::size_t queued = 0;
  for (const QueuedMeasure& q : s.queue) queued += q.actor == team;
  EXPECT_EQ(v.queued.size(), queued);

  // Assessments: one per public incident; decisions are its own.
  std::size_t publicIncidents = 0;
  for (int i = 0; i < s.incidentCount; ++i) publicIncidents += s.incidentRevealed[at(i)] != 0;
  EXPECT_EQ(v.assessments.size(), publicIncidents);
  EXPECT_EQ(v.situation.incidents.size(), publicIncidents);

  // The situation map is public: every actor's meters, and trust between every two actors.
  EXPECT_EQ(v.situation.actors.size(), at(s.actorCount));
  EXPECT_EQ(v.situation.trust.size(), at(s.actorCount * (s.actorCount - 1)));

  // The truth only once it is revealed.
  EXPECT_EQ(v.situation.truth.empty(), !s.truthRevealed);
  EXPECT_EQ(v.capital, s.capital[at(team)]);
}

void expectRoomAndFacilitator(const Engine& engine, const GameState& s, const std::string& where) {
  SCOPED_TRACE(where);
  const RoomView room = buildRoomView(engine, s);
  std::vector<int> expected, got;
  for (std::size_t i = 0; i < s.timeline.size(); ++i)
    if (publicEvent(engine.def(), s.timeline[i])) expected.push_back(static_cast<int>(i));
  for (const TimelineEntry& t : room.timeline) got.push_back(t.index);
  EXPECT_EQ(got, expected);
  EXPECT_EQ(room.situation.truth.empty(), !s.truthRevealed);
  for (std::size_t i = 0; i < s.timeline.size(); ++i) {
    const Event& e = s.timeline[i];
    EXPECT_EQ(describe(engine, s, e, Viewer::room()).empty(), !publicEvent(engine.def(), e));
    EXPECT_FALSE(describe(engine, s, e, Viewer::facilitator()).empty());
    const Audience audience = eventAudience(engine, s, e);
    EXPECT_EQ(audience.everyone, publicEvent(engine.def(), e));
    for (int a = 0; a < s.actorCount; ++a)
      EXPECT_EQ(audience.everyone || has(audience.actors, a), teamSees(engine.def(), s, e, a));
  }
  const FacilitatorView hidden = buildFacilitatorView(engine, s, false);
  EXPECT_EQ(hidden.timeline.size(), s.timeline.size());
  EXPECT_EQ(hidden.teams.size(), at(s.actorCount));
  EXPECT_EQ(hidden.situation.truth.empty(), !s.truthRevealed);
  EXPECT_EQ(buildFacilitatorView(engine, s, true).situation.truth.size(), at(s.incidentCount));
}

// An AI seat that, in its later deliberation rounds (after everyone's first moves), checks its
// team's view of the state it is shown, queue and open proposals included.
class ViewProbe final : public Policy {
 public:
  ViewProbe(std::unique_ptr<agents::Agent> agent, std::string scenario)
      : m_agent(std::move(agent)), m_scenario(std::move(scenario)) {}
  void act(const Engine& engine, const GameState& state, int actor, int round,
           std::vector<Command>& out) override {
    if (round > 0 && !::testing::Test::HasFailure()) {
      expectTeamViewExact(engine, state, actor,
                          m_scenario + " turn " + std::to_string(state.turn) + " deliberation round " +
                              std::to_string(round));
      ++checked;
    }
    m_agent->act(engine, state, actor, round, out);
  }
  int checked = 0;

 private:
  std::unique_ptr<agents::Agent> m_agent;
  std::string m_scenario;
};

TEST(ViewVisibility, EveryTeamSeesExactlyWhatTheTableAllowsInSeededAIGames) {
  const auto scenarios = shippedScenarios();
  ASSERT_FALSE(scenarios.empty());
  int statesChecked = 0, privateEvents = 0, proposalEvents = 0;
  for (const fs::path& file : scenarios) {
    auto loaded = scenario::loadScenario(file);
    ASSERT_TRUE(loaded.ok()) << scenario::formatDiagnostics(loaded);
    const ScenarioDef& def = *loaded.scenario;
    const Engine engine(def);
    const agents::AgentCatalogue catalogue(def);
    for (std::uint64_t seed : {1ULL, 7ULL, 42ULL}) {
      const std::string name = file.stem().string() + " seed " + std::to_string(seed);
      Session session(engine, seed);
      auto agents =
          agents::makeAgents(catalogue, session.state().actorCount, seed, agents::Difficulty::Standard);
      std::vector<std::unique_ptr<ViewProbe>> probes;
      std::vector<Policy*> seats;
      for (auto& agent : agents) {
        probes.push_back(std::make_unique<ViewProbe>(std::move(agent), name));
        seats.push_back(probes.back().get());
      }
      playOut(session, seats);
      for (const auto& p : probes) statesChecked += p->checked;
      for (const Event& e : session.state().timeline) {
        privateEvents += !publicEvent(def, e);
        proposalEvents += e.kind == EventKind::ProposalMade;
      }

      std::vector<const GameState*> states;
      for (const Session::TurnStart& t : session.turnStarts()) states.push_back(&t.snapshot);
      states.push_back(&session.state());
      for (const GameState* s : states) {
        const std::string where =
            name + " turn " + std::to_string(s->turn) + " " + std::string(phaseName(s->phase));
        for (int a = 0; a < s->actorCount; ++a) expectTeamViewExact(engine, *s, a, where);
        expectRoomAndFacilitator(engine, *s, where);
        ++statesChecked;
        if (::testing::Test::HasFailure()) return;
      }

      // An event's audience is fixed when it happens: the same at the end as at every turn start.
      const GameState& end = session.state();
      for (const Session::TurnStart& t : session.turnStarts())
        for (std::size_t i = 0; i < t.snapshot.timeline.size(); ++i)
          ASSERT_EQ(eventAudience(engine, t.snapshot, t.snapshot.timeline[i]),
                    eventAudience(engine, end, end.timeline[i]))
              << name << ": the audience of event " << i << " changed after turn " << t.turn;
    }
  }
  EXPECT_GE(statesChecked, 50);
  // The games exercised the private rows of the table, not only the public ones.
  EXPECT_GT(privateEvents, 0);
  EXPECT_GT(proposalEvents, 0);
}

TEST(ViewVisibility, ATeamNeverLearnsWhatIsPlantedOrWhoOperatedBeforeTheTruthIsOut) {
  for (const fs::path& file : shippedScenarios()) {
    auto loaded = scenario::loadScenario(file);
    ASSERT_TRUE(loaded.ok());
    const Engine engine(*loaded.scenario);
    const GameState s = engine.initialState();
    for (int a = 0; a < s.actorCount; ++a) {
      const TeamView v = buildTeamView(engine, s, a);
      EXPECT_TRUE(v.situation.truth.empty());
    }
    EXPECT_TRUE(buildRoomView(engine, s).situation.truth.empty());
    EXPECT_TRUE(buildFacilitatorView(engine, s, false).situation.truth.empty());
    const FacilitatorView truth = buildFacilitatorView(engine, s, true);
    ASSERT_EQ(truth.situation.truth.size(), loaded.scenario->incidents.size());
    EXPECT_EQ(truth.situation.truth[0].operatorActor,
              engine.actorId(loaded.scenario->incidents[0].truth.operatorActor));
  }
}

}  // namespace
}  // namespace demarche
