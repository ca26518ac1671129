// The core's sentences in Ukrainian: with assets/lang/uk.txt installed, every kind of
// timeline event and every refusal reason reads in Ukrainian, with no English template left
// (the only Latin words are the scenario's own ids and names); English stays the default, and
// a language with no catalogue installed reads in English.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "../tools/Ukrainian.hpp"
#include "SmallScenario.hpp"
#include "core/Catalogue.hpp"
#include "core/Session.hpp"
#include "core/View.hpp"

namespace demarche {
namespace {

namespace fs = std::filesystem;
using S = test::Small;

using test::hasCyrillic;
using test::installUkrainian;

void addWords(std::set<std::string>& words, const std::string& text) {
  static const std::regex word("[A-Za-z_]+");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), word); it != std::sregex_iterator(); ++it)
    words.insert(it->str());
}

// Every Latin word a Ukrainian sentence may contain: the scenario's ids and names (untranslated
// in this test scenario), the notes players wrote, and the ids of terms a refusal names.
std::set<std::string> scenarioWords(const ScenarioDef& def, const GameState& s) {
  std::set<std::string> w;
  const auto text = [&](const Text& t) {
    for (const auto& [lang, value] : t.byLanguage) addWords(w, value);
  };
  for (const ActorDef& a : def.actors) addWords(w, a.id), text(a.name);
  for (const IncidentDef& i : def.incidents) addWords(w, i.id), text(i.title);
  for (const EvidenceDef& e : def.evidence) addWords(w, e.id), text(e.title);
  for (const MeasureDef& m : def.measures) addWords(w, m.id), text(m.name), text(m.requiresReason);
  for (const TermDef& t : def.terms) addWords(w, t.id), text(t.name);
  for (const InjectDef& i : def.injects) addWords(w, i.id), text(i.title);
  for (const EndingDef& e : def.endings) addWords(w, e.id), text(e.title);
  for (const RungDef& r : def.ladder.rungs) addWords(w, r.id), text(r.name);
  for (const std::string& m : def.meterNames) addWords(w, m);
  for (const std::string& n : s.notes) addWords(w, n);
  for (const char* id : {"coordinated_sanctions", "joint_attribution", "end_phase", "inject", "reveal_truth"})
    w.insert(id);
  return w;
}

