// AI that acts like a foreign ministry (docs/agents.md): doctrine rules instruments out, allies
// do not send the same proposal twice, what an agent says matches what it does in the same
// week, it remembers who broke its word, and it takes the legal step that achieves an
// objective. Each rule is checked where it applies, and over seeded AI games of every shipped
// scenario where it must always hold.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <tuple>

#include "AgentFixture.hpp"
#include "agents/Agent.hpp"
#include "agents/Observation.hpp"
#include "core/Session.hpp"
#include "scenario/Loader.hpp"

namespace demarche::agents::test {
namespace {

namespace fs = std::filesystem;

std::size_t at(int i) { return static_cast<std::size_t>(i); }

ScenarioDef load(const fs::path& file) {
  auto loaded = scenario::loadScenario(file);
  if (!loaded.ok()) throw std::runtime_error(scenario::formatDiagnostics(loaded));
  return *loaded.scenario;
}

// Every command of a played session with the turn it was given in.
struct TurnCommand {
  int turn = 0;
  const Command* command = nullptr;
};
std::vector<TurnCommand> commandsByTurn(const Session& session) {
  std::vector<TurnCommand> out;
  const auto& starts = session.turnStarts();
  for (std::size_t c = 0; c < session.commands().size(); ++c) {
    int turn = 0;
    for (const auto& t : starts)
      if (t.firstCommand <= c) turn = t.turn;
    out.push_back({turn, &session.commands()[c]});
  }
  return out;
}

// How often each actor took each measure in `seeds` standard AI games.
std::map<std::pair<int, int>, int> measuresTaken(const ScenarioDef& def, int seeds) {
  const Engine engine(def);
  const AgentCatalogue catalogue(def);
  std::map<std::pair<int, int>, int> taken;
  for (int seed = 1; seed <= seeds; ++seed) {
    const Session session = playSeededAiGame(engine, catalogue, static_cast<std::uint64_t>(seed));
    for (const Command& c : session.commands())
      if (const auto* m = std::get_if<TakeMeasure>(&c)) ++taken[{m->actor, m->measure}];
  }
  return taken;
}

int timesTaken(const std::map<std::pair<int, int>, int>& taken, int actor, int measure) {
  const auto it = taken.find({actor, measure});
  return it == taken.end() ? 0 : it->second;
}

// Plays 12 seeded standard AI games of every shipped scenario and shows each to `check`.
template <class F>
void forEachSeededGame(F check) {
  for (const fs::path& file : shippedScenarios()) {
    const ScenarioDef def = load(file);
    const Engine engine(def);
    const AgentCatalogue catalogue(def);
    for (std::uint64_t seed = 1; seed <= 12; ++seed)
      check(file, def, seed, playSeededAiGame(engine, catalogue, seed));
  }
}

// [SECTION] Doctrine rules instruments out

TEST(ForeignMinistry, ANormCommittedStateNeverTakesADeceptiveMeasureInSeededGamesOfEveryScenario) {
  int deceptiveTaken = 0;
  forEachSeededGame(
      [&](const fs::path& file, const ScenarioDef& def, std::uint64_t seed, const Session& session) {
        for (const Command& c : session.commands()) {
          const auto* m = std::get_if<TakeMeasure>(&c);
          if (!m || !def.measures[at(m->measure)].deceptive) continue;
          ++deceptiveTaken;
          const ActorDef& a = def.actors[at(m->actor)];
          const bool permitted = std::find(a.permits.begin(), a.permits.end(), m->measure) != a.permits.end();
          EXPECT_TRUE(a.doctrine.normCommitment < kDeceptionRestraint || permitted)
              << file.stem() << " seed " << seed << ": " << a.id << " (norm commitment "
              << a.doctrine.normCommitment << ") took " << def.measures[at(m->measure)].id;
        }
      });
  // The rule binds the committed, not everyone: adversaries still run their campaigns.
  EXPECT_GT(deceptiveTaken, 0);
}

// The actor that uses a deceptive measure most in Winter Grid: made norm-committed it stops;
// with the measure in `permits` it uses it again; `rules_out` stops any measure.
TEST(ForeignMinistry, DoctrineRulesOutAndPermitsWhatTheAiMayTake) {
  ScenarioDef def = winterGrid();
  const auto taken = measuresTaken(def, 15);
  int actorId = -1, measureId = -1, most = 0;
  for (const auto& [key, count] : taken)
    if (def.measures[at(key.second)].deceptive && count > most)
      actorId = key.first, measureId = key.second, most = count;
  ASSERT_GE(actorId, 0) << "nobody took a deceptive measure in Winter Grid";
  ASSERT_LT(def.actors[at(actorId)].doctrine.normCommitment, kDeceptionRestraint);

  ScenarioDef committed = def;
  committed.actors[at(actorId)].doctrine.normCommitment = 0.8;
  EXPECT_EQ(timesTaken(measuresTaken(committed, 15), actorId, measureId), 0)
      << def.actors[at(actorId)].id << " still takes " << def.measures[at(measureId)].id;

  ScenarioDef permitted = committed;
  permitted.actors[at(actorId)].permits.push_back(measureId);
  EXPECT_GT(timesTaken(measuresTaken(permitted, 15), actorId, measureId), 0);

  // rules_out: the most used measure of a state is never taken once its doctrine rules it out.
  const int deu = actor(def, "deu");
  int favourite = -1;
  most = 0;
  for (const auto& [key, count] : taken)
    if (key.first == deu && count > most) favourite = key.second, most = count;
  ASSERT_GE(favourite, 0);
  ScenarioDef ruled = def;
  ruled.actors[at(deu)].rulesOut.push_back(favourite);
  EXPECT_EQ(timesTaken(measuresTaken(ruled, 15), deu, favourite), 0);
}

TEST(ForeignMinistry, TheLoaderReadsRulesOutAndPermitsAndRefusesAMeasureInBoth) {
  const std::string base = R"(format: 1
id: doctrine-lists
title: {en: Doctrine lists}
turns: 2
meters: [economy]
actors:
  - id: a
    name: {en: A}
    kind: state
    doctrine: {norm_commitment: 0.9, rules_out: [ping], permits: [%PERMITS%]}
  - id: b
    name: {en: B}
    kind: state
measures:
  - id: ping
    name: {en: Ping}
    category: cooperative
    target: actor
    effects: ["trust(self, target) += 1"]
  - id: rumour
    name: {en: Rumour}
    category: hostile
    target: actor
    deceptive: true
    effects: ["meter(target, economy) -= 1"]
escalation: {rungs: [{id: r0, name: R0, threshold: 0}]}
endings: [{id: e, title: E, kind: stalemate, at_last_turn: true}]
)";
  auto with = [&](const std::string& permits) {
    std::string text = base;
    text.replace(text.find("%PERMITS%"), 9, permits);
    return scenario::loadScenarioFromString(text, "doctrine.yaml");
  };
  const auto good = with("rumour");
  ASSERT_TRUE(good.ok()) << scenario::formatDiagnostics(good);
  const ScenarioDef& d = *good.scenario;
  EXPECT_EQ(d.actors[0].rulesOut, std::vector<int>{0});
  EXPECT_EQ(d.actors[0].permits, std::vector<int>{1});
  EXPECT_TRUE(d.measures[1].deceptive);
  EXPECT_FALSE(d.measures[0].deceptive);

