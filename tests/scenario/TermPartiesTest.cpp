// Term parties (docs/rules.md §4.1): a term names the kinds of actor that may propose or accept
// it. Winter Grid includes the shared terms: a restraint pledge is for states, blocs and
// organisations, not a hacktivist group; intelligence sharing is open to anyone.
#include <gtest/gtest.h>

#include <string>

#include "core/Session.hpp"
#include "scenario/Loader.hpp"

namespace demarche::scenario {
namespace {

template <class V>
int indexOf(const V& items, const std::string& id) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<int>(i);
  return -1;
}

TEST(TermParties, ARestraintPledgeIsNotOfferedToACriminalGroupButIntelligenceMaybe) {
  const auto loaded = loadScenario(std::string(DEMARCHE_SOURCE_DIR) + "/scenarios/winter-grid.yaml");
  ASSERT_TRUE(loaded.ok()) << formatDiagnostics(loaded);
  const ScenarioDef& def = *loaded.scenario;
  const int ukr = indexOf(def.actors, "ukr"), rus = indexOf(def.actors, "rus"),
            gang = indexOf(def.actors, "hacktivists");
  const int pledge = indexOf(def.terms, "restraint_pledge"),
            intel = indexOf(def.terms, "intelligence_sharing");
  ASSERT_TRUE(ukr >= 0 && rus >= 0 && gang >= 0 && pledge >= 0 && intel >= 0);
  const Engine engine(def);
  Session session(engine, 1);
  ASSERT_EQ(session.tryApply(Command{EndPhase{}}, Sender::facilitator()), ReasonCode::None);  // deliberation

  const Command toGang{Propose{ukr, {gang}, {pledge}, -1, {}}};
  EXPECT_EQ(engine.checkCode(session.state(), toGang), ReasonCode::NotAParty);
  EXPECT_EQ(engine.refusalMessage(session.state(), toGang, ReasonCode::NotAParty),
            "'Mutual restraint pledge' can only be agreed between states, blocs or international "
            "organisations; \"Cyber Winter\" hacktivist front is a non-state group");
  // From the group, too: the proposer is a party as much as the addressee.
  EXPECT_EQ(engine.checkCode(session.state(), Command{Propose{gang, {ukr}, {pledge}, -1, {}}}),
            ReasonCode::NotAParty);
  EXPECT_EQ(engine.checkCode(session.state(), Command{Propose{ukr, {rus}, {pledge}, -1, {}}}),
            ReasonCode::None);
  EXPECT_EQ(engine.checkCode(session.state(), Command{Propose{ukr, {gang}, {intel}, -1, {}}}),
            ReasonCode::None);

  // A counter is a proposal back to the proposer: the group cannot counter with a pledge.
  ASSERT_EQ(session.tryApply(Command{Propose{ukr, {gang}, {intel}, -1, {}}}, Sender::script()),
            ReasonCode::None);
  const int proposal = static_cast<int>(session.state().proposals.size()) - 1;
  Reply counter{gang, proposal, ReplyKind::Counter, {pledge}, "only if you stand down"};
  EXPECT_EQ(engine.checkCode(session.state(), Command{counter}), ReasonCode::NotAParty);
}

}  // namespace
}  // namespace demarche::scenario