// The Latin words of `sentence` that are not the scenario's: what an untranslated template leaves.
std::vector<std::string> englishLeft(const std::string& sentence, const std::set<std::string>& allowed) {
  std::set<std::string> words;
  addWords(words, sentence);
  std::vector<std::string> left;
  for (const std::string& word : words)
    if (!allowed.contains(word)) left.push_back(word);
  return left;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

// The small scenario with its one prerequisite reason translated, as a scenario that has
// Ukrainian gives it (the reason is the scenario's text, not the program's).
// The meters' names in English and Ukrainian, as a scenario gives them (`meters: [{id, name}]`).
void nameMeters(ScenarioDef& def) {
  const std::map<std::string, std::string> meters = {{"credibility", "репутація"},
                                                     {"domestic_pressure", "внутрішній тиск"},
                                                     {"economy", "економіка"},
                                                     {"resilience", "стійкість"}};
  def.meterTitles.clear();
  for (const std::string& id : def.meterNames) {
    Text title;
    title.byLanguage = {{"en", idInWords(id)}, {"uk", meters.at(id)}};
    def.meterTitles.push_back(std::move(title));
  }
}

S translatedSmall() {
  S sc;
  nameMeters(sc.def);
  Text& reason = sc.def.measures[static_cast<std::size_t>(sc.capacity)].requiresReason;
  EXPECT_FALSE(reason.empty());
  reason.byLanguage["uk"] = "для розбудови спроможностей потрібен партнер, який не є ворожим";
  return sc;
}

// One event of every kind, with fields that name real actors, measures, incidents and terms.
struct EveryEvent {
  S sc;
  Engine engine{sc.def};
  GameState state;
  std::vector<Event> events;

  EveryEvent() {
    // One private inject, so a tension change it causes is told without its title.
    sc.def.injects[static_cast<std::size_t>(sc.injTension)].audience = {S::ukr};
    nameMeters(sc.def);
    Session session(engine);
    state = session.state();
    state.notes = {"we propose to talk", "we cannot accept", "a correction"};
    Proposal p;
    p.turn = 1;
    p.from = S::ukr;
    p.to = {S::pol, S::deu};
    p.terms = {sc.termJoint, sc.termInfo};
    p.incident = sc.grid;
    p.replies = {ReplyKind::None, ReplyKind::None};
    p.textNote = 0;
    state.proposals.push_back(p);
    state.proposals.push_back(p);

    const auto ev = [&](EventKind kind, int actor, int a, int b, int c, int note = -1, double value = 0,
                        double value2 = 0, ReasonCode reason = ReasonCode::None) {
      Event e;
      e.turn = 2;
      e.kind = kind;
      e.actor = actor;
      e.a = a, e.b = b, e.c = c;
      e.note = note;
      e.value = value, e.value2 = value2;
      e.reason = reason;
      events.push_back(e);
    };
    using K = EventKind;
    ev(K::TurnStarted, -1, -1, -1, -1);
    for (int phase = 0; phase <= static_cast<int>(Phase::Ended); ++phase)
      ev(K::PhaseStarted, -1, phase, -1, -1);
    ev(K::InjectFired, -1, sc.injTurn2, 0, -1);
    ev(K::InjectFired, -1, sc.injTurn2, 1, -1);
    ev(K::IncidentRevealed, -1, sc.grid, -1, -1);
    for (int how = 0; how <= 3; ++how) ev(K::EvidenceSeen, S::ukr, sc.evMalware, how, S::pol);
    ev(K::MeasureQueued, S::ukr, sc.publicAttr, S::rus, sc.grid);
    ev(K::MeasureResolved, S::ukr, sc.sanctions, S::rus, -1);
    ev(K::MeasureFailed, S::ukr, sc.sanctions, S::rus, -1, -1, 1, 0, ReasonCode::NotEnoughCapital);
    ev(K::MeasureFailed, S::pol, sc.euSanctions, S::rus, sc.grid, -1, S::deu, 0,
       ReasonCode::BlocConsentMissing);
    ev(K::InvestigationFound, S::ukr, sc.grid, 2, -1);
    ev(K::ProposalMade, S::ukr, 0, -1, -1, 0);
    ev(K::ProposalMade, S::ukr, 1, -1, -1);
    ev(K::ProposalReplied, S::pol, 0, static_cast<int>(ReplyKind::Accept), -1, 1);
    ev(K::ProposalReplied, S::pol, 0, static_cast<int>(ReplyKind::Reject), -1, 1);
    ev(K::ProposalReplied, S::deu, 0, static_cast<int>(ReplyKind::Counter), 1, 1);
    ev(K::ProposalExpired, -1, 0, -1, -1);
    ev(K::CommitmentMade, S::ukr, S::pol, sc.termJoint, sc.grid);
    ev(K::CommitmentMade, S::ukr, S::pol, sc.termInfo, -1);
    ev(K::CommitmentBroken, S::ukr, S::pol, sc.termInfo, -1, -1, 5);
    ev(K::CommitmentBroken, -1, S::ukr, sc.termInfo, S::pol);
    ev(K::AttributionDecided, S::ukr, sc.grid, S::rus, -1);
    for (int d = 1; d <= 3; ++d) ev(K::AttributionDisclosed, S::ukr, sc.grid, S::rus, d);
    ev(K::NormBroken, S::rus, sc.offensive, 2, -1, -1, 4);
    using C = TensionCause;
    ev(K::TensionChanged, -1, static_cast<int>(C::Ladder), -1, -1, -1, 42, 7);
    ev(K::TensionChanged, -1, static_cast<int>(C::Ladder), -1, -1, -1, 30, -5);
    ev(K::TensionChanged, -1, static_cast<int>(C::Inject), sc.injTurn2, -1, -1, 20, 5);
    ev(K::TensionChanged, -1, static_cast<int>(C::Inject), sc.injTension, -1, -1, 25, 5);
    ev(K::TensionChanged, S::ukr, static_cast<int>(C::Measure), sc.sanctions, S::rus, -1, 28, 3);
    ev(K::TensionChanged, S::ukr, static_cast<int>(C::Agreement), sc.termRestraint, S::rus, -1, 20, -8);
    ev(K::RungChanged, -1, 0, 1, -1);
    ev(K::RungChanged, -1, 1, 0, -1);
    ev(K::MeterAdjusted, S::ukr, S::economy, -1, -1, 2, -5);
    ev(K::Paused, -1, -1, -1, -1);
    ev(K::Resumed, -1, -1, -1, -1);
    ev(K::TruthRevealed, -1, -1, -1, -1);
    ev(K::AttributionJudged, S::ukr, sc.grid, S::rus, 1, -1, 5);
    ev(K::AttributionJudged, S::ukr, sc.grid, S::hack, 0, -1, -10);
    ev(K::EndingReached, -1, -1, -1, -1);
    if (!sc.def.endings.empty()) ev(K::EndingReached, -1, 0, -1, -1);
    for (int seat = 0; seat <= static_cast<int>(SeatKind::Random); ++seat)
      for (int difficulty : {kDifficultyNovice, kDifficultyStandard, kDifficultyExpert})
        ev(K::SeatAssigned, S::rus, seat, difficulty, -1);
    ev(K::TurnUndone, -1, 3, 2, 6);
    ev(K::TurnUndone, -1, 3, 3, 2);
  }
};

TEST(UkrainianText, EveryEventKindReadsInUkrainianWithNoEnglishTemplateLeft) {
  installUkrainian();
  const EveryEvent every;
  const std::set<std::string> allowed = scenarioWords(every.sc.def, every.state);
  std::set<EventKind> kinds;
  for (const Event& e : every.events) {
    kinds.insert(e.kind);
    const std::string english = every.engine.describe(every.state, e, "en");
    const std::string ukrainian = every.engine.describe(every.state, e, "uk");
    const std::string what =
        "event kind " + std::to_string(static_cast<int>(e.kind)) + ": \"" + english + "\"";
    EXPECT_TRUE(hasCyrillic(ukrainian)) << what << " reads \"" << ukrainian << "\"";
    EXPECT_EQ(englishLeft(ukrainian, allowed), std::vector<std::string>{})
        << what << " left English in \"" << ukrainian << "\": " << joined(englishLeft(ukrainian, allowed));
  }
  EXPECT_EQ(kinds.size(), static_cast<std::size_t>(EventKind::TurnUndone) + 1)
      << "an event kind is not covered";
}

TEST(UkrainianText, EnglishIsTheDefaultAndUnknownLanguagesReadInEnglish) {
  installUkrainian();
  const EveryEvent every;
  for (const Event& e : every.events) {
    const std::string english = every.engine.describe(every.state, e);
    EXPECT_EQ(every.engine.describe(every.state, e, "en"), english);
    EXPECT_EQ(every.engine.describe(every.state, e, "fr"), english) << "no French catalogue is installed";
    EXPECT_FALSE(hasCyrillic(english)) << english;
  }
  const Event started{2, EventKind::TurnStarted};
  EXPECT_EQ(every.engine.describe(every.state, started), "Turn 2 begins");
  EXPECT_EQ(every.engine.describe(every.state, started, "uk"), "Починається хід 2");
}

TEST(UkrainianText, EveryRefusalReasonReadsInUkrainian) {
  installUkrainian();
  const S sc = translatedSmall();
  const Engine engine(sc.def);
  Session session(engine);
  GameState state = session.state();
  std::set<std::string> allowed = scenarioWords(sc.def, state);
  const std::vector<Command> commands = {
      TakeMeasure{S::ukr, sc.sanctions, S::rus, sc.grid},
      TakeMeasure{S::ukr, sc.capacity, S::rus, -1},
      TakeMeasure{S::pol, sc.euSanctions, S::rus, sc.grid},
      Reply{S::pol, 0, ReplyKind::Accept, {sc.termInfo}, "no"},
      Reply{S::pol, 0, ReplyKind::Reject, {sc.termInfo}, "no"},
      Disclose{S::ukr, sc.grid, Disclosure::Public, {S::pol}},
      Disclose{S::ukr, sc.grid, Disclosure::Joint, {S::pol}},
      DecideAttribution{S::ukr, sc.grid, S::pol},
      EndPhase{},
  };
  for (const Command& command : commands) allowed.insert(std::string(commandWord(command)));
  int checked = 0;
  for (int code = 1; code <= static_cast<int>(ReasonCode::FacilitatorOnly); ++code) {
    for (const Command& command : commands) {
      const auto reason = static_cast<ReasonCode>(code);
      const std::string english = engine.refusalMessage(state, command, reason, "en");
      const std::string ukrainian = engine.refusalMessage(state, command, reason, "uk");
      ++checked;
      EXPECT_TRUE(hasCyrillic(ukrainian))
          << "reason " << code << ": \"" << english << "\" reads \"" << ukrainian << "\"";
      EXPECT_EQ(englishLeft(ukrainian, allowed), std::vector<std::string>{})
          << "reason " << code << ": \"" << english << "\" left English in \"" << ukrainian << "\"";
    }
  }
  EXPECT_GT(checked, 300);
}

TEST(UkrainianText, RefusalsNameTheNumbersInUkrainianWordOrder) {
  installUkrainian();
  const S sc;
  const Engine engine(sc.def);
  Session session(engine);
  const GameState& state = session.state();
  const TakeMeasure tm{S::ukr, sc.expensive, -1, -1};
  const double capital = engine.refusalValue(state, Command{tm}, ReasonCode::NotEnoughCapital);
  const std::string cost = std::to_string(sc.def.measures[static_cast<std::size_t>(sc.expensive)].cost);
  const std::string left = std::to_string(static_cast<int>(capital));
  EXPECT_EQ(engine.refusalMessage(state, Command{tm}, ReasonCode::NotEnoughCapital),
            "costs " + cost + " capital, " + left + " left");
  EXPECT_EQ(engine.refusalMessage(state, Command{tm}, ReasonCode::NotEnoughCapital, "uk"),
            "коштує " + cost + " капіталу, залишилося " + left);
  // A probability word the ICD-203 yardstick names, in a confidence refusal.
  const TakeMeasure attribution{S::ukr, sc.publicAttr, S::hack, sc.grid};
  const std::string uk =
      engine.refusalMessage(state, Command{attribution}, ReasonCode::ConfidenceTooLow, "uk");
  EXPECT_NE(uk.find("потрібна оцінка щонайменше «"), std::string::npos) << uk;
  EXPECT_NE(uk.find("; ваша — «"), std::string::npos) << uk;
}

TEST(UkrainianText, ATeamViewInUkrainianGivesItsOptionsReasonsAndEvidenceInUkrainian) {
  installUkrainian();
  const S sc = translatedSmall();
  const Engine engine(sc.def);
  Session session(engine);
  const TeamView uk = buildTeamView(engine, session.state(), S::ukr, "uk");
  const TeamView en = buildTeamView(engine, session.state(), S::ukr);
  ASSERT_EQ(uk.options.size(), en.options.size());
  int refused = 0;
  for (std::size_t i = 0; i < uk.options.size(); ++i) {
    if (uk.options[i].legal) continue;
    ++refused;
    EXPECT_TRUE(hasCyrillic(uk.options[i].reasonText)) << en.options[i].reasonText;
    EXPECT_FALSE(hasCyrillic(en.options[i].reasonText)) << en.options[i].reasonText;
  }
  EXPECT_GT(refused, 0);
  for (const TimelineEntry& t : uk.timeline) EXPECT_TRUE(hasCyrillic(t.text)) << t.text;
  // The position's meters by their names in the team's language; their ids stay the same.
  ASSERT_EQ(uk.meters.size(), en.meters.size());
  ASSERT_FALSE(uk.meters.empty());
  for (std::size_t m = 0; m < uk.meters.size(); ++m) {
    EXPECT_EQ(uk.meters[m].name, en.meters[m].name);
    EXPECT_EQ(uk.meters[m].name, sc.def.meterNames[m]);
    EXPECT_TRUE(hasCyrillic(uk.meters[m].label)) << uk.meters[m].label;
    EXPECT_EQ(en.meters[m].label, idInWords(sc.def.meterNames[m]));
  }
}

TEST(Catalogue, FormatPhraseFillsNumberedPlaceholdersInAnyOrder) {
  EXPECT_EQ(formatPhrase("{0} takes {1}{2}", {"rus", "sanctions", " against ukr"}),
            "rus takes sanctions against ukr");
  EXPECT_EQ(formatPhrase("{2}: {0} ({1})", {"a", "b", "c"}), "c: a (b)");
  EXPECT_EQ(formatPhrase("{0} and {0}", {"x"}), "x and x");
  EXPECT_EQ(formatPhrase("{1} is missing", {"x"}), "{1} is missing");
  EXPECT_EQ(formatPhrase("braces {like this} stay", {}), "braces {like this} stay");
}

}  // namespace
}  // namespace demarche