  const auto both = with("ping");
  ASSERT_FALSE(both.ok());
  const std::string text = scenario::formatDiagnostics(both);
  EXPECT_NE(text.find("E412"), std::string::npos) << text;
  EXPECT_NE(text.find("doctrine.yaml:10:"), std::string::npos) << text;

  const auto unknown = with("rumor");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(scenario::formatDiagnostics(unknown).find("rumour"), std::string::npos)
      << "the diagnostic suggests the measure meant";
}

// [SECTION] Negotiation: no duplicate proposals; words match deeds

// Over seeded games of every scenario: nobody is asked twice in one week, by allies who can see
// each other's proposal, to join the same joint attribution or coordinated sanctions; and an
// actor asked to join one does not send its own.
TEST(ForeignMinistry, AlliesDoNotSendTheSameCoalitionProposalTwice) {
  int coalitionProposals = 0;
  forEachSeededGame([&](const fs::path& file, const ScenarioDef& def, std::uint64_t seed,
                        const Session& session) {
    const GameState& s = session.state();
    for (std::size_t id = 0; id < s.proposals.size(); ++id) {
      const Proposal& p = s.proposals[id];
      if (p.counterOf >= 0) continue;
      for (int term : p.terms) {
        const TermKind kind = def.terms[at(term)].kind;
        if (kind != TermKind::JointAttribution && kind != TermKind::CoordinatedSanctions) continue;
        ++coalitionProposals;
        // An agent's joint attribution says whom it names.
        if (kind == TermKind::JointAttribution) {
          EXPECT_GE(p.naming, 0) << file.stem() << " seed " << seed << ": " << def.actors[at(p.from)].id
                                 << "'s joint attribution names no one";
        }
        // An earlier proposal of the same week on the same incident and term that this
        // proposer was party to: it was asked already, or it asked the same people.
        for (std::size_t e = 0; e < id; ++e) {
          const Proposal& q = s.proposals[e];
          if (q.turn != p.turn || q.incident != p.incident || q.counterOf >= 0 ||
              std::find(q.terms.begin(), q.terms.end(), term) == q.terms.end())
            continue;
          // Not the same proposal: a joint attribution of another suspect.
          if (kind == TermKind::JointAttribution && q.naming >= 0 && p.naming >= 0 && q.naming != p.naming)
            continue;
          const bool wasAsked = std::find(q.to.begin(), q.to.end(), p.from) != q.to.end();
          EXPECT_FALSE(wasAsked) << file.stem() << " seed " << seed << " week " << p.turn << ": "
                                 << def.actors[at(p.from)].id << " was asked to join by "
                                 << def.actors[at(q.from)].id << " and sent its own "
                                 << def.terms[at(term)].id;
          if (q.from == p.from) continue;
          for (int a : p.to) {
            const bool twice = std::find(q.to.begin(), q.to.end(), a) != q.to.end() || q.from == a;
            EXPECT_FALSE(twice && wasAsked)
                << file.stem() << " seed " << seed << ": " << def.actors[at(a)].id << " asked twice";
          }
        }
      }
    }
  });
  EXPECT_GT(coalitionProposals, 10);
}

// A coalition is proposed only to those the term admits: with a company trusted as much as an
// ally, the joint-attribution proposal goes to the ally (before, the company made the whole
// proposal refused, and no state proposed a joint attribution at all).
TEST(ForeignMinistry, ACoalitionProposalGoesOnlyToThoseTheTermAdmits) {
  ScenarioDef def = load(fs::path(DEMARCHE_SOURCE_DIR) / "scenarios" / "supply-chain.yaml");
  const auto actor = [&](const std::string& id) {
    for (std::size_t a = 0; a < def.actors.size(); ++a)
      if (def.actors[a].id == id) return static_cast<int>(a);
    ADD_FAILURE() << "no actor " << id;
    return -1;
  };
  const int firm = actor("halyard");
  ASSERT_EQ(def.actors[at(firm)].kind, ActorKind::Company);
  int raised = 0;
  for (RelationDef& r : def.relations)
    if ((r.a == firm || r.b == firm) &&
        (r.a == actor("usa") || r.b == actor("usa") || r.a == actor("gbr") || r.b == actor("gbr"))) {
      r.trust = 40;  // as trusted as the allies are
      ++raised;
    }
  ASSERT_EQ(raised, 2);
  const Engine engine(def);
  const AgentCatalogue catalogue(def);
  int jointProposals = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const Session session = playSeededAiGame(engine, catalogue, seed);
    for (const Proposal& p : session.state().proposals)
      for (int term : p.terms) {
        const TermDef& t = def.terms[at(term)];
        if (t.kind != TermKind::JointAttribution) continue;
        ++jointProposals;
        for (int a : p.to)
          EXPECT_TRUE(t.parties.empty() || std::find(t.parties.begin(), t.parties.end(),
                                                     def.actors[at(a)].kind) != t.parties.end())
              << "seed " << seed << ": " << def.actors[at(p.from)].id << " asked " << def.actors[at(a)].id;
      }
  }
  EXPECT_GT(jointProposals, 0);
}

// A pressing measure: restrictive, a lawful response, hostile or escalatory.
bool presses(const ScenarioDef& def, int measure) {
  const MeasureDef& md = def.measures[at(measure)];
  return md.category == MeasureCategory::Restrictive || md.category == MeasureCategory::LawfulResponse ||
         md.category == MeasureCategory::Hostile || md.escalation == EscalationTag::Escalatory;
}

// Over seeded games of every scenario, per actor and week: no restraint pledge or hotline
// offered to or accepted from an actor its measures press that week, and no holding out on
// coordinated sanctions against an actor it sanctions itself that week.
TEST(ForeignMinistry, NoReplyOrProposalContradictsTheMeasuresQueuedThatWeek) {
  int calmingWords = 0;
  forEachSeededGame([&](const fs::path& file, const ScenarioDef& def, std::uint64_t seed,
                        const Session& session) {
    const GameState& s = session.state();
    // (turn, actor, target) of pressing measures, and of restrictive ones by incident's accused.
    std::set<std::tuple<int, int, int>> pressing, restrictive;
    for (const TurnCommand& tc : commandsByTurn(session))
      if (const auto* m = std::get_if<TakeMeasure>(tc.command); m && m->target >= 0) {
        if (presses(def, m->measure)) pressing.insert({tc.turn, m->actor, m->target});
        if (def.measures[at(m->measure)].category == MeasureCategory::Restrictive)
          restrictive.insert({tc.turn, m->actor, m->target});
      }
    for (const TurnCommand& tc : commandsByTurn(session)) {
      const std::string where =
          file.stem().string() + " seed " + std::to_string(seed) + " week " + std::to_string(tc.turn) + ": ";
      auto calming = [&](const std::vector<int>& terms) {
        for (int t : terms)
          if (def.terms[at(t)].kind == TermKind::RestraintPledge ||
              def.terms[at(t)].kind == TermKind::Hotline)
            return true;
        return false;
      };
      if (const auto* p = std::get_if<Propose>(tc.command); p && calming(p->terms)) {
        for (int to : p->to) {
          ++calmingWords;
          EXPECT_FALSE(pressing.contains({tc.turn, p->from, to}))
              << where << def.actors[at(p->from)].id << " offers calm to " << def.actors[at(to)].id
              << " and presses it the same week";
        }
      }
      if (const auto* r = std::get_if<Reply>(tc.command)) {
        const Proposal& q = s.proposals[at(r->proposal)];
        if (r->kind == ReplyKind::Accept && calming(q.terms)) {
          ++calmingWords;
          EXPECT_FALSE(pressing.contains({tc.turn, r->actor, q.from}))
              << where << def.actors[at(r->actor)].id << " accepts calm from " << def.actors[at(q.from)].id
              << " and presses it the same week";
        }
        bool sanctionsTerm = false;
        for (int t : q.terms)
          sanctionsTerm = sanctionsTerm || def.terms[at(t)].kind == TermKind::CoordinatedSanctions;
        if (r->kind == ReplyKind::Reject && sanctionsTerm && q.incident >= 0) {
          for (int accused = 0; accused < s.actorCount; ++accused)
            if (r->reason.find("holds out") != std::string::npos &&
                restrictive.contains({tc.turn, r->actor, accused}) &&
                s.decision(q.from, q.incident) == accused)
              ADD_FAILURE() << where << def.actors[at(r->actor)].id << " holds out on sanctions against "
                            << def.actors[at(accused)].id << " while sanctioning it";
        }
      }
    }
  });
  EXPECT_GT(calmingWords, 0);
}

// [SECTION] Memory

// Winter Grid, week 3: Russia broke a restraint pledge it had with Germany. Russia then offers
// Germany information sharing and a hotline while the crisis is still three rungs from armed
// conflict: Germany refuses, and says why.
TEST(ForeignMinistry, AnAgentRefusesNewAgreementsFromOneThatBrokeItsWord) {
  const ScenarioDef& def = winterGrid();
  const Engine engine(def);
  const AgentCatalogue cat(def);
  const int deu = actor(def, "deu"), rus = actor(def, "rus");
  const int hotline = term(def, "crisis_hotline");
  GameState s = engine.initialState(1);
  deliberationOfTurn(engine, s, 3);
  auto proposeHotline = [&](GameState& st) {
    const auto refusal = engine.check(st, Propose{rus, {deu}, {hotline}, -1, {}});
    ASSERT_FALSE(refusal) << refusal->message;
    engine.apply(st, Propose{rus, {deu}, {hotline}, -1, {}});
  };
  GameState trusting = s;
  proposeHotline(trusting);
  const Choice before = choose(engine, cat, trusting, deu, 1);
  const auto* accept = before.commands.empty() ? nullptr : std::get_if<Reply>(&before.commands.front());
  ASSERT_NE(accept, nullptr);
  ASSERT_EQ(accept->kind, ReplyKind::Accept)
      << "Germany accepts a hotline from Russia when nothing was broken";

  GameState betrayed = s;
  Commitment broken;
  broken.a = deu;
  broken.b = rus;
  broken.term = term(def, "restraint_pledge");
  broken.turn = 1;
  broken.broken = true;
  broken.breaker = rus;
  betrayed.commitments.push_back(broken);
  proposeHotline(betrayed);
  const Choice after = choose(engine, cat, betrayed, deu, 1);
  ASSERT_FALSE(after.commands.empty());
  const auto* reply = std::get_if<Reply>(&after.commands.front());
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(reply->kind, ReplyKind::Reject);
  EXPECT_NE(reply->reason.find("broke an agreement with us"), std::string::npos) << reply->reason;
}

// Winter Grid in week 3's deliberation, for the joint-attribution rules below.
struct GridWeek3 {
  const ScenarioDef& def = winterGrid();
  const Engine engine{def};
  const AgentCatalogue cat{def};
  const int ukr = actor(def, "ukr"), deu = actor(def, "deu"), pol = actor(def, "pol"),
            rus = actor(def, "rus");
  const int hack = actor(def, "hacktivists"), grid = incident(def, "grid_attack");
  const int joint = term(def, "joint_attribution_pact");
  GameState s = engine.initialState(1);
  GridWeek3() { deliberationOfTurn(engine, s, 3); }
};

// Words match plans: a joint attribution says whom it names, and an agent whose assessment
// points elsewhere does not put its name to it. Germany, sure it was Russia, is asked by Ukraine
// to attribute the grid attack jointly to the hacktivists: it rejects, naming the hacktivists and
// its own suspect (before, it "joined the joint attribution … to Russia", answering a proposal
// that meant someone else). Asked to name Russia, it joins, naming Russia.
TEST(ForeignMinistry, AnAgentDoesNotJoinAnAttributionOfSomeoneElse) {
  GridWeek3 w;
  // References, not a structured binding: clang 14 cannot capture a binding in a lambda.
  const Engine& engine = w.engine;
  const AgentCatalogue& cat = w.cat;
  const int deu = w.deu, ukr = w.ukr, rus = w.rus, hack = w.hack, grid = w.grid, joint = w.joint;
  GameState& s = w.s;
  setBelief(engine, s, deu, grid, rus, 0.8);
  const auto replyTo = [&](int naming) {
    GameState asked = s;
    const Propose p{ukr, {deu}, {joint}, grid, {}, naming};
    const auto refusal = engine.check(asked, p);
    EXPECT_FALSE(refusal) << refusal->message;
    engine.apply(asked, p);
    const std::vector<Reply> replies = repliesOf(choose(engine, cat, asked, deu, 1));
    EXPECT_EQ(replies.size(), 1u);
    return replies.empty() ? Reply{} : replies.front();
  };
  const Reply other = replyTo(hack);
  EXPECT_NE(other.kind, ReplyKind::Accept);
  EXPECT_NE(other.reason.find("does not point to \"Cyber Winter\" hacktivist front but to Russia"),
            std::string::npos)
      << other.reason;
  EXPECT_EQ(other.reason.find("joins"), std::string::npos) << other.reason;
  const Reply same = replyTo(rus);
  EXPECT_EQ(same.kind, ReplyKind::Accept);
  EXPECT_NE(same.reason.find("joins the joint attribution of Blackout in western Ukraine to Russia"),
            std::string::npos)
      << same.reason;
  // Having decided, it rejects the other suspect even when its belief has wavered.
  engine.apply(s, DecideAttribution{deu, grid, rus});
  setBelief(engine, s, deu, grid, rus, 0.4);
  EXPECT_NE(replyTo(hack).kind, ReplyKind::Accept);
}

// A correction (rules §3.5, docs/agents.md): Germany named the hacktivists publicly in week 3;
// when its own evidence makes them very unlikely and Russia likely, it withdraws the attribution
// (and says why) and decides anew on Russia, in that order, and the engine accepts both. While
// its evidence only doubts the hacktivists (30 %), it stands by what it said.
TEST(ForeignMinistry, AStateWithdrawsAnAttributionItsEvidenceNowContradictsAndDecidesAnew) {
  GridWeek3 w;
  const Engine& engine = w.engine;
  const int deu = w.deu, rus = w.rus, hack = w.hack, grid = w.grid;
  GameState& s = w.s;
  setBelief(engine, s, deu, grid, hack, 0.9);
  engine.apply(s, DecideAttribution{deu, grid, hack});
  const Disclose statement{deu, grid, Disclosure::Public, {}};
  const auto refused = engine.check(s, statement);
  ASSERT_FALSE(refused) << refused->message;
  engine.apply(s, statement);
  const auto withdrawals = [&](const Choice& c) {
    return std::count_if(c.commands.begin(), c.commands.end(),
                         [](const Command& cmd) { return std::holds_alternative<Withdraw>(cmd); });
  };
  // Doubt is not contradiction: rus 0.6, the hacktivists 0.3, the gang 0.1.
  setBeliefs(engine, s, deu, grid, [&](int c) { return c == rus ? 0.6 : c == hack ? 0.3 : 0.1; });
  EXPECT_EQ(withdrawals(choose(engine, w.cat, s, deu, 0)), 0);
  // Contradiction: Russia 0.85, the hacktivists 0.075.
  setBelief(engine, s, deu, grid, rus, 0.85);
  const Choice c = choose(engine, w.cat, s, deu, 0);
  ASSERT_EQ(withdrawals(c), 1);
  const auto withdraw = std::find(c.commands.begin(), c.commands.end(), Command{Withdraw{deu, grid}});
  const auto decide =
      std::find(c.commands.begin(), c.commands.end(), Command{DecideAttribution{deu, grid, rus}});
  ASSERT_NE(withdraw, c.commands.end());
  ASSERT_NE(decide, c.commands.end());
  EXPECT_LT(withdraw, decide);
  EXPECT_TRUE(std::any_of(c.rationales.begin(), c.rationales.end(), [](const std::string& r) {
    return r.find(
               "withdraws its attribution of Blackout in western Ukraine to \"Cyber Winter\" hacktivist "
               "front: our evidence now makes it 'very unlikely'") != std::string::npos;
  }));
  const auto& meters = engine.def().meterNames;
  const int cred = static_cast<int>(std::find(meters.begin(), meters.end(), "credibility") - meters.begin());
  ASSERT_LT(at(cred), meters.size());
  const double credibility = s.meter(deu, cred);
  for (const Command& cmd : c.commands) {
    const auto refusal = engine.check(s, cmd);
    ASSERT_FALSE(refusal) << refusal->message;
    engine.apply(s, cmd);
  }
  EXPECT_EQ(s.disclosure(deu, grid), Disclosure::None);
  EXPECT_EQ(s.decision(deu, grid), rus);
  EXPECT_LT(s.meter(deu, cred), credibility);
}

// A bloc's statement was made by consensus (rules §4.3): the EU, whose evidence now contradicts
// its public naming of the hacktivists, does not take it back while Germany, a member, still
// names them in public; once no member does, it withdraws and decides anew.
TEST(ForeignMinistry, ABlocTakesBackAStatementOnlyOnceNoMemberStillMakesIt) {
  GridWeek3 w;
  const Engine& engine = w.engine;
  const int eu = actor(w.def, "eu"), deu = w.deu, pol = w.pol, rus = w.rus, hack = w.hack, grid = w.grid;
  GameState& s = w.s;
  const auto entry = [&](int a) { return at(a * s.incidentCount + grid); };
  for (const int a : {eu, deu, pol}) {  // all three named the hacktivists in public
    s.decided[entry(a)] = hack;
    s.disclosed[entry(a)] = Disclosure::Public;
  }
  setBelief(engine, s, eu, grid, rus, 0.85);
  const auto withdraws = [&] {
    const Choice c = choose(engine, w.cat, s, eu, 0);
    return std::find(c.commands.begin(), c.commands.end(), Command{Withdraw{eu, grid}}) != c.commands.end();
  };
  EXPECT_FALSE(withdraws());
  s.disclosed[entry(pol)] = Disclosure::None;  // Poland took its statement back; Germany stands
  EXPECT_FALSE(withdraws());
  s.disclosed[entry(deu)] = Disclosure::None;
  s.decided[entry(deu)] = rus;
  EXPECT_TRUE(withdraws());
}

// A criminal gang or a hacktivist front has no attribution to make: the Frostbyte gang, 90 % sure
// that Russia is behind the grid attack (where a state would decide, disclose and investigate),
// makes no decision and no disclosure; the grid company, a company, still decides (it publishes
// what its analysts find). Before, the debrief marked the gang's private verdict right or wrong.
TEST(ForeignMinistry, ANonStateGroupMakesNoAttributionOfItsOwn) {
  GridWeek3 w;
  const Engine& engine = w.engine;
  const int gang = actor(w.def, "crime_gang"), company = actor(w.def, "oblenergo");
  GameState& s = w.s;
  ASSERT_EQ(w.def.actors[at(gang)].kind, ActorKind::NonState);
  ASSERT_EQ(w.def.actors[at(company)].kind, ActorKind::Company);
  const auto attributes = [&](int a) {
    setBelief(engine, s, a, w.grid, w.rus, 0.9);
    const Choice c = choose(engine, w.cat, s, a, 0);
    return std::any_of(c.commands.begin(), c.commands.end(), [](const Command& cmd) {
      return std::holds_alternative<DecideAttribution>(cmd) || std::holds_alternative<Disclose>(cmd);
    });
  };
  EXPECT_FALSE(attributes(gang));
  EXPECT_TRUE(attributes(company));
}

// An agent that proposes a joint attribution names its own suspect, and counts only an agreement
// naming that suspect as a partner for its own joint statement.
TEST(ForeignMinistry, AnAgentProposesAJointAttributionOfItsOwnSuspectAndCountsOnlyPartnersWhoAgreedToIt) {
  GridWeek3 w;
  const Engine& engine = w.engine;
  const AgentCatalogue& cat = w.cat;
  const int ukr = w.ukr, pol = w.pol, rus = w.rus, hack = w.hack, grid = w.grid;
  GameState& s = w.s;
  setBelief(engine, s, ukr, grid, rus, 0.9);
  engine.apply(s, DecideAttribution{ukr, grid, rus});
  int proposals = 0;
  for (const Command& c : choose(engine, cat, s, ukr, 0).commands)
    if (const auto* p = std::get_if<Propose>(&c); p && p->terms == std::vector<int>{w.joint}) {
      ++proposals;
      EXPECT_EQ(p->naming, rus);
    }
  EXPECT_EQ(proposals, 1);
  // Poland agreed with Ukraine to name the hacktivists and decided on Russia: no joint statement.
  Commitment other;
  other.a = ukr;
  other.b = pol;
  other.term = w.joint;
  other.incident = grid;
  other.turn = 3;
  other.naming = hack;
  s.commitments.push_back(other);
  setBelief(engine, s, pol, grid, rus, 0.9);
  engine.apply(s, DecideAttribution{pol, grid, rus});
  for (const Command& c : choose(engine, cat, s, ukr, 0).commands)
    if (const auto* d = std::get_if<Disclose>(&c)) {
      EXPECT_NE(d->kind, Disclosure::Joint) << "ukr counted an agreement to name the hacktivists";
    }
  s.commitments.back().naming = rus;
  bool joint = false;
  for (const Command& c : choose(engine, cat, s, ukr, 0).commands)
    if (const auto* d = std::get_if<Disclose>(&c)) joint = joint || d->kind == Disclosure::Joint;
  EXPECT_TRUE(joint) << "with an agreement naming Russia, Ukraine and Poland name Russia together";
}

// [SECTION] Objectives

// Germany in Winter Grid gets an objective that counts one legal step, a step that scores
// below the best few of its options; with the objective it takes that step, and its rationale
// names the objective.
TEST(ForeignMinistry, AnAgentTakesTheLegalStepThatAchievesItsObjective) {
  const ScenarioDef& base = winterGrid();
  const int deu = actor(base, "deu");
  const Engine plainEngine(base);
  const AgentCatalogue plainCat(base);
  GameState s = plainEngine.initialState(1);
  deliberationOfTurn(plainEngine, s, 2);
  // A legal measure Germany does not choose on its own: the last of its legal options.
  const Choice plain = choose(plainEngine, plainCat, s, deu, 0, 1, Difficulty::Standard);
  std::set<int> chosen;
  for (const TakeMeasure& m : measuresOf(plain)) chosen.insert(m.measure);
  int step = -1;
  for (int m = static_cast<int>(base.measures.size()); m-- > 0;) {
    const MeasureDef& md = base.measures[at(m)];
    if (chosen.contains(m) || md.attribution != AttributionAct::None || md.cost > 2) continue;
    if (md.target != TargetKind::None && md.target != TargetKind::Actor) continue;
    bool legal = false;
    for (int t = md.target == TargetKind::None ? -1 : 0;
         t < (md.target == TargetKind::None ? 0 : s.actorCount) && !legal; ++t)
      legal = !plainEngine.check(s, TakeMeasure{deu, m, t, -1});
    if (legal && md.category == MeasureCategory::Preventive) {
      step = m;
      break;
    }
  }
  ASSERT_GE(step, 0);

  // The same scenario with one more objective for Germany, as an author would write it.
  const fs::path file = fs::path(DEMARCHE_SOURCE_DIR) / "scenarios" / "winter-grid.yaml";
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string stepId = base.measures[at(step)].id;
  const std::size_t objectives = text.find("\nobjectives:\n");
  ASSERT_NE(objectives, std::string::npos);
  text.insert(objectives + 13, "  - id: obj_deu_step\n    actor: deu\n    description: {en: Take " + stepId +
                                   "}\n    condition: \"used(deu, " + stepId + ") > 0\"\n    score: 25\n");
  auto loaded = scenario::loadScenarioFromString(text, file);
  ASSERT_TRUE(loaded.ok()) << scenario::formatDiagnostics(loaded);
  const ScenarioDef& def = *loaded.scenario;
  const Engine engine(def);
  const AgentCatalogue cat(def);
  GameState withObjective = engine.initialState(1);
  deliberationOfTurn(engine, withObjective, 2);
  const Choice pursued = choose(engine, cat, withObjective, deu, 0, 1, Difficulty::Standard);
  bool took = false;
  for (const TakeMeasure& m : measuresOf(pursued)) took = took || m.measure == step;
  EXPECT_TRUE(took) << "Germany does not take " << base.measures[at(step)].id << " for its objective";
  bool said = false;
  for (const std::string& why : pursued.rationales)
    said = said || why.find("advances our objective") != std::string::npos;
  EXPECT_TRUE(said);
}

// [SECTION] Help goes where it is needed

// Over seeded AI games of every shipped scenario: of the measures an agent takes to raise a
// partner's resilience (capacity building, incident responders, threat information), the share
// that goes to a partner in need at the moment it is queued: hit by an incident made public, or
// with resilience under 60. Germany does not build the United States' cyber capacity while
// Ukraine's grid is down.
TEST(ForeignMinistry, HelpGoesWhereItIsNeeded) {
  int aid = 0, needed = 0;
  for (const fs::path& file : shippedScenarios()) {
    const ScenarioDef def = load(file);
    const Engine engine(def);
    const AgentCatalogue catalogue(def);
    if (catalogue.resilience < 0) continue;
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
      const Session session = playSeededAiGame(engine, catalogue, seed);
      // The game again, command by command, to see each aid's target as it was when queued.
      GameState s = engine.initialState(seed);
      for (const Command& c : session.commands()) {
        if (const auto* m = std::get_if<TakeMeasure>(&c); m && m->target >= 0) {
          const MeasureProfile& p = catalogue.profiles()[at(m->measure)];
          const MeasureDef& md = def.measures[at(m->measure)];
          const bool helps = p.targetMeter[at(catalogue.resilience)] > 0 &&
                             md.category != MeasureCategory::Restrictive &&
                             md.category != MeasureCategory::Hostile;
          if (helps) {
            ++aid;
            bool victim = false;
            for (int i = 0; i < s.incidentCount; ++i)
              victim = victim || (s.incidentRevealed[at(i)] != 0 && def.incidents[at(i)].victim == m->target);
            needed += victim || s.meter(m->target, catalogue.resilience) < 60 ? 1 : 0;
          }
        }
        engine.apply(s, c);
      }
    }
  }
  ASSERT_GT(aid, 100) << "the agents give aid in these games";
  const double share = static_cast<double>(needed) / aid;
  // 126 of 139 (91 %) when this was written; 106 of 172 (62 %) before help weighed the need.
  EXPECT_GE(share, 0.85) << needed << " of " << aid << " aid measures went to a partner in need";
}

// [SECTION] When to name publicly

// Public (or joint) disclosures in a played session: (turn, actor, jointly).
std::vector<std::tuple<int, int, bool>> publicNamings(const ScenarioDef& def, const Session& session) {
  std::vector<std::tuple<int, int, bool>> out;
  for (const TurnCommand& tc : commandsByTurn(session)) {
    if (const auto* d = std::get_if<Disclose>(tc.command); d && d->kind != Disclosure::Private)
      out.emplace_back(tc.turn, d->actor, d->kind == Disclosure::Joint);
    if (const auto* m = std::get_if<TakeMeasure>(tc.command)) {
      const AttributionAct act = def.measures[at(m->measure)].attribution;
      if (act == AttributionAct::DisclosePublicly || act == AttributionAct::DiscloseJointly)
        out.emplace_back(tc.turn, m->actor, act == AttributionAct::DiscloseJointly);
    }
  }
  return out;
}

// The actor of Winter Grid that names publicly most often: with a stated policy of never
// attributing publicly it never does (private démarches remain); waiting for partners, it names
// alone only in the last week or when its domestic pressure reaches 70.
TEST(ForeignMinistry, ANationalPolicyOnPublicAttributionDecidesWhetherAndHowItNames) {
  const ScenarioDef& def = winterGrid();
  std::map<int, int> namings;
  {
    const Engine engine(def);
    const AgentCatalogue cat(def);
    for (std::uint64_t seed = 1; seed <= 15; ++seed)
      for (const auto& [turn, who, jointly] : publicNamings(def, playSeededAiGame(engine, cat, seed)))
        ++namings[who];
  }
  int speaker = -1;
  for (const auto& [who, count] : namings)
    if (speaker < 0 || count > namings[speaker]) speaker = who;
  ASSERT_GE(speaker, 0) << "nobody names publicly in Winter Grid";

  ScenarioDef never = def;
  never.actors[at(speaker)].publicAttribution = PublicAttribution::Never;
  ScenarioDef partners = def;
  partners.actors[at(speaker)].publicAttribution = PublicAttribution::WithPartners;
  int alone = 0, privately = 0;
  for (const ScenarioDef* variant : {&never, &partners}) {
    const Engine engine(*variant);
    const AgentCatalogue cat(*variant);
    int pressure = -1;
    for (std::size_t m = 0; m < variant->meterNames.size(); ++m)
      if (variant->meterNames[m] == "domestic_pressure") pressure = static_cast<int>(m);
    for (std::uint64_t seed = 1; seed <= 15; ++seed) {
      const Session session = playSeededAiGame(engine, cat, seed);
      for (const Command& c : session.commands()) {
        if (const auto* d = std::get_if<Disclose>(&c);
            d && d->actor == speaker && d->kind == Disclosure::Private)
          ++privately;
        if (const auto* m = std::get_if<TakeMeasure>(&c);
            m && m->actor == speaker &&
            def.measures[at(m->measure)].attribution == AttributionAct::DisclosePrivately)
          ++privately;
      }
      for (const auto& [turn, who, jointly] : publicNamings(*variant, session)) {
        if (who != speaker) continue;
        EXPECT_NE(variant, &never) << def.actors[at(speaker)].id << " names publicly in week " << turn
                                   << " despite its policy of never doing so (seed " << seed << ")";
        if (variant == &partners && !jointly) {
          ++alone;
          const GameState& at_start = session.turnStarts()[at(turn - 1)].snapshot;
          EXPECT_TRUE(turn == def.turns || at_start.meter(speaker, pressure) >= 70)
              << def.actors[at(speaker)].id << " names alone in week " << turn << " (seed " << seed << ")";
        }
      }
    }
  }
  // Never naming in public still leaves the private démarche.
  EXPECT_GT(privately, 0);
  std::printf("named alone while waiting for partners: %d\n", alone);
}

// The lowest confidence at which `who`, having decided that Russia was behind the grid attack
// (and told Russia so privately, as a cautious doctrine does first), names it publicly in week 3
// of Winter Grid, with the ladder at `tension` and its domestic pressure at `pressure`.
// (The catalogue's public attribution itself needs 'likely', 0.65: no doctrine goes below.)
double confidenceToName(const std::string& who, double tension, double pressure) {
  const ScenarioDef& def = winterGrid();
  const Engine engine(def);
  const AgentCatalogue cat(def);
  const int deu = actor(def, who), rus = actor(def, "rus"), grid = incident(def, "grid_attack");
  int dp = -1;
  for (std::size_t m = 0; m < def.meterNames.size(); ++m)
    if (def.meterNames[m] == "domestic_pressure") dp = static_cast<int>(m);
  for (int percent = 55; percent <= 99; ++percent) {
    GameState s = engine.initialState(1);
    deliberationOfTurn(engine, s, 3);
    setTension(engine, s, tension);
    s.meters[at(deu * s.meterCount + dp)] = pressure;
    setBelief(engine, s, deu, grid, rus, percent / 100.0);
    engine.apply(s, DecideAttribution{deu, grid, rus});
    if (engine.check(s, Disclose{deu, grid, Disclosure::Private, {}}) == std::nullopt)
      engine.apply(s, Disclose{deu, grid, Disclosure::Private, {}});
    const Choice c = choose(engine, cat, s, deu, 0, 1, Difficulty::Expert);
    for (const Command& cmd : c.commands) {
      if (const auto* d = std::get_if<Disclose>(&cmd); d && d->kind != Disclosure::Private)
        return percent / 100.0;
      if (const auto* m = std::get_if<TakeMeasure>(&cmd)) {
        const AttributionAct act = def.measures[at(m->measure)].attribution;
        if (act == AttributionAct::DisclosePublicly || act == AttributionAct::DiscloseJointly) {
          return percent / 100.0;
        }
      }
    }
  }
  return 1.0;
}

TEST(ForeignMinistry, WarAndDomesticPressureMoveTheMomentAStateNamesPublicly) {
  const ScenarioDef& def = winterGrid();
  const auto& rungs = def.ladder.rungs;
  int armed = -1;
  for (std::size_t r = 0; r < rungs.size(); ++r)
    if (rungs[r].armedConflict && armed < 0) armed = static_cast<int>(r);
  ASSERT_GT(armed, 2);
  const double calm = rungs[0].threshold + 1;
  const double tense = rungs[at(armed - 2)].threshold + 1;  // two rungs below armed conflict
  // Germany (escalation-averse, a démarche first): a public at home that demands answers makes
  // it speak sooner; nearer armed conflict it waits for more certainty.
  const double germanyCalm = confidenceToName("deu", calm, 40);
  std::printf("Germany names at %.2f (calm), %.2f (two rungs from war), %.2f (calm, pressure 95)\n",
              germanyCalm, confidenceToName("deu", tense, 40), confidenceToName("deu", calm, 95));
  EXPECT_LT(germanyCalm, 1.0);
  EXPECT_LT(confidenceToName("deu", calm, 95), germanyCalm);
  EXPECT_GT(confidenceToName("deu", tense, 40), germanyCalm);
  // Ukraine, the victim: at war it names the aggressor sooner than one rung below war.
  const double ukraineAtWar = confidenceToName("ukr", rungs[at(armed)].threshold + 1, 40);
  const double ukraineBrink = confidenceToName("ukr", rungs[at(armed - 1)].threshold + 1, 40);
  std::printf("Ukraine names at %.2f at war, %.2f one rung below\n", ukraineAtWar, ukraineBrink);
  EXPECT_LT(ukraineAtWar, ukraineBrink);
}

}  // namespace
}  // namespace demarche::agents::test
